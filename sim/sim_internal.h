/* What the sim's modules share behind sim.h: the simulator object and the
 * per-request context the dialect handlers work on. Not for tests. */
#ifndef DIALTOP_SIM_INTERNAL_H
#define DIALTOP_SIM_INTERNAL_H

#include <pthread.h>

#include "model.h"
#include "quota.h"
#include "sim.h"
#include "simclock.h"
#include "store.h"
#include "webhook.h"

#define SIM_MAX_ROUTES 64

typedef struct {
    const char *name;          /* static string */
    long count;
} sim_route_count_t;

struct sim {
    pthread_mutex_t lock;      /* guards everything below */
    simclock_t clock;
    store_t store;
    dialer_config_t dialer;
    faults_t faults;
    quota_t truedy_quota;
    char *api_key;
    char *state_path;
    struct state_db *db;       /* --state; NULL: nothing saved */
    bool loaded;
    int64_t next_event;        /* nothing in the store changes before this */
    long requests_total, actions_total;
    sim_route_count_t routes[SIM_MAX_ROUTES];
    size_t nroutes;
    webhooks_t *hooks;         /* Sarvam's outgoing webhooks (own lock) */
    char *webhook_url;         /* default for campaigns the sim makes itself */
};

typedef struct sim_ctx {
    sim_t *sim;
    const sim_request_t *req;
    sim_response_t *resp;
    provider_t provider;       /* whose error shapes to answer in */
    int64_t now;
    const char *route;         /* static name for /_sim/stats */
    bool changed;              /* the store changed: save before answering */
} sim_ctx_t;

/* The dialects' descriptions (dialects.h), each in its dialect's file;
 * dialects.c lists them. */
extern const sim_dialect_desc_t sim_omnidim_dialect;
extern const sim_dialect_desc_t sim_truedy_dialect;
extern const sim_dialect_desc_t sim_sarvam_dialect;
void control_handle(sim_ctx_t *ctx, const char *rest);

#endif
