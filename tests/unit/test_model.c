/* Unit tests for api/model: every raw-status mapping in API.md and every
 * cell of the action table (3 providers x 5 actions x 10 states). The
 * expected table below is written out from the seeds independently of
 * model.c, so a change to either shows up here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "model.h"

typedef struct {
    provider_t p;
    const char *raw;
    campaign_state_t want;
} campaign_case_t;

static const campaign_case_t campaign_cases[] = {
    /* OmniDim: doc list plus pending (create) and active (inferred) */
    {PROVIDER_OMNIDIM, "draft", CAMPAIGN_DRAFT},
    {PROVIDER_OMNIDIM, "pending", CAMPAIGN_PENDING},
    {PROVIDER_OMNIDIM, "scheduled", CAMPAIGN_SCHEDULED},
    {PROVIDER_OMNIDIM, "in_progress", CAMPAIGN_ACTIVE},
    {PROVIDER_OMNIDIM, "In Progress", CAMPAIGN_ACTIVE},
    {PROVIDER_OMNIDIM, "active", CAMPAIGN_ACTIVE},
    {PROVIDER_OMNIDIM, "running", CAMPAIGN_ACTIVE},
    {PROVIDER_OMNIDIM, "paused", CAMPAIGN_PAUSED},
    {PROVIDER_OMNIDIM, "PAUSED", CAMPAIGN_PAUSED},
    {PROVIDER_OMNIDIM, "completed", CAMPAIGN_COMPLETED},
    {PROVIDER_OMNIDIM, "failed", CAMPAIGN_FAILED},
    {PROVIDER_OMNIDIM, "cancelled", CAMPAIGN_CANCELLED},
    {PROVIDER_OMNIDIM, "ended", CAMPAIGN_UNKNOWN}, /* not an OmniDim word */
    /* Truedy: running means active */
    {PROVIDER_TRUEDY, "draft", CAMPAIGN_DRAFT},
    {PROVIDER_TRUEDY, "scheduled", CAMPAIGN_SCHEDULED},
    {PROVIDER_TRUEDY, "active", CAMPAIGN_ACTIVE},
    {PROVIDER_TRUEDY, "running", CAMPAIGN_ACTIVE},
    {PROVIDER_TRUEDY, "Running", CAMPAIGN_ACTIVE},
    {PROVIDER_TRUEDY, "in_progress", CAMPAIGN_ACTIVE},
    {PROVIDER_TRUEDY, "paused", CAMPAIGN_PAUSED},
    {PROVIDER_TRUEDY, "completed", CAMPAIGN_COMPLETED},
    {PROVIDER_TRUEDY, "failed", CAMPAIGN_FAILED},
    {PROVIDER_TRUEDY, "cancelled", CAMPAIGN_CANCELLED},
    {PROVIDER_TRUEDY, "pending", CAMPAIGN_UNKNOWN},
    /* Sarvam: no draft */
    {PROVIDER_SARVAM, "scheduled", CAMPAIGN_SCHEDULED},
    {PROVIDER_SARVAM, "active", CAMPAIGN_ACTIVE},
    {PROVIDER_SARVAM, "paused", CAMPAIGN_PAUSED},
    {PROVIDER_SARVAM, "ended", CAMPAIGN_ENDED},
    {PROVIDER_SARVAM, "cancelled", CAMPAIGN_CANCELLED},
    {PROVIDER_SARVAM, "draft", CAMPAIGN_UNKNOWN},
    /* never a guess */
    {PROVIDER_OMNIDIM, "", CAMPAIGN_UNKNOWN},
    {PROVIDER_TRUEDY, "archived", CAMPAIGN_UNKNOWN},
    {PROVIDER_SARVAM, "paused-ish", CAMPAIGN_UNKNOWN},
    {PROVIDER_SARVAM, NULL, CAMPAIGN_UNKNOWN},
};

static void test_campaign_raw_mapping(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof campaign_cases / sizeof *campaign_cases; i++) {
        const campaign_case_t *c = &campaign_cases[i];
        campaign_state_t got = model_campaign_state_from_raw(c->p, c->raw);
        if (got != c->want)
            fail_msg("%s \"%s\": got %s, want %s", model_provider_name(c->p),
                     c->raw ? c->raw : "(null)", model_campaign_state_name(got),
                     model_campaign_state_name(c->want));
    }
}

