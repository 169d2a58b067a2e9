/* What each figure on a campaign row is: known (a zero included), not
 * applicable to the campaign's state, not published by its provider, or
 * still being fetched. One table per provider says where each figure comes
 * from, so the list, the detail view, the help screen, the cancel dialog
 * and the headless commands state the same number or the same reason. */
#ifndef DIALTOP_FIGURE_H
#define DIALTOP_FIGURE_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

typedef enum {
    FIGURE_LOADING,        /* "?": fetched in the background, first fetch under way */
    FIGURE_KNOWN,          /* a number, 0 included */
    FIGURE_NOT_APPLICABLE, /* "-": e.g. calls in progress on a completed campaign */
    FIGURE_NOT_PUBLISHED   /* "n/a": the provider does not give it (see figure_reason) */
} figure_status_t;

/* The figure and its status; *value is set only when KNOWN. */
figure_status_t figure_read(const model_campaign_t *c, model_figure_t f, long *value);

/* "RUN", "FAIL"... as the column titles say. */
const char *figure_title(model_figure_t f);
/* One line: what the figure means. */
const char *figure_meaning(model_figure_t f);
/* Where provider `p` publishes it ("live-status summary.in_progress"), or
 * why it does not ("Sarvam has no counts endpoint: ..."). */
const char *figure_source(provider_t p, model_figure_t f);
/* True when the figure comes from a per-campaign request made in the
 * background (OmniDimension's live-status), not from the list. */
bool figure_needs_live(provider_t p, model_figure_t f);

/* Requests per minute the background figures of one profile may use:
 * what is left of the provider's published limit after the list polls
 * (Truedy: 100/min per organisation); a provider that publishes no limit
 * gets a modest one. 0 when the provider needs no background requests. */
int figure_live_budget_per_min(provider_t p);

/* True when the provider's own summary counts contacts in state `s`
 * (OmniDim's live-status; Truedy's batch counters). The contacts
 * summary says n/a for the others until every row is loaded. */
bool figure_count_published(provider_t p, contact_state_t s);

/* The cell text: the number, "-", "n/a" or "?". */
void figure_format(figure_status_t st, long value, char *out, size_t len);

/* failed / (completed + failed), in percent; false when either is not
 * known or nothing was attempted yet. */
bool figure_fail_percent(const model_campaign_t *c, double *pct);

#endif
