/* Offset/limit paging; see page.h. WHY one module: Truedy's list and
 * contacts and Sarvam's list and attempts all page the same way, and the
 * bounds and 422 wording must not drift apart between them. The envelopes
 * (Truedy's pagination.has_more, Sarvam's page URIs) stay in the dialect
 * files. OmniDim pages by pageno/pagesize and clamps an oversized
 * pagesize instead of refusing it, so it only shares page_take_row. */
#include "page.h"

#include "reply.h"

#define PAGE_MAX_OFFSET 1000000000L

bool page_read_query(sim_ctx_t *ctx, long def_limit, page_t *pg)
{
    pg->total = 0;
    return reply_query_long(ctx, "limit", def_limit, 1, PAGE_MAX_LIMIT, false, &pg->limit) &&
           reply_query_long(ctx, "offset", 0, 0, PAGE_MAX_OFFSET, false, &pg->offset);
}

bool page_take_row(page_t *pg)
{
    bool on_page = pg->total >= pg->offset && pg->total < pg->offset + pg->limit;
    pg->total++;
    return on_page;
}

size_t page_campaigns(page_t *pg, const store_list_t *l, campaign_state_t want,
                      store_campaign_t **rows, size_t max)
{
    size_t n = 0;
    if (want == CAMPAIGN_UNKNOWN) {
        pg->total = (long)l->n;
        for (size_t i = (size_t)pg->offset; i < l->n && n < (size_t)pg->limit && n < max; i++)
            rows[n++] = l->items[l->n - 1 - i];
        return n;
    }
    pg->total = 0;
    for (size_t i = l->n; i-- > 0;)
        if (l->items[i]->state == want && page_take_row(pg) && n < max)
            rows[n++] = l->items[i];
    return n;
}

void page_add_counts(cJSON *o, const page_t *pg)
{
    cJSON_AddNumberToObject(o, "total", (double)pg->total);
    cJSON_AddNumberToObject(o, "limit", (double)pg->limit);
    cJSON_AddNumberToObject(o, "offset", (double)pg->offset);
}
