/* Sarvam dialect: /api/scheduling/v1/orgs/{org}/workspaces/{ws}/campaigns...
 * Any org and workspace are accepted. Shapes: API.md section 3, WIRE.md;
 * transitions: seeds/sarvam-update-campaign-status.md. Its description
 * (ids, wire words, error shapes, ending; dialects.h) is at the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "actions.h"
#include "body.h"
#include "check.h"
#include "dialer.h"
#include "jsonout.h"
#include "reply.h"
#include "rng.h"
#include "simtime.h"
#include "sarvam_rows.h"
#include "sarvam_hooks.h"
#include "wire.h"

const char *const sarvam_day_names[8] = {"", "Monday", "Tuesday", "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};

static const char *raw(const store_campaign_t *c)
{
    return wire_campaign_status(PROVIDER_SARVAM, c->state);
}

/* One campaign as the list (and, with detail, the create, GET and PATCH)
 * show it. */
static void write_campaign(jsonout_t *b, const store_campaign_t *c, bool detail)
{
    jsonout_object_open(b, NULL);
    jsonout_string(b, "name", c->name);
    jsonout_string(b, "campaign_id", c->id);
    jsonout_string(b, "status", raw(c));
    jsonout_string(b, "app_id", c->agent_id ? c->agent_id : "app_default");
    jsonout_string(b, "created_by", "dialtop-sim");
    jsonout_iso(b, "created_at", c->created_at);
    jsonout_iso(b, "updated_at", c->updated_at);
    jsonout_string_or_null(b, "description", c->description);
    jsonout_string(b, "app_type", "agent");
    jsonout_null(b, "app_version");
    jsonout_null(b, "updated_by");
    jsonout_iso(b, "start_timestamp", c->start_at);
    jsonout_iso(b, "end_timestamp", c->end_at);
    jsonout_object_open(b, "allowed_schedule");
    jsonout_string_or_null(b, "allowed_start_time", c->window_start[0] ? c->window_start : NULL);
    jsonout_string_or_null(b, "allowed_end_time", c->window_end[0] ? c->window_end : NULL);
    jsonout_array_open(b, "allowed_days");
    for (int d = 1; d <= 7; d++)
        if (c->window_days & (1u << d))
            jsonout_string(b, NULL, sarvam_day_names[d]);
    jsonout_array_close(b);
    jsonout_string(b, "timezone", c->timezone);
    jsonout_object_close(b);
    if (detail) {
        /* printed again as cJSON prints it, so the stored text's spacing
         * never shows */
        cJSON *cfg = c->app_config ? cJSON_Parse(c->app_config) : NULL;
        char *text = cfg ? cJSON_PrintUnformatted(cfg) : NULL;
        jsonout_raw(b, "app_config", text ? text : "{}");
        if (cfg && !text)
            b->failed = true;
        free(text);
        cJSON_Delete(cfg);
    }
    jsonout_object_close(b);
}

static void reply_campaign(sim_ctx_t *ctx, int status, const store_campaign_t *c, bool detail)
{
    jsonout_t b = {0};
    write_campaign(&b, c, detail);
    reply_json_text(ctx, status, jsonout_take(&b));
}

typedef enum { SORT_CREATED, SORT_UPDATED, SORT_NAME } sort_key_t;
static sort_key_t g_sort_key; /* qsort has no context; used under the sim lock */
static int g_sort_dir;

static int cmp_campaign(const void *a, const void *b)
{
    const store_campaign_t *x = *(store_campaign_t *const *)a, *y = *(store_campaign_t *const *)b;
    int r;
    if (g_sort_key == SORT_NAME)
        r = strcasecmp(x->name, y->name);
    else if (g_sort_key == SORT_UPDATED)
        r = (x->updated_at > y->updated_at) - (x->updated_at < y->updated_at);
    else
        r = 0;
    if (r == 0)
        r = (x->num > y->num) - (x->num < y->num);
    return r * g_sort_dir;
}

