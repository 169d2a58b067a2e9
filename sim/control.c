/* /_sim/ control endpoints (WIRE.md): stats, run-time faults and direct
 * campaign creation for tests and demos. Errors are {"error":"..."}. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "body.h"
#include "census.h"
#include "demo.h"
#include "reply.h"
#include "check.h"
#include "dialer.h"
#include "simtime.h"
#include "wire.h"
#include "sarvam_rows.h"

#define MAX_GENERATED 1000000L

static void control_error(sim_ctx_t *ctx, int status, const char *msg)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "error", msg);
    reply_json(ctx, status, root);
}

static void handle_stats(sim_ctx_t *ctx)
{
    sim_t *sim = ctx->sim;
    char iso[24];
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "requests_total", (double)sim->requests_total);
    cJSON_AddNumberToObject(root, "actions_total", (double)sim->actions_total);
    cJSON *routes = cJSON_AddObjectToObject(root, "by_route");
    for (size_t i = 0; i < sim->nroutes; i++)
        cJSON_AddNumberToObject(routes, sim->routes[i].name, (double)sim->routes[i].count);
    cJSON *camps = cJSON_AddObjectToObject(root, "campaigns");
    for (int d = 0; d < SIM_DIALECT_COUNT; d++)
        cJSON_AddNumberToObject(camps, model_provider_name(sim_dialect((sim_dialect_t)d)->provider),
                                (double)sim->store.by_dialect[d].n);
    webhooks_stats_t ws;
    webhooks_stats(sim->hooks, &ws);
    cJSON *wh = cJSON_AddObjectToObject(root, "webhooks");
    cJSON_AddNumberToObject(wh, "queued", (double)ws.queued);
    cJSON_AddNumberToObject(wh, "delivered", (double)ws.delivered);
    cJSON_AddNumberToObject(wh, "failed_tries", (double)ws.failed_tries);
    cJSON_AddNumberToObject(wh, "gave_up", (double)ws.gave_up);
    cJSON_AddNumberToObject(wh, "attempts", (double)ws.remembered);
    simtime_iso_format(ctx->now, iso);
    cJSON_AddStringToObject(root, "sim_time", iso);
    cJSON_AddNumberToObject(root, "speed", sim->clock.manual ? 0 : sim->clock.speed);
    reply_json(ctx, 200, root);
}

/* GET /_sim/verify: every campaign's counters recomputed from its
 * contacts and compared (store_campaign_verify), for tests that drive the
 * sim over HTTP and then ask whether anything drifted. It walks every
 * contact, so it is slow on a big store; no dialtop profile calls it. */
static void handle_verify(sim_ctx_t *ctx)
{
    const store_t *s = &ctx->sim->store;
    char why[256];
    for (int d = 0; d < SIM_DIALECT_COUNT; d++)
        for (size_t i = 0; i < s->by_dialect[d].n; i++)
            if (!store_campaign_verify(s->by_dialect[d].items[i], why, sizeof why)) {
                control_error(ctx, 500, why);
                return;
            }
    cJSON *root = cJSON_CreateObject();
    cJSON_AddBoolToObject(root, "ok", true);
    cJSON_AddNumberToObject(root, "campaigns", (double)store_total_campaigns(s));
    reply_json(ctx, 200, root);
}

static cJSON *faults_json(const faults_config_t *f)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "latency_ms", f->latency_ms);
    cJSON_AddNumberToObject(o, "fail_rate", f->fail_rate);
    cJSON_AddNumberToObject(o, "rate_limit_burst", f->rate_limit_burst);
    cJSON_AddNumberToObject(o, "rate_limit_window_s", f->rate_limit_window_s);
    cJSON_AddNumberToObject(o, "drop_rate", f->drop_rate);
    cJSON_AddNumberToObject(o, "malformed_rate", f->malformed_rate);
    cJSON_AddBoolToObject(o, "fail_actions", f->fail_actions);
    return o;
}

