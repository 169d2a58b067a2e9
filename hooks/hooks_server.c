/* The receiver's HTTP side; see hooks_server.h.
 *
 * Thread per connection, as dialtop-sim: Sarvam's senders keep a request
 * in flight each, and a slow commit then holds only its own sender. */
#include "hooks_server.h"

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include "mhd_lazy.h"
#include <netinet/in.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "http_listen.h"
#include "sarvam_webhook.h"

#define PAGE_DEFAULT 50
#define PAGE_MAX 100
/* Bounds on what senders can hold: a thread per connection, so a flood of
 * idle or trickling connections is capped and timed out rather than
 * allowed to exhaust threads or descriptors. Sarvam needs a handful. */
#define CONNECTION_LIMIT 256
#define CONNECTION_TIMEOUT_S 30

struct hooks_server {
    struct MHD_Daemon *daemon;
    hooks_store_t *store;
    char *token;
    int port;
    atomic_ulong stored, duplicates, refused, failed;
};

typedef struct {
    http_body_t body; /* first (http_conn_state); capped at SARVAM_WEBHOOK_BODY_MAX */
    bool answered; /* a response was queued before the body was read */
} conn_t;

/* A reply assembled by a route: status and JSON text (owned). */
typedef struct {
    unsigned status;
    char *body;
    const char *allow;        /* Allow header for 405 */
    bool auth_challenge;      /* WWW-Authenticate for 401 */
} reply_t;

/* Token comparison whose time depends only on the secret's length. */
static bool hooks_token_equal(const char *given, size_t given_len, const char *secret)
{
    size_t n = strlen(secret);
    unsigned char diff = (unsigned char)(given_len != n);
    /* Always walks the whole secret; a shorter guess reads zeros. */
    for (size_t i = 0; i < n; i++) {
        unsigned char g = i < given_len ? (unsigned char)given[i] : 0;
        diff |= (unsigned char)(g ^ (unsigned char)secret[i]);
    }
    return diff == 0;
}

/* {"error":{"message":..., "code":...}}: Sarvam's own error shape. */
static void reply_error(reply_t *r, unsigned status, const char *code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static void reply_error(reply_t *r, unsigned status, const char *code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cJSON *o = cJSON_CreateObject();
    cJSON *e = cJSON_AddObjectToObject(o, "error");
    cJSON_AddStringToObject(e, "message", msg);
    cJSON_AddStringToObject(e, "code", code);
    r->status = status;
    r->body = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
}

/* --- routes ------------------------------------------------------------------ */

static void route_post_attempt(hooks_server_t *srv, const conn_t *cc, reply_t *r)
{
    if (cc->body.too_large) {
        atomic_fetch_add(&srv->refused, 1);
        reply_error(r, 413, "payload_too_large", "the body is over %d bytes",
                    SARVAM_WEBHOOK_BODY_MAX);
        return;
    }
    sarvam_webhook_t w;
    char why[256];
    sarvam_webhook_status_t st =
        sarvam_webhook_parse(cc->body.text.s, cc->body.text.len, &w, why, sizeof why);
    if (st != SARVAM_WEBHOOK_OK) {
        atomic_fetch_add(&srv->refused, 1);
        reply_error(r, (unsigned)sarvam_webhook_http_status(st),
                    st == SARVAM_WEBHOOK_MISSING ? "validation_error" : "invalid_json", "%s",
                    why);
        return;
    }
    char err[256];
    hooks_store_result_t res =
        hooks_store_add(srv->store, &w, cc->body.text.s, cc->body.text.len, time(NULL), err, sizeof err);
    cJSON *o = cJSON_CreateObject();
    switch (res) {
    case HOOKS_STORE_ADDED:
        atomic_fetch_add(&srv->stored, 1);
        cJSON_AddStringToObject(o, "status", "stored");
        break;
    case HOOKS_STORE_DUPLICATE:
        atomic_fetch_add(&srv->duplicates, 1);
        cJSON_AddStringToObject(o, "status", "duplicate");
        break;
    case HOOKS_STORE_FAILED:
        /* 503: nothing was committed, so Sarvam's retry is the right thing */
        atomic_fetch_add(&srv->failed, 1);
        cJSON_Delete(o);
        sarvam_webhook_free(&w);
        fprintf(stderr, "dialtop hooks: %s\n", err);
        reply_error(r, 503, "store_unavailable", "the attempt was not stored: %s", err);
        return;
    }
    cJSON_AddStringToObject(o, "attempt_id", w.attempt_id);
    cJSON_AddStringToObject(o, "state", model_contact_state_name(w.state));
    sarvam_webhook_free(&w);
    r->status = 200;
    r->body = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
}

/* "Bearer TOKEN" with the right token. */
static bool reader_allowed(const hooks_server_t *srv, struct MHD_Connection *conn)
{
    const char *auth = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
    if (!auth || strncasecmp(auth, "Bearer ", 7) != 0)
        return false;
    const char *t = auth + 7;
    while (*t == ' ')
        t++;
    return hooks_token_equal(t, strlen(t), srv->token);
}

/* A whole number in [lo, hi] from the query, `dflt` when absent. */
static bool query_long(struct MHD_Connection *conn, const char *key, long dflt, long lo,
                       long hi, long *out)
{
    const char *v = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, key);
    if (!v) {
        *out = dflt;
        return true;
    }
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < lo || n > hi)
        return false;
    *out = n;
    return true;
}

