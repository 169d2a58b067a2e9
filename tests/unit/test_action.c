/* Unit tests for api/action: every refusal happens before any request and
 * is audited; dialog helpers. The client points at a loopback port nobody
 * listens on, so a request that escaped would come back as a network
 * failure, never as a refusal; the sent flag and http stats prove none
 * went out. Confirmed and failed actions are covered against dialtop-sim
 * in tests/integration/test_actions_*.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "action.h"

static const time_t NOW = 1795424400; /* 2026-11-23 09:00:00Z */

typedef struct {
    config_profile_t profile;
    client_t *client;
    action_ctx_t *ctx;
    char audit[512];
} fixture_t;

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    f->profile.name = "unit";
    f->profile.provider = PROVIDER_OMNIDIM;
    f->profile.base_url = "http://127.0.0.1:9"; /* discard port: nothing answers */
    f->profile.api_key_env = "DIALTOP_UNIT_KEY";
    f->profile.poll_interval_s = 2;
    setenv("DIALTOP_UNIT_KEY", "sk-unit-secret-4242", 1);
    char err[256];
    f->client = client_new(&f->profile, NULL, err, sizeof err);
    if (!f->client) {
        fprintf(stderr, "client_new: %s\n", err);
        return -1;
    }
    const char *tmp = getenv("DIALTOP_TEST_TMP");
    snprintf(f->audit, sizeof f->audit, "%s/action-unit-%ld/audit.log", tmp ? tmp : "/tmp",
             (long)getpid());
    f->ctx = action_ctx_new(f->client, false, f->audit);
    *state = f;
    return f->ctx ? 0 : -1;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    action_ctx_free(f->ctx);
    client_free(f->client);
    unlink(f->audit);
    free(f);
    return 0;
}

static model_campaign_t campaign(provider_t p, campaign_state_t s)
{
    model_campaign_t c;
    model_campaign_init(&c);
    c.id = "314";
    c.name = "Winter promo";
    c.provider = p;
    c.state = s;
    return c;
}

/* Last audit line, parsed; caller deletes. Counts lines into *n. */
static cJSON *last_audit(const char *path, int *n)
{
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char line[4096], last[4096] = "";
    *n = 0;
    while (fgets(line, sizeof line, fp)) {
        snprintf(last, sizeof last, "%s", line);
        (*n)++;
    }
    fclose(fp);
    cJSON *o = cJSON_Parse(last);
    assert_non_null(o);
    return o;
}

static const char *jstr(const cJSON *o, const char *a, const char *b)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, a);
    if (b)
        v = cJSON_GetObjectItemCaseSensitive(v, b);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void never_called(const action_report_t *r, void *ud)
{
    (void)r;
    (void)ud;
    fail_msg("a refused action must not call back");
}

