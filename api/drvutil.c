/* Shared driver helpers: URLs, requests, body intake and error shapes. */
#include "drvutil.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsonget.h"
#include "provider.h"
#include "redact.h"

void drv_add_escaped(dynbuf_t *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        char tmp[4];
        if (isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
            tmp[0] = (char)ch;
            tmp[1] = '\0';
        } else {
            tmp[0] = '%';
            tmp[1] = hex[ch >> 4];
            tmp[2] = hex[ch & 15];
            tmp[3] = '\0';
        }
        dynbuf_add(b, tmp);
    }
}

void drv_add_query(dynbuf_t *b, const char *name, const char *value)
{
    bool first = !strchr(dynbuf_str(b), '?');
    dynbuf_add(b, first ? "?" : "&");
    dynbuf_add(b, name);
    dynbuf_add(b, "=");
    drv_add_escaped(b, value ? value : "");
}

void drv_add_query_long(dynbuf_t *b, const char *name, long value)
{
    char num[32];
    snprintf(num, sizeof num, "%ld", value);
    drv_add_query(b, name, num);
}

void drv_add_query_opt(dynbuf_t *b, const char *name, const char *value)
{
    if (value && value[0])
        drv_add_query(b, name, value);
}

void drv_url(dynbuf_t *b, const driver_ctx_t *ctx, const char *path)
{
    dynbuf_add(b, ctx->base_url ? ctx->base_url : "");
    dynbuf_add(b, path);
}

void drv_url_id(dynbuf_t *b, const driver_ctx_t *ctx, const char *path, const char *id,
                const char *suffix)
{
    drv_url(b, ctx, path);
    drv_add_escaped(b, id);
    dynbuf_add(b, suffix);
}

static bool push_header(api_request_t *r, char *line)
{
    if (!line)
        return false;
    char **h = realloc(r->headers, (r->nheaders + 1) * sizeof *h);
    if (!h) {
        free(line);
        return false;
    }
    r->headers = h;
    r->headers[r->nheaders++] = line;
    return true;
}

