/* dialtop-sim over real HTTP (simproc + libcurl): every endpoint of every
 * dialect, auth 401 shapes, 404/405, oversized and malformed bodies, and
 * the command line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "simcall.h"
#include "simhttp.h"
#include "simproc.h"

#define KEY "it-key"
#define SARVAM "/api/scheduling/v1/orgs/acme/workspaces/main"

static simproc_t *sp;
static const char *const bearer[] = {"Authorization: Bearer " KEY, NULL};
static const char *const xkey[] = {"X-API-Key: " KEY, NULL};

static int group_setup(void **state)
{
    (void)state;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const char *args[] = {"--demo", "--seed", "1", "--speed", "0", NULL};
    sp = simproc_start(KEY, args);
    return sp ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    int rc = simproc_stop(sp);
    curl_global_cleanup();
    return rc == 0 ? 0 : -1; /* SIGTERM is a clean exit */
}

/* Request; fails the test unless the status matches. */
static simhttp_t call(const char *method, const char *path, const char *const *h, const char *body,
                      long want)
{
    char url[1024];
    snprintf(url, sizeof url, "%s%s", simproc_url(sp), path);
    simhttp_t r;
    simhttp_request(&r, method, url, h, body, 0);
    if (r.err != CURLE_OK || r.status != want)
        fail_msg("%s %s: curl %d status %ld, want %ld: %.300s", method, path, (int)r.err, r.status,
                 want, r.body ? r.body : "");
    return r;
}

static void test_omnidim_endpoints(void **state)
{
    (void)state;
    simhttp_t r = call("POST", "/api/v1/calls/bulk_call/create", bearer,
                       "{\"name\":\"HTTP test\",\"phone_number_id\":\"1\",\"concurrent_call_limit\":3,"
                       "\"contact_list\":[{\"phone_number\":\"+15551230001\",\"customer_name\":\"A\"},"
                       "{\"phone_number\":\"+15551230002\"},{\"phone_number\":\"+15551230003\"},"
                       "{\"phone_number\":\"+15551230004\"},{\"phone_number\":\"+15551230005\"}]}",
                       200);
    int id = (int)simcall_num(r.json, "id");
    simhttp_free(&r);
    char path[256];
    r = call("GET", "/api/v1/calls/bulk_call?pageno=1&pagesize=50", bearer, NULL, 200);
    assert_int_equal((int)simcall_num(r.json, "records.0.id"), id); /* newest first */
    assert_int_equal((int)simcall_num(r.json, "total_records"), 8);
    simhttp_free(&r);
    snprintf(path, sizeof path, "/api/v1/calls/bulk_call/%d", id);
    r = call("GET", path, bearer, NULL, 200);
    assert_string_equal(simcall_str(r.json, "details.status"), "in_progress");
    assert_int_equal((int)simcall_num(r.json, "details.call_status_counts.In Progress"), 3);
    simhttp_free(&r);

    int rows = 0;
    char cursor[64] = "";
    for (int pages = 1;; pages++) {
        snprintf(path, sizeof path, "/api/v1/calls/bulk_call/%d/lines?pagesize=2%s%s", id,
                 *cursor ? "&cursor=" : "", cursor);
        r = call("GET", path, bearer, NULL, 200);
        rows += cJSON_GetArraySize(simcall_get(r.json, "records"));
        const char *next = simcall_str(r.json, "next_cursor");
        snprintf(cursor, sizeof cursor, "%s", next ? next : "");
        simhttp_free(&r);
        if (!*cursor) {
            assert_int_equal(pages, 3);
            break;
        }
    }
    assert_int_equal(rows, 5);

    snprintf(path, sizeof path, "/api/v1/bulk-call/%d/live-status", id);
    r = call("GET", path, bearer, NULL, 200);
    assert_int_equal((int)simcall_num(r.json, "summary.in_progress"), 3);
    simhttp_free(&r);

    snprintf(path, sizeof path, "/api/v1/calls/bulk_call/%d", id);
    r = call("PUT", path, bearer, "{\"action\":\"pause\"}", 200);
    assert_string_equal(simcall_str(r.json, "current_status"), "paused");
    simhttp_free(&r);
    r = call("PUT", path, bearer, "{\"action\":\"pause\"}", 409);
    assert_string_equal(simcall_str(r.json, "error"), "Cannot pause a campaign that is paused");
    simhttp_free(&r);
    r = call("PUT", path, bearer, "{\"action\":\"resume\"}", 200);
    assert_string_equal(simcall_str(r.json, "current_status"), "in_progress");
    simhttp_free(&r);
    r = call("PUT", path, bearer,
             "{\"action\":\"reschedule\",\"new_scheduled_datetime\":\"2030-01-02 09:00:00\",\"new_timezone\":\"Europe/Paris\"}",
             200);
    assert_string_equal(simcall_str(r.json, "scheduled_datetime"), "2030-01-02 09:00:00");
    simhttp_free(&r);
    r = call("DELETE", path, bearer, NULL, 200);
    assert_string_equal(simcall_str(r.json, "current_status"), "cancelled");
    simhttp_free(&r);
    r = call("DELETE", path, bearer, NULL, 409);
    assert_string_equal(simcall_str(r.json, "error"), "Cannot cancel a campaign that is cancelled");
    simhttp_free(&r);
}