/* The page of campaigns matching want and search in any other order:
 * every match is picked, then sorted. false on OOM. */
static bool write_sorted_page(jsonout_t *b, const store_list_t *l, campaign_state_t want,
                              const char *search, sort_key_t key, int dir, page_t *pg)
{
    store_campaign_t **pick = malloc((l->n ? l->n : 1) * sizeof *pick);
    if (!pick)
        return false;
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++) {
        store_campaign_t *c = l->items[i];
        if (want != CAMPAIGN_UNKNOWN && c->state != want)
            continue;
        if (search && *search && !check_contains_ci(c->name, search))
            continue;
        pick[n++] = c;
    }
    if (key == SORT_CREATED) { /* creation order is the store's order */
        if (dir < 0)
            for (size_t i = 0; i < n / 2; i++) {
                store_campaign_t *t = pick[i];
                pick[i] = pick[n - 1 - i];
                pick[n - 1 - i] = t;
            }
    } else {
        g_sort_key = key;
        g_sort_dir = dir;
        qsort(pick, n, sizeof *pick, cmp_campaign);
    }
    for (size_t i = (size_t)pg->offset; i < n && i < (size_t)(pg->offset + pg->limit); i++)
        write_campaign(b, pick[i], false);
    free(pick);
    pg->total = (long)n;
    return true;
}

static void handle_list(sim_ctx_t *ctx)
{
    ctx->route = "sarvam.list";
    page_t pg;
    if (!page_read_query(ctx, 20, &pg))
        return;
    const char *sort_by = reply_query(ctx, "sort_by");
    const char *order = reply_query(ctx, "sort_order");
    const char *search = reply_query(ctx, "search");
    campaign_state_t want;
    if (!reply_query_campaign_state(ctx, "campaign_status", &want))
        return;
    sort_key_t key = SORT_CREATED;
    if (sort_by && *sort_by) {
        if (strcmp(sort_by, "created_at") == 0)
            key = SORT_CREATED;
        else if (strcmp(sort_by, "updated_at") == 0)
            key = SORT_UPDATED;
        else if (strcmp(sort_by, "name") == 0)
            key = SORT_NAME;
        else {
            reply_field(ctx, "query", "sort_by", "must be one of created_at, updated_at, name");
            return;
        }
    }
    int dir = -1;
    if (order && *order) {
        if (strcmp(order, "asc") == 0)
            dir = 1;
        else if (strcmp(order, "desc") != 0) {
            reply_field(ctx, "query", "sort_order", "must be asc or desc");
            return;
        }
    }
    const store_list_t *l = &ctx->sim->store.by_dialect[SIM_SARVAM];
    jsonout_t b = {0};
    jsonout_array_open(&b, NULL);
    if (key == SORT_CREATED && dir < 0 && !(search && *search)) {
        /* the default order is the store's, newest first: only the page
         * is visited */
        store_campaign_t *rows[PAGE_MAX_LIMIT];
        size_t n = page_campaigns(&pg, l, want, rows, PAGE_MAX_LIMIT);
        for (size_t i = 0; i < n; i++)
            write_campaign(&b, rows[i], false);
    } else if (!write_sorted_page(&b, l, want, search, key, dir, &pg)) {
        jsonout_free(&b);
        reply_error(ctx, 500, "internal_error", "out of memory");
        return;
    }
    jsonout_array_close(&b);
    char path[512];
    sarvam_base_uri(ctx, path, sizeof path);
    static const char *const keep[] = {"campaign_status", "sort_by", "sort_order", "search", NULL};
    sarvam_reply_page(ctx, jsonout_take_raw(&b), &pg, path, keep);
}

/* --- create, edit, status ----------------------------------------------------- */

typedef struct {
    bool has_start, has_end, has_schedule;
    int64_t start, end;
    char wstart[6], wend[6];
    unsigned days;
    char tz[64];
} fields_t;

