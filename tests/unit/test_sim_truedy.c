/* dialtop-sim, Truedy dialect, through sim_handle: envelope, offset
 * pagination, pause/resume/PATCH transitions, contacts, 422 shapes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simcall.h"

#define BASE "/api/public/v1/batch-calls"

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

static void test_auth_and_envelope(void **state)
{
    sim_t *sim = *state;
    int st;
    cJSON *r = sim_call_full(sim, "GET", BASE, NULL, false, &st, NULL);
    assert_int_equal(st, 401);
    assert_string_equal(simcall_str(r, "error.code"), "unauthorized");
    assert_non_null(simcall_str(r, "error.message"));
    assert_non_null(simcall_str(r, "error.details.reason"));
    cJSON_Delete(r);
    simcall_make(sim, "truedy", "active", 4);
    r = sim_call(sim, "GET", BASE, NULL, &st);
    assert_int_equal(st, 200);
    assert_true(cJSON_IsArray(simcall_get(r, "data")));
    assert_non_null(simcall_str(r, "meta.request_id"));
    assert_non_null(simcall_str(r, "meta.ts"));
    assert_int_equal((int)simcall_num(r, "pagination.total"), 1);
    const cJSON *b = simcall_get(r, "data.0");
    assert_int_equal(strncmp(simcall_str(b, "id"), "batch_", 6), 0);
    assert_string_equal(simcall_str(b, "status"), "running");
    assert_int_equal((int)simcall_num(b, "total_contacts"), 4);
    assert_non_null(simcall_get(b, "concurrency"));
    assert_non_null(simcall_get(b, "called"));
    assert_non_null(simcall_get(b, "pending"));
    assert_non_null(simcall_get(b, "in_progress"));
    assert_non_null(simcall_get(b, "retry_limit"));
    cJSON_Delete(r);
}

static void test_list_pagination(void **state)
{
    sim_t *sim = *state;
    for (int i = 0; i < 12; i++)
        simcall_make(sim, "truedy", i % 2 ? "paused" : "completed", 2);
    int st, got = 0;
    for (int offset = 0;; offset += 5) {
        char url[128];
        snprintf(url, sizeof url, BASE "?limit=5&offset=%d", offset);
        cJSON *r = sim_call(sim, "GET", url, NULL, &st);
        assert_int_equal(st, 200);
        got += cJSON_GetArraySize(simcall_get(r, "data"));
        bool more = cJSON_IsTrue(simcall_get(r, "pagination.has_more"));
        assert_int_equal((int)simcall_num(r, "pagination.offset"), offset);
        cJSON_Delete(r);
        if (!more)
            break;
    }
    assert_int_equal(got, 12);
    cJSON *r = sim_call(sim, "GET", BASE "?status=paused", NULL, &st);
    assert_int_equal((int)simcall_num(r, "pagination.total"), 6);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", BASE "?limit=101", NULL, &st);
    assert_int_equal(st, 422);
    assert_string_equal(simcall_str(r, "detail.0.loc.0"), "query");
    assert_string_equal(simcall_str(r, "detail.0.loc.1"), "limit");
    cJSON_Delete(r);
}

static const char *const contacts =
    "\"contacts\":[{\"phone_number\":\"+14155550100\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\","
    "\"email\":\"ada@example.com\",\"custom_fields\":{\"plan\":\"gold\",\"seats\":4}},"
    "{\"phone_number\":\"+14155550101\"}]";

static void test_create_validation(void **state)
{
    sim_t *sim = *state;
    static const char *const cases[][2] = {
        {"nope", "body"},
        {"{%s}", "name"},
        {"{\"name\":\"x\"}", "contacts"},
        {"{\"name\":\"x\",\"contacts\":[]}", "contacts"},
        {"{\"name\":\"x\",\"contacts\":[{\"phone_number\":\"0415\"}]}", "contacts.0.phone_number"},
        {"{\"name\":\"x\",\"schedule_type\":\"scheduled\",%s}", "scheduled_at"},
        {"{\"name\":\"x\",\"schedule_type\":\"later\",%s}", "schedule_type"},
        {"{\"name\":\"x\",\"schedule_type\":\"scheduled\",\"scheduled_at\":\"tomorrow\",%s}", "scheduled_at"},
        {"{\"name\":\"x\",\"timezone\":\"Atlantis/Capital\",%s}", "timezone"},
        {"{\"name\":\"x\",\"retry_limit\":9,%s}", "retry_limit"},
        {"{\"name\":\"x\",\"start_time\":\"25:00\",%s}", "start_time"},
        {"{\"name\":\"x\",\"working_days\":[0],%s}", "working_days"},
        {"{\"name\":\"x\",\"end_time\":\"24:00\",%s}", "end_time"},
        {"{\"name\":\"x\",\"working_days\":[\"mon\"],%s}", "working_days"},
        {"{\"name\":\"x\",\"working_days\":[8],%s}", "working_days"},
        {"{\"name\":\"x\",\"max_calls_per_day\":0,%s}", "max_calls_per_day"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char body[1024];
        snprintf(body, sizeof body, cases[i][0], contacts);
        int st;
        cJSON *r = sim_call(sim, "POST", BASE, body, &st);
        /* the last element of loc names the field */
        const cJSON *loc = simcall_get(r, "detail.0.loc");
        int n = cJSON_GetArraySize(loc);
        char field[64] = "";
        for (int k = 1; k < n; k++) {
            const cJSON *p = cJSON_GetArrayItem(loc, k);
            size_t used = strlen(field);
            if (cJSON_IsNumber(p))
                snprintf(field + used, sizeof field - used, "%s%d", k > 1 ? "." : "", p->valueint);
            else
                snprintf(field + used, sizeof field - used, "%s%s", k > 1 ? "." : "", p->valuestring);
        }
        if (st != 422 || strcmp(field, cases[i][1]) != 0)
            fail_msg("case %zu: status %d field '%s', want 422 '%s'", i, st, field, cases[i][1]);
        assert_non_null(simcall_str(r, "detail.0.msg"));
        cJSON_Delete(r);
    }
    int st;
    cJSON *r = sim_call(sim, "GET", BASE, NULL, &st);
    assert_int_equal((int)simcall_num(r, "pagination.total"), 0);
    cJSON_Delete(r);
}