static bool read_rate(sim_ctx_t *ctx, const cJSON *body, const char *key, double *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(body, key);
    if (!v)
        return true;
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 1) {
        char msg[96];
        snprintf(msg, sizeof msg, "%s: must be a number from 0 to 1", key);
        control_error(ctx, 400, msg);
        return false;
    }
    *out = v->valuedouble;
    return true;
}

static bool read_count(sim_ctx_t *ctx, const cJSON *body, const char *key, int max, int *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(body, key);
    if (!v)
        return true;
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > max ||
        v->valuedouble != v->valueint) {
        char msg[96];
        snprintf(msg, sizeof msg, "%s: must be an integer from 0 to %d", key, max);
        control_error(ctx, 400, msg);
        return false;
    }
    *out = v->valueint;
    return true;
}

static void handle_faults(sim_ctx_t *ctx)
{
    faults_config_t f = ctx->sim->faults.cfg;
    if (strcmp(ctx->req->method, "POST") == 0) {
        cJSON *body = ctx->req->body_len ? cJSON_ParseWithLength(ctx->req->body, ctx->req->body_len) : NULL;
        if (!cJSON_IsObject(body)) {
            cJSON_Delete(body);
            control_error(ctx, 400, "body: must be a JSON object");
            return;
        }
        const cJSON *fa = cJSON_GetObjectItemCaseSensitive(body, "fail_actions");
        bool ok = read_count(ctx, body, "latency_ms", 60000, &f.latency_ms) &&
                  read_rate(ctx, body, "fail_rate", &f.fail_rate) &&
                  read_count(ctx, body, "rate_limit_burst", 1000000, &f.rate_limit_burst) &&
                  read_count(ctx, body, "rate_limit_window_s", 3600, &f.rate_limit_window_s) &&
                  read_rate(ctx, body, "drop_rate", &f.drop_rate) &&
                  read_rate(ctx, body, "malformed_rate", &f.malformed_rate);
        if (ok && fa && !cJSON_IsBool(fa)) {
            control_error(ctx, 400, "fail_actions: must be true or false");
            ok = false;
        }
        if (ok && fa)
            f.fail_actions = cJSON_IsTrue(fa);
        cJSON_Delete(body);
        if (!ok)
            return;
        faults_set(&ctx->sim->faults, &f);
    } else if (strcmp(ctx->req->method, "GET") != 0) {
        reply_header(ctx->resp, "Allow", "GET, POST");
        control_error(ctx, 405, "method not allowed");
        return;
    }
    reply_json(ctx, 200, faults_json(&ctx->sim->faults.cfg));
}

static bool add_rows(store_campaign_t *c, const cJSON *rows)
{
    const cJSON *row;
    cJSON_ArrayForEach(row, rows)
    {
        const cJSON *phone = cJSON_GetObjectItemCaseSensitive(row, "phone_number");
        store_contact_t *k = store_contact_add(c, phone->valuestring);
        if (!k || !body_add_vars(k, row, "phone_number"))
            return false;
    }
    return true;
}

static bool state_from_text(provider_t p, const char *s, campaign_state_t *out)
{
    for (int i = 1; i < CAMPAIGN_STATE_COUNT; i++) {
        if (strcmp(s, model_campaign_state_name((campaign_state_t)i)) == 0) {
            *out = (campaign_state_t)i;
            return true;
        }
    }
    return wire_campaign_filter(p, s, out);
}

/* The provider a /_sim/campaigns body names, when the sim speaks its
 * dialect; else false with the refusal in why, naming the dialects from
 * the sim's own list. */
static bool spoken_provider(const cJSON *prov, provider_t *p, char *why, size_t whylen)
{
    char names[128];
    sim_dialect_t d;
    sim_dialect_names(names, sizeof names);
    if (!cJSON_IsString(prov) || !model_provider_from_name(prov->valuestring, p)) {
        snprintf(why, whylen, "provider: must be %s", names);
        return false;
    }
    if (!sim_dialect_of(*p, &d)) {
        snprintf(why, whylen, "provider: this simulator does not speak %s (it speaks %s)",
                 model_provider_name(*p), names);
        return false;
    }
    return true;
}

