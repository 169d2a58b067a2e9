/* dialtop-sim, OmniDimension dialect, through sim_handle (no sockets):
 * every endpoint, every transition, validation and error shapes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simcall.h"

#define LIST "/api/v1/calls/bulk_call"

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

static long total_records(sim_t *sim)
{
    int st;
    cJSON *r = sim_call(sim, "GET", LIST, NULL, &st);
    long n = (long)simcall_num(r, "total_records");
    cJSON_Delete(r);
    return n;
}

static void test_auth_shape(void **state)
{
    sim_t *sim = *state;
    int st;
    cJSON *r = sim_call_full(sim, "GET", LIST, NULL, false, &st, NULL);
    assert_int_equal(st, 401);
    assert_string_equal(simcall_str(r, "error"), "unauthorized");
    assert_non_null(simcall_str(r, "error_description"));
    cJSON_Delete(r);
}

static void test_list_pages_to_the_end(void **state)
{
    sim_t *sim = *state;
    char ids[7][16];
    for (int i = 0; i < 7; i++)
        snprintf(ids[i], sizeof ids[i], "%s", simcall_make(sim, "omnidim", "completed", 3));
    int seen = 0;
    for (int page = 1; page <= 4; page++) {
        char url[128];
        snprintf(url, sizeof url, LIST "?pageno=%d&pagesize=3", page);
        int st;
        cJSON *r = sim_call(sim, "GET", url, NULL, &st);
        assert_int_equal(st, 200);
        assert_string_equal(simcall_str(r, "status"), "success");
        assert_int_equal((int)simcall_num(r, "total_records"), 7);
        int n = cJSON_GetArraySize(simcall_get(r, "records"));
        assert_int_equal(n, page < 3 ? 3 : page == 3 ? 1 : 0);
        for (int i = 0; i < n; i++) {
            char path[32], want[16];
            snprintf(path, sizeof path, "records.%d.id", i);
            snprintf(want, sizeof want, "%.0f", simcall_num(r, path));
            /* newest first */
            assert_string_equal(want, ids[6 - seen]);
            seen++;
        }
        cJSON_Delete(r);
    }
    assert_int_equal(seen, 7);
}

static void test_list_record_fields(void **state)
{
    sim_t *sim = *state;
    simcall_make(sim, "omnidim", "active", 10);
    int st;
    cJSON *r = sim_call(sim, "GET", LIST, NULL, &st);
    const cJSON *c = simcall_get(r, "records.0");
    assert_true(cJSON_IsNumber(simcall_get(c, "id")));
    assert_string_equal(simcall_str(c, "status"), "in_progress");
    assert_true(cJSON_IsBool(simcall_get(c, "is_scheduled")));
    assert_true(cJSON_IsFalse(simcall_get(c, "failed_reason")));
    assert_int_equal((int)simcall_num(c, "total_calls"), 10);
    const char *date = simcall_str(c, "create_date");
    assert_non_null(date);
    assert_int_equal(strlen(date), 19);
    assert_int_equal(date[2], '/');
    assert_non_null(simcall_get(c, "concurrent_call_limit"));
    assert_non_null(simcall_get(c, "total_calls_made"));
    assert_non_null(simcall_get(c, "total_pending_calls"));
    assert_non_null(simcall_get(c, "total_not_reachable_calls"));
    assert_non_null(simcall_get(c, "retry_limit"));
    cJSON_Delete(r);
}

