/* Sarvam per-contact data: cohorts streamed in (POST .../cohorts/stream,
 * GET .../cohorts) and the sim's own attempts rows (under /_sim/), plus the
 * page envelope they share with the campaign list. */
#include "sarvam_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "body.h"
#include "check.h"
#include "dialer.h"
#include "sarvam_hooks.h"
#include "simtime.h"

#define MAX_COHORT_USERS 1000

/* The request path up to and including "/campaigns" (for page URIs). */
void sarvam_base_uri(const sim_ctx_t *ctx, char *out, size_t len)
{
    const char *path = ctx->req->path;
    const char *at = strstr(path, "/campaigns");
    size_t n = at ? (size_t)(at - path) + strlen("/campaigns") : strlen(path);
    snprintf(out, len, "%.*s", (int)n, path);
}

static void url_append(char *out, size_t len, const char *s)
{
    size_t used = strlen(out);
    for (; *s && used + 4 < len; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-_.~", c))
            out[used++] = (char)c;
        else
            used += (size_t)snprintf(out + used, len - used, "%%%02X", c);
    }
    out[used] = '\0';
}

/* next_page_uri / prev_page_uri keep the filters of the current request. */
static cJSON *page_uri(const sim_ctx_t *ctx, const char *path, long offset, long limit,
                       const char *const *keep)
{
    char uri[1024];
    snprintf(uri, sizeof uri, "%s?offset=%ld&limit=%ld", path, offset, limit);
    for (; keep && *keep; keep++) {
        const char *v = reply_query(ctx, *keep);
        if (!v || !*v)
            continue;
        size_t used = strlen(uri);
        snprintf(uri + used, sizeof uri - used, "&%s=", *keep);
        url_append(uri, sizeof uri, v);
    }
    return cJSON_CreateString(uri);
}

void sarvam_reply_page(sim_ctx_t *ctx, cJSON *items, const page_t *pg, const char *path,
                       const char *const *keep)
{
    long total = pg->total, limit = pg->limit, offset = pg->offset;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddItemToObject(root, "items", items);
    page_add_counts(root, pg);
    cJSON_AddItemToObject(root, "next_page_uri",
                          offset + limit < total ? page_uri(ctx, path, offset + limit, limit, keep)
                                                 : cJSON_CreateNull());
    cJSON_AddItemToObject(root, "prev_page_uri",
                          offset > 0 ? page_uri(ctx, path, offset > limit ? offset - limit : 0, limit, keep)
                                     : cJSON_CreateNull());
    reply_json(ctx, 200, root);
}

/* --- attempts: the sim's own per-contact rows ---------------------------------
 * Sarvam has no such endpoint (outcomes come only by webhook). Served
 * under /_sim/sarvam/campaigns/{id}/attempts for tests that need to see
 * the sim's state; no dialtop profile ever calls it. */

static cJSON *attempt_json(const store_campaign_t *c, const store_contact_t *k)
{
    cJSON *o = cJSON_CreateObject();
    char id[64];
    if (k->call_seq) {
        sarvam_attempt_id(c, k->call_seq, id, sizeof id);
        cJSON_AddStringToObject(o, "attempt_id", id);
    } else {
        cJSON_AddNullToObject(o, "attempt_id");
    }
    cJSON_AddStringToObject(o, "user_phone_number", k->phone);
    cJSON_AddItemToObject(o, "user_identifier", reply_str_or_null(k->user_identifier));
    cJSON *vars = cJSON_AddObjectToObject(o, "app_variables");
    for (size_t i = 0; i < k->nvars; i++)
        cJSON_AddStringToObject(vars, k->vars[i].key, k->vars[i].value);
    cJSON_AddStringToObject(o, "status", model_contact_state_name(k->state));
    contact_state_t done = k->state == CONTACT_RETRY_SCHEDULED ? k->outcome : k->state;
    cJSON_AddItemToObject(o, "completion_status", reply_str_or_null(sarvam_completion_status(done)));
    cJSON_AddItemToObject(o, "connectivity_status", reply_str_or_null(sarvam_connectivity_status(
                                                        k->state == CONTACT_IN_PROGRESS ? k->state : done)));
    cJSON_AddItemToObject(o, "next_action_status",
                          reply_str_or_null(k->state == CONTACT_RETRY_SCHEDULED ? "retry" : NULL));
    cJSON_AddNumberToObject(o, "attempt_number", k->attempts);
    reply_add_iso(o, "started_at", k->last_attempt);
    cJSON_AddNumberToObject(o, "duration_seconds", k->state == CONTACT_IN_PROGRESS ? 0 : k->duration_s);
    cJSON_AddItemToObject(o, "failure_reason", reply_str_or_null(k->failure_reason));
    return o;
}

void sarvam_handle_attempts(sim_ctx_t *ctx, const store_campaign_t *c)
{
    ctx->route = "sarvam.attempts";
    page_t pg;
    if (!page_read_query(ctx, 20, &pg))
        return;
    cJSON *items = cJSON_CreateArray();
    for (size_t i = (size_t)pg.offset; i < c->ncontacts && i < (size_t)(pg.offset + pg.limit); i++)
        cJSON_AddItemToArray(items, attempt_json(c, &c->contacts[i]));
    pg.total = (long)c->ncontacts;
    sarvam_reply_page(ctx, items, &pg, ctx->req->path, NULL);
}

/* --- cohorts ------------------------------------------------------------------- */

