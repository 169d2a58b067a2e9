/* dialtop-sim's Sarvam webhooks over real HTTP: each finished call
 * attempt is POSTed once to the campaign's app_config.webhook_config.url
 * with Sarvam's payload, a refusing receiver is tried a bounded number of
 * times, and POST .../webhooks/retry sends an attempt again. The receiver
 * is tests/support/hookrecv (libmicrohttpd), counting what arrives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hookrecv.h"
#include "simcall.h"
#include "simhttp.h"
#include "simproc.h"

#define KEY "it-key"
#define SARVAM "/api/scheduling/v1/orgs/acme/workspaces/main"
#define WAIT_MS 30000

static simproc_t *sp;
static const char *const xkey[] = {"X-API-Key: " KEY, "Content-Type: application/json", NULL};

static int group_setup(void **state)
{
    (void)state;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    /* fast time, short calls, half unanswered so retries happen */
    const char *args[] = {"--seed", "3", "--speed", "600", "--call-duration", "1-3",
                          "--outcomes", "completed=1,no_answer=1,busy=0,voicemail=0.5,failed=0.5",
                          "--webhook-tries", "3", "--webhook-backoff-ms", "20", NULL};
    sp = simproc_start(KEY, args);
    return sp ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    int rc = simproc_stop(sp);
    curl_global_cleanup();
    return rc == 0 ? 0 : -1;
}

static simhttp_t call(const char *method, const char *path, const char *body, long want)
{
    char url[1024];
    snprintf(url, sizeof url, "%s%s", simproc_url(sp), path);
    simhttp_t r;
    simhttp_request(&r, method, url, xkey, body, 0);
    if (r.err != CURLE_OK || r.status != want)
        fail_msg("%s %s: curl %d status %ld, want %ld: %.300s", method, path, (int)r.err, r.status,
                 want, r.body ? r.body : "");
    return r;
}

static void nap_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

/* A Sarvam campaign posting to url with n users in one cohort; its id
 * and the cohort's id into id/cohort. */
static void make_campaign(const char *url, int n, int retry_limit, char *id, char *cohort)
{
    char body[9216], path[256];
    snprintf(body, sizeof body,
             "{\"name\":\"hooks %d\",\"retry_limit\":%d,\"concurrency\":4,"
             "\"app_config\":{\"webhook_config\":{\"url\":\"%s\",\"metadata\":{\"team\":\"it\"}}}}",
             n, retry_limit, url);
    simhttp_t r = call("POST", SARVAM "/campaigns", body, 201);
    snprintf(id, 64, "%s", simcall_str(r.json, "campaign_id"));
    assert_string_equal(simcall_str(r.json, "app_config.webhook_config.url"), url);
    simhttp_free(&r);
    char users[8192] = "";
    size_t used = 0;
    for (int i = 0; i < n; i++)
        used += (size_t)snprintf(users + used, sizeof users - used,
                                 "%s{\"user_phone_number\":\"+9198000%05d\",\"user_identifier\":\"u%d\"}",
                                 i ? "," : "", i, i);
    snprintf(body, sizeof body, "{\"name\":\"c\",\"users\":[%s]}", users);
    snprintf(path, sizeof path, SARVAM "/campaigns/%s/cohorts/stream", id);
    r = call("POST", path, body, 201);
    snprintf(cohort, 64, "%s", simcall_str(r.json, "cohort_id"));
    simhttp_free(&r);
}

static void wait_status(const char *id, const char *want)
{
    char path[256];
    snprintf(path, sizeof path, SARVAM "/campaigns/%s", id);
    for (int waited = 0;; waited += 50) {
        simhttp_t r = call("GET", path, NULL, 200);
        bool done = strcmp(simcall_str(r.json, "status"), want) == 0;
        simhttp_free(&r);
        if (done)
            return;
        if (waited > WAIT_MS)
            fail_msg("campaign %s never became %s", id, want);
        nap_ms(50);
    }
}

/* Sum of attempts over the sim's own rows (under /_sim/, not Sarvam's API). */
static long attempts_made(const char *id)
{
    char path[256];
    snprintf(path, sizeof path, "/_sim/sarvam/campaigns/%s/attempts?limit=100", id);
    simhttp_t r = call("GET", path, NULL, 200);
    long sum = 0;
    const cJSON *row;
    cJSON_ArrayForEach(row, simcall_get(r.json, "items"))
        sum += (long)simcall_num(row, "attempt_number");
    simhttp_free(&r);
    return sum;
}

