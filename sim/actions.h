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

#endif
