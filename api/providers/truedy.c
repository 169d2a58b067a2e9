/* Truedy: what dialtop knows about it (provider.h). Its driver, the
 * requests and replies, is api/truedy.c. Sources: API.md section 2 and
 * the seeds/ replies. */
#include "provider.h"
#include "upload.h"

#define B PROVIDER_BIT

static const provider_status_t campaign_statuses[] = {
    {"draft", CAMPAIGN_DRAFT},         {"scheduled", CAMPAIGN_SCHEDULED},
    {"active", CAMPAIGN_ACTIVE},       {"running", CAMPAIGN_ACTIVE},
    {"in_progress", CAMPAIGN_ACTIVE},  {"paused", CAMPAIGN_PAUSED},
    {"completed", CAMPAIGN_COMPLETED}, {"failed", CAMPAIGN_FAILED},
    {"cancelled", CAMPAIGN_CANCELLED}, {NULL, 0},
};

static const provider_status_t contact_statuses[] = {
    {"scheduled", CONTACT_QUEUED},
    {"calling", CONTACT_IN_PROGRESS},
    {NULL, 0},
};

/* the contact list's `status` filter */
static const char *const contact_filter[CONTACT_STATE_COUNT] = {
    [CONTACT_PENDING] = "pending",     [CONTACT_QUEUED] = "scheduled",
    [CONTACT_IN_PROGRESS] = "calling", [CONTACT_COMPLETED] = "completed",
    [CONTACT_FAILED] = "failed",
};

const provider_desc_t provider_truedy = {
    .id = PROVIDER_TRUEDY,
    .name = "truedy",
    .label = "Truedy",
    .default_base_url = "https://api.truedy.ai",

    .campaign_statuses = campaign_statuses,
    .start_clock = START_INSTANT,
    .contact_statuses = contact_statuses,
    .contact_filter = contact_filter,

    /* pauses from active/scheduled, resumes from paused, edits by PATCH
     * only while scheduled or paused, and has no cancel */
    .actions = {
        [ACTION_PAUSE] = {true, NULL, B(CAMPAIGN_SCHEDULED) | B(CAMPAIGN_ACTIVE),
            {NEXT_STATE, CAMPAIGN_PAUSED}},
        [ACTION_RESUME] = {true, NULL, B(CAMPAIGN_PAUSED), {NEXT_BY_START_TIME, CAMPAIGN_UNKNOWN}},
        [ACTION_RESCHEDULE] = {true, NULL, B(CAMPAIGN_SCHEDULED) | B(CAMPAIGN_PAUSED),
            {NEXT_UNCHANGED, CAMPAIGN_UNKNOWN}},
        [ACTION_CANCEL] = {false, "Truedy offers no cancel; pause it instead", 0,
            {NEXT_UNCHANGED, CAMPAIGN_UNKNOWN}},
        [ACTION_CREATE] = {true, NULL, 0, {NEXT_BY_START_TIME, CAMPAIGN_UNKNOWN}},
        [ACTION_RETRY] = {false, "Truedy cannot re-queue contacts in a batch; "
                                 "call them again from a new campaign", 0,
            {NEXT_UNCHANGED, CAMPAIGN_UNKNOWN}},
        [ACTION_CONCURRENCY] = {false, "Truedy cannot change a batch's concurrency", 0,
            {NEXT_UNCHANGED, CAMPAIGN_UNKNOWN}},
    },
    .reschedule = {RESCHEDULE_MOVES_START, "the start date, time and timezone",
                   "pause, reschedule"},

    /* start_time/end_time, working_days, max_calls_per_day, concurrency */
    .offers = B(UPLOAD_OFFER_CONCURRENCY) | B(UPLOAD_OFFER_HOURS) | B(UPLOAD_OFFER_DAYS) |
              B(UPLOAD_OFFER_DAILY_CAP),
    .name_rule = {0, false, NULL},
    .caller_id_required = NULL,
    .agent_label = "agent id",
    .default_concurrency = 0,
    .upload_steps = {
        .small = "creating: all contacts go in one request",
        .big = "held a week ahead while contacts go in chunks, then released",
    },

    .figures = {
        [FIG_RUN] = {FROM_LIST, "in_progress (not in Truedy's published batch fields: n/a when absent)"},
        [FIG_FAIL] = {FROM_LIST, "failed"},
        [FIG_PEND] = {FROM_LIST, "pending"},
        [FIG_DONE] = {FROM_LIST, "completed"},
        [FIG_TOTAL] = {FROM_LIST, "total_contacts"},
        [FIG_CONC] = {FROM_LIST, "concurrency"},
    },
    .counted_states = B(CONTACT_PENDING) | B(CONTACT_IN_PROGRESS) | B(CONTACT_COMPLETED) |
                      B(CONTACT_FAILED),
    /* its own `failed` counter lumps every contact not reached */
    .lumped_state = CONTACT_FAILED,
    .lumped_label = "not reached (Truedy's failed)",
    /* the list carries the figures; the 100/min per organisation
     * (driver_truedy.requests_per_min) is the list poll's own to spend */
    .live_budget_per_min = 0,
    .uses_receiver = false,
    .needs_org_workspace = false,

    .driver = &driver_truedy,
};
