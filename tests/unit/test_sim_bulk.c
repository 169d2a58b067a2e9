/* dialtop-sim's big-list endpoints through sim_handle: an OmniDim draft
 * never dials until POST .../start, add_contacts takes at most 1000 and
 * names the rows it rejects by index, start only on a draft; Truedy's own
 * rate limit answers the 101st request of a minute with 429 and
 * error.details.reset_at (no Retry-After). */
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

static char *numbered(int from, int n, bool one_bad)
{
    size_t cap = 64 + (size_t)n * 96;
    char *s = malloc(cap);
    size_t len = (size_t)snprintf(s, cap, "{\"contacts\":[");
    for (int i = 0; i < n; i++) {
        char phone[24];
        if (one_bad && i == 1)
            snprintf(phone, sizeof phone, "12");
        else
            snprintf(phone, sizeof phone, "+1212%07d", from + i);
        len += (size_t)snprintf(s + len, cap - len,
                                "%s{\"to_number\":\"%s\",\"custom_variables\":{\"k\":\"v%d\"}}",
                                i ? "," : "", phone, from + i);
    }
    snprintf(s + len, cap - len, "]}");
    return s;
}

static void test_omnidim_draft_add_start(void **state)
{
    sim_t *sim = *state;
    int st;
    cJSON *r = sim_call(sim, "POST", OMNI "/create",
                        "{\"name\":\"Big\",\"phone_number_id\":\"7\",\"save_as_draft\":true,"
                        "\"contact_list\":[{\"phone_number\":\"+12120000001\",\"a\":\"1\"}]}",
                        &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "current_status"), "draft");
    char url[128], id[32];
    snprintf(id, sizeof id, "%d", (int)simcall_num(r, "id"));
    cJSON_Delete(r);

    /* one bad row of three: named by index, the others added */
    snprintf(url, sizeof url, OMNI "/%s/add_contacts", id);
    char *body = numbered(100, 3, true);
    r = sim_call(sim, "POST", url, body, &st);
    free(body);
    assert_int_equal(st, 200);
    assert_int_equal((int)simcall_num(r, "added"), 2);
    assert_int_equal((int)simcall_num(r, "rejected.0.index"), 1);
    assert_null(simcall_get(r, "rejected.1"));
    cJSON_Delete(r);
    /* more than 1000 in one call: refused whole */
    body = numbered(1000, 1001, false);
    r = sim_call(sim, "POST", url, body, &st);
    free(body);
    assert_int_equal(st, 400);
    cJSON_Delete(r);

    /* a day later the draft has dialed nobody */
    sim_set_time(sim, SIMCALL_T0 + 86400);
    snprintf(url, sizeof url, OMNI "/%s", id);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_string_equal(simcall_str(r, "details.status"), "draft");
    assert_int_equal((int)simcall_num(r, "details.total_calls"), 3);
    assert_int_equal((int)simcall_num(r, "details.total_calls_made"), 0);
    cJSON_Delete(r);

    snprintf(url, sizeof url, OMNI "/%s/start", id);
    r = sim_call(sim, "POST", url, "{}", &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "current_status"), "pending");
    cJSON_Delete(r);
    /* started once: a second start is refused */
    r = sim_call(sim, "POST", url, "{}", &st);
    assert_int_equal(st, 409);
    cJSON_Delete(r);
    sim_set_time(sim, SIMCALL_T0 + 2 * 86400);
    snprintf(url, sizeof url, OMNI "/%s", id);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_true(simcall_num(r, "details.total_calls_made") > 0);
    cJSON_Delete(r);
}

static void test_omnidim_without_draft_dials_at_once(void **state)
{
    sim_t *sim = *state;
    int st;
    cJSON *r = sim_call(sim, "POST", OMNI "/create",
                        "{\"name\":\"Now\",\"phone_number_id\":\"7\","
                        "\"contact_list\":[{\"phone_number\":\"+12120000001\"}]}", &st);
    assert_string_equal(simcall_str(r, "current_status"), "pending");
    char url[128];
    snprintf(url, sizeof url, OMNI "/%d/start", (int)simcall_num(r, "id"));
    cJSON_Delete(r);
    r = sim_call(sim, "POST", url, "{}", &st);
    assert_int_equal(st, 409); /* only a draft can be started */
    cJSON_Delete(r);
}

static void test_truedy_quota(void **state)
{
    (void)state;
    sim_config_t cfg;
    sim_config_defaults(&cfg); /* the provider's 100 a minute */
    cfg.api_key = SIMCALL_KEY;
    cfg.speed = 0;
    cfg.start_time = SIMCALL_T0;
    char err[256];
    sim_t *sim = sim_new(&cfg, err, sizeof err);
    assert_non_null(sim);
    int st = 0;
    sim_response_t resp;
    for (int i = 0; i < 100; i++) {
        cJSON *r = sim_call(sim, "GET", "/api/public/v1/batch-calls", NULL, &st);
        assert_int_equal(st, 200);
        cJSON_Delete(r);
    }
    cJSON *r = sim_call_full(sim, "GET", "/api/public/v1/batch-calls", NULL, true, &st, &resp);
    assert_int_equal(st, 429);
    assert_string_equal(simcall_str(r, "error.code"), "rate_limit_exceeded");
    assert_non_null(simcall_str(r, "error.details.reset_at"));
    assert_null(sim_response_header(&resp, "Retry-After"));
    sim_response_free(&resp);
    cJSON_Delete(r);
    /* the quota is Truedy's: OmniDim answers on */
    r = sim_call(sim, "GET", OMNI, NULL, &st);
    assert_int_equal(st, 200);
    cJSON_Delete(r);
    sim_free(sim);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_omnidim_draft_add_start, setup, teardown),
        cmocka_unit_test_setup_teardown(test_omnidim_without_draft_dials_at_once, setup,
                                        teardown),
        cmocka_unit_test(test_truedy_quota),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
