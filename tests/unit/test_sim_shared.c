/* dialtop-sim: the rules the three dialects share through sim/page.c,
 * sim/body.c and sim/reply.c (paging bounds and window, status filters,
 * campaign 404s, method guards, context variables as text, integer,
 * timezone and HH:MM body fields), each asserted in every dialect that
 * uses it, through sim_handle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simcall.h"

#define OMNI "/api/v1/calls/bulk_call"
#define OMNI_LIVE "/api/v1/bulk-call"
#define TRUEDY "/api/public/v1/batch-calls"
#define SARVAM SIM_PREFIX_SARVAM "/campaigns"
#define ONE_CONTACT "[{\"phone_number\":\"+15551234567\"}]"

static int setup(void **state)
{
    *state = simcall_new();
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    sim_free(*state);
    return 0;
}

/* The parsed answer, after checking its status. */
static cJSON *call_expect(sim_t *sim, const char *method, const char *url, const char *body,
                          int status)
{
    int st;
    cJSON *r = sim_call(sim, method, url, body, &st);
    assert_int_equal(st, status);
    return r;
}

/* Truedy/Sarvam 422 {"detail":[{"loc":[...],"msg":...}]}; loc dotted:
 * "query.limit", "body.allowed_schedule.timezone". */
static void expect_422(sim_t *sim, const char *method, const char *url, const char *body,
                       const char *loc, const char *msg)
{
    cJSON *r = call_expect(sim, method, url, body, 422);
    char parts[128], path[32];
    snprintf(parts, sizeof parts, "%s", loc);
    int n = 0;
    char *save = NULL;
    for (char *part = strtok_r(parts, ".", &save); part; part = strtok_r(NULL, ".", &save), n++) {
        snprintf(path, sizeof path, "detail.0.loc.%d", n);
        assert_string_equal(simcall_str(r, path), part);
    }
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, "detail.0.loc")), n);
    assert_string_equal(simcall_str(r, "detail.0.msg"), msg);
    cJSON_Delete(r);
}

/* OmniDim's errors: {"success":false,"error":...}. */
static void expect_omni_error(sim_t *sim, const char *method, const char *url, const char *body,
                              int status, const char *error)
{
    cJSON *r = call_expect(sim, method, url, body, status);
    assert_true(cJSON_IsFalse(simcall_get(r, "success")));
    assert_string_equal(simcall_str(r, "error"), error);
    cJSON_Delete(r);
}

/* Truedy/Sarvam errors: {"error":{"code":...,"message":...}}. */
static void expect_error(sim_t *sim, const char *method, const char *url, int status,
                         const char *code, const char *message)
{
    cJSON *r = call_expect(sim, method, url, "{}", status);
    assert_string_equal(simcall_str(r, "error.code"), code);
    assert_string_equal(simcall_str(r, "error.message"), message);
    cJSON_Delete(r);
}

static void test_limit_offset_bounds_same_in_truedy_and_sarvam(void **state)
{
    sim_t *sim = *state;
    char truedy_contacts[128], sarvam_attempts[160];
    snprintf(truedy_contacts, sizeof truedy_contacts, TRUEDY "/%s/contacts",
             simcall_make(sim, "truedy", "active", 3));
    snprintf(sarvam_attempts, sizeof sarvam_attempts, "/_sim/sarvam/campaigns/%s/attempts",
             simcall_make(sim, "sarvam", "active", 3));
    const char *bases[] = {TRUEDY, truedy_contacts, SARVAM, sarvam_attempts};
    const char *bad[][2] = {{"limit=0", "limit"},   {"limit=101", "limit"},
                            {"limit=abc", "limit"}, {"limit=-5", "limit"},
                            {"limit=%201", "limit"}, {"offset=-1", "offset"},
                            {"offset=1000000001", "offset"}};
    char url[256], loc[32];
    for (size_t i = 0; i < 4; i++) {
        for (size_t j = 0; j < sizeof bad / sizeof *bad; j++) {
            snprintf(url, sizeof url, "%s?%s", bases[i], bad[j][0]);
            snprintf(loc, sizeof loc, "query.%s", bad[j][1]);
            expect_422(sim, "GET", url, NULL, loc,
                       strcmp(bad[j][1], "limit") == 0 ? "must be an integer from 1 to 100"
                                                      : "must be an integer from 0 to 1000000000");
        }
        snprintf(url, sizeof url, "%s?limit=100&offset=1000000000", bases[i]);
        cJSON_Delete(call_expect(sim, "GET", url, NULL, 200));
    }
    /* the defaults differ by API: Truedy 50, Sarvam 20 */
    cJSON *r = call_expect(sim, "GET", TRUEDY, NULL, 200);
    assert_int_equal((int)simcall_num(r, "pagination.limit"), 50);
    assert_int_equal((int)simcall_num(r, "pagination.offset"), 0);
    cJSON_Delete(r);
    r = call_expect(sim, "GET", SARVAM, NULL, 200);
    assert_int_equal((int)simcall_num(r, "limit"), 20);
    assert_int_equal((int)simcall_num(r, "offset"), 0);
    cJSON_Delete(r);
}