static void test_list_query_errors(void **state)
{
    sim_t *sim = *state;
    static const char *const bad[][2] = {
        {LIST "?pageno=0", "pageno"},
        {LIST "?pageno=abc", "pageno"},
        {LIST "?pagesize=0", "pagesize"},
        {LIST "?status=sleeping", "status"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int st;
        cJSON *r = sim_call(sim, "GET", bad[i][0], NULL, &st);
        assert_int_equal(st, 400);
        assert_true(cJSON_IsFalse(simcall_get(r, "success")));
        assert_non_null(strstr(simcall_str(r, "error"), bad[i][1]));
        cJSON_Delete(r);
    }
    /* above the maximum is clamped, not refused */
    for (int i = 0; i < 3; i++)
        simcall_make(sim, "omnidim", "paused", 1);
    int st;
    cJSON *r = sim_call(sim, "GET", LIST "?pagesize=500&status=paused", NULL, &st);
    assert_int_equal(st, 200);
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, "records")), 3);
    cJSON_Delete(r);
}

static const char *const good_contacts =
    "\"contact_list\":[{\"phone_number\":\"+15551234567\",\"customer_name\":\"John Doe\",\"account_id\":\"ACC-1\"},"
    "{\"phone_number\":\"+15559876543\",\"customer_name\":\"Jane Smith\",\"priority\":3}]";

static void test_create_validation(void **state)
{
    sim_t *sim = *state;
    char body[1024];
    static const char *const cases[][2] = {
        {"not json", "body"},
        {"[1,2]", "body"},
        {"{\"phone_number_id\":\"1\",%s}", "name"},
        {"{\"name\":\"x\",\"phone_number_id\":\"1\"}", "contact_list"},
        {"{\"name\":\"x\",\"phone_number_id\":\"1\",\"contact_list\":[]}", "contact_list"},
        {"{\"name\":\"x\",\"phone_number_id\":\"1\",\"contact_list\":[{\"phone_number\":\"+15551234567\"},{\"phone_number\":\"555-1234\"}]}",
         "contact_list[1].phone_number"},
        {"{\"name\":\"x\",%s}", "phone_number_id"},
        {"{\"name\":\"x\",\"phone_number_id\":\"1\",\"is_scheduled\":true,\"scheduled_datetime\":\"2026-13-01 10:00:00\",%s}",
         "scheduled_datetime"},
        {"{\"name\":\"x\",\"phone_number_id\":\"1\",\"is_scheduled\":true,\"scheduled_datetime\":\"2026-02-30 10:00:00\",%s}",
         "scheduled_datetime"},
        {"{\"name\":\"x\",\"phone_number_id\":\"1\",\"is_scheduled\":true,\"scheduled_datetime\":\"2026-03-05T10:00:00\",%s}",
         "scheduled_datetime"},
        {"{\"name\":\"x\",\"phone_number_id\":\"1\",\"timezone\":\"Mars/Olympus\",%s}", "timezone"},
        {"{\"name\":\"x\",\"phone_number_id\":\"1\",\"timezone\":\"../../etc/passwd\",%s}", "timezone"},
        {"{\"name\":\"x\",\"phone_number_id\":\"1\",\"timezone\":\"America\",%s}", "timezone"},
        {"{\"name\":\"x\",\"phone_number_id\":\"1\",\"retry_config\":{\"auto_retry\":true,\"retry_limit\":6},%s}",
         "retry_config.retry_limit"},
        {"{\"name\":\"x\",\"phone_number_id\":\"1\",\"retry_config\":{\"retry_limit\":-1},%s}",
         "retry_config.retry_limit"},
        {"{\"name\":\"x\",\"phone_number_id\":\"1\",\"concurrent_call_limit\":0,%s}", "concurrent_call_limit"},
        {"{\"name\":\"x\",\"phone_number_id\":\"1\",\"retry_config\":{\"auto_retry\":true,\"auto_retry_schedule\":\"scheduled_time\",\"retry_limit\":2},%s}",
         "retry_config.retry_schedule_hours"},
        {"{\"name\":\"x\",\"phone_number_id\":\"1\",\"retry_config\":{\"auto_retry\":true,\"auto_retry_schedule\":\"scheduled_time\",\"retry_schedule_days\":1.5},%s}",
         "retry_config.retry_schedule_days"},
        {"{\"name\":\"x\",\"phone_number_id\":\"1\",\"retry_config\":{\"auto_retry\":true,\"auto_retry_schedule\":\"later\"},%s}",
         "retry_config.auto_retry_schedule"},
    };
    long before = total_records(sim);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        snprintf(body, sizeof body, cases[i][0], good_contacts);
        int st;
        cJSON *r = sim_call(sim, "POST", LIST "/create", body, &st);
        if (st != 400 || !simcall_str(r, "error") || !strstr(simcall_str(r, "error"), cases[i][1]))
            fail_msg("case %zu: status %d, error %s; want 400 naming %s", i, st,
                     simcall_str(r, "error") ? simcall_str(r, "error") : "(none)", cases[i][1]);
        cJSON_Delete(r);
    }
    assert_int_equal(total_records(sim), before); /* a bad request changes nothing */

    sim_request_t req;
    sim_response_t resp;
    assert_true(sim_request_parse(&req, "POST", LIST "/create", NULL));
    req.authorization = "Bearer " SIMCALL_KEY;
    req.body_too_large = true;
    sim_handle(sim, &req, &resp);
    assert_int_equal(resp.status, 400);
    assert_non_null(strstr(resp.body, "16 MiB"));
    sim_response_free(&resp);
    sim_request_free(&req);
}