static void test_truedy_endpoints(void **state)
{
    (void)state;
    simhttp_t r = call("POST", "/api/public/v1/batch-calls", bearer,
                       "{\"name\":\"HTTP batch\",\"agent_id\":\"ag\",\"schedule_type\":\"scheduled\","
                       "\"scheduled_at\":\"2031-05-01T09:00:00Z\",\"contacts\":[{\"phone_number\":\"+14155550001\","
                       "\"first_name\":\"Bo\"}]}",
                       201);
    char id[64], path[256];
    snprintf(id, sizeof id, "%s", simcall_str(r.json, "data.id"));
    assert_string_equal(simcall_str(r.json, "data.status"), "scheduled");
    simhttp_free(&r);
    r = call("GET", "/api/public/v1/batch-calls?limit=2&offset=0", bearer, NULL, 200);
    assert_true(cJSON_IsTrue(simcall_get(r.json, "pagination.has_more")));
    simhttp_free(&r);
    snprintf(path, sizeof path, "/api/public/v1/batch-calls/%s", id);
    r = call("GET", path, bearer, NULL, 200);
    assert_string_equal(simcall_str(r.json, "data.name"), "HTTP batch");
    simhttp_free(&r);
    snprintf(path, sizeof path, "/api/public/v1/batch-calls/%s/contacts", id);
    r = call("POST", path, bearer, "{\"contacts\":[{\"phone_number\":\"+14155550002\"}]}", 201);
    assert_int_equal((int)simcall_num(r.json, "data.added_count"), 1);
    simhttp_free(&r);
    r = call("GET", path, bearer, NULL, 200);
    assert_int_equal((int)simcall_num(r.json, "pagination.total"), 2);
    assert_string_equal(simcall_str(r.json, "data.0.first_name"), "Bo");
    simhttp_free(&r);
    snprintf(path, sizeof path, "/api/public/v1/batch-calls/%s/pause", id);
    r = call("POST", path, bearer, NULL, 200);
    assert_string_equal(simcall_str(r.json, "data.status"), "paused");
    simhttp_free(&r);
    r = call("POST", path, bearer, NULL, 409);
    assert_string_equal(simcall_str(r.json, "error.code"), "invalid_state");
    simhttp_free(&r);
    snprintf(path, sizeof path, "/api/public/v1/batch-calls/%s", id);
    r = call("PATCH", path, bearer, "{\"scheduled_at\":\"2031-06-01T09:00:00Z\"}", 200);
    assert_string_equal(simcall_str(r.json, "data.scheduled_at"), "2031-06-01T09:00:00Z");
    simhttp_free(&r);
    snprintf(path, sizeof path, "/api/public/v1/batch-calls/%s/resume", id);
    r = call("POST", path, bearer, NULL, 201);
    assert_string_equal(simcall_str(r.json, "data.status"), "scheduled");
    simhttp_free(&r);
}

