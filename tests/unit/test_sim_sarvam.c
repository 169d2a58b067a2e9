/* dialtop-sim, Sarvam dialect, through sim_handle: list with page URIs,
 * create/PATCH/status transitions from the seed's table, cohorts and
 * the sim-only attempts rows, 404/405/422 shapes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simcall.h"

#define BASE SIM_PREFIX_SARVAM "/campaigns"

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

static void test_auth_uses_x_api_key(void **state)
{
    sim_t *sim = *state;
    sim_request_t req;
    sim_response_t resp;
    assert_true(sim_request_parse(&req, "GET", BASE, NULL));
    req.authorization = "Bearer " SIMCALL_KEY; /* the wrong header for Sarvam */
    sim_handle(sim, &req, &resp);
    assert_int_equal(resp.status, 401);
    cJSON *r = cJSON_Parse(resp.body);
    assert_string_equal(simcall_str(r, "error.code"), "unauthorized");
    cJSON_Delete(r);
    sim_response_free(&resp);
    req.authorization = NULL;
    req.x_api_key = "wrong";
    sim_handle(sim, &req, &resp);
    assert_int_equal(resp.status, 401);
    sim_response_free(&resp);
    req.x_api_key = SIMCALL_KEY;
    sim_handle(sim, &req, &resp);
    assert_int_equal(resp.status, 200);
    sim_response_free(&resp);
    sim_request_free(&req);
}

static void test_list_pages_and_filters(void **state)
{
    sim_t *sim = *state;
    for (int i = 0; i < 9; i++)
        simcall_make(sim, "sarvam", i < 4 ? "paused" : "active", 2);
    int st, got = 0;
    char url[512] = BASE "?limit=4&campaign_status=active";
    for (int pages = 0; pages < 5; pages++) {
        cJSON *r = sim_call(sim, "GET", url, NULL, &st);
        assert_int_equal(st, 200);
        assert_int_equal((int)simcall_num(r, "total"), 5);
        got += cJSON_GetArraySize(simcall_get(r, "items"));
        const char *next = simcall_str(r, "next_page_uri");
        if (pages == 0)
            assert_true(cJSON_IsNull(simcall_get(r, "prev_page_uri")));
        if (!next) {
            assert_non_null(simcall_str(r, "prev_page_uri"));
            cJSON_Delete(r);
            break;
        }
        assert_non_null(strstr(next, "campaign_status=active")); /* filters are kept */
        snprintf(url, sizeof url, "%s", next);
        cJSON_Delete(r);
    }
    assert_int_equal(got, 5);
    cJSON *r = sim_call(sim, "GET", BASE "?sort_by=name&sort_order=asc&limit=100", NULL, &st);
    assert_int_equal(st, 200);
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, "items")), 9);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", BASE "?sort_by=color", NULL, &st);
    assert_int_equal(st, 422);
    assert_string_equal(simcall_str(r, "detail.0.loc.1"), "sort_by");
    cJSON_Delete(r);
    r = sim_call(sim, "GET", BASE "?search=paused&limit=100", NULL, &st);
    assert_int_equal((int)simcall_num(r, "total"), 4); /* names are "Test paused" */
    cJSON_Delete(r);
}

