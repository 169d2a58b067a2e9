/* When to poll next, and how fresh the data on screen is.
 *
 * Pure bookkeeping over a monotonic clock in seconds (the caller passes
 * `now`), so the backoff rules and the status sentences are unit-tested
 * without a network or a terminal. One poller_t per polled thing (the
 * campaign list of a profile, the open campaign). */
#ifndef DIALTOP_POLLER_H
#define DIALTOP_POLLER_H

#include <stdbool.h>
#include <stddef.h>

#include "driver.h"

#define POLLER_BACKOFF_MAX_S 30.0
#define POLLER_AUTH_RETRY_S 30.0

typedef struct {
    double interval_s;
    double next_due;
    double last_ok;          /* 0: never succeeded */
    double started;          /* when the poll in flight began */
    bool in_flight;
    int failures;            /* consecutive */
    api_error_t err;         /* kind API_OK after a success */
} poller_t;

typedef enum {
    POLLER_SEV_OK,
    POLLER_SEV_BUSY,
    POLLER_SEV_WARN,
    POLLER_SEV_ERROR
} poller_severity_t;

/* `interval_s` below the minimum (1 s) is raised to it. Due at once. */
void poller_init(poller_t *p, int interval_s, double now);

/* A poll may start: due, and none in flight. */
bool poller_due(const poller_t *p, double now);
void poller_started(poller_t *p, double now);
void poller_succeeded(poller_t *p, double now);
/* Schedules the retry: exponential backoff for transient errors, the
 * provider's wait for 429, a slow retry for a rejected key. */
void poller_failed(poller_t *p, const api_error_t *err, double now);
/* `r`: due now (a poll in flight is still not doubled). */
void poller_request_now(poller_t *p, double now);

/* Milliseconds until due (0 when due), -1 while in flight. */
long poller_ms_until_due(const poller_t *p, double now);

/* The data shown comes from before a failure. */
bool poller_is_stale(const poller_t *p);
/* ... or is older than one poll interval plus one request's timeout: a
 * backend that accepts and never answers is stale as soon as a poll
 * should have ended, not after every retry of it has timed out. */
bool poller_is_stale_at(const poller_t *p, double now, double request_timeout_s);

/* One line for the status bar: "updated 2s ago", "polling...",
 * "backend unreachable (connection refused), retry in 8s",
 * "rate limited, waiting 23s", "API key rejected (401): check NAME".
 * `key_source` names where the key comes from (an env var name). The
 * provider's message inside is raw: sanitise before drawing. */
poller_severity_t poller_status_text(const poller_t *p, double now, const char *key_source,
                                 char *out, size_t out_len);

/* Monotonic clock in seconds. */
double poller_now(void);

#endif