static void test_create_and_contacts(void **state)
{
    sim_t *sim = *state;
    char body[1024];
    snprintf(body, sizeof body,
             "{\"name\":\"Renewals\",\"agent_id\":\"ag_1\",\"schedule_type\":\"scheduled\","
             "\"scheduled_at\":\"2026-03-03T15:00:00Z\",\"timezone\":\"America/Chicago\","
             "\"start_time\":\"09:00\",\"end_time\":\"17:00\",\"working_days\":[1,2,3],%s}",
             contacts);
    int st;
    cJSON *r = sim_call(sim, "POST", BASE, body, &st);
    assert_int_equal(st, 201);
    assert_string_equal(simcall_str(r, "data.status"), "scheduled");
    assert_string_equal(simcall_str(r, "data.scheduled_at"), "2026-03-03T15:00:00Z");
    assert_string_equal(simcall_str(r, "data.schedule_type"), "scheduled");
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, "data.working_days")), 3);
    char id[64], url[160];
    snprintf(id, sizeof id, "%s", simcall_str(r, "data.id"));
    cJSON_Delete(r);

    snprintf(url, sizeof url, BASE "/%s/contacts", id);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal(st, 200);
    assert_int_equal((int)simcall_num(r, "pagination.total"), 2);
    const cJSON *c = simcall_get(r, "data.0");
    assert_string_equal(simcall_str(c, "phone_number"), "+14155550100");
    assert_string_equal(simcall_str(c, "first_name"), "Ada");
    assert_string_equal(simcall_str(c, "call_status"), "scheduled");
    assert_true(cJSON_IsNull(simcall_get(c, "call_id")));
    assert_string_equal(simcall_str(c, "custom_fields.seats"), "4");
    cJSON_Delete(r);

    r = sim_call(sim, "POST", url, "{\"contacts\":[{\"phone_number\":\"+14155550102\"},{\"phone_number\":\"bad\"}]}", &st);
    assert_int_equal(st, 201);
    assert_int_equal((int)simcall_num(r, "data.added_count"), 1);
    assert_int_equal((int)simcall_num(r, "data.failed_count"), 1);
    cJSON_Delete(r);

    sim_set_time(sim, 1772550000LL - 1); /* a second before the start */
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_string_equal(simcall_str(r, "data.0.call_status"), "scheduled");
    cJSON_Delete(r);
    /* 2026-03-03T15:00:00Z, 09:00 in Chicago: it starts inside its window */
    sim_set_time(sim, 1772550000LL);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_string_equal(simcall_str(r, "data.0.call_status"), "calling");
    assert_non_null(simcall_str(r, "data.0.call_id"));
    assert_non_null(simcall_str(r, "data.0.called_at"));
    cJSON_Delete(r);
    snprintf(url, sizeof url, BASE "/%s/contacts?status=calling", id);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal((int)simcall_num(r, "pagination.total"), 2); /* default concurrency 2 */
    cJSON_Delete(r);
}

