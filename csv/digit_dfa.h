/* Regular expressions over the ten ASCII digits as deterministic automata:
 * a whole-string match costs one table step a digit and no call.
 *
 * Owns the subset of regular-expression syntax that libphonenumber's
 * national-number patterns use, and nothing more: digits, \d, digit
 * classes with ranges ([0-35-9]), non-capturing groups (?:...), '|', '?'
 * and bounded repeats {n} and {n,m}. Anything else (*, +, captures,
 * anchors, other escapes, lazy or possessive quantifiers, '.') is refused
 * with a sentence saying what and where, so that the caller keeps its
 * general regular-expression engine for that pattern (the parser and its
 * refusals: digit_dfa_parse.c).
 *
 * One automaton answers several patterns at once: every state carries a
 * mask whose bit i says that pattern i matches the whole string read so
 * far (phonefast.cc builds one per country over its general and type
 * patterns). A match means the whole subject, as PCRE2 with
 * PCRE2_ANCHORED | PCRE2_ENDANCHORED decides it; tests/unit/test_digit_dfa
 * holds the two to the same answers on every pattern of the metadata.
 *
 * Built once, read-only afterwards: any number of threads may match. */
#ifndef DIALTOP_DIGIT_DFA_H
#define DIALTOP_DIGIT_DFA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    DIGIT_DFA_MAX_PATTERNS = 16,   /* one accept bit each */
    DIGIT_DFA_MAX_STATES = 65535,  /* a state is a 16-bit index */
    DIGIT_DFA_MAX_REPEAT = 100,    /* the largest n or m of {n,m} taken */
    DIGIT_DFA_MAX_PATTERN_LEN = 16384,
    DIGIT_DFA_DEAD = 0,            /* no pattern can match any longer */
    DIGIT_DFA_START = 1,
};

/* One state: where each digit leads, and which patterns match a subject
 * that ends here. The two together: one cache line holds a state's whole
 * step. */
typedef struct {
    uint16_t next[10];
    uint16_t accept;
    uint16_t pad;
} digit_dfa_row_t;

typedef struct {
    digit_dfa_row_t *rows; /* rows[DIGIT_DFA_DEAD] leads to itself and accepts nothing */
    size_t states;         /* the dead state included */
} digit_dfa_t;

/* One automaton over `n` patterns (n <= DIGIT_DFA_MAX_PATTERNS); pats[i]
 * may be NULL or "" for "no pattern" (bit i is then never set; an empty
 * pattern matches nothing here, as the caller has no pattern for it).
 * At most max_states states (0: DIGIT_DFA_MAX_STATES). NULL when a
 * pattern is refused or the automaton would be too large (or memory ran
 * out); `err` (when not NULL) then says which and why. */
digit_dfa_t *digit_dfa_build(const char *const *pats, size_t n, size_t max_states, char *err,
                             size_t errlen);

/* The patterns that match all of s[0..len) (bit i: pats[i]); 0 when s
 * holds anything but digits. */
static inline unsigned digit_dfa_match(const digit_dfa_t *d, const char *s, size_t len)
{
    const digit_dfa_row_t *rows = d->rows;
    unsigned st = DIGIT_DFA_START;
    for (size_t i = 0; i < len; i++) {
        unsigned c = (unsigned)(unsigned char)s[i] - '0';
        if (c > 9)
            return 0;
        st = rows[st].next[c];
    }
    return rows[st].accept;
}

/* The memory the automaton holds, in bytes. */
size_t digit_dfa_bytes(const digit_dfa_t *d);

void digit_dfa_free(digit_dfa_t *d);

/* A random string that `pat` matches, built from the pattern itself (not
 * from its automaton: the tests compare the two), NUL-terminated in
 * out[cap]. *seed is the generator's state (any value but 0). Its length,
 * or -1 when the pattern is refused (err says why) or the string would
 * not fit. */
long digit_dfa_example(const char *pat, uint64_t *seed, char *out, size_t cap, char *err,
                       size_t errlen);

#ifdef __cplusplus
}
#endif

#endif
