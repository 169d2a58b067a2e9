/* Campaign settings through the upload against a real dialtop-sim: each
 * provider's campaign, read back with the driver's GET, holds the retry
 * schedule, working window, working days and daily cap in that
 * provider's own fields; a setting the provider does not take is refused
 * before any request. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "actfix.h"
#include "upload.h"

static const char CSV[] = "phone,first_name\n+14155550101,Ann\n+14155550102,Bob\n";

static int setup(void **state)
{
    actfix_t *f = actfix_start();
    *state = f;
    return f ? 0 : -1;
}

static int teardown(void **state)
{
    actfix_stop(*state);
    return 0;
}

static import_result_t *import_text(void)
{
    import_options_t opt;
    import_options_init(&opt);
    opt.region = "US";
    import_error_t err;
    import_result_t *r = import_buffer(CSV, strlen(CSV), &opt, &err);
    if (!r)
        fail_msg("import: %s", err.message);
    return r;
}

/* Uploads with `s` and returns the campaign record as the sim serves it
 * on GET (caller deletes). */
static cJSON *create_and_read(actfix_t *f, provider_t p, const upload_settings_t *s)
{
    import_result_t *r = import_text();
    char reason[UPLOAD_REASON_MAX];
    upload_t *u = upload_start(f->client[p], r, s, reason, sizeof reason);
    if (!u)
        fail_msg("%s: refused: %s", model_provider_name(p), reason);
    upload_wait(u, NULL, NULL);
    const upload_outcome_t *o = upload_outcome(u);
    if (!o->confirmed)
        fail_msg("%s: %s", model_provider_name(p), o->err.message);
    model_campaign_t *c = actfix_get(f, p, o->created.id);
    assert_non_null(c);
    assert_non_null(c->raw_json);
    cJSON *rec = cJSON_Parse(c->raw_json);
    assert_non_null(rec);
    model_campaign_free(c);
    free(c);
    upload_free(u);
    import_result_free(r);
    return rec;
}

/* The record's `key` as compact JSON, compared whole. */
static void expect_json(const cJSON *rec, const char *key, const char *want)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, key);
    if (!v)
        fail_msg("no \"%s\" in the record", key);
    char *got = cJSON_PrintUnformatted(v);
    if (strcmp(got, want) != 0)
        fail_msg("%s: got %s, want %s", key, got, want);
    free(got);
}

static void base(upload_settings_t *s, const actfix_t *f, const char *name)
{
    upload_settings_init(s);
    s->name = name;
    s->audit_path = f->audit;
}

static void test_omnidim_retry_schedule(void **state)
{
    actfix_t *f = *state;
    upload_settings_t s;
    base(&s, f, "Retry later");
    s.phone_number_id = "17";
    s.concurrency = 4;
    s.retry_limit = 3;
    char reason[UPLOAD_REASON_MAX];
    assert_true(upload_parse_retry_schedule("30h", &s.retry_schedule, &s.retry_after_hours,
                                            reason, sizeof reason));
    cJSON *rec = create_and_read(f, PROVIDER_OMNIDIM, &s);
    expect_json(rec, "retry_config",
                "{\"auto_retry\":true,\"auto_retry_schedule\":\"scheduled_time\","
                "\"retry_schedule_days\":1,\"retry_schedule_hours\":6,\"retry_limit\":3}");
    expect_json(rec, "concurrent_call_limit", "4");
    cJSON_Delete(rec);

    base(&s, f, "Retry tomorrow");
    s.phone_number_id = "17";
    s.retry_limit = 2;
    s.retry_schedule = RETRY_NEXT_DAY;
    rec = create_and_read(f, PROVIDER_OMNIDIM, &s);
    expect_json(rec, "retry_config",
                "{\"auto_retry\":true,\"auto_retry_schedule\":\"next_day\","
                "\"retry_schedule_days\":0,\"retry_schedule_hours\":0,\"retry_limit\":2}");
    cJSON_Delete(rec);

    /* a limit with no schedule keeps the behaviour from before: at once */
    base(&s, f, "Retry now");
    s.phone_number_id = "17";
    s.retry_limit = 1;
    rec = create_and_read(f, PROVIDER_OMNIDIM, &s);
    expect_json(rec, "retry_config",
                "{\"auto_retry\":true,\"auto_retry_schedule\":\"immediately\","
                "\"retry_schedule_days\":0,\"retry_schedule_hours\":0,\"retry_limit\":1}");
    cJSON_Delete(rec);
}

