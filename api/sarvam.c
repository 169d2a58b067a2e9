/* Sarvam driver: campaigns under /api/scheduling/v1/orgs/{org}/workspaces/{ws},
 * X-API-Key header. Lists page by offset in an {items, total, ...}
 * envelope. Per-contact outcomes come only by webhook (no list endpoint):
 * contacts and counts are read from a `dialtop hooks` receiver
 * (sarvam_receiver.c), or refused once without one. Status changes are
 * PUT /status, reschedule PATCHes the working window (the start cannot
 * move), and a new campaign's contacts are streamed as cohorts of at most
 * 1,000. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "driver.h"
#include "drvbody.h"
#include "drvrecord.h"
#include "drvutil.h"
#include "jsonget.h"
#include "jsonwrite.h"
#include "sarvam_receiver.h"

#define P PROVIDER_SARVAM
#define AUTH "X-API-Key: %s"
#define PAGE_DEFAULT 50
#define PAGE_MAX 100

/* The workspace prefix; org and workspace are required for every call. */
static bool url_start(dynbuf_t *b, const driver_ctx_t *ctx, const char *path, api_error_t *err)
{
    const char *missing = !ctx->org_id || !ctx->org_id[0]               ? "org_id"
                          : !ctx->workspace_id || !ctx->workspace_id[0] ? "workspace_id"
                                                                        : NULL;
    if (missing) {
        api_error_set(err, API_ERR_VALIDATION, 0, "the Sarvam profile needs %s in its config",
                      missing);
        snprintf(err->field, sizeof err->field, "%s", missing);
        return false;
    }
    drv_url(b, ctx, "/api/scheduling/v1/orgs/");
    drv_add_escaped(b, ctx->org_id);
    dynbuf_add(b, "/workspaces/");
    drv_add_escaped(b, ctx->workspace_id);
    dynbuf_add(b, path);
    return true;
}

/* .../campaigns/{id}{suffix}; the caller has checked the id. */
static bool campaign_url(dynbuf_t *b, const driver_ctx_t *ctx, const char *id,
                         const char *suffix, api_error_t *err)
{
    if (!url_start(b, ctx, "/campaigns/", err))
        return false;
    drv_add_escaped(b, id);
    dynbuf_add(b, suffix);
    return true;
}

static bool need_id(const char *id, api_error_t *err)
{
    return drv_need_id(id, "campaign", err);
}

/* --- campaigns ----------------------------------------------------------- */

static const char *const day_names[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};

/* allowed_schedule and end_timestamp: what a reschedule merges into. */
static void campaign_zone(const cJSON *rec, model_campaign_t *c)
{
    const cJSON *as = jget_object(rec, "allowed_schedule");
    c->timezone = jget_str(as, "timezone");
    jget_str_buf(as, "allowed_start_time", c->window_start, sizeof c->window_start);
    jget_str_buf(as, "allowed_end_time", c->window_end, sizeof c->window_end);
    const cJSON *days = jget(as, "allowed_days"), *d;
    if (cJSON_IsArray(days))
        cJSON_ArrayForEach(d, days)
            for (int i = 0; i < 7; i++)
            if (cJSON_IsString(d) && strcasecmp(d->valuestring, day_names[i]) == 0)
                c->window_days |= 1u << i;
    c->end_at = jget_str(rec, "end_timestamp");
}

/* The public API has no counts at all. */
static const drv_campaign_fields_t campaign_fields = {
    .noun = "campaign",
    .nouns = "campaigns",
    .id = "campaign_id",
    .name = "name",
    .status = "status",
    .total = "total_contacts",
    .completed = "completed_contacts",
    .scheduled_at = "start_timestamp",
    .created_at = "created_at",
    .failure = "failure_reason",
    .extra = campaign_zone,
};

/* Lists come as {items, total, limit, offset, next_page_uri, prev_page_uri}. */
static void next_offset_page(const cJSON *root, const api_page_t *page, size_t n,
                             long *total, api_page_t *next)
{
    const cJSON *uri = jget(root, "next_page_uri");
    /* Present and null (or empty): the provider says this was the last. */
    int more = !uri ? -1 : cJSON_IsString(uri) && uri->valuestring[0];
    *total = jget_count(root, "total", -1);
    drv_next_offset(page, drv_page_limit(page, PAGE_DEFAULT, PAGE_MAX), n, *total, more, next);
}

