/* dialtop-sim's dialer on a hand-set clock and a fixed seed: concurrency,
 * completion (in each dialect's finished state), retries, pause holding
 * queued calls, Sarvam's end time, reproducibility, and the time helpers
 * it relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "dialer.h"
#include "simtime.h"
#include "store.h"

#define T0 1772445600LL /* 2026-03-02T10:00:00Z */

typedef struct {
    store_t store;
    dialer_config_t cfg;
} fixture_t;

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    store_init(&f->store, 42);
    dialer_config_defaults(&f->cfg);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    store_free(&f->store);
    free(f);
    return 0;
}

static store_campaign_t *make_for(fixture_t *f, provider_t p, int contacts, int concurrency,
                                  int retry_limit)
{
    store_campaign_t *c = store_campaign_new(&f->store, p, T0);
    store_set_str(&c->name, "dialer test");
    for (int i = 0; i < contacts; i++) {
        char phone[24];
        snprintf(phone, sizeof phone, "+1555000%04d", i);
        store_contact_add(c, phone);
    }
    c->concurrency = concurrency;
    c->retry_limit = retry_limit;
    c->retry_schedule = retry_limit ? RETRY_IMMEDIATELY : RETRY_NONE;
    c->state = CAMPAIGN_PENDING;
    c->start_at = T0;
    return c;
}

static store_campaign_t *make(fixture_t *f, int contacts, int concurrency, int retry_limit)
{
    return make_for(f, PROVIDER_OMNIDIM, contacts, concurrency, retry_limit);
}

static long finished(const store_campaign_t *c)
{
    return c->counts[CONTACT_COMPLETED] + c->counts[CONTACT_NO_ANSWER] + c->counts[CONTACT_BUSY] +
           c->counts[CONTACT_VOICEMAIL] + c->counts[CONTACT_FAILED];
}

static void test_concurrency_and_completion(void **state)
{
    fixture_t *f = *state;
    store_campaign_t *c = make(f, 60, 4, 0);
    for (int64_t t = T0; t <= T0 + 4 * 3600; t += 7) {
        dialer_advance_all(&f->store, t, &f->cfg, NULL);
        assert_true(c->counts[CONTACT_IN_PROGRESS] <= 4);
        long total = 0;
        for (int s = 0; s < CONTACT_STATE_COUNT; s++)
            total += c->counts[s];
        assert_int_equal(total, 60);
        if (t == T0) {
            assert_int_equal(c->state, CAMPAIGN_ACTIVE);
            assert_int_equal(c->counts[CONTACT_IN_PROGRESS], 4);
        }
    }
    assert_int_equal(c->state, CAMPAIGN_COMPLETED);
    assert_int_equal(finished(c), 60);
    assert_true(c->counts[CONTACT_COMPLETED] > 0);
    for (size_t i = 0; i < c->ncontacts; i++) {
        assert_int_equal(c->contacts[i].attempts, 1); /* no retries configured */
        assert_true(c->contacts[i].duration_s >= 1);
    }
}

static void test_lazy_catch_up_equals_ticking(void **state)
{
    fixture_t *f = *state;
    store_campaign_t *a = make(f, 80, 3, 2);
    store_campaign_t *b = make(f, 80, 3, 2);
    b->rng = a->rng; /* same draws */
    for (int64_t t = T0; t <= T0 + 3600; t += 13)
        dialer_advance(a, t, &f->cfg);
    dialer_advance(b, T0, &f->cfg);
    dialer_advance(b, T0 + 3600, &f->cfg);
    for (int s = 0; s < CONTACT_STATE_COUNT; s++)
        assert_int_equal(a->counts[s], b->counts[s]);
    for (size_t i = 0; i < a->ncontacts; i++) {
        assert_int_equal(a->contacts[i].state, b->contacts[i].state);
        assert_int_equal(a->contacts[i].attempts, b->contacts[i].attempts);
        assert_int_equal(a->contacts[i].last_attempt, b->contacts[i].last_attempt);
    }
}

