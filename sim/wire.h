/* The raw status words each provider puts on the wire for the sim's
 * states, and back (filters). The sim speaks raw strings only; the words
 * themselves are in each dialect's description (dialects.h), this module
 * looks them up. */
#ifndef DIALTOP_SIM_WIRE_H
#define DIALTOP_SIM_WIRE_H

#include <stdbool.h>

#include "model.h"

/* "in_progress" (OmniDim), "running" (Truedy), "active" (Sarvam)... */
const char *wire_campaign_status(provider_t p, campaign_state_t s);
/* "In Progress" (OmniDim), "calling" (Truedy), "in_progress" (Sarvam).
 * held: the campaign is not dialing yet (Truedy says "scheduled"). */
const char *wire_contact_status(provider_t p, contact_state_t s, bool held);
/* Filter text to a state, through model.h's case-insensitive mapping. */
bool wire_campaign_filter(provider_t p, const char *text, campaign_state_t *out);
bool wire_contact_filter(provider_t p, const char *text, contact_state_t *out);

#endif
