/* Response building for the dialect handlers; see reply.h. */
#include "reply.h"

#include "simtime.h"
#include "wire.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void reply_method(sim_ctx_t *ctx, const char *allow);

static void set_body(sim_response_t *resp, int status, char *body)
{
    free(resp->body);
    resp->status = status;
    resp->body = body;
    resp->body_len = body ? strlen(body) : 0;
}

void reply_header(sim_response_t *resp, const char *name, const char *value)
{
    for (size_t i = 0; i < resp->nheaders; i++) {
        if (strcmp(resp->headers[i].name, name) == 0) {
            snprintf(resp->headers[i].value, sizeof resp->headers[i].value, "%s", value);
            return;
        }
    }
    if (resp->nheaders == SIM_MAX_HEADERS)
        return;
    sim_header_t *h = &resp->headers[resp->nheaders++];
    snprintf(h->name, sizeof h->name, "%s", name);
    snprintf(h->value, sizeof h->value, "%s", value);
}

void reply_json(sim_ctx_t *ctx, int status, cJSON *root)
{
    char *text = root ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    if (!text) {
        set_body(ctx->resp, 500, strdup("{\"error\":\"out of memory\"}"));
        return;
    }
    set_body(ctx->resp, status, text);
}

void reply_json_text(sim_ctx_t *ctx, int status, char *text)
{
    if (!text) {
        set_body(ctx->resp, 500, strdup("{\"error\":\"out of memory\"}"));
        return;
    }
    set_body(ctx->resp, status, text);
}

/* The shapes of the dialect ctx answers in (sim.c picks the provider
 * for the sim's own endpoints and for paths no dialect owns). */
static const sim_errors_t *errors_of(const sim_ctx_t *ctx)
{
    return sim_dialect_for(ctx->provider)->errors;
}

static void vreply_error(sim_ctx_t *ctx, int status, const char *code, const char *fmt,
                         va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    reply_json(ctx, status, errors_of(ctx)->body(status, code, msg, NULL, NULL));
}

void reply_error(sim_ctx_t *ctx, int status, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreply_error(ctx, status, code, fmt, ap);
    va_end(ap);
}

void reply_field(sim_ctx_t *ctx, const char *where, const char *field, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const sim_errors_t *e = errors_of(ctx);
    if (e->field) {
        e->field(ctx, field, msg);
        return;
    }
    cJSON *root = cJSON_CreateObject();
    cJSON *detail = cJSON_AddArrayToObject(root, "detail");
    cJSON *item = cJSON_CreateObject();
    cJSON_AddItemToArray(detail, item);
    cJSON *loc = cJSON_AddArrayToObject(item, "loc");
    cJSON_AddItemToArray(loc, cJSON_CreateString(where));
    const char *p = field;
    while (*p) {
        size_t len = strcspn(p, ".");
        char part[128];
        snprintf(part, sizeof part, "%.*s", (int)len, p);
        if (len > 0 && strspn(part, "0123456789") == len && len < 10)
            cJSON_AddItemToArray(loc, cJSON_CreateNumber(atoi(part)));
        else
            cJSON_AddItemToArray(loc, cJSON_CreateString(part));
        p += len;
        if (*p == '.')
            p++;
    }
    cJSON_AddStringToObject(item, "msg", msg);
    cJSON_AddStringToObject(item, "type", "value_error");
    reply_json(ctx, 422, root);
}

void reply_unauthorized(sim_ctx_t *ctx)
{
    const sim_errors_t *e = errors_of(ctx);
    reply_json(ctx, 401, e->body(401, "unauthorized", e->unauthorized,
                                 e->unauthorized_hint ? "reason" : NULL, e->unauthorized_hint));
}

void reply_rate_limited(sim_ctx_t *ctx, int reset_s)
{
    const sim_errors_t *e = errors_of(ctx);
    char when[32];
    if (e->reset_in_body) {
        /* wall time, as the quota's window runs on it */
        simtime_iso_format((int64_t)time(NULL) + reset_s, when);
    } else {
        snprintf(when, sizeof when, "%d", reset_s);
        reply_header(ctx->resp, "Retry-After", when);
    }
    reply_json(ctx, 429, e->body(429, e->rate_code, e->rate_message,
                                 e->reset_in_body ? "reset_at" : NULL, when));
}

void reply_not_found(sim_ctx_t *ctx)
{
    reply_error(ctx, 404, "not_found", "Not found: %s %s", ctx->req->method, ctx->req->path);
}

/* Routing, lookup and creation the dialects share. WHY here: each must
 * answer a wrong method before a missing campaign, a missing campaign as
 * 404 not_found in its own error shape, and leave the store untouched
 * when a create is refused; one copy keeps that from drifting. */

/* Is method one of the comma-separated names in allow ("GET, POST")? */
static bool method_in(const char *allow, const char *method)
{
    size_t n = strlen(method);
    for (const char *p = allow; *p;) {
        size_t len = strcspn(p, ", ");
        if (len == n && strncmp(p, method, n) == 0)
            return true;
        p += len;
        p += strspn(p, ", ");
    }
    return false;
}

