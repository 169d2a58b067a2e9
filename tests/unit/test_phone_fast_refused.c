/* The fast path (csv/phonefast.cc) of a country PCRE2 refuses (one of
 * its prefix patterns would not compile; none in today's metadata, so
 * phonelib_fast_refuse_countries stands in for it): every number of the
 * country goes to the library, and the country is prepared once, not
 * again at every number (its patterns compiled anew each time, as they
 * were). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "phone.h"
#include "phonelib.h"

/* UK numbers, national and international, all valid to the library. */
static const char *const gb[] = {"02071234567", "+442071234567", "07912345678", "+447912345678"};

static void test_refused_country_prepared_once(void **state)
{
    (void)state;
    phonelib_fast_refuse_countries(true); // before any country is prepared
    size_t before = phonelib_fast_preparations();
    for (int round = 0; round < 50; round++)
        for (size_t i = 0; i < sizeof gb / sizeof gb[0]; i++) {
            const char *d = gb[i][0] == '+' ? gb[i] + 1 : gb[i];
            phonelib_number_t out;
            assert_int_equal(phonelib_fast(d, strlen(d), gb[i][0] == '+', "GB", &out), -1);
        }
    /* GB alone was met: one preparation, whatever the number of tries */
    assert_int_equal(phonelib_fast_preparations() - before, 1);
}

/* The library decides what the fast path would have: the same verdict. */
static void test_refused_country_library_decides(void **state)
{
    (void)state;
    phonelib_fast_refuse_countries(true);
    const phone_region_t *r = phone_region_find("GB");
    assert_non_null(r);
    for (size_t i = 0; i < sizeof gb / sizeof gb[0]; i++) {
        phone_number_t out;
        char why[160];
        assert_int_equal(phone_normalize(gb[i], strlen(gb[i]), r, 0, &out, why, sizeof why),
                         PHONE_OK);
        assert_string_equal(out.e164, gb[i][0] == '+' ? gb[i] : i == 0 ? "+442071234567"
                                                                        : "+447912345678");
    }
    size_t before = phonelib_fast_preparations();
    phone_number_t out;
    assert_int_equal(phone_normalize("02071234567", 11, r, 0, &out, NULL, 0), PHONE_OK);
    assert_int_equal(phonelib_fast_preparations(), before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refused_country_prepared_once),
        cmocka_unit_test(test_refused_country_library_decides),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