static void test_create_scheduled_in_timezone(void **state)
{
    sim_t *sim = *state;
    char body[1024];
    /* 09:00 in New York on 2026-03-05 is 14:00 UTC (EST, before DST) */
    snprintf(body, sizeof body,
             "{\"name\":\"Follow-up\",\"phone_number_id\":\"1\",\"is_scheduled\":true,"
             "\"scheduled_datetime\":\"2026-03-05 09:00:00\",\"timezone\":\"America/New_York\","
             "\"concurrent_call_limit\":2,\"retry_config\":{\"auto_retry\":true,"
             "\"auto_retry_schedule\":\"next_day\",\"retry_limit\":2},%s}",
             good_contacts);
    int st;
    cJSON *r = sim_call(sim, "POST", LIST "/create", body, &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "status"), "success");
    assert_string_equal(simcall_str(r, "current_status"), "scheduled");
    assert_true(cJSON_IsTrue(simcall_get(r, "is_scheduled")));
    char url[128];
    snprintf(url, sizeof url, LIST "/%.0f", simcall_num(r, "id"));
    cJSON_Delete(r);

    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "details.scheduled_datetime"), "2026-03-05 09:00:00");
    assert_string_equal(simcall_str(r, "details.timezone"), "America/New_York");
    assert_int_equal((int)simcall_num(r, "details.retry_limit"), 2);
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, "contact_list")), 2);
    assert_string_equal(simcall_str(r, "contact_list.1.to_number"), "+15559876543");
    cJSON_Delete(r);

    sim_set_time(sim, 1772719200LL - 1); /* 2026-03-05 13:59:59Z */
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_string_equal(simcall_str(r, "details.status"), "scheduled");
    cJSON_Delete(r);
    sim_set_time(sim, 1772719200LL);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_string_equal(simcall_str(r, "details.status"), "in_progress");
    assert_int_equal((int)simcall_num(r, "details.in_progress_calls"), 2);
    cJSON_Delete(r);
}

