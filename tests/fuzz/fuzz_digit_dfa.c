/* libFuzzer target: digit_dfa (csv/digit_dfa.c) against PCRE2's full
 * match (PCRE2_ANCHORED | PCRE2_ENDANCHORED), the engine it replaces.
 *
 * First byte even: a country of libphonenumber's metadata, chosen by the
 * next two bytes; the rest is the subject. The automaton phonefast builds
 * for it (all its national-number patterns at once) must answer each
 * pattern as PCRE2 does.
 * First byte odd: a small pattern of the input's own, up to a '\n', then
 * the subject. When digit_dfa takes the pattern, PCRE2 must take it too
 * and both must give the same answer on the subject and on strings made
 * from the pattern; a pattern digit_dfa refuses is the caller's to run by
 * PCRE2, nothing to compare.
 *
 * Subject bytes become digits (byte % 10) except bytes from 0xF0 up, kept
 * as they are: a non-digit must match nothing in either. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "digit_dfa.h"
#include "phonelib.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_COUNTRIES = 512, MAX_OWN_PATTERN = 48, MAX_SUBJECT = 40, OWN_STATE_CAP = 4096 };

static void check(int cond)
{
    if (!cond)
        abort();
}

typedef struct {
    digit_dfa_t *dfa;
    pcre2_code *re[PHONELIB_FAST_PATTERNS]; /* NULL: no pattern */
} country_t;

static country_t countries[MAX_COUNTRIES];
static size_t country_count;
static pcre2_match_data *md;
static pcre2_match_context *mctx;

static pcre2_code *compile(const char *pat, size_t len)
{
    char wrapped[DIGIT_DFA_MAX_PATTERN_LEN + 8];
    if (len + 5 > sizeof wrapped)
        return NULL;
    memcpy(wrapped, "(?:", 3);
    memcpy(wrapped + 3, pat, len);
    wrapped[3 + len] = ')';
    int err;
    PCRE2_SIZE off;
    return pcre2_compile((PCRE2_SPTR)wrapped, len + 4, PCRE2_ANCHORED | PCRE2_ENDANCHORED, &err,
                         &off, NULL);
}

/* 1 match, 0 none, -1 PCRE2 gave up (a backtracking limit): no answer */
static int reference(const pcre2_code *re, const char *s, size_t len)
{
    int rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, md, mctx);
    if (rc > 0)
        return 1;
    return rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

static void setup(void)
{
    md = pcre2_match_data_create(16, NULL);
    mctx = pcre2_match_context_create(NULL);
    check(md && mctx);
    // a small pattern of the fuzzer's ((?:\d?\d?){20} on 19 digits) can
    // make PCRE2's backtracking explode; its answer is then left out
    pcre2_set_match_limit(mctx, 200000);
    const char *pats[PHONELIB_FAST_PATTERNS];
    while (country_count < MAX_COUNTRIES && phonelib_fast_country_patterns(country_count, pats)) {
        country_t *c = &countries[country_count++];
        c->dfa = digit_dfa_build(pats, PHONELIB_FAST_PATTERNS, 0, NULL, 0);
        check(c->dfa != NULL); // test_digit_dfa says which pattern, if one is refused
        for (int i = 0; i < PHONELIB_FAST_PATTERNS; i++)
            if (pats[i][0]) {
                c->re[i] = compile(pats[i], strlen(pats[i]));
                check(c->re[i] != NULL);
                pcre2_jit_compile(c->re[i], PCRE2_JIT_COMPLETE);
            }
    }
    check(country_count > 200);
}

static size_t subject_of(const uint8_t *data, size_t size, char *out)
{
    size_t n = size < MAX_SUBJECT ? size : MAX_SUBJECT;
    for (size_t i = 0; i < n; i++)
        out[i] = data[i] >= 0xF0 ? (char)data[i] : (char)('0' + data[i] % 10);
    return n;
}

static void one_country(const uint8_t *data, size_t size)
{
    if (size < 2)
        return;
    const country_t *c = &countries[(data[0] | (size_t)data[1] << 8) % country_count];
    char s[MAX_SUBJECT];
    size_t len = subject_of(data + 2, size - 2, s);
    unsigned got = digit_dfa_match(c->dfa, s, len);
    for (int i = 0; i < PHONELIB_FAST_PATTERNS; i++) {
        int want = c->re[i] ? reference(c->re[i], s, len) : 0;
        check(want < 0 || (int)((got >> i) & 1u) == want);
    }
}

static void same_answer(const digit_dfa_t *d, const pcre2_code *re, const char *s, size_t len)
{
    int want = reference(re, s, len);
    check(want < 0 || (int)digit_dfa_match(d, s, len) == want);
}

static void own_pattern(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t plen = nl ? (size_t)(nl - data) : size;
    if (plen > MAX_OWN_PATTERN || memchr(data, '\0', plen))
        return;
    char pat[MAX_OWN_PATTERN + 1];
    memcpy(pat, data, plen);
    pat[plen] = '\0';
    if (!plen) // "no pattern" to digit_dfa, the empty pattern to PCRE2
        return;
    const char *p = pat;
    digit_dfa_t *d = digit_dfa_build(&p, 1, OWN_STATE_CAP, NULL, 0);
    if (!d)
        return;
    pcre2_code *re = compile(pat, plen);
    check(re != NULL); // digit_dfa took a pattern PCRE2 does not
    char s[MAX_SUBJECT];
    size_t rest = nl ? size - plen - 1 : 0;
    size_t len = subject_of(nl ? nl + 1 : data, rest, s);
    same_answer(d, re, s, len);
    // strings of the pattern, as made and one digit changed
    uint64_t seed = 0x9E3779B97F4A7C15ull ^ (uint64_t)size;
    for (int k = 0; k < 4; k++) {
        char ex[MAX_SUBJECT + 1];
        long n = digit_dfa_example(pat, &seed, ex, sizeof ex, NULL, 0);
        if (n < 0)
            continue;
        check(reference(re, ex, (size_t)n) != 0); // it is a string of the pattern
        check(digit_dfa_match(d, ex, (size_t)n) == 1);
        if (n > 0) {
            size_t at = (size_t)(seed % (uint64_t)n);
            ex[at] = (char)('0' + (ex[at] - '0' + 1 + (int)((seed >> 32) % 9)) % 10);
            same_answer(d, re, ex, (size_t)n);
        }
    }
    pcre2_code_free(re);
    digit_dfa_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!md)
        setup();
    if (size == 0)
        return 0;
    if (data[0] % 2 == 0)
        one_country(data + 1, size - 1);
    else
        own_pattern(data + 1, size - 1);
    return 0;
}