typedef struct {
    const char *from;
    const char *pause, *resume, *patch; /* resulting status, NULL = 409 */
} truedy_row_t;

static const truedy_row_t table[] = {
    {"scheduled", "paused", NULL, "scheduled"},
    {"active", "paused", NULL, NULL},
    {"paused", NULL, "running", "paused"},
    {"completed", NULL, NULL, NULL},
    {"failed", NULL, NULL, NULL},
    {"cancelled", NULL, NULL, NULL},
};

static void check(sim_t *sim, const char *from, const char *method, const char *sub,
                  const char *body, const char *want, int ok_status, const char *rule)
{
    const char *id = simcall_make(sim, "truedy", from, 4);
    char url[160];
    snprintf(url, sizeof url, BASE "/%s%s", id, sub);
    int st;
    cJSON *r = sim_call(sim, method, url, body, &st);
    if (want) {
        if (st != ok_status)
            fail_msg("%s %s from %s: status %d", method, sub, from, st);
        assert_string_equal(simcall_str(r, "data.status"), want);
        assert_string_equal(simcall_str(r, "data.id"), id);
    } else {
        if (st != 409)
            fail_msg("%s %s from %s: status %d, want 409", method, sub, from, st);
        assert_string_equal(simcall_str(r, "error.code"), "invalid_state");
        assert_non_null(strstr(simcall_str(r, "error.message"), rule));
        assert_non_null(simcall_str(r, "error.details.status"));
    }
    cJSON_Delete(r);
}

static void test_transitions(void **state)
{
    sim_t *sim = *state;
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        const truedy_row_t *t = &table[i];
        check(sim, t->from, "POST", "/pause", NULL, t->pause, 200,
              "only active or scheduled batches can be paused");
        check(sim, t->from, "POST", "/resume", NULL, t->resume, 201, "only paused batches can be resumed");
        check(sim, t->from, "PATCH", "", "{\"scheduled_at\":\"2026-03-09T08:00:00Z\"}", t->patch, 200,
              "only scheduled or paused batches can be edited");
    }
    /* the refusal message names the state in Truedy's words */
    const char *id = simcall_make(sim, "truedy", "completed", 2);
    char url[160];
    snprintf(url, sizeof url, BASE "/%s/pause", id);
    int st;
    cJSON *r = sim_call(sim, "POST", url, NULL, &st);
    assert_string_equal(simcall_str(r, "error.message"),
                        "Batch is completed; only active or scheduled batches can be paused");
    cJSON_Delete(r);
}