static bool read_time(sim_ctx_t *ctx, const cJSON *body, const char *key, const char *tz,
                      bool *has, int64_t *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(body, key);
    if (!v || cJSON_IsNull(v))
        return true;
    if (!cJSON_IsString(v) || !simtime_iso_parse(v->valuestring, tz, out)) {
        reply_field(ctx, "body", key, "must be an ISO 8601 date-time such as 2026-04-05T09:00:00Z");
        return false;
    }
    *has = true;
    return true;
}

static bool read_schedule(sim_ctx_t *ctx, const cJSON *as, const char *tz_default, fields_t *f)
{
    snprintf(f->tz, sizeof f->tz, "%s", tz_default);
    if (!as || cJSON_IsNull(as))
        return true;
    if (!cJSON_IsObject(as)) {
        reply_field(ctx, "body", "allowed_schedule", "must be an object");
        return false;
    }
    f->has_schedule = true;
    if (!body_read_tz(ctx, cJSON_GetObjectItemCaseSensitive(as, "timezone"), "allowed_schedule.timezone",
                      "Asia/Kolkata", f->tz, sizeof f->tz) ||
        !body_read_hhmm(ctx, cJSON_GetObjectItemCaseSensitive(as, "allowed_start_time"),
                        "allowed_schedule.allowed_start_time", f->wstart) ||
        !body_read_hhmm(ctx, cJSON_GetObjectItemCaseSensitive(as, "allowed_end_time"),
                        "allowed_schedule.allowed_end_time", f->wend))
        return false;
    const cJSON *days = cJSON_GetObjectItemCaseSensitive(as, "allowed_days"), *d;
    if (days && !cJSON_IsNull(days)) {
        if (!cJSON_IsArray(days))
            goto bad_days;
        cJSON_ArrayForEach(d, days)
        {
            int found = 0;
            for (int i = 1; i <= 7 && cJSON_IsString(d); i++)
                if (strcasecmp(d->valuestring, sarvam_day_names[i]) == 0)
                    found = i;
            if (!found)
                goto bad_days;
            f->days |= 1u << found;
        }
    }
    return true;
bad_days:
    reply_field(ctx, "body", "allowed_schedule.allowed_days", "must be a list of day names such as Monday");
    return false;
}

/* Fields common to POST and PATCH (c NULL: create). PATCH reads only
 * what Sarvam documents for it (name, description, app_config,
 * end_timestamp, allowed_schedule): start_timestamp and anything else is
 * ignored, as FastAPI ignores fields a model does not declare. */
static bool read_fields(sim_ctx_t *ctx, const cJSON *body, const store_campaign_t *c, fields_t *f)
{
    memset(f, 0, sizeof *f);
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(body, "name");
    const cJSON *desc = cJSON_GetObjectItemCaseSensitive(body, "description");
    if ((name || !c) && (!cJSON_IsString(name) || !check_sarvam_name(name->valuestring))) {
        reply_field(ctx, "body", "name", "required, 1 to 50 letters, digits, '_', '-' or spaces");
        return false;
    }
    if (desc && !cJSON_IsNull(desc) && !cJSON_IsString(desc)) {
        reply_field(ctx, "body", "description", "must be a string");
        return false;
    }
    const cJSON *cfg = cJSON_GetObjectItemCaseSensitive(body, "app_config");
    if (cfg && !cJSON_IsNull(cfg) && !cJSON_IsObject(cfg)) {
        reply_field(ctx, "body", "app_config", "must be an object");
        return false;
    }
    /* webhook_config {url, metadata}: where the attempts will be POSTed */
    const cJSON *wh = cJSON_GetObjectItemCaseSensitive(cfg, "webhook_config");
    const cJSON *url = cJSON_GetObjectItemCaseSensitive(wh, "url");
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(wh, "metadata");
    if (wh && !cJSON_IsNull(wh) &&
        (!cJSON_IsObject(wh) || !cJSON_IsString(url) ||
         (strncmp(url->valuestring, "http://", 7) != 0 &&
          strncmp(url->valuestring, "https://", 8) != 0))) {
        reply_field(ctx, "body", "app_config.webhook_config.url", "must be an http or https URL");
        return false;
    }
    if (meta && !cJSON_IsNull(meta) && !cJSON_IsObject(meta)) {
        reply_field(ctx, "body", "app_config.webhook_config.metadata", "must be an object");
        return false;
    }
    /* allowed_schedule is replaced whole: a field left out takes the
     * model's default, not the campaign's old value */
    if (!read_schedule(ctx, cJSON_GetObjectItemCaseSensitive(body, "allowed_schedule"), "UTC", f) ||
        (!c && !read_time(ctx, body, "start_timestamp", f->tz, &f->has_start, &f->start)) ||
        !read_time(ctx, body, "end_timestamp", f->tz, &f->has_end, &f->end))
        return false;
    int64_t start = f->has_start ? f->start : c ? c->start_at : ctx->now;
    if (f->has_end && f->end <= start) {
        reply_field(ctx, "body", "end_timestamp", "must be after start_timestamp");
        return false;
    }
    return true;
}

