/* Figures on a campaign row, as data (see figure.h). */
#include "figure.h"
#include "provider.h"

#include <stdio.h>

/* Where each figure comes from is each provider's description
 * (provider.h: figures, counted_states, live_budget_per_min). */
static const provider_figure_t *rule_for(provider_t p, model_figure_t f)
{
    const provider_desc_t *d = provider_get(p);
    return d && (unsigned)f < FIG_COUNT ? &d->figures[f] : NULL;
}

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
    const provider_figure_t *r = rule_for(p, f);
    return r ? r->source : "";
}

bool figure_needs_live(provider_t p, model_figure_t f)
{
    const provider_figure_t *r = rule_for(p, f);
    return r && r->origin == FROM_LIVE;
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
    const provider_figure_t *rule = rule_for(c->provider, f);
    if (rule && rule->origin == FROM_NOWHERE)
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
    if (rule && rule->origin == FROM_LIVE)
        return FIGURE_LOADING;
    return FIGURE_NOT_PUBLISHED;
}

int figure_live_budget_per_min(provider_t p)
{
    const provider_desc_t *d = provider_get(p);
    return d ? d->live_budget_per_min : 0;
}

bool figure_count_published(provider_t p, contact_state_t s)
{
    const provider_desc_t *d = provider_get(p);
    return d && (unsigned)s < CONTACT_STATE_COUNT && (d->counted_states & PROVIDER_BIT(s));
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
