/* dialtop-sim state file and control endpoints through sim_handle: a
 * saved store loads back equal, a corrupt file is refused and left
 * untouched, /_sim/ stats, faults and direct creation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "simcall.h"

static char path[512];

static int setup(void **state)
{
    (void)state;
    const char *tmp = getenv("DIALTOP_TEST_TMP");
    snprintf(path, sizeof path, "%s/sim-state-%ld.json", tmp ? tmp : "/tmp", (long)getpid());
    unlink(path);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    return 0;
}

static sim_t *open_sim(char *err, size_t errlen)
{
    sim_config_t cfg;
    sim_config_defaults(&cfg);
    cfg.api_key = SIMCALL_KEY;
    cfg.speed = 0;
    cfg.start_time = SIMCALL_T0;
    cfg.state_path = path;
    return sim_new(&cfg, err, errlen);
}

static char *body_of(sim_t *sim, const char *url)
{
    int st;
    cJSON *r = sim_call(sim, "GET", url, NULL, &st);
    char *text = cJSON_PrintUnformatted(r);
    cJSON_Delete(r);
    return text;
}

static void refuse(const char *content);

static char *slurp(const char *p, size_t *len)
{
    FILE *f = fopen(p, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 24);
    *len = fread(buf, 1, (1 << 24) - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

static void test_round_trip(void **state)
{
    (void)state;
    char err[512];
    sim_t *sim = open_sim(err, sizeof err);
    assert_non_null(sim);
    assert_false(sim_loaded_state(sim));
    assert_true(sim_load_demo(sim));
    int st;
    cJSON *r = sim_call(sim, "POST", SIM_PREFIX_SARVAM "/campaigns", "{\"name\":\"Saved one\"}", &st);
    assert_int_equal(st, 201);
    char id[64], url[256];
    snprintf(id, sizeof id, "%s", simcall_str(r, "campaign_id"));
    cJSON_Delete(r);
    snprintf(url, sizeof url, SIM_PREFIX_SARVAM "/campaigns/%s/cohorts/stream", id);
    r = sim_call(sim, "POST", url, "{\"name\":\"c\",\"users\":[{\"user_phone_number\":\"+919800000001\",\"app_variables\":{\"k\":\"v \\\"q\\\"\"}}]}", &st);
    assert_int_equal(st, 201);
    cJSON_Delete(r);
    const char *urls[] = {"/api/v1/calls/bulk_call?pagesize=150", "/api/v1/calls/bulk_call/303/lines?pagesize=150",
                          "/api/public/v1/batch-calls?limit=100", SIM_PREFIX_SARVAM "/campaigns?limit=100"};
    char *before[4];
    for (int i = 0; i < 4; i++)
        before[i] = body_of(sim, urls[i]);
    snprintf(url, sizeof url, "/_sim/sarvam/campaigns/%s/attempts", id);
    char *att_before = body_of(sim, url);
    sim_free(sim); /* no explicit save: every change was saved when made */

    sim = open_sim(err, sizeof err);
    assert_non_null(sim);
    assert_true(sim_loaded_state(sim));
    for (int i = 0; i < 4; i++) {
        char *after = body_of(sim, urls[i]);
        /* Truedy's meta carries a request id and the time: compare data only */
        if (i == 2) {
            cJSON *a = cJSON_Parse(before[i]), *b = cJSON_Parse(after);
            assert_true(cJSON_Compare(simcall_get(a, "data"), simcall_get(b, "data"), true));
            cJSON_Delete(a);
            cJSON_Delete(b);
        } else {
            assert_string_equal(before[i], after);
        }
        free(before[i]);
        free(after);
    }
    char *att_after = body_of(sim, url);
    assert_string_equal(att_before, att_after);
    free(att_before);
    free(att_after);
    /* new ids continue after the loaded ones */
    r = sim_call(sim, "POST", SIM_PREFIX_SARVAM "/campaigns", "{\"name\":\"Next\"}", &st);
    assert_string_not_equal(simcall_str(r, "campaign_id"), id);
    cJSON_Delete(r);
    sim_free(sim);
}

/* The campaign settings each dialect takes survive a restart, echoed in
 * the dialect's own field names. */
