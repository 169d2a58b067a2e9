/* Fault injection: latency, 5xx, 429 bursts, dropped connections and
 * malformed bodies, each off by default. Used under the simulator lock. */
#ifndef DIALTOP_SIM_FAULTS_H
#define DIALTOP_SIM_FAULTS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int latency_ms;
    double fail_rate;          /* 0..1: share of requests answered 500 */
    int rate_limit_burst;      /* >0: requests allowed per window, then 429 */
    int rate_limit_window_s;   /* window length, default 10 */
    double drop_rate;          /* 0..1: connections closed without answer */
    double malformed_rate;     /* 0..1: 2xx bodies cut in half */
    bool fail_actions;         /* every state-changing request gets a 500 */
} faults_config_t;

typedef enum {
    FAULT_NONE,
    FAULT_DROP,
    FAULT_RATE_LIMIT,
    FAULT_FAIL
} fault_kind_t;

typedef struct {
    faults_config_t cfg;
    uint64_t rng;
    double window_start;       /* monotonic seconds */
    int window_count;
} faults_t;

void faults_config_defaults(faults_config_t *cfg);
void faults_init(faults_t *f, const faults_config_t *cfg, uint64_t seed);
void faults_set(faults_t *f, const faults_config_t *cfg);

/* Which fault, if any, hits this request. For FAULT_RATE_LIMIT, *reset_s
 * is the number of seconds until the window resets (at least 1). */
fault_kind_t faults_draw(faults_t *f, bool is_action, int *reset_s);
/* Whether this successful body should be cut short. */
bool faults_draw_malformed(faults_t *f);

#endif
