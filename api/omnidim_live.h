/* OmniDimension's live-status: GET /api/v1/bulk-call/{id}/live-status,
 * a small summary of one campaign (state and counts, no contact list), so
 * polling an open or running campaign costs the same at 1M contacts as at
 * 1k. The driver table (omnidim.c) points its live_status entries here. */
#ifndef DIALTOP_OMNIDIM_LIVE_H
#define DIALTOP_OMNIDIM_LIVE_H

#include "driver.h"

bool omnidim_build_live(const driver_ctx_t *ctx, const char *id, api_request_t *out,
                        api_error_t *err);
/* Fills `out` with id, state, raw state, total and completed contacts,
 * the RUN/FAIL/PEND figures and the counts the summary names (queued
 * under pending). counts_known stays false: voicemail, skipped and
 * cancelled are not in the summary. Nothing else of the campaign is set. */
bool omnidim_parse_live(const api_response_t *resp, model_campaign_t *out, api_error_t *err);

#endif