static void test_settings_round_trip(void **state)
{
    (void)state;
    char err[512];
    sim_t *sim = open_sim(err, sizeof err);
    assert_non_null(sim);
    int st;
    cJSON *r = sim_call(sim, "POST", "/api/v1/calls/bulk_call/create",
                        "{\"name\":\"o\",\"phone_number_id\":\"1\",\"contact_list\":"
                        "[{\"phone_number\":\"+15551234567\"}],\"retry_config\":{\"auto_retry\":true,"
                        "\"auto_retry_schedule\":\"scheduled_time\",\"retry_schedule_days\":1,"
                        "\"retry_schedule_hours\":6,\"retry_limit\":3}}", &st);
    assert_int_equal(st, 200);
    char omni[96];
    snprintf(omni, sizeof omni, "/api/v1/calls/bulk_call/%d", (int)simcall_num(r, "id"));
    cJSON_Delete(r);
    r = sim_call(sim, "POST", "/api/public/v1/batch-calls",
                 "{\"name\":\"t\",\"contacts\":[{\"phone_number\":\"+15551234567\"}],"
                 "\"timezone\":\"America/Chicago\",\"start_time\":\"09:00\",\"end_time\":\"17:30\","
                 "\"working_days\":[1,2,3,4,5],\"max_calls_per_day\":250}", &st);
    assert_int_equal(st, 201);
    char truedy[96];
    snprintf(truedy, sizeof truedy, "/api/public/v1/batch-calls/%s", simcall_str(r, "data.id"));
    cJSON_Delete(r);
    r = sim_call(sim, "POST", SIM_PREFIX_SARVAM "/campaigns",
                 "{\"name\":\"s\",\"allowed_schedule\":{\"allowed_start_time\":\"10:00\","
                 "\"allowed_end_time\":\"19:00\",\"allowed_days\":[\"Monday\",\"Saturday\"],"
                 "\"timezone\":\"Asia/Kolkata\"}}", &st);
    assert_int_equal(st, 201);
    char sarvam[160];
    snprintf(sarvam, sizeof sarvam, SIM_PREFIX_SARVAM "/campaigns/%s", simcall_str(r, "campaign_id"));
    cJSON_Delete(r);
    sim_free(sim);

    sim = open_sim(err, sizeof err);
    assert_non_null(sim);
    char *o = body_of(sim, omni);
    cJSON *j = cJSON_Parse(o);
    char *rc = cJSON_PrintUnformatted(simcall_get(j, "details.retry_config"));
    assert_string_equal(rc, "{\"auto_retry\":true,\"auto_retry_schedule\":\"scheduled_time\","
                            "\"retry_schedule_days\":1,\"retry_schedule_hours\":6,\"retry_limit\":3}");
    free(rc);
    cJSON_Delete(j);
    free(o);
    r = sim_call(sim, "GET", truedy, NULL, &st);
    assert_string_equal(simcall_str(r, "data.start_time"), "09:00");
    assert_string_equal(simcall_str(r, "data.end_time"), "17:30");
    char *days = cJSON_PrintUnformatted(simcall_get(r, "data.working_days"));
    assert_string_equal(days, "[1,2,3,4,5]");
    free(days);
    assert_int_equal((int)simcall_num(r, "data.max_calls_per_day"), 250);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", sarvam, NULL, &st);
    char *as = cJSON_PrintUnformatted(simcall_get(r, "allowed_schedule"));
    assert_string_equal(as, "{\"allowed_start_time\":\"10:00\",\"allowed_end_time\":\"19:00\","
                            "\"allowed_days\":[\"Monday\",\"Saturday\"],\"timezone\":\"Asia/Kolkata\"}");
    free(as);
    cJSON_Delete(r);
    sim_free(sim);
}

/* A state file from before the settings existed loads, with them off. */
static void test_state_without_settings_loads(void **state)
{
    (void)state;
    char err[512];
    sim_t *sim = open_sim(err, sizeof err);
    assert_non_null(sim);
    int st;
    cJSON *r = sim_call(sim, "POST", "/api/public/v1/batch-calls",
                        "{\"name\":\"old\",\"contacts\":[{\"phone_number\":\"+15551234567\"}],"
                        "\"start_time\":\"09:00\",\"working_days\":[6,7],\"max_calls_per_day\":5}", &st);
    assert_int_equal(st, 201);
    char url[96];
    snprintf(url, sizeof url, "/api/public/v1/batch-calls/%s", simcall_str(r, "data.id"));
    cJSON_Delete(r);
    sim_free(sim);

    size_t len;
    char *text = slurp(path, &len);
    cJSON *doc = cJSON_Parse(text);
    free(text);
    assert_non_null(doc);
    static const char *const added[] = {"retry_schedule", "retry_days", "retry_hours",
                                        "window_start", "window_end", "window_days",
                                        "max_calls_per_day", "day_start", "calls_today"};
    cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "campaigns"))
        for (size_t i = 0; i < sizeof added / sizeof *added; i++)
            cJSON_DeleteItemFromObjectCaseSensitive(c, added[i]);
    text = cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    free(text);

    sim = open_sim(err, sizeof err);
    if (!sim)
        fail_msg("refused: %s", err);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "data.name"), "old");
    assert_true(cJSON_IsNull(simcall_get(r, "data.start_time")));
    assert_int_equal(cJSON_GetArraySize(simcall_get(r, "data.working_days")), 0);
    assert_true(cJSON_IsNull(simcall_get(r, "data.max_calls_per_day")));
    cJSON_Delete(r);
    sim_free(sim);

    /* present but wrong is still corrupt (the load above rewrote nothing,
     * so the keys are still absent) */
    text = slurp(path, &len);
    doc = cJSON_Parse(text);
    free(text);
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "campaigns"))
        cJSON_AddStringToObject(c, "window_start", "9 o'clock");
    text = cJSON_PrintUnformatted(doc);
    refuse(text);
    free(text);
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "campaigns"))
        cJSON_ReplaceItemInObjectCaseSensitive(c, "window_start", cJSON_CreateString("29:00"));
    text = cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    refuse(text);
    free(text);
}