static void test_truedy_window_days_cap(void **state)
{
    actfix_t *f = *state;
    upload_settings_t s;
    base(&s, f, "Office hours");
    s.concurrency = 3;
    s.hours = "9:00-17:30";
    s.days = "mon-fri,SUNDAY";
    s.max_calls_per_day = 250;
    s.tz = "America/Chicago"; /* no start time: the zone is the window's */
    cJSON *rec = create_and_read(f, PROVIDER_TRUEDY, &s);
    expect_json(rec, "start_time", "\"09:00\"");
    expect_json(rec, "end_time", "\"17:30\"");
    expect_json(rec, "working_days", "[1,2,3,4,5,7]");
    expect_json(rec, "max_calls_per_day", "250");
    expect_json(rec, "timezone", "\"America/Chicago\"");
    expect_json(rec, "concurrency", "3");
    expect_json(rec, "retry_limit", "0"); /* never sent to Truedy */
    cJSON_Delete(rec);

    /* nothing asked: the batch has no window and no cap */
    base(&s, f, "Around the clock");
    rec = create_and_read(f, PROVIDER_TRUEDY, &s);
    expect_json(rec, "start_time", "null");
    expect_json(rec, "working_days", "[]");
    expect_json(rec, "max_calls_per_day", "null");
    cJSON_Delete(rec);
}

static void test_sarvam_allowed_schedule(void **state)
{
    actfix_t *f = *state;
    upload_settings_t s;
    base(&s, f, "Renewals wave 3");
    s.hours = "10:00-19:00";
    s.days = "Monday,wed,SAT";
    s.at = "2031-06-15 09:30";
    s.tz = "Asia/Kolkata";
    cJSON *rec = create_and_read(f, PROVIDER_SARVAM, &s);
    expect_json(rec, "allowed_schedule",
                "{\"allowed_start_time\":\"10:00\",\"allowed_end_time\":\"19:00\","
                "\"allowed_days\":[\"Monday\",\"Wednesday\",\"Saturday\"],"
                "\"timezone\":\"Asia/Kolkata\"}");
    cJSON_Delete(rec);
}

/* Refused by name before anything is sent (the stats read counts itself). */
static void test_unoffered_settings_send_nothing(void **state)
{
    actfix_t *f = *state;
    import_result_t *r = import_text();
    static const struct {
        provider_t p;
        const char *want;
    } cases[] = {
        {PROVIDER_OMNIDIM, "OmniDimension's create takes no working-hours setting"},
        {PROVIDER_SARVAM, "Sarvam's create takes no daily-cap setting"},
        {PROVIDER_TRUEDY, "Truedy's create takes no retry setting"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        upload_settings_t s;
        base(&s, f, "Refused");
        if (cases[i].p == PROVIDER_OMNIDIM) {
            s.phone_number_id = "17";
            s.hours = "09:00-17:00";
        } else if (cases[i].p == PROVIDER_SARVAM) {
            s.max_calls_per_day = 10;
        } else {
            s.retry_limit = 2;
            s.retry_schedule = RETRY_NEXT_DAY;
        }
        long before = actfix_stat(f, "requests_total");
        char reason[UPLOAD_REASON_MAX] = "";
        assert_null(upload_start(f->client[cases[i].p], r, &s, reason, sizeof reason));
        assert_string_equal(reason, cases[i].want);
        assert_int_equal(actfix_stat(f, "requests_total"), before + 1);
    }
    import_result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_omnidim_retry_schedule, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truedy_window_days_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarvam_allowed_schedule, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unoffered_settings_send_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
