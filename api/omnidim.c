/* OmniDimension driver: bulk calls under /api/v1, Bearer key.
 * Campaign list pages by number, lines by opaque cursor; actions are PUT
 * with an action name, cancel is DELETE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "drvbody.h"
#include "drvrecord.h"
#include "drvutil.h"
#include "jsonget.h"
#include "jsonwrite.h"
#include "omnidim_live.h"
#include "provider.h"

#define P PROVIDER_OMNIDIM
#define AUTH "Authorization: Bearer %s"
#define LIST_DEFAULT 50
#define LINES_DEFAULT 30
#define PAGE_MAX 150

#define CAMPAIGNS "/api/v1/calls/bulk_call"

static bool need_id(const char *id, api_error_t *err)
{
    return drv_need_id(id, "campaign", err);
}

/* --- campaigns ----------------------------------------------------------- */

/* Several raw spellings may map to one state, so counts are summed; a
 * count that is not a sane whole number makes the breakdown unknown
 * rather than wrong. */
static void read_status_counts(const cJSON *counts, model_campaign_t *c)
{
    const cJSON *m;
    bool usable = true;
    cJSON_ArrayForEach(m, counts)
    {
        long n;
        if (!m->string)
            continue;
        if (!jnum_whole(m, 0, JNUM_COUNT_MAX, &n)) {
            usable = false;
            continue;
        }
        contact_state_t s = model_contact_state_from_raw(P, m->string);
        c->counts[s] = jnum_add_count(c->counts[s], n);
    }
    c->counts_known = usable;
    if (!usable)
        memset(c->counts, 0, sizeof c->counts);
}

/* Full counts on the detail record, a few counters on a list row. */
static void campaign_extra(const cJSON *rec, model_campaign_t *c)
{
    /* scheduled_datetime is wall-clock time in the campaign's zone: the
     * model reads it so (start_clock in api/providers/omnidim.c) */
    const cJSON *counts = jget_object(rec, "call_status_counts");
    if (counts) {
        read_status_counts(counts, c);
    } else {
        /* A list row carries only a few counters: keep them, flag the rest unknown. */
        long done = c->completed_contacts, pending = jget_count(rec, "total_pending_calls", -1);
        long unreached = jget_count(rec, "total_not_reachable_calls", -1);
        c->counts[CONTACT_COMPLETED] = done > 0 ? done : 0;
        c->counts[CONTACT_PENDING] = pending > 0 ? pending : 0;
        /* a published zero is a known zero (figure.h); absent stays -1 */
        c->fig[FIG_PEND] = pending >= 0 ? pending : -1;
        c->fig[FIG_FAIL] = unreached >= 0 ? unreached : -1;
    }
}

static const drv_campaign_fields_t campaign_fields = {
    .noun = "campaign",
    .nouns = "campaigns",
    .id = "id",
    .name = "name",
    .status = "status",
    .total = "total_calls",
    .completed = "completed_calls",
    .scheduled_at = "scheduled_datetime",
    .timezone = "timezone",
    .created_at = "create_date",
    .concurrency = "concurrent_call_limit",
    .retry_limit = "retry_limit",
    .failure = "failed_reason",
    .extra = campaign_extra,
};

static bool build_list_campaigns(const driver_ctx_t *ctx, const api_page_t *page,
                                 const char *status_filter, api_request_t *out,
                                 api_error_t *err)
{
    dynbuf_t b = {0};
    drv_url(&b, ctx, CAMPAIGNS);
    drv_add_query_long(&b, "pageno", page && page->page > 0 ? page->page : 1);
    drv_add_query_long(&b, "pagesize", drv_page_limit(page, LIST_DEFAULT, PAGE_MAX));
    drv_add_query_opt(&b, "status", status_filter);
    return drv_request(out, HTTP_GET, dynbuf_take(&b), AUTH, ctx->api_key, NULL, err);
}