static void test_create_immediate_and_lines(void **state)
{
    sim_t *sim = *state;
    char body[1024];
    snprintf(body, sizeof body, "{\"name\":\"Now\",\"phone_number_id\":7,%s}", good_contacts);
    int st;
    cJSON *r = sim_call(sim, "POST", LIST "/create", body, &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "current_status"), "pending");
    char url[128];
    snprintf(url, sizeof url, LIST "/%.0f/lines?include_total=true", simcall_num(r, "id"));
    cJSON_Delete(r);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal(st, 200);
    assert_int_equal((int)simcall_num(r, "total_records"), 2);
    assert_true(cJSON_IsNull(simcall_get(r, "next_cursor")));
    const cJSON *l = simcall_get(r, "records.0");
    assert_string_equal(simcall_str(l, "to_number"), "+15551234567");
    assert_string_equal(simcall_str(l, "call_status"), "In Progress"); /* concurrency 1 */
    assert_int_equal((int)simcall_num(l, "attempts"), 1);
    assert_non_null(simcall_str(l, "last_attempt_at"));
    assert_string_equal(simcall_str(l, "context.customer_name"), "John Doe");
    assert_string_equal(simcall_str(r, "records.1.call_status"), "Pending");
    assert_string_equal(simcall_str(r, "records.1.context.priority"), "3");
    assert_true(cJSON_IsFalse(simcall_get(r, "records.1.failure_reason")));
    assert_true(cJSON_IsNull(simcall_get(r, "records.1.last_attempt_at")));
    cJSON_Delete(r);
}

static void test_lines_cursor_filters(void **state)
{
    sim_t *sim = *state;
    const char *id = simcall_make(sim, "omnidim", "paused", 45);
    char url[256], base[128];
    snprintf(base, sizeof base, LIST "/%s/lines", id);
    int st, pages = 0, rows = 0;
    char cursor[64] = "";
    for (;;) {
        snprintf(url, sizeof url, "%s?pagesize=20%s%s", base, *cursor ? "&cursor=" : "", cursor);
        cJSON *r = sim_call(sim, "GET", url, NULL, &st);
        assert_int_equal(st, 200);
        assert_null(simcall_get(r, "total_records")); /* only with include_total */
        rows += cJSON_GetArraySize(simcall_get(r, "records"));
        pages++;
        const char *next = simcall_str(r, "next_cursor");
        if (!next) {
            assert_true(cJSON_IsNull(simcall_get(r, "next_cursor")));
            cJSON_Delete(r);
            break;
        }
        snprintf(cursor, sizeof cursor, "%s", next);
        cJSON_Delete(r);
        assert_true(pages < 10);
    }
    assert_int_equal(pages, 3);
    assert_int_equal(rows, 45);

    /* status filter matches the counts in details */
    snprintf(url, sizeof url, LIST "/%s", id);
    cJSON *d = sim_call(sim, "GET", url, NULL, &st);
    int pending = (int)simcall_num(d, "details.call_status_counts.Pending");
    int sum = 0;
    cJSON *it;
    cJSON_ArrayForEach(it, (cJSON *)simcall_get(d, "details.call_status_counts")) sum += it->valueint;
    assert_int_equal(sum, 45);
    cJSON_Delete(d);
    snprintf(url, sizeof url, "%s?call_status=pending&include_total=true&pagesize=150", base);
    cJSON *r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal((int)simcall_num(r, "total_records"), pending);
    cJSON_Delete(r);

    /* search on context values */
    snprintf(url, sizeof url, "%s?search=ACC-10007&include_total=true", base);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal((int)simcall_num(r, "total_records"), 1);
    assert_string_equal(simcall_str(r, "records.0.context.account_id"), "ACC-10007");
    cJSON_Delete(r);

    snprintf(url, sizeof url, "%s?cursor=zz", base);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal(st, 400);
    assert_non_null(strstr(simcall_str(r, "error"), "cursor"));
    cJSON_Delete(r);
    snprintf(url, sizeof url, "%s?call_status=asleep", base);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal(st, 400);
    cJSON_Delete(r);
}

