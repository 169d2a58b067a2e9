/* The simulator object and its request entry point; see sim.h.
 *
 * One mutex guards the whole simulator. Requests are short (a page of
 * JSON), so a single lock keeps every response consistent with one
 * instant of simulated time and costs little next to HTTP parsing. */
#include "sim_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "demo.h"
#include "state_db.h"
#include "sarvam_hooks.h"
#include "reply.h"

/* The control endpoints' prefix; the dialects' own are in dialects.c. */
#define CONTROL_PREFIX "/_sim"

static void advance_locked(sim_t *sim, int64_t now);

void sim_config_defaults(sim_config_t *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->speed = 1.0;
    cfg->seed = 1;
    dialer_config_defaults(&cfg->dialer);
    faults_config_defaults(&cfg->faults);
    webhooks_config_defaults(&cfg->webhooks);
    cfg->truedy_quota = QUOTA_TRUEDY_PER_WINDOW;
    cfg->truedy_quota_window_s = QUOTA_TRUEDY_WINDOW_S;
}

sim_t *sim_new(const sim_config_t *cfg, char *err, size_t errlen)
{
    sim_t *sim = calloc(1, sizeof *sim);
    if (!sim) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    pthread_mutex_init(&sim->lock, NULL);
    sim->next_event = INT64_MIN;
    store_init(&sim->store, cfg->seed);
    sim->dialer = cfg->dialer;
    faults_init(&sim->faults, &cfg->faults, cfg->seed);
    quota_init(&sim->truedy_quota, cfg->truedy_quota, cfg->truedy_quota_window_s);
    int64_t start = cfg->start_time;
    sim->hooks = webhooks_new(&cfg->webhooks);
    sim->dialer.on_call_end = sarvam_hooks_on_call_end;
    sim->dialer.on_call_end_ud = sim->hooks;
    if (!sim->hooks || (cfg->api_key && !(sim->api_key = strdup(cfg->api_key))) ||
        (cfg->webhook_url && !(sim->webhook_url = strdup(cfg->webhook_url))) ||
        (cfg->state_path && !(sim->state_path = strdup(cfg->state_path)))) {
        snprintf(err, errlen, "out of memory");
        sim_free(sim);
        return NULL;
    }
    if (sim->state_path) {
        int64_t saved_now = 0;
        sim->db = state_db_open(sim->state_path, &sim->store, &saved_now, &sim->loaded, err, errlen);
        if (!sim->db) {
            sim_free(sim);
            return NULL;
        }
        /* the loader wrote contacts' attempts directly */
        store_recount(&sim->store);
        /* simulated time never runs backwards across a restart */
        int64_t base = start ? start : (int64_t)time(NULL);
        if (sim->loaded && saved_now > base)
            start = saved_now;
    }
    simclock_init(&sim->clock, cfg->speed, start);
    return sim;
}

void sim_free(sim_t *sim)
{
    if (!sim)
        return;
    webhooks_free(sim->hooks); /* the thread stops before the store goes */
    state_db_close(sim->db);
    store_free(&sim->store);
    free(sim->webhook_url);
    free(sim->api_key);
    free(sim->state_path);
    pthread_mutex_destroy(&sim->lock);
    free(sim);
}

bool sim_loaded_state(const sim_t *sim)
{
    return sim->loaded;
}

/* Under the lock: the rows this request (or the dialer) changed become
 * the next commit; returns the ticket to wait on after unlocking. */
static uint64_t stage_locked(sim_t *sim, bool force, bool *ok)
{
    *ok = true;
    if (!sim->db)
        return 0;
    return state_db_stage(sim->db, &sim->store, simclock_now(&sim->clock), force, ok);
}

/* Outside the lock: everything staged up to ticket is on disk. */
static bool wait_saved(sim_t *sim, uint64_t ticket, bool staged, char *err, size_t errlen)
{
    char buf[512];
    if (!sim->db)
        return true;
    if (!staged) {
        snprintf(err ? err : buf, err ? errlen : sizeof buf, "out of memory while saving %s",
                 sim->state_path);
        return false;
    }
    return state_db_wait(sim->db, ticket, err ? err : buf, err ? errlen : sizeof buf);
}

