/* Every action on every provider, against a real dialtop-sim: the backend
 * confirms it, the confirmed state is what a fresh read returns, exactly
 * one state-changing request reaches the sim per action (never retried),
 * and the audit log gains exactly one line per action. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actfix.h"

/* Far enough ahead to stay in the future; a date with EDT in force. */
#define FUTURE_AT "2031-06-15 09:30"
#define FUTURE_EPOCH 1939296600L /* 2031-06-15 13:30:00Z */

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

/* Reads the campaign, runs the action on what was read, and checks the
 * outcome, the request count, a fresh read and the audit line. */
static action_report_t step(actfix_t *f, provider_t p, const char *id, action_t a,
                            const action_params_t *params, audit_outcome_t want,
                            campaign_state_t want_state)
{
    model_campaign_t *c = actfix_get(f, p, id);
    assert_non_null(c);
    long actions_before = actfix_stat(f, "actions_total");
    int lines_before = actfix_audit_lines(f, NULL);

    action_report_t r;
    action_run(f->ctx[p], c, a, params, &r);
    model_campaign_free(c);
    free(c);
    if (r.outcome != want)
        fail_msg("%s %s on %s: outcome %s (%s)", model_action_info(a)->name, id,
                 model_provider_name(p), audit_outcome_name(r.outcome), r.message);
    assert_string_equal(r.audit_error, "");
    assert_int_equal(r.state, want_state);
    assert_string_equal(r.campaign_id, id);

    /* Exactly one state-changing request when sent, none when refused. */
    assert_int_equal(actfix_stat(f, "actions_total"),
                     actions_before + (want == AUDIT_REFUSED ? 0 : 1));
    assert_int_equal(r.sent, want != AUDIT_REFUSED);

    model_campaign_t *after = actfix_get(f, p, id);
    assert_non_null(after);
    assert_int_equal(after->state, want_state);
    model_campaign_free(after);
    free(after);

    cJSON *last = NULL;
    assert_int_equal(actfix_audit_lines(f, &last), lines_before + 1);
    assert_non_null(last);
    assert_string_equal(jstr(last, "action", NULL), model_action_info(a)->name);
    assert_string_equal(jstr(last, "campaign", "id"), id);
    assert_string_equal(jstr(last, "provider", NULL), model_provider_name(p));
    assert_string_equal(jstr(last, "profile", NULL), f->profile[p].name);
    assert_string_equal(jstr(last, "outcome", NULL), audit_outcome_name(want));
    if (want == AUDIT_CONFIRMED)
        assert_string_equal(jstr(last, "result", "state"), model_campaign_state_name(want_state));
    cJSON_Delete(last);
    return r;
}

static void check_schedule(actfix_t *f, provider_t p, const char *id)
{
    model_campaign_t *c = actfix_get(f, p, id);
    assert_non_null(c);
    assert_non_null(c->scheduled_at);
    if (p == PROVIDER_OMNIDIM) {
        /* OmniDim sends local wall-clock text plus the zone. */
        assert_string_equal(c->scheduled_at, FUTURE_AT ":00");
        assert_non_null(c->timezone);
        assert_string_equal(c->timezone, "America/New_York");
    }
    /* The same instant, whatever the spelling: OmniDim's wall-clock text
     * is read in the campaign's zone, the others' ISO instants as sent. */
    assert_int_equal((long)c->scheduled_epoch, FUTURE_EPOCH);
    /* The reschedule form opens on what was just set. */
    char when[32], zone[SCHEDULE_ZONE_MAX];
    action_reschedule_prefill(c, when, sizeof when, zone, sizeof zone);
    if (c->timezone) {
        assert_string_equal(zone, c->timezone);
        if (strcmp(c->timezone, "America/New_York") == 0)
            assert_string_equal(when, FUTURE_AT);
    }
    model_campaign_free(c);
    free(c);
}

