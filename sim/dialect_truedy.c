/* Truedy dialect: /api/public/v1/batch-calls... Every success is wrapped
 * in {data, meta, pagination?}. Shapes: API.md section 2, WIRE.md. Its
 * description (ids, wire words, error shapes; dialects.h) is at the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "body.h"
#include "check.h"
#include "dialer.h"
#include "jsonout.h"
#include "page.h"
#include "reply.h"
#include "rng.h"
#include "simtime.h"
#include "wire.h"

static void reply_data(sim_ctx_t *ctx, int status, cJSON *data, cJSON *pagination)
{
    cJSON *root = cJSON_CreateObject();
    char id[32], ts[24];
    cJSON_AddItemToObject(root, "data", data);
    cJSON *meta = cJSON_AddObjectToObject(root, "meta");
    snprintf(id, sizeof id, "req_%08lx", (unsigned long)ctx->sim->requests_total * 2654435761UL & 0xffffffffUL);
    cJSON_AddStringToObject(meta, "request_id", id);
    simtime_iso_format(ctx->now, ts);
    cJSON_AddStringToObject(meta, "ts", ts);
    if (pagination)
        cJSON_AddItemToObject(root, "pagination", pagination);
    reply_json(ctx, status, root);
}

static cJSON *pagination_json(const page_t *pg)
{
    cJSON *p = cJSON_CreateObject();
    page_add_counts(p, pg);
    cJSON_AddBoolToObject(p, "has_more", pg->offset + pg->limit < pg->total);
    return p;
}

static const char *raw(const store_campaign_t *c)
{
    return wire_campaign_status(PROVIDER_TRUEDY, c->state);
}

/* One batch as the list, the create and GET .../{id} show it; every
 * figure is a counter kept on the campaign (a page lists up to 100). */
static void write_batch(jsonout_t *b, const store_campaign_t *c)
{
    jsonout_object_open(b, NULL);
    jsonout_string(b, "id", c->id);
    jsonout_string(b, "name", c->name);
    jsonout_string(b, "status", raw(c));
    jsonout_string(b, "schedule_type", c->is_scheduled ? "scheduled" : "immediate");
    jsonout_iso(b, "scheduled_at", c->is_scheduled ? c->start_at : 0);
    jsonout_string(b, "timezone", c->timezone);
    jsonout_number(b, "concurrency", c->concurrency);
    jsonout_number(b, "total_contacts", (double)c->ncontacts);
    jsonout_number(b, "called", (double)c->contacts_called);
    jsonout_number(b, "completed", (double)c->counts[CONTACT_COMPLETED]);
    jsonout_number(b, "failed", (double)(c->counts[CONTACT_FAILED] + c->counts[CONTACT_NO_ANSWER] +
                                         c->counts[CONTACT_BUSY] + c->counts[CONTACT_VOICEMAIL]));
    jsonout_number(b, "pending", (double)(c->counts[CONTACT_PENDING] + c->counts[CONTACT_RETRY_SCHEDULED]));
    jsonout_number(b, "in_progress", (double)c->counts[CONTACT_IN_PROGRESS]);
    jsonout_number(b, "retry_limit", c->retry_limit);
    jsonout_string_or_null(b, "agent_id", c->agent_id);
    jsonout_string_or_null(b, "start_time", c->window_start[0] ? c->window_start : NULL);
    jsonout_string_or_null(b, "end_time", c->window_end[0] ? c->window_end : NULL);
    jsonout_array_open(b, "working_days");
    for (int d = 1; d <= 7; d++)
        if (c->window_days & (1u << d))
            jsonout_number(b, NULL, d);
    jsonout_array_close(b);
    if (c->max_calls_per_day)
        jsonout_number(b, "max_calls_per_day", c->max_calls_per_day);
    else
        jsonout_null(b, "max_calls_per_day");
    jsonout_iso(b, "created_at", c->created_at);
    jsonout_iso(b, "updated_at", c->updated_at);
    jsonout_object_close(b);
}

static cJSON *batch_json(const store_campaign_t *c)
{
    jsonout_t b = {0};
    write_batch(&b, c);
    return jsonout_take_raw(&b);
}

