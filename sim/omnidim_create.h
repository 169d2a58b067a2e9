/* OmniDimension campaign creation (seeds/omnidim-create-bulk-call.md). */
#ifndef DIALTOP_SIM_OMNIDIM_CREATE_H
#define DIALTOP_SIM_OMNIDIM_CREATE_H

#include "reply.h"

void omnidim_handle_create(sim_ctx_t *ctx);

#endif