static void test_live_status(void **state)
{
    sim_t *sim = *state;
    const char *id = simcall_make(sim, "omnidim", "active", 30);
    char url[128];
    snprintf(url, sizeof url, "/api/v1/bulk-call/%s/live-status", id);
    int st;
    cJSON *r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "campaign_status"), "in_progress");
    assert_int_equal((int)simcall_num(r, "bulk_call_id"), atoi(id));
    assert_int_equal((int)simcall_num(r, "summary.total_contacts"), 30);
    assert_true(simcall_num(r, "summary.in_progress") >= 1);
    /* every figure API.md names, and the same numbers as the list row:
     * total_calls, completed_calls, total_pending_calls (= queued) and
     * total_not_reachable_calls (= failed + busy + no_answer) */
    static const char *const keys[] = {"total_contacts", "queued", "in_progress", "completed",
                                       "failed", "busy", "no_answer"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        char k[64];
        snprintf(k, sizeof k, "summary.%s", keys[i]);
        assert_true(cJSON_IsNumber(simcall_get(r, k)));
    }
    cJSON *l = sim_call(sim, "GET", LIST, NULL, &st);
    const cJSON *row = simcall_get(l, "records.0");
    assert_int_equal((int)simcall_num(row, "id"), atoi(id));
    assert_true(simcall_num(row, "total_calls") == simcall_num(r, "summary.total_contacts"));
    assert_true(simcall_num(row, "completed_calls") == simcall_num(r, "summary.completed"));
    assert_true(simcall_num(row, "total_pending_calls") == simcall_num(r, "summary.queued"));
    assert_true(simcall_num(row, "total_not_reachable_calls") ==
                simcall_num(r, "summary.failed") + simcall_num(r, "summary.busy") +
                    simcall_num(r, "summary.no_answer"));
    cJSON_Delete(l);
    cJSON_Delete(r);
}

/* Written from the seeds: what each action does from each state. */
typedef struct {
    const char *from;
    const char *pause, *resume, *reschedule, *cancel; /* resulting status or NULL = 409 */
} omni_row_t;

static const omni_row_t omni_table[] = {
    {"scheduled", "paused", NULL, "scheduled", "cancelled"},
    {"active", "paused", NULL, "scheduled", "cancelled"},
    {"paused", NULL, "in_progress", "scheduled", "cancelled"},
    {"completed", NULL, NULL, NULL, NULL},
    {"failed", NULL, NULL, NULL, NULL},
    {"cancelled", NULL, NULL, NULL, NULL},
};

static void check_action(sim_t *sim, const char *from, const char *method, const char *body,
                         const char *want, const char *verb)
{
    const char *id = simcall_make(sim, "omnidim", from, 5);
    char url[128];
    snprintf(url, sizeof url, LIST "/%s", id);
    int st;
    cJSON *r = sim_call(sim, method, url, body, &st);
    if (want) {
        if (st != 200)
            fail_msg("%s from %s: status %d, want 200", verb, from, st);
        assert_string_equal(simcall_str(r, "current_status"), want);
    } else {
        if (st != 409)
            fail_msg("%s from %s: status %d, want 409", verb, from, st);
        assert_true(cJSON_IsFalse(simcall_get(r, "success")));
        char msg[128];
        cJSON *d = sim_call(sim, "GET", url, NULL, &st);
        snprintf(msg, sizeof msg, "Cannot %s a campaign that is %s", verb, simcall_str(d, "details.status"));
        assert_string_equal(simcall_str(r, "error"), msg);
        cJSON_Delete(d);
    }
    cJSON_Delete(r);
}

static void test_transitions(void **state)
{
    sim_t *sim = *state;
    const char *resched = "{\"action\":\"reschedule\",\"new_scheduled_datetime\":\"2026-04-01 09:30:00\","
                          "\"new_timezone\":\"Europe/London\"}";
    for (size_t i = 0; i < sizeof omni_table / sizeof *omni_table; i++) {
        const omni_row_t *row = &omni_table[i];
        check_action(sim, row->from, "PUT", "{\"action\":\"pause\"}", row->pause, "pause");
        check_action(sim, row->from, "PUT", "{\"action\":\"resume\"}", row->resume, "resume");
        check_action(sim, row->from, "PUT", resched, row->reschedule, "reschedule");
        check_action(sim, row->from, "DELETE", NULL, row->cancel, "cancel");
    }
}

