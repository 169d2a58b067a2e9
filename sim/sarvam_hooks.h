/* Sarvam per-attempt webhooks in the sim: payloads, the dialer's hook,
 * the retry endpoint, and the cohort that accounts for contacts the sim
 * made itself (demo, /_sim/campaigns). */
#ifndef DIALTOP_SIM_SARVAM_HOOKS_H
#define DIALTOP_SIM_SARVAM_HOOKS_H

#include <stddef.h>
#include <stdint.h>

#include "reply.h"

/* completed/partial/failed and connected/busy/no_answer/failed for a
 * call's outcome; NULL when it has none. */
const char *sarvam_completion_status(contact_state_t outcome);
const char *sarvam_connectivity_status(contact_state_t outcome);
/* "att_<campaign>_<seq>": unique across campaigns and calls. */
void sarvam_attempt_id(const store_campaign_t *c, uint32_t seq, char *out, size_t len);

/* dialer_config_t.on_call_end; ud is the sim's webhooks_t. Posts only
 * for Sarvam campaigns with a webhook_config.url. */
void sarvam_hooks_on_call_end(void *ud, const store_campaign_t *c, const store_contact_t *k);

/* Adds one cohort holding the contacts no cohort accounts for yet, so
 * GET .../cohorts totals match the contacts. false on OOM. */
bool sarvam_cohort_cover(store_campaign_t *c, int64_t now);

void sarvam_handle_webhook_retry(sim_ctx_t *ctx, const store_campaign_t *c);

#endif
