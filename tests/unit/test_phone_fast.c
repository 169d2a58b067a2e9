/* The fast path (csv/phonefast.cc) against libphonenumber itself
 * (phonelib_parse): whenever the fast path decides, its verdict, E.164,
 * type, country-code source and length result must be the library's. On
 * the oracle corpus (20 regions, through python3-phonenumbers), on
 * seeded random digit strings, with separators, in every region the
 * metadata knows, and on every two-digit start in every region (the
 * fast path's prefix filter). Prints every difference. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "phonelib.h"

static long decided, asked, differ;

static long keypad_decided;

static void check_digits(const char *text, const char *digits, size_t nd, const char *region);

/* `text`: digits and separators, a + first allowed. */
static void check(const char *text, const char *region)
{
    char digits[128];
    size_t nd = 0;
    for (const char *p = text; *p && nd < sizeof digits - 1; p++)
        if (*p >= '0' && *p <= '9')
            digits[nd++] = *p;
    digits[nd] = '\0';
    check_digits(text, digits, nd, region);
}

/* `text` with letters: when phonelib_fast_keypad takes its shape, the
 * fast path on its digits must answer as the library on the text. */
static void check_keypad(const char *text, const char *region)
{
    char digits[128];
    size_t nd = phonelib_fast_keypad(text, strlen(text), digits, sizeof digits);
    if (!nd)
        return;
    long before = decided;
    check_digits(text, digits, nd, region);
    keypad_decided += decided - before;
}

/* The fast path's answer on `digits` against the library's on `text`. */
static void check_digits(const char *text, const char *digits, size_t nd, const char *region)
{
    phonelib_number_t fast, lib;
    int r = phonelib_fast(digits, nd, text[0] == '+', region, &fast);
    if (r < 0) {
        asked++;
        return;
    }
    decided++;
    assert_true(phonelib_parse(text, region, &lib));
    bool same;
    if (fast.parse != PHONELIB_PARSED)
        same = lib.parse == fast.parse && lib.length == fast.length &&
               strcmp(lib.region, fast.region) == 0;
    else
        same = lib.parse == PHONELIB_PARSED && lib.valid == fast.valid &&
               strcmp(lib.e164, fast.e164) == 0 && lib.type == fast.type &&
               lib.source == fast.source && lib.length == fast.length &&
               strcmp(lib.region, fast.region) == 0;
    if (!same) {
        differ++;
        printf("DIFFER %s \"%s\": fast %d %s valid %d type %d source %d length %d region %s; "
               "library parse %d %s valid %d type %d source %d length %d region %s\n", region,
               text, fast.parse, fast.e164, fast.valid, fast.type, fast.source, fast.length,
               fast.region, lib.parse, lib.e164, lib.valid, lib.type, lib.source, lib.length,
               lib.region);
    }
}

static bool plain(const char *s)
{
    if (!*s)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || strchr(" .-()/", *p) || (p == s && *p == '+')))
            return false;
    return true;
}

static void test_fast_on_corpus(void **state)
{
    (void)state;
    const char *data = getenv("DIALTOP_TESTDATA");
    char cmd[1400];
    snprintf(cmd, sizeof cmd,
             "for py in python3 /usr/bin/python3; do "
             "if $py -c 'import phonenumbers' 2>/dev/null; then "
             "exec $py '%s/../oracle/phone_corpus.py'; fi; "
             "done; exit 3", data ? data : "tests/data");
    FILE *f = popen(cmd, "r");
    assert_non_null(f);
    char line[1024];
    long before = decided;
    while (fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        char *in = tab + 1;
        char *end = strchr(in, '\t');
        if (end)
            *end = '\0';
        if (plain(in))
            check(in, line);
        else
            check_keypad(in, line); /* the generator's vanity numbers among them */
    }
    assert_int_equal(pclose(f), 0);
    printf("fast path on the corpus: %ld decided\n", decided - before);
    assert_true(decided - before > 10000);
}

static uint64_t rng = 18;
static unsigned next(unsigned n)
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((rng >> 33) % n);
}

/* Runs per_region once for every region the library's metadata knows
 * ("US", 1), in the list's order, so the seeded strings stay the same. */
static void for_each_region(void (*per_region)(const char *region, int cc))
{
    const char *list = phonelib_region_list();
    assert_non_null(list);
    for (const char *p = list; p[0] && p[1]; p += p[2] ? 3 : 2) {
        char region[3] = {p[0], p[1], '\0'};
        per_region(region, phonelib_region_cc(region));
    }
}