static void expect_refused(fixture_t *f, const model_campaign_t *c, action_t a,
                           const action_params_t *params, const char *want)
{
    http_stats_t before, after;
    http_get_stats(client_http(f->client), &before);
    action_report_t r;
    memset(&r, 0xff, sizeof r);
    unsigned long id = action_submit(f->ctx, c, a, params, never_called, NULL, &r);
    assert_int_equal(id, 0);
    assert_int_equal(r.outcome, AUDIT_REFUSED);
    assert_false(r.sent);
    assert_int_equal(r.error.kind, API_ERR_UNSUPPORTED);
    if (strstr(r.message, want) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", r.message, want);
    assert_int_equal(r.state, c ? c->state : CAMPAIGN_UNKNOWN);
    assert_string_equal(r.audit_error, "");
    http_get_stats(client_http(f->client), &after);
    assert_int_equal(after.submitted, before.submitted);
    assert_int_equal(action_pending(f->ctx), 0);
    assert_int_equal(client_poll(f->client, -1, 0, NULL), 0); /* nothing queued either */
}

static void test_table_refusals(void **state)
{
    fixture_t *f = *state;
    model_campaign_t c = campaign(PROVIDER_OMNIDIM, CAMPAIGN_ACTIVE);
    expect_refused(f, &c, ACTION_RESUME, NULL,
                   "resume: campaign is active, only a paused campaign can be resumed");
    c = campaign(PROVIDER_TRUEDY, CAMPAIGN_ACTIVE);
    action_params_t yes = {.confirmed = true};
    expect_refused(f, &c, ACTION_CANCEL, &yes, "cancel: Truedy offers no cancel; pause it instead");
    c = campaign(PROVIDER_SARVAM, CAMPAIGN_ENDED);
    expect_refused(f, &c, ACTION_PAUSE, NULL, "pause: campaign is ended, which is final");
    c = campaign(PROVIDER_OMNIDIM, CAMPAIGN_UNKNOWN);
    expect_refused(f, &c, ACTION_PAUSE, NULL, "state is unknown");
    c = campaign(PROVIDER_OMNIDIM, CAMPAIGN_ACTIVE);
    expect_refused(f, &c, ACTION_CREATE, NULL, "not an action on a campaign");
    c.id = NULL;
    expect_refused(f, &c, ACTION_PAUSE, NULL, "no id");
    expect_refused(f, NULL, ACTION_PAUSE, NULL, "no id");

    /* Every table cell: refused exactly where the model says so. */
    for (int p = 0; p < PROVIDER_COUNT; p++)
        for (int s = 0; s < CAMPAIGN_STATE_COUNT; s++)
            for (int a = 0; a <= ACTION_CANCEL; a++) {
                char why[256];
                if (model_action_allowed((provider_t)p, (campaign_state_t)s, (action_t)a, why,
                                         sizeof why))
                    continue;
                c = campaign((provider_t)p, (campaign_state_t)s);
                /* Sarvam reschedules the window (its start cannot move) */
                bool window = p == PROVIDER_SARVAM && a == ACTION_RESCHEDULE;
                action_params_t params = {.confirmed = true,
                                          .at = window ? NULL : "2026-12-25 10:00",
                                          .hours = window ? "09:00-18:00" : NULL,
                                          .tz = "UTC", .now = NOW};
                expect_refused(f, &c, (action_t)a, &params, why);
            }

    int n;
    cJSON *o = last_audit(f->audit, &n);
    assert_true(n > 20);
    assert_string_equal(jstr(o, "outcome", NULL), "refused");
    assert_true(cJSON_IsFalse(cJSON_GetObjectItem(o, "sent")));
    assert_string_equal(jstr(o, "error", "kind"), "refused");
    assert_string_equal(jstr(o, "profile", NULL), "unit");
    cJSON_Delete(o);
}

static void test_read_only(void **state)
{
    fixture_t *f = *state;
    action_ctx_t *ro = action_ctx_new(f->client, true, f->audit);
    model_campaign_t c = campaign(PROVIDER_OMNIDIM, CAMPAIGN_ACTIVE);
    action_report_t r;
    assert_int_equal(action_submit(ro, &c, ACTION_PAUSE, NULL, never_called, NULL, &r), 0);
    assert_string_equal(r.message, "pause: read-only");
    assert_false(r.sent);
    action_ctx_free(ro);

    /* The profile's own read_only counts too. */
    config_profile_t p = f->profile;
    p.read_only = true;
    char err[256];
    client_t *cl = client_new(&p, NULL, err, sizeof err);
    assert_non_null(cl);
    ro = action_ctx_new(cl, false, f->audit);
    assert_int_equal(action_submit(ro, &c, ACTION_PAUSE, NULL, never_called, NULL, &r), 0);
    assert_string_equal(r.message, "pause: read-only");
    assert_false(r.sent);
    action_ctx_free(ro);
    client_free(cl);
}

static void test_cancel_needs_confirmation(void **state)
{
    fixture_t *f = *state;
    model_campaign_t c = campaign(PROVIDER_SARVAM, CAMPAIGN_ACTIVE);
    expect_refused(f, &c, ACTION_CANCEL, NULL, "cancel: not confirmed (it cannot be undone)");
    action_params_t no = {.confirmed = false};
    expect_refused(f, &c, ACTION_CANCEL, &no, "not confirmed");
}

/* Retry and concurrency arguments are judged before anything is sent,
 * and --if-needed turns "already there" into AUDIT_ALREADY, audited. */
static void test_retry_concurrency_and_if_needed(void **state)
{
    fixture_t *f = *state;
    model_campaign_t done = campaign(PROVIDER_OMNIDIM, CAMPAIGN_COMPLETED);
    expect_refused(f, &done, ACTION_RETRY, NULL, "retry: name the reasons to retry");
    action_params_t bad = {0};
    bad.args.reasons[0] = "voicemail";
    bad.args.nreasons = 1;
    expect_refused(f, &done, ACTION_RETRY, &bad, "\"voicemail\" is not a reason to retry");
    bad.args.reasons[0] = "no-answer"; /* the provider's spelling is accepted */
    bad.args.max_retries = 11;
    expect_refused(f, &done, ACTION_RETRY, &bad, "at most 10 retries");
    model_campaign_t cancelled = campaign(PROVIDER_OMNIDIM, CAMPAIGN_CANCELLED);
    bad.args.max_retries = 2;
    expect_refused(f, &cancelled, ACTION_RETRY, &bad, "retry: campaign is cancelled, which is final");
    model_campaign_t truedy = campaign(PROVIDER_TRUEDY, CAMPAIGN_COMPLETED);
    expect_refused(f, &truedy, ACTION_RETRY, &bad, "Truedy cannot re-queue");
    model_campaign_t live = campaign(PROVIDER_OMNIDIM, CAMPAIGN_ACTIVE);
    action_params_t zero = {0};
    expect_refused(f, &live, ACTION_CONCURRENCY, &zero, "a whole number of 1 or more");

    /* already there: nothing sent, outcome "already", one audit line */
    http_stats_t before, after;
    http_get_stats(client_http(f->client), &before);
    model_campaign_t paused = campaign(PROVIDER_OMNIDIM, CAMPAIGN_PAUSED);
    action_params_t need = {.if_needed = true};
    action_report_t r;
    assert_int_equal(action_submit(f->ctx, &paused, ACTION_PAUSE, &need, never_called, NULL, &r),
                     0);
    assert_int_equal(r.outcome, AUDIT_ALREADY);
    assert_false(r.sent);
    assert_string_equal(r.message, "already paused");
    live.concurrency = 5;
    need.args.concurrency = 5;
    assert_int_equal(action_submit(f->ctx, &live, ACTION_CONCURRENCY, &need, never_called, NULL,
                                   &r), 0);
    assert_int_equal(r.outcome, AUDIT_ALREADY);
    assert_string_equal(r.message, "already at concurrency 5");
    http_get_stats(client_http(f->client), &after);
    assert_int_equal(after.submitted, before.submitted);
    int n;
    cJSON *line = last_audit(f->audit, &n);
    assert_string_equal(jstr(line, "outcome", NULL), "already");
    assert_string_equal(jstr(line, "params", "args"), "concurrency=5");
    assert_false(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(line, "sent")));
    cJSON_Delete(line);
    /* without --if-needed the table refuses as before */
    expect_refused(f, &paused, ACTION_PAUSE, NULL, "pause: campaign is paused");
}