static void test_pause_twice_and_resume_to_scheduled(void **state)
{
    sim_t *sim = *state;
    const char *id = simcall_make(sim, "omnidim", "scheduled", 5);
    char url[128];
    snprintf(url, sizeof url, LIST "/%s", id);
    int st;
    cJSON *r = sim_call(sim, "PUT", url, "{\"action\":\"pause\"}", &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "message"), "Bulk call paused successfully");
    cJSON_Delete(r);
    r = sim_call(sim, "PUT", url, "{\"action\":\"pause\"}", &st);
    assert_int_equal(st, 409);
    assert_string_equal(simcall_str(r, "error"), "Cannot pause a campaign that is paused");
    cJSON_Delete(r);
    /* the start is still ahead: back to scheduled, not active */
    r = sim_call(sim, "PUT", url, "{\"action\":\"resume\"}", &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "current_status"), "scheduled");
    cJSON_Delete(r);
}

static void test_reschedule_echo_and_validation(void **state)
{
    sim_t *sim = *state;
    const char *id = simcall_make(sim, "omnidim", "active", 5);
    char url[128];
    snprintf(url, sizeof url, LIST "/%s", id);
    int st;
    cJSON *r = sim_call(sim, "PUT", url, "{\"action\":\"reschedule\",\"new_scheduled_datetime\":\"2026/04/01\"}", &st);
    assert_int_equal(st, 400);
    assert_non_null(strstr(simcall_str(r, "error"), "new_scheduled_datetime"));
    cJSON_Delete(r);
    r = sim_call(sim, "PUT", url, "{\"action\":\"reschedule\",\"new_scheduled_datetime\":\"2026-04-01 10:00:00\",\"new_timezone\":\"Nowhere/City\"}", &st);
    assert_int_equal(st, 400);
    assert_non_null(strstr(simcall_str(r, "error"), "new_timezone"));
    cJSON_Delete(r);
    r = sim_call(sim, "PUT", url, "{\"action\":\"explode\"}", &st);
    assert_int_equal(st, 400);
    assert_non_null(strstr(simcall_str(r, "error"), "action"));
    cJSON_Delete(r);
    r = sim_call(sim, "PUT", url, "{\"action\":\"reschedule\",\"new_scheduled_datetime\":\"2026-04-01 10:00:00\",\"new_timezone\":\"Asia/Kolkata\"}", &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "current_status"), "scheduled");
    assert_string_equal(simcall_str(r, "scheduled_datetime"), "2026-04-01 10:00:00");
    assert_string_equal(simcall_str(r, "timezone"), "Asia/Kolkata");
    cJSON_Delete(r);
}

/* manual_retry re-queues the unreached in the same campaign and names no
 * status (a client reads the campaign back); concurrency is strict. */