static void test_retries_respect_limit(void **state)
{
    fixture_t *f = *state;
    f->cfg.w_completed = 0; /* every call goes unanswered */
    f->cfg.w_voicemail = 0;
    f->cfg.w_busy = 0;
    f->cfg.w_failed = 0;
    f->cfg.w_no_answer = 1;
    store_campaign_t *c = make(f, 10, 2, 3);
    dialer_advance(c, T0 + 86400, &f->cfg);
    assert_int_equal(c->state, CAMPAIGN_COMPLETED);
    for (size_t i = 0; i < c->ncontacts; i++) {
        assert_int_equal(c->contacts[i].attempts, 4); /* first call + 3 retries */
        assert_int_equal(c->contacts[i].state, CONTACT_NO_ANSWER);
        assert_string_equal(c->contacts[i].failure_reason, "No answer");
    }
}

static void test_next_day_retry_waits(void **state)
{
    fixture_t *f = *state;
    f->cfg.w_completed = f->cfg.w_voicemail = f->cfg.w_no_answer = f->cfg.w_failed = 0;
    f->cfg.w_busy = 1;
    store_campaign_t *c = make(f, 1, 1, 1);
    c->retry_schedule = RETRY_NEXT_DAY;
    dialer_advance(c, T0 + 3600, &f->cfg);
    assert_int_equal(c->contacts[0].state, CONTACT_RETRY_SCHEDULED);
    assert_int_equal(c->state, CAMPAIGN_ACTIVE);
    int64_t due = c->contacts[0].next_try;
    assert_true(due >= T0 + 86400);
    dialer_advance(c, due - 1, &f->cfg);
    assert_int_equal(c->contacts[0].attempts, 1);
    dialer_advance(c, due + 60, &f->cfg);
    assert_int_equal(c->contacts[0].attempts, 2);
    assert_int_equal(c->contacts[0].state, CONTACT_BUSY);
    assert_int_equal(c->state, CAMPAIGN_COMPLETED);
}

static void test_pause_holds_queue_calls_in_flight_finish(void **state)
{
    fixture_t *f = *state;
    store_campaign_t *c = make(f, 30, 5, 0);
    dialer_advance(c, T0, &f->cfg);
    assert_int_equal(c->counts[CONTACT_IN_PROGRESS], 5);
    assert_true(actions_pause(c, T0 + 1));
    assert_false(actions_pause(c, T0 + 1)); /* pausing a paused campaign is refused */
    dialer_advance(c, T0 + 7200, &f->cfg);
    assert_int_equal(c->counts[CONTACT_IN_PROGRESS], 0);
    assert_int_equal(finished(c), 5);
    assert_int_equal(c->counts[CONTACT_PENDING], 25);
    assert_int_equal(c->state, CAMPAIGN_PAUSED);
    assert_true(actions_resume(c, T0 + 7200));
    assert_int_equal(c->state, CAMPAIGN_ACTIVE);
    dialer_advance(c, T0 + 7200, &f->cfg);
    assert_int_equal(c->counts[CONTACT_IN_PROGRESS], 5);
}