static void handle_list(sim_ctx_t *ctx)
{
    ctx->route = "truedy.list";
    page_t pg;
    if (!page_read_query(ctx, 50, &pg))
        return;
    campaign_state_t want;
    if (!reply_query_campaign_state(ctx, "status", &want))
        return;
    store_campaign_t *rows[PAGE_MAX_LIMIT];
    size_t n = page_campaigns(&pg, &ctx->sim->store.by_dialect[SIM_TRUEDY], want, rows,
                              PAGE_MAX_LIMIT);
    jsonout_t b = {0};
    jsonout_array_open(&b, NULL);
    for (size_t i = 0; i < n; i++)
        write_batch(&b, rows[i]);
    jsonout_array_close(&b);
    reply_data(ctx, 200, jsonout_take_raw(&b), pagination_json(&pg));
}

static cJSON *contact_json(const store_campaign_t *c, const store_contact_t *k, size_t idx)
{
    cJSON *o = cJSON_CreateObject();
    char id[48];
    snprintf(id, sizeof id, "ct_%s_%zu", c->id + 6, idx + 1);
    cJSON_AddStringToObject(o, "contact_id", id);
    cJSON_AddStringToObject(o, "phone_number", k->phone);
    cJSON_AddItemToObject(o, "first_name", reply_str_or_null(k->first_name));
    cJSON_AddItemToObject(o, "last_name", reply_str_or_null(k->last_name));
    cJSON_AddItemToObject(o, "email", reply_str_or_null(k->email));
    cJSON_AddStringToObject(o, "call_status",
                            wire_contact_status(PROVIDER_TRUEDY, k->state, c->state == CAMPAIGN_SCHEDULED));
    if (k->call_seq) {
        snprintf(id, sizeof id, "call_%s_%u", c->id + 6, (unsigned)k->call_seq);
        cJSON_AddStringToObject(o, "call_id", id);
    } else {
        cJSON_AddNullToObject(o, "call_id");
    }
    reply_add_iso(o, "called_at", k->last_attempt);
    cJSON_AddNumberToObject(o, "attempts", k->attempts);
    cJSON_AddNumberToObject(o, "duration_seconds", k->state == CONTACT_IN_PROGRESS ? 0 : k->duration_s);
    cJSON_AddItemToObject(o, "failure_reason", reply_str_or_null(k->failure_reason));
    cJSON *f = cJSON_AddObjectToObject(o, "custom_fields");
    for (size_t i = 0; i < k->nvars; i++)
        cJSON_AddStringToObject(f, k->vars[i].key, k->vars[i].value);
    return o;
}

static void handle_contacts(sim_ctx_t *ctx, const store_campaign_t *c)
{
    ctx->route = "truedy.contacts";
    page_t pg;
    if (!page_read_query(ctx, 50, &pg))
        return;
    contact_state_t want;
    if (!reply_query_contact_state(ctx, "status", &want))
        return;
    cJSON *data = cJSON_CreateArray();
    if (want == CONTACT_UNKNOWN) {
        /* unfiltered, the page is a window on the list: a 1,000,000-contact
         * batch costs what a small one does */
        pg.total = (long)c->ncontacts;
        for (size_t i = (size_t)pg.offset; i < c->ncontacts && i < (size_t)(pg.offset + pg.limit); i++)
            cJSON_AddItemToArray(data, contact_json(c, &c->contacts[i], i));
    } else {
        for (size_t i = 0; i < c->ncontacts; i++) {
            const store_contact_t *k = &c->contacts[i];
            if (k->state == want && page_take_row(&pg))
                cJSON_AddItemToArray(data, contact_json(c, k, i));
        }
    }
    reply_data(ctx, 200, data, pagination_json(&pg));
}

static void reply_refused(sim_ctx_t *ctx, const store_campaign_t *c, const char *rule)
{
    char msg[160];
    snprintf(msg, sizeof msg, "Batch is %s; %s", raw(c), rule);
    cJSON *root = cJSON_CreateObject();
    cJSON *e = cJSON_AddObjectToObject(root, "error");
    cJSON_AddStringToObject(e, "code", "invalid_state");
    cJSON_AddStringToObject(e, "message", msg);
    cJSON_AddStringToObject(cJSON_AddObjectToObject(e, "details"), "status", raw(c));
    reply_json(ctx, 409, root);
}