static bool parse_list_campaigns(const api_response_t *resp, const api_page_t *page,
                                 api_campaign_page_t *out, api_error_t *err)
{
    memset(out, 0, sizeof *out);
    cJSON *j;
    const cJSON *records = drv_accept_list(P, resp, "records", "campaign list", &j, err);
    if (!records)
        return false;
    if (!drv_parse_campaign_list(P, &campaign_fields, records, out, err)) {
        cJSON_Delete(j);
        return false;
    }
    out->total = jget_count(j, "total_records", -1);
    cJSON_Delete(j);
    long pageno = page && page->page > 0 ? page->page : 1;
    int limit = drv_page_limit(page, LIST_DEFAULT, PAGE_MAX);
    api_page_first(&out->next, page ? page->limit : 0);
    out->next.page = pageno + 1;
    if (out->total >= 0)
        out->next.end = pageno * limit >= out->total || out->n == 0;
    else
        out->next.end = out->n < (size_t)limit;
    return true;
}

static bool build_get_campaign(const driver_ctx_t *ctx, const char *id, api_request_t *out,
                               api_error_t *err)
{
    if (!need_id(id, err))
        return false;
    dynbuf_t b = {0};
    drv_url_id(&b, ctx, CAMPAIGNS "/", id, "");
    return drv_request(out, HTTP_GET, dynbuf_take(&b), AUTH, ctx->api_key, NULL, err);
}

static bool parse_get_campaign(const api_response_t *resp, model_campaign_t *out,
                               api_error_t *err)
{
    model_campaign_init(out);
    cJSON *j = drv_accept(P, resp, err);
    if (!j)
        return false;
    const cJSON *details = jget_object(j, "details");
    if (!details) {
        cJSON_Delete(j);
        return drv_shape_error(P, err, "no \"details\" object in the campaign reply");
    }
    bool ok = drv_parse_campaign(P, &campaign_fields, details, 0, out, err);
    if (ok && out->total_contacts < 0) {
        const cJSON *list = jget_array(j, "contact_list");
        if (list)
            out->total_contacts = cJSON_GetArraySize(list);
    }
    cJSON_Delete(j);
    return ok;
}

/* --- lines (per-contact rows) -------------------------------------------- */

static const drv_contact_fields_t line_fields = {
    .noun = "contact",
    .nouns = "contacts",
    .id = "id",
    .phone = "to_number",
    .status = "call_status",
    .attempts = "attempts",
    .last_attempt = "last_attempt_at",
    .duration = "call_duration",
    .failure = "failure_reason",
    .vars_object = "context",
};

/* call_status as published: the description's contact_filter. */
static const char *line_filter_value(contact_state_t s)
{
    return (unsigned)s < CONTACT_STATE_COUNT ? provider_get(P)->contact_filter[s] : NULL;
}

static bool build_list_contacts(const driver_ctx_t *ctx, const char *campaign_id,
                                const api_page_t *page, const char *status_filter,
                                api_request_t *out, api_error_t *err)
{
    if (!need_id(campaign_id, err))
        return false;
    dynbuf_t b = {0};
    drv_url_id(&b, ctx, CAMPAIGNS "/", campaign_id, "/lines");
    drv_add_query_long(&b, "pagesize", drv_page_limit(page, LINES_DEFAULT, PAGE_MAX));
    drv_add_query_opt(&b, "cursor", page ? page->cursor : NULL);
    drv_add_query_opt(&b, "call_status", status_filter);
    /* the total once, on the first page: counting it makes the provider
     * read the whole campaign, on every page of a walk through 1M lines */
    if (!page || !page->cursor[0])
        drv_add_query(&b, "include_total", "true");
    return drv_request(out, HTTP_GET, dynbuf_take(&b), AUTH, ctx->api_key, NULL, err);
}