static void test_manual_retry_and_concurrency(void **state)
{
    sim_t *sim = *state;
    const char *id = simcall_make(sim, "omnidim", "completed", 60);
    char url[128], retry[160], conc[160];
    snprintf(url, sizeof url, LIST "/%s", id);
    snprintf(retry, sizeof retry, LIST "/%s/manual_retry", id);
    snprintf(conc, sizeof conc, LIST "/%s/concurrency", id);
    int st;
    cJSON *r = sim_call(sim, "GET", url, NULL, &st);
    long na = (long)simcall_num(r, "details.call_status_counts.no-answer");
    long busy = (long)simcall_num(r, "details.call_status_counts.busy");
    long failed = (long)simcall_num(r, "details.call_status_counts.Failed");
    cJSON_Delete(r);
    assert_true(na + busy > 0);

    r = sim_call(sim, "POST", retry, "{\"failure_reasons\":[\"no_answer\"]}", &st);
    assert_int_equal(st, 400); /* OmniDim's spelling only */
    assert_non_null(strstr(simcall_str(r, "error"), "failure_reasons"));
    cJSON_Delete(r);
    r = sim_call(sim, "POST", retry, "{\"failure_reasons\":[]}", &st);
    assert_int_equal(st, 400);
    cJSON_Delete(r);
    r = sim_call(sim, "POST", retry, "{\"failure_reasons\":[\"busy\"],\"max_retries\":0}", &st);
    assert_int_equal(st, 400);
    assert_non_null(strstr(simcall_str(r, "error"), "max_retries"));
    cJSON_Delete(r);

    r = sim_call(sim, "POST", retry,
                 "{\"retry_strategy\":\"all\",\"failure_reasons\":[\"no-answer\",\"busy\"]}", &st);
    assert_int_equal(st, 200);
    assert_int_equal((long)simcall_num(r, "retried_count"), na + busy);
    assert_null(simcall_get(r, "current_status"));
    cJSON_Delete(r);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_string_equal(simcall_str(r, "details.status"), "in_progress");
    assert_int_equal((long)simcall_num(r, "details.call_status_counts.no-answer"), 0);
    assert_int_equal((long)simcall_num(r, "details.call_status_counts.busy"), 0);
    assert_int_equal((long)simcall_num(r, "details.call_status_counts.Failed"), failed);
    cJSON_Delete(r);

    r = sim_call(sim, "PUT", conc, "{\"concurrent_call_limit\":0}", &st);
    assert_int_equal(st, 400);
    cJSON_Delete(r);
    r = sim_call(sim, "PUT", conc, "{}", &st);
    assert_int_equal(st, 400);
    cJSON_Delete(r);
    r = sim_call(sim, "PUT", conc, "{\"concurrent_call_limit\":12}", &st);
    assert_int_equal(st, 200);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal((int)simcall_num(r, "details.concurrent_call_limit"), 12);
    cJSON_Delete(r);

    /* the table: a cancelled campaign takes neither */
    r = sim_call(sim, "DELETE", url, NULL, &st);
    cJSON_Delete(r);
    r = sim_call(sim, "POST", retry, "{\"failure_reasons\":[\"busy\"]}", &st);
    assert_int_equal(st, 409);
    cJSON_Delete(r);
    r = sim_call(sim, "PUT", conc, "{\"concurrent_call_limit\":4}", &st);
    assert_int_equal(st, 409);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", retry, NULL, &st);
    assert_int_equal(st, 405);
    cJSON_Delete(r);
}

static void test_not_found_and_method(void **state)
{
    sim_t *sim = *state;
    int st;
    sim_response_t resp;
    cJSON *r = sim_call(sim, "GET", LIST "/999999", NULL, &st);
    assert_int_equal(st, 404);
    assert_true(cJSON_IsFalse(simcall_get(r, "success")));
    assert_non_null(strstr(simcall_str(r, "error"), "999999"));
    cJSON_Delete(r);
    r = sim_call(sim, "GET", "/api/v1/nothing/here", NULL, &st);
    assert_int_equal(st, 404);
    assert_true(cJSON_IsFalse(simcall_get(r, "success")));
    cJSON_Delete(r);
    r = sim_call_full(sim, "PATCH", LIST, "{}", true, &st, &resp);
    assert_int_equal(st, 405);
    assert_string_equal(sim_response_header(&resp, "Allow"), "GET");
    assert_true(cJSON_IsFalse(simcall_get(r, "success")));
    sim_response_free(&resp);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", LIST "/create", NULL, &st);
    assert_int_equal(st, 405);
    cJSON_Delete(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_auth_shape, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_pages_to_the_end, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_record_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_query_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_validation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_scheduled_in_timezone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_immediate_and_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lines_cursor_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_live_status, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transitions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pause_twice_and_resume_to_scheduled, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reschedule_echo_and_validation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_manual_retry_and_concurrency, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_found_and_method, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
