/* Truedy driver: batch calls under /api/public/v1, Bearer key.
 * Every success is {data, meta:{request_id, ts|timestamp}, pagination?};
 * lists and contacts page by offset. Pause and resume are POSTs,
 * reschedule is a PATCH, and there is no cancel (the model refuses it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "drvbody.h"
#include "drvrecord.h"
#include "drvutil.h"
#include "jsonget.h"
#include "jsonwrite.h"
#include "provider.h"

#define P PROVIDER_TRUEDY
#define AUTH "Authorization: Bearer %s"
#define PAGE_DEFAULT 50
#define PAGE_MAX 100

#define BATCHES "/api/public/v1/batch-calls"

static bool need_id(const char *id, api_error_t *err)
{
    return drv_need_id(id, "batch", err);
}

/* Accepts the reply and returns its `data` member (which must exist);
 * *root receives the whole document for the caller to delete. */
static const cJSON *envelope_data(const api_response_t *resp, cJSON **root, api_error_t *err)
{
    *root = drv_accept(P, resp, err);
    if (!*root)
        return NULL;
    const cJSON *data = jget(*root, "data");
    if (!data || cJSON_IsNull(data)) {
        cJSON_Delete(*root);
        *root = NULL;
        drv_shape_error(P, err, "no \"data\" in the reply");
        return NULL;
    }
    return data;
}

/* envelope_data() for a list reply: `data` must be an array of `what`. */
static const cJSON *envelope_list(const api_response_t *resp, cJSON **root, const char *what,
                                  api_error_t *err)
{
    const cJSON *data = envelope_data(resp, root, err);
    if (data && !cJSON_IsArray(data)) {
        char msg[96];
        snprintf(msg, sizeof msg, "\"data\" is not a list of %s", what);
        cJSON_Delete(*root);
        *root = NULL;
        drv_shape_error(P, err, msg);
        return NULL;
    }
    return data;
}

/* --- batches ------------------------------------------------------------- */

/* Truedy gives four counters, not the full breakdown. */
static void batch_counts(const cJSON *rec, model_campaign_t *c)
{
    static const struct {
        const char *key;
        contact_state_t state;
    } counters[] = {
        {"completed", CONTACT_COMPLETED},
        {"failed", CONTACT_FAILED},
        {"pending", CONTACT_PENDING},
        {"in_progress", CONTACT_IN_PROGRESS},
    };
    for (size_t i = 0; i < sizeof counters / sizeof counters[0]; i++) {
        long v = jget_count(rec, counters[i].key, 0);
        c->counts[counters[i].state] = v > 0 ? v : 0;
    }
    /* The row's figures, each only when the batch carries it (a published
     * 0 is a known 0). Truedy's `failed` counts every contact not reached. */
    static const struct {
        const char *key;
        model_figure_t fig;
    } figs[] = {{"failed", FIG_FAIL}, {"pending", FIG_PEND}, {"in_progress", FIG_RUN}};
    for (size_t i = 0; i < sizeof figs / sizeof figs[0]; i++) {
        long v = jget_count(rec, figs[i].key, -1);
        c->fig[figs[i].fig] = v >= 0 ? v : -1;
    }
}

static const drv_campaign_fields_t batch_fields = {
    .noun = "batch",
    .nouns = "batches",
    .id = "id",
    .name = "name",
    .status = "status",
    .total = "total_contacts",
    .completed = "completed",
    .scheduled_at = "scheduled_at",
    .timezone = "timezone",
    .created_at = "created_at",
    .concurrency = "concurrency",
    .retry_limit = "retry_limit",
    .failure = "failure_reason",
    .extra = batch_counts,
};

/* Next offset page from `pagination` (has_more wins; total, then a short
 * page, decide when it is missing). */
static void next_offset_page(const cJSON *root, const api_page_t *page, size_t n,
                             long *total, api_page_t *next)
{
    const cJSON *pg = jget_object(root, "pagination");
    const cJSON *more = jget(pg, "has_more");
    *total = jget_count(pg, "total", -1);
    drv_next_offset(page, drv_page_limit(page, PAGE_DEFAULT, PAGE_MAX), n, *total,
                    cJSON_IsBool(more) ? cJSON_IsTrue(more) : -1, next);
}