static bool parse_list_contacts(const api_response_t *resp, const api_page_t *page,
                                api_contact_page_t *out, api_error_t *err)
{
    memset(out, 0, sizeof *out);
    cJSON *j;
    const cJSON *records = drv_accept_list(P, resp, "records", "contact rows", &j, err);
    if (!records)
        return false;
    if (!drv_parse_contact_list(P, &line_fields, records, out, err)) {
        cJSON_Delete(j);
        return false;
    }
    out->total = jget_count(j, "total_records", -1);
    api_page_first(&out->next, page ? page->limit : 0);
    const cJSON *next = jget(j, "next_cursor");
    if (cJSON_IsString(next) && next->valuestring[0]) {
        if (strlen(next->valuestring) >= sizeof out->next.cursor) {
            api_contact_page_free(out);
            cJSON_Delete(j);
            return drv_shape_error(P, err, "next_cursor is longer than dialtop accepts");
        }
        snprintf(out->next.cursor, sizeof out->next.cursor, "%s", next->valuestring);
    } else {
        out->next.end = true;
    }
    cJSON_Delete(j);
    return true;
}

/* --- actions ------------------------------------------------------------- */

static bool build_action(const driver_ctx_t *ctx, const char *campaign_id,
                         campaign_state_t state, action_t action,
                         const api_reschedule_t *resched, api_request_t *out, api_error_t *err)
{
    if (!need_id(campaign_id, err) || !drv_check_action(P, state, action, err))
        return false;
    dynbuf_t b = {0};
    drv_url_id(&b, ctx, CAMPAIGNS "/", campaign_id, "");
    if (action == ACTION_CANCEL)
        return drv_request(out, HTTP_DELETE, dynbuf_take(&b), AUTH, ctx->api_key, NULL, err);
    cJSON *body = cJSON_CreateObject();
    switch (action) {
    case ACTION_PAUSE: cJSON_AddStringToObject(body, "action", "pause"); break;
    case ACTION_RESUME: cJSON_AddStringToObject(body, "action", "resume"); break;
    case ACTION_RESCHEDULE:
        if (!drv_check_reschedule(resched, "new_scheduled_datetime", err)) {
            cJSON_Delete(body);
            dynbuf_free(&b);
            return false;
        }
        cJSON_AddStringToObject(body, "action", "reschedule");
        cJSON_AddStringToObject(body, "new_scheduled_datetime", resched->when);
        if (resched->timezone && resched->timezone[0])
            cJSON_AddStringToObject(body, "new_timezone", resched->timezone);
        break;
    default:
        cJSON_Delete(body);
        dynbuf_free(&b);
        return api_error_set(err, API_ERR_UNSUPPORTED, 0, "%s is not a campaign action",
                             model_action_info(action) ? model_action_info(action)->name
                                                       : "that");
    }
    return drv_request(out, HTTP_PUT, dynbuf_take(&b), AUTH, ctx->api_key, drv_body(body), err);
}

/* manual_retry and concurrency. Reasons arrive as unified contact-state
 * names (no_answer) and leave in OmniDim's spelling (no-answer). */
