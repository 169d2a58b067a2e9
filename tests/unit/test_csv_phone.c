/* Unit tests for csv/phone: E.164 from libphonenumber, dialtop's rules on
 * top (wrong country, premium, vanity), regions and spreadsheet-spoiled
 * numbers. The oracle comparison is test_phone_oracle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "phone.h"

typedef struct {
    const char *region;
    const char *in;
    phone_status_t want;
    const char *e164;
    phone_type_t type;  /* checked when want == PHONE_OK */
    const char *ext;    /* NULL: none */
} phone_case_t;

#define FIXED PHONE_TYPE_FIXED_LINE
#define MOB PHONE_TYPE_MOBILE
#define FOM PHONE_TYPE_FIXED_OR_MOBILE
#define FREE PHONE_TYPE_TOLL_FREE
#define UNK PHONE_TYPE_UNKNOWN

/* The issue's examples (18) and the formats the old normaliser took. Numbers
 * in the 555-201 block the old tests used are not in service (no US area
 * code 555), so they became 201-555 here. */
static const phone_case_t cases[] = {
    /* separators and invisible characters */
    {"US", "(201) 555-1234", PHONE_OK, "+12015551234", FOM, NULL},
    {"US", "201.555.1234", PHONE_OK, "+12015551234", FOM, NULL},
    {"US", "  201 555 1234\t", PHONE_OK, "+12015551234", FOM, NULL},
    {"US", "'2015551234", PHONE_OK, "+12015551234", FOM, NULL},
    {"US", "tel:+1-201-555-1234", PHONE_OK, "+12015551234", FOM, NULL},
    {"US", "TEL:2015551234", PHONE_OK, "+12015551234", FOM, NULL},
    {"US", "201\xC2\xA0" "555\xC2\xA0" "1234", PHONE_OK, "+12015551234", FOM, NULL},
    {"US", "\xE2\x80\x8B" "201555\xE2\x80\x8C" "1234\xE2\x80\x8D", PHONE_OK, "+12015551234", FOM,
     NULL},
    {"US", "\xE2\x81\xA0" "2015551234\xEF\xBB\xBF", PHONE_OK, "+12015551234", FOM, NULL},
    /* trunk prefixes and each region's own international prefix */
    {"US", "1 201 555 1234", PHONE_OK, "+12015551234", FOM, NULL},
    {"US", "011 44 20 7946 0958", PHONE_OK, "+442079460958", FIXED, NULL},
    {"US", "+44 (0)20 7946 0958", PHONE_OK, "+442079460958", FIXED, NULL},
    {"GB", "0044 20 7946 0958", PHONE_OK, "+442079460958", FIXED, NULL},
    {"GB", "020 7946 0958", PHONE_OK, "+442079460958", FIXED, NULL},
    {"GB", "07911 123456", PHONE_OK, "+447911123456", MOB, NULL},
    {"GB", "011 44 20 7946 0958", PHONE_TOO_LONG, "", UNK, NULL}, /* 011 is NANP's */
    {"US", "0044 20 7946 0958", PHONE_TOO_LONG, "", UNK, NULL},  /* 00 is not US's */
    {"AU", "0011 44 20 7946 0958", PHONE_OK, "+442079460958", FIXED, NULL},
    {"JP", "010 44 20 7946 0958", PHONE_OK, "+442079460958", FIXED, NULL},
    {"KE", "000 44 20 7946 0958", PHONE_OK, "+442079460958", FIXED, NULL},
    {"BR", "0021 44 20 7946 0958", PHONE_OK, "+442079460958", FIXED, NULL},
    {"NG", "009 234 18040123", PHONE_OK, "+23418040123", FIXED, NULL},
    {"SG", "001 65 61234267", PHONE_OK, "+6561234267", FIXED, NULL},
    {"IN", "09876543210", PHONE_OK, "+919876543210", MOB, NULL},
    {"IN", "98765 43210", PHONE_OK, "+919876543210", MOB, NULL},
    {"IN", "919876543210", PHONE_OK, "+919876543210", MOB, NULL}, /* CC without + */
    {"DE", "030 1234567", PHONE_OK, "+49301234567", FIXED, NULL},
    {"DE", "+49 30 1234567", PHONE_OK, "+49301234567", FIXED, NULL},
    {"DE", "+49 030 1234567", PHONE_OK, "+49301234567", FIXED, NULL}, /* +cc 0... */
    {"DE", "4930726127", PHONE_OK, "+4930726127", FIXED, NULL},
    {"BR", "0800 71 3513", PHONE_OK, "+55800713513", FREE, NULL},
    {"RU", "8 916 123-45-67", PHONE_OK, "+79161234567", MOB, NULL},
    {"in", "+1 201 555 1234", PHONE_OK, "+12015551234", FOM, NULL},
    {"IN", "1800 180 1961", PHONE_OK, "+9118001801961", FREE, NULL},
    {"US", "+389 2 3123 456", PHONE_OK, "+38923123456", FIXED, NULL},
    {"US", "+800 1234 5678", PHONE_OK, "+80012345678", FREE, NULL},
    /* extensions are kept apart */
    {"US", "(201) 555-0123 x305", PHONE_OK, "+12015550123", FOM, "305"},
    {"US", "(201) 555-0123 #22", PHONE_OK, "+12015550123", FOM, "22"},
    {"GB", "020 7946 0958 ext. 12", PHONE_OK, "+442079460958", FIXED, "12"},
    /* vanity letters: NANP and AU only, and only when the result is valid */
    {"US", "1-800-FLOWERS", PHONE_OK, "+18003569377", FREE, NULL},
    {"GB", "0800 FLOWERS", PHONE_VANITY, "", UNK, NULL},
    {"US", "555-CALL-NOW", PHONE_NOT_IN_USE, "", UNK, NULL},
    /* dead numbers: right shape, no number range */
    {"US", "(415) 055-2671", PHONE_NOT_IN_USE, "", UNK, NULL},
    {"US", "+1 555 555 5555", PHONE_NOT_IN_USE, "", UNK, NULL},
    {"CA", "(711) 229-7493", PHONE_NOT_IN_USE, "", UNK, NULL},
    {"US", "+1 123 456 7890", PHONE_NOT_IN_USE, "", UNK, NULL},
    {"NG", "0802123427", PHONE_NOT_IN_USE, "", UNK, NULL}, /* a digit short */
    {"GB", "05367968122", PHONE_NOT_IN_USE, "", UNK, NULL},
    {"BR", "+55 8888888888", PHONE_NOT_IN_USE, "", UNK, NULL},
    {"US", "+502002894", PHONE_TOO_SHORT, "", UNK, NULL},
    /* another country's number without + */
    {"NG", "923418040123", PHONE_WRONG_COUNTRY, "", UNK, NULL},
    {"SG", "442079460958", PHONE_WRONG_COUNTRY, "", UNK, NULL},
    /* premium rate and shared cost */
    {"US", "+1 900 555 0123", PHONE_PREMIUM, "", PHONE_TYPE_PREMIUM_RATE, NULL},
    {"GB", "09065 123456", PHONE_PREMIUM, "", PHONE_TYPE_PREMIUM_RATE, NULL},
    {"AU", "1300 655 506", PHONE_PREMIUM, "", PHONE_TYPE_SHARED_COST, NULL},
    /* lengths and country codes */
    {"US", "201-1234", PHONE_BAD_LENGTH, "", UNK, NULL},
    {"US", "+1 201 555 12345", PHONE_TOO_LONG, "", UNK, NULL},
    {"US", "+123456", PHONE_TOO_SHORT, "", UNK, NULL},
    {"US", "+1234567890123456789", PHONE_TOO_LONG, "", UNK, NULL},
    {"US", "+0 201 555 1234", PHONE_BAD_COUNTRY, "", UNK, NULL},
    {"US", "+2821234567", PHONE_BAD_COUNTRY, "", UNK, NULL}, /* 28x is spare */
    {"US", "+999 1234567", PHONE_BAD_COUNTRY, "", UNK, NULL},
    /* garbage */
    {"US", "", PHONE_EMPTY, "", UNK, NULL},
    {"US", " - ( ) ", PHONE_EMPTY, "", UNK, NULL},
    {"US", "+", PHONE_TOO_SHORT, "", UNK, NULL},
    {"US", "n/a", PHONE_BAD_CHAR, "", UNK, NULL},
    /* letters, no ASCII digit: refused without asking the library */
    {"US", "none", PHONE_BAD_CHAR, "", UNK, NULL},
    {"GB", "ask reception #", PHONE_BAD_CHAR, "", UNK, NULL},
    {"US", "\xef\xbc\x95\xef\xbc\x95\xef\xbc\x95 \xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94", PHONE_BAD_CHAR, "", UNK, NULL}, /* full-width */
    {"US", "+\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa4\xd9\xa5\xd9\xa6\xd9\xa7 ext a", PHONE_BAD_CHAR, "", UNK, NULL},
    {"US", "+1 201 +555 1234", PHONE_BAD_CHAR, "", UNK, NULL},
    /* spreadsheet-spoiled */
    {"US", "1.4E+10", PHONE_SPREADSHEET, "", UNK, NULL},
    {"US", "1.5551234567e10", PHONE_SPREADSHEET, "", UNK, NULL},
    {"US", "1,55512E+10", PHONE_SPREADSHEET, "", UNK, NULL},
    {"US", "2015551234.0", PHONE_SPREADSHEET, "", UNK, NULL},
    {"US", "'12015551234.00", PHONE_SPREADSHEET, "", UNK, NULL},
};