/* Rows on the page, and the total, from a list answer. */
static void expect_page(sim_t *sim, const char *url, const char *rows, const char *total_key,
                        int on_page, int total)
{
    cJSON *r = call_expect(sim, "GET", url, NULL, 200);
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, rows)), on_page);
    assert_int_equal((int)simcall_num(r, total_key), total);
    cJSON_Delete(r);
}

/* 7 paused campaigns among 5 completed ones per dialect: the page is a
 * window over the matching rows only; the total counts them all. */
static void test_page_window_counts_matching_rows(void **state)
{
    sim_t *sim = *state;
    const char *provs[] = {"omnidim", "truedy", "sarvam"};
    for (size_t p = 0; p < 3; p++)
        for (int i = 0; i < 12; i++)
            simcall_make(sim, provs[p], i % 2 == 0 || i == 11 ? "paused" : "completed", 1);
    expect_page(sim, TRUEDY "?status=paused&limit=2&offset=4", "data", "pagination.total", 2, 7);
    expect_page(sim, TRUEDY "?status=paused&offset=7", "data", "pagination.total", 0, 7);
    expect_page(sim, OMNI "?status=paused&pageno=3&pagesize=3", "records", "total_records", 1, 7);
    expect_page(sim, OMNI "?status=paused&pageno=4&pagesize=3", "records", "total_records", 0, 7);
    expect_page(sim, SARVAM "?campaign_status=paused&offset=7", "items", "total", 0, 7);

    cJSON *r = call_expect(sim, "GET", TRUEDY "?status=paused&limit=3&offset=5", NULL, 200);
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, "data")), 2);
    assert_int_equal((int)simcall_num(r, "pagination.total"), 7);
    assert_int_equal((int)simcall_num(r, "pagination.limit"), 3);
    assert_int_equal((int)simcall_num(r, "pagination.offset"), 5);
    assert_true(cJSON_IsFalse(simcall_get(r, "pagination.has_more")));
    assert_string_equal(simcall_str(r, "data.0.status"), "paused");
    cJSON_Delete(r);
    r = call_expect(sim, "GET", TRUEDY "?status=paused&limit=2&offset=4", NULL, 200);
    assert_true(cJSON_IsTrue(simcall_get(r, "pagination.has_more")));
    cJSON_Delete(r);
    r = call_expect(sim, "GET", SARVAM "?campaign_status=paused&limit=3&offset=6", NULL, 200);
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, "items")), 1);
    assert_int_equal((int)simcall_num(r, "total"), 7);
    assert_int_equal((int)simcall_num(r, "limit"), 3);
    assert_int_equal((int)simcall_num(r, "offset"), 6);
    assert_true(cJSON_IsNull(simcall_get(r, "next_page_uri")));
    assert_non_null(simcall_str(r, "prev_page_uri"));
    cJSON_Delete(r);
}