static bool build_list_campaigns(const driver_ctx_t *ctx, const api_page_t *page,
                                 const char *status_filter, api_request_t *out,
                                 api_error_t *err)
{
    dynbuf_t b = {0};
    if (!url_start(&b, ctx, "/campaigns", err))
        return false;
    drv_add_query_long(&b, "offset", drv_page_offset(page));
    drv_add_query_long(&b, "limit", drv_page_limit(page, PAGE_DEFAULT, PAGE_MAX));
    drv_add_query_opt(&b, "campaign_status", status_filter);
    return drv_request(out, HTTP_GET, dynbuf_take(&b), AUTH, ctx->api_key, NULL, err);
}

static bool parse_list_campaigns(const api_response_t *resp, const api_page_t *page,
                                 api_campaign_page_t *out, api_error_t *err)
{
    memset(out, 0, sizeof *out);
    cJSON *root;
    const cJSON *items = drv_accept_list(P, resp, "items", "campaign list", &root, err);
    if (!items)
        return false;
    if (!drv_parse_campaign_list(P, &campaign_fields, items, out, err)) {
        cJSON_Delete(root);
        return false;
    }
    next_offset_page(root, page, out->n, &out->total, &out->next);
    cJSON_Delete(root);
    return true;
}

static bool build_get_campaign(const driver_ctx_t *ctx, const char *id, api_request_t *out,
                               api_error_t *err)
{
    dynbuf_t b = {0};
    if (!need_id(id, err) || !campaign_url(&b, ctx, id, "", err))
        return false;
    return drv_request(out, HTTP_GET, dynbuf_take(&b), AUTH, ctx->api_key, NULL, err);
}

static bool parse_get_campaign(const api_response_t *resp, model_campaign_t *out,
                               api_error_t *err)
{
    model_campaign_init(out);
    cJSON *root = drv_accept(P, resp, err);
    if (!root)
        return false;
    sarvam_receiver_hide_webhook_token(root); /* the detail view shows raw_json */
    bool ok = drv_parse_campaign(P, &campaign_fields, root, 0, out, err);
    cJSON_Delete(root);
    return ok;
}

/* --- contacts ------------------------------------------------------------ */

/* Sarvam lists no contacts or attempts: they come from the webhook
 * receiver (sarvam_receiver.c), or, without one, are refused once. */

/* --- actions ------------------------------------------------------------- */

/* PATCH /campaigns/{id}: Sarvam takes name, description, app_config,
 * end_timestamp and allowed_schedule, and replaces allowed_schedule whole,
 * so the window goes complete (the caller merged it with the details).
 * The start cannot move: no start_timestamp, ever. */
static bool window_body(cJSON *body, const api_reschedule_t *r, api_error_t *err)
{
    char reason[160];
    if (!r || !r->window) {
        model_reschedule_fits(P, r && r->when, false, reason, sizeof reason);
        return api_error_set(err, API_ERR_UNSUPPORTED, 0, "%s", reason);
    }
    const char *missing = !r->window_start || !r->window_start[0] ? "allowed hours (start)"
                          : !r->window_end || !r->window_end[0]   ? "allowed hours (end)"
                          : !(r->window_days & 0x7fu)             ? "allowed days"
                          : !r->timezone || !r->timezone[0]       ? "timezone"
                                                                  : NULL;
    if (missing)
        return api_error_set(err, API_ERR_VALIDATION, 0,
                             "reschedule: the working window needs %s (Sarvam replaces it whole)",
                             missing);
    cJSON *sched = cJSON_AddObjectToObject(body, "allowed_schedule");
    cJSON_AddStringToObject(sched, "allowed_start_time", r->window_start);
    cJSON_AddStringToObject(sched, "allowed_end_time", r->window_end);
    cJSON *days = cJSON_AddArrayToObject(sched, "allowed_days");
    for (int d = 0; d < 7; d++)
        if (r->window_days & (1u << d))
            cJSON_AddItemToArray(days, cJSON_CreateString(day_names[d]));
    cJSON_AddStringToObject(sched, "timezone", r->timezone);
    if (r->end_at && r->end_at[0])
        cJSON_AddStringToObject(body, "end_timestamp", r->end_at);
    return true;
}