bool sim_save(sim_t *sim, char *err, size_t errlen)
{
    bool staged;
    pthread_mutex_lock(&sim->lock);
    uint64_t t = stage_locked(sim, true, &staged);
    pthread_mutex_unlock(&sim->lock);
    return wait_saved(sim, t, staged, err, errlen);
}

void sim_set_time(sim_t *sim, int64_t t)
{
    pthread_mutex_lock(&sim->lock);
    simclock_set(&sim->clock, t);
    sim->next_event = dialer_advance_all(&sim->store, t, &sim->dialer, NULL);
    bool staged;
    uint64_t ticket = stage_locked(sim, false, &staged);
    pthread_mutex_unlock(&sim->lock);
    if (!wait_saved(sim, ticket, staged, NULL, 0))
        fprintf(stderr, "dialtop-sim: the clock could not be saved\n");
}

int64_t sim_now(sim_t *sim)
{
    pthread_mutex_lock(&sim->lock);
    int64_t t = simclock_now(&sim->clock);
    pthread_mutex_unlock(&sim->lock);
    return t;
}

/* The sim's own Sarvam campaigns get the --webhook-url, as if they had
 * been created with it. */
static bool demo_hooks(sim_t *sim)
{
    const store_list_t *l = &sim->store.by_dialect[SIM_SARVAM];
    char *cfg = NULL;
    for (size_t i = 0; sim->webhook_url && i < l->n; i++) {
        if (l->items[i]->app_config)
            continue;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(cJSON_AddObjectToObject(o, "webhook_config"), "url", sim->webhook_url);
        cfg = cJSON_PrintUnformatted(o);
        cJSON_Delete(o);
        if (!cfg || !store_campaign_set_app_config(l->items[i], cfg))
            return false;
        /* The calls the demo made up as history were reported too, as
         * Sarvam would have: a receiver then holds the whole campaign, not
         * only what is dialled after the start. */
        store_campaign_t *c = l->items[i];
        for (size_t k = 0; k < c->ncontacts; k++)
            if (c->contacts[k].call_seq > 0)
                sarvam_hooks_on_call_end(sim->hooks, c, &c->contacts[k]);
    }
    return true;
}

bool sim_load_demo(sim_t *sim)
{
    pthread_mutex_lock(&sim->lock);
    int64_t now = simclock_now(&sim->clock);
    bool ok = demo_load(&sim->store, now) && demo_hooks(sim), staged;
    sim->next_event = dialer_advance_all(&sim->store, now, &sim->dialer, NULL);
    uint64_t ticket = stage_locked(sim, true, &staged);
    pthread_mutex_unlock(&sim->lock);
    return wait_saved(sim, ticket, staged, NULL, 0) && ok;
}

bool sim_generate(sim_t *sim, long n)
{
    pthread_mutex_lock(&sim->lock);
    int64_t now = simclock_now(&sim->clock);
    bool ok = demo_generate(&sim->store, now, n) && demo_hooks(sim), staged;
    sim->next_event = dialer_advance_all(&sim->store, now, &sim->dialer, NULL);
    uint64_t ticket = stage_locked(sim, true, &staged);
    pthread_mutex_unlock(&sim->lock);
    return wait_saved(sim, ticket, staged, NULL, 0) && ok;
}

static void tick(void *ud)
{
    sim_t *sim = ud;
    pthread_mutex_lock(&sim->lock);
    advance_locked(sim, simclock_now(&sim->clock));
    bool staged;
    uint64_t ticket = stage_locked(sim, false, &staged);
    pthread_mutex_unlock(&sim->lock);
    char err[512];
    if (!wait_saved(sim, ticket, staged, err, sizeof err))
        fprintf(stderr, "dialtop-sim: %s\n", err);
}

bool sim_start_webhooks(sim_t *sim)
{
    return webhooks_start(sim->hooks, tick, sim);
}

/* --- requests -------------------------------------------------------------- */

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* In place: "%41+b" -> "A b". */
static void url_decode(char *s)
{
    char *out = s;
    for (; *s; s++) {
        if (*s == '+') {
            *out++ = ' ';
        } else if (*s == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
            *out++ = (char)(hexval(s[1]) * 16 + hexval(s[2]));
            s += 2;
        } else {
            *out++ = *s;
        }
    }
    *out = '\0';
}