/* {"provider","name","status","contacts": N or [{"phone_number",...}],
 *  "concurrency","retry_limit","timezone"} */
static void handle_create(sim_ctx_t *ctx)
{
    cJSON *body = ctx->req->body_len ? cJSON_ParseWithLength(ctx->req->body, ctx->req->body_len) : NULL;
    const cJSON *prov = cJSON_GetObjectItemCaseSensitive(body, "provider");
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(body, "name");
    const cJSON *status = cJSON_GetObjectItemCaseSensitive(body, "status");
    const cJSON *contacts = cJSON_GetObjectItemCaseSensitive(body, "contacts");
    const cJSON *tz = cJSON_GetObjectItemCaseSensitive(body, "timezone");
    const cJSON *hook = cJSON_GetObjectItemCaseSensitive(body, "webhook_url");
    provider_t p = PROVIDER_OMNIDIM;
    campaign_state_t st = CAMPAIGN_ACTIVE;
    int conc = -1, retry = -1;
    long n = 20;
    const char *err = NULL;
    char why[256];
    if (!cJSON_IsObject(body))
        err = "body: must be a JSON object";
    else if (!spoken_provider(prov, &p, why, sizeof why))
        err = why;
    else if (!cJSON_IsString(name))
        err = "name: required string";
    else if (status && (!cJSON_IsString(status) || !state_from_text(p, status->valuestring, &st)))
        err = "status: unknown state";
    else if (tz && (!cJSON_IsString(tz) || !simtime_tz_valid(tz->valuestring)))
        err = "timezone: must be a known IANA timezone";
    else if (contacts && cJSON_IsNumber(contacts) &&
             (contacts->valuedouble < 0 || contacts->valuedouble > MAX_GENERATED))
        err = "contacts: must be 0 to 1000000 or a list";
    else if (hook && (!cJSON_IsString(hook) || !sim_dialect_for(p)->webhooks))
        err = "webhook_url: a URL string, for sarvam campaigns only";
    else if (contacts && !cJSON_IsNumber(contacts) && !cJSON_IsArray(contacts))
        err = "contacts: must be a count or a list of {phone_number, ...}";
    if (!err && cJSON_IsArray(contacts)) {
        const cJSON *row;
        cJSON_ArrayForEach(row, contacts)
        {
            const cJSON *ph = cJSON_GetObjectItemCaseSensitive(row, "phone_number");
            if (!cJSON_IsString(ph) || !check_e164(ph->valuestring))
                err = "contacts: every row needs an E.164 phone_number";
        }
    }
    if (!err && (!read_count(ctx, body, "concurrency", 100, &conc) ||
                 !read_count(ctx, body, "retry_limit", 5, &retry))) {
        cJSON_Delete(body);
        return;
    }
    if (err) {
        cJSON_Delete(body);
        control_error(ctx, 400, err);
        return;
    }
    if (cJSON_IsNumber(contacts))
        n = (long)contacts->valuedouble;
    else if (cJSON_IsArray(contacts))
        n = 0;
    store_campaign_t *c = demo_make(&ctx->sim->store, p, name->valuestring, st, n, ctx->now);
    bool ok = c != NULL;
    if (ok && cJSON_IsArray(contacts))
        ok = add_rows(c, contacts);
    const char *url = cJSON_IsString(hook) ? hook->valuestring : ctx->sim->webhook_url;
    const sim_dialect_desc_t *d = sim_dialect_for(p);
    if (ok && d->cover_contacts)
        ok = d->cover_contacts(c, ctx->now);
    if (ok && d->webhooks && url) {
        cJSON *cfg = cJSON_CreateObject();
        cJSON_AddStringToObject(cJSON_AddObjectToObject(cfg, "webhook_config"), "url", url);
        char *text = cJSON_PrintUnformatted(cfg);
        cJSON_Delete(cfg);
        ok = text && store_campaign_set_app_config(c, text);
    }
    if (!ok) {
        cJSON_Delete(body);
        control_error(ctx, 500, "out of memory");
        return;
    }
    if (conc > 0)
        c->concurrency = conc;
    if (retry >= 0) {
        c->retry_limit = retry;
        c->retry_schedule = retry ? RETRY_IMMEDIATELY : RETRY_NONE;
    }
    if (tz)
        snprintf(c->timezone, sizeof c->timezone, "%s", tz->valuestring);
    dialer_touch(c);
    ctx->changed = true;
    cJSON_Delete(body);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "provider", model_provider_name(p));
    cJSON_AddStringToObject(root, "id", c->id);
    cJSON_AddStringToObject(root, "status", wire_campaign_status(p, c->state));
    cJSON_AddNumberToObject(root, "contacts", (double)c->ncontacts);
    reply_json(ctx, 201, root);
}

