/* The receiver's HTTP side (libmicrohttpd): routes, the token, the
 * refusals. It owns no data: every attempt goes to the store, and is
 * acknowledged only once the store has committed it.
 *
 *   POST /sarvam/{token}                          one attempt (Sarvam's webhook)
 *   GET  /sarvam/campaigns/{id}/attempts?offset&limit&state   Bearer token
 *   GET  /sarvam/campaigns/{id}/summary                       Bearer token
 *   GET  /sarvam/summaries                                    Bearer token
 *   GET  /health                                  no token: {"ok":true}
 *
 * Sarvam sends no signature, so the token in the path is what tells its
 * webhooks from anyone else's POST; it is compared in constant time. */
#ifndef DIALTOP_HOOKS_SERVER_H
#define DIALTOP_HOOKS_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "hooks_store.h"

typedef struct hooks_server hooks_server_t;

typedef struct {
    const char *addr;        /* IPv4 address to bind */
    int port;                /* 0: a free one */
    const char *token;       /* the shared secret (copied) */
    const char *tls_cert;    /* PEM text (not a path), both or neither */
    const char *tls_key;
    hooks_store_t *store;    /* borrowed; outlives the server */
} hooks_server_options_t;

hooks_server_t *hooks_server_start(const hooks_server_options_t *o, char *err, size_t err_len);
int hooks_server_port(const hooks_server_t *s);
/* Stops accepting, finishes requests in flight, frees. */
void hooks_server_stop(hooks_server_t *s);

/* Counters since start, for the log line on exit. */
typedef struct {
    unsigned long stored, duplicates, refused, failed;
} hooks_server_stats_t;
void hooks_server_stats(const hooks_server_t *s, hooks_server_stats_t *out);

#endif