static bool build_action_args(const driver_ctx_t *ctx, const char *campaign_id,
                              campaign_state_t state, action_t action,
                              const api_action_args_t *args, api_request_t *out,
                              api_error_t *err)
{
    if (!need_id(campaign_id, err) || !drv_check_action(P, state, action, err))
        return false;
    if (!args)
        return api_error_set(err, API_ERR_VALIDATION, 0, "%s needs its arguments",
                             model_action_info(action)->name);
    cJSON *body = cJSON_CreateObject();
    const char *suffix;
    http_method_t m;
    if (action == ACTION_RETRY) {
        if (args->nreasons == 0) {
            cJSON_Delete(body);
            return api_error_set(err, API_ERR_VALIDATION, 0, "retry needs at least one reason");
        }
        suffix = "/manual_retry";
        m = HTTP_POST;
        cJSON_AddStringToObject(body, "retry_strategy", "all");
        if (args->max_retries >= 0)
            cJSON_AddNumberToObject(body, "max_retries", args->max_retries);
        cJSON *reasons = cJSON_AddArrayToObject(body, "failure_reasons");
        for (size_t i = 0; i < args->nreasons && i < API_RETRY_REASONS_MAX; i++) {
            char r[32];
            snprintf(r, sizeof r, "%s", args->reasons[i] ? args->reasons[i] : "");
            for (char *q = r; *q; q++)
                if (*q == '_')
                    *q = '-';
            cJSON_AddItemToArray(reasons, cJSON_CreateString(r));
        }
    } else if (action == ACTION_CONCURRENCY) {
        if (args->concurrency < 1) {
            cJSON_Delete(body);
            return api_error_set(err, API_ERR_VALIDATION, 0, "concurrency must be 1 or more");
        }
        suffix = "/concurrency";
        m = HTTP_PUT;
        cJSON_AddNumberToObject(body, "concurrent_call_limit", args->concurrency);
    } else {
        cJSON_Delete(body);
        return api_error_set(err, API_ERR_UNSUPPORTED, 0, "%s takes no arguments",
                             model_action_info(action) ? model_action_info(action)->name
                                                       : "that");
    }
    dynbuf_t b = {0};
    drv_url_id(&b, ctx, CAMPAIGNS "/", campaign_id, suffix);
    return drv_request(out, m, dynbuf_take(&b), AUTH, ctx->api_key, drv_body(body), err);
}

/* {"status":"success","message":...,"current_status":...}; a 2xx that
 * still says success:false is a refusal, not a success. */
static bool parse_action(const api_response_t *resp, action_t action,
                         api_action_result_t *out, api_error_t *err)
{
    (void)action;
    memset(out, 0, sizeof *out);
    cJSON *j = drv_accept(P, resp, err);
    if (!j)
        return false;
    char msg[API_ERROR_MSG_MAX] = "";
    const cJSON *success = jget(j, "success");
    if (cJSON_IsFalse(success)) {
        if (!jget_str_buf(j, "error", msg, sizeof msg))
            snprintf(msg, sizeof msg, "the action was not applied");
        cJSON_Delete(j);
        return api_error_set(err, API_ERR_REFUSED, resp->status, "%s", msg);
    }
    jget_str_buf(j, "message", msg, sizeof msg);
    char *st = jget_str(j, "current_status");
    drv_action_result(out, P, st, msg);
    free(st);
    cJSON_Delete(j);
    return true;
}

/* --- create -------------------------------------------------------------- */

static const char *retry_schedule_name(retry_schedule_t r)
{
    switch (r) {
    case RETRY_IMMEDIATELY: return "immediately";
    case RETRY_NEXT_DAY: return "next_day";
    case RETRY_SCHEDULED_TIME: return "scheduled_time";
    default: return NULL;
    }
}

/* The create's settings besides the contacts: concurrency and
 * retry_config (a scheduled retry waits retry_schedule_days plus
 * retry_schedule_hours). */
static void add_create_settings(cJSON *body, const api_create_spec_t *spec)
{
    if (spec->concurrency > 0)
        cJSON_AddNumberToObject(body, "concurrent_call_limit", spec->concurrency);
    const char *rs = retry_schedule_name(spec->retry_schedule);
    if (!rs && spec->retry_limit < 0)
        return;
    cJSON *rc = cJSON_AddObjectToObject(body, "retry_config");
    cJSON_AddBoolToObject(rc, "auto_retry", rs != NULL && spec->retry_limit != 0);
    if (rs)
        cJSON_AddStringToObject(rc, "auto_retry_schedule", rs);
    if (spec->retry_schedule == RETRY_SCHEDULED_TIME) {
        int h = spec->retry_after_hours > 0 ? spec->retry_after_hours : 0;
        cJSON_AddNumberToObject(rc, "retry_schedule_days", h / 24);
        cJSON_AddNumberToObject(rc, "retry_schedule_hours", h % 24);
    }
    if (spec->retry_limit >= 0)
        cJSON_AddNumberToObject(rc, "retry_limit", spec->retry_limit);
}