bool reply_allowed(sim_ctx_t *ctx, const char *allow)
{
    if (!allow) {
        reply_not_found(ctx);
        return false;
    }
    if (!method_in(allow, ctx->req->method)) {
        reply_method(ctx, allow);
        return false;
    }
    return true;
}

store_campaign_t *reply_campaign_find(sim_ctx_t *ctx, const char *id, const char *fmt, ...)
{
    store_campaign_t *c = store_campaign_find(&ctx->sim->store, ctx->provider, id);
    if (!c) {
        va_list ap;
        va_start(ap, fmt);
        vreply_error(ctx, 404, "not_found", fmt, ap);
        va_end(ap);
    }
    return c;
}

store_campaign_t *reply_campaign_create(sim_ctx_t *ctx, const cJSON *body, reply_read_fn *read)
{
    store_campaign_t *c = store_campaign_new(&ctx->sim->store, ctx->provider, ctx->now);
    if (!c) {
        reply_error(ctx, 500, "internal_error", "out of memory");
        return NULL;
    }
    if (!read(ctx, c, body)) {
        store_campaign_discard_last(&ctx->sim->store, ctx->provider);
        return NULL;
    }
    ctx->changed = true;
    return c;
}

static void reply_method(sim_ctx_t *ctx, const char *allow)
{
    reply_header(ctx->resp, "Allow", allow);
    reply_error(ctx, 405, "method_not_allowed", "Method %s not allowed on %s (allowed: %s)",
                ctx->req->method, ctx->req->path, allow);
}

const char *reply_query(const sim_ctx_t *ctx, const char *key)
{
    for (size_t i = 0; i < ctx->req->nquery; i++)
        if (strcmp(ctx->req->query[i].key, key) == 0)
            return ctx->req->query[i].value ? ctx->req->query[i].value : "";
    return NULL;
}

bool reply_query_long(sim_ctx_t *ctx, const char *key, long def, long min, long max, bool clamp,
                      long *out)
{
    const char *v = reply_query(ctx, key);
    if (!v || !*v) {
        *out = def;
        return true;
    }
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || *end || end == v || isspace((unsigned char)*v) || n < min || (n > max && !clamp)) {
        reply_field(ctx, "query", key, "must be an integer from %ld to %ld", min, max);
        return false;
    }
    *out = n > max ? max : n;
    return true;
}

/* WHY shared: all three dialects word a bad status filter the same way
 * and read it in their own raw words (wire.c). */
bool reply_query_campaign_state(sim_ctx_t *ctx, const char *key, campaign_state_t *want)
{
    const char *v = reply_query(ctx, key);
    *want = CAMPAIGN_UNKNOWN;
    if (v && *v && !wire_campaign_filter(ctx->provider, v, want)) {
        reply_field(ctx, "query", key, "unknown status '%s'", v);
        return false;
    }
    return true;
}

bool reply_query_contact_state(sim_ctx_t *ctx, const char *key, contact_state_t *want)
{
    const char *v = reply_query(ctx, key);
    *want = CONTACT_UNKNOWN;
    if (v && *v && !wire_contact_filter(ctx->provider, v, want)) {
        reply_field(ctx, "query", key, "unknown call status '%s'", v);
        return false;
    }
    return true;
}

cJSON *reply_body_object(sim_ctx_t *ctx)
{
    const sim_request_t *r = ctx->req;
    cJSON *root = r->body_len ? cJSON_ParseWithLength(r->body, r->body_len) : NULL;
    if (!root) {
        reply_field(ctx, "body", "body", "request body is not valid JSON");
        return NULL;
    }
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        reply_field(ctx, "body", "body", "request body must be a JSON object");
        return NULL;
    }
    return root;
}

void reply_add_iso(cJSON *o, const char *key, int64_t t)
{
    char iso[24];
    if (t) {
        simtime_iso_format(t, iso);
        cJSON_AddStringToObject(o, key, iso);
    } else {
        cJSON_AddNullToObject(o, key);
    }
}

cJSON *reply_str_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

void reply_path_split(reply_path_t *p, const char *rest)
{
    p->n = 0;
    /* Callers read seg[] before looking at n in compound tests; an
     * overlong path must not leave them reading garbage. */
    for (size_t i = 0; i < REPLY_MAX_SEGS; i++)
        p->seg[i] = "";
    snprintf(p->buf, sizeof p->buf, "%s", rest ? rest : "");
    if (rest && strlen(rest) >= sizeof p->buf) {
        p->n = REPLY_MAX_SEGS + 1;
        return;
    }
    char *save = NULL;
    for (char *tok = strtok_r(p->buf, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
        if (p->n == REPLY_MAX_SEGS) {
            p->n = REPLY_MAX_SEGS + 1;
            return;
        }
        p->seg[p->n++] = tok;
    }
}

bool reply_path_expect(sim_ctx_t *ctx, reply_path_t *p, const char *rest, const char *root,
                       size_t max_segs)
{
    reply_path_split(p, rest);
    if (p->n < 1 || p->n > max_segs || strcmp(p->seg[0], root) != 0) {
        reply_not_found(ctx);
        return false;
    }
    return true;
}
