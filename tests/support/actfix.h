/* Fixture for the action integration tests: one dialtop-sim, one client
 * and action context per provider, the /_sim/ control endpoints, and the
 * audit log they write. Everything goes over real HTTP. */
#ifndef DIALTOP_ACTFIX_H
#define DIALTOP_ACTFIX_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "action.h"
#include "client.h"
#include "simproc.h"

/* The providers dialtop-sim speaks (its dialects): the first three of
 * api/providers/list.h. The fixture's clients, and every "each provider"
 * loop against the sim, go over these, not over the registry, which may
 * list a provider the sim cannot serve (docs/adding-a-provider.md). */
#define ACTFIX_SIM_PROVIDERS (PROVIDER_SARVAM + 1)

typedef struct {
    simproc_t *sim;
    config_profile_t profile[ACTFIX_SIM_PROVIDERS];
    client_t *client[ACTFIX_SIM_PROVIDERS];
    action_ctx_t *ctx[ACTFIX_SIM_PROVIDERS];
    char audit[512];            /* the audit log the contexts write */
} actfix_t;

/* Starts the sim with its clock frozen (so states change only by our
 * actions). NULL with a message on stderr on failure. */
actfix_t *actfix_start(void);
void actfix_stop(actfix_t *f);

/* POST /_sim/campaigns; the new id goes to `id`. */
bool actfix_create(actfix_t *f, provider_t p, const char *name, const char *status,
                   char *id, size_t id_len);

/* The campaign as the driver reads it (caller frees with
 * model_campaign_free + free); NULL when the read failed. */
model_campaign_t *actfix_get(actfix_t *f, provider_t p, const char *id);

/* Every contact of campaign id as the sim holds it. Sarvam lists no
 * contacts (its outcomes come only by webhook), so for Sarvam they are
 * read from the sim's own GET /_sim/sarvam/campaigns/{id}/attempts rows
 * (parsed by the Sarvam driver); the others through the client. Caller
 * frees each with model_contact_free and the array with free. */
bool actfix_contacts(actfix_t *f, provider_t p, const char *id, model_contact_t **out,
                     size_t *n, api_error_t *err);

/* A number from GET /_sim/stats ("requests_total", "actions_total"); -1
 * on failure. The stats request itself counts in requests_total. */
long actfix_stat(actfix_t *f, const char *field);

/* Both counters from one stats read (which counts itself in requests). */
bool actfix_counts(actfix_t *f, long *requests, long *actions);

/* POST /_sim/faults with a JSON body. */
bool actfix_faults(actfix_t *f, const char *json);

/* Lines in the audit log; `last` (may be NULL) gets the last one parsed
 * (caller deletes), NULL when the log is empty. */
int actfix_audit_lines(const actfix_t *f, cJSON **last);

#endif