static void test_status_filters_same_wording_in_each_shape(void **state)
{
    sim_t *sim = *state;
    char url[256];
    expect_omni_error(sim, "GET", OMNI "?status=zz", NULL, 400, "status: unknown status 'zz'");
    expect_422(sim, "GET", TRUEDY "?status=zz", NULL, "query.status", "unknown status 'zz'");
    expect_422(sim, "GET", SARVAM "?campaign_status=zz", NULL, "query.campaign_status",
               "unknown status 'zz'");
    snprintf(url, sizeof url, OMNI "/%s/lines?call_status=zz", simcall_make(sim, "omnidim", "active", 2));
    expect_omni_error(sim, "GET", url, NULL, 400, "call_status: unknown call status 'zz'");
    snprintf(url, sizeof url, TRUEDY "/%s/contacts?status=zz", simcall_make(sim, "truedy", "active", 2));
    expect_422(sim, "GET", url, NULL, "query.status", "unknown call status 'zz'");
    /* an empty filter is no filter */
    expect_page(sim, TRUEDY "?status=", "data", "pagination.total", 1, 1);
}

static void test_contact_filter_keeps_only_that_state(void **state)
{
    sim_t *sim = *state;
    char base[128], url[256];
    snprintf(base, sizeof base, TRUEDY "/%s/contacts", simcall_make(sim, "truedy", "completed", 9));
    cJSON *all = call_expect(sim, "GET", base, NULL, 200);
    assert_int_equal((int)simcall_num(all, "pagination.total"), 9);
    int completed = 0;
    const cJSON *row;
    cJSON_ArrayForEach(row, simcall_get(all, "data"))
        completed += strcmp(simcall_str(row, "call_status"), "completed") == 0;
    cJSON_Delete(all);
    assert_true(completed > 0);
    snprintf(url, sizeof url, "%s?status=completed&limit=1&offset=%d", base, completed - 1);
    cJSON *r = call_expect(sim, "GET", url, NULL, 200);
    assert_int_equal((int)simcall_num(r, "pagination.total"), completed);
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, "data")), 1);
    assert_string_equal(simcall_str(r, "data.0.call_status"), "completed");
    cJSON_Delete(r);
}

static void test_unknown_campaign_is_404_in_each_shape(void **state)
{
    sim_t *sim = *state;
    const char *omni[] = {OMNI "/999", OMNI "/999/lines", OMNI_LIVE "/999/live-status"};
    for (size_t i = 0; i < 3; i++)
        expect_omni_error(sim, "GET", omni[i], NULL, 404, "Bulk call 999 not found");
    const char *paths[][3] = {
        {"GET", TRUEDY "/batch_nope", "Batch_Call not found"},
        {"POST", TRUEDY "/batch_nope/pause", "Batch_Call not found"},
        {"GET", TRUEDY "/batch_nope/contacts", "Batch_Call not found"},
        {"GET", SARVAM "/cmp_nope", "Campaign not found"},
        {"PUT", SARVAM "/cmp_nope/status", "Campaign not found"},
        {"POST", SARVAM "/cmp_nope/webhooks/retry", "Campaign not found"},
    };
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
        expect_error(sim, paths[i][0], paths[i][1], 404, "not_found", paths[i][2]);
    /* Truedy's error carries an empty details object, Sarvam's none */
    cJSON *r = call_expect(sim, "GET", TRUEDY "/batch_nope", NULL, 404);
    assert_true(cJSON_IsObject(simcall_get(r, "error.details")));
    cJSON_Delete(r);
}

