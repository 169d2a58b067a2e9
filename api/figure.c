/* Figures on a campaign row, as data (see figure.h). */
#include "figure.h"

#include <stdio.h>

/* FROM_NONE: not in the provider's own records, but computed from the
 * counts by state when something (the webhook receiver) fills them;
 * FROM_NOWHERE: not published by any channel, whatever the counts say. */
typedef enum { FROM_LIST, FROM_LIVE, FROM_NONE, FROM_NOWHERE } figure_origin_t;

typedef struct {
    figure_origin_t origin;
    const char *source;     /* the provider's field, or why there is none */
} figure_rule_t;

/* Sarvam publishes no counts at all: per-contact outcomes arrive only as
 * webhooks, which `dialtop hooks` receives and summarises. */
#define SARVAM_WHY "needs the webhook receiver: run dialtop hooks (Sarvam has no counts endpoint)"

static const figure_rule_t rules[PROVIDER_COUNT][FIG_COUNT] = {
    [PROVIDER_OMNIDIM] = {
        [FIG_RUN] = {FROM_LIVE, "live-status summary.in_progress (fetched per campaign in the background)"},
        [FIG_FAIL] = {FROM_LIST, "total_not_reachable_calls; live-status failed + busy + no_answer"},
        [FIG_PEND] = {FROM_LIST, "total_pending_calls; live-status queued"},
        [FIG_DONE] = {FROM_LIST, "completed_calls"},
        [FIG_TOTAL] = {FROM_LIST, "total_calls"},
        [FIG_CONC] = {FROM_LIST, "concurrent_call_limit"},
    },
    [PROVIDER_TRUEDY] = {
        [FIG_RUN] = {FROM_LIST, "in_progress (not in Truedy's published batch fields: n/a when absent)"},
        [FIG_FAIL] = {FROM_LIST, "failed"},
        [FIG_PEND] = {FROM_LIST, "pending"},
        [FIG_DONE] = {FROM_LIST, "completed"},
        [FIG_TOTAL] = {FROM_LIST, "total_contacts"},
        [FIG_CONC] = {FROM_LIST, "concurrency"},
    },
    [PROVIDER_SARVAM] = {
        /* a webhook arrives when an attempt has finished: no channel says
         * which calls are under way, so a count would always read 0 */
        [FIG_RUN] = {FROM_NOWHERE, "Sarvam reports attempts only once they have finished (by "
                                   "webhook): calls in progress are not published"},
        [FIG_FAIL] = {FROM_NONE, SARVAM_WHY},
        [FIG_PEND] = {FROM_NONE, SARVAM_WHY},
        [FIG_DONE] = {FROM_NONE, SARVAM_WHY},
        [FIG_TOTAL] = {FROM_NONE, "cohort totals (result.total_records) " SARVAM_WHY},
        [FIG_CONC] = {FROM_NONE, "Sarvam publishes no concurrency limit"},
    },
};

static const struct {
    const char *title, *meaning;
} names[FIG_COUNT] = {
    [FIG_RUN] = {"RUN", "calls in progress now"},
    [FIG_FAIL] = {"FAIL", "contacts not reached: failed, busy or no answer"},
    [FIG_PEND] = {"PEND", "contacts still to call: pending, queued or retry scheduled"},
    [FIG_DONE] = {"DONE", "contacts completed"},
    [FIG_TOTAL] = {"TOTAL", "contacts in the campaign"},
    [FIG_CONC] = {"CONC", "concurrent call limit"},
};

const char *figure_title(model_figure_t f)
{
    return (unsigned)f < FIG_COUNT ? names[f].title : "?";
}

const char *figure_meaning(model_figure_t f)
{
    return (unsigned)f < FIG_COUNT ? names[f].meaning : "";
}

const char *figure_source(provider_t p, model_figure_t f)
{
    if ((unsigned)p >= PROVIDER_COUNT || (unsigned)f >= FIG_COUNT)
        return "";
    return rules[p][f].source;
}

bool figure_needs_live(provider_t p, model_figure_t f)
{
    return (unsigned)p < PROVIDER_COUNT && (unsigned)f < FIG_COUNT &&
           rules[p][f].origin == FROM_LIVE;
}

/* The figure from the full counts by contact state (a detail record, a
 * live-status summary or the webhook receiver's summary). */