static void test_omnidim_every_action(void **state)
{
    actfix_t *f = *state;
    char id[64];
    assert_true(actfix_create(f, PROVIDER_OMNIDIM, "omni all", "active", id, sizeof id));
    step(f, PROVIDER_OMNIDIM, id, ACTION_PAUSE, NULL, AUDIT_CONFIRMED, CAMPAIGN_PAUSED);
    step(f, PROVIDER_OMNIDIM, id, ACTION_RESUME, NULL, AUDIT_CONFIRMED, CAMPAIGN_ACTIVE);
    action_params_t at = {.at = FUTURE_AT, .tz = "America/New_York"};
    action_report_t r = step(f, PROVIDER_OMNIDIM, id, ACTION_RESCHEDULE, &at, AUDIT_CONFIRMED,
                             CAMPAIGN_SCHEDULED);
    assert_true(r.has_schedule);
    assert_int_equal((long)r.schedule.epoch, FUTURE_EPOCH);
    check_schedule(f, PROVIDER_OMNIDIM, id);
    action_params_t yes = {.confirmed = true};
    step(f, PROVIDER_OMNIDIM, id, ACTION_CANCEL, &yes, AUDIT_CONFIRMED, CAMPAIGN_CANCELLED);
    /* Final now: every further action is refused by the table. */
    step(f, PROVIDER_OMNIDIM, id, ACTION_RESUME, NULL, AUDIT_REFUSED, CAMPAIGN_CANCELLED);
}

/* OmniDim's two actions with arguments: each confirmed by reading the
 * campaign back (the replies name no state), audited with its arguments;
 * the others refuse them by the table. */
static void test_retry_and_concurrency(void **state)
{
    actfix_t *f = *state;
    char id[64], tid[64];
    assert_true(actfix_create(f, PROVIDER_OMNIDIM, "omni tune", "active", id, sizeof id));
    action_params_t conc = {0};
    conc.args.concurrency = 9;
    action_report_t r = step(f, PROVIDER_OMNIDIM, id, ACTION_CONCURRENCY, &conc, AUDIT_CONFIRMED,
                             CAMPAIGN_ACTIVE);
    assert_int_equal(r.concurrency, 9);
    model_campaign_t *c = actfix_get(f, PROVIDER_OMNIDIM, id);
    assert_non_null(c);
    assert_int_equal(c->concurrency, 9);
    model_campaign_free(c);
    free(c);
    cJSON *last = NULL;
    actfix_audit_lines(f, &last);
    assert_string_equal(jstr(last, "params", "args"), "concurrency=9");
    cJSON_Delete(last);

    action_params_t retry = {0};
    retry.args.reasons[0] = "no_answer";
    retry.args.reasons[1] = "busy";
    retry.args.nreasons = 2;
    retry.args.max_retries = 2;
    r = step(f, PROVIDER_OMNIDIM, id, ACTION_RETRY, &retry, AUDIT_CONFIRMED, CAMPAIGN_ACTIVE);
    assert_true(r.pending >= 0); /* read back: the counts came with the campaign */
    actfix_audit_lines(f, &last);
    assert_string_equal(jstr(last, "params", "args"), "reasons=no_answer,busy max_retries=2");
    cJSON_Delete(last);

    assert_true(actfix_create(f, PROVIDER_TRUEDY, "truedy tune", "active", tid, sizeof tid));
    r = step(f, PROVIDER_TRUEDY, tid, ACTION_CONCURRENCY, &conc, AUDIT_REFUSED, CAMPAIGN_ACTIVE);
    assert_string_equal(r.message, "concurrency: Truedy cannot change a batch's concurrency");
}

static void test_truedy_every_action(void **state)
{
    actfix_t *f = *state;
    char id[64];
    assert_true(actfix_create(f, PROVIDER_TRUEDY, "truedy all", "active", id, sizeof id));
    /* PATCH only while scheduled or paused: refused while active. */
    action_params_t at = {.at = FUTURE_AT, .tz = "America/New_York"};
    action_report_t r = step(f, PROVIDER_TRUEDY, id, ACTION_RESCHEDULE, &at, AUDIT_REFUSED,
                             CAMPAIGN_ACTIVE);
    assert_non_null(strstr(r.message, "only a scheduled or paused campaign"));
    step(f, PROVIDER_TRUEDY, id, ACTION_PAUSE, NULL, AUDIT_CONFIRMED, CAMPAIGN_PAUSED);
    step(f, PROVIDER_TRUEDY, id, ACTION_RESCHEDULE, &at, AUDIT_CONFIRMED, CAMPAIGN_PAUSED);
    check_schedule(f, PROVIDER_TRUEDY, id);
    /* Resume: the start is now ahead, so the batch goes back to scheduled. */
    step(f, PROVIDER_TRUEDY, id, ACTION_RESUME, NULL, AUDIT_CONFIRMED, CAMPAIGN_SCHEDULED);
    action_params_t yes = {.confirmed = true};
    r = step(f, PROVIDER_TRUEDY, id, ACTION_CANCEL, &yes, AUDIT_REFUSED, CAMPAIGN_SCHEDULED);
    assert_string_equal(r.message, "cancel: Truedy offers no cancel; pause it instead");
}