static void handle_pause(sim_ctx_t *ctx, store_campaign_t *c)
{
    ctx->route = "truedy.pause";
    if (!actions_pause(c, ctx->now)) {
        reply_refused(ctx, c, "only active or scheduled batches can be paused");
        return;
    }
    ctx->changed = true;
    cJSON *d = cJSON_CreateObject();
    cJSON_AddStringToObject(d, "id", c->id);
    cJSON_AddStringToObject(d, "status", raw(c));
    reply_add_iso(d, "paused_at", c->paused_at);
    reply_data(ctx, 200, d, NULL);
}

static void handle_resume(sim_ctx_t *ctx, store_campaign_t *c)
{
    ctx->route = "truedy.resume";
    if (!actions_resume(c, ctx->now)) {
        reply_refused(ctx, c, "only paused batches can be resumed");
        return;
    }
    ctx->changed = true;
    cJSON *d = cJSON_CreateObject();
    cJSON_AddStringToObject(d, "id", c->id);
    cJSON_AddStringToObject(d, "status", raw(c));
    reply_add_iso(d, "resumed_at", c->resumed_at);
    reply_data(ctx, 201, d, NULL);
}

/* --- contacts in request bodies ---------------------------------------------- */

/* One contact object; false when it is unusable (field named in *why). */
static bool contact_valid(const cJSON *row, const char **why)
{
    const cJSON *phone = cJSON_GetObjectItemCaseSensitive(row, "phone_number");
    const cJSON *cf = cJSON_GetObjectItemCaseSensitive(row, "custom_fields");
    static const char *const names[] = {"first_name", "last_name", "email"};
    if (!cJSON_IsObject(row)) {
        *why = "";
        return false;
    }
    if (!cJSON_IsString(phone) || !check_e164(phone->valuestring)) {
        *why = "phone_number";
        return false;
    }
    for (size_t i = 0; i < 3; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(row, names[i]);
        if (v && !cJSON_IsNull(v) && !cJSON_IsString(v)) {
            *why = names[i];
            return false;
        }
    }
    if (cf && !cJSON_IsNull(cf) && !cJSON_IsObject(cf)) {
        *why = "custom_fields";
        return false;
    }
    return true;
}

static bool contact_add(store_campaign_t *c, const cJSON *row)
{
    static const char *const names[] = {"first_name", "last_name", "email"};
    store_contact_t *k = store_contact_add(c, cJSON_GetObjectItemCaseSensitive(row, "phone_number")->valuestring);
    if (!k)
        return false;
    char **dst[] = {&k->first_name, &k->last_name, &k->email};
    for (size_t i = 0; i < 3; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(row, names[i]);
        if (cJSON_IsString(v) && !store_set_str(dst[i], v->valuestring))
            return false;
    }
    return body_add_vars(k, cJSON_GetObjectItemCaseSensitive(row, "custom_fields"), NULL);
}

/* --- create and edit ---------------------------------------------------------- */

typedef struct {
    bool has_start, has_window_start, has_window_end, has_days, has_max, has_tz;
    int64_t start;
    char tz[64];
    char wstart[6], wend[6];
    unsigned days;
    int max_per_day;
} sched_fields_t;

