/* Header totals (see totals.h). */
#include "totals.h"

#include <string.h>

#include "figure.h"

void totals_init(totals_t *t)
{
    memset(t, 0, sizeof *t);
    t->per_min = -1;
    t->failed_window = -1;
}

/* Keeps samples at least 5 s apart, dropping the oldest past the window
 * (and one beyond it, so a full window can be measured). */
static void add_sample(totals_t *t, double now, long finished, long failed)
{
    if (t->nhist && now - t->hist[t->nhist - 1].t < 5.0) {
        t->hist[t->nhist - 1].finished = finished;
        t->hist[t->nhist - 1].failed = failed;
        if (t->nhist > 1)
            t->hist[t->nhist - 1].t = now;
        return;
    }
    size_t drop = 0;
    while (drop + 1 < t->nhist && now - t->hist[drop + 1].t >= TOTALS_FAIL_WINDOW_S)
        drop++;
    if (t->nhist - drop >= TOTALS_SAMPLES)
        drop = t->nhist - TOTALS_SAMPLES + 1;
    if (drop) {
        memmove(t->hist, t->hist + drop, (t->nhist - drop) * sizeof t->hist[0]);
        t->nhist -= drop;
    }
    t->hist[t->nhist++] = (totals_sample_t){now, finished, failed};
}

void totals_update(totals_t *t, const camprows_t *rows, double now)
{
    long active = 0, running = 0, unknown = 0, finished = 0, failed = 0;
    for (size_t i = 0; i < rows->n; i++) {
        const model_campaign_t *m = &rows->rows[i]->m;
        long run, fail, done;
        if (m->state == CAMPAIGN_ACTIVE) {
            active++;
            if (figure_read(m, FIG_RUN, &run) == FIGURE_KNOWN)
                running += run;
            else
                unknown++;
        }
        bool fk = figure_read(m, FIG_FAIL, &fail) == FIGURE_KNOWN;
        if (fk)
            failed += fail;
        if (fk && figure_read(m, FIG_DONE, &done) == FIGURE_KNOWN)
            finished += done + fail;
    }
    t->active = active;
    t->running = running;
    t->running_unknown = unknown;
    add_sample(t, now, finished, failed);
    const totals_sample_t *last = &t->hist[t->nhist - 1];
    /* per minute: over the last minute or so of samples */
    t->per_min = -1;
    for (size_t i = t->nhist - 1; i-- > 0;) {
        double span = last->t - t->hist[i].t;
        if (span >= 60.0 || i == 0) {
            if (span >= 10.0 && last->finished >= t->hist[i].finished)
                t->per_min = (double)(last->finished - t->hist[i].finished) * 60.0 / span;
            break;
        }
    }
    t->failed_window = -1;
    t->window_s = 0;
    if (t->nhist > 1) {
        const totals_sample_t *first = &t->hist[0];
        for (size_t i = 0; i + 1 < t->nhist; i++)
            if (last->t - t->hist[i].t <= TOTALS_FAIL_WINDOW_S) {
                first = &t->hist[i];
                break;
            }
        t->window_s = last->t - first->t;
        /* campaigns leaving the list can make the sum shrink: no negative */
        long d = last->failed - first->failed;
        t->failed_window = d > 0 ? d : 0;
    }
}