static long stat_num(const char *path)
{
    simhttp_t r = call("GET", "/_sim/stats", NULL, 200);
    long v = (long)simcall_num(r.json, path);
    simhttp_free(&r);
    return v;
}

static bool is_one_of(const cJSON *v, const char *const *words, bool null_ok)
{
    if (cJSON_IsNull(v))
        return null_ok;
    for (; cJSON_IsString(v) && *words; words++)
        if (strcmp(v->valuestring, *words) == 0)
            return true;
    return false;
}

static void test_every_attempt_delivered_with_sarvam_payload(void **state)
{
    (void)state;
    hookrecv_t *rcv = hookrecv_start(0);
    assert_non_null(rcv);
    char id[64], cohort[64];
    make_campaign(hookrecv_url(rcv), 8, 2, id, cohort);
    /* the sim is not polled while it dials: its own thread moves it */
    nap_ms(300);
    wait_status(id, "ended");
    long made = attempts_made(id);
    assert_true(made >= 8);
    assert_int_equal(hookrecv_wait(rcv, (size_t)made, WAIT_MS), made);

    static const char *const completion[] = {"completed", "partial", "failed", NULL};
    static const char *const connectivity[] = {"connected", "busy", "no_answer", "failed", NULL};
    static const char *const next_action[] = {"retry", "reschedule", "business_retry",
                                              "short_duration_retry", "provider_error_retry",
                                              "internal_error_retry", NULL};
    char seen[64][48];
    int retries = 0, finals = 0;
    for (long i = 0; i < made; i++) {
        char *text = hookrecv_body(rcv, (size_t)i);
        cJSON *o = cJSON_Parse(text);
        assert_non_null(o);
        assert_string_equal(simcall_str(o, "campaign_id"), id);
        assert_string_equal(simcall_str(o, "cohort_id"), cohort);
        assert_non_null(simcall_str(o, "app_id"));
        assert_true(cJSON_IsNumber(simcall_get(o, "app_version")));
        const char *att = simcall_str(o, "attempt_id");
        assert_non_null(att);
        for (long j = 0; j < i; j++)
            assert_string_not_equal(seen[j], att); /* unique per attempt */
        snprintf(seen[i], sizeof seen[i], "%s", att);
        const char *phone = simcall_str(o, "user_phone_number");
        assert_true(phone && phone[0] == '+' && strlen(phone) == 13);
        assert_int_equal(strncmp(simcall_str(o, "user_identifier"), "u", 1), 0);
        assert_non_null(simcall_str(o, "agent_phone_number"));
        assert_true(is_one_of(simcall_get(o, "completion_status"), completion, false));
        assert_true(is_one_of(simcall_get(o, "connectivity_status"), connectivity, true));
        assert_true(is_one_of(simcall_get(o, "next_action_status"), next_action, true));
        assert_true(cJSON_IsNumber(simcall_get(o, "duration")));
        assert_true(simcall_num(o, "duration") >= 1);
        assert_non_null(simcall_str(o, "start_datetime"));
        assert_non_null(simcall_str(o, "end_datetime"));
        const cJSON *fr = simcall_get(o, "failure_reason");
        assert_true(cJSON_IsNull(fr) || cJSON_IsString(fr));
        /* a failed connection says why; a connected one has no reason */
        if (strcmp(simcall_str(o, "completion_status"), "failed") == 0)
            assert_true(cJSON_IsString(fr));
        if (cJSON_IsNull(simcall_get(o, "next_action_status")))
            finals++;
        else
            retries++;
        cJSON_Delete(o);
        free(text);
    }
    assert_int_equal(finals, 8); /* each user's last attempt is final */
    assert_int_equal(retries, made - 8);
    /* nothing more arrives: one POST per attempt */
    assert_int_equal(hookrecv_received(rcv), (size_t)made);
    hookrecv_stop(rcv);
}

