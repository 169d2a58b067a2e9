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
#define TRUEDY "/api/public/v1/batch-calls"
#define SARVAM SIM_PREFIX_SARVAM "/campaigns"

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

/* A 422 {"detail":[{"loc":["query", field],"msg": msg}]} answer. */
static void assert_query_422(sim_t *sim, const char *url, const char *field, const char *msg)
{
    int st;
    cJSON *r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal(st, 422);
    assert_string_equal(simcall_str(r, "detail.0.loc.0"), "query");
    assert_string_equal(simcall_str(r, "detail.0.loc.1"), field);
    assert_string_equal(simcall_str(r, "detail.0.msg"), msg);
    cJSON_Delete(r);
}

static void test_limit_offset_bounds_same_in_truedy_and_sarvam(void **state)
{
    sim_t *sim = *state;
    char truedy_contacts[128], sarvam_attempts[160];
    snprintf(truedy_contacts, sizeof truedy_contacts, TRUEDY "/%s/contacts",
             simcall_make(sim, "truedy", "active", 3));
    snprintf(sarvam_attempts, sizeof sarvam_attempts, SARVAM "/%s/attempts",
             simcall_make(sim, "sarvam", "active", 3));
    const char *bases[] = {TRUEDY, truedy_contacts, SARVAM, sarvam_attempts};
    for (size_t i = 0; i < 4; i++) {
        char url[256];
        const char *bad_limits[] = {"0", "101", "abc", "-5", "%201"};
        for (size_t j = 0; j < 5; j++) {
            snprintf(url, sizeof url, "%s?limit=%s", bases[i], bad_limits[j]);
            assert_query_422(sim, url, "limit", "must be an integer from 1 to 100");
        }
        snprintf(url, sizeof url, "%s?offset=-1", bases[i]);
        assert_query_422(sim, url, "offset", "must be an integer from 0 to 1000000000");
        snprintf(url, sizeof url, "%s?offset=1000000001", bases[i]);
        assert_query_422(sim, url, "offset", "must be an integer from 0 to 1000000000");
        int st;
        snprintf(url, sizeof url, "%s?limit=100&offset=1000000000", bases[i]);
        cJSON *r = sim_call(sim, "GET", url, NULL, &st);
        assert_int_equal(st, 200);
        cJSON_Delete(r);
    }
    /* the defaults differ by API: Truedy 50, Sarvam 20 */
    int st;
    cJSON *r = sim_call(sim, "GET", TRUEDY, NULL, &st);
    assert_int_equal((int)simcall_num(r, "pagination.limit"), 50);
    assert_int_equal((int)simcall_num(r, "pagination.offset"), 0);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", SARVAM, NULL, &st);
    assert_int_equal((int)simcall_num(r, "limit"), 20);
    assert_int_equal((int)simcall_num(r, "offset"), 0);
    cJSON_Delete(r);
}

/* 7 paused campaigns among 5 completed ones: the page is a window over
 * the matching rows only, and the total counts all matching rows. */