static const drv_create_rules_t create_rules = {
    .provider = P,
    .noun = "campaign",
    .contacts_field = "contact_list",
    .start_field = "scheduled_datetime",
};

/* One contact_list row: phone_number, then every variable under its own
 * name (OmniDim hands them to the agent as call context). */
static void write_contact(dynbuf_t *b, const model_contact_t *ct)
{
    bool first = true;
    dynbuf_addn(b, "{", 1);
    jsonwrite_member(b, &first, "phone_number", ct->phone);
    for (size_t v = 0; v < ct->nvars; v++)
        if (ct->vars[v].key && strcmp(ct->vars[v].key, "phone_number") != 0)
            jsonwrite_member(b, &first, ct->vars[v].key,
                             ct->vars[v].value ? ct->vars[v].value : "");
    dynbuf_addn(b, "}", 1);
}

static const drv_contact_list_t contact_list = {
    .key = "contact_list",
    .phone_field = "phone_number",
    .write = write_contact,
};

static bool build_create(const driver_ctx_t *ctx, const api_create_spec_t *spec,
                         api_request_t *out, api_error_t *err)
{
    if (!drv_validate_spec(spec, &create_rules, err))
        return false;
    cJSON *body = cJSON_CreateObject();
    cJSON_AddStringToObject(body, "name", spec->name);
    if (spec->phone_number_id)
        cJSON_AddStringToObject(body, "phone_number_id", spec->phone_number_id);
    cJSON_AddArrayToObject(body, "contact_list"); /* streamed in by drv_post_contacts */
    cJSON_AddBoolToObject(body, "is_scheduled", spec->scheduled_at != NULL);
    if (spec->scheduled_at)
        cJSON_AddStringToObject(body, "scheduled_datetime", spec->scheduled_at);
    cJSON_AddStringToObject(body, "timezone", spec->timezone ? spec->timezone : "UTC");
    add_create_settings(body, spec);
    if (spec->draft)
        cJSON_AddBoolToObject(body, "save_as_draft", true);
    dynbuf_t b = {0};
    drv_url(&b, ctx, CAMPAIGNS "/create");
    return drv_post_contacts(out, &b, AUTH, ctx->api_key, body, &contact_list, spec, 0,
                             spec->ncontacts, err);
}

static bool parse_create(const api_response_t *resp, api_created_t *out, api_error_t *err)
{
    memset(out, 0, sizeof *out);
    cJSON *j = drv_accept(P, resp, err);
    if (!j)
        return false;
    if (cJSON_IsFalse(jget(j, "success"))) {
        char msg[200] = "";
        jget_str_buf(j, "error", msg, sizeof msg);
        cJSON_Delete(j);
        return api_error_set(err, API_ERR_REFUSED, resp->status, "%s",
                             msg[0] ? msg : "the campaign was not created");
    }
    bool ok = drv_read_created(P, j, "id", "current_status",
                               "the create reply names no campaign id", out, err);
    cJSON_Delete(j);
    return ok;
}

/* --- big lists: add_contacts to a draft, then start ------------------------ */

#define ADD_CONTACTS_MAX 1000 /* API.md: at most 1000 a call */

/* add_contacts rows keep the variables apart, in custom_variables. */
static void write_added(dynbuf_t *b, const model_contact_t *ct)
{
    bool first = true;
    dynbuf_addn(b, "{", 1);
    jsonwrite_member(b, &first, "to_number", ct->phone);
    dynbuf_add(b, ",\"custom_variables\":{");
    first = true;
    for (size_t v = 0; v < ct->nvars; v++)
        if (ct->vars[v].key && strcmp(ct->vars[v].key, "phone_number") != 0)
            jsonwrite_member(b, &first, ct->vars[v].key,
                             ct->vars[v].value ? ct->vars[v].value : "");
    dynbuf_addn(b, "}}", 2);
}

static const drv_contact_list_t added_list = {
    .key = "contacts",
    .phone_field = "to_number",
    .write = write_added,
};

