/* OmniDimension big lists (API.md section 1): a draft created with
 * save_as_draft gets contacts through POST .../{id}/add_contacts (at most
 * 1000 a call) and dials only after POST .../{id}/start. */
#ifndef DIALTOP_SIM_OMNIDIM_BULK_H
#define DIALTOP_SIM_OMNIDIM_BULK_H

#include "reply.h"

void omnidim_handle_add_contacts(sim_ctx_t *ctx, store_campaign_t *c);
void omnidim_handle_start(sim_ctx_t *ctx, store_campaign_t *c);

#endif
