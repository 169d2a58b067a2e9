/* Each injected fault of dialtop-sim, observed over real HTTP: latency,
 * 5xx, 429 with each provider's reset information, dropped connections,
 * malformed bodies, from flags and from POST /_sim/faults at run time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simcall.h"
#include "simhttp.h"
#include "simproc.h"

#define KEY "fault-key"
static const char *const bearer[] = {"Authorization: Bearer " KEY, NULL};
static const char *const xkey[] = {"X-API-Key: " KEY, NULL};

static void get(simproc_t *sp, const char *path, const char *const *h, simhttp_t *r)
{
    char url[512];
    snprintf(url, sizeof url, "%s%s", simproc_url(sp), path);
    simhttp_request(r, "GET", url, h, NULL, 0);
}

static simproc_t *start(const char *a, const char *b)
{
    const char *args[] = {"--demo", "--speed", "0", a, b, NULL};
    simproc_t *sp = simproc_start(KEY, args);
    assert_non_null(sp);
    return sp;
}

static void test_latency(void **state)
{
    (void)state;
    simproc_t *sp = start("--latency-ms", "300");
    simhttp_t r;
    get(sp, "/api/v1/calls/bulk_call", bearer, &r);
    assert_int_equal(r.status, 200);
    assert_true(r.seconds >= 0.29);
    simhttp_free(&r);
    assert_int_equal(simproc_stop(sp), 0);
}

static void test_fail_rate(void **state)
{
    (void)state;
    simproc_t *sp = start("--fail-rate", "1");
    simhttp_t r;
    get(sp, "/api/v1/calls/bulk_call", bearer, &r);
    assert_int_equal(r.status, 500);
    assert_true(cJSON_IsFalse(simcall_get(r.json, "success")));
    simhttp_free(&r);
    get(sp, "/api/public/v1/batch-calls", bearer, &r);
    assert_int_equal(r.status, 500);
    assert_string_equal(simcall_str(r.json, "error.code"), "internal_error");
    simhttp_free(&r);
    assert_int_equal(simproc_stop(sp), 0);
}

static void test_rate_limit_burst(void **state)
{
    (void)state;
    simproc_t *sp = start("--rate-limit-burst", "2");
    simhttp_t r;
    get(sp, "/api/v1/calls/bulk_call", bearer, &r);
    assert_int_equal(r.status, 200);
    simhttp_free(&r);
    get(sp, "/api/v1/calls/bulk_call", bearer, &r);
    assert_int_equal(r.status, 200);
    simhttp_free(&r);
    get(sp, "/api/v1/calls/bulk_call", bearer, &r);
    assert_int_equal(r.status, 429);
    assert_true(atoi(r.retry_after) >= 1 && atoi(r.retry_after) <= 10);
    assert_string_equal(simcall_str(r.json, "error"), "rate limited");
    simhttp_free(&r);
    get(sp, "/api/public/v1/batch-calls", bearer, &r);
    assert_int_equal(r.status, 429);
    assert_string_equal(r.retry_after, ""); /* Truedy sends no Retry-After */
    assert_non_null(simcall_str(r.json, "error.details.reset_at"));
    simhttp_free(&r);
    get(sp, "/api/scheduling/v1/orgs/o/workspaces/w/campaigns", xkey, &r);
    assert_int_equal(r.status, 429);
    assert_true(atoi(r.retry_after) >= 1);
    simhttp_free(&r);
    assert_int_equal(simproc_stop(sp), 0);
}

static void test_drop(void **state)
{
    (void)state;
    simproc_t *sp = start("--drop-rate", "1");
    simhttp_t r;
    get(sp, "/api/v1/calls/bulk_call", bearer, &r);
    assert_int_not_equal(r.err, CURLE_OK); /* empty reply: connection closed */
    simhttp_free(&r);
    assert_true(simproc_alive(sp));
    assert_int_equal(simproc_stop(sp), 0);
}

static void test_malformed(void **state)
{
    (void)state;
    simproc_t *sp = start("--malformed-rate", "1");
    simhttp_t r;
    get(sp, "/api/v1/calls/bulk_call", bearer, &r);
    assert_int_equal(r.status, 200);
    assert_true(r.len > 0);
    assert_null(r.json);
    simhttp_free(&r);
    assert_int_equal(simproc_stop(sp), 0);
}

static void test_runtime_faults(void **state)
{
    (void)state;
    simproc_t *sp = start("--seed", "3");
    char url[512];
    snprintf(url, sizeof url, "%s/_sim/faults", simproc_url(sp));
    simhttp_t r;
    simhttp_request(&r, "POST", url, bearer, "{\"fail_actions\":true}", 0);
    assert_int_equal(r.status, 200);
    simhttp_free(&r);
    snprintf(url, sizeof url, "%s/api/v1/calls/bulk_call/301", simproc_url(sp));
    simhttp_request(&r, "PUT", url, bearer, "{\"action\":\"pause\"}", 0);
    assert_int_equal(r.status, 500);
    simhttp_free(&r);
    get(sp, "/api/v1/calls/bulk_call/301", bearer, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(simcall_str(r.json, "details.status"), "in_progress");
    simhttp_free(&r);
    snprintf(url, sizeof url, "%s/_sim/faults", simproc_url(sp));
    simhttp_request(&r, "POST", url, bearer, "{\"fail_actions\":false,\"fail_rate\":0}", 0);
    simhttp_free(&r);
    snprintf(url, sizeof url, "%s/api/v1/calls/bulk_call/301", simproc_url(sp));
    simhttp_request(&r, "PUT", url, bearer, "{\"action\":\"pause\"}", 0);
    assert_int_equal(r.status, 200);
    simhttp_free(&r);
    get(sp, "/_sim/stats", bearer, &r);
    assert_int_equal((int)simcall_num(r.json, "actions_total"), 2);
    simhttp_free(&r);
    assert_int_equal(simproc_stop(sp), 0);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_latency),
        cmocka_unit_test(test_fail_rate),
        cmocka_unit_test(test_rate_limit_burst),
        cmocka_unit_test(test_drop),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_runtime_faults),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