bool sim_request_parse(sim_request_t *req, const char *method, const char *url, const char *body)
{
    memset(req, 0, sizeof *req);
    req->own_buf = strdup(url);
    if (!req->own_buf)
        return false;
    char *q = strchr(req->own_buf, '?');
    if (q) {
        *q++ = '\0';
        size_t n = 1;
        for (const char *p = q; *p; p++)
            n += *p == '&';
        req->own_query = calloc(n, sizeof *req->own_query);
        if (!req->own_query) {
            sim_request_free(req);
            return false;
        }
        char *save = NULL;
        for (char *tok = strtok_r(q, "&", &save); tok; tok = strtok_r(NULL, "&", &save)) {
            char *eq = strchr(tok, '=');
            if (eq)
                *eq++ = '\0';
            url_decode(tok);
            if (eq)
                url_decode(eq);
            req->own_query[req->nquery].key = tok;
            req->own_query[req->nquery].value = eq ? eq : "";
            req->nquery++;
        }
        req->query = req->own_query;
    }
    req->method = method;
    req->path = req->own_buf;
    req->body = body;
    req->body_len = body ? strlen(body) : 0;
    return true;
}

void sim_request_free(sim_request_t *req)
{
    free(req->own_buf);
    free(req->own_query);
    req->own_buf = NULL;
    req->own_query = NULL;
}

void sim_response_free(sim_response_t *resp)
{
    free(resp->body);
    resp->body = NULL;
    resp->body_len = 0;
}

const char *sim_response_header(const sim_response_t *resp, const char *name)
{
    for (size_t i = 0; i < resp->nheaders; i++)
        if (strcasecmp(resp->headers[i].name, name) == 0)
            return resp->headers[i].value;
    return NULL;
}

/* Compares without an early exit, so timing does not reveal the key. */
static bool key_equal(const char *given, const char *want)
{
    size_t gl = strlen(given), wl = strlen(want);
    unsigned diff = (unsigned)(gl ^ wl);
    for (size_t i = 0; i < wl; i++)
        diff |= (unsigned char)want[i] ^ (unsigned char)(i < gl ? given[i] : 0);
    return diff == 0;
}

static bool bearer_ok(const char *header, const char *key)
{
    if (!header || strncasecmp(header, "Bearer ", 7) != 0)
        return false;
    header += 7;
    while (*header == ' ')
        header++;
    return key_equal(header, key);
}

/* Where a request goes: the control endpoints, one of the sim's dialects
 * (dialects.c), or nowhere (404). */
typedef struct {
    bool control;
    const sim_dialect_desc_t *dialect; /* NULL: control, or nowhere */
} route_t;

static route_t route_request(const char *path, const char **rest, provider_t *p)
{
    *p = PROVIDER_OMNIDIM; /* the control endpoints answer in its error shape */
    if (sim_path_under(path, CONTROL_PREFIX, rest))
        return (route_t){.control = true, .dialect = NULL};
    route_t r = {.control = false, .dialect = sim_dialect_route(path, rest)};
    if (r.dialect)
        *p = r.dialect->provider;
    return r;
}

static bool auth_ok(const sim_t *sim, const sim_request_t *req, route_t r)
{
    if (!sim->api_key)
        return true;
    if (r.control)
        return (req->x_sim_key && key_equal(req->x_sim_key, sim->api_key)) ||
               (req->x_api_key && key_equal(req->x_api_key, sim->api_key)) ||
               bearer_ok(req->authorization, sim->api_key);
    if (r.dialect->auth == SIM_AUTH_X_API_KEY)
        return req->x_api_key && key_equal(req->x_api_key, sim->api_key);
    return bearer_ok(req->authorization, sim->api_key);
}

static void count_route(sim_t *sim, const char *name)
{
    for (size_t i = 0; i < sim->nroutes; i++) {
        if (strcmp(sim->routes[i].name, name) == 0) {
            sim->routes[i].count++;
            return;
        }
    }
    if (sim->nroutes < SIM_MAX_ROUTES)
        sim->routes[sim->nroutes++] = (sim_route_count_t){name, 1};
}

/* The pass over all campaigns is skipped until the earliest next event,
 * so a burst of reads within one simulated second costs one pass. */