static void refuse(const char *content)
{
    FILE *f = fopen(path, "wb");
    fputs(content, f);
    fclose(f);
    char err[512] = "";
    sim_t *sim = open_sim(err, sizeof err);
    assert_null(sim);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "refusing"));
    size_t len;
    char *after = slurp(path, &len);
    assert_string_equal(after, content); /* never overwritten */
    free(after);
}

static void test_corrupt_refused(void **state)
{
    (void)state;
    refuse("");
    refuse("{\"format\":\"dialtop-sim-state\",\"version\":1,\"sim_now\":1,\"seed\":\"01\",\"next_num\":[1,1,1],\"campaigns\":[{\"provi");
    refuse("{\"hello\":\"world\"}");
    refuse("{\"format\":\"dialtop-sim-state\",\"version\":1,\"sim_now\":1,\"seed\":\"01\",\"next_num\":[1,1,1],"
           "\"campaigns\":[{\"provider\":\"omnidim\",\"state\":\"napping\"}]}");
    refuse("{\"format\":\"dialtop-sim-state\",\"version\":99,\"sim_now\":1,\"seed\":\"01\",\"next_num\":[1,1,1],\"campaigns\":[]}");
}

static void test_unwritable_state_refused_at_start(void **state)
{
    (void)state;
    sim_config_t cfg;
    sim_config_defaults(&cfg);
    cfg.state_path = "/nonexistent-dir-for-dialtop/state.json";
    char err[512] = "";
    sim_t *sim = sim_new(&cfg, err, sizeof err);
    assert_null(sim);
    assert_non_null(strstr(err, "cannot save state file"));
}

static void test_bad_request_changes_nothing_on_disk(void **state)
{
    (void)state;
    char err[512];
    sim_t *sim = open_sim(err, sizeof err);
    int st;
    cJSON *r = sim_call(sim, "POST", "/api/v1/calls/bulk_call/create",
                        "{\"name\":\"ok\",\"phone_number_id\":\"1\",\"contact_list\":[{\"phone_number\":\"+15550001111\"}]}", &st);
    assert_int_equal(st, 200);
    cJSON_Delete(r);
    size_t len1, len2;
    char *before = slurp(path, &len1);
    assert_non_null(before);
    r = sim_call(sim, "POST", "/api/v1/calls/bulk_call/create", "{\"name\":\"bad\",\"contact_list\":[]}", &st);
    assert_int_equal(st, 400);
    cJSON_Delete(r);
    r = sim_call(sim, "PUT", "/api/v1/calls/bulk_call/301", "{\"action\":\"resume\"}", &st);
    assert_int_equal(st, 409);
    cJSON_Delete(r);
    char *after = slurp(path, &len2);
    assert_string_equal(before, after);
    free(before);
    free(after);
    sim_free(sim);
}