typedef struct {
    provider_t p;
    const char *raw;
    contact_state_t want;
} contact_case_t;

static const contact_case_t contact_cases[] = {
    /* OmniDim, mixed case as published */
    {PROVIDER_OMNIDIM, "Pending", CONTACT_PENDING},
    {PROVIDER_OMNIDIM, "In Progress", CONTACT_IN_PROGRESS},
    {PROVIDER_OMNIDIM, "completed", CONTACT_COMPLETED},
    {PROVIDER_OMNIDIM, "voicemail_detected", CONTACT_VOICEMAIL},
    {PROVIDER_OMNIDIM, "no-answer", CONTACT_NO_ANSWER},
    {PROVIDER_OMNIDIM, "busy", CONTACT_BUSY},
    {PROVIDER_OMNIDIM, "Failed", CONTACT_FAILED},
    {PROVIDER_OMNIDIM, "Skipped", CONTACT_SKIPPED},
    {PROVIDER_OMNIDIM, "retry_scheduled", CONTACT_RETRY_SCHEDULED},
    {PROVIDER_OMNIDIM, "cancelled", CONTACT_CANCELLED},
    {PROVIDER_OMNIDIM, "queued", CONTACT_QUEUED},
    /* Truedy */
    {PROVIDER_TRUEDY, "pending", CONTACT_PENDING},
    {PROVIDER_TRUEDY, "scheduled", CONTACT_QUEUED},
    {PROVIDER_TRUEDY, "calling", CONTACT_IN_PROGRESS},
    {PROVIDER_TRUEDY, "completed", CONTACT_COMPLETED},
    {PROVIDER_TRUEDY, "failed", CONTACT_FAILED},
    {PROVIDER_TRUEDY, "no_answer", CONTACT_NO_ANSWER},
    {PROVIDER_TRUEDY, "voicemail", CONTACT_VOICEMAIL},
    /* Sarvam rows as dialtop-sim serves them use the unified names */
    {PROVIDER_SARVAM, "pending", CONTACT_PENDING},
    {PROVIDER_SARVAM, "in_progress", CONTACT_IN_PROGRESS},
    {PROVIDER_SARVAM, "scheduled", CONTACT_UNKNOWN},
    /* unknown stays unknown */
    {PROVIDER_OMNIDIM, "exploded", CONTACT_UNKNOWN},
    {PROVIDER_TRUEDY, "", CONTACT_UNKNOWN},
    {PROVIDER_SARVAM, NULL, CONTACT_UNKNOWN},
};

static void test_contact_raw_mapping(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof contact_cases / sizeof *contact_cases; i++) {
        const contact_case_t *c = &contact_cases[i];
        contact_state_t got = model_contact_state_from_raw(c->p, c->raw);
        if (got != c->want)
            fail_msg("%s \"%s\": got %s, want %s", model_provider_name(c->p),
                     c->raw ? c->raw : "(null)", model_contact_state_name(got),
                     model_contact_state_name(c->want));
    }
}

static void test_sarvam_attempt_mapping(void **state)
{
    (void)state;
    assert_int_equal(model_sarvam_attempt_state("completed", "connected", NULL), CONTACT_COMPLETED);
    assert_int_equal(model_sarvam_attempt_state("partial", "connected", NULL), CONTACT_COMPLETED);
    assert_int_equal(model_sarvam_attempt_state("failed", "connected", NULL), CONTACT_FAILED);
    assert_int_equal(model_sarvam_attempt_state("failed", "busy", NULL), CONTACT_BUSY);
    assert_int_equal(model_sarvam_attempt_state("failed", "no_answer", NULL), CONTACT_NO_ANSWER);
    assert_int_equal(model_sarvam_attempt_state("failed", "failed", NULL), CONTACT_FAILED);
    assert_int_equal(model_sarvam_attempt_state("failed", "busy", "retry"), CONTACT_RETRY_SCHEDULED);
    assert_int_equal(model_sarvam_attempt_state(NULL, "no_answer", "reschedule"),
                     CONTACT_RETRY_SCHEDULED);
    assert_int_equal(model_sarvam_attempt_state(NULL, "connected", NULL), CONTACT_IN_PROGRESS);
    assert_int_equal(model_sarvam_attempt_state(NULL, NULL, NULL), CONTACT_UNKNOWN);
    assert_int_equal(model_sarvam_attempt_state("weird", "odd", NULL), CONTACT_UNKNOWN);
}

