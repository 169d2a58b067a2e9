/* OmniDimension: what dialtop knows about it (provider.h). Its driver,
 * the requests and replies, is api/omnidim.c (live-status: omnidim_live.c).
 * Sources: API.md section 1 and the seeds/ replies. */
#include "provider.h"
#include "upload.h"

#define B PROVIDER_BIT

static const provider_status_t campaign_statuses[] = {
    /* "running" and "in_progress" mean active everywhere */
    {"draft", CAMPAIGN_DRAFT},         {"pending", CAMPAIGN_PENDING},
    {"scheduled", CAMPAIGN_SCHEDULED}, {"in_progress", CAMPAIGN_ACTIVE},
    {"active", CAMPAIGN_ACTIVE},       {"running", CAMPAIGN_ACTIVE},
    {"paused", CAMPAIGN_PAUSED},       {"completed", CAMPAIGN_COMPLETED},
    {"failed", CAMPAIGN_FAILED},       {"cancelled", CAMPAIGN_CANCELLED},
    {NULL, 0},
};

static const provider_status_t contact_statuses[] = {
    {"voicemail_detected", CONTACT_VOICEMAIL},
    {NULL, 0},
};

/* call_status as published. "Pending" covers queued contacts too, so
 * queued has no filter of its own. */
static const char *const contact_filter[CONTACT_STATE_COUNT] = {
    [CONTACT_PENDING] = "Pending",       [CONTACT_IN_PROGRESS] = "In Progress",
    [CONTACT_COMPLETED] = "completed",   [CONTACT_NO_ANSWER] = "no-answer",
    [CONTACT_BUSY] = "busy",             [CONTACT_VOICEMAIL] = "voicemail_detected",
    [CONTACT_FAILED] = "Failed",         [CONTACT_SKIPPED] = "Skipped",
    [CONTACT_RETRY_SCHEDULED] = "retry_scheduled", [CONTACT_CANCELLED] = "cancelled",
};

const provider_desc_t provider_omnidim = {
    .id = PROVIDER_OMNIDIM,
    .name = "omnidim",
    .label = "OmniDimension",
    .default_base_url = "https://backend.omnidim.io",

    .campaign_statuses = campaign_statuses,
    .start_clock = START_WALL_CLOCK,
    .contact_statuses = contact_statuses,
    .contact_filter = contact_filter,

    /* acts on "a running campaign" by PUT, cancels by DELETE */
    .actions = {
        [ACTION_PAUSE] = {true, NULL,
            B(CAMPAIGN_PENDING) | B(CAMPAIGN_SCHEDULED) | B(CAMPAIGN_ACTIVE),
            {NEXT_STATE, CAMPAIGN_PAUSED}},
        [ACTION_RESUME] = {true, NULL, B(CAMPAIGN_PAUSED), {NEXT_BY_START_TIME, CAMPAIGN_UNKNOWN}},
        [ACTION_RESCHEDULE] = {true, NULL,
            B(CAMPAIGN_PENDING) | B(CAMPAIGN_SCHEDULED) | B(CAMPAIGN_ACTIVE) | B(CAMPAIGN_PAUSED),
            {NEXT_STATE, CAMPAIGN_SCHEDULED}},
        [ACTION_CANCEL] = {true, NULL,
            B(CAMPAIGN_DRAFT) | B(CAMPAIGN_PENDING) | B(CAMPAIGN_SCHEDULED) |
            B(CAMPAIGN_ACTIVE) | B(CAMPAIGN_PAUSED),
            {NEXT_STATE, CAMPAIGN_CANCELLED}},
        [ACTION_CREATE] = {true, NULL, 0, {NEXT_STATE, CAMPAIGN_PENDING}},
        /* manual_retry re-queues in the same campaign: most useful once it
         * has completed, which then dials again */
        [ACTION_RETRY] = {true, NULL,
            B(CAMPAIGN_ACTIVE) | B(CAMPAIGN_PAUSED) | B(CAMPAIGN_COMPLETED),
            {NEXT_UNCHANGED, CAMPAIGN_UNKNOWN}},
        [ACTION_CONCURRENCY] = {true, NULL,
            B(CAMPAIGN_DRAFT) | B(CAMPAIGN_PENDING) | B(CAMPAIGN_SCHEDULED) |
            B(CAMPAIGN_ACTIVE) | B(CAMPAIGN_PAUSED),
            {NEXT_UNCHANGED, CAMPAIGN_UNKNOWN}},
    },
    .reschedule = {RESCHEDULE_MOVES_START, "the start date, time and timezone", NULL},

    /* retry_config and concurrent_call_limit; the caller number is required */
    .offers = B(UPLOAD_OFFER_CONCURRENCY) | B(UPLOAD_OFFER_RETRY) | B(UPLOAD_OFFER_CALLER_ID),
    .name_rule = {0, false, NULL},
    .caller_id_required = "OmniDimension needs the caller number: give --phone-number-id ID "
                          "(the id of a number in your OmniDimension account)",
    .agent_label = NULL,
    .default_concurrency = 1,
    .upload_steps = {
        .small = "a draft that does not dial, contacts 1,000 at a time, then started",
        .big = "a draft that does not dial, contacts 1,000 at a time, then started",
    },

    .figures = {
        [FIG_RUN] = {FROM_LIVE, "live-status summary.in_progress (fetched per campaign in the background)"},
        [FIG_FAIL] = {FROM_LIST, "total_not_reachable_calls; live-status failed + busy + no_answer"},
        [FIG_PEND] = {FROM_LIST, "total_pending_calls; live-status queued"},
        [FIG_DONE] = {FROM_LIST, "completed_calls"},
        [FIG_TOTAL] = {FROM_LIST, "total_calls"},
        [FIG_CONC] = {FROM_LIST, "concurrent_call_limit"},
    },
    .counted_states = B(CONTACT_PENDING) | B(CONTACT_IN_PROGRESS) | B(CONTACT_COMPLETED) |
                      B(CONTACT_FAILED) | B(CONTACT_BUSY) | B(CONTACT_NO_ANSWER),
    .lumped_state = CONTACT_UNKNOWN,
    .lumped_label = NULL,
    /* no published rate limit: one live-status a second, beside a list poll
     * every 2 s, stays far from anything an API gateway would mind */
    .live_budget_per_min = 60,
    .uses_receiver = false,
    .needs_org_workspace = false,

    .driver = &driver_omnidim,
};
