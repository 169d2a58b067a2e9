/* Refusals and failures against a real dialtop-sim: a refused action sends
 * no request at all (the sim's counters prove it), an injected 5xx is
 * reported with its kind once (never retried) and the campaign's state
 * stays true on a re-read, and every attempt leaves one audit line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actfix.h"

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

static const char *jstr(const cJSON *o, const char *a, const char *b)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, a);
    if (b)
        v = cJSON_GetObjectItemCaseSensitive(v, b);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static campaign_state_t reread(actfix_t *f, provider_t p, const char *id)
{
    model_campaign_t *c = actfix_get(f, p, id);
    assert_non_null(c);
    campaign_state_t s = c->state;
    model_campaign_free(c);
    free(c);
    return s;
}

/* Runs the action on a fresh read and asserts the sim saw no request at
 * all between two stats reads beyond the second stats read itself. */
static action_report_t refused_silently(actfix_t *f, action_ctx_t *ctx, provider_t p,
                                        const char *id, action_t a,
                                        const action_params_t *params)
{
    model_campaign_t *c = actfix_get(f, p, id);
    assert_non_null(c);
    int lines = actfix_audit_lines(f, NULL);
    long req_before, act_before, req_after, act_after;
    assert_true(actfix_counts(f, &req_before, &act_before));
    action_report_t r;
    action_run(ctx, c, a, params, &r);
    model_campaign_free(c);
    free(c);
    assert_true(actfix_counts(f, &req_after, &act_after));
    assert_int_equal(act_after, act_before);
    /* +1: the second stats read itself; nothing else reached the sim. */
    assert_int_equal(req_after, req_before + 1);
    assert_int_equal(r.outcome, AUDIT_REFUSED);
    assert_false(r.sent);
    cJSON *last = NULL;
    assert_int_equal(actfix_audit_lines(f, &last), lines + 1);
    assert_string_equal(jstr(last, "outcome", NULL), "refused");
    assert_string_equal(jstr(last, "error", "message"), r.message);
    assert_true(cJSON_IsFalse(cJSON_GetObjectItem(last, "sent")));
    cJSON_Delete(last);
    return r;
}

static void test_refused_sends_nothing(void **state)
{
    actfix_t *f = *state;
    char omni[64], truedy[64], sarvam[64];
    assert_true(actfix_create(f, PROVIDER_OMNIDIM, "refuse omni", "active", omni, sizeof omni));
    assert_true(actfix_create(f, PROVIDER_TRUEDY, "refuse truedy", "active", truedy,
                              sizeof truedy));
    assert_true(actfix_create(f, PROVIDER_SARVAM, "refuse sarvam", "completed", sarvam,
                              sizeof sarvam));

    action_report_t r = refused_silently(f, f->ctx[PROVIDER_OMNIDIM], PROVIDER_OMNIDIM, omni,
                                         ACTION_RESUME, NULL);
    assert_string_equal(r.message,
                        "resume: campaign is active, only a paused campaign can be resumed");
    action_params_t yes = {.confirmed = true};
    r = refused_silently(f, f->ctx[PROVIDER_TRUEDY], PROVIDER_TRUEDY, truedy, ACTION_CANCEL,
                         &yes);
    assert_string_equal(r.message, "cancel: Truedy offers no cancel; pause it instead");
    r = refused_silently(f, f->ctx[PROVIDER_SARVAM], PROVIDER_SARVAM, sarvam, ACTION_PAUSE,
                         NULL);
    assert_non_null(strstr(r.message, "which is final"));
    /* Unconfirmed cancel, invalid and past schedules: refused before sending. */
    r = refused_silently(f, f->ctx[PROVIDER_OMNIDIM], PROVIDER_OMNIDIM, omni, ACTION_CANCEL,
                         NULL);
    assert_non_null(strstr(r.message, "not confirmed"));
    action_params_t bad_tz = {.at = "2031-01-01 10:00", .tz = "Nowhere/Land"};
    r = refused_silently(f, f->ctx[PROVIDER_OMNIDIM], PROVIDER_OMNIDIM, omni,
                         ACTION_RESCHEDULE, &bad_tz);
    assert_non_null(strstr(r.message, "unknown timezone"));
    action_params_t past = {.at = "2020-01-01 10:00", .tz = "UTC"};
    r = refused_silently(f, f->ctx[PROVIDER_OMNIDIM], PROVIDER_OMNIDIM, omni,
                         ACTION_RESCHEDULE, &past);
    assert_non_null(strstr(r.message, "in the past"));
    assert_int_equal(reread(f, PROVIDER_OMNIDIM, omni), CAMPAIGN_ACTIVE);
}

static void test_read_only_sends_nothing(void **state)
{
    actfix_t *f = *state;
    char id[64];
    assert_true(actfix_create(f, PROVIDER_OMNIDIM, "read only", "active", id, sizeof id));
    action_ctx_t *ro = action_ctx_new(f->client[PROVIDER_OMNIDIM], true, f->audit);
    assert_non_null(ro);
    action_params_t yes = {.confirmed = true, .at = "2031-01-01 10:00", .tz = "UTC"};
    for (int a = ACTION_PAUSE; a <= ACTION_CANCEL; a++) {
        action_report_t r =
            refused_silently(f, ro, PROVIDER_OMNIDIM, id, (action_t)a, &yes);
        char want[64];
        snprintf(want, sizeof want, "%s: read-only", model_action_info((action_t)a)->name);
        assert_string_equal(r.message, want);
    }
    action_ctx_free(ro);
    assert_int_equal(reread(f, PROVIDER_OMNIDIM, id), CAMPAIGN_ACTIVE);
}