static void test_reschedule_refusals(void **state)
{
    fixture_t *f = *state;
    model_campaign_t c = campaign(PROVIDER_OMNIDIM, CAMPAIGN_SCHEDULED);
    action_params_t p = {.at = "2026-02-30 10:00", .tz = "UTC", .now = NOW};
    expect_refused(f, &c, ACTION_RESCHEDULE, &p, "reschedule: 2026-02-30 is not a calendar date");
    p.at = "2026-12-25 10:00";
    p.tz = "Mars/Base";
    expect_refused(f, &c, ACTION_RESCHEDULE, &p, "reschedule: unknown timezone \"Mars/Base\"");
    p.tz = "../../etc/passwd";
    expect_refused(f, &c, ACTION_RESCHEDULE, &p, "reschedule: timezone name");
    p.at = "2026-03-08 02:30";
    p.tz = "America/New_York";
    p.now = 1767225600; /* 2026-01-01 */
    expect_refused(f, &c, ACTION_RESCHEDULE, &p, "does not exist in America/New_York");
    p.at = "2026-11-01 10:00";
    p.now = NOW;
    expect_refused(f, &c, ACTION_RESCHEDULE, &p, "is in the past");
    p.at = NULL;
    expect_refused(f, &c, ACTION_RESCHEDULE, &p, "must look like YYYY-MM-DD HH:MM");

    int n;
    cJSON *o = last_audit(f->audit, &n);
    assert_string_equal(jstr(o, "action", NULL), "reschedule");
    assert_string_equal(jstr(o, "params", "tz"), "America/New_York");
    cJSON_Delete(o);

    /* The audit log never holds the key. */
    FILE *fp = fopen(f->audit, "r");
    char line[4096];
    while (fgets(line, sizeof line, fp))
        assert_null(strstr(line, "sk-unit-secret"));
    fclose(fp);
}

/* A request that goes out fails here (nobody listens): the error is typed,
 * the state returns to the one the backend last reported, and the line is
 * written once. */
