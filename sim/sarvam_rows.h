/* Sarvam dialect internals shared by dialect_sarvam.c and sarvam_rows.c. */
#ifndef DIALTOP_SIM_SARVAM_ROWS_H
#define DIALTOP_SIM_SARVAM_ROWS_H

#include "page.h"
#include "reply.h"

/* "", "Monday" .. "Sunday" (index 1..7, as window_days bits) */
extern const char *const sarvam_day_names[8];

/* The request path up to and including "/campaigns" (for page URIs). */
void sarvam_base_uri(const sim_ctx_t *ctx, char *out, size_t len);
/* {items, total, limit, offset, next_page_uri, prev_page_uri}; the page
 * URIs carry the query arguments named in keep (NULL-terminated). */
void sarvam_reply_page(sim_ctx_t *ctx, cJSON *items, const page_t *pg, const char *path,
                       const char *const *keep);
void sarvam_reply_refused(sim_ctx_t *ctx, const store_campaign_t *c, const char *verb);

void sarvam_handle_attempts(sim_ctx_t *ctx, const store_campaign_t *c);
void sarvam_handle_stream(sim_ctx_t *ctx, store_campaign_t *c);
void sarvam_handle_cohorts(sim_ctx_t *ctx, const store_campaign_t *c, const char *cohort_id);

#endif
