/* Offset/limit paging as Truedy and Sarvam both define it: ?limit= and
 * ?offset= with the same bounds and error wording, a window over the rows
 * that match the filters, and the total/limit/offset numbers each dialect
 * puts in its own envelope. */
#ifndef DIALTOP_SIM_PAGE_H
#define DIALTOP_SIM_PAGE_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "sim_internal.h"

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
/* Adds "total", "limit", "offset" to o, in that order. */
void page_add_counts(cJSON *o, const page_t *pg);

#endif