static void test_refusing_receiver_tried_a_bounded_number_of_times(void **state)
{
    (void)state;
    long gave_up = stat_num("webhooks.gave_up");
    hookrecv_t *rcv = hookrecv_start(0);
    assert_non_null(rcv);
    hookrecv_refuse_all(rcv, true);
    char id[64], cohort[64];
    make_campaign(hookrecv_url(rcv), 1, 0, id, cohort);
    wait_status(id, "ended");
    for (int waited = 0; stat_num("webhooks.gave_up") < gave_up + 1; waited += 20) {
        if (waited > WAIT_MS)
            fail_msg("the sim never gave up on the refusing receiver");
        nap_ms(20);
    }
    /* --webhook-tries 3: three POSTs of the one attempt, then no more */
    assert_int_equal(hookrecv_received(rcv), 3);
    assert_int_equal(hookrecv_accepted(rcv), 0);

    /* the retry endpoint sends it again, once, however often it is named */
    char path[256], body[256], att[96];
    snprintf(att, sizeof att, "att_%s_1", id + 4);
    hookrecv_refuse_all(rcv, false);
    snprintf(path, sizeof path, SARVAM "/campaigns/%s/webhooks/retry", id);
    snprintf(body, sizeof body, "{\"attempt_ids\":[\"%s\",\"%s\",\"att_unknown\"]}", att, att);
    simhttp_t r = call("POST", path, body, 202);
    assert_true(cJSON_IsObject(r.json));
    assert_null(r.json->child); /* {} as Sarvam answers */
    simhttp_free(&r);
    assert_int_equal(hookrecv_wait(rcv, 1, WAIT_MS), 1);
    char *text = hookrecv_body(rcv, 0);
    cJSON *o = cJSON_Parse(text);
    assert_string_equal(simcall_str(o, "attempt_id"), att);
    cJSON_Delete(o);
    free(text);

    /* re-delivery of an acknowledged attempt: the same attempt_id again */
    r = call("POST", path, body, 202);
    simhttp_free(&r);
    assert_int_equal(hookrecv_wait(rcv, 2, WAIT_MS), 2);
    text = hookrecv_body(rcv, 1);
    o = cJSON_Parse(text);
    assert_string_equal(simcall_str(o, "attempt_id"), att);
    cJSON_Delete(o);
    free(text);
    hookrecv_stop(rcv);
}

/* A retry named while that attempt is being sent (the receiver has the
 * body but has not answered yet) was accepted with 202, so it must come
 * once more; named twice in that window, still once. CI caught the old
 * sim dropping it when the receiver answered late. */
static void test_retry_named_while_being_sent_is_sent_again(void **state)
{
    (void)state;
    hookrecv_t *rcv = hookrecv_start(0);
    assert_non_null(rcv);
    char id[64], cohort[64], path[256], body[256], att[96];
    make_campaign(hookrecv_url(rcv), 1, 0, id, cohort);
    wait_status(id, "ended");
    assert_int_equal(hookrecv_wait(rcv, 1, WAIT_MS), 1);
    snprintf(att, sizeof att, "att_%s_1", id + 4);
    snprintf(path, sizeof path, SARVAM "/campaigns/%s/webhooks/retry", id);
    snprintf(body, sizeof body, "{\"attempt_ids\":[\"%s\"]}", att);

    long delivered = stat_num("webhooks.delivered");
    hookrecv_delay(rcv, 1500);
    simhttp_t r = call("POST", path, body, 202);
    simhttp_free(&r);
    assert_int_equal(hookrecv_wait(rcv, 2, WAIT_MS), 2); /* the sim now waits for the answer */
    hookrecv_delay(rcv, 0);
    r = call("POST", path, body, 202);
    simhttp_free(&r);
    r = call("POST", path, body, 202);
    simhttp_free(&r);
    assert_int_equal(hookrecv_wait(rcv, 3, WAIT_MS), 3);
    for (int waited = 0; stat_num("webhooks.delivered") < delivered + 2; waited += 20) {
        if (waited > WAIT_MS)
            fail_msg("the sim never finished the second re-delivery");
        nap_ms(20);
    }
    assert_int_equal(stat_num("webhooks.queued"), 0);
    assert_int_equal(hookrecv_received(rcv), 3); /* the two names in the window made one */
    char *text = hookrecv_body(rcv, 2);
    cJSON *o = cJSON_Parse(text);
    assert_string_equal(simcall_str(o, "attempt_id"), att);
    cJSON_Delete(o);
    free(text);
    hookrecv_stop(rcv);
}