static void test_sarvam_endpoints(void **state)
{
    (void)state;
    simhttp_t r = call("POST", SARVAM "/campaigns", xkey,
                       "{\"name\":\"HTTP campaign\",\"start_timestamp\":\"2032-01-01T00:00:00Z\"}", 201);
    char id[64], path[256];
    snprintf(id, sizeof id, "%s", simcall_str(r.json, "campaign_id"));
    simhttp_free(&r);
    r = call("GET", SARVAM "/campaigns?limit=3", xkey, NULL, 200);
    assert_string_equal(simcall_str(r.json, "items.0.campaign_id"), id);
    assert_non_null(simcall_str(r.json, "next_page_uri"));
    simhttp_free(&r);
    snprintf(path, sizeof path, SARVAM "/campaigns/%s", id);
    r = call("GET", path, xkey, NULL, 200);
    assert_non_null(simcall_get(r.json, "allowed_schedule"));
    simhttp_free(&r);
    snprintf(path, sizeof path, SARVAM "/campaigns/%s/cohorts/stream", id);
    r = call("POST", path, xkey, "{\"name\":\"c\",\"users\":[{\"user_phone_number\":\"+919800000002\"}]}", 201);
    char cohort[64];
    snprintf(cohort, sizeof cohort, "%s", simcall_str(r.json, "cohort_id"));
    simhttp_free(&r);
    snprintf(path, sizeof path, SARVAM "/campaigns/%s/cohorts", id);
    r = call("GET", path, xkey, NULL, 200);
    simhttp_free(&r);
    snprintf(path, sizeof path, SARVAM "/campaigns/%s/cohorts/%s", id, cohort);
    r = call("GET", path, xkey, NULL, 200);
    simhttp_free(&r);
    /* Sarvam has no attempts list: outcomes come by webhook only */
    snprintf(path, sizeof path, SARVAM "/campaigns/%s/attempts?offset=0&limit=10", id);
    r = call("GET", path, xkey, NULL, 404);
    simhttp_free(&r);
    snprintf(path, sizeof path, "/_sim/sarvam/campaigns/%s/attempts?offset=0&limit=10", id);
    r = call("GET", path, xkey, NULL, 200);
    assert_string_equal(simcall_str(r.json, "items.0.status"), "pending");
    simhttp_free(&r);
    snprintf(path, sizeof path, SARVAM "/campaigns/%s", id);
    r = call("PATCH", path, xkey, "{\"description\":\"edited\"}", 200);
    assert_string_equal(simcall_str(r.json, "description"), "edited");
    simhttp_free(&r);
    snprintf(path, sizeof path, SARVAM "/campaigns/%s/status", id);
    r = call("PUT", path, xkey, "{\"action\":\"pause\"}", 200);
    simhttp_free(&r);
    r = call("PUT", path, xkey, "{\"action\":\"pause\"}", 409);
    assert_string_equal(simcall_str(r.json, "error.message"), "Cannot pause a campaign in status paused");
    simhttp_free(&r);
    r = call("PUT", path, xkey, "{\"action\":\"resume\"}", 200);
    assert_string_equal(simcall_str(r.json, "status"), "scheduled");
    simhttp_free(&r);
    r = call("PUT", path, xkey, "{\"action\":\"cancel\"}", 200);
    simhttp_free(&r);
    r = call("PUT", path, xkey, "{\"action\":\"cancel\"}", 409);
    simhttp_free(&r);
}

static void test_auth_shapes(void **state)
{
    (void)state;
    static const char *const wrong[] = {"Authorization: Bearer nope", "X-API-Key: nope", NULL};
    simhttp_t r = call("GET", "/api/v1/calls/bulk_call", NULL, NULL, 401);
    assert_string_equal(simcall_str(r.json, "error"), "unauthorized");
    assert_non_null(simcall_str(r.json, "error_description"));
    simhttp_free(&r);
    r = call("GET", "/api/v1/calls/bulk_call", wrong, NULL, 401);
    simhttp_free(&r);
    r = call("GET", "/api/public/v1/batch-calls", wrong, NULL, 401);
    assert_string_equal(simcall_str(r.json, "error.code"), "unauthorized");
    simhttp_free(&r);
    r = call("GET", SARVAM "/campaigns", bearer, NULL, 401); /* Sarvam wants X-API-Key */
    assert_string_equal(simcall_str(r.json, "error.code"), "unauthorized");
    simhttp_free(&r);
    r = call("GET", "/_sim/stats", wrong, NULL, 401);
    simhttp_free(&r);
    static const char *const simkey[] = {"X-Sim-Key: " KEY, NULL};
    r = call("GET", "/_sim/stats", simkey, NULL, 200);
    assert_true(simcall_num(r.json, "requests_total") > 0);
    simhttp_free(&r);
    /* a refused request changes nothing: the key never shows in a body */
    r = call("POST", "/api/v1/calls/bulk_call/create", wrong, "{}", 401);
    assert_null(strstr(r.body, "nope"));
    simhttp_free(&r);
}