static bool build_action(const driver_ctx_t *ctx, const char *campaign_id,
                         campaign_state_t state, action_t action,
                         const api_reschedule_t *resched, api_request_t *out, api_error_t *err)
{
    if (!need_id(campaign_id, err) || !drv_check_action(P, state, action, err))
        return false;
    dynbuf_t b = {0};
    if (!campaign_url(&b, ctx, campaign_id, "", err))
        return false;
    cJSON *body = cJSON_CreateObject();
    http_method_t method = HTTP_PUT;
    switch (action) {
    case ACTION_PAUSE:
    case ACTION_RESUME:
    case ACTION_CANCEL:
        dynbuf_add(&b, "/status");
        cJSON_AddStringToObject(body, "action",
                                action == ACTION_PAUSE    ? "pause"
                                : action == ACTION_RESUME ? "resume"
                                                          : "cancel");
        break;
    case ACTION_RESCHEDULE:
        if (!window_body(body, resched, err)) {
            cJSON_Delete(body);
            dynbuf_free(&b);
            return false;
        }
        method = HTTP_PATCH;
        break;
    default:
        cJSON_Delete(body);
        dynbuf_free(&b);
        return api_error_set(err, API_ERR_UNSUPPORTED, 0, "Sarvam offers no such action");
    }
    return drv_request(out, method, dynbuf_take(&b), AUTH, ctx->api_key, drv_body(body), err);
}

/* Every action answers with the campaign itself. */
static bool parse_action(const api_response_t *resp, action_t action,
                         api_action_result_t *out, api_error_t *err)
{
    (void)action;
    memset(out, 0, sizeof *out);
    cJSON *root = drv_accept(P, resp, err);
    if (!root)
        return false;
    char *st = jget_str(root, "status");
    drv_action_result(out, P, st, NULL);
    free(st);
    cJSON_Delete(root);
    return true;
}

/* --- create and cohorts -------------------------------------------------- */

/* the name rule (1-50 characters of \w, '-', ' ') is the description's,
 * checked here too so the operator hears it before anything is sent */
static const drv_create_rules_t create_rules = {
    .provider = P,
    .noun = "campaign",
    .contacts_field = "users",
    .start_field = "start_timestamp",
};

/* allowed_schedule: the working window and days, in the campaign's zone. */
static void add_create_settings(cJSON *body, const api_create_spec_t *spec)
{
    cJSON *sched = cJSON_AddObjectToObject(body, "allowed_schedule");
    if (spec->window_start)
        cJSON_AddStringToObject(sched, "allowed_start_time", spec->window_start);
    if (spec->window_end)
        cJSON_AddStringToObject(sched, "allowed_end_time", spec->window_end);
    if (spec->working_days & 0x7fu) {
        cJSON *days = cJSON_AddArrayToObject(sched, "allowed_days");
        for (int d = 0; d < 7; d++)
            if (spec->working_days & (1u << d))
                cJSON_AddItemToArray(days, cJSON_CreateString(day_names[d]));
    }
    cJSON_AddStringToObject(sched, "timezone", spec->timezone ? spec->timezone : "UTC");
}

static bool build_create(const driver_ctx_t *ctx, const api_create_spec_t *spec,
                         api_request_t *out, api_error_t *err)
{
    if (!drv_validate_spec(spec, &create_rules, err))
        return false;
    dynbuf_t b = {0};
    if (!url_start(&b, ctx, "/campaigns", err))
        return false;
    cJSON *body = cJSON_CreateObject();
    cJSON_AddStringToObject(body, "name", spec->name);
    if (spec->agent_id)
        cJSON_AddStringToObject(body, "app_id", spec->agent_id);
    cJSON *app_config = cJSON_AddObjectToObject(body, "app_config");
    /* Where Sarvam posts each attempt: the operator's receiver, when the
     * profile names its public URL (the client joins it with the token). */
    if (ctx->hooks_webhook_url && ctx->hooks_webhook_url[0])
        cJSON_AddStringToObject(cJSON_AddObjectToObject(app_config, "webhook_config"), "url",
                                ctx->hooks_webhook_url);
    if (spec->scheduled_at) {
        char *iso = drv_iso_local(spec->scheduled_at);
        cJSON_AddStringToObject(body, "start_timestamp", iso ? iso : spec->scheduled_at);
        free(iso);
    }
    add_create_settings(body, spec);
    return drv_request(out, HTTP_POST, dynbuf_take(&b), AUTH, ctx->api_key, drv_body(body), err);
}

static bool parse_create(const api_response_t *resp, api_created_t *out, api_error_t *err)
{
    memset(out, 0, sizeof *out);
    cJSON *root = drv_accept(P, resp, err);
    if (!root)
        return false;
    bool ok = drv_read_created(P, root, "campaign_id", "status",
                               "the create reply names no campaign_id", out, err);
    cJSON_Delete(root);
    return ok;
}