static void test_phone_cases(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const phone_case_t *c = &cases[i];
        phone_number_t out;
        char why[200] = "";
        phone_status_t st = phone_normalize(c->in, strlen(c->in), phone_region_find(c->region),
                                            0, &out, why, sizeof why);
        bool bad = st != c->want || strcmp(out.e164, c->e164) != 0 ||
                   strcmp(out.ext, c->ext ? c->ext : "") != 0 ||
                   ((st == PHONE_OK || st == PHONE_PREMIUM) && out.type != c->type);
        if (bad) {
            print_error("case %zu \"%s\" (%s): got %d \"%s\" %s ext \"%s\" (%s), "
                        "want %d \"%s\" %s\n",
                        i, c->in, c->region, st, out.e164, phone_type_name(out.type), out.ext,
                        why, c->want, c->e164, phone_type_name(c->type));
            failures++;
        }
        if (st != PHONE_OK && st != PHONE_EMPTY && why[0] == '\0') {
            print_error("case %zu: no reason given\n", i);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

static void test_reasons(void **state)
{
    (void)state;
    phone_number_t out;
    char why[200];
    const phone_region_t *us = phone_region_find("US");
    phone_normalize("1.4E+10", 7, us, 0, &out, why, sizeof why);
    assert_non_null(strstr(why, "scientific notation"));
    phone_normalize("2015551234.0", 12, us, 0, &out, why, sizeof why);
    assert_non_null(strstr(why, ".0"));
    phone_normalize("923418040123", 12, phone_region_find("NG"), 0, &out, why, sizeof why);
    assert_non_null(strstr(why, "looks like a +92 number"));
    assert_non_null(strstr(why, "write it with +"));
    assert_int_equal(phone_normalize("+1 900 555 0123", 15, us, 0, &out, why, sizeof why),
                     PHONE_PREMIUM);
    assert_non_null(strstr(why, "premium-rate"));
    assert_non_null(strstr(why, "--allow-premium"));
    assert_int_equal(phone_normalize("1300 655 506", 12, phone_region_find("AU"), 0, &out, why,
                                     sizeof why), PHONE_PREMIUM);
    assert_non_null(strstr(why, "shared-cost"));
    phone_normalize("+1 555 555 5555", 15, us, 0, &out, why, sizeof why);
    assert_non_null(strstr(why, "not a number in service"));
    phone_normalize("0800 FLOWERS", 12, phone_region_find("GB"), 0, &out, why, sizeof why);
    assert_non_null(strstr(why, "letters"));
}

static void test_allow_premium(void **state)
{
    (void)state;
    phone_number_t out;
    assert_int_equal(phone_normalize("+1 900 555 0123", 15, phone_region_find("US"),
                                     PHONE_ALLOW_PREMIUM, &out, NULL, 0), PHONE_OK);
    assert_string_equal(out.e164, "+19005550123");
    assert_int_equal(out.type, PHONE_TYPE_PREMIUM_RATE);
    assert_string_equal(phone_type_name(out.type), "premium_rate");
    assert_int_equal(phone_normalize("09065 123456", 12, phone_region_find("GB"),
                                     PHONE_ALLOW_PREMIUM, &out, NULL, 0), PHONE_OK);
    assert_string_equal(out.e164, "+449065123456");
}

static void test_regions(void **state)
{
    (void)state;
    const phone_region_t *gb = phone_region_find("gb");
    assert_non_null(gb);
    assert_int_equal(gb->cc, 44);
    assert_false(gb->vanity);
    assert_true(phone_region_find("CA")->vanity);
    assert_int_equal(phone_region_find("IN")->cc, 91);
    assert_null(phone_region_find("XX"));
    assert_null(phone_region_find("ZZ"));
    assert_null(phone_region_find(NULL));
    /* the issue's twenty regions are all there */
    static const char *const twenty[] = {"US", "CA", "GB", "IN", "DE", "FR", "BR", "AU", "MX",
                                         "ES", "IT", "JP", "NG", "ZA", "AE", "SG", "NL", "PH",
                                         "KE", "PL"};
    for (size_t i = 0; i < sizeof twenty / sizeof twenty[0]; i++) {
        assert_non_null(phone_region_find(twenty[i]));
        assert_non_null(strstr(phone_region_list(), twenty[i]));
    }
    phone_number_t out;
    assert_int_equal(phone_normalize("2015551234", 10, NULL, 0, &out, NULL, 0), PHONE_BAD_COUNTRY);
    assert_int_equal(phone_normalize("+12015551234", 12, NULL, 0, &out, NULL, 0), PHONE_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phone_cases),
        cmocka_unit_test(test_reasons),
        cmocka_unit_test(test_allow_premium),
        cmocka_unit_test(test_regions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