/* Reads the scheduling fields shared by create and PATCH; answers 422. */
static bool read_sched(sim_ctx_t *ctx, const cJSON *body, const char *tz_default, sched_fields_t *f)
{
    memset(f, 0, sizeof *f);
    const cJSON *tz = cJSON_GetObjectItemCaseSensitive(body, "timezone");
    snprintf(f->tz, sizeof f->tz, "%s", tz_default);
    if (!body_read_tz(ctx, tz, "timezone", "Europe/London", f->tz, sizeof f->tz))
        return false;
    f->has_tz = tz && !cJSON_IsNull(tz);
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(body, "scheduled_at");
    if (at && !cJSON_IsNull(at)) {
        if (!cJSON_IsString(at) || !simtime_iso_parse(at->valuestring, f->tz, &f->start)) {
            reply_field(ctx, "body", "scheduled_at", "must be an ISO 8601 date-time such as 2026-04-05T11:00:00Z");
            return false;
        }
        f->has_start = true;
    }
    const cJSON *ws = cJSON_GetObjectItemCaseSensitive(body, "start_time");
    const cJSON *we = cJSON_GetObjectItemCaseSensitive(body, "end_time");
    if (!body_read_hhmm(ctx, ws, "start_time", f->wstart) || !body_read_hhmm(ctx, we, "end_time", f->wend))
        return false;
    f->has_window_start = ws && !cJSON_IsNull(ws);
    f->has_window_end = we && !cJSON_IsNull(we);
    const cJSON *days = cJSON_GetObjectItemCaseSensitive(body, "working_days");
    if (days && !cJSON_IsNull(days)) {
        const cJSON *d;
        if (!cJSON_IsArray(days))
            goto bad_days;
        cJSON_ArrayForEach(d, days)
        {
            if (!cJSON_IsNumber(d) || d->valueint < 1 || d->valueint > 7 || d->valuedouble != d->valueint)
                goto bad_days;
            f->days |= 1u << d->valueint;
        }
        f->has_days = true;
    }
    const cJSON *max = cJSON_GetObjectItemCaseSensitive(body, "max_calls_per_day");
    if (max && !cJSON_IsNull(max)) {
        if (!cJSON_IsNumber(max) || max->valuedouble != max->valueint || max->valueint < 1) {
            reply_field(ctx, "body", "max_calls_per_day", "must be a positive integer");
            return false;
        }
        f->max_per_day = max->valueint;
        f->has_max = true;
    }
    return true;
bad_days:
    reply_field(ctx, "body", "working_days", "must be a list of day numbers 1 (Monday) to 7 (Sunday)");
    return false;
}

static void apply_window(store_campaign_t *c, const sched_fields_t *f)
{
    if (f->has_window_start)
        memcpy(c->window_start, f->wstart, sizeof c->window_start);
    if (f->has_window_end)
        memcpy(c->window_end, f->wend, sizeof c->window_end);
    if (f->has_days)
        c->window_days = f->days;
    if (f->has_max)
        c->max_calls_per_day = f->max_per_day;
    if (f->has_tz)
        snprintf(c->timezone, sizeof c->timezone, "%s", f->tz);
}

static bool read_create(sim_ctx_t *ctx, store_campaign_t *c, const cJSON *body)
{
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(body, "name");
    const cJSON *agent = cJSON_GetObjectItemCaseSensitive(body, "agent_id");
    const cJSON *contacts = cJSON_GetObjectItemCaseSensitive(body, "contacts");
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(body, "schedule_type");
    if (!cJSON_IsString(name) || !*name->valuestring) {
        reply_field(ctx, "body", "name", "field required");
        return false;
    }
    if (agent && !cJSON_IsNull(agent) && !cJSON_IsString(agent)) {
        reply_field(ctx, "body", "agent_id", "must be a string");
        return false;
    }
    if (!cJSON_IsArray(contacts)) {
        reply_field(ctx, "body", "contacts", "field required: a list of contacts");
        return false;
    }
    if (cJSON_GetArraySize(contacts) == 0) {
        reply_field(ctx, "body", "contacts", "must contain at least one contact");
        return false;
    }
    const char *t = cJSON_IsString(type) ? type->valuestring : type && !cJSON_IsNull(type) ? "?" : "immediate";
    if (strcmp(t, "immediate") != 0 && strcmp(t, "scheduled") != 0) {
        reply_field(ctx, "body", "schedule_type", "must be immediate or scheduled");
        return false;
    }
    sched_fields_t f;
    if (!read_sched(ctx, body, "UTC", &f))
        return false;
    if (strcmp(t, "scheduled") == 0 && !f.has_start) {
        reply_field(ctx, "body", "scheduled_at", "required when schedule_type is scheduled");
        return false;
    }
    const cJSON *conc = cJSON_GetObjectItemCaseSensitive(body, "concurrency");
    const cJSON *retry = cJSON_GetObjectItemCaseSensitive(body, "retry_limit");
    if (!body_read_int(ctx, conc, "concurrency", 1, 100, 2, &c->concurrency) ||
        !body_read_int(ctx, retry, "retry_limit", 0, 5, 0, &c->retry_limit))
        return false;
    size_t i = 0;
    const cJSON *row;
    cJSON_ArrayForEach(row, contacts)
    {
        const char *why = NULL;
        if (!contact_valid(row, &why)) {
            char field[64];
            snprintf(field, sizeof field, "contacts.%zu%s%s", i, *why ? "." : "", why);
            reply_field(ctx, "body", field, strcmp(why, "phone_number") == 0
                                                ? "must be an E.164 phone number such as +15551234567"
                                                : "has the wrong type");
            return false;
        }
        i++;
    }
    cJSON_ArrayForEach(row, contacts) if (!contact_add(c, row)) goto oom;
    if (!store_set_str(&c->name, name->valuestring) ||
        !store_set_str(&c->agent_id, cJSON_IsString(agent) ? agent->valuestring : NULL))
        goto oom;
    apply_window(c, &f);
    c->retry_schedule = c->retry_limit > 0 ? RETRY_IMMEDIATELY : RETRY_NONE;
    c->is_scheduled = strcmp(t, "scheduled") == 0;
    c->start_at = c->is_scheduled ? f.start : ctx->now;
    c->state = c->start_at > ctx->now ? CAMPAIGN_SCHEDULED : CAMPAIGN_ACTIVE;
    return true;
oom:
    reply_error(ctx, 500, "internal_error", "out of memory");
    return false;
}