static void advance_locked(sim_t *sim, int64_t now)
{
    if (now < sim->next_event)
        return;
    sim->next_event = dialer_advance_all(&sim->store, now, &sim->dialer, NULL);
}

/* An acknowledged change is on disk before the answer leaves: the rows it
 * changed (and the dialer's progress) are staged under the lock, and the
 * reply waits for their commit once the lock is released (sim_handle). */
static uint64_t stage_after(sim_ctx_t *ctx, bool *staged)
{
    if (ctx->changed)
        ctx->sim->next_event = INT64_MIN; /* a touched campaign has its own next event */
    return stage_locked(ctx->sim, ctx->changed, staged);
}

static void reply_unsaved(sim_ctx_t *ctx, uint64_t ticket, bool staged)
{
    char err[512];
    if (wait_saved(ctx->sim, ticket, staged, err, sizeof err))
        return;
    fprintf(stderr, "dialtop-sim: %s\n", err);
    if (ctx->changed) {
        sim_response_free(ctx->resp);
        ctx->resp->nheaders = 0;
        reply_error(ctx, 500, "internal_error", "the change could not be saved");
    }
}

void sim_handle(sim_t *sim, const sim_request_t *req, sim_response_t *resp)
{
    memset(resp, 0, sizeof *resp);
    resp->status = 500;
    sim_ctx_t ctx = {.sim = sim, .req = req, .resp = resp, .route = "unknown"};
    const char *path = req->path ? req->path : "/";
    const char *method = req->method ? req->method : "GET";
    const char *rest = NULL;
    route_t r = route_request(path, &rest, &ctx.provider);
    bool is_action = strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;

    pthread_mutex_lock(&sim->lock);
    sim->requests_total++;
    if (is_action && !r.control)
        sim->actions_total++;
    ctx.now = simclock_now(&sim->clock);
    uint64_t ticket = 0;
    bool staged = true;

    if (r.control) {
        ctx.route = "sim.control";
        if (!auth_ok(sim, req, r)) {
            reply_unauthorized(&ctx);
            goto done;
        }
        advance_locked(sim, ctx.now);
        control_handle(&ctx, rest);
        ticket = stage_after(&ctx, &staged);
        goto done;
    }
    if (!r.dialect || !rest) {
        ctx.route = "not_found";
        if (!r.dialect)
            ctx.provider = PROVIDER_TRUEDY; /* neutral {"error":{code,message}} */
        reply_not_found(&ctx);
        goto done;
    }

    resp->delay_ms = sim->faults.cfg.latency_ms;
    int reset_s = 0;
    fault_kind_t fault = faults_draw(&sim->faults, is_action, &reset_s);
    if (fault == FAULT_DROP) {
        ctx.route = "fault.drop";
        resp->drop = true;
        goto done;
    }
    if (fault == FAULT_RATE_LIMIT) {
        ctx.route = "fault.rate_limit";
        reply_rate_limited(&ctx, reset_s);
        goto done;
    }
    if (!auth_ok(sim, req, r)) {
        ctx.route = "unauthorized";
        reply_unauthorized(&ctx);
        goto done;
    }
    if (r.dialect->id == SIM_TRUEDY && !quota_take(&sim->truedy_quota, &reset_s)) {
        ctx.route = "truedy.quota";
        reply_rate_limited(&ctx, reset_s);
        goto done;
    }
    if (fault == FAULT_FAIL) {
        ctx.route = "fault.fail";
        reply_error(&ctx, 500, "internal_error", "An unexpected error occurred (injected fault)");
        goto done;
    }
    if (req->body_too_large) {
        ctx.route = "too_large";
        reply_field(&ctx, "body", "body", "request body is larger than 16 MiB");
        goto done;
    }

    advance_locked(sim, ctx.now);
    r.dialect->serve(&ctx, rest);
    ticket = stage_after(&ctx, &staged);
    if (resp->status >= 200 && resp->status < 300 && resp->body_len > 1 &&
        faults_draw_malformed(&sim->faults)) {
        ctx.route = "fault.malformed";
        resp->body_len /= 2;
        resp->body[resp->body_len] = '\0';
    }
done:
    count_route(sim, ctx.route);
    pthread_mutex_unlock(&sim->lock);
    reply_unsaved(&ctx, ticket, staged);
}