/* Every cell of the Sarvam attempt table, written out here from the
 * webhook reference independently of model.c: rows connectivity_status,
 * columns completion_status; then every next_action_status over every
 * cell. NULL is the JSON null. */
static void test_sarvam_attempt_table_cells(void **state)
{
    (void)state;
    const char *conn[] = {"connected", "busy", "no_answer", "failed", NULL, "odd"};
    const char *comp[] = {"completed", "partial", "failed", NULL, "weird"};
    /* C completed, B busy, N no_answer, F failed, I in_progress, ? unknown */
    const char *want[] = {
        "CCFII", /* connected */
        "BBBBB", /* busy */
        "NNNNN", /* no_answer */
        "FFFFF", /* failed */
        "CCF??", /* null */
        "CCF??", /* unrecognised */
    };
    const char *next[] = {"retry", "reschedule", "business_retry", "short_duration_retry",
                          "provider_error_retry", "internal_error_retry", "Retry",
                          "something_new"};
    for (size_t r = 0; r < 6; r++) {
        for (size_t c = 0; c < 5; c++) {
            contact_state_t w;
            switch (want[r][c]) {
            case 'C': w = CONTACT_COMPLETED; break;
            case 'B': w = CONTACT_BUSY; break;
            case 'N': w = CONTACT_NO_ANSWER; break;
            case 'F': w = CONTACT_FAILED; break;
            case 'I': w = CONTACT_IN_PROGRESS; break;
            default: w = CONTACT_UNKNOWN; break;
            }
            contact_state_t got = model_sarvam_attempt_state(comp[c], conn[r], NULL);
            if (got != w)
                fail_msg("connectivity %s, completion %s: got %s, want %s",
                         conn[r] ? conn[r] : "null", comp[c] ? comp[c] : "null",
                         model_contact_state_name(got), model_contact_state_name(w));
            /* "" is what a null reads as through a text getter */
            assert_int_equal(model_sarvam_attempt_state(comp[c], conn[r], ""), w);
            for (size_t n = 0; n < sizeof next / sizeof next[0]; n++)
                if (model_sarvam_attempt_state(comp[c], conn[r], next[n]) !=
                    CONTACT_RETRY_SCHEDULED)
                    fail_msg("next_action %s over (%s, %s) is not retry_scheduled", next[n],
                             conn[r] ? conn[r] : "null", comp[c] ? comp[c] : "null");
        }
    }
}

/* Expected table. Letters per state, in enum order
 * (unknown draft pending scheduled active paused completed failed cancelled ended):
 * '.' refused, 'P' -> paused, 'S' -> scheduled, 'C' -> cancelled,
 * 'B' -> by start time, '=' -> unchanged. */
typedef struct {
    provider_t p;
    action_t a;
    const char cells[CAMPAIGN_STATE_COUNT + 1];
} row_t;

static const row_t table[] = {
    {PROVIDER_OMNIDIM, ACTION_PAUSE,      "..PPP....."},
    {PROVIDER_OMNIDIM, ACTION_RESUME,     ".....B...."},
    {PROVIDER_OMNIDIM, ACTION_RESCHEDULE, "..SSSS...."},
    {PROVIDER_OMNIDIM, ACTION_CANCEL,     ".CCCCC...."},
    {PROVIDER_TRUEDY,  ACTION_PAUSE,      "...PP....."},
    {PROVIDER_TRUEDY,  ACTION_RESUME,     ".....B...."},
    {PROVIDER_TRUEDY,  ACTION_RESCHEDULE, "...=.=...."},
    {PROVIDER_TRUEDY,  ACTION_CANCEL,     ".........."},
    {PROVIDER_SARVAM,  ACTION_PAUSE,      "...PP....."},
    {PROVIDER_SARVAM,  ACTION_RESUME,     ".....S...."},
    {PROVIDER_SARVAM,  ACTION_RESCHEDULE, "...=.=...."},
    {PROVIDER_SARVAM,  ACTION_CANCEL,     "...CCC...."},
};