static bool build_list_campaigns(const driver_ctx_t *ctx, const api_page_t *page,
                                 const char *status_filter, api_request_t *out,
                                 api_error_t *err)
{
    dynbuf_t b = {0};
    drv_url(&b, ctx, BATCHES);
    drv_add_query_long(&b, "limit", drv_page_limit(page, PAGE_DEFAULT, PAGE_MAX));
    drv_add_query_long(&b, "offset", drv_page_offset(page));
    drv_add_query_opt(&b, "status", status_filter);
    return drv_request(out, HTTP_GET, dynbuf_take(&b), AUTH, ctx->api_key, NULL, err);
}

static bool parse_list_campaigns(const api_response_t *resp, const api_page_t *page,
                                 api_campaign_page_t *out, api_error_t *err)
{
    memset(out, 0, sizeof *out);
    cJSON *root;
    const cJSON *data = envelope_list(resp, &root, "batches", err);
    if (!data)
        return false;
    if (!drv_parse_campaign_list(P, &batch_fields, data, out, err)) {
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
    if (!need_id(id, err))
        return false;
    dynbuf_t b = {0};
    drv_url_id(&b, ctx, BATCHES "/", id, "");
    return drv_request(out, HTTP_GET, dynbuf_take(&b), AUTH, ctx->api_key, NULL, err);
}

static bool parse_get_campaign(const api_response_t *resp, model_campaign_t *out,
                               api_error_t *err)
{
    model_campaign_init(out);
    cJSON *root;
    const cJSON *data = envelope_data(resp, &root, err);
    if (!data)
        return false;
    bool ok = drv_parse_campaign(P, &batch_fields, data, 0, out, err);
    cJSON_Delete(root);
    return ok;
}

/* --- contacts ------------------------------------------------------------ */

/* Truedy's own contact fields; anything else rides in custom_fields. */
static const char *const named_fields[] = {"first_name", "last_name", "email", NULL};

static const drv_contact_fields_t contact_fields = {
    .noun = "contact",
    .nouns = "contacts",
    .id = "contact_id",
    .phone = "phone_number",
    .status = "call_status",
    .attempts = "attempts",
    .last_attempt = "called_at",
    .duration = "duration_seconds",
    .failure = "failure_reason",
    .vars_object = "custom_fields",
    .named_vars = named_fields,
};

static bool build_list_contacts(const driver_ctx_t *ctx, const char *campaign_id,
                                const api_page_t *page, const char *status_filter,
                                api_request_t *out, api_error_t *err)
{
    if (!need_id(campaign_id, err))
        return false;
    dynbuf_t b = {0};
    drv_url_id(&b, ctx, BATCHES "/", campaign_id, "/contacts");
    drv_add_query_long(&b, "limit", drv_page_limit(page, PAGE_DEFAULT, PAGE_MAX));
    drv_add_query_long(&b, "offset", drv_page_offset(page));
    drv_add_query_opt(&b, "status", status_filter);
    return drv_request(out, HTTP_GET, dynbuf_take(&b), AUTH, ctx->api_key, NULL, err);
}

static bool parse_list_contacts(const api_response_t *resp, const api_page_t *page,
                                api_contact_page_t *out, api_error_t *err)
{
    memset(out, 0, sizeof *out);
    cJSON *root;
    const cJSON *data = envelope_list(resp, &root, "contacts", err);
    if (!data)
        return false;
    if (!drv_parse_contact_list(P, &contact_fields, data, out, err)) {
        cJSON_Delete(root);
        return false;
    }
    next_offset_page(root, page, out->n, &out->total, &out->next);
    cJSON_Delete(root);
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
    drv_url_id(&b, ctx, BATCHES "/", campaign_id, "");
    if (action == ACTION_PAUSE || action == ACTION_RESUME) {
        dynbuf_add(&b, action == ACTION_PAUSE ? "/pause" : "/resume");
        return drv_request(out, HTTP_POST, dynbuf_take(&b), AUTH, ctx->api_key, NULL, err);
    }
    if (action == ACTION_RESCHEDULE) {
        if (!drv_check_reschedule(resched, "scheduled_at", err)) {
            dynbuf_free(&b);
            return false;
        }
        cJSON *body = cJSON_CreateObject();
        char *iso = drv_iso_local(resched->when);
        cJSON_AddStringToObject(body, "scheduled_at", iso ? iso : resched->when);
        free(iso);
        if (resched->timezone && resched->timezone[0])
            cJSON_AddStringToObject(body, "timezone", resched->timezone);
        return drv_request(out, HTTP_PATCH, dynbuf_take(&b), AUTH, ctx->api_key,
                           drv_body(body), err);
    }
    /* The model already refuses cancel on Truedy; anything else is not a
     * campaign action at all. */
    dynbuf_free(&b);
    return api_error_set(err, API_ERR_UNSUPPORTED, 0, "Truedy offers no such action");
}

static bool parse_action(const api_response_t *resp, action_t action,
                         api_action_result_t *out, api_error_t *err)
{
    (void)action;
    memset(out, 0, sizeof *out);
    cJSON *root;
    const cJSON *data = envelope_data(resp, &root, err);
    if (!data)
        return false;
    if (!cJSON_IsObject(data)) {
        cJSON_Delete(root);
        return drv_shape_error(P, err, "\"data\" is not an object");
    }
    char *st = jget_str(data, "status");
    drv_action_result(out, P, st, NULL);
    free(st);
    cJSON_Delete(root);
    return true;
}

/* --- create -------------------------------------------------------------- */

/* The batch settings besides the contacts, in the documented POST's
 * spelling: working_days counts 1 = Monday .. 7 = Sunday. There is no
 * retry setting in that POST (upload_check refuses one for Truedy). */
static void add_create_settings(cJSON *body, const api_create_spec_t *spec)
{
    if (spec->concurrency > 0)
        cJSON_AddNumberToObject(body, "concurrency", spec->concurrency);
    if (spec->window_start)
        cJSON_AddStringToObject(body, "start_time", spec->window_start);
    if (spec->window_end)
        cJSON_AddStringToObject(body, "end_time", spec->window_end);
    if (spec->working_days & 0x7fu) {
        cJSON *days = cJSON_AddArrayToObject(body, "working_days");
        for (int d = 0; d < 7; d++)
            if (spec->working_days & (1u << d))
                cJSON_AddItemToArray(days, cJSON_CreateNumber(d + 1));
    }
    if (spec->max_calls_per_day > 0)
        cJSON_AddNumberToObject(body, "max_calls_per_day", spec->max_calls_per_day);
}

static const drv_create_rules_t create_rules = {
    .provider = P,
    .noun = "batch",
    .contacts_field = "contacts",
    .start_field = "scheduled_at",
};

static bool is_named_field(const char *k)
{
    for (size_t i = 0; named_fields[i]; i++)
        if (strcmp(k, named_fields[i]) == 0)
            return true;
    return false;
}

/* Appends the contact's variables that are (own) or are not Truedy's own
 * contact fields, as members of the object being written. */
static void write_vars(dynbuf_t *b, bool *first, const model_contact_t *ct, bool own)
{
    for (size_t v = 0; v < ct->nvars; v++) {
        const char *k = ct->vars[v].key;
        if (k && strcmp(k, "phone_number") != 0 && is_named_field(k) == own)
            jsonwrite_member(b, first, k, ct->vars[v].value ? ct->vars[v].value : "");
    }
}

/* phone_number and Truedy's own fields at the top, the rest in
 * custom_fields. */
static void write_contact(dynbuf_t *b, const model_contact_t *ct)
{
    bool first = true;
    dynbuf_addn(b, "{", 1);
    jsonwrite_member(b, &first, "phone_number", ct->phone);
    write_vars(b, &first, ct, true);
    dynbuf_add(b, ",\"custom_fields\":{");
    first = true;
    write_vars(b, &first, ct, false);
    dynbuf_addn(b, "}}", 2);
}

static const drv_contact_list_t contact_list = {
    .key = "contacts",
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
    if (spec->agent_id)
        cJSON_AddStringToObject(body, "agent_id", spec->agent_id);
    cJSON_AddArrayToObject(body, "contacts"); /* streamed in by drv_post_contacts */
    cJSON_AddStringToObject(body, "schedule_type", spec->scheduled_at ? "scheduled" : "immediate");
    if (spec->scheduled_at) {
        char *iso = drv_iso_local(spec->scheduled_at);
        cJSON_AddStringToObject(body, "scheduled_at", iso ? iso : spec->scheduled_at);
        free(iso);
    }
    cJSON_AddStringToObject(body, "timezone", spec->timezone ? spec->timezone : "UTC");
    add_create_settings(body, spec);
    dynbuf_t b = {0};
    drv_url(&b, ctx, BATCHES);
    return drv_post_contacts(out, &b, AUTH, ctx->api_key, body, &contact_list, spec, 0,
                             spec->ncontacts, err);
}

static bool parse_create(const api_response_t *resp, api_created_t *out, api_error_t *err)
{
    memset(out, 0, sizeof *out);
    cJSON *root;
    const cJSON *data = envelope_data(resp, &root, err);
    if (!data)
        return false;
    bool ok = drv_read_created(P, data, "id", "status", "the create reply names no batch id",
                               out, err);
    long total = jget_count(data, "total_contacts", -1);
    if (ok && total >= 0)
        out->contacts_accepted = (size_t)total;
    cJSON_Delete(root);
    return ok;
}

/* Contact `status` values Truedy documents ("pending, scheduled,
 * completed, failed, etc."; calling inferred). Others are filtered here. */
/* the list's `status` filter: the description's contact_filter */
static const char *contact_filter_value(contact_state_t s)
{
    return (unsigned)s < CONTACT_STATE_COUNT ? provider_get(P)->contact_filter[s] : NULL;
}

/* --- big lists: POST /batch-calls/{id}/contacts -------------------------- */

/* Truedy documents no contact count per call, only the 16 MiB body and
 * 100 requests a minute: 10,000 contacts (about 1-2 MB) keep a 300,000
 * list to 30 calls, well inside the rate; a chunk whose body would pass
 * 16 MiB is refused by the client before sending and cut in half. */
#define ADD_CONTACTS_MAX 10000

static bool build_add_contacts(const driver_ctx_t *ctx, const api_create_spec_t *spec,
                               const char *campaign_id, size_t first, size_t last,
                               api_request_t *out, api_error_t *err)
{
    if (!drv_need_id(campaign_id, "batch", err))
        return false;
    if (last - first > ADD_CONTACTS_MAX || last <= first)
        return api_error_set(err, API_ERR_VALIDATION, 0,
                             "a contacts call takes 1 to %d contacts", ADD_CONTACTS_MAX);
    cJSON *body = cJSON_CreateObject();
    cJSON_AddArrayToObject(body, "contacts"); /* streamed in by drv_post_contacts */
    dynbuf_t b = {0};
    drv_url_id(&b, ctx, BATCHES "/", campaign_id, "/contacts");
    return drv_post_contacts(out, &b, AUTH, ctx->api_key, body, &contact_list, spec, first,
                             last, err);
}

static bool parse_add_contacts(const api_response_t *resp, api_chunk_result_t *out,
                               api_error_t *err)
{
    memset(out, 0, sizeof *out);
    cJSON *root;
    const cJSON *data = envelope_data(resp, &root, err);
    if (!data)
        return false;
    long added = jget_long(data, "added_count", -1);
    long failed = jget_long(data, "failed_count", -1);
    if (added < 0) {
        cJSON_Delete(root);
        return drv_shape_error(P, err, "the contacts reply has no added_count");
    }
    out->accepted = (size_t)added;
    out->accepted_known = true;
    out->rejected = failed > 0 ? (size_t)failed : 0;
    snprintf(out->status, sizeof out->status, "%s", "completed");
    cJSON_Delete(root);
    return true;
}

const driver_t driver_truedy = {
    .provider = P,
    .campaign_page_style = PAGE_BY_OFFSET,
    .contact_page_style = PAGE_BY_OFFSET,
    .build_list_campaigns = build_list_campaigns,
    .parse_list_campaigns = parse_list_campaigns,
    .build_get_campaign = build_get_campaign,
    .parse_get_campaign = parse_get_campaign,
    .build_list_contacts = build_list_contacts,
    .parse_list_contacts = parse_list_contacts,
    .build_action = build_action,
    .parse_action = parse_action,
    .build_create = build_create,
    .parse_create = parse_create,
    .create_chunk_count = drv_no_chunks,
    .build_create_chunk = NULL,
    .parse_create_chunk = NULL,
    .contact_filter_value = contact_filter_value,
    .add_chunk_max = ADD_CONTACTS_MAX,
    .requests_per_min = 100, /* per organisation (API.md) */
    .build_add_contacts = build_add_contacts,
    .parse_add_contacts = parse_add_contacts,
    .build_start = NULL,
    .parse_start = NULL,
};
