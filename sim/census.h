/* GET /_sim/campaigns/{provider}/{id}/census: what a campaign holds, for
 * tests that must prove an upload sent every contact once: contacts,
 * distinct phone numbers, calls dialed, status. */
#ifndef DIALTOP_SIM_CENSUS_H
#define DIALTOP_SIM_CENSUS_H

#include <stdbool.h>

#include "sim_internal.h"

/* True when `rest` is a census path (then it has been answered). */
bool census_handle(sim_ctx_t *ctx, const char *rest);

#endif
