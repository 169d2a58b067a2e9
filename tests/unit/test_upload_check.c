/* Unit tests for upload_check(): the settings refused before any request
 * (Sarvam's name rule, OmniDim's caller number, retry limit and schedule,
 * working window and days, daily cap, settings a provider does not offer). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
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
    s.phone_number_id = "42";
    assert_int_equal(s.retry_limit, -1);
    s.retry_limit = 5; /* retries are OmniDim's only */
    assert_true(check(PROVIDER_OMNIDIM, &s, r, sizeof r));
    s.retry_limit = 6;
    assert_false(check(PROVIDER_OMNIDIM, &s, r, sizeof r));
    assert_non_null(strstr(r, "retry limit must be 0 to 5"));
    s.retry_limit = -2;
    assert_false(check(PROVIDER_OMNIDIM, &s, r, sizeof r));
    s.retry_limit = -1;
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

/* Each setting refused, by name, where the provider's create has no such
 * field; accepted where it has. */
static void test_settings_a_provider_does_not_offer(void **state)
{
    (void)state;
    char r[UPLOAD_REASON_MAX];
    upload_settings_t s;
    static const struct {
        provider_t p;
        const char *want;
    } no_retry[] = {{PROVIDER_TRUEDY, "Truedy's create takes no retry setting"},
                    {PROVIDER_SARVAM, "Sarvam's create takes no retry setting"}};
    for (size_t i = 0; i < 2; i++) {
        upload_settings_init(&s);
        s.name = "List";
        s.retry_limit = 0; /* even an explicit zero: the field is not there */
        assert_false(check(no_retry[i].p, &s, r, sizeof r));
        assert_string_equal(r, no_retry[i].want);
        s.retry_limit = -1;
        s.retry_schedule = RETRY_NEXT_DAY;
        assert_false(check(no_retry[i].p, &s, r, sizeof r));
        assert_string_equal(r, no_retry[i].want);
    }
    upload_settings_init(&s);
    s.name = "List";
    s.concurrency = 3;
    assert_false(check(PROVIDER_SARVAM, &s, r, sizeof r));
    assert_string_equal(r, "Sarvam's create takes no concurrency setting");
    assert_true(check(PROVIDER_TRUEDY, &s, r, sizeof r));
    s.concurrency = 1001;
    assert_false(check(PROVIDER_TRUEDY, &s, r, sizeof r));
    assert_non_null(strstr(r, "concurrency must be 1 to 1000"));

    upload_settings_init(&s);
    s.name = "List";
    s.phone_number_id = "42";
    s.hours = "09:00-17:00";
    assert_false(check(PROVIDER_OMNIDIM, &s, r, sizeof r));
    assert_string_equal(r, "OmniDimension's create takes no working-hours setting");
    s.hours = ""; /* empty means not given */
    s.days = "mon-fri";
    assert_false(check(PROVIDER_OMNIDIM, &s, r, sizeof r));
    assert_string_equal(r, "OmniDimension's create takes no working-days setting");
    s.days = NULL;
    s.max_calls_per_day = 100;
    assert_false(check(PROVIDER_OMNIDIM, &s, r, sizeof r));
    assert_string_equal(r, "OmniDimension's create takes no daily-cap setting");
    s.phone_number_id = NULL;
    assert_false(check(PROVIDER_SARVAM, &s, r, sizeof r));
    assert_string_equal(r, "Sarvam's create takes no daily-cap setting");
    assert_true(check(PROVIDER_TRUEDY, &s, r, sizeof r));
    s.max_calls_per_day = 0; /* no cap */
    s.hours = "09:00-17:00";
    s.days = "mon-fri";
    assert_true(check(PROVIDER_SARVAM, &s, r, sizeof r));
    assert_true(check(PROVIDER_TRUEDY, &s, r, sizeof r));
}

static void test_retry_schedule_rules(void **state)
{
    (void)state;
    char r[UPLOAD_REASON_MAX];
    upload_settings_t s;
    upload_settings_init(&s);
    s.name = "List";
    s.phone_number_id = "42";
    s.retry_schedule = RETRY_NEXT_DAY;
    assert_false(check(PROVIDER_OMNIDIM, &s, r, sizeof r)); /* no limit given */
    assert_string_equal(r, "a retry schedule needs a retry limit of 1 to 5");
    s.retry_limit = 0;
    assert_false(check(PROVIDER_OMNIDIM, &s, r, sizeof r));
    s.retry_limit = 2;
    assert_true(check(PROVIDER_OMNIDIM, &s, r, sizeof r));
    s.retry_after_hours = 6; /* hours belong to a scheduled retry only */
    assert_false(check(PROVIDER_OMNIDIM, &s, r, sizeof r));
    assert_non_null(strstr(r, "only with a scheduled retry"));
    s.retry_schedule = RETRY_SCHEDULED_TIME;
    assert_true(check(PROVIDER_OMNIDIM, &s, r, sizeof r));
    s.retry_after_hours = 720;
    assert_true(check(PROVIDER_OMNIDIM, &s, r, sizeof r));
    s.retry_after_hours = 721;
    assert_false(check(PROVIDER_OMNIDIM, &s, r, sizeof r));
    assert_string_equal(r, "the retry delay must be 1 to 720 hours");
    s.retry_after_hours = 0;
    assert_false(check(PROVIDER_OMNIDIM, &s, r, sizeof r));
    assert_string_equal(r, "the retry delay must be 1 to 720 hours");
    s.retry_schedule = RETRY_NONE; /* limit only: the provider's default schedule */
    assert_true(check(PROVIDER_OMNIDIM, &s, r, sizeof r));
}