static char cell_of(provider_t p, campaign_state_t s, action_t a)
{
    model_next_t next;
    char reason[256] = "";
    bool allowed = model_action_allowed(p, s, a, reason, sizeof reason);
    bool has_next = model_action_next(p, s, a, &next);
    assert_true(allowed == has_next);
    if (!allowed) {
        /* every refusal names its action and says why */
        assert_true(strlen(reason) > strlen(model_action_info(a)->name) + 2);
        assert_memory_equal(reason, model_action_info(a)->name, strlen(model_action_info(a)->name));
        return '.';
    }
    switch (next.kind) {
    case NEXT_BY_START_TIME:
        return 'B';
    case NEXT_UNCHANGED:
        return '=';
    case NEXT_STATE:
        return next.state == CAMPAIGN_PAUSED      ? 'P'
               : next.state == CAMPAIGN_SCHEDULED ? 'S'
               : next.state == CAMPAIGN_CANCELLED ? 'C'
                                                  : '?';
    }
    return '?';
}

static void test_every_cell_of_action_table(void **state)
{
    (void)state;
    size_t checked = 0;
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        for (int s = 0; s < CAMPAIGN_STATE_COUNT; s++) {
            char got = cell_of(table[i].p, (campaign_state_t)s, table[i].a);
            if (got != table[i].cells[s])
                fail_msg("%s %s from %s: got '%c', want '%c'", model_provider_name(table[i].p),
                         model_action_info(table[i].a)->name,
                         model_campaign_state_name((campaign_state_t)s), got, table[i].cells[s]);
            checked++;
        }
    }
    assert_int_equal(checked, 3 * 4 * CAMPAIGN_STATE_COUNT);
}

static void test_terminal_states_refuse_everything(void **state)
{
    (void)state;
    const campaign_state_t terminal[] = {CAMPAIGN_COMPLETED, CAMPAIGN_FAILED, CAMPAIGN_CANCELLED,
                                         CAMPAIGN_ENDED};
    for (int p = 0; p < PROVIDER_COUNT; p++)
        for (size_t t = 0; t < 4; t++)
            for (int a = 0; a < ACTION_COUNT; a++) {
                if (a == ACTION_CREATE)
                    continue;
                /* OmniDim's manual_retry re-opens a completed campaign
                 * (issue 15): the one way out of a final state */
                if (a == ACTION_RETRY && p == PROVIDER_OMNIDIM && terminal[t] == CAMPAIGN_COMPLETED) {
                    assert_true(model_action_allowed((provider_t)p, terminal[t], (action_t)a,
                                                     NULL, 0));
                    continue;
                }
                char reason[256];
                assert_true(model_campaign_state_is_terminal(terminal[t]));
                assert_false(model_action_allowed((provider_t)p, terminal[t], (action_t)a, reason,
                                                  sizeof reason));
            }
}

static void test_create_allowed_everywhere_regardless_of_state(void **state)
{
    (void)state;
    model_next_t next;
    for (int p = 0; p < PROVIDER_COUNT; p++)
        for (int s = 0; s < CAMPAIGN_STATE_COUNT; s++)
            assert_true(model_action_allowed((provider_t)p, (campaign_state_t)s, ACTION_CREATE,
                                             NULL, 0));
    assert_true(model_action_next(PROVIDER_OMNIDIM, CAMPAIGN_UNKNOWN, ACTION_CREATE, &next));
    assert_int_equal(next.kind, NEXT_STATE);
    assert_int_equal(next.state, CAMPAIGN_PENDING);
    assert_true(model_action_next(PROVIDER_SARVAM, CAMPAIGN_UNKNOWN, ACTION_CREATE, &next));
    assert_int_equal(next.state, CAMPAIGN_SCHEDULED);
    assert_true(model_action_next(PROVIDER_TRUEDY, CAMPAIGN_UNKNOWN, ACTION_CREATE, &next));
    assert_int_equal(next.kind, NEXT_BY_START_TIME);
}

