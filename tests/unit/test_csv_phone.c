/* Unit tests for csv/phone: E.164 normalisation, regions, the ITU
 * country-code table and spreadsheet-spoiled numbers. */
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
} phone_case_t;

static const phone_case_t cases[] = {
    /* separators and invisible characters */
    {"US", "(555) 201-1234", PHONE_OK, "+15552011234"},
    {"US", "555.201.1234", PHONE_OK, "+15552011234"},
    {"US", "  555 201 1234\t", PHONE_OK, "+15552011234"},
    {"US", "'5552011234", PHONE_OK, "+15552011234"},
    {"US", "tel:+1-555-201-1234", PHONE_OK, "+15552011234"},
    {"US", "TEL:5552011234", PHONE_OK, "+15552011234"},
    {"US", "555\xC2\xA0" "201\xC2\xA0" "1234", PHONE_OK, "+15552011234"},
    {"US", "\xE2\x80\x8B" "555201\xE2\x80\x8C" "1234\xE2\x80\x8D", PHONE_OK, "+15552011234"},
    {"US", "\xE2\x81\xA0" "5552011234\xEF\xBB\xBF", PHONE_OK, "+15552011234"},
    /* trunk prefix and international prefixes */
    {"US", "1 555 201 1234", PHONE_OK, "+15552011234"},
    {"US", "011 44 20 7946 0958", PHONE_OK, "+442079460958"},
    {"US", "0044 20 7946 0958", PHONE_OK, "+442079460958"},
    {"US", "+44 (0)20 7946 0958", PHONE_OK, "+442079460958"},
    {"US", "+44 20 (0)7946 0958", PHONE_OK, "+442079460958"},
    {"GB", "(0)20 7946 0958", PHONE_OK, "+442079460958"}, /* national: trunk 0 */
    {"US", "+44 020 7946 0958", PHONE_BAD_LENGTH, ""},
    {"GB", "020 7946 0958", PHONE_OK, "+442079460958"},
    {"GB", "07700 900123", PHONE_OK, "+447700900123"},
    {"GB", "011 44 20 7946 0958", PHONE_TOO_LONG, ""}, /* 011 is NANP only */
    {"IN", "09876543210", PHONE_OK, "+919876543210"},
    {"IN", "98765 43210", PHONE_OK, "+919876543210"},
    {"IN", "919876543210", PHONE_OK, "+919876543210"}, /* CC without + */
    {"DE", "030 1234567", PHONE_OK, "+49301234567"},
    {"DE", "+49 30 1234567", PHONE_OK, "+49301234567"},
    {"RU", "8 916 123-45-67", PHONE_OK, "+79161234567"},
    {"in", "+1 555 201 1234", PHONE_OK, "+15552011234"},
    /* lengths and country codes */
    {"US", "201-1234", PHONE_TOO_SHORT, ""},
    {"US", "+1 555 201 12345", PHONE_BAD_LENGTH, ""},
    {"US", "+123456", PHONE_TOO_SHORT, ""},
    {"US", "+1234567890123456", PHONE_TOO_LONG, ""},
    {"US", "+0 555 201 1234", PHONE_BAD_COUNTRY, ""},
    {"US", "+2821234567", PHONE_BAD_COUNTRY, ""}, /* 28x is spare */
    {"US", "+999 1234567", PHONE_BAD_COUNTRY, ""},
    {"US", "+1 123 456 7890", PHONE_BAD_LENGTH, ""}, /* NANP area code */
    {"US", "+389 2 3123 456", PHONE_OK, "+38923123456"},
    {"US", "+800 1234 5678", PHONE_OK, "+80012345678"},
    /* garbage */
    {"US", "", PHONE_EMPTY, ""},
    {"US", " - ( ) ", PHONE_EMPTY, ""},
    {"US", "+", PHONE_TOO_SHORT, ""},
    {"US", "555-CALL-NOW", PHONE_BAD_CHAR, ""},
    {"US", "555 201 1234 x12", PHONE_BAD_CHAR, ""},
    {"US", "+1 555 +201 1234", PHONE_BAD_CHAR, ""},
    {"US", "555\xE2\x80\x93" "201", PHONE_BAD_CHAR, ""},
    /* spreadsheet-spoiled */
    {"US", "1.4E+10", PHONE_SPREADSHEET, ""},
    {"US", "1.5551234567e10", PHONE_SPREADSHEET, ""},
    {"US", "1,55512E+10", PHONE_SPREADSHEET, ""},
    {"US", "5552011234.0", PHONE_SPREADSHEET, ""},
    {"US", "'15552011234.00", PHONE_SPREADSHEET, ""},
    {"US", "555.201.1234", PHONE_OK, "+15552011234"}, /* dots alone are fine */
};