static bool build_add_contacts(const driver_ctx_t *ctx, const api_create_spec_t *spec,
                               const char *campaign_id, size_t first, size_t last,
                               api_request_t *out, api_error_t *err)
{
    if (!need_id(campaign_id, err))
        return false;
    if (last - first > ADD_CONTACTS_MAX || last <= first)
        return api_error_set(err, API_ERR_VALIDATION, 0,
                             "add_contacts takes 1 to %d contacts a call", ADD_CONTACTS_MAX);
    cJSON *body = cJSON_CreateObject();
    cJSON_AddArrayToObject(body, "contacts"); /* streamed in by drv_post_contacts */
    dynbuf_t b = {0};
    drv_url_id(&b, ctx, CAMPAIGNS "/", campaign_id, "/add_contacts");
    return drv_post_contacts(out, &b, AUTH, ctx->api_key, body, &added_list, spec, first,
                             last, err);
}

/* {status, added, rejected:[{index, to_number, reason}]}: rows it refused
 * are named by their position in the call's list. */
static bool parse_add_contacts(const api_response_t *resp, api_chunk_result_t *out,
                               api_error_t *err)
{
    memset(out, 0, sizeof *out);
    cJSON *j = drv_accept(P, resp, err);
    if (!j)
        return false;
    if (cJSON_IsFalse(jget(j, "success"))) {
        char msg[200] = "";
        jget_str_buf(j, "error", msg, sizeof msg);
        cJSON_Delete(j);
        return api_error_set(err, API_ERR_REFUSED, resp->status, "%s",
                             msg[0] ? msg : "the contacts were not added");
    }
    long added = jget_long(j, "added", -1);
    out->accepted_known = added >= 0;
    out->accepted = added > 0 ? (size_t)added : 0;
    const cJSON *rej = jget_array(j, "rejected");
    const cJSON *row;
    cJSON_ArrayForEach(row, rej)
    {
        long at = jget_long(row, "index", -1);
        if (at >= 0 && out->nrejected_at < CHUNK_REJECTS_KEPT)
            out->rejected_at[out->nrejected_at++] = (size_t)at;
        out->rejected++;
    }
    snprintf(out->status, sizeof out->status, "%s", "completed");
    cJSON_Delete(j);
    return true;
}

static bool build_start(const driver_ctx_t *ctx, const char *campaign_id, api_request_t *out,
                        api_error_t *err)
{
    if (!need_id(campaign_id, err))
        return false;
    dynbuf_t b = {0};
    drv_url_id(&b, ctx, CAMPAIGNS "/", campaign_id, "/start");
    return drv_request(out, HTTP_POST, dynbuf_take(&b), AUTH, ctx->api_key, strdup("{}"), err);
}

static bool parse_start(const api_response_t *resp, api_action_result_t *out, api_error_t *err)
{
    return parse_action(resp, ACTION_RESUME, out, err);
}

const driver_t driver_omnidim = {
    .provider = P,
    .campaign_page_style = PAGE_BY_NUMBER,
    .contact_page_style = PAGE_BY_CURSOR,
    .build_list_campaigns = build_list_campaigns,
    .parse_list_campaigns = parse_list_campaigns,
    .build_get_campaign = build_get_campaign,
    .parse_get_campaign = parse_get_campaign,
    .build_list_contacts = build_list_contacts,
    .parse_list_contacts = parse_list_contacts,
    .build_action = build_action,
    .parse_action = parse_action,
    .build_action_args = build_action_args,
    .build_create = build_create,
    .parse_create = parse_create,
    .create_chunk_count = drv_no_chunks,
    .build_create_chunk = NULL,
    .parse_create_chunk = NULL,
    .build_live_status = omnidim_build_live,
    .parse_live_status = omnidim_parse_live,
    .contact_filter_value = line_filter_value,
    .add_chunk_max = ADD_CONTACTS_MAX,
    .build_add_contacts = build_add_contacts,
    .parse_add_contacts = parse_add_contacts,
    .build_start = build_start,
    .parse_start = parse_start,
};
