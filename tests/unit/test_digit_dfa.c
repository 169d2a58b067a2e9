/* digit_dfa (csv/digit_dfa.c) against PCRE2, the engine it replaces in
 * phonefast.cc: for EVERY national-number pattern of libphonenumber's
 * metadata, the automaton and PCRE2 (a full match: PCRE2_ANCHORED |
 * PCRE2_ENDANCHORED, as phonefast compiled them) must give the same answer
 * on every digit string of length 0..4, on random strings of every length
 * 1..17, and on strings made from the pattern (digit_dfa_example, which
 * reads the pattern, not the automaton) with one digit changed, one added
 * and one removed. Each country's automaton over all its patterns at once
 * (the one phonefast builds) is held to PCRE2 pattern by pattern too, and
 * every country must have one. Then what the parser refuses, and why. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "digit_dfa.h"
#include "phonelib.h"

enum { RANDOM_PER_LENGTH = 30, EXAMPLES = 40, MAX_SUBJECT = 64 };

static uint64_t rng = 0x2545F4914F6CDD1Dull;

static uint64_t next_random(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717ull;
}

typedef struct {
    pcre2_code *re;
    pcre2_match_data *md;
} reference_t;

static void reference_open(reference_t *r, const char *pat)
{
    char wrapped[DIGIT_DFA_MAX_PATTERN_LEN + 8];
    int n = snprintf(wrapped, sizeof wrapped, "(?:%s)", pat);
    assert_true(n > 0 && (size_t)n < sizeof wrapped);
    int err;
    PCRE2_SIZE off;
    r->re = pcre2_compile((PCRE2_SPTR)wrapped, (size_t)n, PCRE2_ANCHORED | PCRE2_ENDANCHORED,
                          &err, &off, NULL);
    assert_non_null(r->re);
    pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE); // the interpreter if refused
    r->md = pcre2_match_data_create_from_pattern(r->re, NULL);
    assert_non_null(r->md);
}

static void reference_close(reference_t *r)
{
    pcre2_match_data_free(r->md);
    pcre2_code_free(r->re);
}

static int reference_match(const reference_t *r, const char *s, size_t len)
{
    int rc = pcre2_match(r->re, (PCRE2_SPTR)s, len, 0, 0, r->md, NULL);
    assert_true(rc > 0 || rc == PCRE2_ERROR_NOMATCH);
    return rc > 0;
}

static long compared, differ;

/* One subject on n patterns at once: bit i of the automaton's answer is
 * pattern i's answer by PCRE2 (refs[i].re NULL: no pattern, never set). */
static void compare(const digit_dfa_t *d, const reference_t *refs, const char *const *pats,
                    size_t n, const char *s, size_t len)
{
    unsigned got = digit_dfa_match(d, s, len);
    for (size_t i = 0; i < n; i++) {
        int want = refs[i].re ? reference_match(&refs[i], s, len) : 0;
        compared++;
        if ((int)((got >> i) & 1u) != want) {
            if (differ++ < 20)
                printf("DIFFER pattern %s on \"%.*s\": automaton %d, PCRE2 %d\n", pats[i],
                       (int)len, s, (int)((got >> i) & 1u), want);
        }
    }
}

/* Every string of length 0..max_len. */
static void compare_all_short(const digit_dfa_t *d, const reference_t *refs,
                              const char *const *pats, size_t n, int max_len)
{
    char s[8];
    for (int len = 0; len <= max_len; len++) {
        long count = 1;
        for (int i = 0; i < len; i++)
            count *= 10;
        for (long v = 0; v < count; v++) {
            long x = v;
            for (int i = len - 1; i >= 0; i--, x /= 10)
                s[i] = (char)('0' + x % 10);
            compare(d, refs, pats, n, s, (size_t)len);
        }
    }
}

static void compare_random(const digit_dfa_t *d, const reference_t *refs,
                           const char *const *pats, size_t n, int per_length)
{
    char s[18];
    for (int len = 1; len <= 17; len++)
        for (int k = 0; k < per_length; k++) {
            for (int i = 0; i < len; i++)
                s[i] = (char)('0' + next_random() % 10);
            compare(d, refs, pats, n, s, (size_t)len);
        }
}