static void test_reschedule_and_cancel(void **state)
{
    fixture_t *f = *state;
    store_campaign_t *c = make(f, 60, 2, 0);
    dialer_advance(c, T0 + 600, &f->cfg);
    long done = finished(c);
    assert_true(done > 0);
    assert_true(actions_reschedule(c, T0 + 600, T0 + 86400, true));
    assert_int_equal(c->state, CAMPAIGN_SCHEDULED);
    dialer_advance(c, T0 + 86399, &f->cfg);
    assert_int_equal(c->counts[CONTACT_IN_PROGRESS], 0); /* in-flight calls ended, none new */
    long held = c->counts[CONTACT_PENDING];
    assert_true(held > 0);
    assert_int_equal(c->state, CAMPAIGN_SCHEDULED);
    dialer_advance(c, T0 + 86400, &f->cfg);
    assert_int_equal(c->state, CAMPAIGN_ACTIVE);
    assert_int_equal(c->counts[CONTACT_IN_PROGRESS], 2);
    assert_true(actions_cancel(c, T0 + 86401));
    assert_int_equal(c->counts[CONTACT_PENDING], 0);
    assert_int_equal(c->counts[CONTACT_CANCELLED], held - 2);
    dialer_advance(c, T0 + 2 * 86400, &f->cfg);
    assert_int_equal(c->state, CAMPAIGN_CANCELLED);
    assert_int_equal(c->counts[CONTACT_IN_PROGRESS], 0);
    assert_false(actions_resume(c, T0 + 2 * 86400));
    assert_false(actions_cancel(c, T0 + 2 * 86400));
}

static void test_calling_window_in_timezone(void **state)
{
    fixture_t *f = *state;
    store_campaign_t *c = make(f, 8000, 2, 0);
    /* 09:00-17:00 New York, Monday to Friday; T0 is Monday 05:00 there */
    snprintf(c->timezone, sizeof c->timezone, "America/New_York");
    memcpy(c->window_start, "09:00", 6);
    memcpy(c->window_end, "17:00", 6);
    c->window_days = 0x3e; /* bits 1..5 */
    dialer_advance(c, T0, &f->cfg);
    assert_int_equal(c->state, CAMPAIGN_ACTIVE);
    assert_int_equal(c->counts[CONTACT_IN_PROGRESS], 0);
    dialer_advance(c, T0 + 4 * 3600 - 1, &f->cfg);
    assert_int_equal(c->counts[CONTACT_IN_PROGRESS], 0);
    dialer_advance(c, T0 + 4 * 3600, &f->cfg); /* 09:00 EST */
    assert_int_equal(c->counts[CONTACT_IN_PROGRESS], 2);
    assert_int_equal(c->contacts[0].last_attempt, T0 + 4 * 3600);
    /* the window closes at 17:00: calls in flight end, nothing new starts */
    dialer_advance(c, T0 + 12 * 3600 + 600, &f->cfg);
    assert_int_equal(c->counts[CONTACT_IN_PROGRESS], 0);
    for (size_t i = 0; i < c->ncontacts; i++) {
        int wday, sec;
        if (!c->contacts[i].last_attempt)
            continue;
        assert_true(simtime_local_parts(c->contacts[i].last_attempt, "America/New_York", &wday, &sec));
        assert_true(wday >= 1 && wday <= 5);
        assert_true(sec >= 9 * 3600 && sec < 17 * 3600);
    }
    /* Saturday and Sunday are skipped: from Friday evening to Monday 09:00 */
    int64_t fri_evening = T0 + 4 * 86400 + 12 * 3600; /* Friday 17:00 EST */
    dialer_advance(c, fri_evening + 600, &f->cfg);
    long made = 0;
    for (size_t i = 0; i < c->ncontacts; i++)
        made += c->contacts[i].attempts;
    /* DST began on Sunday 2026-03-08: Monday 09:00 is now 13:00 UTC */
    dialer_advance(c, T0 + 7 * 86400 + 3 * 3600 - 1, &f->cfg); /* Monday 08:59:59 EDT */
    long made2 = 0;
    for (size_t i = 0; i < c->ncontacts; i++)
        made2 += c->contacts[i].attempts;
    assert_int_equal(made, made2);
    assert_true(c->counts[CONTACT_PENDING] > 0); /* a week is not enough for 8,000 */
    dialer_advance(c, T0 + 7 * 86400 + 3 * 3600, &f->cfg);
    assert_int_equal(c->counts[CONTACT_IN_PROGRESS], 2);
}

static long attempts_total(const store_campaign_t *c)
{
    long n = 0;
    for (size_t i = 0; i < c->ncontacts; i++)
        n += c->contacts[i].attempts;
    return n;
}

