/* Demo and generated campaigns: realistic names, phones and context
 * variables, in any state, reproducible from the store's seed. */
#ifndef DIALTOP_SIM_DEMO_H
#define DIALTOP_SIM_DEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"

/* A campaign in state st with n generated contacts. Progress fits the
 * state: a completed campaign has every contact finished, an active one
 * has some done and the dialer fills its slots at the next advance, a
 * scheduled one starts 10 minutes to 2 days ahead. NULL on OOM. */
store_campaign_t *demo_make(store_t *s, provider_t p, const char *name, campaign_state_t st,
                            long n, int64_t now);

/* The --demo set: all three dialects, every state, 20 to 5,000 contacts. */
bool demo_load(store_t *s, int64_t now);
/* n campaigns in each dialect, 20 contacts each, mostly finished. */
bool demo_generate(store_t *s, int64_t now, long n);

#endif