/* Strings made from pattern `from`, as they are and one edit away. */
static void compare_examples(const digit_dfa_t *d, const reference_t *refs,
                             const char *const *pats, size_t n, const char *from, int count)
{
    for (int k = 0; k < count; k++) {
        char s[MAX_SUBJECT + 2], t[MAX_SUBJECT + 2];
        char err[200] = "";
        long len = digit_dfa_example(from, &rng, s, MAX_SUBJECT, err, sizeof err);
        if (len < 0) { // longer than MAX_SUBJECT: not a phone number
            assert_string_equal(err, "");
            continue;
        }
        size_t l = (size_t)len;
        compare(d, refs, pats, n, s, l);
        if (l > 0) { // one digit changed
            memcpy(t, s, l);
            size_t at = next_random() % l;
            t[at] = (char)('0' + (t[at] - '0' + 1 + next_random() % 9) % 10);
            compare(d, refs, pats, n, t, l);
            // one removed
            at = next_random() % l;
            memcpy(t, s, at);
            memcpy(t + at, s + at + 1, l - at - 1);
            compare(d, refs, pats, n, t, l - 1);
        }
        // one added
        size_t at = next_random() % (l + 1);
        memcpy(t, s, at);
        t[at] = (char)('0' + next_random() % 10);
        memcpy(t + at + 1, s + at, l - at);
        compare(d, refs, pats, n, t, l + 1);
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every national-number pattern of the metadata, each once. */
static const char **metadata_patterns(size_t *count)
{
    size_t cap = 4096, n = 0;
    const char **all = malloc(cap * sizeof *all);
    assert_non_null(all);
    const char *pats[PHONELIB_FAST_PATTERNS];
    for (size_t c = 0; phonelib_fast_country_patterns(c, pats); c++)
        for (int i = 0; i < PHONELIB_FAST_PATTERNS; i++)
            if (pats[i][0]) {
                assert_true(n < cap);
                all[n++] = pats[i];
            }
    qsort(all, n, sizeof *all, cmp_str);
    size_t unique = 0;
    for (size_t i = 0; i < n; i++)
        if (!unique || strcmp(all[unique - 1], all[i]) != 0)
            all[unique++] = all[i];
    *count = unique;
    return all;
}

static void test_every_pattern_alone(void **state)
{
    (void)state;
    size_t n;
    const char **all = metadata_patterns(&n);
    assert_true(n > 1000); // the metadata holds about 1,400 distinct ones
    compared = differ = 0;
    for (size_t i = 0; i < n; i++) {
        char err[200] = "";
        digit_dfa_t *d = digit_dfa_build(&all[i], 1, 0, err, sizeof err);
        if (!d)
            printf("REFUSED %s: %s\n", all[i], err);
        assert_non_null(d);
        reference_t ref;
        reference_open(&ref, all[i]);
        compare_all_short(d, &ref, &all[i], 1, 4);
        compare_random(d, &ref, &all[i], 1, RANDOM_PER_LENGTH);
        compare_examples(d, &ref, &all[i], 1, all[i], EXAMPLES);
        reference_close(&ref);
        digit_dfa_free(d);
    }
    printf("%zu patterns, %ld comparisons, %ld differ\n", n, compared, differ);
    free(all);
    assert_int_equal(differ, 0);
}

/* The automaton phonefast builds for each country, bit by bit. */
static void test_every_country_at_once(void **state)
{
    (void)state;
    compared = differ = 0;
    size_t countries = 0, largest = 0;
    const char *pats[PHONELIB_FAST_PATTERNS], *largest_id = "";
    const char *id;
    for (size_t c = 0; (id = phonelib_fast_country_patterns(c, pats)) != NULL; c++) {
        char err[200] = "";
        digit_dfa_t *d = digit_dfa_build(pats, PHONELIB_FAST_PATTERNS, 0, err, sizeof err);
        if (!d)
            printf("REFUSED country %s: %s\n", id, err);
        assert_non_null(d);
        if (d->states > largest) {
            largest = d->states;
            largest_id = id;
        }
        reference_t refs[PHONELIB_FAST_PATTERNS] = {{0}};
        for (int i = 0; i < PHONELIB_FAST_PATTERNS; i++)
            if (pats[i][0])
                reference_open(&refs[i], pats[i]);
        compare_all_short(d, refs, pats, PHONELIB_FAST_PATTERNS, 3);
        compare_random(d, refs, pats, PHONELIB_FAST_PATTERNS, 5);
        for (int i = 0; i < PHONELIB_FAST_PATTERNS; i++)
            if (pats[i][0])
                compare_examples(d, refs, pats, PHONELIB_FAST_PATTERNS, pats[i], 10);
        for (int i = 0; i < PHONELIB_FAST_PATTERNS; i++)
            if (refs[i].re)
                reference_close(&refs[i]);
        digit_dfa_free(d);
        countries++;
    }
    printf("%zu countries, %ld comparisons, %ld differ; largest %s, %zu states\n", countries,
           compared, differ, largest_id, largest);
    assert_true(countries > 200);
    assert_int_equal(differ, 0);
}

/* Small cases with known answers: several patterns, no pattern, the empty
 * string, a subject that is not all digits. */
static void test_known_answers(void **state)
{
    (void)state;
    const char *pats[] = {"1\\d{2}", NULL, "(?:)", "[13-5]{2,3}|9?", "", "0(?:1|23)?"};
    digit_dfa_t *d = digit_dfa_build(pats, 6, 0, NULL, 0);
    assert_non_null(d);
    assert_int_equal(digit_dfa_match(d, "", 0), (1u << 2) | (1u << 3));
    assert_int_equal(digit_dfa_match(d, "134", 3), (1u << 0) | (1u << 3));
    assert_int_equal(digit_dfa_match(d, "123", 3), 1u << 0);
    assert_int_equal(digit_dfa_match(d, "100", 3), 1u << 0);
    assert_int_equal(digit_dfa_match(d, "9", 1), 1u << 3);
    assert_int_equal(digit_dfa_match(d, "34", 2), 1u << 3);
    assert_int_equal(digit_dfa_match(d, "3452", 4), 0);
    assert_int_equal(digit_dfa_match(d, "0", 1), 1u << 5);
    assert_int_equal(digit_dfa_match(d, "01", 2), 1u << 5);
    assert_int_equal(digit_dfa_match(d, "023", 3), 1u << 5);
    assert_int_equal(digit_dfa_match(d, "02", 2), 0);
    assert_int_equal(digit_dfa_match(d, "1a3", 3), 0);
    assert_int_equal(digit_dfa_match(d, "12\x00", 3), 0);
    assert_true(digit_dfa_bytes(d) >= d->states * sizeof d->rows[0]);
    digit_dfa_free(d);

    // no patterns at all: nothing matches, not even the empty string
    d = digit_dfa_build(pats, 0, 0, NULL, 0);
    assert_non_null(d);
    assert_int_equal(digit_dfa_match(d, "", 0), 0);
    assert_int_equal(digit_dfa_match(d, "1", 1), 0);
    digit_dfa_free(d);

    // {n,m} takes exactly n to m
    const char *rep[] = {"7{2,4}"};
    d = digit_dfa_build(rep, 1, 0, NULL, 0);
    assert_non_null(d);
    assert_int_equal(digit_dfa_match(d, "7", 1), 0);
    assert_int_equal(digit_dfa_match(d, "77", 2), 1);
    assert_int_equal(digit_dfa_match(d, "7777", 4), 1);
    assert_int_equal(digit_dfa_match(d, "77777", 5), 0);
    digit_dfa_free(d);
    digit_dfa_free(NULL);
}

/* What the parser refuses, with the sentence that says why. */
static void test_refusals(void **state)
{
    (void)state;
    static const struct {
        const char *pattern, *why;
    } cases[] = {
        {"1*", "unbounded repeat ('*')"},
        {"1+", "unbounded repeat or a possessive"},
        {"1{2}+", "quantifier after a quantifier"},
        {"1??", "quantifier after a quantifier"},
        {"1{2}{3}", "quantifier after a quantifier"},
        {"1{2,}", "not a bounded repeat"},
        {"1{,2}", "not a bounded repeat"},
        {"1{a}", "not a bounded repeat"},
        {"1{2", "not a bounded repeat"},
        {"1{3,2}", "maximum is under its minimum"},
        {"1{101}", "repeat count over 100"},
        {"?1", "nothing before it"},
        {"{2}", "nothing before it"},
        {"(12)", "group other than (?:...)"},
        {"(?=1)", "group other than (?:...)"},
        {"(?:12", "'(' without its ')'"},
        {"(?:(?:1)", "'(' without its ')'"},
        {"12)", "')' without its '('"},
        {"1|2)|3", "')' without its '('"},
        {"[^1]", "negated class"},
        {"[]", "empty class"},
        {"[12", "unterminated class"},
        {"[a]", "only digits, digit ranges and \\d"},
        {"[1-]", "only digits, digit ranges and \\d"},
        {"[5-2]", "range out of order"},
        {"\\w", "escape other than \\d"},
        {"[\\s]", "escape other than \\d"},
        {"1\\", "escape other than \\d"},
        {".", "any character"},
        {"^1", "anchor"},
        {"1$", "anchor"},
        {"a", "'a' is not a digit"},
        {"1 2", "' ' is not a digit"},
        {"\x01", "byte 0x01"},
        {"]", "outside a class"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[200] = "";
        const char *p = cases[i].pattern;
        digit_dfa_t *d = digit_dfa_build(&p, 1, 0, err, sizeof err);
        printf("%-10s %s\n", p, err);
        assert_null(d);
        assert_non_null(strstr(err, cases[i].why));
        assert_non_null(strstr(err, "refused at offset"));
        char out[32];
        uint64_t seed = 1;
        err[0] = '\0';
        assert_int_equal(digit_dfa_example(p, &seed, out, sizeof out, err, sizeof err), -1);
        assert_non_null(strstr(err, cases[i].why));
    }
    // too deep
    char deep[400] = "";
    for (int i = 0; i < 65; i++)
        strcat(deep, "(?:");
    strcat(deep, "1");
    for (int i = 0; i < 65; i++)
        strcat(deep, ")");
    char err[200] = "";
    const char *p = deep;
    assert_null(digit_dfa_build(&p, 1, 0, err, sizeof err));
    assert_non_null(strstr(err, "nested more than 64 deep"));
    // too many patterns
    const char *many[DIGIT_DFA_MAX_PATTERNS + 1];
    for (int i = 0; i <= DIGIT_DFA_MAX_PATTERNS; i++)
        many[i] = "1";
    assert_null(digit_dfa_build(many, DIGIT_DFA_MAX_PATTERNS + 1, 0, err, sizeof err));
    assert_non_null(strstr(err, "at most 16"));
    digit_dfa_t *d = digit_dfa_build(many, DIGIT_DFA_MAX_PATTERNS, 0, NULL, 0);
    assert_non_null(d);
    assert_int_equal(digit_dfa_match(d, "1", 1), 0xFFFFu);
    digit_dfa_free(d);
    // the second pattern refused: the first's good parse does not make it
    const char *second[] = {"12", "1*"};
    assert_null(digit_dfa_build(second, 2, 0, err, sizeof err));
    assert_non_null(strstr(err, "unbounded repeat"));
}

/* The state caps: the caller's and the module's own. */
static void test_too_many_states(void **state)
{
    (void)state;
    char err[200] = "";
    const char *eight = "12345678"; // the dead state, the start and 8 more
    assert_null(digit_dfa_build(&eight, 1, 9, err, sizeof err));
    assert_non_null(strstr(err, "more than 9 states"));
    digit_dfa_t *d = digit_dfa_build(&eight, 1, 10, err, sizeof err);
    assert_non_null(d);
    assert_int_equal(d->states, 10);
    digit_dfa_free(d);
    // "a 1 seventeen digits from the end" needs a state for each of the
    // 2^17 ways the last seventeen could end: over 65,535
    const char *blowup = "[01]{0,20}1[01]{16}";
    assert_null(digit_dfa_build(&blowup, 1, 0, err, sizeof err));
    assert_non_null(strstr(err, "more than 65535 states"));
    // written out, the repeats would make too many states before the subset
    // construction starts
    const char *huge = "(?:(?:(?:\\d{100}){100}){100}){2}";
    assert_null(digit_dfa_build(&huge, 1, 0, err, sizeof err));
    assert_non_null(strstr(err, "before determinisation"));
}

/* digit_dfa_example: a string of the pattern, or -1 when it would not fit. */
static void test_examples(void **state)
{
    (void)state;
    uint64_t seed = 7;
    char out[8];
    assert_int_equal(digit_dfa_example("12\\d", &seed, out, sizeof out, NULL, 0), 3);
    assert_memory_equal(out, "12", 2);
    assert_true(out[2] >= '0' && out[2] <= '9' && out[3] == '\0');
    assert_int_equal(digit_dfa_example("\\d{8}", &seed, out, sizeof out, NULL, 0), -1);
    assert_int_equal(digit_dfa_example("\\d{7}", &seed, out, sizeof out, NULL, 0), 7);
    assert_int_equal(digit_dfa_example("(?:)", &seed, out, sizeof out, NULL, 0), 0);
    assert_string_equal(out, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_answers),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_too_many_states),
        cmocka_unit_test(test_examples),
        cmocka_unit_test(test_every_country_at_once),
        cmocka_unit_test(test_every_pattern_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