static long from_counts(const model_campaign_t *c, model_figure_t f)
{
    const long *n = c->counts;
    switch (f) {
    case FIG_RUN: return n[CONTACT_IN_PROGRESS];
    case FIG_FAIL: return n[CONTACT_FAILED] + n[CONTACT_BUSY] + n[CONTACT_NO_ANSWER];
    case FIG_PEND: return n[CONTACT_PENDING] + n[CONTACT_QUEUED] + n[CONTACT_RETRY_SCHEDULED];
    case FIG_DONE: return n[CONTACT_COMPLETED];
    case FIG_TOTAL: {
        long t = 0;
        for (int s = 0; s < CONTACT_STATE_COUNT; s++)
            t += n[s];
        return t;
    }
    default: return -1;
    }
}

figure_status_t figure_read(const model_campaign_t *c, model_figure_t f, long *value)
{
    if ((unsigned)f >= FIG_COUNT)
        return FIGURE_NOT_PUBLISHED;
    /* a finished campaign has no calls in progress: not a zero to watch */
    if (f == FIG_RUN && model_campaign_state_is_terminal(c->state))
        return FIGURE_NOT_APPLICABLE;
    if ((unsigned)c->provider < PROVIDER_COUNT && rules[c->provider][f].origin == FROM_NOWHERE)
        return FIGURE_NOT_PUBLISHED;
    long v = -1;
    switch (f) {
    /* full counts define "completed" by state; a record's own field may
     * count every finished contact (Sarvam's receiver summary does) */
    case FIG_DONE: v = c->counts_known ? c->counts[CONTACT_COMPLETED] : c->completed_contacts; break;
    case FIG_TOTAL: v = c->total_contacts; break;
    case FIG_CONC: v = c->concurrency; break;
    default: v = c->fig[f]; break;
    }
    if (v < 0 && c->counts_known && f != FIG_CONC)
        v = from_counts(c, f);
    if (v >= 0) {
        *value = v;
        return FIGURE_KNOWN;
    }
    if ((unsigned)c->provider < PROVIDER_COUNT && rules[c->provider][f].origin == FROM_LIVE)
        return FIGURE_LOADING;
    return FIGURE_NOT_PUBLISHED;
}

/* Requests per minute for the background live figures, per profile.
 * OmniDimension publishes no rate limit: 60/min (one a second) beside a
 * list poll every 2 s stays far from anything an API gateway would mind.
 * Truedy and Sarvam need none (Truedy's list carries its figures; Sarvam
 * has no counts endpoint), and Truedy's 100/min per organisation is the
 * list poll's own to spend. */
static const int live_budget[PROVIDER_COUNT] = {
    [PROVIDER_OMNIDIM] = 60,
    [PROVIDER_TRUEDY] = 0,
    [PROVIDER_SARVAM] = 0,
};

int figure_live_budget_per_min(provider_t p)
{
    return (unsigned)p < PROVIDER_COUNT ? live_budget[p] : 0;
}

bool figure_count_published(provider_t p, contact_state_t s)
{
    switch (p) {
    case PROVIDER_OMNIDIM:
        return s == CONTACT_PENDING || s == CONTACT_IN_PROGRESS || s == CONTACT_COMPLETED ||
               s == CONTACT_FAILED || s == CONTACT_BUSY || s == CONTACT_NO_ANSWER;
    case PROVIDER_TRUEDY:
        return s == CONTACT_PENDING || s == CONTACT_IN_PROGRESS || s == CONTACT_COMPLETED ||
               s == CONTACT_FAILED;
    default:
        return false;
    }
}

void figure_format(figure_status_t st, long value, char *out, size_t len)
{
    switch (st) {
    case FIGURE_KNOWN: snprintf(out, len, "%ld", value); break;
    case FIGURE_NOT_APPLICABLE: snprintf(out, len, "-"); break;
    case FIGURE_NOT_PUBLISHED: snprintf(out, len, "n/a"); break;
    default: snprintf(out, len, "?"); break;
    }
}

bool figure_fail_percent(const model_campaign_t *c, double *pct)
{
    long failed, done;
    if (figure_read(c, FIG_FAIL, &failed) != FIGURE_KNOWN ||
        figure_read(c, FIG_DONE, &done) != FIGURE_KNOWN || failed + done <= 0)
        return false;
    *pct = 100.0 * (double)failed / (double)(failed + done);
    return true;
}