static void test_retry_endpoint_refuses_bad_bodies(void **state)
{
    (void)state;
    char id[64], cohort[64], path[256];
    make_campaign("http://127.0.0.1:9/none", 1, 0, id, cohort);
    snprintf(path, sizeof path, SARVAM "/campaigns/%s/webhooks/retry", id);
    const char *bad[] = {"{}", "{\"attempt_ids\":\"att_1\"}", "{\"attempt_ids\":[]}",
                         "{\"attempt_ids\":[1]}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        simhttp_t r = call("POST", path, bad[i], 422);
        assert_string_equal(simcall_str(r.json, "detail.0.loc.1"), "attempt_ids");
        simhttp_free(&r);
    }
    char big[201 * 12 + 32];
    size_t used = (size_t)snprintf(big, sizeof big, "{\"attempt_ids\":[");
    for (int i = 0; i < 201; i++)
        used += (size_t)snprintf(big + used, sizeof big - used, "%s\"a%d\"", i ? "," : "", i);
    snprintf(big + used, sizeof big - used, "]}");
    simhttp_t r = call("POST", path, big, 422);
    simhttp_free(&r);
    r = call("GET", path, NULL, 405);
    simhttp_free(&r);
    r = call("POST", SARVAM "/campaigns/cmp_nope/webhooks/retry", "{\"attempt_ids\":[\"a\"]}", 404);
    simhttp_free(&r);
}

/* Does process pid map libcurl? (the sim loads it with its first webhook) */
static bool maps_libcurl(pid_t pid)
{
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%ld/maps", (long)pid);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    bool found = false;
    while (!found && fgets(line, sizeof line, f))
        found = strstr(line, "/libcurl") != NULL;
    fclose(f);
    return found;
}

/* A sim whose libcurl cannot be loaded (api/curl_lazy.h; a path that does
 * not exist) starts, dials and answers as ever; each hook try fails and
 * is counted, every attempt is given up after --webhook-tries, nothing
 * reaches the receiver, and it stops cleanly. Before its first hook it
 * has not mapped libcurl at all. */
static void test_sim_without_libcurl_gives_up_cleanly(void **state)
{
    (void)state;
    simproc_t *main_sp = sp;
    const char *args[] = {"--seed", "3", "--speed", "600", "--call-duration", "1-3",
                          "--webhook-tries", "3", "--webhook-backoff-ms", "20", NULL};
    setenv("DIALTOP_TEST_LIBCURL", "/nonexistent/libcurl.so.4", 1);
    sp = simproc_start(KEY, args);
    unsetenv("DIALTOP_TEST_LIBCURL");
    assert_non_null(sp);
    assert_false(maps_libcurl(simproc_pid(sp)));
    hookrecv_t *rcv = hookrecv_start(0);
    assert_non_null(rcv);
    char id[64], cohort[64];
    make_campaign(hookrecv_url(rcv), 2, 0, id, cohort);
    wait_status(id, "ended");
    long made = attempts_made(id);
    assert_true(made >= 2);
    for (int waited = 0; stat_num("webhooks.gave_up") < made; waited += 20) {
        if (waited > WAIT_MS)
            fail_msg("the sim never gave up on its hooks without libcurl");
        nap_ms(20);
    }
    assert_int_equal(stat_num("webhooks.gave_up"), made);
    assert_int_equal(stat_num("webhooks.failed_tries"), made * 3);
    assert_int_equal(stat_num("webhooks.delivered"), 0);
    assert_int_equal(hookrecv_received(rcv), 0);
    assert_true(simproc_alive(sp));
    hookrecv_stop(rcv);
    int rc = simproc_stop(sp);
    sp = main_sp;
    assert_int_equal(rc, 0);
}

/* After the calls, retries and webhooks above (the dialer at 600x), the
 * campaigns' kept counters still match their contacts. */
static void test_counters_in_step_with_contacts(void **state)
{
    (void)state;
    simhttp_t r = call("GET", "/_sim/verify", NULL, 200);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r.json, "ok")));
    simhttp_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_attempt_delivered_with_sarvam_payload),
        cmocka_unit_test(test_refusing_receiver_tried_a_bounded_number_of_times),
        cmocka_unit_test(test_retry_named_while_being_sent_is_sent_again),
        cmocka_unit_test(test_retry_endpoint_refuses_bad_bodies),
        cmocka_unit_test(test_counters_in_step_with_contacts),
        cmocka_unit_test(test_sim_without_libcurl_gives_up_cleanly),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