static void test_patch_reschedules_pending_only(void **state)
{
    sim_t *sim = *state;
    const char *id0 = simcall_make(sim, "truedy", "paused", 40);
    char id[64], url[160];
    snprintf(id, sizeof id, "%s", id0);
    snprintf(url, sizeof url, BASE "/%s", id);
    int st;
    cJSON *before = sim_call(sim, "GET", url, NULL, &st);
    int completed = (int)simcall_num(before, "data.completed");
    cJSON_Delete(before);
    cJSON *r = sim_call(sim, "PATCH", url, "{\"scheduled_at\":\"2026-03-10T15:00:00Z\",\"name\":\"Moved\",\"max_calls_per_day\":80}", &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "data.status"), "paused");
    assert_string_equal(simcall_str(r, "data.name"), "Moved");
    assert_string_equal(simcall_str(r, "data.scheduled_at"), "2026-03-10T15:00:00Z");
    assert_int_equal((int)simcall_num(r, "data.completed"), completed);
    cJSON_Delete(r);
    /* resume before the new start: scheduled, not running */
    snprintf(url, sizeof url, BASE "/%s/resume", id);
    r = sim_call(sim, "POST", url, NULL, &st);
    assert_int_equal(st, 201);
    assert_string_equal(simcall_str(r, "data.status"), "scheduled");
    assert_non_null(simcall_str(r, "data.resumed_at"));
    cJSON_Delete(r);
    snprintf(url, sizeof url, BASE "/%s", id);
    r = sim_call(sim, "PATCH", url, "{\"working_days\":[8]}", &st);
    assert_int_equal(st, 422);
    cJSON_Delete(r);

    /* renaming an immediate batch does not make it a scheduled one */
    const char *id2 = simcall_make(sim, "truedy", "paused", 3);
    snprintf(url, sizeof url, BASE "/%s", id2);
    r = sim_call(sim, "PATCH", url, "{\"name\":\"Renamed\"}", &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "data.schedule_type"), "immediate");
    assert_true(cJSON_IsNull(simcall_get(r, "data.scheduled_at")));
    cJSON_Delete(r);
}

static void test_not_found_and_method(void **state)
{
    sim_t *sim = *state;
    int st;
    sim_response_t resp;
    cJSON *r = sim_call(sim, "GET", BASE "/batch_nope", NULL, &st);
    assert_int_equal(st, 404);
    assert_string_equal(simcall_str(r, "error.code"), "not_found");
    cJSON_Delete(r);
    r = sim_call(sim, "GET", "/api/public/v1/agents", NULL, &st);
    assert_int_equal(st, 404);
    assert_string_equal(simcall_str(r, "error.code"), "not_found");
    cJSON_Delete(r);
    const char *id = simcall_make(sim, "truedy", "active", 1);
    char url[160];
    snprintf(url, sizeof url, BASE "/%s", id);
    r = sim_call_full(sim, "DELETE", url, NULL, true, &st, &resp);
    assert_int_equal(st, 405); /* Truedy has no cancel */
    assert_string_equal(simcall_str(r, "error.code"), "method_not_allowed");
    assert_string_equal(sim_response_header(&resp, "Allow"), "GET, PATCH");
    sim_response_free(&resp);
    cJSON_Delete(r);
    snprintf(url, sizeof url, BASE "/%s/pause", id);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal(st, 405);
    cJSON_Delete(r);
}

static void test_contacts_refused_on_finished_batch(void **state)
{
    sim_t *sim = *state;
    const char *id = simcall_make(sim, "truedy", "completed", 3);
    char url[160];
    snprintf(url, sizeof url, BASE "/%s/contacts", id);
    int st;
    cJSON *r = sim_call(sim, "POST", url, "{\"contacts\":[{\"phone_number\":\"+14155550999\"}]}", &st);
    assert_int_equal(st, 409);
    assert_string_equal(simcall_str(r, "error.code"), "invalid_state");
    cJSON_Delete(r);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal((int)simcall_num(r, "pagination.total"), 3);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", BASE "?status=running", NULL, &st);
    assert_int_equal(st, 200);
    assert_int_equal((int)simcall_num(r, "pagination.total"), 0);
    cJSON_Delete(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_auth_and_envelope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_pagination, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_validation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_and_contacts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transitions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_patch_reschedules_pending_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_found_and_method, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contacts_refused_on_finished_batch, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