static cJSON *cohort_json(const store_cohort_t *h)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "cohort_id", h->cohort_id);
    cJSON_AddStringToObject(o, "name", h->name);
    cJSON_AddStringToObject(o, "status", h->valid > 0 || h->total == 0 ? "completed" : "failed");
    cJSON_AddStringToObject(o, "source_type", "api");
    cJSON_AddStringToObject(o, "created_by", "dialtop-sim");
    cJSON *r = cJSON_AddObjectToObject(o, "result");
    cJSON_AddNumberToObject(r, "total_records", (double)h->total);
    cJSON_AddNumberToObject(r, "valid_records", (double)h->valid);
    cJSON_AddNumberToObject(r, "rejected_records", (double)h->rejected);
    reply_add_iso(o, "created_at", h->created_at);
    reply_add_iso(o, "updated_at", h->created_at);
    cJSON_AddNullToObject(o, "updated_by");
    return o;
}

static bool user_valid(const cJSON *u)
{
    const cJSON *phone = cJSON_GetObjectItemCaseSensitive(u, "user_phone_number");
    const cJSON *ident = cJSON_GetObjectItemCaseSensitive(u, "user_identifier");
    const cJSON *vars = cJSON_GetObjectItemCaseSensitive(u, "app_variables");
    return cJSON_IsObject(u) && cJSON_IsString(phone) && check_e164(phone->valuestring) &&
           (!ident || cJSON_IsNull(ident) || cJSON_IsString(ident)) &&
           (!vars || cJSON_IsNull(vars) || cJSON_IsObject(vars));
}

static bool user_add(store_campaign_t *c, const cJSON *u)
{
    store_contact_t *k =
        store_contact_add(c, cJSON_GetObjectItemCaseSensitive(u, "user_phone_number")->valuestring);
    if (!k)
        return false;
    const cJSON *ident = cJSON_GetObjectItemCaseSensitive(u, "user_identifier");
    if (cJSON_IsString(ident) && !store_set_str(&k->user_identifier, ident->valuestring))
        return false;
    return body_add_vars(k, cJSON_GetObjectItemCaseSensitive(u, "app_variables"), NULL);
}

void sarvam_handle_stream(sim_ctx_t *ctx, store_campaign_t *c)
{
    ctx->route = "sarvam.cohort_stream";
    cJSON *body = reply_body_object(ctx);
    if (!body)
        return;
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(body, "name");
    const cJSON *users = cJSON_GetObjectItemCaseSensitive(body, "users");
    int n = cJSON_GetArraySize(users);
    if (!cJSON_IsString(name) || !*name->valuestring) {
        reply_field(ctx, "body", "name", "field required");
    } else if (!cJSON_IsArray(users) || n < 1 || n > MAX_COHORT_USERS) {
        reply_field(ctx, "body", "users", "must be a list of 1 to 1000 users");
    } else if (model_campaign_state_is_terminal(c->state)) {
        sarvam_reply_refused(ctx, c, "add users to");
    } else {
        store_cohort_t *hs = realloc(c->cohorts, (c->ncohorts + 1) * sizeof *hs);
        if (!hs) {
            reply_error(ctx, 500, "internal_error", "out of memory");
            goto out;
        }
        c->cohorts = hs;
        store_cohort_t *h = &hs[c->ncohorts];
        memset(h, 0, sizeof *h);
        char id[48];
        snprintf(id, sizeof id, "coh_%s_%zu", c->id + 4, c->ncohorts + 1);
        if (!store_set_str(&h->cohort_id, id) || !store_set_str(&h->name, name->valuestring)) {
            free(h->cohort_id);
            free(h->name);
            reply_error(ctx, 500, "internal_error", "out of memory");
            goto out;
        }
        c->ncohorts++;
        h->created_at = ctx->now;
        const cJSON *u;
        cJSON_ArrayForEach(u, users)
        {
            h->total++;
            if (user_valid(u) && user_add(c, u))
                h->valid++;
            else
                h->rejected++;
        }
        dialer_touch(c);
        c->updated_at = ctx->now;
        ctx->changed = true;
        reply_json(ctx, 201, cohort_json(h));
    }
out:
    cJSON_Delete(body);
}

void sarvam_handle_cohorts(sim_ctx_t *ctx, const store_campaign_t *c, const char *cohort_id)
{
    ctx->route = "sarvam.cohorts";
    if (cohort_id) {
        for (size_t i = 0; i < c->ncohorts; i++) {
            if (strcmp(c->cohorts[i].cohort_id, cohort_id) == 0) {
                reply_json(ctx, 200, cohort_json(&c->cohorts[i]));
                return;
            }
        }
        reply_error(ctx, 404, "not_found", "Cohort not found");
        return;
    }
    /* Sarvam's list: offset/limit (default 10, at most 100), newest first
     * unless sort_order=asc, search in the name, the list envelope. A
     * campaign's contact total is the sum over every page. */
    page_t pg;
    if (!page_read_query(ctx, 10, &pg))
        return;
    const char *order = reply_query(ctx, "sort_order");
    const char *sort_by = reply_query(ctx, "sort_by");
    const char *search = reply_query(ctx, "search");
    if (order && *order && strcmp(order, "asc") != 0 && strcmp(order, "desc") != 0) {
        reply_field(ctx, "query", "sort_order", "must be asc or desc");
        return;
    }
    if (sort_by && *sort_by && strcmp(sort_by, "created_at") != 0) {
        reply_field(ctx, "query", "sort_by", "must be created_at");
        return;
    }
    bool asc = order && strcmp(order, "asc") == 0;
    cJSON *items = cJSON_CreateArray();
    for (size_t k = 0; k < c->ncohorts; k++) {
        const store_cohort_t *h = &c->cohorts[asc ? k : c->ncohorts - 1 - k];
        if (search && *search && !check_contains_ci(h->name, search))
            continue;
        if (page_take_row(&pg))
            cJSON_AddItemToArray(items, cohort_json(h));
    }
    static const char *const keep[] = {"sort_by", "sort_order", "search", NULL};
    sarvam_reply_page(ctx, items, &pg, ctx->req->path, keep);
}
