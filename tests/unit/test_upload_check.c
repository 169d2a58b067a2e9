/* Unit tests for upload_check(): the settings refused before any request
 * (Sarvam's name rule, OmniDim's caller number, retry limit, schedule). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "upload.h"

/* 2026-11-23 09:00:00 UTC: a fixed "now" so past/future never drifts. */
#define NOW ((time_t)1795424400)

static bool check(provider_t p, const upload_settings_t *s, char *reason, size_t len)
{
    reason[0] = '\0';
    bool ok = upload_check(p, s, NOW, reason, len);
    if (!ok)
        assert_true(reason[0] != '\0');
    return ok;
}

static void test_sarvam_name_rule(void **state)
{
    (void)state;
    char r[UPLOAD_REASON_MAX];
    upload_settings_t s;
    upload_settings_init(&s);
    s.name = "Spring_renewals - batch 2";
    assert_true(check(PROVIDER_SARVAM, &s, r, sizeof r));
    s.name = "12345678901234567890123456789012345678901234567890"; /* 50 */
    assert_true(check(PROVIDER_SARVAM, &s, r, sizeof r));
    s.name = "123456789012345678901234567890123456789012345678901"; /* 51 */
    assert_false(check(PROVIDER_SARVAM, &s, r, sizeof r));
    assert_non_null(strstr(r, "Sarvam"));
    s.name = "Sp\xc3\xa4t"; /* non-ASCII letters are word characters there */
    assert_true(check(PROVIDER_SARVAM, &s, r, sizeof r));
    s.name = "a/b";
    assert_false(check(PROVIDER_SARVAM, &s, r, sizeof r));
    s.name = "";
    assert_false(check(PROVIDER_SARVAM, &s, r, sizeof r));
    s.name = NULL;
    assert_false(check(PROVIDER_SARVAM, &s, r, sizeof r));
    /* the rule is Sarvam's only */
    s.name = "a/b (spring)";
    assert_true(check(PROVIDER_TRUEDY, &s, r, sizeof r));
    s.name = "tab\there";
    assert_false(check(PROVIDER_TRUEDY, &s, r, sizeof r));
}

static void test_omnidim_needs_caller_number(void **state)
{
    (void)state;
    char r[UPLOAD_REASON_MAX];
    upload_settings_t s;
    upload_settings_init(&s);
    s.name = "List";
    assert_false(check(PROVIDER_OMNIDIM, &s, r, sizeof r));
    assert_non_null(strstr(r, "--phone-number-id"));
    s.phone_number_id = "";
    assert_false(check(PROVIDER_OMNIDIM, &s, r, sizeof r));
    s.phone_number_id = "42";
    assert_true(check(PROVIDER_OMNIDIM, &s, r, sizeof r));
    s.phone_number_id = NULL;
    assert_true(check(PROVIDER_TRUEDY, &s, r, sizeof r));
}

static void test_retry_limit_and_schedule(void **state)
{
    (void)state;
    char r[UPLOAD_REASON_MAX];
    upload_settings_t s;
    upload_settings_init(&s);
    s.name = "List";
    assert_int_equal(s.retry_limit, -1);
    s.retry_limit = 5;
    assert_true(check(PROVIDER_TRUEDY, &s, r, sizeof r));
    s.retry_limit = 6;
    assert_false(check(PROVIDER_TRUEDY, &s, r, sizeof r));
    s.retry_limit = 0;
    s.at = "2026-12-01 09:00";
    s.tz = "Europe/London";
    assert_true(check(PROVIDER_TRUEDY, &s, r, sizeof r));
    s.at = "2026-11-01 09:00"; /* before NOW */
    assert_false(check(PROVIDER_TRUEDY, &s, r, sizeof r));
    s.at = "2026-02-30 09:00";
    assert_false(check(PROVIDER_TRUEDY, &s, r, sizeof r));
    s.at = "2026-12-01 09:00";
    s.tz = "Nowhere/Atlantis";
    assert_false(check(PROVIDER_TRUEDY, &s, r, sizeof r));
    s.at = NULL;
    s.tz = "Europe/London"; /* a zone with nothing to place */
    assert_false(check(PROVIDER_TRUEDY, &s, r, sizeof r));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sarvam_name_rule),
        cmocka_unit_test(test_omnidim_needs_caller_number),
        cmocka_unit_test(test_retry_limit_and_schedule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