static void test_create_validation(void **state)
{
    sim_t *sim = *state;
    static const char *const cases[][2] = {
        {"{}", "name"},
        {"{\"name\":\"bad/name!\"}", "name"},
        {"{\"name\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}", "name"}, /* 51 */
        {"{\"name\":\"ok\",\"start_timestamp\":\"soon\"}", "start_timestamp"},
        {"{\"name\":\"ok\",\"start_timestamp\":\"2026-03-05T10:00:00Z\",\"end_timestamp\":\"2026-03-04T10:00:00Z\"}", "end_timestamp"},
        {"{\"name\":\"ok\",\"allowed_schedule\":{\"timezone\":\"Asia/Nowhere\"}}", "allowed_schedule"},
        {"{\"name\":\"ok\",\"allowed_schedule\":{\"allowed_days\":[\"Funday\"]}}", "allowed_schedule"},
        {"{\"name\":\"ok\",\"allowed_schedule\":{\"allowed_start_time\":\"9am\"}}", "allowed_schedule"},
        {"{\"name\":\"ok\",\"allowed_schedule\":{\"allowed_end_time\":\"25:00\"}}", "allowed_schedule"},
        {"{\"name\":\"ok\",\"allowed_schedule\":{\"allowed_days\":\"Monday\"}}", "allowed_schedule"},
        {"{\"name\":\"ok\",\"app_config\":[1]}", "app_config"},
        {"{\"name\":\"ok\",\"app_config\":{\"webhook_config\":{\"url\":\"ftp://h/x\"}}}", "app_config"},
        {"{\"name\":\"ok\",\"app_config\":{\"webhook_config\":{\"url\":7}}}", "app_config"},
        {"{\"name\":\"ok\",\"app_config\":{\"webhook_config\":{\"url\":\"http://h/x\",\"metadata\":[]}}}", "app_config"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int st;
        cJSON *r = sim_call(sim, "POST", BASE, cases[i][0], &st);
        if (st != 422 || !simcall_str(r, "detail.0.loc.1") ||
            strcmp(simcall_str(r, "detail.0.loc.1"), cases[i][1]) != 0)
            fail_msg("case %zu: status %d, want 422 naming %s", i, st, cases[i][1]);
        cJSON_Delete(r);
    }
    int st;
    cJSON *r = sim_call(sim, "GET", BASE, NULL, &st);
    assert_int_equal((int)simcall_num(r, "total"), 0);
    cJSON_Delete(r);
}

static void test_create_cohort_attempts(void **state)
{
    sim_t *sim = *state;
    int st;
    cJSON *r = sim_call(sim, "POST", BASE,
                        "{\"name\":\"EMI reminders\",\"app_id\":\"app_9\",\"app_config\":{\"voice\":\"meera\"},"
                        "\"start_timestamp\":\"2026-03-02T12:00:00+05:30\",\"end_timestamp\":\"2026-03-09T12:00:00Z\","
                        "\"allowed_schedule\":{\"allowed_start_time\":\"09:00\",\"allowed_end_time\":\"18:00\","
                        "\"allowed_days\":[\"Monday\",\"Friday\"],\"timezone\":\"Asia/Kolkata\"}}",
                        &st);
    assert_int_equal(st, 201);
    assert_string_equal(simcall_str(r, "status"), "scheduled");
    assert_string_equal(simcall_str(r, "start_timestamp"), "2026-03-02T06:30:00Z");
    assert_string_equal(simcall_str(r, "allowed_schedule.timezone"), "Asia/Kolkata");
    assert_string_equal(simcall_str(r, "allowed_schedule.allowed_days.1"), "Friday");
    assert_string_equal(simcall_str(r, "app_config.voice"), "meera");
    char id[64], url[256];
    snprintf(id, sizeof id, "%s", simcall_str(r, "campaign_id"));
    assert_int_equal(strncmp(id, "cmp_", 4), 0);
    cJSON_Delete(r);

    snprintf(url, sizeof url, BASE "/%s/cohorts/stream", id);
    r = sim_call(sim, "POST", url, "{\"name\":\"c1\",\"users\":[]}", &st);
    assert_int_equal(st, 422);
    cJSON_Delete(r);
    r = sim_call(sim, "POST", url,
                 "{\"name\":\"c1\",\"users\":[{\"user_phone_number\":\"+919812345678\",\"user_identifier\":\"u1\","
                 "\"app_variables\":{\"customer_name\":\"Ravi\"}},{\"user_phone_number\":\"12\"},"
                 "{\"user_phone_number\":\"+919812345679\"}]}",
                 &st);
    assert_int_equal(st, 201);
    assert_string_equal(simcall_str(r, "status"), "completed");
    assert_int_equal((int)simcall_num(r, "result.total_records"), 3);
    assert_int_equal((int)simcall_num(r, "result.valid_records"), 2);
    assert_int_equal((int)simcall_num(r, "result.rejected_records"), 1);
    char cohort[64];
    snprintf(cohort, sizeof cohort, "%s", simcall_str(r, "cohort_id"));
    cJSON_Delete(r);

    snprintf(url, sizeof url, BASE "/%s/cohorts", id);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal(st, 200);
    assert_int_equal((int)simcall_num(r, "total"), 1);
    cJSON_Delete(r);
    snprintf(url, sizeof url, BASE "/%s/cohorts/%s", id, cohort);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "name"), "c1");
    cJSON_Delete(r);
    snprintf(url, sizeof url, BASE "/%s/cohorts/coh_missing", id);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal(st, 404);
    cJSON_Delete(r);

    /* the start (06:30Z) is before now (10:00Z): it activates and dials */
    snprintf(url, sizeof url, "/_sim/sarvam/campaigns/%s/attempts?limit=1", id);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal(st, 200);
    assert_int_equal((int)simcall_num(r, "total"), 2);
    assert_non_null(simcall_str(r, "next_page_uri"));
    const cJSON *a = simcall_get(r, "items.0");
    assert_string_equal(simcall_str(a, "user_phone_number"), "+919812345678");
    assert_string_equal(simcall_str(a, "user_identifier"), "u1");
    assert_string_equal(simcall_str(a, "app_variables.customer_name"), "Ravi");
    assert_string_equal(simcall_str(a, "status"), "in_progress");
    assert_string_equal(simcall_str(a, "connectivity_status"), "connected");
    assert_int_equal((int)simcall_num(a, "attempt_number"), 1);
    assert_non_null(simcall_str(a, "attempt_id"));
    cJSON_Delete(r);
    snprintf(url, sizeof url, BASE "/%s", id);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_string_equal(simcall_str(r, "status"), "active");
    cJSON_Delete(r);

    /* end_timestamp passing ends the campaign by itself */
    sim_set_time(sim, 1773057600LL); /* 2026-03-09T12:00:00Z */
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_string_equal(simcall_str(r, "status"), "ended");
    cJSON_Delete(r);
}