/* 120 random strings in region: with +cc, cc, 0, 00 or nothing first,
 * 4 to 13 digits, separators here and there. */
static void random_in_region(const char *region, int cc)
{
    for (int i = 0; i < 120; i++) {
        char s[64];
        size_t k = 0;
        switch (next(5)) {
        case 0: s[k++] = '+'; k += (size_t)snprintf(s + k, 8, "%d", cc); break;
        case 1: k += (size_t)snprintf(s + k, 8, "%d", cc); break;
        case 2: s[k++] = '0'; break;
        case 3: s[k++] = '0'; s[k++] = '0'; break;
        default: break;
        }
        unsigned len = 4 + next(10);
        for (unsigned d = 0; d < len; d++) {
            if (d && next(5) == 0)
                s[k++] = " -."[next(3)];
            s[k++] = (char)('0' + (d == 0 ? 1 + next(9) : next(10)));
        }
        s[k] = '\0';
        check(s, region);
    }
}

static void test_fast_random_all_regions(void **state)
{
    (void)state;
    long before = decided;
    for_each_region(random_in_region);
    printf("fast path on random strings: %ld decided, %ld sent to the library\n",
           decided - before, asked);
}

/* Every two-digit start in region, nationally and after +cc, the rest
 * random. */
static void every_prefix_in_region(const char *region, int cc)
{
    for (unsigned start = 10; start < 100; start++) {
        for (int plus = 0; plus < 2; plus++) {
            char s[64];
            size_t k = 0;
            if (plus) {
                s[k++] = '+';
                k += (size_t)snprintf(s + k, 8, "%d", cc);
            }
            k += (size_t)snprintf(s + k, 8, "%u", start);
            unsigned len = 5 + next(8);
            for (unsigned d = 2; d < len; d++)
                s[k++] = (char)('0' + next(10));
            s[k] = '\0';
            check(s, region);
        }
    }
}

/* Every two-digit start in every region, nationally and after +cc, the
 * rest random: each first-three-digits entry the fast path learns about
 * a pattern (no match can start so) is tried on numbers that start so,
 * against the library. */
static void test_fast_every_prefix(void **state)
{
    (void)state;
    long before = decided;
    for_each_region(every_prefix_in_region);
    printf("fast path on every two-digit start: %ld decided\n", decided - before);
}

/* A + and a calling code no country has ("+999 123 4567"), or one
 * starting with 0, in every region: the library reads the digits once
 * more as dialled in the region (its international prefix may lead to a
 * code: "+011 44 ..." in the US) and otherwise refuses them. */
static long unknown_code_decided;
static void unknown_code_in_region(const char *region, int cc)
{
    (void)cc;
    static const char *const start[] = {"+999", "+990", "+969", "+801", "+0", "+00", "+011",
                                        "+0011", "+810", "+8", "+01", "+001"};
    for (size_t i = 0; i < sizeof start / sizeof start[0]; i++) {
        for (int r = 0; r < 3; r++) {
            char s[64];
            size_t k = (size_t)snprintf(s, sizeof s, "%s ", start[i]);
            unsigned len = (r == 0 ? 1 : 2) + next(9);
            for (unsigned d = 0; d < len; d++)
                s[k++] = (char)('0' + (d == 0 ? 1 + next(9) : next(10)));
            s[k] = '\0';
            long before = decided;
            check(s, region);
            unknown_code_decided += decided - before;
        }
    }
}

static void test_fast_unknown_code(void **state)
{
    (void)state;
    for_each_region(unknown_code_in_region);
    printf("fast path on unknown calling codes: %ld decided\n", unknown_code_decided);
    assert_true(unknown_code_decided > 1000);
}

/* The region table's source (phone.c reads the fast path's copy of the
 * metadata): the same regions, in the same order, with the same calling
 * codes as the library's, and the same 0 for what is not a region. */