static void test_window_days_and_cap(void **state)
{
    (void)state;
    char r[UPLOAD_REASON_MAX];
    upload_settings_t s;
    upload_settings_init(&s);
    s.name = "List";
    s.hours = "25:00-26:00";
    assert_false(check(PROVIDER_TRUEDY, &s, r, sizeof r));
    assert_non_null(strstr(r, "working hours must look like 09:00-18:00"));
    s.hours = "18:00-09:00";
    assert_false(check(PROVIDER_SARVAM, &s, r, sizeof r));
    assert_non_null(strstr(r, "the window must start before it ends"));
    s.hours = "09:00-18:00";
    s.days = "mon,fr1";
    assert_false(check(PROVIDER_TRUEDY, &s, r, sizeof r));
    assert_string_equal(r, "unknown day 'fr1'; use mon..sun, ranges like mon-fri, or all");
    s.days = "Mon-Fri";
    assert_true(check(PROVIDER_TRUEDY, &s, r, sizeof r));
    s.max_calls_per_day = 100000;
    assert_true(check(PROVIDER_TRUEDY, &s, r, sizeof r));
    s.max_calls_per_day = 100001;
    assert_false(check(PROVIDER_TRUEDY, &s, r, sizeof r));
    assert_string_equal(r, "the daily cap must be 1 to 100000 calls");
    s.max_calls_per_day = 0;
    /* a window gives a zone something to place, even without a start */
    s.tz = "Asia/Kolkata";
    assert_true(check(PROVIDER_SARVAM, &s, r, sizeof r));
    s.tz = "Nowhere/Atlantis";
    assert_false(check(PROVIDER_SARVAM, &s, r, sizeof r));
    s.hours = NULL;
    s.days = NULL;
    s.tz = "Asia/Kolkata";
    assert_false(check(PROVIDER_SARVAM, &s, r, sizeof r));
    assert_non_null(strstr(r, "a timezone needs a start time"));
}

/* What the operator is told after a failure, and when trying again from
 * the console is offered: only when the failure proves nothing exists. */
static void test_advice_after_failure(void **state)
{
    (void)state;
    upload_outcome_t o;
    char advice[512];
    memset(&o, 0, sizeof o);
    o.confirmed = true;
    upload_advice(&o, advice, sizeof advice);
    assert_string_equal(advice, "");
    assert_false(upload_safe_to_retry(&o));

    memset(&o, 0, sizeof o);
    api_error_set(&o.err, API_ERR_AUTH, 401, "unauthorized");
    upload_advice(&o, advice, sizeof advice);
    assert_non_null(strstr(advice, "nothing was created: check the profile's API key"));
    assert_true(upload_safe_to_retry(&o));

    api_error_set(&o.err, API_ERR_RATE_LIMITED, 429, "slow down");
    o.err.retry_after_s = 30;
    upload_advice(&o, advice, sizeof advice);
    assert_non_null(strstr(advice, "wait 30 s"));
    assert_true(upload_safe_to_retry(&o));

    api_error_set(&o.err, API_ERR_VALIDATION, 422, "name: too long");
    upload_advice(&o, advice, sizeof advice);
    assert_non_null(strstr(advice, "nothing was created"));
    assert_true(upload_safe_to_retry(&o));

    /* a 5xx or a lost reply may come after the campaign was made */
    static const api_error_kind_t unsure[] = {API_ERR_SERVER, API_ERR_NETWORK, API_ERR_PARSE};
    for (size_t i = 0; i < sizeof unsure / sizeof unsure[0]; i++) {
        api_error_set(&o.err, unsure[i], unsure[i] == API_ERR_SERVER ? 500 : 0, "gone");
        upload_advice(&o, advice, sizeof advice);
        assert_non_null(strstr(advice, "may have made the campaign before it failed: look for it"));
        assert_false(upload_safe_to_retry(&o));
    }

    /* part of the list is on the provider: never offered again */
    api_error_set(&o.err, API_ERR_VALIDATION, 422, "cohort refused");
    o.has_created = true;
    snprintf(o.created.id, sizeof o.created.id, "cmp_9");
    upload_advice(&o, advice, sizeof advice);
    assert_non_null(strstr(advice, "campaign cmp_9 holds only part of the list"));
    assert_false(upload_safe_to_retry(&o));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sarvam_name_rule),
        cmocka_unit_test(test_omnidim_needs_caller_number),
        cmocka_unit_test(test_retry_limit_and_schedule),
        cmocka_unit_test(test_settings_a_provider_does_not_offer),
        cmocka_unit_test(test_retry_schedule_rules),
        cmocka_unit_test(test_window_days_and_cap),
        cmocka_unit_test(test_advice_after_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