typedef struct {
    const char *from;
    const char *pause, *resume, *cancel, *patch; /* resulting status, NULL = 409 */
} sarvam_row_t;

/* seeds/sarvam-update-campaign-status.md, plus PATCH only while paused or scheduled */
static const sarvam_row_t table[] = {
    {"scheduled", "paused", NULL, "cancelled", "scheduled"},
    {"active", "paused", NULL, "cancelled", NULL},
    {"paused", NULL, "scheduled", "cancelled", "paused"},
    {"ended", NULL, NULL, NULL, NULL},
    {"cancelled", NULL, NULL, NULL, NULL},
};

static void check(sim_t *sim, const char *from, const char *method, const char *sub,
                  const char *body, const char *want, const char *verb)
{
    const char *id = simcall_make(sim, "sarvam", from, 3);
    char url[256];
    snprintf(url, sizeof url, BASE "/%s%s", id, sub);
    int st;
    cJSON *r = sim_call(sim, method, url, body, &st);
    if (want) {
        if (st != 200)
            fail_msg("%s from %s: status %d", verb, from, st);
        assert_string_equal(simcall_str(r, "status"), want);
    } else {
        if (st != 409)
            fail_msg("%s from %s: status %d, want 409", verb, from, st);
        char msg[128];
        snprintf(msg, sizeof msg, "Cannot %s a campaign in status %s", verb, from);
        assert_string_equal(simcall_str(r, "error.message"), msg);
        assert_string_equal(simcall_str(r, "error.code"), "invalid_transition");
    }
    cJSON_Delete(r);
}