static void test_refusal_reasons_read_as_sentences(void **state)
{
    (void)state;
    char reason[256];
    assert_false(model_action_allowed(PROVIDER_OMNIDIM, CAMPAIGN_ACTIVE, ACTION_RESUME, reason,
                                      sizeof reason));
    assert_string_equal(reason, "resume: campaign is active, only a paused campaign can be resumed");
    assert_false(model_action_allowed(PROVIDER_TRUEDY, CAMPAIGN_ACTIVE, ACTION_CANCEL, reason,
                                      sizeof reason));
    assert_string_equal(reason, "cancel: Truedy offers no cancel; pause it instead");
    assert_false(model_action_allowed(PROVIDER_SARVAM, CAMPAIGN_ACTIVE, ACTION_RESCHEDULE, reason,
                                      sizeof reason));
    assert_string_equal(reason, "reschedule: campaign is active, only a scheduled or paused "
                                "campaign can be rescheduled");
    assert_false(model_action_allowed(PROVIDER_SARVAM, CAMPAIGN_ENDED, ACTION_PAUSE, reason,
                                      sizeof reason));
    assert_string_equal(reason, "pause: campaign is ended, which is final");
    assert_false(model_action_allowed(PROVIDER_TRUEDY, CAMPAIGN_UNKNOWN, ACTION_PAUSE, reason,
                                      sizeof reason));
    assert_non_null(strstr(reason, "unknown"));
    assert_false(model_action_allowed(PROVIDER_OMNIDIM, CAMPAIGN_DRAFT, ACTION_PAUSE, reason,
                                      sizeof reason));
    assert_string_equal(reason, "pause: campaign is draft, only a pending, scheduled or active "
                                "campaign can be paused");
    /* a tiny buffer truncates, never overflows */
    char tiny[8];
    assert_false(model_action_allowed(PROVIDER_SARVAM, CAMPAIGN_ENDED, ACTION_PAUSE, tiny,
                                      sizeof tiny));
    assert_int_equal(strlen(tiny), 7);
    /* out-of-range inputs are refused, not read out of bounds */
    assert_false(model_action_allowed((provider_t)7, CAMPAIGN_ACTIVE, ACTION_PAUSE, reason,
                                      sizeof reason));
    assert_false(model_action_allowed(PROVIDER_SARVAM, (campaign_state_t)99, ACTION_PAUSE, reason,
                                      sizeof reason));
    assert_false(model_action_supported(PROVIDER_TRUEDY, ACTION_CANCEL));
    assert_true(model_action_supported(PROVIDER_SARVAM, ACTION_CANCEL));
}

/* Retry and concurrency: OmniDim only, and the refusal sentences come
 * from the table like every other action's. */
static void test_retry_and_concurrency_rules(void **state)
{
    (void)state;
    char reason[256];
    assert_true(model_action_allowed(PROVIDER_OMNIDIM, CAMPAIGN_COMPLETED, ACTION_RETRY, NULL, 0));
    assert_true(model_action_allowed(PROVIDER_OMNIDIM, CAMPAIGN_ACTIVE, ACTION_RETRY, NULL, 0));
    assert_false(model_action_allowed(PROVIDER_OMNIDIM, CAMPAIGN_SCHEDULED, ACTION_RETRY, reason,
                                      sizeof reason));
    assert_string_equal(reason, "retry: campaign is scheduled, only an active, paused or "
                                "completed campaign can be retried");
    assert_false(model_action_allowed(PROVIDER_OMNIDIM, CAMPAIGN_CANCELLED, ACTION_RETRY, reason,
                                      sizeof reason));
    assert_string_equal(reason, "retry: campaign is cancelled, which is final");
    assert_true(model_action_allowed(PROVIDER_OMNIDIM, CAMPAIGN_ACTIVE, ACTION_CONCURRENCY, NULL,
                                     0));
    assert_false(model_action_allowed(PROVIDER_OMNIDIM, CAMPAIGN_COMPLETED, ACTION_CONCURRENCY,
                                      NULL, 0));
    for (int p = PROVIDER_TRUEDY; p <= PROVIDER_SARVAM; p++) {
        assert_false(model_action_supported((provider_t)p, ACTION_RETRY));
        assert_false(model_action_supported((provider_t)p, ACTION_CONCURRENCY));
    }
    assert_false(model_action_allowed(PROVIDER_TRUEDY, CAMPAIGN_ACTIVE, ACTION_CONCURRENCY, reason,
                                      sizeof reason));
    assert_string_equal(reason, "concurrency: Truedy cannot change a batch's concurrency");
    assert_true(model_action_info(ACTION_RETRY)->provider_specific);
    assert_false(model_action_info(ACTION_PAUSE)->provider_specific);
    assert_int_equal(model_action_info(ACTION_RETRY)->default_key, 'T');
    assert_int_equal(model_action_info(ACTION_CONCURRENCY)->default_key, 'c');
}