/* One cohort user: every variable goes in app_variables; the phone
 * identifies the user when the contact has no id of its own. */
static void write_user(dynbuf_t *b, const model_contact_t *ct)
{
    bool first = true;
    dynbuf_addn(b, "{", 1);
    jsonwrite_member(b, &first, "user_phone_number", ct->phone);
    jsonwrite_member(b, &first, "user_identifier", ct->id ? ct->id : ct->phone);
    dynbuf_add(b, ",\"app_variables\":{");
    first = true;
    for (size_t v = 0; v < ct->nvars; v++)
        if (ct->vars[v].key)
            jsonwrite_member(b, &first, ct->vars[v].key,
                             ct->vars[v].value ? ct->vars[v].value : "");
    dynbuf_addn(b, "}}", 2);
}

static const drv_contact_list_t cohort_users = {
    .key = "users",
    .phone_field = "user_phone_number",
    .write = write_user,
};

static size_t create_chunk_count(const api_create_spec_t *spec)
{
    if (!spec)
        return 0;
    return (spec->ncontacts + DRIVER_CHUNK_MAX - 1) / DRIVER_CHUNK_MAX;
}

static bool build_create_chunk(const driver_ctx_t *ctx, const api_create_spec_t *spec,
                               const char *campaign_id, size_t chunk, api_request_t *out,
                               api_error_t *err)
{
    size_t nchunks = create_chunk_count(spec);
    if (chunk >= nchunks)
        return api_error_set(err, API_ERR_VALIDATION, 0, "no contact chunk %zu", chunk + 1);
    dynbuf_t b = {0};
    if (!need_id(campaign_id, err) ||
        !campaign_url(&b, ctx, campaign_id, "/cohorts/stream", err))
        return false;
    cJSON *body = cJSON_CreateObject();
    char name[64];
    snprintf(name, sizeof name, "dialtop import %zu of %zu", chunk + 1, nchunks);
    cJSON_AddStringToObject(body, "name", name);
    cJSON_AddArrayToObject(body, "users"); /* streamed in by drv_post_contacts */
    size_t first = chunk * DRIVER_CHUNK_MAX;
    size_t last = first + DRIVER_CHUNK_MAX < spec->ncontacts ? first + DRIVER_CHUNK_MAX
                                                             : spec->ncontacts;
    return drv_post_contacts(out, &b, AUTH, ctx->api_key, body, &cohort_users, spec, first,
                             last, err);
}

static bool parse_create_chunk(const api_response_t *resp, api_chunk_result_t *out,
                               api_error_t *err)
{
    memset(out, 0, sizeof *out);
    cJSON *root = drv_accept(P, resp, err);
    if (!root)
        return false;
    jget_str_buf(root, "status", out->status, sizeof out->status);
    const cJSON *result = jget_object(root, "result");
    if (!result && !out->status[0] && !jget(root, "cohort_id")) {
        cJSON_Delete(root);
        return drv_shape_error(P, err, "the cohort reply has no status or result");
    }
    long valid = jget_count(result, "valid_records", -1);
    long rejected = jget_count(result, "rejected_records", -1);
    out->accepted = valid > 0 ? (size_t)valid : 0;
    out->rejected = rejected > 0 ? (size_t)rejected : 0;
    cJSON_Delete(root);
    return true;
}

const driver_t driver_sarvam = {
    .provider = P,
    .campaign_page_style = PAGE_BY_OFFSET,
    .contact_page_style = PAGE_BY_OFFSET,
    .build_list_campaigns = build_list_campaigns,
    .parse_list_campaigns = parse_list_campaigns,
    .build_get_campaign = build_get_campaign,
    .parse_get_campaign = parse_get_campaign,
    .build_list_contacts = sarvam_receiver_build_contacts,
    .parse_list_contacts = sarvam_receiver_parse_contacts,
    .build_action = build_action,
    .parse_action = parse_action,
    .build_create = build_create,
    .parse_create = parse_create,
    .create_chunk_count = create_chunk_count,
    .build_create_chunk = build_create_chunk,
    .parse_create_chunk = parse_create_chunk,
    .figure_parts = sarvam_receiver_figure_parts,
    .build_figures = sarvam_receiver_build_figures,
    .parse_figures = sarvam_receiver_parse_figures,
    .build_list_figures = sarvam_receiver_build_list_figures,
    .parse_list_figures = sarvam_receiver_parse_list_figures,
};