static void test_transitions(void **state)
{
    sim_t *sim = *state;
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        const sarvam_row_t *t = &table[i];
        check(sim, t->from, "PUT", "/status", "{\"action\":\"pause\"}", t->pause, "pause");
        check(sim, t->from, "PUT", "/status", "{\"action\":\"resume\"}", t->resume, "resume");
        check(sim, t->from, "PUT", "/status", "{\"action\":\"cancel\"}", t->cancel, "cancel");
        check(sim, t->from, "PATCH", "", "{\"description\":\"moved\",\"end_timestamp\":\"2026-12-01T00:00:00Z\"}",
              t->patch, "update");
    }
    const char *id = simcall_make(sim, "sarvam", "active", 3);
    char url[256];
    snprintf(url, sizeof url, BASE "/%s/status", id);
    int st;
    cJSON *r = sim_call(sim, "PUT", url, "{\"action\":\"archive\"}", &st);
    assert_int_equal(st, 422);
    assert_string_equal(simcall_str(r, "detail.0.loc.1"), "action");
    cJSON_Delete(r);
}

static void test_cancel_drops_pending_calls(void **state)
{
    sim_t *sim = *state;
    const char *id0 = simcall_make(sim, "sarvam", "active", 50);
    char id[64], url[256];
    snprintf(id, sizeof id, "%s", id0);
    snprintf(url, sizeof url, BASE "/%s/status", id);
    int st;
    cJSON *r = sim_call(sim, "PUT", url, "{\"action\":\"cancel\"}", &st);
    assert_int_equal(st, 200);
    cJSON_Delete(r);
    sim_set_time(sim, SIMCALL_T0 + 86400); /* calls in flight finish */
    snprintf(url, sizeof url, "/_sim/sarvam/campaigns/%s/attempts?limit=100", id);
    r = sim_call(sim, "GET", url, NULL, &st);
    cJSON *row;
    int cancelled = 0;
    cJSON_ArrayForEach(row, (cJSON *)simcall_get(r, "items"))
    {
        const char *s = simcall_str(row, "status");
        assert_string_not_equal(s, "pending");
        assert_string_not_equal(s, "in_progress");
        assert_string_not_equal(s, "retry_scheduled");
        cancelled += strcmp(s, "cancelled") == 0;
    }
    assert_true(cancelled > 0);
    cJSON_Delete(r);
}

static void test_not_found_and_method(void **state)
{
    sim_t *sim = *state;
    int st;
    cJSON *r = sim_call(sim, "GET", BASE "/cmp_missing", NULL, &st);
    assert_int_equal(st, 404);
    assert_string_equal(simcall_str(r, "error.code"), "not_found");
    cJSON_Delete(r);
    r = sim_call(sim, "GET", "/api/scheduling/v1/orgs/o/campaigns", NULL, &st);
    assert_int_equal(st, 404);
    assert_non_null(simcall_str(r, "error.message"));
    cJSON_Delete(r);
    r = sim_call(sim, "DELETE", BASE, NULL, &st);
    assert_int_equal(st, 405);
    cJSON_Delete(r);
    const char *id = simcall_make(sim, "sarvam", "active", 1);
    char url[256];
    snprintf(url, sizeof url, BASE "/%s/status", id);
    r = sim_call(sim, "POST", url, "{\"action\":\"pause\"}", &st);
    assert_int_equal(st, 405);
    cJSON_Delete(r);
}

static void test_resume_activates_when_start_passed(void **state)
{
    sim_t *sim = *state;
    const char *id0 = simcall_make(sim, "sarvam", "paused", 10);
    char id[64], url[256];
    snprintf(id, sizeof id, "%s", id0);
    snprintf(url, sizeof url, BASE "/%s/status", id);
    int st;
    cJSON *r = sim_call(sim, "PUT", url, "{\"action\":\"resume\"}", &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "status"), "scheduled"); /* per the seed */
    cJSON_Delete(r);
    /* the start is in the past: the campaign activates by itself */
    snprintf(url, sizeof url, BASE "/%s", id);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_string_equal(simcall_str(r, "status"), "active");
    cJSON_Delete(r);
}

