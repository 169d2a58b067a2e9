/* libmicrohttpd glue; see server.h.
 *
 * Thread per connection: an injected latency sleeps in the connection's
 * own thread without holding up other clients, and keep-alive clients
 * (the console, wrk) each keep one thread busy only while a request is in
 * flight. poll() rather than select() so descriptors above 1023 work. The
 * simulator itself is locked inside sim_handle. */
#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "dynbuf.h"

struct server {
    struct MHD_Daemon *daemon;
    sim_t *sim;
    int port;
};

typedef struct {
    dynbuf_t body; /* capped at SIM_BODY_LIMIT */
    bool too_large;
} conn_t;

typedef struct {
    sim_kv_t *items;
    size_t n, cap;
    bool oom;
} kv_vec_t;

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    (void)kind;
    kv_vec_t *v = cls;
    sim_kv_t *items = dyn_grow(v->items, &v->cap, v->n + 1, sizeof *items, 8);
    if (!items) {
        v->oom = true;
        return MHD_NO;
    }
    v->items = items;
    v->items[v->n].key = key;
    v->items[v->n].value = value ? value : "";
    v->n++;
    return MHD_YES;
}

static bool body_append(conn_t *cc, const char *data, size_t len)
{
    if (cc->too_large)
        return true;
    if (dynbuf_addn(&cc->body, data, len))
        return true;
    if (!cc->body.too_large)
        return false; /* out of memory */
    /* keep reading (and discarding) so the client gets an answer */
    cc->too_large = true;
    dynbuf_free(&cc->body);
    return true;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version;
    server_t *srv = cls;
    conn_t *cc = *con_cls;
    if (!cc) {
        cc = calloc(1, sizeof *cc);
        if (!cc)
            return MHD_NO;
        dynbuf_init(&cc->body, SIM_BODY_LIMIT);
        *con_cls = cc;
        return MHD_YES;
    }
    if (*upload_size) {
        if (!body_append(cc, upload_data, *upload_size))
            return MHD_NO;
        *upload_size = 0;
        return MHD_YES;
    }

    kv_vec_t query = {0};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, &query);
    sim_request_t req = {
        .method = method,
        .path = url,
        .query = query.items,
        .nquery = query.n,
        .authorization = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization"),
        .x_api_key = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-API-Key"),
        .x_sim_key = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Sim-Key"),
        .body = cc->body.s,
        .body_len = cc->body.len,
        .body_too_large = cc->too_large,
    };
    sim_response_t resp;
    sim_handle(srv->sim, &req, &resp);
    free(query.items);
    if (resp.delay_ms > 0)
        sleep_ms(resp.delay_ms);
    if (resp.drop) {
        sim_response_free(&resp);
        return MHD_NO; /* closes the connection without an answer */
    }
    struct MHD_Response *r;
    if (resp.body) {
        r = MHD_create_response_from_buffer(resp.body_len, resp.body, MHD_RESPMEM_MUST_FREE);
        if (r)
            resp.body = NULL; /* MHD frees it */
    } else {
        r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    }
    sim_response_free(&resp);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", "application/json");
    for (size_t i = 0; i < resp.nheaders; i++)
        MHD_add_response_header(r, resp.headers[i].name, resp.headers[i].value);
    enum MHD_Result ok = MHD_queue_response(conn, (unsigned)resp.status, r);
    MHD_destroy_response(r);
    return ok;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    (void)cls;
    (void)conn;
    (void)code;
    conn_t *cc = *con_cls;
    if (cc) {
        dynbuf_free(&cc->body);
        free(cc);
        *con_cls = NULL;
    }
}

int server_parse_listen(const char *text, char *addr, size_t addrlen, int *port)
{
    const char *colon = text ? strrchr(text, ':') : NULL;
    if (!colon || colon == text || (size_t)(colon - text) >= addrlen)
        return 0;
    snprintf(addr, addrlen, "%.*s", (int)(colon - text), text);
    char *end;
    long p = strtol(colon + 1, &end, 10);
    if (!colon[1] || *end || p < 0 || p > 65535)
        return 0;
    struct in_addr a;
    if (inet_pton(AF_INET, addr, &a) != 1)
        return 0;
    *port = (int)p;
    return 1;
}

server_t *server_start(sim_t *sim, const char *addr, int port, char *err, size_t errlen)
{
    server_t *srv = calloc(1, sizeof *srv);
    if (!srv) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    srv->sim = sim;
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1) {
        snprintf(err, errlen, "not an IPv4 address: %s", addr);
        free(srv);
        return NULL;
    }
    srv->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL,
        (uint16_t)port, NULL,
        NULL, on_request, srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)60, MHD_OPTION_END);
    if (!srv->daemon) {
        snprintf(err, errlen, "cannot listen on %s:%d (port in use or not allowed)", addr, port);
        free(srv);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_LISTEN_FD);
    struct sockaddr_in bound;
    socklen_t len = sizeof bound;
    if (!info || getsockname(info->listen_fd, (struct sockaddr *)&bound, &len) != 0) {
        snprintf(err, errlen, "cannot read the bound port");
        server_stop(srv);
        return NULL;
    }
    srv->port = ntohs(bound.sin_port);
    return srv;
}

int server_port(const server_t *srv)
{
    return srv->port;
}

void server_stop(server_t *srv)
{
    if (!srv)
        return;
    if (srv->daemon)
        MHD_stop_daemon(srv->daemon);
    free(srv);
}
