/* The HTTP server side shared by dialtop-sim and `dialtop hooks` (see
 * http_listen.h). */
#include "http_listen.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "reason.h"

bool http_listen_parse(const char *text, char *addr, size_t addr_len, int *port)
{
    const char *colon = text ? strrchr(text, ':') : NULL;
    if (!colon || colon == text || (size_t)(colon - text) >= addr_len)
        return false;
    snprintf(addr, addr_len, "%.*s", (int)(colon - text), text);
    if (strcmp(addr, "localhost") == 0)
        snprintf(addr, addr_len, "127.0.0.1");
    char *end;
    long p = strtol(colon + 1, &end, 10);
    struct in_addr a;
    if (!colon[1] || *end || p < 0 || p > 65535 || inet_pton(AF_INET, addr, &a) != 1)
        return false;
    *port = (int)p;
    return true;
}

/* A connection's body starts empty, capped at `max`; made and freed only
 * here, with the connection's state. */
static void http_body_init(http_body_t *b, size_t max)
{
    dynbuf_init(&b->text, max);
    b->too_large = false;
}

static void http_body_free(http_body_t *b)
{
    dynbuf_free(&b->text);
}

/* Frees what http_conn_state() made. */
static void conn_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                           enum MHD_RequestTerminationCode code)
{
    (void)cls;
    (void)conn;
    (void)code;
    http_body_t *state = *con_cls; /* the first member of the server's struct */
    if (state) {
        http_body_free(state);
        free(state);
        *con_cls = NULL;
    }
}

void *http_conn_state(void **con_cls, size_t size, size_t body_max, bool *fresh)
{
    *fresh = false;
    if (*con_cls)
        return *con_cls;
    http_body_t *state = calloc(1, size);
    if (!state)
        return NULL;
    http_body_init(state, body_max);
    *con_cls = state;
    *fresh = true;
    return state;
}

static struct MHD_Daemon *start(const http_listen_options_t *o, unsigned flags,
                                const struct sockaddr_in *sa)
{
    /* the options only one of the two servers sets go in an array, so
     * there is one call whatever the mix */
    struct MHD_OptionItem extra[4];
    size_t n = 0;
    if (o->connection_limit)
        extra[n++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_LIMIT,
                                             (intptr_t)o->connection_limit, NULL};
    if (flags & MHD_USE_TLS) {
        extra[n++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)o->tls_cert};
        extra[n++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)o->tls_key};
    }
    extra[n] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};
    return MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, o->on_request, o->cls,
                            MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)sa,
                            MHD_OPTION_NOTIFY_COMPLETED, conn_completed, NULL,
                            MHD_OPTION_CONNECTION_TIMEOUT, o->timeout_s, MHD_OPTION_ARRAY,
                            extra, MHD_OPTION_END);
}

struct MHD_Daemon *http_listen_start(const http_listen_options_t *o, int *bound_port,
                                     char *err, size_t err_len)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)o->port);
    if (inet_pton(AF_INET, o->addr, &sa.sin_addr) != 1) {
        reason_fail(err, err_len, "not an IPv4 address: %s", o->addr);
        return NULL;
    }
    /* the library's own sentence (what to install) rather than a port
     * "in use" when the daemon could not even be asked for */
    const char *no_lib = mhd_lazy_unavailable();
    if (no_lib) {
        reason_fail(err, err_len, "%s", no_lib);
        return NULL;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
                     MHD_USE_POLL;
    bool tls = o->tls_cert && o->tls_key;
    if (tls) {
        if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
            reason_fail(err, err_len, "this libmicrohttpd was built without TLS");
            return NULL;
        }
        flags |= MHD_USE_TLS;
    }
    struct MHD_Daemon *d = start(o, flags, &sa);
    if (!d) {
        reason_fail(err, err_len, "cannot listen on %s:%d (port in use%s)", o->addr, o->port,
                    tls ? ", not allowed, or the certificate and key do not load"
                        : " or not allowed");
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_LISTEN_FD);
    struct sockaddr_in bound;
    socklen_t len = sizeof bound;
    if (!info || getsockname(info->listen_fd, (struct sockaddr *)&bound, &len) != 0) {
        MHD_stop_daemon(d);
        reason_fail(err, err_len, "cannot read the bound port");
        return NULL;
    }
    *bound_port = ntohs(bound.sin_port);
    return d;
}

bool http_body_append(http_body_t *b, const char *data, size_t len)
{
    if (b->too_large)
        return true;
    if (dynbuf_addn(&b->text, data, len))
        return true;
    if (!b->text.too_large)
        return false; /* out of memory */
    b->too_large = true;
    dynbuf_free(&b->text);
    return true;
}