static void test_fast_regions(void **state)
{
    (void)state;
    const char *fast = phonelib_fast_region_list(), *lib = phonelib_region_list();
    assert_non_null(fast);
    assert_non_null(lib);
    assert_string_equal(fast, lib);
    assert_true(strlen(fast) > 200 * 3); /* some 240 regions */
    for (const char *p = fast; p[0] && p[1]; p += p[2] == ',' ? 3 : 2) {
        char iso[3] = {p[0], p[1], '\0'};
        assert_int_equal(phonelib_fast_region_cc(iso), phonelib_region_cc(iso));
    }
    assert_int_equal(phonelib_fast_region_cc("GB"), 44);
    static const char *const odd[] = {"001", "ZZ", "gb", "", "XX", "G", "GBR", "UN"};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        printf("region \"%s\": fast %d, library %d\n", odd[i], phonelib_fast_region_cc(odd[i]),
               phonelib_region_cc(odd[i]));
        assert_int_equal(phonelib_fast_region_cc(odd[i]), phonelib_region_cc(odd[i]));
    }
}

/* Letters in every position of random numbers of every region: the
 * last ones (a vanity number: 1 to 8 of them, so that both the library's
 * conversion, from three letters, and its dropping of fewer are met),
 * anywhere, or after a separator that may start an extension or a
 * second number; either case, a + or the calling code first or not. */
static void letters_in_region(const char *region, int cc)
{
    static const char *const keys[10] = {"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "QZ", "ABC", "DEF",
                                         "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ"};
    for (int i = 0; i < 40; i++) {
        char s[80];
        size_t k = 0;
        switch (next(4)) {
        case 0: s[k++] = '+'; k += (size_t)snprintf(s + k, 8, "%d", cc); break;
        case 1: k += (size_t)snprintf(s + k, 8, "%d", cc); break;
        case 2: s[k++] = '0'; break;
        default: break;
        }
        unsigned len = 5 + next(9), mode = next(4);
        unsigned tail = 1 + next(8), at = next(len);
        for (unsigned d = 0; d < len; d++) {
            if (d && next(4) == 0)
                s[k++] = mode == 3 ? " -.()/x#,"[next(9)] : " -.()"[next(5)];
            unsigned digit = d == 0 ? 1 + next(9) : next(10);
            bool letter = mode == 0 || mode == 3 ? d + tail >= len
                          : mode == 1 ? d == at || next(5) == 0
                                      : d + tail >= len && digit >= 2; /* the corpus's: 0 and 1 stay */
            if (letter) {
                const char *l = keys[digit];
                char c = l[next((unsigned)strlen(l))];
                s[k++] = next(2) ? c : (char)(c | 0x20);
            } else {
                s[k++] = (char)('0' + digit);
            }
        }
        s[k] = '\0';
        check_keypad(s, region);
    }
}

static void test_fast_keypad(void **state)
{
    (void)state;
    long before = keypad_decided;
    for_each_region(letters_in_region);
    printf("fast path on numbers with letters: %ld decided\n", keypad_decided - before);
    assert_true(keypad_decided - before > 2000);
    /* the shapes the library alone reads: none taken */
    static const char *const refused[] = {
        "12-FLOWERS",          /* two digits before the letters: not viable */
        "800-FLOWERS 2",       /* a digit after a letter */
        "800-FLO x12",         /* an extension */
        "800/FLOWERS",         /* "/x" would start a second number */
        "800-FLÖWERS",         /* not ASCII */
        "+1-800+FLOWERS",      /* a + not first */
        "8005551234",          /* no letter: the plain shape */
    };
    char d[64];
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        assert_int_equal(phonelib_fast_keypad(refused[i], strlen(refused[i]), d, sizeof d), 0);
    assert_int_equal(phonelib_fast_keypad("1-800-Flowers", 13, d, sizeof d), 11);
    assert_string_equal(d, "18003569377");
    assert_int_equal(phonelib_fast_keypad("+1 212 555 12AB", 15, d, sizeof d), 9);
    assert_string_equal(d, "121255512"); /* two letters: dropped, as the library drops them */
}

static void test_no_difference(void **state)
{
    (void)state;
    printf("fast path: %ld decided, %ld differ from the library\n", decided, differ);
    assert_int_equal(differ, 0);
}

int main(void)
{
    /* our lines and cmocka's in order, when stdout is a file */
    setvbuf(stdout, NULL, _IOLBF, 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fast_on_corpus),
        cmocka_unit_test(test_fast_random_all_regions),
        cmocka_unit_test(test_fast_every_prefix),
        cmocka_unit_test(test_fast_unknown_code),
        cmocka_unit_test(test_fast_regions),
        cmocka_unit_test(test_fast_keypad),
        cmocka_unit_test(test_no_difference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