/* Any spelling the model folds ("No Answer", "no-answer", "no_answer"). */
static bool state_from_query(const char *v, contact_state_t *out)
{
    *out = model_contact_state_from_raw(PROVIDER_SARVAM, v);
    return *out != CONTACT_UNKNOWN;
}

static void route_attempts(hooks_server_t *srv, struct MHD_Connection *conn,
                           const char *campaign_id, const char *path, reply_t *r)
{
    long offset, limit;
    if (!query_long(conn, "offset", 0, 0, 1L << 40, &offset)) {
        reply_error(r, 422, "validation_error", "offset must be a whole number >= 0");
        return;
    }
    if (!query_long(conn, "limit", PAGE_DEFAULT, 1, PAGE_MAX, &limit)) {
        reply_error(r, 422, "validation_error", "limit must be from 1 to %d", PAGE_MAX);
        return;
    }
    contact_state_t state = CONTACT_UNKNOWN;
    const char *sv = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "state");
    if (sv && *sv && !state_from_query(sv, &state)) {
        reply_error(r, 422, "validation_error",
                    "state must be a contact state such as completed, no_answer, busy, "
                    "failed or retry_scheduled");
        return;
    }
    char err[256];
    char *text = hooks_store_page_json(srv->store, campaign_id, offset, limit, state, path,
                                       err, sizeof err);
    if (!text) {
        reply_error(r, 503, "store_unavailable", "%s", err);
        return;
    }
    r->status = 200;
    r->body = text;
}

static void route_summary(hooks_server_t *srv, const char *campaign_id, reply_t *r)
{
    hooks_summary_t sum;
    char err[256];
    if (!hooks_store_summary(srv->store, campaign_id, &sum, err, sizeof err)) {
        reply_error(r, 503, "store_unavailable", "%s", err);
        return;
    }
    r->status = 200;
    r->body = hooks_summary_json(campaign_id, &sum);
}

/* /sarvam/campaigns/{id}/{what}: splits into id and what (in `buf`). */
static bool split_campaign_path(const char *rest, char *buf, size_t len, const char **id,
                                const char **what)
{
    if (strlen(rest) >= len)
        return false;
    snprintf(buf, len, "%s", rest);
    char *slash = strchr(buf, '/');
    if (!slash || slash == buf || strchr(slash + 1, '/'))
        return false;
    *slash = '\0';
    *id = buf;
    *what = slash + 1;
    return true;
}

static void route(hooks_server_t *srv, struct MHD_Connection *conn, const char *method,
                  const char *url, const conn_t *cc, reply_t *r)
{
    bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    if (strcmp(url, "/health") == 0) {
        r->status = 200;
        r->body = strdup("{\"ok\":true}");
        return;
    }
    if (strncmp(url, "/sarvam/", 8) != 0) {
        reply_error(r, 404, "not_found", "no such path");
        return;
    }
    const char *rest = url + 8;
    bool reading = strncmp(rest, "campaigns/", 10) == 0 || strcmp(rest, "summaries") == 0;
    if (!reading) {
        /* /sarvam/{token}: the webhook */
        if (strcmp(method, "POST") != 0) {
            r->allow = "POST";
            reply_error(r, 405, "method_not_allowed", "webhooks are POSTed");
            return;
        }
        if (!hooks_token_equal(rest, strlen(rest), srv->token)) {
            atomic_fetch_add(&srv->refused, 1);
            reply_error(r, 401, "unauthorized", "unknown webhook token");
            return;
        }
        route_post_attempt(srv, cc, r);
        return;
    }
    if (!get) {
        r->allow = "GET";
        reply_error(r, 405, "method_not_allowed", "the receiver's lists are read with GET");
        return;
    }
    if (!reader_allowed(srv, conn)) {
        r->auth_challenge = true;
        reply_error(r, 401, "unauthorized",
                    "reading needs Authorization: Bearer and the receiver's token");
        return;
    }
    if (strcmp(rest, "summaries") == 0) {
        char err[256];
        r->body = hooks_store_summaries_json(srv->store, err, sizeof err);
        if (r->body)
            r->status = 200;
        else
            reply_error(r, 503, "store_unavailable", "%s", err);
        return;
    }
    char buf[512];
    const char *id, *what;
    if (!split_campaign_path(rest + 10, buf, sizeof buf, &id, &what)) {
        reply_error(r, 404, "not_found", "no such path");
        return;
    }
    if (strcmp(what, "attempts") == 0)
        route_attempts(srv, conn, id, url, r);
    else if (strcmp(what, "summary") == 0)
        route_summary(srv, id, r);
    else
        reply_error(r, 404, "not_found", "no such path");
}

