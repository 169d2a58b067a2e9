/* http_listen: the HTTP server side that dialtop-sim and `dialtop hooks`
 * both run (owns the libmicrohttpd daemon setup, the ADDR:PORT syntax,
 * and a request body read in pieces under a ceiling). The routes stay with
 * each server; what is here is what they would otherwise both write.
 *
 * Thread per connection: a slow handler (the sim's injected latency, a
 * receiver's SQLite commit) holds up only its own connection, and poll()
 * rather than select() so descriptors above 1023 work. */
#ifndef DIALTOP_HTTP_LISTEN_H
#define DIALTOP_HTTP_LISTEN_H

#include <stdbool.h>
#include <stddef.h>

#include "mhd_lazy.h"

#include "dynbuf.h"
#include "must_use.h"

typedef struct {
    const char *addr;                 /* IPv4 address to bind */
    int port;                         /* 0: a free one (see *bound_port) */
    MHD_AccessHandlerCallback on_request;
    void *cls;                        /* handed to on_request */
    unsigned timeout_s;               /* an idle connection is closed after it */
    unsigned connection_limit;        /* 0: libmicrohttpd's own */
    const char *tls_cert, *tls_key;   /* PEM text (not paths): both for HTTPS, or neither */
} http_listen_options_t;

/* Starts the daemon and reads back the port it bound. NULL with one
 * sentence in `err` when the address is not IPv4, TLS is asked of a
 * libmicrohttpd built without it, or the port cannot be had. */
MUST_USE struct MHD_Daemon *http_listen_start(const http_listen_options_t *o, int *bound_port,
                                              char *err, size_t err_len);

/* "127.0.0.1:8080" (or "localhost:8080") -> address text and port. False
 * on anything else: no port, a port past 65535, not an IPv4 address. */
MUST_USE bool http_listen_parse(const char *text, char *addr, size_t addr_len, int *port);

/* A request body arriving in pieces. Past `max` bytes the text is dropped
 * and `too_large` set, while the rest is still read (and discarded) so
 * the sender gets an answer (413) instead of a reset connection. */
typedef struct {
    dynbuf_t text;   /* text.s is NULL while the body is empty */
    bool too_large;
} http_body_t;

/* False only when memory ran out (the connection should be dropped). */
MUST_USE bool http_body_append(http_body_t *b, const char *data, size_t len);

/* A connection's state: a struct whose first member is an http_body_t,
 * made on the connection's first call to on_request and freed when it
 * ends (the daemon's completion callback is this module's). Returns the
 * state, or NULL on OOM (answer MHD_NO); `*fresh` says it was just made. */
void *http_conn_state(void **con_cls, size_t size, size_t body_max, bool *fresh);

#endif