/* An injected 5xx on every action: reported once with its kind, never
 * retried, and the state read afterwards is the state before. */
static void test_injected_5xx_each_provider(void **state)
{
    actfix_t *f = *state;
    for (int p = 0; p < ACTFIX_SIM_PROVIDERS; p++) {
        char id[64];
        assert_true(actfix_create(f, (provider_t)p, "five hundred", "active", id, sizeof id));
        model_campaign_t *c = actfix_get(f, (provider_t)p, id);
        assert_non_null(c);
        assert_true(actfix_faults(f, "{\"fail_actions\":true}"));
        long act_before = actfix_stat(f, "actions_total");
        int lines = actfix_audit_lines(f, NULL);
        action_report_t r;
        action_run(f->ctx[p], c, ACTION_PAUSE, NULL, &r);
        model_campaign_free(c);
        free(c);
        assert_int_equal(actfix_stat(f, "actions_total"), act_before + 1); /* exactly once */
        assert_true(actfix_faults(f, "{\"fail_actions\":false}"));

        assert_int_equal(r.outcome, AUDIT_FAILED);
        assert_true(r.sent);
        assert_int_equal(r.error.kind, API_ERR_SERVER);
        assert_int_equal(r.error.http_status, 500);
        assert_true(r.message[0] != '\0');
        assert_int_equal(r.state, CAMPAIGN_ACTIVE);
        assert_int_equal(reread(f, (provider_t)p, id), CAMPAIGN_ACTIVE);

        cJSON *last = NULL;
        assert_int_equal(actfix_audit_lines(f, &last), lines + 1);
        assert_string_equal(jstr(last, "outcome", NULL), "failed");
        assert_string_equal(jstr(last, "error", "kind"), "server");
        assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(last, "error"),
                                             "http_status")->valueint, 500);
        cJSON_Delete(last);
    }
}

static void test_fail_rate_then_recovery(void **state)
{
    actfix_t *f = *state;
    const provider_t p = PROVIDER_SARVAM;
    char id[64];
    assert_true(actfix_create(f, p, "fail rate", "paused", id, sizeof id));
    model_campaign_t *c = actfix_get(f, p, id);
    assert_non_null(c);
    assert_true(actfix_faults(f, "{\"fail_rate\":1.0}"));
    action_report_t r;
    action_run(f->ctx[p], c, ACTION_RESUME, NULL, &r);
    assert_true(actfix_faults(f, "{\"fail_rate\":0.0}"));
    assert_int_equal(r.outcome, AUDIT_FAILED);
    assert_int_equal(r.error.kind, API_ERR_SERVER);
    assert_int_equal(reread(f, p, id), CAMPAIGN_PAUSED);
    /* The operator tries again by hand, and now it goes through. */
    action_run(f->ctx[p], c, ACTION_RESUME, NULL, &r);
    model_campaign_free(c);
    free(c);
    assert_int_equal(r.outcome, AUDIT_CONFIRMED);
    assert_int_equal(r.state, CAMPAIGN_SCHEDULED); /* Sarvam resumes to scheduled */
    /* ...and the sim's dialer starts it, its start being past. */
    campaign_state_t now = reread(f, p, id);
    assert_true(now == CAMPAIGN_SCHEDULED || now == CAMPAIGN_ACTIVE);
}

/* A refusal from the backend itself (the sim moved on since our read):
 * a typed failure with the provider's message, not a local refusal. */
static void test_stale_state_refused_by_backend(void **state)
{
    actfix_t *f = *state;
    const provider_t p = PROVIDER_TRUEDY;
    char id[64];
    assert_true(actfix_create(f, p, "stale", "active", id, sizeof id));
    model_campaign_t *stale = actfix_get(f, p, id);
    assert_non_null(stale);
    action_report_t r;
    action_run(f->ctx[p], stale, ACTION_PAUSE, NULL, &r);
    assert_int_equal(r.outcome, AUDIT_CONFIRMED);
    /* Our copy still says active: the table allows pause, the backend says no. */
    action_run(f->ctx[p], stale, ACTION_PAUSE, NULL, &r);
    model_campaign_free(stale);
    free(stale);
    assert_int_equal(r.outcome, AUDIT_FAILED);
    assert_true(r.sent);
    assert_int_equal(r.error.kind, API_ERR_REFUSED);
    assert_int_equal(r.error.http_status, 409);
    assert_int_equal(reread(f, p, id), CAMPAIGN_PAUSED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refused_sends_nothing),
        cmocka_unit_test(test_read_only_sends_nothing),
        cmocka_unit_test(test_injected_5xx_each_provider),
        cmocka_unit_test(test_fail_rate_then_recovery),
        cmocka_unit_test(test_stale_state_refused_by_backend),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