static void handle_create(sim_ctx_t *ctx)
{
    ctx->route = "truedy.create";
    cJSON *body = reply_body_object(ctx);
    if (!body)
        return;
    store_campaign_t *c = reply_campaign_create(ctx, body, read_create);
    if (c)
        reply_data(ctx, 201, batch_json(c), NULL);
    cJSON_Delete(body);
}

static void handle_patch(sim_ctx_t *ctx, store_campaign_t *c)
{
    ctx->route = "truedy.patch";
    cJSON *body = reply_body_object(ctx);
    if (!body)
        return;
    sched_fields_t f;
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(body, "name");
    if (name && (!cJSON_IsString(name) || !*name->valuestring)) {
        reply_field(ctx, "body", "name", "must be a non-empty string");
    } else if (read_sched(ctx, body, c->timezone, &f)) {
        if (!actions_allowed(c, ACTION_RESCHEDULE)) {
            reply_refused(ctx, c, "only scheduled or paused batches can be edited");
        } else if (name && !store_set_str(&c->name, name->valuestring)) {
            reply_error(ctx, 500, "internal_error", "out of memory");
        } else {
            apply_window(c, &f);
            /* pending contacts move to the new schedule, completed stay */
            actions_reschedule(c, ctx->now, f.has_start ? f.start : c->start_at, false);
            c->is_scheduled = c->is_scheduled || f.has_start;
            ctx->changed = true;
            reply_data(ctx, 200, batch_json(c), NULL);
        }
    }
    cJSON_Delete(body);
}

static bool is_open(const store_campaign_t *c)
{
    return !model_campaign_state_is_terminal(c->state);
}

static void handle_add_contacts(sim_ctx_t *ctx, store_campaign_t *c)
{
    ctx->route = "truedy.add_contacts";
    cJSON *body = reply_body_object(ctx);
    if (!body)
        return;
    const cJSON *contacts = cJSON_GetObjectItemCaseSensitive(body, "contacts");
    if (!cJSON_IsArray(contacts) || cJSON_GetArraySize(contacts) == 0) {
        reply_field(ctx, "body", "contacts", "field required: a non-empty list of contacts");
    } else if (!is_open(c)) {
        reply_refused(ctx, c, "contacts can only be added to a batch that is not finished");
    } else {
        long added = 0, failed = 0;
        const cJSON *row;
        const char *why;
        cJSON_ArrayForEach(row, contacts)
        {
            if (contact_valid(row, &why) && contact_add(c, row))
                added++;
            else
                failed++;
        }
        dialer_touch(c);
        c->updated_at = ctx->now;
        ctx->changed = added > 0;
        cJSON *d = cJSON_CreateObject();
        cJSON_AddNumberToObject(d, "added_count", (double)added);
        cJSON_AddNumberToObject(d, "failed_count", (double)failed);
        reply_data(ctx, 201, d, NULL);
    }
    cJSON_Delete(body);
}