static void test_control_endpoints(void **state)
{
    (void)state;
    sim_t *sim = simcall_new();
    int st;
    sim_response_t resp;
    cJSON *r = sim_call_full(sim, "GET", "/_sim/stats", NULL, false, &st, NULL);
    assert_int_equal(st, 401);
    cJSON_Delete(r);
    r = sim_call(sim, "POST", "/_sim/campaigns",
                 "{\"provider\":\"truedy\",\"name\":\"\\u001b[31mred\\u001b[0m\",\"status\":\"paused\","
                 "\"contacts\":[{\"phone_number\":\"+15550001234\",\"customer_name\":\"Zoë\"}]}",
                 &st);
    assert_int_equal(st, 201);
    assert_string_equal(simcall_str(r, "status"), "paused");
    assert_int_equal((int)simcall_num(r, "contacts"), 1);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", "/api/public/v1/batch-calls", NULL, &st);
    assert_string_equal(simcall_str(r, "data.0.name"), "\x1b[31mred\x1b[0m");
    cJSON_Delete(r);
    r = sim_call(sim, "POST", "/_sim/campaigns", "{\"provider\":\"acme\",\"name\":\"x\"}", &st);
    assert_int_equal(st, 400);
    assert_non_null(strstr(simcall_str(r, "error"), "provider"));
    cJSON_Delete(r);
    r = sim_call(sim, "POST", "/_sim/campaigns", "{\"provider\":\"omnidim\",\"name\":\"big\",\"contacts\":5000}", &st);
    assert_int_equal(st, 201);
    assert_int_equal((int)simcall_num(r, "contacts"), 5000);
    cJSON_Delete(r);

    /* faults at run time: every action fails, reads still work */
    r = sim_call(sim, "POST", "/_sim/faults", "{\"fail_actions\":true}", &st);
    assert_int_equal(st, 200);
    assert_true(cJSON_IsTrue(simcall_get(r, "fail_actions")));
    cJSON_Delete(r);
    r = sim_call(sim, "PUT", "/api/v1/calls/bulk_call/301", "{\"action\":\"pause\"}", &st);
    assert_int_equal(st, 500);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", "/api/v1/calls/bulk_call/301", NULL, &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "details.status"), "in_progress"); /* unchanged */
    cJSON_Delete(r);
    /* 429 with each provider's reset information */
    r = sim_call(sim, "POST", "/_sim/faults", "{\"fail_actions\":false,\"rate_limit_burst\":1,\"rate_limit_window_s\":30}", &st);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", "/api/v1/calls/bulk_call", NULL, &st);
    assert_int_equal(st, 200);
    cJSON_Delete(r);
    r = sim_call_full(sim, "GET", "/api/v1/calls/bulk_call", NULL, true, &st, &resp);
    assert_int_equal(st, 429);
    int retry = atoi(sim_response_header(&resp, "Retry-After"));
    assert_true(retry >= 1 && retry <= 30);
    sim_response_free(&resp);
    cJSON_Delete(r);
    r = sim_call_full(sim, "GET", "/api/public/v1/batch-calls", NULL, true, &st, &resp);
    assert_int_equal(st, 429);
    assert_null(sim_response_header(&resp, "Retry-After"));
    assert_string_equal(simcall_str(r, "error.code"), "rate_limit_exceeded");
    assert_non_null(simcall_str(r, "error.details.reset_at"));
    sim_response_free(&resp);
    cJSON_Delete(r);
    r = sim_call(sim, "POST", "/_sim/faults", "{\"rate_limit_burst\":0,\"malformed_rate\":1,\"latency_ms\":250}", &st);
    cJSON_Delete(r);
    r = sim_call_full(sim, "GET", "/api/v1/calls/bulk_call", NULL, true, &st, &resp);
    assert_int_equal(st, 200);
    assert_null(r); /* cut in half: not JSON */
    assert_int_equal(resp.delay_ms, 250);
    sim_response_free(&resp);
    r = sim_call(sim, "POST", "/_sim/faults", "{\"malformed_rate\":0,\"drop_rate\":1}", &st);
    cJSON_Delete(r);
    r = sim_call_full(sim, "GET", "/api/v1/calls/bulk_call", NULL, true, &st, &resp);
    assert_true(resp.drop);
    sim_response_free(&resp);
    r = sim_call(sim, "POST", "/_sim/faults", "{\"drop_rate\":2}", &st);
    assert_int_equal(st, 400);
    assert_non_null(strstr(simcall_str(r, "error"), "drop_rate"));
    cJSON_Delete(r);

    r = sim_call(sim, "GET", "/_sim/stats", NULL, &st);
    assert_int_equal(st, 200);
    assert_int_equal((int)simcall_num(r, "actions_total"), 1); /* the refused PUT counts */
    assert_true(simcall_num(r, "requests_total") >= 10);
    const cJSON *limited = cJSON_GetObjectItemCaseSensitive(simcall_get(r, "by_route"), "fault.rate_limit");
    assert_true(cJSON_IsNumber(limited) && limited->valueint >= 2);
    assert_int_equal((int)simcall_num(r, "campaigns.omnidim"), 1);
    cJSON_Delete(r);
    sim_free(sim);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrupt_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_settings_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_state_without_settings_loads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_request_changes_nothing_on_disk, setup, teardown),
        cmocka_unit_test(test_unwritable_state_refused_at_start),
        cmocka_unit_test(test_control_endpoints),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