static bool apply_fields(sim_ctx_t *ctx, store_campaign_t *c, const cJSON *body, const fields_t *f)
{
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(body, "name");
    const cJSON *desc = cJSON_GetObjectItemCaseSensitive(body, "description");
    if ((cJSON_IsString(name) && !store_set_str(&c->name, name->valuestring)) ||
        (desc && !store_set_str(&c->description, cJSON_IsString(desc) ? desc->valuestring : NULL))) {
        reply_error(ctx, 500, "internal_error", "out of memory");
        return false;
    }
    if (f->has_schedule) {
        memcpy(c->window_start, f->wstart, sizeof c->window_start);
        memcpy(c->window_end, f->wend, sizeof c->window_end);
        c->window_days = f->days;
        snprintf(c->timezone, sizeof c->timezone, "%s", f->tz);
    }
    if (f->has_end)
        c->end_at = f->end;
    const cJSON *cfg = cJSON_GetObjectItemCaseSensitive(body, "app_config");
    if (cJSON_IsObject(cfg) && !store_campaign_set_app_config(c, cJSON_PrintUnformatted(cfg))) {
        reply_error(ctx, 500, "internal_error", "out of memory");
        return false;
    }
    return true;
}

static void handle_create(sim_ctx_t *ctx)
{
    ctx->route = "sarvam.create";
    cJSON *body = reply_body_object(ctx);
    if (!body)
        return;
    fields_t f;
    const cJSON *app = cJSON_GetObjectItemCaseSensitive(body, "app_id");
    const cJSON *conc = cJSON_GetObjectItemCaseSensitive(body, "concurrency");
    const cJSON *retry = cJSON_GetObjectItemCaseSensitive(body, "retry_limit");
    store_campaign_t *c = NULL;
    if (!read_fields(ctx, body, NULL, &f))
        goto out;
    if (app && !cJSON_IsNull(app) && !cJSON_IsString(app)) {
        reply_field(ctx, "body", "app_id", "must be a string");
        goto out;
    }
    if (conc && (!cJSON_IsNumber(conc) || conc->valueint < 1 || conc->valueint > 100 ||
                 conc->valuedouble != conc->valueint)) {
        reply_field(ctx, "body", "concurrency", "must be an integer from 1 to 100");
        goto out;
    }
    if (retry && (!cJSON_IsNumber(retry) || retry->valueint < 0 || retry->valueint > 5 ||
                  retry->valuedouble != retry->valueint)) {
        reply_field(ctx, "body", "retry_limit", "must be an integer from 0 to 5");
        goto out;
    }
    c = store_campaign_new(&ctx->sim->store, PROVIDER_SARVAM, ctx->now);
    if (!c || !apply_fields(ctx, c, body, &f) ||
        !store_set_str(&c->agent_id, cJSON_IsString(app) ? app->valuestring : "app_default")) {
        if (c)
            store_campaign_discard_last(&ctx->sim->store, PROVIDER_SARVAM);
        reply_error(ctx, 500, "internal_error", "out of memory");
        goto out;
    }
    c->concurrency = conc ? conc->valueint : 2;
    c->retry_limit = retry ? retry->valueint : 0;
    c->retry_schedule = c->retry_limit ? RETRY_IMMEDIATELY : RETRY_NONE;
    c->start_at = f.has_start ? f.start : ctx->now;
    c->is_scheduled = true;
    c->state = CAMPAIGN_SCHEDULED; /* always, per the API; the dialer activates it */
    ctx->changed = true;
    reply_campaign(ctx, 201, c, true);
out:
    cJSON_Delete(body);
}

