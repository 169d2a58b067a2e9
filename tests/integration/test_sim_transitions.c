/* Every allowed and refused transition of every provider, over real HTTP:
 * a campaign is put in each state through POST /_sim/campaigns, then each
 * action is sent the provider's way. The expected table is written from
 * the seeds, independently of the sim and of model.c. */
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

#define KEY "tr-key"
#define SARVAM "/api/scheduling/v1/orgs/o/workspaces/w/campaigns"

static simproc_t *sp;
static const char *const hdrs[] = {"Authorization: Bearer " KEY, "X-API-Key: " KEY, NULL};

typedef struct {
    const char *provider;
    const char *from;
    const char *action;        /* label */
    const char *method;
    const char *path_fmt;      /* %s = id */
    const char *body;
    long ok_status;
    const char *result;        /* resulting raw status; NULL = refused */
} row_t;

#define OD_PUT(from, act, body, res) {"omnidim", from, act, "PUT", "/api/v1/calls/bulk_call/%s", body, 200, res}
#define OD_DEL(from, res) {"omnidim", from, "cancel", "DELETE", "/api/v1/calls/bulk_call/%s", NULL, 200, res}
#define TR(from, act, res, st) {"truedy", from, act, "POST", "/api/public/v1/batch-calls/%s/" act, NULL, st, res}
#define TR_PATCH(from, res) {"truedy", from, "patch", "PATCH", "/api/public/v1/batch-calls/%s", \
                             "{\"scheduled_at\":\"2031-01-01T10:00:00Z\"}", 200, res}
#define SV(from, act, res) {"sarvam", from, act, "PUT", SARVAM "/%s/status", "{\"action\":\"" act "\"}", 200, res}
#define SV_PATCH(from, res) {"sarvam", from, "patch", "PATCH", SARVAM "/%s", "{\"description\":\"d\"}", 200, res}
#define P "{\"action\":\"pause\"}"
#define R "{\"action\":\"resume\"}"
#define RS "{\"action\":\"reschedule\",\"new_scheduled_datetime\":\"2031-01-01 10:00:00\"}"

static const row_t rows[] = {
    OD_PUT("scheduled", "pause", P, "paused"), OD_PUT("active", "pause", P, "paused"),
    OD_PUT("paused", "pause", P, NULL), OD_PUT("completed", "pause", P, NULL),
    OD_PUT("failed", "pause", P, NULL), OD_PUT("cancelled", "pause", P, NULL),
    OD_PUT("scheduled", "resume", R, NULL), OD_PUT("active", "resume", R, NULL),
    OD_PUT("paused", "resume", R, "in_progress"), OD_PUT("completed", "resume", R, NULL),
    OD_PUT("cancelled", "resume", R, NULL),
    OD_PUT("scheduled", "reschedule", RS, "scheduled"), OD_PUT("active", "reschedule", RS, "scheduled"),
    OD_PUT("paused", "reschedule", RS, "scheduled"), OD_PUT("completed", "reschedule", RS, NULL),
    OD_PUT("cancelled", "reschedule", RS, NULL),
    OD_DEL("scheduled", "cancelled"), OD_DEL("active", "cancelled"), OD_DEL("paused", "cancelled"),
    OD_DEL("completed", NULL), OD_DEL("failed", NULL), OD_DEL("cancelled", NULL),

    TR("scheduled", "pause", "paused", 200), TR("active", "pause", "paused", 200),
    TR("paused", "pause", NULL, 200), TR("completed", "pause", NULL, 200),
    TR("failed", "pause", NULL, 200), TR("cancelled", "pause", NULL, 200),
    TR("scheduled", "resume", NULL, 201), TR("active", "resume", NULL, 201),
    TR("paused", "resume", "running", 201), TR("completed", "resume", NULL, 201),
    TR("failed", "resume", NULL, 201),
    TR_PATCH("scheduled", "scheduled"), TR_PATCH("paused", "paused"), TR_PATCH("active", NULL),
    TR_PATCH("completed", NULL), TR_PATCH("failed", NULL),

    SV("scheduled", "pause", "paused"), SV("active", "pause", "paused"), SV("paused", "pause", NULL),
    SV("ended", "pause", NULL), SV("cancelled", "pause", NULL),
    SV("scheduled", "resume", NULL), SV("active", "resume", NULL), SV("paused", "resume", "scheduled"),
    SV("ended", "resume", NULL), SV("cancelled", "resume", NULL),
    SV("scheduled", "cancel", "cancelled"), SV("active", "cancel", "cancelled"),
    SV("paused", "cancel", "cancelled"), SV("ended", "cancel", NULL), SV("cancelled", "cancel", NULL),
    SV_PATCH("scheduled", "scheduled"), SV_PATCH("paused", "paused"), SV_PATCH("active", NULL),
    SV_PATCH("ended", NULL), SV_PATCH("cancelled", NULL),
};

static const char *result_status(const row_t *r, const cJSON *j)
{
    if (strcmp(r->provider, "omnidim") == 0)
        return simcall_str(j, "current_status");
    if (strcmp(r->provider, "truedy") == 0)
        return simcall_str(j, "data.status");
    return simcall_str(j, "status");
}

static void test_every_transition(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        const row_t *r = &rows[i];
        char url[512], body[256], id[64];
        simhttp_t h;
        snprintf(url, sizeof url, "%s/_sim/campaigns", simproc_url(sp));
        snprintf(body, sizeof body, "{\"provider\":\"%s\",\"name\":\"t\",\"status\":\"%s\",\"contacts\":8}",
                 r->provider, r->from);
        simhttp_request(&h, "POST", url, hdrs, body, 0);
        assert_int_equal(h.status, 201);
        snprintf(id, sizeof id, "%s", simcall_str(h.json, "id"));
        simhttp_free(&h);

        char path[256];
        snprintf(path, sizeof path, r->path_fmt, id);
        snprintf(url, sizeof url, "%s%s", simproc_url(sp), path);
        simhttp_request(&h, r->method, url, hdrs, r->body, 0);
        long want = r->result ? r->ok_status : 409;
        if (h.status != want)
            fail_msg("%s %s from %s: status %ld, want %ld: %s", r->provider, r->action, r->from,
                     h.status, want, h.body ? h.body : "");
        if (r->result) {
            const char *got = result_status(r, h.json);
            if (!got || strcmp(got, r->result) != 0)
                fail_msg("%s %s from %s: now %s, want %s", r->provider, r->action, r->from,
                         got ? got : "(none)", r->result);
        } else if (strcmp(r->provider, "omnidim") == 0) {
            assert_non_null(strstr(simcall_str(h.json, "error"), "Cannot "));
        } else if (strcmp(r->provider, "truedy") == 0) {
            assert_string_equal(simcall_str(h.json, "error.code"), "invalid_state");
        } else {
            assert_string_equal(simcall_str(h.json, "error.code"), "invalid_transition");
        }
        simhttp_free(&h);
    }
    /* every action above kept the campaigns' counters in step with their
     * contacts */
    char url[512];
    simhttp_t h;
    snprintf(url, sizeof url, "%s/_sim/verify", simproc_url(sp));
    simhttp_request(&h, "GET", url, hdrs, NULL, 0);
    if (h.status != 200)
        fail_msg("counters drifted: %s", h.body ? h.body : "");
    assert_true(simcall_num(h.json, "campaigns") > 50);
    simhttp_free(&h);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const char *args[] = {"--speed", "0", NULL};
    sp = simproc_start(KEY, args);
    if (!sp)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_transition),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    if (simproc_stop(sp) != 0)
        rc = 1;
    curl_global_cleanup();
    return rc;
}