static void test_page_window_counts_matching_rows(void **state)
{
    sim_t *sim = *state;
    const char *provs[] = {"omnidim", "truedy", "sarvam"};
    for (size_t p = 0; p < 3; p++)
        for (int i = 0; i < 12; i++)
            simcall_make(sim, provs[p], i % 2 == 0 || i == 11 ? "paused" : "completed", 1);
    int st;
    cJSON *r = sim_call(sim, "GET", TRUEDY "?status=paused&limit=3&offset=5", NULL, &st);
    assert_int_equal(st, 200);
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, "data")), 2);
    assert_int_equal((int)simcall_num(r, "pagination.total"), 7);
    assert_int_equal((int)simcall_num(r, "pagination.limit"), 3);
    assert_int_equal((int)simcall_num(r, "pagination.offset"), 5);
    assert_true(cJSON_IsFalse(simcall_get(r, "pagination.has_more")));
    assert_string_equal(simcall_str(r, "data.0.status"), "paused");
    cJSON_Delete(r);
    r = sim_call(sim, "GET", TRUEDY "?status=paused&limit=2&offset=4", NULL, &st);
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, "data")), 2);
    assert_true(cJSON_IsTrue(simcall_get(r, "pagination.has_more")));
    cJSON_Delete(r);
    r = sim_call(sim, "GET", TRUEDY "?status=paused&offset=7", NULL, &st);
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, "data")), 0);
    assert_int_equal((int)simcall_num(r, "pagination.total"), 7);
    cJSON_Delete(r);

    r = sim_call(sim, "GET", OMNI "?status=paused&pageno=3&pagesize=3", NULL, &st);
    assert_int_equal(st, 200);
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, "records")), 1);
    assert_int_equal((int)simcall_num(r, "total_records"), 7);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", OMNI "?status=paused&pageno=4&pagesize=3", NULL, &st);
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, "records")), 0);
    assert_int_equal((int)simcall_num(r, "total_records"), 7);
    cJSON_Delete(r);

    r = sim_call(sim, "GET", SARVAM "?campaign_status=paused&limit=3&offset=6", NULL, &st);
    assert_int_equal(st, 200);
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
    int st;
    cJSON *r = sim_call(sim, "GET", OMNI "?status=zz", NULL, &st);
    assert_int_equal(st, 400);
    assert_string_equal(simcall_str(r, "error"), "status: unknown status 'zz'");
    cJSON_Delete(r);
    assert_query_422(sim, TRUEDY "?status=zz", "status", "unknown status 'zz'");
    assert_query_422(sim, SARVAM "?campaign_status=zz", "campaign_status", "unknown status 'zz'");

    snprintf(url, sizeof url, OMNI "/%s/lines?call_status=zz", simcall_make(sim, "omnidim", "active", 2));
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal(st, 400);
    assert_string_equal(simcall_str(r, "error"), "call_status: unknown call status 'zz'");
    cJSON_Delete(r);
    snprintf(url, sizeof url, TRUEDY "/%s/contacts?status=zz", simcall_make(sim, "truedy", "active", 2));
    assert_query_422(sim, url, "status", "unknown call status 'zz'");

    /* an empty filter is no filter */
    r = sim_call(sim, "GET", TRUEDY "?status=", NULL, &st);
    assert_int_equal(st, 200);
    assert_int_equal((int)simcall_num(r, "pagination.total"), 1);
    cJSON_Delete(r);
}

static void test_contact_filter_keeps_only_that_state(void **state)
{
    sim_t *sim = *state;
    char base[128], url[256];
    snprintf(base, sizeof base, TRUEDY "/%s/contacts", simcall_make(sim, "truedy", "completed", 9));
    int st;
    cJSON *all = sim_call(sim, "GET", base, NULL, &st);
    assert_int_equal((int)simcall_num(all, "pagination.total"), 9);
    int completed = 0;
    const cJSON *row;
    cJSON_ArrayForEach(row, simcall_get(all, "data"))
        completed += strcmp(simcall_str(row, "call_status"), "completed") == 0;
    cJSON_Delete(all);
    assert_true(completed > 0);
    snprintf(url, sizeof url, "%s?status=completed&limit=1&offset=%d", base, completed - 1);
    cJSON *r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal(st, 200);
    assert_int_equal((int)simcall_num(r, "pagination.total"), completed);
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, "data")), 1);
    assert_string_equal(simcall_str(r, "data.0.call_status"), "completed");
    cJSON_Delete(r);
}

static void test_unknown_campaign_is_404_in_each_shape(void **state)
{
    sim_t *sim = *state;
    int st;
    const char *omni[] = {OMNI "/999", OMNI "/999/lines", "/api/v1/bulk-call/999/live-status"};
    for (size_t i = 0; i < 3; i++) {
        cJSON *r = sim_call(sim, "GET", omni[i], NULL, &st);
        assert_int_equal(st, 404);
        assert_true(cJSON_IsFalse(simcall_get(r, "success")));
        assert_string_equal(simcall_str(r, "error"), "Bulk call 999 not found");
        cJSON_Delete(r);
    }
    const char *truedy[][2] = {{"GET", TRUEDY "/batch_nope"}, {"POST", TRUEDY "/batch_nope/pause"},
                               {"GET", TRUEDY "/batch_nope/contacts"}};
    for (size_t i = 0; i < 3; i++) {
        cJSON *r = sim_call(sim, truedy[i][0], truedy[i][1], "{}", &st);
        assert_int_equal(st, 404);
        assert_string_equal(simcall_str(r, "error.code"), "not_found");
        assert_string_equal(simcall_str(r, "error.message"), "Batch_Call not found");
        assert_true(cJSON_IsObject(simcall_get(r, "error.details")));
        cJSON_Delete(r);
    }
    const char *sarvam[][2] = {{"GET", SARVAM "/cmp_nope"}, {"PUT", SARVAM "/cmp_nope/status"},
                               {"GET", SARVAM "/cmp_nope/attempts"}};
    for (size_t i = 0; i < 3; i++) {
        cJSON *r = sim_call(sim, sarvam[i][0], sarvam[i][1], "{}", &st);
        assert_int_equal(st, 404);
        assert_string_equal(simcall_str(r, "error.code"), "not_found");
        assert_string_equal(simcall_str(r, "error.message"), "Campaign not found");
        cJSON_Delete(r);
    }
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
        {"POST", "/api/v1/bulk-call/999/live-status", "GET"},
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
    for (size_t i = 0; i < sizeof missing / sizeof *missing; i++) {
        int st;
        cJSON *r = sim_call(sim, "GET", missing[i], NULL, &st);
        assert_int_equal(st, 404);
        cJSON_Delete(r);
    }
}

