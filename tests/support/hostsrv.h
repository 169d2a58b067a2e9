/* A hostile OmniDimension backend for the integration tests: a real HTTP
 * server (libmicrohttpd, in this process, loopback, ephemeral port) that
 * answers reads correctly and misbehaves on purpose on writes and on
 * chosen replies, and counts every request it received by method.
 *
 * Campaigns are ids "1".."8"; a write (PUT pause/resume, DELETE) is always
 * applied to the stored state first, then answered per the write mode, so
 * a test can tell "sent and applied" from "sent twice". */
#ifndef DIALTOP_HOSTSRV_H
#define DIALTOP_HOSTSRV_H

#include <stdbool.h>

typedef struct hostsrv hostsrv_t;

typedef enum {
    HOSTSRV_WRITE_OK,        /* 200 {"status":"success","current_status":...} */
    HOSTSRV_WRITE_DROP,      /* apply, then close the connection without a reply */
    HOSTSRV_WRITE_TRUNCATED, /* apply, then 200 with a cut-off JSON body */
    HOSTSRV_WRITE_500,       /* apply, then 500 */
    HOSTSRV_WRITE_ECHO_KEY   /* apply nothing; 401 echoing the Authorization header */
} hostsrv_write_t;

/* `key` is the Bearer key it accepts. NULL with a message on stderr on failure. */
hostsrv_t *hostsrv_start(const char *key);
void hostsrv_stop(hostsrv_t *h);
const char *hostsrv_url(const hostsrv_t *h); /* "http://127.0.0.1:PORT" */

void hostsrv_set_write(hostsrv_t *h, hostsrv_write_t mode);
/* Raw OmniDim status of campaign `id` ("in_progress", "paused", ...). */
void hostsrv_set_status(hostsrv_t *h, int id, const char *status);
const char *hostsrv_status(hostsrv_t *h, int id);
/* Reads of campaign details fail with 503 while set (the read-back). */
void hostsrv_fail_reads(hostsrv_t *h, bool fail);
/* Replaces the reply to GET /api/v1/calls/bulk_call (the list) with
 * `status`, `body` and, when non-NULL, a Retry-After header. NULL body =
 * back to the normal list. */
void hostsrv_set_list_reply(hostsrv_t *h, int status, const char *retry_after,
                            const char *body);

/* Requests received with `method` ("GET", "PUT", "DELETE", "POST"). */
long hostsrv_count(hostsrv_t *h, const char *method);
/* Distinct TCP connections accepted so far. */
long hostsrv_connections(hostsrv_t *h);

#endif
