/* Offset/limit paging as Truedy and Sarvam both define it: ?limit= and
 * ?offset= with the same bounds and error wording, a window over the rows
 * that match the filters, and the total/limit/offset numbers each dialect
 * puts in its own envelope. */
#ifndef DIALTOP_SIM_PAGE_H
#define DIALTOP_SIM_PAGE_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "sim_internal.h"

/* Both APIs refuse (422) a limit above this rather than clamping it. */
#define PAGE_MAX_LIMIT 100

typedef struct {
    long limit;
    long offset;
    long total;                /* matching rows counted so far */
} page_t;

/* Reads ?limit= (absent or empty: def_limit; 1 to 100) and ?offset= (0 to
 * 1000000000) into pg, total 0. false: a bad value was already answered
 * in ctx->provider's field-error shape. */
bool page_read_query(sim_ctx_t *ctx, long def_limit, page_t *pg);
/* Counts one matching row; true when that row belongs on the page. */
bool page_take_row(page_t *pg);
/* The campaigns of l on pg's page, newest first, that are in state want
 * (CAMPAIGN_UNKNOWN: any) into rows (at most max), pg->total set to all
 * that match. Unfiltered, only the page itself is visited. */
size_t page_campaigns(page_t *pg, const store_list_t *l, campaign_state_t want,
                      store_campaign_t **rows, size_t max);
/* Adds "total", "limit", "offset" to o, in that order. */
void page_add_counts(cJSON *o, const page_t *pg);

#endif
