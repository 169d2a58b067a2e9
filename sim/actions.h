/* The seeds' action semantics, provider-neutral. Each function first asks
 * model.h's action table whether the action is allowed in the campaign's
 * current state and returns false, changing nothing, when it is not. */
#ifndef DIALTOP_SIM_ACTIONS_H
#define DIALTOP_SIM_ACTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"

bool actions_allowed(const store_campaign_t *c, action_t a);

/* Pause: queued calls hold; calls in progress finish. */
bool actions_pause(store_campaign_t *c, int64_t now);
/* Resume: scheduled when the start is still ahead, else active (Sarvam:
 * always scheduled; its dialer activates it when the start has passed). */
bool actions_resume(store_campaign_t *c, int64_t now);
/* Reschedule to `start`: pending and retry-scheduled contacts wait for the
 * new time, finished ones stay. to_scheduled: the campaign becomes
 * scheduled (OmniDim); otherwise its state stays (Truedy/Sarvam PATCH).
 * is_scheduled is left to the caller (a Truedy rename keeps "immediate"). */
bool actions_reschedule(store_campaign_t *c, int64_t now, int64_t start, bool to_scheduled);
/* Cancel: pending calls are dropped; calls in progress finish. */
bool actions_cancel(store_campaign_t *c, int64_t now);
/* OmniDim manual_retry: contacts whose state is in state_mask (bit per
 * contact_state_t) and that were retried fewer than max_retries times go
 * back to pending in the same campaign; a completed campaign becomes
 * active again. Returns how many, or -1 when the table refuses. */
long actions_retry(store_campaign_t *c, int64_t now, unsigned state_mask, int max_retries);
/* OmniDim concurrency: the dialer's limit from now on (calls in progress
 * above a lower limit finish). */
bool actions_concurrency(store_campaign_t *c, int64_t now, int limit);

#endif
