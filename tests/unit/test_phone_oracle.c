/* The phone oracle: dialtop's verdict and E.164 on a generated corpus of
 * 22,000 strings over the twenty regions of issue 18, against
 * libphonenumber's (python3-phonenumbers, Debian's package, through
 * tests/oracle/phone_corpus.py, seeded). Goals: at least 99.5% agreement
 * and no wrong-country rewrite; every disagreement is printed so it can
 * be listed. Needs python3-phonenumbers (make deps). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "phone.h"

#define MIN_ROWS 20000
#define MIN_REGIONS 20

/* Finds a python3 that has phonenumbers (pyenv shims may not). */
static FILE *open_corpus(void)
{
    const char *data = getenv("DIALTOP_TESTDATA");
    char script[1024], cmd[1400];
    snprintf(script, sizeof script, "%s/../oracle/phone_corpus.py", data ? data : "tests/data");
    snprintf(cmd, sizeof cmd,
             "for py in python3 /usr/bin/python3; do "
             "if $py -c 'import phonenumbers' 2>/dev/null; then exec $py '%s'; fi; done; "
             "echo 'test_phone_oracle: no python3 with phonenumbers (make deps installs "
             "python3-phonenumbers)' >&2; exit 3", script);
    return popen(cmd, "r");
}

/* Splits a line on tabs in place; returns the number of fields. */
static int split(char *line, char **f, int max)
{
    int n = 0;
    line[strcspn(line, "\n")] = '\0';
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

static void test_oracle_agreement(void **state)
{
    (void)state;
    FILE *f = open_corpus();
    assert_non_null(f);
    char line[1024];
    long rows = 0, agree = 0, wrong_country = 0, wrong_party = 0;
    /* rows libphonenumber alone calls valid that dialtop refuses, by rule */
    long by_rule[PHONE_VANITY + 1] = {0};
    char regions[64][3];
    int nregions = 0;
    while (fgets(line, sizeof line, f)) {
        char *fld[10];
        if (split(line, fld, 10) != 9)
            fail_msg("bad corpus line %ld: %s", rows + 1, line);
        const char *region = fld[0], *in = fld[1], *intended = fld[2];
        bool want_ok = fld[3][0] == '1';
        const char *want_e164 = fld[4], *want_type = fld[5], *want_ext = fld[6], *cc = fld[7];
        int r;
        for (r = 0; r < nregions && strcmp(regions[r], region) != 0; r++)
            ;
        if (r == nregions && nregions < 64)
            snprintf(regions[nregions++], 3, "%.2s", region);
        rows++;
        phone_number_t out;
        char why[200] = "";
        phone_status_t st = phone_normalize(in, strlen(in), phone_region_find(region), 0, &out,
                                            why, sizeof why);
        bool ok = st == PHONE_OK;
        bool same = ok == want_ok &&
                    (!ok || (strcmp(out.e164, want_e164) == 0 &&
                             strcmp(phone_type_name(out.type), want_type) == 0 &&
                             strcmp(out.ext, want_ext) == 0));
        if (same) {
            agree++;
        } else {
            printf("DISAGREE %s \"%s\": dialtop %s %s %s ext \"%s\" (%s); libphonenumber %s %s "
                   "%s ext \"%s\"\n", region, in, ok ? "accepts" : "rejects", out.e164,
                   ok ? phone_type_name(out.type) : "", out.ext, why,
                   want_ok ? "accepts" : "rejects", want_e164, want_type, want_ext);
            /* accepted into another country than the one the oracle
             * gives the string (its number's, else the region's) */
            if (ok && strncmp(out.e164 + 1, cc, strlen(cc)) != 0) /* codes are prefix-free */
                wrong_country++;
        }
        if (!ok && fld[8][0] == '1' && st <= PHONE_VANITY)
            by_rule[st]++;
        if (ok && intended[0] && strcmp(out.e164, intended) != 0 && want_ok &&
            strcmp(want_e164, intended) != 0)
            wrong_party++; /* both read it the same other way: ambiguous as written */
    }
    int rc = pclose(f);
    printf("oracle: valid to libphonenumber alone but refused by dialtop's rules: premium/shared "
           "cost %ld, wrong country %ld, vanity letters %ld, more than E.164's 15 digits %ld, "
           "other %ld\n", by_rule[PHONE_PREMIUM], by_rule[PHONE_WRONG_COUNTRY],
           by_rule[PHONE_VANITY], by_rule[PHONE_TOO_LONG],
           by_rule[PHONE_SPREADSHEET] + by_rule[PHONE_BAD_CHAR] + by_rule[PHONE_TOO_SHORT] +
               by_rule[PHONE_BAD_COUNTRY] + by_rule[PHONE_BAD_LENGTH] + by_rule[PHONE_NOT_IN_USE]);
    printf("oracle: %ld strings, %d regions, %ld agree (%.2f%%), %ld wrong-country rewrites; "
           "%ld strings both read as a number other than the one they were made from "
           "(another country's national form that is also valid here)\n", rows, nregions,
           agree, rows ? 100.0 * (double)agree / (double)rows : 0.0, wrong_country, wrong_party);
    assert_int_equal(rc, 0);
    assert_true(rows >= MIN_ROWS);
    assert_true(nregions >= MIN_REGIONS);
    assert_true(agree * 1000 >= rows * 995);
    assert_int_equal(wrong_country, 0);
}

int main(void)
{
    /* our lines and cmocka's in order, when stdout is a file */
    setvbuf(stdout, NULL, _IOLBF, 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oracle_agreement),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
