/* Background per-campaign figures: OmniDimension's list has no calls in
 * progress, so each campaign that is not finished gets a live-status
 * poll of its own, visible rows and the stalest first, one request at a
 * time, paced under the profile's budget (figure_live_budget_per_min).
 * Never blocks: results merge into the rows as they come. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"
#include "ui.h"


/* Does this row need a live-status poll, and how overdue is it? Rows
 * that are finished, not this profile's, or the open campaign (polled on
 * its own) do not; the others by age of their last live figures. */
static bool live_wanted(const app_t *a, const source_t *s, const camp_row_t *r, double now,
                        double *age)
{
    if (r->source != s->index || model_campaign_state_is_terminal(r->m.state) ||
        !figure_needs_live(r->m.provider, FIG_RUN) ||
        (a->oc.open && strcmp(a->oc.key, r->key) == 0))
        return false;
    *age = r->live_at > 0 ? now - r->live_at : 1e12;
    return *age >= s->poll.interval_s;
}

/* The next row to fetch: the stalest visible one, else the stalest of all. */
static const camp_row_t *live_pick(const app_t *a, const source_t *s, double now)
{
    const camp_row_t *best = NULL;
    double best_age = -1, age;
    const table_t *t = &a->camps;
    int height = a->rows - UI_CHROME_ROWS - 1;
    for (int i = 0; i < height; i++) {
        const camp_row_t *r = table_row_at(t, t->top + (size_t)i);
        if (!r)
            break;
        if (live_wanted(a, s, r, now, &age) && age > best_age) {
            best = r;
            best_age = age;
        }
    }
    if (best)
        return best;
    for (size_t i = 0; i < a->store.n; i++) {
        const camp_row_t *r = a->store.rows[i];
        if (live_wanted(a, s, r, now, &age) && age > best_age) {
            best = r;
            best_age = age;
        }
    }
    return best;
}

static void on_live(model_campaign_t *c, const api_error_t *err, void *ud)
{
    source_t *s = ud;
    app_t *a = s->app;
    double now = poller_now();
    s->live_op = 0;
    if (err) {
        /* quietly later: the list poll reports the backend's trouble */
        double wait = 4.0 * s->poll.interval_s;
        if (err->kind == API_ERR_RATE_LIMITED && err->retry_after_s > wait)
            wait = (double)err->retry_after_s;
        s->live_next = now + wait;
        if (err->kind == API_ERR_NOT_FOUND) {
            /* gone since the list: stop asking until the list says so */
            camprows_t *st = &a->store;
            camp_row_t *r = camprows_find(st, s->live_key);
            if (r)
                r->live_at = now;
        }
        return;
    }
    camp_row_t *r = camprows_find(&a->store, s->live_key);
    if (r) {
        int attn = r->attn;
        campaign_state_t was = r->m.state;
        camprows_apply_live(&a->store, s->live_key, c, now, s->live_asked_at);
        camprows_rank(r, &s->rules, false);
        sync_check_alarms(a, r);
        /* re-sort (and re-filter) only when the order may have changed:
         * the row's rank or state moved, or the list is sorted by a figure */
        if (r->attn != attn || r->m.state != was || a->camps.sort_col >= 3)
            table_set_rows(&a->camps, (const void *const *)a->store.rows, a->store.n);
        totals_update(&a->totals, &a->store, now);
        app_dirty(a);
    }
    model_campaign_free(c);
    free(c);
}

void sync_live_tick(app_t *a, source_t *s, double now)
{
    int budget = figure_live_budget_per_min(s->profile->provider);
    if (!s->client || s->live_op || budget <= 0 || now < s->live_next || !s->poll.last_ok)
        return;
    const camp_row_t *r = live_pick(a, s, now);
    if (!r) {
        s->live_next = now + 1.0;
        return;
    }
    snprintf(s->live_key, sizeof s->live_key, "%s", r->key);
    s->live_next = now + 60.0 / budget;
    s->live_requests++;
    s->live_asked_at = now;
    s->live_op = client_get_live(s->client, r->m.id ? r->m.id : "", on_live, s);
}

long sync_live_timeout_ms(const app_t *a, double now)
{
    long t = 1000;
    for (size_t i = 0; i < a->nsrc; i++) {
        const source_t *s = &a->src[i];
        if (!s->client || s->live_op || !s->poll.last_ok ||
            figure_live_budget_per_min(s->profile->provider) <= 0)
            continue;
        long d = s->live_next <= now ? 0 : (long)((s->live_next - now) * 1000.0) + 1;
        if (d < t)
            t = d;
    }
    return t;
}