static void dialect_truedy(sim_ctx_t *ctx, const char *rest)
{
    const char *m = ctx->req->method;
    reply_path_t p;
    ctx->route = "truedy.not_found";
    if (!reply_path_expect(ctx, &p, rest, "batch-calls", 3))
        return;
    if (p.n == 1) {
        if (!reply_allowed(ctx, "GET, POST"))
            return;
        if (strcmp(m, "GET") == 0)
            handle_list(ctx);
        else
            handle_create(ctx);
        return;
    }
    const char *sub = p.n == 3 ? p.seg[2] : "";
    const char *allow = p.n == 2                      ? "GET, PATCH"
                        : strcmp(sub, "contacts") == 0 ? "GET, POST"
                        : strcmp(sub, "pause") == 0 || strcmp(sub, "resume") == 0 ? "POST"
                                                                                   : NULL;
    if (!reply_allowed(ctx, allow))
        return;
    store_campaign_t *c = reply_campaign_find(ctx, p.seg[1], "Batch_Call not found");
    if (!c)
        return;
    if (p.n == 2 && strcmp(m, "GET") == 0) {
        ctx->route = "truedy.detail";
        reply_data(ctx, 200, batch_json(c), NULL);
    } else if (p.n == 2) {
        handle_patch(ctx, c);
    } else if (strcmp(sub, "pause") == 0) {
        handle_pause(ctx, c);
    } else if (strcmp(sub, "resume") == 0) {
        handle_resume(ctx, c);
    } else if (strcmp(m, "GET") == 0) {
        handle_contacts(ctx, c);
    } else {
        handle_add_contacts(ctx, c);
    }
}

/* --- the description (dialects.h) ----------------------------------------- */

static bool route(const char *path, const char **rest)
{
    return sim_path_under(path, "/api/public/v1", rest);
}

/* "batch_" and 8 hex digits: the low 32 bits are a bijection of num for
 * a fixed seed. */
static void campaign_id(char *id, size_t n, long num, uint64_t seed)
{
    snprintf(id, n, "batch_%08x", (unsigned)rng_mix32((uint32_t)num ^ (uint32_t)seed));
}

/* {"error":{"code","message","details":{...}}}, details empty but for
 * the 401's hint and the 429's reset time. */
static cJSON *error_body(int status, const char *code, const char *msg, const char *detail_key,
                         const char *detail)
{
    (void)status;
    cJSON *root = cJSON_CreateObject();
    cJSON *e = cJSON_AddObjectToObject(root, "error");
    cJSON_AddStringToObject(e, "code", code);
    cJSON_AddStringToObject(e, "message", msg);
    cJSON *details = cJSON_AddObjectToObject(e, "details");
    if (detail_key)
        cJSON_AddStringToObject(details, detail_key, detail);
    return root;
}

/* As in Truedy's reference: a 401 with a hint but never the key given; a
 * 429 with the reset time in the body and no Retry-After (API.md). */
static const sim_errors_t errors = {
    .body = error_body,
    .unauthorized = "Invalid or missing API key",
    .unauthorized_hint = "Include Authorization: Bearer <your_api_key>",
    .rate_code = "rate_limit_exceeded",
    .rate_message = "Too many requests",
    .reset_in_body = true,
};

static const sim_wire_words_t words = {
    .campaign = {[CAMPAIGN_ACTIVE] = "running"},
    /* the rest are model.h's: "pending", "no_answer", "voicemail"... */
    .contact = {[CONTACT_QUEUED] = "scheduled", [CONTACT_IN_PROGRESS] = "calling"},
};

const sim_dialect_desc_t sim_truedy_dialect = {
    .id = SIM_TRUEDY,
    .provider = PROVIDER_TRUEDY,
    .first_num = 1,
    .auth = SIM_AUTH_BEARER,
    .campaign_id = campaign_id,
    .words = &words,
    .errors = &errors,
    .finished = CAMPAIGN_COMPLETED,
    .route = route,
    .serve = dialect_truedy,
};
