/* Unit-test helper: calls sim_handle directly (no sockets) and parses the
 * JSON answer. Every request carries the key "test-key" in all three
 * providers' headers unless sim_call_noauth is used. */
#ifndef DIALTOP_SIMCALL_H
#define DIALTOP_SIMCALL_H

#include <cjson/cJSON.h>

#include "sim.h"

#define SIMCALL_KEY "test-key"
/* 2026-03-02 10:00:00 UTC, a Monday. */
#define SIMCALL_T0 1772445600LL

/* A simulator with key SIMCALL_KEY, seed 1, frozen at SIMCALL_T0. */
sim_t *simcall_new(void);

/* Returns the parsed body (NULL when not JSON), status in *status and, if
 * resp is not NULL, the full response (caller frees with
 * sim_response_free). */
cJSON *sim_call(sim_t *sim, const char *method, const char *url, const char *body, int *status);
cJSON *sim_call_full(sim_t *sim, const char *method, const char *url, const char *body,
                     bool auth, int *status, sim_response_t *resp);

/* Creates a campaign through POST /_sim/campaigns and returns its id
 * (static buffer, overwritten by the next call). */
const char *simcall_make(sim_t *sim, const char *provider, const char *status, int contacts);

/* Dotted path lookup: "details.call_status_counts.Pending", "records.0.id". */
const cJSON *simcall_get(const cJSON *root, const char *path);
const char *simcall_str(const cJSON *root, const char *path);   /* NULL if not a string */
double simcall_num(const cJSON *root, const char *path);        /* -1e300 if not a number */

#define SIM_PREFIX_SARVAM "/api/scheduling/v1/orgs/org1/workspaces/ws1"

#endif
