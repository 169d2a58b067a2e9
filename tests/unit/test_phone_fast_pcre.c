/* The fast path (csv/phonefast.cc) of a country without its automaton,
 * the path a country takes when digit_dfa refuses one of its patterns
 * (none does in today's metadata, so nothing else runs it): its
 * national-number patterns matched by PCRE2, each behind its three-digit
 * prefix filter. Held to libphonenumber itself (phonelib_parse) as
 * test_phone_fast holds the usual path: numbers made from every pattern
 * of every region (digit_dfa_example: every type is met), national and
 * with +code, and seeded random numbers in every region, with the calling
 * code, a 0 first, or none. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "digit_dfa.h"
#include "phonelib.h"

static long decided, valid, differ;
static uint64_t rng = 17;

static unsigned next(unsigned n)
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((rng >> 33) % n);
}

/* `digits` with a + first when plus, in region: the fast path's verdict
 * must be the library's whenever it decides. */
static void check(const char *digits, bool plus, const char *region)
{
    phonelib_number_t fast, lib;
    if (phonelib_fast(digits, strlen(digits), plus, region, &fast) < 0)
        return;
    decided++;
    valid += fast.valid;
    char text[64];
    snprintf(text, sizeof text, "%s%s", plus ? "+" : "", digits);
    assert_true(phonelib_parse(text, region, &lib));
    bool same = lib.parse == fast.parse && lib.length == fast.length &&
                strcmp(lib.region, fast.region) == 0;
    if (fast.parse == PHONELIB_PARSED)
        same = same && lib.valid == fast.valid && strcmp(lib.e164, fast.e164) == 0 &&
               lib.type == fast.type && lib.source == fast.source;
    if (!same && differ++ < 20)
        printf("DIFFER %s \"%s\": fast valid %d type %d region %s %s; library valid %d type %d "
               "region %s %s\n", region, text, fast.valid, fast.type, fast.region, fast.e164,
               lib.valid, lib.type, lib.region, lib.e164);
}

static void test_without_automata(void **state)
{
    (void)state;
    phonelib_fast_use_automata(false); // before any country is prepared
    const char *list = phonelib_region_list();
    assert_non_null(list);
    for (const char *p = list; p[0] && p[1]; p += p[2] ? 3 : 2) {
        char region[3] = {p[0], p[1], '\0'};
        int cc = phonelib_region_cc(region);
        for (int i = 0; i < 60; i++) {
            char s[40];
            size_t k = 0;
            bool plus = false;
            switch (next(4)) {
            case 0: plus = true; /* fall through */
            case 1: k += (size_t)snprintf(s, 8, "%d", cc); break;
            case 2: s[k++] = '0'; break;
            default: break;
            }
            unsigned len = 6 + next(7);
            for (unsigned d = 0; d < len; d++)
                s[k++] = (char)('0' + (d == 0 ? 1 + next(9) : next(10)));
            s[k] = '\0';
            check(s, plus, region);
        }
    }
    // numbers of every type of every region, and one digit off
    const char *pats[PHONELIB_FAST_PATTERNS], *id;
    for (size_t c = 0; (id = phonelib_fast_country_patterns(c, pats)) != NULL; c++) {
        int cc = phonelib_region_cc(id);
        if (cc <= 0) // "001": no region to write a national number in
            continue;
        for (int t = 0; t < PHONELIB_FAST_PATTERNS; t++)
            for (int i = 0; pats[t][0] && i < 4; i++) {
                char s[40];
                int k = snprintf(s, sizeof s, "%d", cc);
                long n = digit_dfa_example(pats[t], &rng, s + k, sizeof s - (size_t)k, NULL, 0);
                if (n <= 0)
                    continue;
                check(s + k, false, id);
                check(s, true, id);
                s[k + next((unsigned)n)] = (char)('0' + next(10));
                check(s + k, false, id);
            }
    }
    printf("without automata: %ld decided, %ld valid, %ld differ\n", decided, valid, differ);
    assert_true(decided > 5000);
    assert_true(valid > 3000);
    assert_int_equal(differ, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_without_automata),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