void sarvam_reply_refused(sim_ctx_t *ctx, const store_campaign_t *c, const char *verb)
{
    reply_error(ctx, 409, "invalid_transition", "Cannot %s a campaign in status %s", verb, raw(c));
}

/* Only while paused or scheduled; the start never moves. A body with no
 * documented field answers 200 with nothing changed, as Sarvam may:
 * callers read the campaign back to see what took. */
static void handle_patch(sim_ctx_t *ctx, store_campaign_t *c)
{
    ctx->route = "sarvam.patch";
    cJSON *body = reply_body_object(ctx);
    if (!body)
        return;
    fields_t f;
    static const char *const documented[] = {"name", "description", "app_config", "end_timestamp",
                                             "allowed_schedule", NULL};
    bool any = false;
    for (const char *const *k = documented; *k; k++)
        any |= cJSON_GetObjectItemCaseSensitive(body, *k) != NULL;
    if (read_fields(ctx, body, c, &f)) {
        if (!actions_allowed(c, ACTION_RESCHEDULE)) {
            sarvam_reply_refused(ctx, c, "update");
        } else if (apply_fields(ctx, c, body, &f)) {
            if (any) {
                c->updated_at = ctx->now;
                dialer_touch(c); /* a new window or end changes the next event */
                ctx->changed = true;
            }
            reply_campaign(ctx, 200, c, true);
        }
    }
    cJSON_Delete(body);
}

static void handle_status(sim_ctx_t *ctx, store_campaign_t *c)
{
    ctx->route = "sarvam.status";
    cJSON *body = reply_body_object(ctx);
    if (!body)
        return;
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(body, "action");
    const char *action = cJSON_IsString(a) ? a->valuestring : "";
    bool ok;
    if (strcmp(action, "pause") == 0)
        ok = actions_pause(c, ctx->now);
    else if (strcmp(action, "resume") == 0)
        ok = actions_resume(c, ctx->now);
    else if (strcmp(action, "cancel") == 0)
        ok = actions_cancel(c, ctx->now);
    else {
        reply_field(ctx, "body", "action", "must be one of pause, resume, cancel");
        cJSON_Delete(body);
        return;
    }
    if (ok) {
        ctx->changed = true;
        reply_campaign(ctx, 200, c, false);
    } else {
        sarvam_reply_refused(ctx, c, action);
    }
    cJSON_Delete(body);
}

