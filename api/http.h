/* Non-blocking HTTP transport over libcurl's multi interface.
 *
 * One transport (http_transport_t: one curl multi handle) per process,
 * shared by every profile; each profile talks through a channel of its
 * own (http_t: its options, its requests, its figures). Requests of every
 * channel run concurrently; the caller learns of completions by polling
 * the transport (http_transport_poll(), or http_poll() on any channel),
 * which waits once in curl_multi_poll() on every channel's sockets and
 * timers and one extra file descriptor (the terminal), so a console loop
 * wakes on a key, a finished transfer or the earliest timer, whichever
 * comes first, however many profiles it shows. Nothing in here blocks
 * beyond the timeout the caller passes.
 *
 * Retries: only GETs marked idempotent (reads) are retried, on network
 * errors and 5xx, with exponential backoff and jitter; the wait is a timer
 * inside http_poll(), never a sleep. Every other request (actions,
 * creates) goes out at most once: on a fresh connection that is never
 * reused, so libcurl cannot silently resend it after a keep-alive
 * connection drops, and never retried here; the caller reads back what
 * happened. 429 is never retried here: it reaches the caller with the
 * time to wait (capped at API_WAIT_MAX_S).
 *
 * TLS verification is always on, except for a profile that sets
 * `insecure = true` (http_is_insecure() lets the console show it). */
#ifndef DIALTOP_HTTP_H
#define DIALTOP_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "driver.h"

typedef struct http_transport http_transport_t;
typedef struct http http_t;

typedef struct {
    long connect_timeout_ms;      /* default 5000 */
    long total_timeout_ms;        /* default 20000, per attempt */
    int max_retries;              /* idempotent requests only; default 2 */
    long backoff_base_ms;         /* first retry waits about this long; default 250 */
    long backoff_max_ms;          /* cap on one wait; default 4000 */
    bool insecure;                /* disable TLS verification (profile `insecure`) */
    size_t max_body_bytes;        /* larger replies fail as network errors; default 64 MiB */
} http_options_t;

void http_options_default(http_options_t *o);

/* The process's transport. Free it after every channel made on it.
 * NULL when out of memory or when libcurl cannot be loaded (the first
 * transport loads it: curl_lazy.h). */
http_transport_t *http_transport_new(void);
/* Why no transport can be made (libcurl missing, and what to install),
 * or NULL when one can. */
const char *http_transport_unavailable(void);
void http_transport_free(http_transport_t *t);

/* A channel on `t` with options `o` (NULL: defaults). */
http_t *http_new_on(http_transport_t *t, const http_options_t *o);
/* A channel with a transport of its own (freed with it): for a program
 * that talks to one backend only, and the tests. */
http_t *http_new(const http_options_t *o);
/* Aborts the channel's transfers still running; their callbacks are not
 * called. Not from inside a callback. */
void http_free(http_t *h);
http_transport_t *http_transport_of(const http_t *h);

/* The channel's owner's own work (the client layer's held requests and
 * operations that failed before sending): every poll of the transport
 * runs each channel's tick before it waits and again after, so one wait
 * serves every owner. Returns the callbacks it ran; *next_ms gets the
 * milliseconds until it has something to do again (-1: nothing). */
typedef int (*http_tick_fn)(void *ud, long *next_ms);
void http_set_tick(http_t *h, http_tick_fn fn, void *ud);

bool http_is_insecure(const http_t *h);

/* Called once per submitted request, from inside http_poll() (never from
 * http_submit). Exactly one of the two is non-NULL:
 *   resp: an HTTP response arrived (any status; the driver judges it),
 *   neterr: no response after all attempts (kind API_ERR_NETWORK).
 * Both pointers are valid only during the call. */
typedef void (*http_done_fn)(const api_response_t *resp, const api_error_t *neterr,
                             void *ud);

/* Starts `req` (copied; the caller may free it at once). Returns an id > 0,
 * or 0 with `err` set when the request could not even be started. */
unsigned long http_submit(http_t *h, const api_request_t *req, http_done_fn done,
                          void *ud, api_error_t *err);
/* http_submit() taking `req->body` over instead of copying it (NULL in
 * `req` afterwards, whatever the outcome): a create carrying a large
 * contact list is not held twice while it is sent. */
unsigned long http_submit_take(http_t *h, api_request_t *req, http_done_fn done,
                               void *ud, api_error_t *err);

/* Drops a request: its callback will not be called. False if unknown. */
bool http_cancel(http_t *h, unsigned long id);

/* Drives the transfers of every channel and dispatches finished ones to
 * their callbacks. Waits at most `timeout_ms` (0 = do not wait, -1 =
 * until something happens), less when a retry or a tick falls due.
 * `extra_fd` (-1 for none) is watched for input; `*extra_fd_ready` (may
 * be NULL) says whether it is readable. Returns the number of callbacks
 * run, or -1 on a curl failure. */
int http_transport_poll(http_transport_t *t, int extra_fd, int timeout_ms,
                        bool *extra_fd_ready);
/* http_transport_poll() on the channel's transport: every channel on it
 * moves, not only `h`. */
int http_poll(http_t *h, int extra_fd, int timeout_ms, bool *extra_fd_ready);

/* The channel's requests submitted and not yet completed or cancelled
 * (retries included). */
size_t http_pending(const http_t *h);

/* The channel's totals since it was made. Only the tests read them: the
 * transport alone sees retries and reused connections, which is what the
 * driver suites assert (a read retried, keep-alive kept). */
typedef struct {
    unsigned long submitted;
    unsigned long completed;
    unsigned long retries;        /* extra attempts made for idempotent reads */
    unsigned long connections;    /* new connections opened (keep-alive keeps it low) */
} http_stats_t;

void http_get_stats(const http_t *h, http_stats_t *out);

/* A Retry-After value (seconds, or an HTTP date compared with `now`) as
 * seconds within [0, API_WAIT_MAX_S]; -1 when unreadable. *capped (may be
 * NULL) says the provider asked for longer. Pure: the fuzz target's way in. */
long http_parse_retry_after(const char *value, time_t now, bool *capped);

/* Maps a libcurl result code to an operator-readable network error. */
void http_error_from_curl(int curl_code, const char *detail, api_error_t *err);

#endif