static char *format_line(const char *fmt, const char *arg)
{
    int n = snprintf(NULL, 0, fmt, arg);
    if (n < 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (s)
        snprintf(s, (size_t)n + 1, fmt, arg);
    return s;
}

bool drv_request(api_request_t *out, http_method_t m, char *url, const char *auth_fmt,
                 const char *api_key, char *body, api_error_t *err)
{
    api_request_init(out);
    out->method = m;
    out->url = url;
    out->body = body;
    out->idempotent = (m == HTTP_GET);
    bool ok = url != NULL && push_header(out, strdup("Accept: application/json"));
    if (ok && body)
        ok = push_header(out, strdup("Content-Type: application/json"));
    if (ok && api_key && api_key[0]) {
        /* A key with a line break would smuggle in a header of its own. */
        if (strpbrk(api_key, "\r\n")) {
            api_request_free(out);
            return api_error_set(err, API_ERR_AUTH, 0,
                                 "the API key contains a line break; check the key source");
        }
        ok = push_header(out, format_line(auth_fmt, api_key));
        if (ok)
            out->secret_header = (int)out->nheaders - 1;
    }
    if (!ok) {
        if (!out->url)
            free(body), out->body = NULL;
        api_request_free(out);
        return api_error_set(err, API_ERR_NETWORK, 0, "out of memory building the request");
    }
    return true;
}

char *drv_body(cJSON *json)
{
    if (!json)
        return NULL;
    char *s = cJSON_PrintUnformatted(json);
    cJSON_Delete(json);
    return s;
}

/* 2xx? */
static bool drv_is_success(const api_response_t *resp)
{
    return resp && resp->status >= 200 && resp->status < 300;
}

/* A printable excerpt of a body that is not what we expected, so the
 * operator sees "<html>..." rather than nothing. */
static void body_excerpt(const api_response_t *resp, char *out, size_t len)
{
    size_t n = 0;
    bool space = false;
    for (size_t i = 0; i < resp->body_len && n + 4 < len && n < 60; i++) {
        unsigned char ch = (unsigned char)resp->body[i];
        if (isspace(ch)) {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = false;
        out[n++] = (ch >= 0x20 && ch < 0x7f) ? (char)ch : '?';
    }
    out[n] = '\0';
    if (n >= 60 || n + 4 >= len)
        snprintf(out + n, len - n, "...");
}

static cJSON *parse_json(const api_response_t *resp)
{
    if (!resp->body || resp->body_len == 0)
        return NULL;
    return cJSON_ParseWithLength(resp->body, resp->body_len);
}

/* Parses a 2xx body; a non-JSON body becomes API_ERR_PARSE with a short,
 * printable excerpt. NULL on failure. */
static cJSON *drv_parse_body(provider_t p, const api_response_t *resp, api_error_t *err)
{
    cJSON *j = parse_json(resp);
    if (j)
        return j;
    if (!resp->body || resp->body_len == 0) {
        api_error_set(err, API_ERR_PARSE, resp->status, "%s sent an empty reply (HTTP %ld)",
                      model_provider_label(p), resp->status);
        return NULL;
    }
    char ex[80];
    body_excerpt(resp, ex, sizeof ex);
    api_error_set(err, API_ERR_PARSE, resp->status,
                  "%s sent a reply that is not JSON (HTTP %ld): \"%s\"",
                  model_provider_label(p), resp->status, ex);
    return NULL;
}

bool drv_shape_error(provider_t p, api_error_t *err, const char *what)
{
    long st = err ? err->http_status : 0;
    return api_error_set(err, API_ERR_PARSE, st, "unexpected reply from %s: %s",
                         model_provider_label(p), what);
}

/* What an error body says, whichever of the four shapes it has. */
typedef struct {
    char msg[200];
    char code[64];
    char field[API_ERROR_FIELD_MAX];
    char state[64];
    time_t reset_at;
    time_t server_now;
} err_body_t;

static bool loc_is_container(const char *s)
{
    return strcmp(s, "body") == 0 || strcmp(s, "query") == 0 || strcmp(s, "path") == 0 ||
           strcmp(s, "header") == 0;
}

static void read_fastapi_detail(const cJSON *detail, err_body_t *eb)
{
    if (cJSON_IsString(detail)) {
        snprintf(eb->msg, sizeof eb->msg, "%s", detail->valuestring);
        return;
    }
    const cJSON *first = cJSON_IsArray(detail) ? cJSON_GetArrayItem(detail, 0) : NULL;
    if (!cJSON_IsObject(first))
        return;
    const cJSON *loc = jget_array(first, "loc");
    const cJSON *el;
    cJSON_ArrayForEach(el, loc)
    {
        if (cJSON_IsString(el) && !loc_is_container(el->valuestring))
            snprintf(eb->field, sizeof eb->field, "%s", el->valuestring);
    }
    char m[100] = "";
    jget_str_buf(first, "msg", m, sizeof m);
    if (eb->field[0])
        snprintf(eb->msg, sizeof eb->msg, "%s: %s", eb->field, m[0] ? m : "invalid");
    else
        snprintf(eb->msg, sizeof eb->msg, "%s", m[0] ? m : "invalid input");
}

static void read_error_body(const cJSON *j, err_body_t *eb)
{
    memset(eb, 0, sizeof *eb);
    if (!cJSON_IsObject(j))
        return;
    const cJSON *e = jget(j, "error");
    if (cJSON_IsString(e)) {
        /* OmniDim: {"error":"unauthorized","error_description":"..."} or
         * {"success":false,"error":"message"} */
        snprintf(eb->code, sizeof eb->code, "%s", e->valuestring);
        if (!jget_str_buf(j, "error_description", eb->msg, sizeof eb->msg))
            snprintf(eb->msg, sizeof eb->msg, "%s", e->valuestring);
    } else if (cJSON_IsObject(e)) {
        /* Truedy / Sarvam: {"error":{"code","message","details"}} */
        jget_str_buf(e, "code", eb->code, sizeof eb->code);
        jget_str_buf(e, "message", eb->msg, sizeof eb->msg);
        const cJSON *d = jget_object(e, "details");
        jget_str_buf(d, "status", eb->state, sizeof eb->state);
        jget_str_buf(d, "field", eb->field, sizeof eb->field);
        eb->reset_at = jget_time(d, "reset_at");
    }
    const cJSON *detail = jget(j, "detail");
    if (detail && !eb->msg[0])
        read_fastapi_detail(detail, eb);
    if (!eb->msg[0])
        jget_str_buf(j, "message", eb->msg, sizeof eb->msg);
    const cJSON *meta = jget_object(j, "meta");
    eb->server_now = jget_time(meta, "ts");
    if (!eb->server_now)
        eb->server_now = jget_time(meta, "timestamp");
}

/* A 400 that refuses a state transition rather than rejecting input. */
static bool is_refusal(const err_body_t *eb)
{
    return strcasecmp(eb->code, "invalid_state") == 0 ||
           strcasecmp(eb->code, "invalid_transition") == 0 || eb->state[0] ||
           strncasecmp(eb->msg, "cannot ", 7) == 0;
}

static api_error_kind_t kind_for(long st, const err_body_t *eb)
{
    if (st == 401 || st == 403)
        return API_ERR_AUTH;
    if (st == 404)
        return API_ERR_NOT_FOUND;
    if (st == 409)
        return API_ERR_REFUSED;
    if (st == 400)
        return is_refusal(eb) ? API_ERR_REFUSED : API_ERR_VALIDATION;
    if (st == 402)
        return API_ERR_REFUSED;
    if (st == 405)
        return API_ERR_UNSUPPORTED;
    if (st == 429)
        return API_ERR_RATE_LIMITED;
    if (st >= 500)
        return API_ERR_SERVER;
    if (st >= 400)
        return API_ERR_VALIDATION;
    return API_ERR_PARSE; /* 1xx/3xx reaching a parser: not a reply we can use */
}

static const char *kind_phrase(api_error_kind_t k)
{
    switch (k) {
    case API_ERR_AUTH: return "authentication failed";
    case API_ERR_NOT_FOUND: return "not found";
    case API_ERR_REFUSED: return "refused";
    case API_ERR_VALIDATION: return "invalid request";
    case API_ERR_RATE_LIMITED: return "rate limited";
    case API_ERR_SERVER: return "server error";
    case API_ERR_UNSUPPORTED: return "not supported";
    default: return "unexpected reply";
    }
}

/* Turns a non-2xx response into a typed error, reading whichever of the
 * four error shapes the body holds. Always returns false. */
static bool drv_error_from_response(provider_t p, const api_response_t *resp,
                                    api_error_t *err)
{
    cJSON *j = parse_json(resp);
    bool was_json = j != NULL;
    err_body_t eb;
    read_error_body(j, &eb);
    cJSON_Delete(j);
    if (!eb.msg[0] && resp->body_len > 0 && !was_json) {
        /* Not JSON: an HTML error page from a proxy, say. */
        char ex[80];
        body_excerpt(resp, ex, sizeof ex);
        snprintf(eb.msg, sizeof eb.msg, "\"%s\"", ex);
    }
    long st = resp->status;
    api_error_kind_t kind = kind_for(st, &eb);
    const char *label = model_provider_label(p);
    if (eb.msg[0])
        api_error_set(err, kind, st, "%s: %s (HTTP %ld from %s)", kind_phrase(kind), eb.msg,
                      st, label);
    else
        api_error_set(err, kind, st, "%s (HTTP %ld from %s)", kind_phrase(kind), st, label);
    if (kind == API_ERR_REFUSED && eb.state[0] && !strstr(eb.msg, eb.state)) {
        size_t n = strlen(err->message);
        snprintf(err->message + n, sizeof err->message - n, "; campaign is %s", eb.state);
    }
    snprintf(err->field, sizeof err->field, "%s", eb.field);
    if (kind == API_ERR_RATE_LIMITED) {
        if (resp->retry_after_s >= 0) {
            err->retry_after_s = api_wait_clamp(resp->retry_after_s, &err->retry_after_capped);
            err->retry_after_capped = err->retry_after_capped || resp->retry_after_capped;
        } else if (eb.reset_at) {
            time_t now = eb.server_now ? eb.server_now : resp->received_at;
            if (now) {
                /* difftime: a reset in the year 9999 must not overflow */
                double wait = difftime(eb.reset_at, now);
                long w = wait > (double)API_WAIT_MAX_S ? API_WAIT_MAX_S + 1 : (long)wait;
                err->retry_after_s = api_wait_clamp(w < 1 ? 1 : w, &err->retry_after_capped);
            }
        }
        if (err->retry_after_s >= 0) {
            size_t n = strlen(err->message);
            snprintf(err->message + n, sizeof err->message - n, "; retry in %lds%s",
                     err->retry_after_s,
                     err->retry_after_capped ? " (it asked for longer: capped at 1 hour)" : "");
        }
    }
    return false;
}

cJSON *drv_accept(provider_t p, const api_response_t *resp, api_error_t *err)
{
    if (!resp) {
        api_error_set(err, API_ERR_PARSE, 0, "no reply from %s", model_provider_label(p));
        return NULL;
    }
    if (!drv_is_success(resp)) {
        drv_error_from_response(p, resp, err);
        return NULL;
    }
    cJSON *j = drv_parse_body(p, resp, err);
    if (j && !cJSON_IsObject(j)) {
        cJSON_Delete(j);
        api_error_set(err, API_ERR_PARSE, resp->status,
                      "unexpected reply from %s: expected a JSON object",
                      model_provider_label(p));
        return NULL;
    }
    if (j)
        api_error_clear(err), err->http_status = resp->status;
    return j;
}

const cJSON *drv_accept_list(provider_t p, const api_response_t *resp, const char *key,
                             const char *what, cJSON **root, api_error_t *err)
{
    *root = drv_accept(p, resp, err);
    if (!*root)
        return NULL;
    const cJSON *rows = jget_array(*root, key);
    if (!rows) {
        char msg[96];
        snprintf(msg, sizeof msg, "no \"%s\" list in the %s", key, what);
        cJSON_Delete(*root);
        *root = NULL;
        drv_shape_error(p, err, msg);
    }
    return rows;
}

bool drv_check_action(provider_t p, campaign_state_t s, action_t a, api_error_t *err)
{
    char reason[200];
    reason[0] = '\0';
    if (model_action_allowed(p, s, a, reason, sizeof reason))
        return true;
    return api_error_set(err, API_ERR_UNSUPPORTED, 0, "%s",
                         reason[0] ? reason : "action not allowed");
}

bool drv_add_vars(model_contact_t *c, const cJSON *obj, const char *const *skip)
{
    if (!cJSON_IsObject(obj))
        return true;
    const cJSON *m;
    cJSON_ArrayForEach(m, obj)
    {
        if (!m->string)
            continue;
        bool skipped = false;
        for (size_t i = 0; skip && skip[i]; i++)
            if (strcmp(skip[i], m->string) == 0)
                skipped = true;
        if (skipped || cJSON_IsNull(m))
            continue;
        char *v = cJSON_IsString(m) ? strdup(m->valuestring) : jprint(m);
        bool ok = v && model_contact_add_var(c, m->string, v);
        free(v);
        if (!ok)
            return false;
    }
    return true;
}

bool drv_set_campaign_state(model_campaign_t *c, provider_t p, char *raw)
{
    free(c->raw_state);
    c->raw_state = raw;
    c->state = raw ? model_campaign_state_from_raw(p, raw) : CAMPAIGN_UNKNOWN;
    return true;
}

void drv_action_result(api_action_result_t *out, provider_t p, const char *raw,
                       const char *message)
{
    memset(out, 0, sizeof *out);
    out->state = raw ? model_campaign_state_from_raw(p, raw) : CAMPAIGN_UNKNOWN;
    snprintf(out->raw_state, sizeof out->raw_state, "%s", raw ? raw : "");
    snprintf(out->message, sizeof out->message, "%s", message ? message : "");
    redact_buf(out->message, sizeof out->message);
}

/* "2026-12-25 10:00:00" checks; false unless exactly that shape. */
static bool drv_valid_local_datetime(const char *s)
{
    static const char shape[] = "dddd-dd-dd dd:dd:dd";
    if (!s || strlen(s) != sizeof shape - 1)
        return false;
    for (size_t i = 0; shape[i]; i++) {
        if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
            return false;
    }
    return jtime_parse(s) != 0;
}

bool drv_need_id(const char *id, const char *noun, api_error_t *err)
{
    if (id && id[0])
        return true;
    return api_error_set(err, API_ERR_VALIDATION, 0, "no %s id given", noun);
}

char *drv_iso_local(const char *when)
{
    char *s = strdup(when);
    if (s && strlen(s) > 10)
        s[10] = 'T';
    return s;
}

bool drv_check_reschedule(const api_reschedule_t *r, const char *field, api_error_t *err)
{
    if (r && drv_valid_local_datetime(r->when))
        return true;
    api_error_set(err, API_ERR_VALIDATION, 0, "reschedule needs a time as YYYY-MM-DD HH:MM:SS");
    snprintf(err->field, sizeof err->field, "%s", field);
    return false;
}

bool drv_validate_spec(const api_create_spec_t *spec, const drv_create_rules_t *r,
                       api_error_t *err)
{
    if (!spec)
        return api_error_set(err, API_ERR_VALIDATION, 0, "nothing to create");
    const char *field = NULL, *why = NULL;
    char named[160], some[80];
    snprintf(named, sizeof named, "the %s needs a name", r->noun);
    snprintf(some, sizeof some, "the %s needs at least one contact", r->noun);
    if (!spec->name || !spec->name[0])
        field = "name", why = named;
    else if (!provider_name_ok(r->provider, spec->name, named, sizeof named))
        field = "name", why = named;
    else if (spec->ncontacts == 0 || !spec->contact_at)
        field = r->contacts_field, why = some;
    else if (spec->scheduled_at && !drv_valid_local_datetime(spec->scheduled_at))
        field = r->start_field, why = "start time must be YYYY-MM-DD HH:MM:SS";
    if (!field)
        return true;
    api_error_set(err, API_ERR_VALIDATION, 0, "%s", why);
    snprintf(err->field, sizeof err->field, "%s", field);
    return false;
}

size_t drv_no_chunks(const api_create_spec_t *spec)
{
    (void)spec;
    return 0;
}
