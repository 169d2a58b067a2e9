/* Reschedule on Sarvam is the working window, against a real dialtop-sim
 * whose PATCH is as strict as Sarvam's: the window merged from the
 * campaign's details goes out complete, the start never moves, --at is
 * refused before any request, an active campaign takes pause, update,
 * resume, and success is reported only after the read-back shows it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actfix.h"
#include "simcall.h"
#include "simhttp.h"

#define SARVAM "/api/scheduling/v1/orgs/org1/workspaces/ws1/campaigns"

static int setup(void **state)
{
    actfix_t *f = actfix_start();
    *state = f;
    return f ? 0 : -1;
}

static int teardown(void **state)
{
    actfix_stop(*state);
    return 0;
}

static simhttp_t sarvam(actfix_t *f, const char *method, const char *path, const char *body)
{
    char url[512], key[128];
    snprintf(url, sizeof url, "%s%s%s", simproc_url(f->sim), SARVAM, path);
    snprintf(key, sizeof key, "X-API-Key: %s", getenv("ACTFIX_API_KEY"));
    const char *const h[] = {key, "Content-Type: application/json", NULL};
    simhttp_t r;
    simhttp_request(&r, method, url, h, body, 0);
    return r;
}

static model_campaign_t *run(actfix_t *f, const char *id, action_t a, const action_params_t *p,
                             action_report_t *r)
{
    model_campaign_t *c = actfix_get(f, PROVIDER_SARVAM, id);
    assert_non_null(c);
    action_run(f->ctx[PROVIDER_SARVAM], c, a, p, r);
    return c;
}

static void drop(model_campaign_t *c)
{
    model_campaign_free(c);
    free(c);
}

static void test_window_merged_from_details_and_read_back(void **state)
{
    actfix_t *f = *state;
    simhttp_t h = sarvam(f, "POST", "",
                         "{\"name\":\"window\",\"start_timestamp\":\"2031-03-03T04:30:00Z\","
                         "\"end_timestamp\":\"2031-12-31T12:30:00Z\",\"allowed_schedule\":{"
                         "\"allowed_start_time\":\"09:00\",\"allowed_end_time\":\"18:00\","
                         "\"allowed_days\":[\"Monday\",\"Tuesday\",\"Wednesday\",\"Thursday\","
                         "\"Friday\"],\"timezone\":\"Asia/Kolkata\"}}");
    assert_int_equal(h.status, 201);
    char id[64], path[96];
    snprintf(id, sizeof id, "%s", simcall_str(h.json, "campaign_id"));
    snprintf(path, sizeof path, "/%s", id);
    simhttp_free(&h);

    long req0, act0, req1, act1;
    assert_true(actfix_counts(f, &req0, &act0));
    action_params_t days = {.days = "mon-sat"};
    action_report_t r;
    drop(run(f, id, ACTION_RESCHEDULE, &days, &r));
    if (r.outcome != AUDIT_CONFIRMED)
        fail_msg("reschedule: %s: %s", audit_outcome_name(r.outcome), r.message);
    assert_true(r.has_window);
    assert_int_equal(r.state, CAMPAIGN_SCHEDULED);
    assert_true(actfix_counts(f, &req1, &act1));
    assert_int_equal(act1, act0 + 1); /* one PATCH, never retried */
    /* the read before, the PATCH, the read back, this stats read */
    assert_int_equal(req1, req0 + 4);

    h = sarvam(f, "GET", path, NULL);
    assert_string_equal(simcall_str(h.json, "allowed_schedule.allowed_start_time"), "09:00");
    assert_string_equal(simcall_str(h.json, "allowed_schedule.allowed_end_time"), "18:00");
    assert_int_equal(cJSON_GetArraySize(simcall_get(h.json, "allowed_schedule.allowed_days")), 6);
    assert_string_equal(simcall_str(h.json, "allowed_schedule.allowed_days.5"), "Saturday");
    assert_string_equal(simcall_str(h.json, "allowed_schedule.timezone"), "Asia/Kolkata");
    assert_string_equal(simcall_str(h.json, "start_timestamp"), "2031-03-03T04:30:00Z");
    assert_string_equal(simcall_str(h.json, "end_timestamp"), "2031-12-31T12:30:00Z");
    simhttp_free(&h);

    /* hours, zone and end: the days just set are kept */
    action_params_t more = {.hours = "10:00-16:30", .tz = "Asia/Dubai", .end = "2031-11-30 20:00"};
    drop(run(f, id, ACTION_RESCHEDULE, &more, &r));
    assert_int_equal(r.outcome, AUDIT_CONFIRMED);
    h = sarvam(f, "GET", path, NULL);
    assert_string_equal(simcall_str(h.json, "allowed_schedule.allowed_start_time"), "10:00");
    assert_int_equal(cJSON_GetArraySize(simcall_get(h.json, "allowed_schedule.allowed_days")), 6);
    assert_string_equal(simcall_str(h.json, "allowed_schedule.timezone"), "Asia/Dubai");
    assert_string_equal(simcall_str(h.json, "end_timestamp"), "2031-11-30T16:00:00Z");
    assert_string_equal(simcall_str(h.json, "start_timestamp"), "2031-03-03T04:30:00Z");
    simhttp_free(&h);

    /* moving the start: refused before any request */
    assert_true(actfix_counts(f, &req0, &act0));
    action_params_t at = {.at = "2031-06-01 10:00", .tz = "Asia/Kolkata"};
    model_campaign_t stub;
    model_campaign_init(&stub);
    stub.provider = PROVIDER_SARVAM;
    stub.id = id;
    action_run(f->ctx[PROVIDER_SARVAM], &stub, ACTION_RESCHEDULE, &at, &r);
    assert_int_equal(r.outcome, AUDIT_REFUSED);
    assert_false(r.sent);
    assert_non_null(strstr(r.message, "Sarvam cannot move a campaign's start"));
    assert_true(actfix_counts(f, &req1, &act1));
    assert_int_equal(req1, req0 + 1); /* only the stats read itself */
}

static void test_active_campaign_pause_update_resume(void **state)
{
    actfix_t *f = *state;
    char id[64];
    assert_true(actfix_create(f, PROVIDER_SARVAM, "busy", "active", id, sizeof id));
    action_params_t win = {.hours = "08:00-20:00", .days = "all", .tz = "Asia/Kolkata"};
    action_report_t r;
    model_campaign_t *c = run(f, id, ACTION_RESCHEDULE, &win, &r);
    assert_int_equal(r.outcome, AUDIT_REFUSED);
    assert_false(r.sent);
    /* the offer is the model's: Sarvam's guide says pause, update, resume */
    assert_string_equal(model_reschedule_offer(c->provider, c->state), "pause, update, resume");
    drop(c);
    drop(run(f, id, ACTION_PAUSE, NULL, &r));
    assert_int_equal(r.outcome, AUDIT_CONFIRMED);
    drop(run(f, id, ACTION_RESCHEDULE, &win, &r));
    assert_int_equal(r.outcome, AUDIT_CONFIRMED);
    assert_int_equal(r.state, CAMPAIGN_PAUSED);
    drop(run(f, id, ACTION_RESUME, NULL, &r));
    assert_int_equal(r.outcome, AUDIT_CONFIRMED);
    c = actfix_get(f, PROVIDER_SARVAM, id);
    assert_string_equal(c->window_start, "08:00");
    assert_string_equal(c->window_end, "20:00");
    assert_int_equal(c->window_days, 0x7fu);
    drop(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_window_merged_from_details_and_read_back, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_active_campaign_pause_update_resume, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