/* The method is checked before the campaign is looked up. */
static void test_method_guard_comes_before_lookup(void **state)
{
    sim_t *sim = *state;
    const char *cases[][3] = {
        {"DELETE", OMNI, "GET"},
        {"GET", OMNI "/create", "POST"},
        {"POST", OMNI "/999", "GET, PUT, DELETE"},
        {"POST", OMNI "/999/lines", "GET"},
        {"POST", OMNI_LIVE "/999/live-status", "GET"},
        {"PUT", TRUEDY, "GET, POST"},
        {"DELETE", TRUEDY "/batch_nope", "GET, PATCH"},
        {"GET", TRUEDY "/batch_nope/pause", "POST"},
        {"PUT", SARVAM, "GET, POST"},
        {"POST", SARVAM "/cmp_nope/status", "PUT"},
        {"POST", SARVAM "/cmp_nope/cohorts/coh_1", "GET"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int st;
        sim_response_t resp;
        cJSON *r = sim_call_full(sim, cases[i][0], cases[i][1], "{}", true, &st, &resp);
        assert_int_equal(st, 405);
        assert_string_equal(sim_response_header(&resp, "Allow"), cases[i][2]);
        sim_response_free(&resp);
        cJSON_Delete(r);
    }
    const char *missing[] = {TRUEDY "/batch_nope/zz", TRUEDY "/a/b/c", SARVAM "/cmp_nope/zz",
                             SARVAM "/a/b/c/d", OMNI "/1/zz", "/api/public/v1/other"};
    for (size_t i = 0; i < sizeof missing / sizeof *missing; i++)
        cJSON_Delete(call_expect(sim, "GET", missing[i], NULL, 404));
}

/* A path longer than the splitter's buffer is a 404, never a crash. */
static void test_overlong_path_is_404(void **state)
{
    sim_t *sim = *state;
    char id[701], url[800];
    memset(id, 'a', sizeof id - 1);
    id[sizeof id - 1] = '\0';
    const char *fmts[] = {OMNI "/%s", OMNI "/%s/lines", TRUEDY "/%s", SARVAM "/%s",
                          OMNI_LIVE "/%s/live-status"};
    for (size_t i = 0; i < sizeof fmts / sizeof *fmts; i++) {
        snprintf(url, sizeof url, fmts[i], id);
        cJSON_Delete(call_expect(sim, "GET", url, NULL, 404));
    }
}

/* JSON values become context-variable text the same way wherever
 * contacts come in: strings as is, null as "", whole numbers without
 * ".0", other values as compact JSON; phone_number is not a variable. */
#define VALUES "\"s\":\"x y\",\"i\":7,\"f\":1.5,\"n\":null,\"b\":true,\"a\":[1,\"2\"],\"o\":{\"k\":1}"

static void expect_values_as_text(const cJSON *vars)
{
    const char *want[][2] = {{"s", "x y"}, {"i", "7"},         {"f", "1.5"},      {"n", ""},
                             {"b", "true"}, {"a", "[1,\"2\"]"}, {"o", "{\"k\":1}"}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        assert_string_equal(simcall_str(vars, want[i][0]), want[i][1]);
    assert_null(simcall_get(vars, "phone_number"));
    assert_int_equal(cJSON_GetArraySize(vars), 7);
}

static void test_contact_values_become_text(void **state)
{
    sim_t *sim = *state;
    char url[256];
    const char *sources[][3] = { /* where the contact comes in, its body, the new id */
        {TRUEDY, "{\"name\":\"V\",\"contacts\":[{\"phone_number\":\"+15551234567\","
                 "\"custom_fields\":{" VALUES "}}]}", "data.id"},
        {"/_sim/campaigns", "{\"provider\":\"truedy\",\"name\":\"C\",\"status\":\"paused\","
                            "\"contacts\":[{\"phone_number\":\"+15551234567\"," VALUES "}]}", "id"},
    };
    for (size_t i = 0; i < 2; i++) {
        cJSON *r = call_expect(sim, "POST", sources[i][0], sources[i][1], 201);
        snprintf(url, sizeof url, TRUEDY "/%s/contacts", simcall_str(r, sources[i][2]));
        cJSON_Delete(r);
        r = call_expect(sim, "GET", url, NULL, 200);
        expect_values_as_text(simcall_get(r, "data.0.custom_fields"));
        cJSON_Delete(r);
    }

    char base[160];
    snprintf(base, sizeof base, SARVAM "/%s", simcall_make(sim, "sarvam", "paused", 0));
    snprintf(url, sizeof url, "%s/cohorts/stream", base);
    cJSON_Delete(call_expect(sim, "POST", url,
                             "{\"name\":\"c\",\"users\":[{\"user_phone_number\":\"+15551234567\","
                             "\"app_variables\":{" VALUES "}}]}", 201));
    snprintf(url, sizeof url, "/_sim/sarvam/campaigns/%s/attempts", strrchr(base, '/') + 1);
    cJSON *r = call_expect(sim, "GET", url, NULL, 200);
    expect_values_as_text(simcall_get(r, "items.0.app_variables"));
    cJSON_Delete(r);
}

static void test_integer_body_fields(void **state)
{
    sim_t *sim = *state;
    struct {
        const char *field, *value;
        int stored; /* -1: refused */
    } cases[] = {
        {"concurrency", "null", 2}, {"concurrency", "100", 100}, {"concurrency", "0", -1},
        {"concurrency", "101", -1}, {"concurrency", "2.5", -1},  {"concurrency", "\"3\"", -1},
        {"retry_limit", "5", 5},    {"retry_limit", "6", -1},    {"retry_limit", "-1", -1},
        {"retry_limit", "1e10", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char body[256], key[64];
        snprintf(body, sizeof body, "{\"name\":\"N\",\"%s\":%s,\"contacts\":" ONE_CONTACT "}",
                 cases[i].field, cases[i].value);
        bool concurrency = strcmp(cases[i].field, "concurrency") == 0;
        if (cases[i].stored < 0) {
            snprintf(key, sizeof key, "body.%s", cases[i].field);
            expect_422(sim, "POST", TRUEDY, body, key,
                       concurrency ? "must be an integer from 1 to 100" : "must be an integer from 0 to 5");
            continue;
        }
        cJSON *r = call_expect(sim, "POST", TRUEDY, body, 201);
        snprintf(key, sizeof key, "data.%s", cases[i].field);
        assert_int_equal((int)simcall_num(r, key), cases[i].stored);
        cJSON_Delete(r);
    }
    const char *omni = "{\"name\":\"O\",\"agent_id\":1,\"phone_number_id\":2,\"retry_config\":"
                       "{\"auto_retry\":true,\"auto_retry_schedule\":\"scheduled_time\","
                       "\"retry_schedule_days\":%s,\"retry_schedule_hours\":%s},"
                       "\"contact_list\":" ONE_CONTACT "}";
    char body[512], url[128];
    snprintf(body, sizeof body, omni, "366", "1");
    expect_omni_error(sim, "POST", OMNI "/create", body, 400,
                      "retry_config.retry_schedule_days: must be an integer from 0 to 365");
    snprintf(body, sizeof body, omni, "null", "8761");
    expect_omni_error(sim, "POST", OMNI "/create", body, 400,
                      "retry_config.retry_schedule_hours: must be an integer from 0 to 8760");
    snprintf(body, sizeof body, omni, "null", "6");
    cJSON *r = call_expect(sim, "POST", OMNI "/create", body, 200);
    snprintf(url, sizeof url, OMNI "/%d", (int)simcall_num(r, "id"));
    cJSON_Delete(r);
    r = call_expect(sim, "GET", url, NULL, 200);
    assert_int_equal((int)simcall_num(r, "details.retry_config.retry_schedule_days"), 0);
    assert_int_equal((int)simcall_num(r, "details.retry_config.retry_schedule_hours"), 6);
    cJSON_Delete(r);
}

/* The timezone and HH:MM rules are one rule in three dialects; only the
 * example zone in the message is each API's own. */
static void test_timezone_and_time_fields(void **state)
{
    sim_t *sim = *state;
    const char *iana = "must be a known IANA timezone such as ";
    char msg[96];
    snprintf(msg, sizeof msg, "%sEurope/London", iana);
    expect_422(sim, "POST", TRUEDY, "{\"name\":\"N\",\"timezone\":\"Mars/Base\",\"contacts\":" ONE_CONTACT "}",
               "body.timezone", msg);
    expect_422(sim, "POST", TRUEDY, "{\"name\":\"N\",\"timezone\":5,\"contacts\":" ONE_CONTACT "}",
               "body.timezone", msg);
    expect_422(sim, "POST", TRUEDY, "{\"name\":\"N\",\"start_time\":\"25:00\",\"contacts\":" ONE_CONTACT "}",
               "body.start_time", "must be a time HH:MM");
    cJSON *r = call_expect(sim, "POST", TRUEDY,
                           "{\"name\":\"N\",\"timezone\":\"Asia/Tokyo\",\"start_time\":\"09:30\","
                           "\"end_time\":null,\"contacts\":" ONE_CONTACT "}", 201);
    assert_string_equal(simcall_str(r, "data.timezone"), "Asia/Tokyo");
    assert_string_equal(simcall_str(r, "data.start_time"), "09:30");
    assert_true(cJSON_IsNull(simcall_get(r, "data.end_time")));
    cJSON_Delete(r);

    snprintf(msg, sizeof msg, "%sAsia/Kolkata", iana);
    expect_422(sim, "POST", SARVAM, "{\"name\":\"S\",\"allowed_schedule\":{\"timezone\":\"Mars/Base\"}}",
               "body.allowed_schedule.timezone", msg);
    expect_422(sim, "POST", SARVAM, "{\"name\":\"S\",\"allowed_schedule\":{\"allowed_end_time\":7}}",
               "body.allowed_schedule.allowed_end_time", "must be a time HH:MM");
    r = call_expect(sim, "POST", SARVAM,
                    "{\"name\":\"S\",\"allowed_schedule\":{\"timezone\":\"Asia/Tokyo\","
                    "\"allowed_start_time\":\"08:15\"}}", 201);
    assert_string_equal(simcall_str(r, "allowed_schedule.timezone"), "Asia/Tokyo");
    assert_string_equal(simcall_str(r, "allowed_schedule.allowed_start_time"), "08:15");
    cJSON_Delete(r);

    snprintf(msg, sizeof msg, "timezone: %sAmerica/New_York", iana);
    expect_omni_error(sim, "POST", OMNI "/create",
                      "{\"name\":\"O\",\"agent_id\":1,\"phone_number_id\":2,\"timezone\":\"Mars/Base\","
                      "\"contact_list\":" ONE_CONTACT "}", 400, msg);
    char url[128];
    snprintf(url, sizeof url, OMNI "/%s", simcall_make(sim, "omnidim", "scheduled", 2));
    expect_omni_error(sim, "PUT", url,
                      "{\"action\":\"reschedule\",\"new_scheduled_datetime\":\"2030-01-02 03:04:05\","
                      "\"new_timezone\":\"Mars/Base\"}", 400, "new_timezone: must be a known IANA timezone");

    /* absent or null: the campaign keeps its zone (the reschedule used to
     * copy the zone onto itself, which wiped it) */
    r = call_expect(sim, "GET", url, NULL, 200);
    char zone[64];
    snprintf(zone, sizeof zone, "%s", simcall_str(r, "details.timezone"));
    cJSON_Delete(r);
    assert_true(zone[0] != '\0');
    const char *keep[][2] = {
        {"{\"action\":\"reschedule\",\"new_scheduled_datetime\":\"2030-01-02 03:04:05\"}",
         "2030-01-02 03:04:05"},
        {"{\"action\":\"reschedule\",\"new_scheduled_datetime\":\"2030-01-03 03:04:05\",\"new_timezone\":null}",
         "2030-01-03 03:04:05"},
    };
    for (size_t i = 0; i < 2; i++) {
        r = call_expect(sim, "PUT", url, keep[i][0], 200);
        assert_string_equal(simcall_str(r, "timezone"), zone);
        assert_string_equal(simcall_str(r, "scheduled_datetime"), keep[i][1]);
        cJSON_Delete(r);
        r = call_expect(sim, "GET", url, NULL, 200);
        assert_string_equal(simcall_str(r, "details.timezone"), zone);
        cJSON_Delete(r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_limit_offset_bounds_same_in_truedy_and_sarvam, setup, teardown),
        cmocka_unit_test_setup_teardown(test_page_window_counts_matching_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_status_filters_same_wording_in_each_shape, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contact_filter_keeps_only_that_state, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_campaign_is_404_in_each_shape, setup, teardown),
        cmocka_unit_test_setup_teardown(test_method_guard_comes_before_lookup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overlong_path_is_404, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contact_values_become_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_integer_body_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timezone_and_time_fields, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
