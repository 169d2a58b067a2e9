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
#include "mhd_lazy.h"
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "http_listen.h"

struct server {
    struct MHD_Daemon *daemon;
    sim_t *sim;
    int port;
};

typedef struct {
    http_body_t body; /* first (http_conn_state); capped at SIM_BODY_LIMIT */
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
    bool fresh;
    conn_t *cc = http_conn_state(con_cls, sizeof *cc, SIM_BODY_LIMIT, &fresh);
    if (!cc)
        return MHD_NO;
    if (fresh)
        return MHD_YES; /* the headers; the body, if any, comes next */
    if (*upload_size) {
        if (!http_body_append(&cc->body, upload_data, *upload_size))
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
        .body = cc->body.text.s,
        .body_len = cc->body.text.len,
        .body_too_large = cc->body.too_large,
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

int server_parse_listen(const char *text, char *addr, size_t addrlen, int *port)
{
    return http_listen_parse(text, addr, addrlen, port);
}

server_t *server_start(sim_t *sim, const char *addr, int port, char *err, size_t errlen)
{
    server_t *srv = calloc(1, sizeof *srv);
    if (!srv) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    srv->sim = sim;
    http_listen_options_t lo = {
        .addr = addr,
        .port = port,
        .on_request = on_request,
        .cls = srv,
        .timeout_s = 60,
    };
    if (!(srv->daemon = http_listen_start(&lo, &srv->port, err, errlen))) {
        free(srv);
        return NULL;
    }
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