/* A path longer than the splitter's buffer is a 404, never a crash. */
static void test_overlong_path_is_404(void **state)
{
    sim_t *sim = *state;
    char id[701], url[800];
    memset(id, 'a', sizeof id - 1);
    id[sizeof id - 1] = '\0';
    const char *fmts[] = {OMNI "/%s", OMNI "/%s/lines", TRUEDY "/%s", SARVAM "/%s",
                          "/api/v1/bulk-call/%s/live-status"};
    for (size_t i = 0; i < sizeof fmts / sizeof *fmts; i++) {
        snprintf(url, sizeof url, fmts[i], id);
        int st;
        cJSON *r = sim_call(sim, "GET", url, NULL, &st);
        assert_int_equal(st, 404);
        cJSON_Delete(r);
    }
}

/* JSON values become context-variable text the same way wherever
 * contacts come in: strings as is, null as "", whole numbers without
 * ".0", other values as compact JSON; phone_number is not a variable. */
static void test_contact_values_become_text(void **state)
{
    sim_t *sim = *state;
    const char *values = "\"s\":\"x y\",\"i\":7,\"f\":1.5,\"n\":null,\"b\":true,\"a\":[1,\"2\"],\"o\":{\"k\":1}";
    char body[1024], url[256];
    int st;
    snprintf(body, sizeof body, "{\"name\":\"V\",\"contacts\":[{\"phone_number\":\"+15551234567\","
             "\"custom_fields\":{%s}}]}", values);
    cJSON *r = sim_call(sim, "POST", TRUEDY, body, &st);
    assert_int_equal(st, 201);
    snprintf(url, sizeof url, TRUEDY "/%s/contacts", simcall_str(r, "data.id"));
    cJSON_Delete(r);

    snprintf(body, sizeof body, "{\"provider\":\"truedy\",\"name\":\"C\",\"status\":\"paused\","
             "\"contacts\":[{\"phone_number\":\"+15551234567\",%s}]}", values);
    r = sim_call(sim, "POST", "/_sim/campaigns", body, &st);
    assert_int_equal(st, 201);
    char url2[256];
    snprintf(url2, sizeof url2, TRUEDY "/%s/contacts", simcall_str(r, "id"));
    cJSON_Delete(r);

    const char *urls[] = {url, url2};
    for (size_t i = 0; i < 2; i++) {
        r = sim_call(sim, "GET", urls[i], NULL, &st);
        assert_int_equal(st, 200);
        const cJSON *f = simcall_get(r, "data.0.custom_fields");
        assert_string_equal(simcall_str(f, "s"), "x y");
        assert_string_equal(simcall_str(f, "i"), "7");
        assert_string_equal(simcall_str(f, "f"), "1.5");
        assert_string_equal(simcall_str(f, "n"), "");
        assert_string_equal(simcall_str(f, "b"), "true");
        assert_string_equal(simcall_str(f, "a"), "[1,\"2\"]");
        assert_string_equal(simcall_str(f, "o"), "{\"k\":1}");
        assert_null(simcall_get(f, "phone_number"));
        assert_int_equal(cJSON_GetArraySize(f), 7);
        cJSON_Delete(r);
    }

    char base[160];
    snprintf(base, sizeof base, SARVAM "/%s", simcall_make(sim, "sarvam", "paused", 0));
    snprintf(url, sizeof url, "%s/cohorts/stream", base);
    snprintf(body, sizeof body, "{\"name\":\"c\",\"users\":[{\"user_phone_number\":\"+15551234567\","
             "\"app_variables\":{%s}}]}", values);
    r = sim_call(sim, "POST", url, body, &st);
    assert_int_equal(st, 201);
    cJSON_Delete(r);
    snprintf(url, sizeof url, "%s/attempts", base);
    r = sim_call(sim, "GET", url, NULL, &st);
    const cJSON *v = simcall_get(r, "items.0.app_variables");
    assert_string_equal(simcall_str(v, "i"), "7");
    assert_string_equal(simcall_str(v, "n"), "");
    assert_string_equal(simcall_str(v, "a"), "[1,\"2\"]");
    assert_int_equal(cJSON_GetArraySize(v), 7);
    cJSON_Delete(r);
}