static void test_namespaces_are_separate(void **state)
{
    sim_t *sim = *state;
    int st;
    cJSON *r = sim_call(sim, "POST", BASE, "{\"name\":\"Only here\"}", &st);
    assert_int_equal(st, 201);
    cJSON_Delete(r);
    const char *omni = simcall_make(sim, "omnidim", "active", 2);
    char url[256];
    snprintf(url, sizeof url, BASE "/%s", omni); /* an OmniDim id is unknown to Sarvam */
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal(st, 404);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", "/api/v1/calls/bulk_call", NULL, &st);
    assert_int_equal((int)simcall_num(r, "total_records"), 1);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", "/api/public/v1/batch-calls", NULL, &st);
    assert_int_equal((int)simcall_num(r, "pagination.total"), 0);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", BASE, NULL, &st);
    assert_int_equal((int)simcall_num(r, "total"), 1);
    assert_non_null(simcall_get(r, "items.0.allowed_schedule"));
    assert_null(simcall_get(r, "items.0.app_config")); /* detail only */
    cJSON_Delete(r);
}

/* PATCH as Sarvam documents it: only name, description, app_config,
 * end_timestamp and allowed_schedule; anything else ignored with a 200
 * (start_timestamp included: the start cannot move); allowed_schedule
 * replaced whole; only while paused or scheduled, else Sarvam's error. */
static void test_patch_is_strict(void **state)
{
    sim_t *sim = *state;
    int st;
    cJSON *r = sim_call(sim, "POST", BASE,
                        "{\"name\":\"strict\",\"start_timestamp\":\"2026-03-05T10:00:00Z\","
                        "\"allowed_schedule\":{\"allowed_start_time\":\"09:00\",\"allowed_end_time\":\"18:00\","
                        "\"allowed_days\":[\"Monday\",\"Friday\"],\"timezone\":\"Asia/Kolkata\"}}",
                        &st);
    assert_int_equal(st, 201);
    char url[256], before[4096];
    snprintf(url, sizeof url, BASE "/%s", simcall_str(r, "campaign_id"));
    cJSON_Delete(r);
    r = sim_call(sim, "GET", url, NULL, &st);
    char *text = cJSON_PrintUnformatted(r);
    snprintf(before, sizeof before, "%s", text);
    cJSON_free(text);
    cJSON_Delete(r);

    /* undocumented fields only: 200, and nothing moved */
    r = sim_call(sim, "PATCH", url,
                 "{\"start_timestamp\":\"2026-04-01T10:00:00Z\",\"concurrency\":9,\"foo\":1}", &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "start_timestamp"), "2026-03-05T10:00:00Z");
    cJSON_Delete(r);
    r = sim_call(sim, "GET", url, NULL, &st);
    text = cJSON_PrintUnformatted(r);
    assert_string_equal(text, before);
    cJSON_free(text);
    cJSON_Delete(r);

    /* a partial allowed_schedule replaces the whole: hours and days gone */
    r = sim_call(sim, "PATCH", url, "{\"allowed_schedule\":{\"timezone\":\"Asia/Dubai\"}}", &st);
    assert_int_equal(st, 200);
    assert_true(cJSON_IsNull(simcall_get(r, "allowed_schedule.allowed_start_time")));
    assert_true(cJSON_IsNull(simcall_get(r, "allowed_schedule.allowed_end_time")));
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, "allowed_schedule.allowed_days")), 0);
    assert_string_equal(simcall_str(r, "allowed_schedule.timezone"), "Asia/Dubai");
    cJSON_Delete(r);

    /* app_config replaced, webhook url with it */
    r = sim_call(sim, "PATCH", url,
                 "{\"app_config\":{\"webhook_config\":{\"url\":\"http://127.0.0.1:9/h\",\"metadata\":{}}}}", &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "app_config.webhook_config.url"), "http://127.0.0.1:9/h");
    cJSON_Delete(r);
    r = sim_call(sim, "PATCH", url, "{\"app_config\":\"x\"}", &st);
    assert_int_equal(st, 422);
    cJSON_Delete(r);

    /* active: Sarvam's error shape, nothing changed */
    sim_set_time(sim, 1772704800LL + 3600); /* past the start: active */
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_string_equal(simcall_str(r, "status"), "active");
    cJSON_Delete(r);
    r = sim_call(sim, "PATCH", url, "{\"description\":\"late\"}", &st);
    assert_int_equal(st, 409);
    assert_string_equal(simcall_str(r, "error.code"), "invalid_transition");
    assert_non_null(strstr(simcall_str(r, "error.message"), "active"));
    cJSON_Delete(r);
}