static void test_not_found_and_methods(void **state)
{
    (void)state;
    simhttp_t r = call("GET", "/nowhere", bearer, NULL, 404);
    simhttp_free(&r);
    r = call("GET", "/api/v1/calls/bulk_call/99999", bearer, NULL, 404);
    assert_true(cJSON_IsFalse(simcall_get(r.json, "success")));
    simhttp_free(&r);
    r = call("GET", "/api/public/v1/batch-calls/batch_0/contacts", bearer, NULL, 404);
    assert_string_equal(simcall_str(r.json, "error.code"), "not_found");
    simhttp_free(&r);
    r = call("GET", SARVAM "/campaigns/cmp_0/attempts", xkey, NULL, 404);
    simhttp_free(&r);
    r = call("DELETE", "/api/v1/calls/bulk_call", bearer, NULL, 405);
    assert_string_equal(r.allow, "GET");
    simhttp_free(&r);
    r = call("PUT", "/api/public/v1/batch-calls", bearer, "{}", 405);
    assert_string_equal(r.allow, "GET, POST");
    simhttp_free(&r);
    r = call("DELETE", SARVAM "/campaigns", xkey, NULL, 405);
    simhttp_free(&r);
}

static void test_bad_bodies(void **state)
{
    (void)state;
    simhttp_t r = call("POST", "/api/v1/calls/bulk_call/create", bearer, "{\"name\":", 400);
    assert_non_null(strstr(simcall_str(r.json, "error"), "JSON"));
    simhttp_free(&r);
    size_t big = 17u * 1024u * 1024u;
    char *body = malloc(big + 1);
    memset(body, ' ', big);
    body[0] = '{';
    body[big] = '\0';
    char url[256];
    snprintf(url, sizeof url, "%s/api/public/v1/batch-calls", simproc_url(sp));
    simhttp_request(&r, "POST", url, bearer, body, big);
    free(body);
    assert_int_equal(r.err, CURLE_OK);
    assert_int_equal(r.status, 422);
    assert_non_null(strstr(r.body, "16 MiB"));
    simhttp_free(&r);
    r = call("GET", "/api/public/v1/batch-calls?limit=1", bearer, NULL, 200); /* still serving */
    simhttp_free(&r);
}

static int run_sim(const char *args, char *out, size_t outlen)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "\"%s\" %s 2>&1", getenv("DIALTOP_SIM_BIN"), args);
    FILE *p = popen(cmd, "r");
    size_t n = fread(out, 1, outlen - 1, p);
    out[n] = '\0';
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_command_line(void **state)
{
    (void)state;
    char out[8192];
    assert_int_equal(run_sim("--help", out, sizeof out), 0);
    assert_non_null(strstr(out, "--listen"));
    assert_non_null(strstr(out, "--state"));
    assert_non_null(strstr(out, "--rate-limit-burst"));
    assert_int_equal(run_sim("--bogus", out, sizeof out), 2);
    assert_non_null(strstr(out, "--bogus"));
    assert_int_equal(run_sim("--listen nowhere", out, sizeof out), 2);
    assert_non_null(strstr(out, "--listen"));
    assert_int_equal(run_sim("--fail-rate 2", out, sizeof out), 2);
    assert_int_equal(run_sim("--speed", out, sizeof out), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_omnidim_endpoints),
        cmocka_unit_test(test_truedy_endpoints),
        cmocka_unit_test(test_sarvam_endpoints),
        cmocka_unit_test(test_auth_shapes),
        cmocka_unit_test(test_not_found_and_methods),
        cmocka_unit_test(test_bad_bodies),
        cmocka_unit_test(test_command_line),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