static void test_next_resolve_by_start_time(void **state)
{
    (void)state;
    model_next_t by_start = {NEXT_BY_START_TIME, CAMPAIGN_UNKNOWN};
    model_next_t same = {NEXT_UNCHANGED, CAMPAIGN_UNKNOWN};
    model_next_t fixed = {NEXT_STATE, CAMPAIGN_PAUSED};
    assert_int_equal(model_next_resolve(by_start, CAMPAIGN_PAUSED, 2000, 1000), CAMPAIGN_SCHEDULED);
    assert_int_equal(model_next_resolve(by_start, CAMPAIGN_PAUSED, 500, 1000), CAMPAIGN_ACTIVE);
    assert_int_equal(model_next_resolve(by_start, CAMPAIGN_PAUSED, 0, 1000), CAMPAIGN_ACTIVE);
    assert_int_equal(model_next_resolve(same, CAMPAIGN_PAUSED, 0, 1000), CAMPAIGN_PAUSED);
    assert_int_equal(model_next_resolve(fixed, CAMPAIGN_ACTIVE, 0, 1000), CAMPAIGN_PAUSED);
}

static void test_names_round_trip(void **state)
{
    (void)state;
    provider_t p;
    action_t a;
    for (int i = 0; i < PROVIDER_COUNT; i++) {
        assert_true(model_provider_from_name(model_provider_name((provider_t)i), &p));
        assert_int_equal(p, i);
        assert_true(model_provider_from_name(model_provider_label((provider_t)i), &p));
        assert_int_equal(p, i);
    }
    assert_false(model_provider_from_name("twilio", &p));
    for (int i = 0; i < ACTION_COUNT; i++) {
        assert_true(model_action_from_name(model_action_info((action_t)i)->name, &a));
        assert_int_equal(a, i);
    }
    assert_false(model_action_from_name("explode", &a));
    for (int s = 0; s < CAMPAIGN_STATE_COUNT; s++)
        assert_int_equal(model_campaign_state_from_raw(PROVIDER_OMNIDIM,
                                                       model_campaign_state_name((campaign_state_t)s)) ==
                             (campaign_state_t)s ||
                         s == CAMPAIGN_UNKNOWN || s == CAMPAIGN_ENDED,
                         1);
    assert_string_equal(model_campaign_state_name((campaign_state_t)42), "unknown");
    assert_string_equal(model_contact_state_name(CONTACT_NO_ANSWER), "no_answer");
}

static void test_action_keys_are_distinct(void **state)
{
    (void)state;
    for (int i = 0; i < ACTION_COUNT; i++)
        for (int j = i + 1; j < ACTION_COUNT; j++)
            assert_int_not_equal(model_action_info((action_t)i)->default_key,
                                 model_action_info((action_t)j)->default_key);
    assert_true(model_action_info(ACTION_CANCEL)->dangerous);
    assert_false(model_action_info(ACTION_PAUSE)->dangerous);
    assert_null(model_action_info((action_t)-1));
}