static void test_max_calls_per_day(void **state)
{
    fixture_t *f = *state;
    store_campaign_t *c = make(f, 50, 3, 0);
    snprintf(c->timezone, sizeof c->timezone, "Asia/Kolkata");
    c->max_calls_per_day = 10;
    /* T0 is 15:30 in Kolkata; the local day ends at 18:30 UTC */
    dialer_advance(c, T0 + 8 * 3600 + 30 * 60 - 1, &f->cfg);
    assert_int_equal(attempts_total(c), 10);
    assert_int_equal(c->state, CAMPAIGN_ACTIVE);
    dialer_advance(c, T0 + 8 * 3600 + 30 * 60, &f->cfg); /* local midnight */
    assert_int_equal(c->counts[CONTACT_IN_PROGRESS], 3);
    dialer_advance(c, T0 + 8 * 3600 + 30 * 60 + 86399, &f->cfg);
    assert_int_equal(attempts_total(c), 20);
}

static void test_same_seed_same_run(void **state)
{
    (void)state;
    long counts[2][CONTACT_STATE_COUNT];
    for (int run = 0; run < 2; run++) {
        store_t s;
        dialer_config_t cfg;
        store_init(&s, 7);
        dialer_config_defaults(&cfg);
        store_campaign_t *c = store_campaign_new(&s, PROVIDER_TRUEDY, T0);
        for (int i = 0; i < 40; i++)
            store_contact_add(c, "+15550001111");
        c->concurrency = 3;
        c->state = CAMPAIGN_ACTIVE;
        c->start_at = T0;
        dialer_advance_all(&s, T0 + 1800, &cfg, NULL);
        memcpy(counts[run], c->counts, sizeof counts[run]);
        store_free(&s);
    }
    assert_memory_equal(counts[0], counts[1], sizeof counts[0]);
}

/* What a campaign becomes when its last call ends is its dialect's:
 * completed, but Sarvam's campaigns end. */
static void test_finished_state_is_the_dialects(void **state)
{
    fixture_t *f = *state;
    static const struct {
        provider_t p;
        campaign_state_t finished;
    } cases[] = {
        {PROVIDER_OMNIDIM, CAMPAIGN_COMPLETED},
        {PROVIDER_TRUEDY, CAMPAIGN_COMPLETED},
        {PROVIDER_SARVAM, CAMPAIGN_ENDED},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        store_campaign_t *c = make_for(f, cases[i].p, 10, 4, 0);
        dialer_advance_all(&f->store, T0 + 4 * 3600, &f->cfg, NULL);
        assert_int_equal(finished(c), 10);
        assert_int_equal(c->state, cases[i].finished);
    }
}

/* Sarvam ends a campaign at its end_timestamp by itself, skipping whom it
 * did not call; the others ignore an end time (they have none). */
static void test_sarvam_ends_at_end_time(void **state)
{
    fixture_t *f = *state;
    store_campaign_t *sarvam = make_for(f, PROVIDER_SARVAM, 200, 1, 0);
    store_campaign_t *omnidim = make_for(f, PROVIDER_OMNIDIM, 200, 1, 0);
    sarvam->end_at = omnidim->end_at = T0 + 600;
    int64_t next = dialer_advance_all(&f->store, T0, &f->cfg, NULL);
    assert_true(next <= T0 + 600);
    dialer_advance_all(&f->store, T0 + 1200, &f->cfg, NULL);
    assert_int_equal(sarvam->state, CAMPAIGN_ENDED);
    assert_int_equal(sarvam->updated_at, T0 + 600);
    assert_int_equal(sarvam->counts[CONTACT_PENDING], 0);
    assert_true(sarvam->counts[CONTACT_SKIPPED] > 0);
    assert_int_equal(omnidim->state, CAMPAIGN_ACTIVE);
    assert_int_equal(omnidim->counts[CONTACT_SKIPPED], 0);
    assert_true(omnidim->counts[CONTACT_PENDING] > 0);
}