/* --- libmicrohttpd glue ------------------------------------------------------- */

static enum MHD_Result send_reply(struct MHD_Connection *conn, reply_t *r)
{
    if (!r->body) {
        r->status = 500;
        r->body = strdup("{\"error\":{\"message\":\"out of memory\",\"code\":\"internal\"}}");
        if (!r->body)
            return MHD_NO;
    }
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(strlen(r->body), r->body, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(r->body);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", "application/json");
    if (r->allow)
        MHD_add_response_header(resp, "Allow", r->allow);
    if (r->auth_challenge)
        MHD_add_response_header(resp, "WWW-Authenticate", "Bearer");
    enum MHD_Result ok = MHD_queue_response(conn, r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

/* Refusals that need no body are answered before it is read: a wrong
 * token or an announced body over the limit costs the sender nothing more
 * and us no memory. */
static bool refuse_early(hooks_server_t *srv, struct MHD_Connection *conn, const char *method,
                         const char *url, reply_t *r)
{
    if (strcmp(method, "POST") != 0 || strncmp(url, "/sarvam/", 8) != 0)
        return false;
    const char *rest = url + 8;
    if (strncmp(rest, "campaigns/", 10) == 0 || strcmp(rest, "summaries") == 0)
        return false;
    if (!hooks_token_equal(rest, strlen(rest), srv->token)) {
        atomic_fetch_add(&srv->refused, 1);
        reply_error(r, 401, "unauthorized", "unknown webhook token");
        return true;
    }
    const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    if (cl && strtoull(cl, NULL, 10) > SARVAM_WEBHOOK_BODY_MAX) {
        atomic_fetch_add(&srv->refused, 1);
        reply_error(r, 413, "payload_too_large", "the body is over %d bytes",
                    SARVAM_WEBHOOK_BODY_MAX);
        return true;
    }
    return false;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version;
    hooks_server_t *srv = cls;
    bool fresh;
    conn_t *cc = http_conn_state(con_cls, sizeof *cc, SARVAM_WEBHOOK_BODY_MAX, &fresh);
    if (!cc)
        return MHD_NO;
    if (fresh) {
        reply_t r = {0};
        if (refuse_early(srv, conn, method, url, &r)) {
            cc->answered = true;
            return send_reply(conn, &r);
        }
        return MHD_YES;
    }
    if (cc->answered) {
        *upload_size = 0; /* the rest of a refused body is dropped */
        return MHD_YES;
    }
    if (*upload_size) {
        if (!http_body_append(&cc->body, upload_data, *upload_size))
            return MHD_NO;
        *upload_size = 0;
        return MHD_YES;
    }
    reply_t r = {0};
    route(srv, conn, method, url, cc, &r);
    cc->answered = true;
    return send_reply(conn, &r);
}

hooks_server_t *hooks_server_start(const hooks_server_options_t *o, char *err, size_t err_len)
{
    hooks_server_t *srv = calloc(1, sizeof *srv);
    if (!srv || !(srv->token = strdup(o->token ? o->token : ""))) {
        free(srv);
        snprintf(err, err_len, "out of memory");
        return NULL;
    }
    srv->store = o->store;
    http_listen_options_t lo = {
        .addr = o->addr,
        .port = o->port,
        .on_request = on_request,
        .cls = srv,
        .timeout_s = CONNECTION_TIMEOUT_S,
        .connection_limit = CONNECTION_LIMIT,
        .tls_cert = o->tls_cert,
        .tls_key = o->tls_key,
    };
    if (!(srv->daemon = http_listen_start(&lo, &srv->port, err, err_len))) {
        hooks_server_stop(srv);
        return NULL;
    }
    return srv;
}

int hooks_server_port(const hooks_server_t *s)
{
    return s->port;
}

void hooks_server_stats(const hooks_server_t *s, hooks_server_stats_t *out)
{
    out->stored = atomic_load(&s->stored);
    out->duplicates = atomic_load(&s->duplicates);
    out->refused = atomic_load(&s->refused);
    out->failed = atomic_load(&s->failed);
}

void hooks_server_stop(hooks_server_t *s)
{
    if (!s)
        return;
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    if (s->token) {
        /* the secret does not linger in freed memory */
        volatile char *p = s->token;
        while (*p)
            *p++ = 0;
        free(s->token);
    }
    free(s);
}