static void test_contact_vars_and_free(void **state)
{
    (void)state;
    model_contact_t c;
    model_contact_init(&c);
    assert_int_equal(c.attempts, -1);
    c.phone = strdup("+15551234567");
    assert_true(model_contact_add_var(&c, "customer_name", "John Doe"));
    assert_true(model_contact_add_var(&c, "account_id", NULL));
    assert_int_equal(c.nvars, 2);
    assert_string_equal(c.vars[0].value, "John Doe");
    assert_string_equal(c.vars[1].value, "");
    model_contact_free(&c);
    assert_null(c.phone);
    assert_int_equal(c.nvars, 0);

    model_campaign_t k;
    model_campaign_init(&k);
    assert_int_equal(k.total_contacts, -1);
    k.name = strdup("x");
    k.raw_state = strdup("running");
    model_campaign_free(&k);
    assert_null(k.name);
    model_campaign_free(&k); /* twice is harmless */
}

/* What a reschedule changes, per provider, and the sentences made from
 * it: Sarvam's start cannot move; the others have no window. */
static void test_reschedule_kind_table(void **state)
{
    (void)state;
    assert_int_equal(model_reschedule_kind(PROVIDER_OMNIDIM), RESCHEDULE_MOVES_START);
    assert_int_equal(model_reschedule_kind(PROVIDER_TRUEDY), RESCHEDULE_MOVES_START);
    assert_int_equal(model_reschedule_kind(PROVIDER_SARVAM), RESCHEDULE_SETS_WINDOW);
    char why[256];
    assert_true(model_reschedule_fits(PROVIDER_SARVAM, false, true, why, sizeof why));
    assert_false(model_reschedule_fits(PROVIDER_SARVAM, true, false, why, sizeof why));
    assert_string_equal(why, "reschedule: Sarvam cannot move a campaign's start; it changes the "
                             "working window (hours, days, timezone, end)");
    assert_false(model_reschedule_fits(PROVIDER_SARVAM, true, true, why, sizeof why));
    assert_false(model_reschedule_fits(PROVIDER_SARVAM, false, false, why, sizeof why));
    assert_non_null(strstr(why, "say what to change"));
    assert_true(model_reschedule_fits(PROVIDER_OMNIDIM, true, false, why, sizeof why));
    assert_false(model_reschedule_fits(PROVIDER_TRUEDY, true, true, why, sizeof why));
    assert_string_equal(why, "reschedule: Truedy has no working window to change; it moves the "
                             "start date, time and timezone");
    /* offers: only where the table refuses now but allows once paused */
    assert_string_equal(model_reschedule_offer(PROVIDER_SARVAM, CAMPAIGN_ACTIVE),
                        "pause, update, resume");
    assert_null(model_reschedule_offer(PROVIDER_SARVAM, CAMPAIGN_PAUSED));
    assert_null(model_reschedule_offer(PROVIDER_SARVAM, CAMPAIGN_SCHEDULED));
    assert_null(model_reschedule_offer(PROVIDER_SARVAM, CAMPAIGN_ENDED));
    assert_string_equal(model_reschedule_offer(PROVIDER_TRUEDY, CAMPAIGN_ACTIVE),
                        "pause, reschedule");
    assert_null(model_reschedule_offer(PROVIDER_OMNIDIM, CAMPAIGN_ACTIVE));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_campaign_raw_mapping),
        cmocka_unit_test(test_contact_raw_mapping),
        cmocka_unit_test(test_sarvam_attempt_mapping),
        cmocka_unit_test(test_sarvam_attempt_table_cells),
        cmocka_unit_test(test_every_cell_of_action_table),
        cmocka_unit_test(test_terminal_states_refuse_everything),
        cmocka_unit_test(test_create_allowed_everywhere_regardless_of_state),
        cmocka_unit_test(test_refusal_reasons_read_as_sentences),
        cmocka_unit_test(test_retry_and_concurrency_rules),
        cmocka_unit_test(test_next_resolve_by_start_time),
        cmocka_unit_test(test_names_round_trip),
        cmocka_unit_test(test_action_keys_are_distinct),
        cmocka_unit_test(test_contact_vars_and_free),
        cmocka_unit_test(test_reschedule_kind_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