/* GET /_sim/sarvam/campaigns/{id}/attempts: the sim's own view of a
 * Sarvam campaign's contacts, for tests. Sarvam itself has no such
 * endpoint and reports outcomes only by webhook. */
static void handle_sarvam_attempts(sim_ctx_t *ctx, const char *rest)
{
    ctx->route = "sim.sarvam_attempts";
    ctx->provider = PROVIDER_SARVAM;
    reply_path_t p;
    reply_path_split(&p, rest);
    if (p.n != 3 || strcmp(p.seg[0], "campaigns") != 0 || strcmp(p.seg[2], "attempts") != 0) {
        control_error(ctx, 404, "no such control endpoint");
        return;
    }
    if (strcmp(ctx->req->method, "GET") != 0) {
        reply_header(ctx->resp, "Allow", "GET");
        control_error(ctx, 405, "method not allowed");
        return;
    }
    store_campaign_t *c = store_campaign_find(&ctx->sim->store, PROVIDER_SARVAM, p.seg[1]);
    if (!c) {
        control_error(ctx, 404, "Campaign not found");
        return;
    }
    sarvam_handle_attempts(ctx, c);
}

void control_handle(sim_ctx_t *ctx, const char *rest)
{
    const char *m = ctx->req->method;
    if (strcmp(rest, "/health") == 0) {
        /* the cheapest answer the sim gives through the same lock and
         * server: the reference the list benchmark divides by */
        ctx->route = "sim.health";
        if (strcmp(m, "GET") == 0) {
            reply_json_text(ctx, 200, strdup("{\"ok\":true}"));
        } else {
            reply_header(ctx->resp, "Allow", "GET");
            control_error(ctx, 405, "method not allowed");
        }
    } else if (strcmp(rest, "/verify") == 0) {
        ctx->route = "sim.verify";
        if (strcmp(m, "GET") == 0)
            handle_verify(ctx);
        else {
            reply_header(ctx->resp, "Allow", "GET");
            control_error(ctx, 405, "method not allowed");
        }
    } else if (strcmp(rest, "/stats") == 0) {
        ctx->route = "sim.stats";
        if (strcmp(m, "GET") == 0)
            handle_stats(ctx);
        else {
            reply_header(ctx->resp, "Allow", "GET");
            control_error(ctx, 405, "method not allowed");
        }
    } else if (strcmp(rest, "/faults") == 0) {
        ctx->route = "sim.faults";
        handle_faults(ctx);
    } else if (strcmp(rest, "/campaigns") == 0) {
        ctx->route = "sim.campaigns";
        if (strcmp(m, "POST") == 0)
            handle_create(ctx);
        else {
            reply_header(ctx->resp, "Allow", "POST");
            control_error(ctx, 405, "method not allowed");
        }
    } else if (strncmp(rest, "/sarvam/", 8) == 0) {
        handle_sarvam_attempts(ctx, rest + 7);
    } else if (!census_handle(ctx, rest)) {
        control_error(ctx, 404, "no such control endpoint");
    }
}