/* GET .../cohorts as Sarvam lists: newest first, 10 a page by default,
 * the list envelope; the totals over every page are the contacts. */
static void test_cohorts_list_pages(void **state)
{
    sim_t *sim = *state;
    int st;
    const char *id = simcall_make(sim, "sarvam", "paused", 0);
    char url[256], base[160];
    snprintf(base, sizeof base, BASE "/%s/cohorts", id);
    snprintf(url, sizeof url, "%s/stream", base);
    for (int i = 0; i < 12; i++) {
        char body[256];
        snprintf(body, sizeof body,
                 "{\"name\":\"part %d\",\"users\":[{\"user_phone_number\":\"+9198%08d\"},"
                 "{\"user_phone_number\":\"12\"}]}", i, i);
        cJSON_Delete(sim_call(sim, "POST", url, body, &st));
        assert_int_equal(st, 201);
    }
    cJSON *r = sim_call(sim, "GET", base, NULL, &st);
    assert_int_equal(st, 200);
    assert_int_equal((int)simcall_num(r, "total"), 12);
    assert_int_equal((int)simcall_num(r, "limit"), 10);
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, "items")), 10);
    assert_string_equal(simcall_str(r, "items.0.name"), "part 11"); /* newest first */
    assert_non_null(simcall_str(r, "next_page_uri"));
    long total = 0, valid = 0, rejected = 0;
    const cJSON *h;
    cJSON_ArrayForEach(h, simcall_get(r, "items"))
    {
        total += (long)simcall_num(h, "result.total_records");
        valid += (long)simcall_num(h, "result.valid_records");
        rejected += (long)simcall_num(h, "result.rejected_records");
    }
    cJSON_Delete(r);
    snprintf(url, sizeof url, "%s?offset=10", base);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, "items")), 2);
    assert_true(cJSON_IsNull(simcall_get(r, "next_page_uri")));
    cJSON_ArrayForEach(h, simcall_get(r, "items"))
    {
        total += (long)simcall_num(h, "result.total_records");
        valid += (long)simcall_num(h, "result.valid_records");
        rejected += (long)simcall_num(h, "result.rejected_records");
    }
    cJSON_Delete(r);
    assert_int_equal(total, 24);
    assert_int_equal(valid, 12);
    assert_int_equal(rejected, 12);
    snprintf(url, sizeof url, "%s?sort_order=asc&limit=1", base);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_string_equal(simcall_str(r, "items.0.name"), "part 0");
    cJSON_Delete(r);
    snprintf(url, sizeof url, "%s?sort_order=up", base);
    cJSON_Delete(sim_call(sim, "GET", url, NULL, &st));
    assert_int_equal(st, 422);

    /* a campaign the sim made itself has its contacts in a cohort too */
    const char *made = simcall_make(sim, "sarvam", "active", 25);
    snprintf(url, sizeof url, BASE "/%s/cohorts", made);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal((int)simcall_num(r, "items.0.result.total_records"), 25);
    cJSON_Delete(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_auth_uses_x_api_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_pages_and_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_validation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_cohort_attempts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transitions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cancel_drops_pending_calls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_found_and_method, setup, teardown),
        cmocka_unit_test_setup_teardown(test_namespaces_are_separate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resume_activates_when_start_passed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_patch_is_strict, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cohorts_list_pages, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
