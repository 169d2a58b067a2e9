/* The simulated dialer: moves campaigns and their contacts forward in
 * simulated time. Pure state transitions over the store; the caller holds
 * the simulator lock and supplies the time. */
#ifndef DIALTOP_SIM_DIALER_H
#define DIALTOP_SIM_DIALER_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "store.h"

typedef struct {
    /* Outcome weights, normalised when drawn: completed, no_answer, busy,
     * voicemail, failed. */
    double w_completed, w_no_answer, w_busy, w_voicemail, w_failed;
    int min_call_s, max_call_s; /* duration of a connected call */
    /* Runs for every call that ends, after the contact's new state is set
     * (Sarvam's per-attempt webhook); NULL: nothing. Under the sim lock. */
    void (*on_call_end)(void *ud, const store_campaign_t *c, const store_contact_t *k);
    void *on_call_end_ud;
} dialer_config_t;

void dialer_config_defaults(dialer_config_t *cfg);

/* Parses "completed=0.6,no_answer=0.2,..." into cfg. false on a bad
 * name or a negative/non-numeric weight, or when all weights are zero. */
bool dialer_parse_rates(dialer_config_t *cfg, const char *text);

/* Advances one campaign to time `now`. */
void dialer_advance(store_campaign_t *c, int64_t now, const dialer_config_t *cfg);
/* Advances every campaign whose next event is due; *moved (may be NULL)
 * is set when any campaign was stepped. Returns the earliest next event
 * over all campaigns (INT64_MAX when nothing will happen). */
int64_t dialer_advance_all(store_t *s, int64_t now, const dialer_config_t *cfg, bool *moved);

/* The dialer's static failure text equal to `text`, for loading saved
 * state; an unknown text maps to a generic one. */
const char *dialer_reason_intern(const char *text);

/* After an action changed a campaign: recompute on the next advance, and
 * mark the campaign changed for the --state database. */
void dialer_touch(store_campaign_t *c);

#endif