static void record(const action_report_t *r, void *ud)
{
    *(action_report_t *)ud = *r;
}

static void test_network_failure_reported(void **state)
{
    fixture_t *f = *state;
    model_campaign_t c = campaign(PROVIDER_OMNIDIM, CAMPAIGN_ACTIVE);
    int before;
    cJSON_Delete(last_audit(f->audit, &before));
    action_report_t r;
    memset(&r, 0, sizeof r);
    r.outcome = AUDIT_CONFIRMED;
    unsigned long id = action_submit(f->ctx, &c, ACTION_PAUSE, NULL, record, &r, NULL);
    assert_true(id > 0);
    assert_int_equal(action_pending(f->ctx), 1);
    while (action_pending(f->ctx) > 0)
        assert_true(client_poll(f->client, -1, 1000, NULL) >= 0);
    assert_int_equal(r.outcome, AUDIT_FAILED);
    assert_true(r.sent);
    assert_int_equal(r.error.kind, API_ERR_NETWORK);
    assert_int_equal(r.state, CAMPAIGN_ACTIVE);
    int after;
    cJSON *o = last_audit(f->audit, &after);
    assert_int_equal(after, before + 1);
    assert_string_equal(jstr(o, "outcome", NULL), "failed");
    assert_string_equal(jstr(o, "error", "kind"), "network");
    cJSON_Delete(o);

    /* The blocking form reports the same way. */
    action_run(f->ctx, &c, ACTION_PAUSE, NULL, &r);
    assert_int_equal(r.outcome, AUDIT_FAILED);
    assert_int_equal(r.error.kind, API_ERR_NETWORK);
}

static void test_in_flight_forgotten(void **state)
{
    fixture_t *f = *state;
    action_ctx_t *ctx = action_ctx_new(f->client, false, f->audit);
    model_campaign_t c = campaign(PROVIDER_OMNIDIM, CAMPAIGN_ACTIVE);
    assert_true(action_submit(ctx, &c, ACTION_PAUSE, NULL, never_called, NULL, NULL) > 0);
    action_ctx_free(ctx); /* no callback, no leak (ASan checks) */
    assert_int_equal(client_pending(f->client), 0);
}

static void test_dialog_helpers(void **state)
{
    (void)state;
    model_campaign_t c = campaign(PROVIDER_OMNIDIM, CAMPAIGN_ACTIVE);
    assert_int_equal(action_cancel_drops(&c), -1);
    c.counts_known = true;
    c.counts[CONTACT_PENDING] = 40;
    c.counts[CONTACT_QUEUED] = 2;
    c.counts[CONTACT_RETRY_SCHEDULED] = 3;
    c.counts[CONTACT_COMPLETED] = 100;
    c.counts[CONTACT_IN_PROGRESS] = 5; /* finish on their own */
    assert_int_equal(action_cancel_drops(&c), 45);

    /* Truedy/Sarvam reschedule only while scheduled or paused. */
    c = campaign(PROVIDER_TRUEDY, CAMPAIGN_ACTIVE);
    assert_true(action_reschedule_needs_pause(&c));
    c = campaign(PROVIDER_SARVAM, CAMPAIGN_ACTIVE);
    assert_true(action_reschedule_needs_pause(&c));
    c = campaign(PROVIDER_TRUEDY, CAMPAIGN_PAUSED);
    assert_false(action_reschedule_needs_pause(&c));
    c = campaign(PROVIDER_OMNIDIM, CAMPAIGN_ACTIVE);
    assert_false(action_reschedule_needs_pause(&c));
    c = campaign(PROVIDER_SARVAM, CAMPAIGN_ENDED);
    assert_false(action_reschedule_needs_pause(&c));

    char when[32], zone[SCHEDULE_ZONE_MAX];
    c = campaign(PROVIDER_OMNIDIM, CAMPAIGN_SCHEDULED);
    c.timezone = "America/New_York";
    c.scheduled_epoch = 1798210800; /* 2026-12-25 15:00Z = 10:00 EST */
    action_reschedule_prefill(&c, when, sizeof when, zone, sizeof zone);
    assert_string_equal(when, "2026-12-25 10:00");
    assert_string_equal(zone, "America/New_York");
    setenv("TZ", "Asia/Kolkata", 1);
    c.timezone = NULL;
    action_reschedule_prefill(&c, when, sizeof when, zone, sizeof zone);
    assert_string_equal(zone, "Asia/Kolkata");
    assert_string_equal(when, "2026-12-25 20:30");
    c.scheduled_epoch = 0;
    action_reschedule_prefill(&c, when, sizeof when, zone, sizeof zone);
    assert_string_equal(when, "");
    /* OmniDim's wall-clock text wins over any instant, in its own zone. */
    c.timezone = "America/New_York";
    c.scheduled_at = "2031-06-15 09:30:00";
    c.scheduled_epoch = 1; /* whatever the driver made of it */
    action_reschedule_prefill(&c, when, sizeof when, zone, sizeof zone);
    assert_string_equal(when, "2031-06-15 09:30");
    assert_string_equal(zone, "America/New_York");
    /* An ISO instant goes through the epoch. */
    c.scheduled_at = "2026-12-25T15:00:00Z";
    c.scheduled_epoch = 1798210800;
    action_reschedule_prefill(&c, when, sizeof when, zone, sizeof zone);
    assert_string_equal(when, "2026-12-25 10:00");
    unsetenv("TZ");
}