static void test_rates_parse(void **state)
{
    (void)state;
    dialer_config_t cfg;
    dialer_config_defaults(&cfg);
    assert_true(dialer_parse_rates(&cfg, "completed=1,no_answer=0,busy=0,voicemail=0,failed=0"));
    assert_true(cfg.w_completed == 1 && cfg.w_busy == 0);
    assert_false(dialer_parse_rates(&cfg, "completed=-1"));
    assert_false(dialer_parse_rates(&cfg, "smiles=1"));
    assert_false(dialer_parse_rates(&cfg, "completed=0,no_answer=0,busy=0,voicemail=0,failed=0"));
    assert_true(cfg.w_completed == 1); /* a refused spec changes nothing */
}

static void test_simtime(void **state)
{
    (void)state;
    int64_t t;
    assert_true(simtime_tz_valid("UTC"));
    assert_true(simtime_tz_valid("America/New_York"));
    assert_false(simtime_tz_valid("America"));          /* a directory */
    assert_false(simtime_tz_valid("../zoneinfo/UTC"));
    assert_false(simtime_tz_valid("/etc/passwd"));
    assert_false(simtime_tz_valid("Mars/Olympus_Mons"));
    assert_false(simtime_tz_valid(""));
    /* New York: EST before 2026-03-08, EDT after */
    assert_true(simtime_local_parse("2026-03-05 09:00:00", "America/New_York", &t));
    assert_int_equal(t, 1772719200LL);
    assert_true(simtime_local_parse("2026-03-10 09:00:00", "America/New_York", &t));
    assert_int_equal(t, 1773147600LL);
    assert_true(simtime_local_parse("2026-03-02 15:30:00", "Asia/Kolkata", &t));
    assert_int_equal(t, T0);
    char out[24];
    assert_true(simtime_local_format(1773147600LL, "America/New_York", out));
    assert_string_equal(out, "2026-03-10 09:00:00");
    assert_false(simtime_local_parse("2026-02-29 10:00:00", "UTC", &t)); /* not a leap year */
    assert_false(simtime_local_parse("2026-03-05 24:00:00", "UTC", &t));
    assert_false(simtime_local_parse("2026-03-05 10:00", "UTC", &t));
    assert_false(simtime_local_parse("2026-03-05 10:00:00 ", "UTC", &t));
    assert_true(simtime_iso_parse("2026-03-02T15:30:00+05:30", NULL, &t));
    assert_int_equal(t, T0);
    assert_true(simtime_iso_parse("2026-03-02T10:00:00.250Z", NULL, &t));
    assert_int_equal(t, T0);
    assert_false(simtime_iso_parse("2026-03-02 10:00:00Z", NULL, &t));
    assert_false(simtime_iso_parse("2026-03-02T10:00:00+5", NULL, &t));
    simtime_iso_format(T0, out);
    assert_string_equal(out, "2026-03-02T10:00:00Z");
    simtime_omni_format(T0, out);
    assert_string_equal(out, "03/02/2026 10:00:00");
    assert_true(simtime_hhmm_valid("23:59"));
    assert_false(simtime_hhmm_valid("24:00"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_concurrency_and_completion, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lazy_catch_up_equals_ticking, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retries_respect_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_next_day_retry_waits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pause_holds_queue_calls_in_flight_finish, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reschedule_and_cancel, setup, teardown),
        cmocka_unit_test_setup_teardown(test_calling_window_in_timezone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_max_calls_per_day, setup, teardown),
        cmocka_unit_test_setup_teardown(test_finished_state_is_the_dialects, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarvam_ends_at_end_time, setup, teardown),
        cmocka_unit_test(test_same_seed_same_run),
        cmocka_unit_test(test_rates_parse),
        cmocka_unit_test(test_simtime),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
