/* dialtop-sim's request handling as plain functions: a request in, a
 * response out, no sockets. server.c feeds it from libmicrohttpd; unit
 * tests call it directly. One sim_t is safe to use from many threads. */
#ifndef DIALTOP_SIM_SIM_H
#define DIALTOP_SIM_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dialer.h"
#include "faults.h"
#include "webhook.h"

#define SIM_BODY_LIMIT (16u * 1024u * 1024u)

typedef struct sim sim_t;

typedef struct {
    const char *key;
    const char *value;
} sim_kv_t;

typedef struct {
    const char *method;
    const char *path;          /* decoded, without the query */
    const sim_kv_t *query;     /* decoded query arguments */
    size_t nquery;
    const char *authorization; /* header values, NULL when absent */
    const char *x_api_key;
    const char *x_sim_key;
    const char *body;
    size_t body_len;
    bool body_too_large;       /* the server dropped a body over SIM_BODY_LIMIT */
    /* storage owned by sim_request_parse */
    char *own_buf;
    sim_kv_t *own_query;
} sim_request_t;

#define SIM_MAX_HEADERS 4
typedef struct {
    char name[32];
    char value[64];
} sim_header_t;

typedef struct {
    int status;
    char *body;                /* malloc'd, NUL-terminated, may be NULL */
    size_t body_len;
    sim_header_t headers[SIM_MAX_HEADERS];
    size_t nheaders;
    int delay_ms;              /* injected latency: wait before answering */
    bool drop;                 /* injected fault: close without answering */
} sim_response_t;

typedef struct {
    const char *api_key;       /* NULL: every request is accepted */
    double speed;              /* simulated seconds per real second */
    uint64_t seed;
    int64_t start_time;        /* sim epoch at start; 0 = real now */
    dialer_config_t dialer;
    faults_config_t faults;
    const char *state_path;    /* NULL: nothing saved */
    webhooks_config_t webhooks;
    /* Sarvam campaigns the sim makes itself (--demo, --generate,
     * POST /_sim/campaigns without one) post their webhooks here; NULL:
     * they post none. Campaigns made through the Sarvam API use their own
     * app_config.webhook_config.url only. */
    const char *webhook_url;
    /* Truedy's own rate limit (quota.h): requests per window, 0 = off
     * (benchmarks); default 100 per 60 s as the provider. */
    int truedy_quota;
    int truedy_quota_window_s;
} sim_config_t;

/* Defaults: no key, speed 1, seed 1, dialer and fault defaults, Truedy's
 * 100 requests a minute. */
void sim_config_defaults(sim_config_t *cfg);

/* A simulator with an empty store, or with the state file's contents when
 * cfg->state_path names an existing file. On failure returns NULL and
 * writes a sentence to err (a corrupt state file is never touched). */
sim_t *sim_new(const sim_config_t *cfg, char *err, size_t errlen);
void sim_free(sim_t *sim);

/* True when a state file was loaded (then --demo is not applied). */
bool sim_loaded_state(const sim_t *sim);

/* Handles one request. The response must be released with
 * sim_response_free. Never fails: internal trouble becomes a 5xx. */
void sim_handle(sim_t *sim, const sim_request_t *req, sim_response_t *resp);
void sim_response_free(sim_response_t *resp);
const char *sim_response_header(const sim_response_t *resp, const char *name);

/* Builds a request from "/path?a=b&c=d" (percent-decoding the query), for
 * tests and tools. Header fields stay NULL; set them after. */
bool sim_request_parse(sim_request_t *req, const char *method, const char *url,
                       const char *body);
void sim_request_free(sim_request_t *req);

/* Tests: freeze the clock at t (epoch seconds) and run the dialer to it. */
void sim_set_time(sim_t *sim, int64_t t);
int64_t sim_now(sim_t *sim);

/* Adds the demo campaigns, or n generated campaigns (benchmarks). */
bool sim_load_demo(sim_t *sim);
bool sim_generate(sim_t *sim, long n);

/* Starts the webhook delivery thread, which also advances the dialer
 * every tick so attempts finish (and are posted) with nobody polling.
 * Unit tests leave it off and drive the clock themselves. */
bool sim_start_webhooks(sim_t *sim);

/* Writes the state file now (SIGTERM path). false and err on failure. */
bool sim_save(sim_t *sim, char *err, size_t errlen);

#endif