static void test_integer_body_fields(void **state)
{
    sim_t *sim = *state;
    const char *contacts = "\"contacts\":[{\"phone_number\":\"+15551234567\"}]";
    struct {
        const char *field, *value;
        int status, stored;
    } cases[] = {
        {"concurrency", "null", 201, 2},  {"concurrency", "100", 201, 100},
        {"concurrency", "0", 422, 0},     {"concurrency", "101", 422, 0},
        {"concurrency", "2.5", 422, 0},   {"concurrency", "\"3\"", 422, 0},
        {"retry_limit", "5", 201, 5},     {"retry_limit", "6", 422, 0},
        {"retry_limit", "-1", 422, 0},    {"retry_limit", "1e10", 422, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char body[256];
        int st;
        snprintf(body, sizeof body, "{\"name\":\"N\",\"%s\":%s,%s}", cases[i].field, cases[i].value,
                 contacts);
        cJSON *r = sim_call(sim, "POST", TRUEDY, body, &st);
        assert_int_equal(st, cases[i].status);
        if (st == 201) {
            char path[64];
            snprintf(path, sizeof path, "data.%s", cases[i].field);
            assert_int_equal((int)simcall_num(r, path), cases[i].stored);
        } else {
            assert_string_equal(simcall_str(r, "detail.0.loc.1"), cases[i].field);
            assert_string_equal(simcall_str(r, "detail.0.msg"),
                                strcmp(cases[i].field, "concurrency") == 0
                                    ? "must be an integer from 1 to 100"
                                    : "must be an integer from 0 to 5");
        }
        cJSON_Delete(r);
    }
    const char *omni = "{\"name\":\"O\",\"agent_id\":1,\"phone_number_id\":2,\"retry_config\":"
                       "{\"auto_retry\":true,\"auto_retry_schedule\":\"scheduled_time\","
                       "\"retry_schedule_days\":%s,\"retry_schedule_hours\":%s},"
                       "\"contact_list\":[{\"phone_number\":\"+15551234567\"}]}";
    char body[512];
    int st;
    snprintf(body, sizeof body, omni, "366", "1");
    cJSON *r = sim_call(sim, "POST", OMNI "/create", body, &st);
    assert_int_equal(st, 400);
    assert_string_equal(simcall_str(r, "error"),
                        "retry_config.retry_schedule_days: must be an integer from 0 to 365");
    cJSON_Delete(r);
    snprintf(body, sizeof body, omni, "null", "8761");
    r = sim_call(sim, "POST", OMNI "/create", body, &st);
    assert_int_equal(st, 400);
    assert_string_equal(simcall_str(r, "error"),
                        "retry_config.retry_schedule_hours: must be an integer from 0 to 8760");
    cJSON_Delete(r);
    snprintf(body, sizeof body, omni, "null", "6");
    r = sim_call(sim, "POST", OMNI "/create", body, &st);
    assert_int_equal(st, 200);
    char url[128];
    snprintf(url, sizeof url, OMNI "/%d", (int)simcall_num(r, "id"));
    cJSON_Delete(r);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal((int)simcall_num(r, "details.retry_config.retry_schedule_days"), 0);
    assert_int_equal((int)simcall_num(r, "details.retry_config.retry_schedule_hours"), 6);
    cJSON_Delete(r);
}

/* The timezone and HH:MM rules are one rule in three dialects; only the
 * example zone in the message is each API's own. */
static void test_timezone_and_time_fields(void **state)
{
    sim_t *sim = *state;
    int st;
    const char *contacts = ",\"contacts\":[{\"phone_number\":\"+15551234567\"}]}";
    char body[512];
    snprintf(body, sizeof body, "{\"name\":\"N\",\"timezone\":\"Mars/Base\"%s", contacts);
    cJSON *r = sim_call(sim, "POST", TRUEDY, body, &st);
    assert_int_equal(st, 422);
    assert_string_equal(simcall_str(r, "detail.0.loc.1"), "timezone");
    assert_string_equal(simcall_str(r, "detail.0.msg"), "must be a known IANA timezone such as Europe/London");
    cJSON_Delete(r);
    snprintf(body, sizeof body, "{\"name\":\"N\",\"timezone\":5%s", contacts);
    r = sim_call(sim, "POST", TRUEDY, body, &st);
    assert_int_equal(st, 422);
    cJSON_Delete(r);
    snprintf(body, sizeof body, "{\"name\":\"N\",\"start_time\":\"25:00\"%s", contacts);
    r = sim_call(sim, "POST", TRUEDY, body, &st);
    assert_int_equal(st, 422);
    assert_string_equal(simcall_str(r, "detail.0.loc.1"), "start_time");
    assert_string_equal(simcall_str(r, "detail.0.msg"), "must be a time HH:MM");
    cJSON_Delete(r);
    snprintf(body, sizeof body, "{\"name\":\"N\",\"timezone\":\"Asia/Tokyo\",\"start_time\":\"09:30\","
             "\"end_time\":null%s", contacts);
    r = sim_call(sim, "POST", TRUEDY, body, &st);
    assert_int_equal(st, 201);
    assert_string_equal(simcall_str(r, "data.timezone"), "Asia/Tokyo");
    assert_string_equal(simcall_str(r, "data.start_time"), "09:30");
    assert_true(cJSON_IsNull(simcall_get(r, "data.end_time")));
    cJSON_Delete(r);

    r = sim_call(sim, "POST", SARVAM, "{\"name\":\"S\",\"allowed_schedule\":{\"timezone\":\"Mars/Base\"}}", &st);
    assert_int_equal(st, 422);
    assert_string_equal(simcall_str(r, "detail.0.loc.1"), "allowed_schedule");
    assert_string_equal(simcall_str(r, "detail.0.loc.2"), "timezone");
    assert_string_equal(simcall_str(r, "detail.0.msg"), "must be a known IANA timezone such as Asia/Kolkata");
    cJSON_Delete(r);
    r = sim_call(sim, "POST", SARVAM, "{\"name\":\"S\",\"allowed_schedule\":{\"allowed_end_time\":7}}", &st);
    assert_int_equal(st, 422);
    assert_string_equal(simcall_str(r, "detail.0.loc.2"), "allowed_end_time");
    assert_string_equal(simcall_str(r, "detail.0.msg"), "must be a time HH:MM");
    cJSON_Delete(r);
    r = sim_call(sim, "POST", SARVAM, "{\"name\":\"S\",\"allowed_schedule\":{\"timezone\":\"Asia/Tokyo\","
                 "\"allowed_start_time\":\"08:15\"}}", &st);
    assert_int_equal(st, 201);
    assert_string_equal(simcall_str(r, "allowed_schedule.timezone"), "Asia/Tokyo");
    assert_string_equal(simcall_str(r, "allowed_schedule.allowed_start_time"), "08:15");
    cJSON_Delete(r);

    const char *omni = "{\"name\":\"O\",\"agent_id\":1,\"phone_number_id\":2,\"timezone\":%s,"
                       "\"contact_list\":[{\"phone_number\":\"+15551234567\"}]}";
    snprintf(body, sizeof body, omni, "\"Mars/Base\"");
    r = sim_call(sim, "POST", OMNI "/create", body, &st);
    assert_int_equal(st, 400);
    assert_string_equal(simcall_str(r, "error"),
                        "timezone: must be a known IANA timezone such as America/New_York");
    cJSON_Delete(r);
    char url[128];
    snprintf(url, sizeof url, OMNI "/%s", simcall_make(sim, "omnidim", "scheduled", 2));
    r = sim_call(sim, "PUT", url, "{\"action\":\"reschedule\",\"new_scheduled_datetime\":\"2030-01-02 03:04:05\","
                 "\"new_timezone\":\"Mars/Base\"}", &st);
    assert_int_equal(st, 400);
    assert_string_equal(simcall_str(r, "error"), "new_timezone: must be a known IANA timezone");
    cJSON_Delete(r);
    /* absent or null: the campaign keeps its zone (the reschedule used to
     * copy the zone onto itself, which wiped it) */
    r = sim_call(sim, "GET", url, NULL, &st);
    char zone[64];
    snprintf(zone, sizeof zone, "%s", simcall_str(r, "details.timezone"));
    cJSON_Delete(r);
    assert_true(zone[0] != '\0');
    const char *keep[] = {"{\"action\":\"reschedule\",\"new_scheduled_datetime\":\"2030-01-02 03:04:05\"}",
                          "{\"action\":\"reschedule\",\"new_scheduled_datetime\":\"2030-01-03 03:04:05\","
                          "\"new_timezone\":null}"};
    const char *when[] = {"2030-01-02 03:04:05", "2030-01-03 03:04:05"};
    for (size_t i = 0; i < 2; i++) {
        r = sim_call(sim, "PUT", url, keep[i], &st);
        assert_int_equal(st, 200);
        assert_string_equal(simcall_str(r, "timezone"), zone);
        assert_string_equal(simcall_str(r, "scheduled_datetime"), when[i]);
        cJSON_Delete(r);
        r = sim_call(sim, "GET", url, NULL, &st);
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