static void test_phone_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const phone_case_t *c = &cases[i];
        char out[PHONE_E164_SIZE], why[200] = "";
        phone_status_t st = phone_normalize(c->in, strlen(c->in), phone_region_find(c->region),
                                            out, why, sizeof why);
        if (st != c->want || strcmp(out, c->e164) != 0)
            fail_msg("case %zu \"%s\" (%s): got %d \"%s\" (%s), want %d \"%s\"", i, c->in,
                     c->region, st, out, why, c->want, c->e164);
        if (st != PHONE_OK && st != PHONE_EMPTY && why[0] == '\0')
            fail_msg("case %zu: no reason given", i);
    }
}

static void test_spreadsheet_reason(void **state)
{
    (void)state;
    char out[PHONE_E164_SIZE], why[200];
    phone_normalize("1.4E+10", 7, phone_region_find("US"), out, why, sizeof why);
    assert_non_null(strstr(why, "scientific notation"));
    phone_normalize("5552011234.0", 12, phone_region_find("US"), out, why, sizeof why);
    assert_non_null(strstr(why, ".0"));
}

static void test_country_code_table(void **state)
{
    (void)state;
    static const int yes[] = {1, 7, 20, 44, 49, 91, 211, 358, 383, 423, 599, 672, 692, 800,
                              852, 880, 886, 971, 979, 998};
    static const int no[] = {0, 2, 3, 10, 21, 28, 42, 50, 80, 83, 89, 96, 210, 259, 280,
                             384, 422, 671, 693, 801, 851, 969, 990, 997, 999, 1000};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!phone_cc_assigned(yes[i]))
            fail_msg("%d should be assigned", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (phone_cc_assigned(no[i]))
            fail_msg("%d should not be assigned", no[i]);
    assert_int_equal(phone_cc_length("15552011234", 11), 1);
    assert_int_equal(phone_cc_length("442079460958", 12), 2);
    assert_int_equal(phone_cc_length("35312345678", 11), 3);
    assert_int_equal(phone_cc_length("2812345", 7), 0);
}

static void test_regions(void **state)
{
    (void)state;
    const phone_region_t *gb = phone_region_find("gb");
    assert_non_null(gb);
    assert_int_equal(gb->cc, 44);
    assert_string_equal(gb->trunk, "0");
    assert_null(phone_region_find("XX"));
    assert_null(phone_region_find(NULL));
    assert_non_null(strstr(phone_region_list(), "IN"));
    /* every region's calling code is an assigned one */
    const char *list = phone_region_list();
    for (size_t i = 0; list[i]; i += 3) {
        char iso[3] = {list[i], list[i + 1], '\0'};
        assert_true(phone_cc_assigned(phone_region_find(iso)->cc));
    }
    char out[PHONE_E164_SIZE];
    assert_int_equal(phone_normalize("5552011234", 10, NULL, out, NULL, 0), PHONE_BAD_COUNTRY);
    assert_int_equal(phone_normalize("+15552011234", 12, NULL, out, NULL, 0), PHONE_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phone_cases),
        cmocka_unit_test(test_spreadsheet_reason),
        cmocka_unit_test(test_country_code_table),
        cmocka_unit_test(test_regions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
