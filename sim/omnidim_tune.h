/* OmniDimension's manual_retry and concurrency endpoints (API.md section 1). */
#ifndef DIALTOP_SIM_OMNIDIM_TUNE_H
#define DIALTOP_SIM_OMNIDIM_TUNE_H

#include "reply.h"

/* POST /calls/bulk_call/{id}/manual_retry */
void omnidim_handle_retry(sim_ctx_t *ctx, store_campaign_t *c);
/* PUT /calls/bulk_call/{id}/concurrency */
void omnidim_handle_concurrency(sim_ctx_t *ctx, store_campaign_t *c);

#endif
