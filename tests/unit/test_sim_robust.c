/* Nothing crashes dialtop-sim and every answer is well-formed JSON: every
 * route x method x a set of hostile bodies (wrong types for each known
 * field, nesting, huge numbers, control characters), through sim_handle.
 * Run under `make asan` this is also a memory-safety check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simcall.h"

static const char *const fields[] = {
    "name", "contact_list", "contacts", "users", "phone_number_id", "is_scheduled",
    "scheduled_datetime", "timezone", "concurrent_call_limit", "retry_config", "retry_limit",
    "action", "new_scheduled_datetime", "new_timezone", "schedule_type", "scheduled_at",
    "start_time", "end_time", "working_days", "max_calls_per_day", "agent_id", "app_config",
    "start_timestamp", "end_timestamp", "allowed_schedule", "description", "app_id",
    "concurrency", "provider", "status", "latency_ms", "fail_rate", "fail_actions",
};

static const char *const values[] = {
    "null", "true", "1e308", "-1", "2147483648", "0.5", "\"\"", "\"\\u0000\\u001b[2J\"", "[]",
    "[null,1,\"x\",{}]", "{}", "{\"a\":[{\"b\":{}}]}", "[{\"phone_number\":5}]",
    "[{\"user_phone_number\":\"+15550001111\",\"app_variables\":[1]}]",
    "{\"auto_retry\":\"yes\",\"retry_limit\":\"2\"}", "\"pause\"", "\"reschedule\"", "\"cancel\"",
    "\"2026-03-05 09:00:00\"", "\"2026-03-05T09:00:00Z\"", "\"Europe/London\"", "\"..\"",
};

static const char *const plain_bodies[] = {
    NULL, "", "null", "[]", "{}", "{", "\"text\"", "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]",
    "{\"name\":\"x\",\"name\":\"y\"}",
};

static const char *const methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};

static bool status_ok(int st)
{
    static const int allowed[] = {200, 201, 400, 401, 404, 405, 409, 422};
    for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++)
        if (st == allowed[i])
            return true;
    return false;
}

static void hit(sim_t *sim, const char *method, const char *url, const char *body)
{
    int st;
    sim_response_t resp;
    cJSON *r = sim_call_full(sim, method, url, body, true, &st, &resp);
    if (!status_ok(st) || !r)
        fail_msg("%s %s body %.80s: status %d, body %.200s", method, url, body ? body : "(none)", st,
                 resp.body ? resp.body : "(none)");
    cJSON_Delete(r);
    sim_response_free(&resp);
}

static void test_everything_answers(void **state)
{
    (void)state;
    sim_t *sim = simcall_new();
    assert_true(sim_load_demo(sim));
    char omni[32], truedy[64], sarvam[64];
    snprintf(omni, sizeof omni, "%s", simcall_make(sim, "omnidim", "active", 5));
    snprintf(truedy, sizeof truedy, "%s", simcall_make(sim, "truedy", "paused", 5));
    snprintf(sarvam, sizeof sarvam, "%s", simcall_make(sim, "sarvam", "scheduled", 5));
    char routes[24][256];
    int n = 0;
    snprintf(routes[n++], 256, "/api/v1/calls/bulk_call");
    snprintf(routes[n++], 256, "/api/v1/calls/bulk_call/create");
    snprintf(routes[n++], 256, "/api/v1/calls/bulk_call/%s", omni);
    snprintf(routes[n++], 256, "/api/v1/calls/bulk_call/%s/lines?cursor=&pagesize=abc", omni);
    snprintf(routes[n++], 256, "/api/v1/bulk-call/%s/live-status", omni);
    snprintf(routes[n++], 256, "/api/public/v1/batch-calls?limit=-5&offset=x");
    snprintf(routes[n++], 256, "/api/public/v1/batch-calls/%s", truedy);
    snprintf(routes[n++], 256, "/api/public/v1/batch-calls/%s/pause", truedy);
    snprintf(routes[n++], 256, "/api/public/v1/batch-calls/%s/resume", truedy);
    snprintf(routes[n++], 256, "/api/public/v1/batch-calls/%s/contacts?status=", truedy);
    snprintf(routes[n++], 256, SIM_PREFIX_SARVAM "/campaigns?sort_by=&search=%%00");
    snprintf(routes[n++], 256, SIM_PREFIX_SARVAM "/campaigns/%s", sarvam);
    snprintf(routes[n++], 256, SIM_PREFIX_SARVAM "/campaigns/%s/status", sarvam);
    snprintf(routes[n++], 256, SIM_PREFIX_SARVAM "/campaigns/%s/cohorts/stream", sarvam);
    snprintf(routes[n++], 256, SIM_PREFIX_SARVAM "/campaigns/%s/cohorts", sarvam);
    snprintf(routes[n++], 256, "/_sim/sarvam/campaigns/%s/attempts?limit=0", sarvam);
    snprintf(routes[n++], 256, SIM_PREFIX_SARVAM "/campaigns/%s/webhooks/retry", sarvam);
    snprintf(routes[n++], 256, "/_sim/campaigns");
    snprintf(routes[n++], 256, "/_sim/stats");
    snprintf(routes[n++], 256, "/api/v1/calls/bulk_call/1/2/3/4/5/6/7/8/9/10");
    snprintf(routes[n++], 256, "/api/scheduling/v1/orgs//workspaces/");

    char body[512];
    for (int r = 0; r < n; r++) {
        for (size_t m = 0; m < sizeof methods / sizeof *methods; m++) {
            for (size_t b = 0; b < sizeof plain_bodies / sizeof *plain_bodies; b++)
                hit(sim, methods[m], routes[r], plain_bodies[b]);
            if (strcmp(methods[m], "GET") == 0 || strcmp(methods[m], "HEAD") == 0 ||
                strcmp(methods[m], "OPTIONS") == 0)
                continue;
            for (size_t f = 0; f < sizeof fields / sizeof *fields; f++) {
                for (size_t v = 0; v < sizeof values / sizeof *values; v++) {
                    /* a mostly valid body with one field replaced */
                    snprintf(body, sizeof body,
                             "{\"name\":\"ok\",\"phone_number_id\":\"1\",\"provider\":\"omnidim\","
                             "\"contact_list\":[{\"phone_number\":\"+15550001111\"}],"
                             "\"contacts\":[{\"phone_number\":\"+15550001111\"}],"
                             "\"users\":[{\"user_phone_number\":\"+15550001111\"}],\"%s\":%s}",
                             fields[f], values[v]);
                    hit(sim, methods[m], routes[r], body);
                }
            }
        }
    }
    int st;
    cJSON *stats = sim_call(sim, "GET", "/_sim/stats", NULL, &st);
    double total = simcall_num(stats, "requests_total");
    cJSON_Delete(stats);
    assert_true(total > 40000); /* the loops really ran */
    print_message("%.0f requests answered\n", total);
    sim_free(sim);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_everything_answers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