static void dialect_sarvam(sim_ctx_t *ctx, const char *rest)
{
    const char *m = ctx->req->method;
    reply_path_t p;
    ctx->route = "sarvam.not_found";
    if (!reply_path_expect(ctx, &p, rest, "campaigns", 4))
        return;
    const char *sub = p.n >= 3 ? p.seg[2] : "";
    const char *allow = NULL;
    if (p.n == 1)
        allow = "GET, POST";
    else if (p.n == 2)
        allow = "GET, PATCH";
    else if (p.n == 3 && strcmp(sub, "status") == 0)
        allow = "PUT";
    else if (p.n == 3 && strcmp(sub, "cohorts") == 0)
        allow = "GET";
    else if (p.n == 4 && strcmp(sub, "cohorts") == 0)
        allow = strcmp(p.seg[3], "stream") == 0 ? "POST" : "GET";
    else if (p.n == 4 && strcmp(sub, "webhooks") == 0 && strcmp(p.seg[3], "retry") == 0)
        allow = "POST";
    if (!reply_allowed(ctx, allow))
        return;
    if (p.n == 1) {
        if (strcmp(m, "GET") == 0)
            handle_list(ctx);
        else
            handle_create(ctx);
        return;
    }
    store_campaign_t *c = reply_campaign_find(ctx, p.seg[1], "Campaign not found");
    if (!c)
        return;
    if (p.n == 2 && strcmp(m, "GET") == 0) {
        ctx->route = "sarvam.detail";
        reply_campaign(ctx, 200, c, true);
    } else if (p.n == 2) {
        handle_patch(ctx, c);
    } else if (strcmp(sub, "status") == 0) {
        handle_status(ctx, c);
    } else if (strcmp(sub, "webhooks") == 0) {
        sarvam_handle_webhook_retry(ctx, c);
    } else if (p.n == 4 && strcmp(p.seg[3], "stream") == 0) {
        sarvam_handle_stream(ctx, c);
    } else {
        sarvam_handle_cohorts(ctx, c, p.n == 4 ? p.seg[3] : NULL);
    }
}

/* --- the description (dialects.h) ----------------------------------------- */

#define SARVAM_PREFIX "/api/scheduling/v1/orgs/"

/* "/api/scheduling/v1/orgs/{org}/workspaces/{ws}/rest": any org and ws.
 * Anything else under /api/scheduling/ is Sarvam's, malformed. */
static bool route(const char *path, const char **rest)
{
    if (strncmp(path, "/api/scheduling/", 16) != 0)
        return false;
    *rest = NULL;
    size_t n = strlen(SARVAM_PREFIX);
    if (strncmp(path, SARVAM_PREFIX, n) != 0)
        return true;
    const char *p = path + n;
    size_t org = strcspn(p, "/");
    if (org == 0 || strncmp(p + org, "/workspaces/", 12) != 0)
        return true;
    p += org + 12;
    size_t ws = strcspn(p, "/");
    if (ws != 0)
        *rest = p + ws;
    return true;
}

/* "cmp_" and 16 hex digits, a bijection of num for a fixed seed. */
static void campaign_id(char *id, size_t n, long num, uint64_t seed)
{
    snprintf(id, n, "cmp_%016llx", (unsigned long long)rng_mix64((uint64_t)num ^ seed));
}

/* {"error":{"message","code"}}. */
static cJSON *error_body(int status, const char *code, const char *msg, const char *detail_key,
                         const char *detail)
{
    (void)status;
    (void)detail_key;
    (void)detail;
    cJSON *root = cJSON_CreateObject();
    cJSON *e = cJSON_AddObjectToObject(root, "error");
    cJSON_AddStringToObject(e, "message", msg);
    cJSON_AddStringToObject(e, "code", code);
    return root;
}

static const sim_errors_t errors = {
    .body = error_body,
    .unauthorized = "Invalid or missing API key",
    .rate_code = "rate_limited",
    .rate_message = "Too many requests",
};

/* Sarvam's words are model.h's own but for "ended" (API.md section 3). */
static const sim_wire_words_t words = {
    .campaign = {[CAMPAIGN_COMPLETED] = "ended"},
};

const sim_dialect_desc_t sim_sarvam_dialect = {
    .id = SIM_SARVAM,
    .provider = PROVIDER_SARVAM,
    .first_num = 1,
    .auth = SIM_AUTH_X_API_KEY,
    .campaign_id = campaign_id,
    .words = &words,
    .errors = &errors,
    .finished = CAMPAIGN_ENDED,
    .ends_at_end_time = true,
    .cover_contacts = sarvam_cohort_cover,
    .webhooks = true,
    .route = route,
    .serve = dialect_sarvam,
};