/* Sarvam's reschedule is the working window: every refusal before any
 * request, the start never moved. */
static void test_sarvam_window_refusals(void **state)
{
    fixture_t *f = *state;
    model_campaign_t c = campaign(PROVIDER_SARVAM, CAMPAIGN_PAUSED);
    c.timezone = "Asia/Kolkata";
    action_params_t p = {.at = "2026-12-25 10:00", .now = NOW};
    expect_refused(f, &c, ACTION_RESCHEDULE, &p, "Sarvam cannot move a campaign's start");
    /* before the state is even known (the CLI refuses before reading) */
    model_campaign_t unknown = campaign(PROVIDER_SARVAM, CAMPAIGN_UNKNOWN);
    expect_refused(f, &unknown, ACTION_RESCHEDULE, &p, "Sarvam cannot move a campaign's start");
    p.hours = "09:00-18:00";
    expect_refused(f, &c, ACTION_RESCHEDULE, &p, "Sarvam cannot move a campaign's start");
    model_campaign_t omni = campaign(PROVIDER_OMNIDIM, CAMPAIGN_SCHEDULED);
    expect_refused(f, &omni, ACTION_RESCHEDULE, &p, "OmniDimension has no working window");

    p.at = NULL;
    p.hours = NULL;
    p.days = "mon-sat"; /* the details have no hours: a partial window would wipe them */
    expect_refused(f, &c, ACTION_RESCHEDULE, &p, "give them (--hours HH:MM-HH:MM)");
    p.hours = "25:00-26:00";
    expect_refused(f, &c, ACTION_RESCHEDULE, &p, "reschedule: ");
    p.hours = "09:00-18:00";
    p.days = "someday";
    expect_refused(f, &c, ACTION_RESCHEDULE, &p, "reschedule: ");
    p.days = "mon-sat";
    p.end = "2026-11-01 10:00";
    expect_refused(f, &c, ACTION_RESCHEDULE, &p, "reschedule: end: ");
    p.end = NULL;
    p.tz = "Mars/Base";
    expect_refused(f, &c, ACTION_RESCHEDULE, &p, "unknown timezone");
    p.tz = NULL;
    /* the same window again: nothing to change, nothing sent */
    snprintf(c.window_start, sizeof c.window_start, "09:00");
    snprintf(c.window_end, sizeof c.window_end, "18:00");
    c.window_days = 0x3fu;
    expect_refused(f, &c, ACTION_RESCHEDULE, &p, "already that");
    /* active: the table refuses; the offer is the model's */
    c.state = CAMPAIGN_ACTIVE;
    p.days = "mon-fri";
    expect_refused(f, &c, ACTION_RESCHEDULE, &p,
                   "reschedule: campaign is active, only a scheduled or paused campaign");
    assert_true(action_reschedule_needs_pause(&c));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_refusals),
        cmocka_unit_test(test_read_only),
        cmocka_unit_test(test_cancel_needs_confirmation),
        cmocka_unit_test(test_reschedule_refusals),
        cmocka_unit_test(test_retry_concurrency_and_if_needed),
        cmocka_unit_test(test_network_failure_reported),
        cmocka_unit_test(test_in_flight_forgotten),
        cmocka_unit_test(test_dialog_helpers),
        cmocka_unit_test_setup_teardown(test_sarvam_window_refusals, setup, teardown),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