static void test_sarvam_every_action(void **state)
{
    actfix_t *f = *state;
    char id[64];
    /* scheduled, not active: Sarvam's start cannot move, so only a start
     * still ahead keeps the resumed campaign scheduled */
    assert_true(actfix_create(f, PROVIDER_SARVAM, "sarvam all", "scheduled", id, sizeof id));
    step(f, PROVIDER_SARVAM, id, ACTION_PAUSE, NULL, AUDIT_CONFIRMED, CAMPAIGN_PAUSED);
    /* Sarvam's reschedule is the working window (its start cannot move) */
    action_params_t win = {.hours = "09:00-18:00", .days = "mon-sat", .tz = "Asia/Kolkata"};
    action_report_t r = step(f, PROVIDER_SARVAM, id, ACTION_RESCHEDULE, &win, AUDIT_CONFIRMED,
                             CAMPAIGN_PAUSED);
    assert_true(r.has_window);
    action_params_t at = {.at = FUTURE_AT, .tz = "America/New_York"};
    r = step(f, PROVIDER_SARVAM, id, ACTION_RESCHEDULE, &at, AUDIT_REFUSED, CAMPAIGN_PAUSED);
    assert_non_null(strstr(r.message, "Sarvam cannot move a campaign's start"));
    step(f, PROVIDER_SARVAM, id, ACTION_RESUME, NULL, AUDIT_CONFIRMED, CAMPAIGN_SCHEDULED);
    action_params_t yes = {.confirmed = true};
    step(f, PROVIDER_SARVAM, id, ACTION_CANCEL, &yes, AUDIT_CONFIRMED, CAMPAIGN_CANCELLED);
    step(f, PROVIDER_SARVAM, id, ACTION_PAUSE, NULL, AUDIT_REFUSED, CAMPAIGN_CANCELLED);
}

/* The console's form: several marked campaigns in flight at once, each
 * reported once through its callback. */
typedef struct {
    int calls;
    action_report_t last[3];
} seen_t;

static void on_done(const action_report_t *r, void *ud)
{
    seen_t *s = ud;
    if (s->calls < 3)
        s->last[s->calls] = *r;
    s->calls++;
}

static void test_pause_all_marked_async(void **state)
{
    actfix_t *f = *state;
    const provider_t p = PROVIDER_OMNIDIM;
    char ids[3][64];
    model_campaign_t *camps[3];
    for (int i = 0; i < 3; i++) {
        char name[32];
        snprintf(name, sizeof name, "marked %d", i);
        assert_true(actfix_create(f, p, name, "active", ids[i], sizeof ids[i]));
        camps[i] = actfix_get(f, p, ids[i]);
        assert_non_null(camps[i]);
    }
    long actions_before = actfix_stat(f, "actions_total");
    int lines_before = actfix_audit_lines(f, NULL);
    seen_t seen = {0};
    for (int i = 0; i < 3; i++) {
        action_report_t refused;
        assert_true(action_submit(f->ctx[p], camps[i], ACTION_PAUSE, NULL, on_done, &seen,
                                  &refused) > 0);
        model_campaign_free(camps[i]); /* the action keeps its own copy */
        free(camps[i]);
    }
    assert_int_equal(action_pending(f->ctx[p]), 3);
    assert_int_equal(seen.calls, 0); /* never from inside submit */
    while (action_pending(f->ctx[p]) > 0)
        assert_true(client_poll(f->client[p], -1, 1000, NULL) >= 0);
    assert_int_equal(seen.calls, 3);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(seen.last[i].outcome, AUDIT_CONFIRMED);
        assert_int_equal(seen.last[i].state, CAMPAIGN_PAUSED);
    }
    assert_int_equal(actfix_stat(f, "actions_total"), actions_before + 3);
    assert_int_equal(actfix_audit_lines(f, NULL), lines_before + 3);
    for (int i = 0; i < 3; i++) {
        model_campaign_t *c = actfix_get(f, p, ids[i]);
        assert_non_null(c);
        assert_int_equal(c->state, CAMPAIGN_PAUSED);
        model_campaign_free(c);
        free(c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_omnidim_every_action),
        cmocka_unit_test(test_retry_and_concurrency),
        cmocka_unit_test(test_truedy_every_action),
        cmocka_unit_test(test_sarvam_every_action),
        cmocka_unit_test(test_pause_all_marked_async),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
