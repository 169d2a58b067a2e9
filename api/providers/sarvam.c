/* Sarvam: what dialtop knows about it (provider.h). Its driver, the
 * requests and replies, is api/sarvam.c; contacts and counts come from
 * the webhook receiver (sarvam_receiver.c, `dialtop hooks`). Sources:
 * API.md section 3 and the transition table on Sarvam's status page. */
#include "provider.h"
#include "upload.h"

#define B PROVIDER_BIT

static const provider_status_t campaign_statuses[] = {
    {"scheduled", CAMPAIGN_SCHEDULED}, {"active", CAMPAIGN_ACTIVE},
    {"running", CAMPAIGN_ACTIVE},      {"in_progress", CAMPAIGN_ACTIVE},
    {"paused", CAMPAIGN_PAUSED},       {"ended", CAMPAIGN_ENDED},
    {"cancelled", CAMPAIGN_CANCELLED}, {NULL, 0},
};

/* per-attempt statuses are read by model_sarvam_attempt_state() */
static const provider_status_t contact_statuses[] = {{NULL, 0}};

/* Publishes no counts at all: per-contact outcomes arrive only as
 * webhooks, which `dialtop hooks` receives and summarises. */
#define NEEDS_RECEIVER \
    "needs the webhook receiver: run dialtop hooks (Sarvam has no counts endpoint)"

const provider_desc_t provider_sarvam = {
    .id = PROVIDER_SARVAM,
    .name = "sarvam",
    .label = "Sarvam",
    .default_base_url = "https://apps.sarvam.ai",

    .campaign_statuses = campaign_statuses,
    .start_clock = START_INSTANT,
    .contact_statuses = contact_statuses,
    /* the receiver filters by the unified names */
    .contact_filter = NULL,

    /* the status page's transitions; PATCH while paused or scheduled */
    .actions = {
        [ACTION_PAUSE] = {true, NULL, B(CAMPAIGN_SCHEDULED) | B(CAMPAIGN_ACTIVE),
            {NEXT_STATE, CAMPAIGN_PAUSED}},
        [ACTION_RESUME] = {true, NULL, B(CAMPAIGN_PAUSED), {NEXT_STATE, CAMPAIGN_SCHEDULED}},
        [ACTION_RESCHEDULE] = {true, NULL, B(CAMPAIGN_SCHEDULED) | B(CAMPAIGN_PAUSED),
            {NEXT_UNCHANGED, CAMPAIGN_UNKNOWN}},
        [ACTION_CANCEL] = {true, NULL,
            B(CAMPAIGN_SCHEDULED) | B(CAMPAIGN_ACTIVE) | B(CAMPAIGN_PAUSED),
            {NEXT_STATE, CAMPAIGN_CANCELLED}},
        [ACTION_CREATE] = {true, NULL, 0, {NEXT_STATE, CAMPAIGN_SCHEDULED}},
        [ACTION_RETRY] = {false, "Sarvam cannot re-queue contacts in a campaign; "
                                 "call them again from a new cohort", 0,
            {NEXT_UNCHANGED, CAMPAIGN_UNKNOWN}},
        [ACTION_CONCURRENCY] = {false, "Sarvam cannot change a campaign's concurrency", 0,
            {NEXT_UNCHANGED, CAMPAIGN_UNKNOWN}},
    },
    /* its guide: "To make changes to an active campaign: pause -> update
     * -> resume"; a start cannot move */
    .reschedule = {RESCHEDULE_SETS_WINDOW, "the working window (hours, days, timezone, end)",
                   "pause, update, resume"},

    /* allowed_schedule */
    .offers = B(UPLOAD_OFFER_HOURS) | B(UPLOAD_OFFER_DAYS),
    /* ^[\w\- ]{1,50}$ */
    .name_rule = {50, true, "Sarvam campaign names are 1-50 letters, digits, spaces, '-' or '_'"},
    .caller_id_required = NULL,
    .agent_label = "app id",
    .default_concurrency = 0,
    .upload_steps = {
        .small = "creating, then sending contacts 1000 at a time",
        .big = "creating, then sending contacts 1000 at a time",
    },

    .figures = {
        /* a webhook arrives when an attempt has finished: no channel says
         * which calls are under way, so a count would always read 0 */
        [FIG_RUN] = {FROM_NOWHERE, "Sarvam reports attempts only once they have finished (by "
                                   "webhook): calls in progress are not published"},
        [FIG_FAIL] = {FROM_NONE, NEEDS_RECEIVER},
        [FIG_PEND] = {FROM_NONE, NEEDS_RECEIVER},
        [FIG_DONE] = {FROM_NONE, NEEDS_RECEIVER},
        [FIG_TOTAL] = {FROM_NONE, "cohort totals (result.total_records) " NEEDS_RECEIVER},
        [FIG_CONC] = {FROM_NONE, "Sarvam publishes no concurrency limit"},
    },
    .counted_states = 0,
    .lumped_state = CONTACT_UNKNOWN,
    .lumped_label = NULL,
    .live_budget_per_min = 0,
    .uses_receiver = true,
    .needs_org_workspace = true,

    .driver = &driver_sarvam,
};
