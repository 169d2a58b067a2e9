/* OmniDimension dialect: /api/v1/calls/bulk_call... and
 * /api/v1/bulk-call/{id}/live-status. Shapes: API.md section 1, WIRE.md.
 * Its description (ids, wire words, error shapes; dialects.h) is at the
 * end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "actions.h"
#include "body.h"
#include "check.h"
#include "jsonout.h"
#include "reply.h"
#include "simtime.h"
#include "omnidim_bulk.h"
#include "omnidim_create.h"
#include "omnidim_tune.h"
#include "page.h"
#include "wire.h"

#define LIST_PAGESIZE 50
#define LINES_PAGESIZE 30
#define MAX_PAGESIZE 150
/* Cursors are opaque to clients; this keeps them from looking like plain
 * offsets that a client might compute itself. */
#define CURSOR_MASK 0x5f3759dfUL

static long count2(const store_campaign_t *c, contact_state_t a, contact_state_t b)
{
    return c->counts[a] + c->counts[b];
}

/* start_at as wall time in the campaign's zone, NULL when it has none;
 * cached on the campaign since the zone conversion is slow. */
static const char *schedule_local(store_campaign_t *c)
{
    if (c->is_scheduled && (c->start_local_at != c->start_at || !c->start_local[0] ||
                            strcmp(c->start_local_tz, c->timezone) != 0)) {
        if (simtime_local_format(c->start_at, c->timezone, c->start_local)) {
            c->start_local_at = c->start_at;
            memcpy(c->start_local_tz, c->timezone, sizeof c->start_local_tz);
        } else {
            c->start_local[0] = '\0';
        }
    }
    return c->is_scheduled && c->start_local[0] ? c->start_local : NULL;
}

static void add_schedule(cJSON *o, store_campaign_t *c)
{
    const char *local = schedule_local(c);
    if (local)
        cJSON_AddStringToObject(o, "scheduled_datetime", local);
    else
        cJSON_AddNullToObject(o, "scheduled_datetime");
}

/* The create's retry_config as stored, in the create's own spelling. */
static void write_retry_config(jsonout_t *b, const store_campaign_t *c)
{
    static const char *const names[] = {
        [RETRY_IMMEDIATELY] = "immediately",
        [RETRY_NEXT_DAY] = "next_day",
        [RETRY_SCHEDULED_TIME] = "scheduled_time",
    };
    jsonout_object_open(b, "retry_config");
    jsonout_bool(b, "auto_retry", c->retry_schedule != RETRY_NONE);
    jsonout_string_or_null(b, "auto_retry_schedule",
                           c->retry_schedule != RETRY_NONE ? names[c->retry_schedule] : NULL);
    jsonout_number(b, "retry_schedule_days", c->retry_days);
    jsonout_number(b, "retry_schedule_hours", c->retry_hours);
    jsonout_number(b, "retry_limit", c->retry_limit);
    jsonout_object_close(b);
}

/* One campaign as the list (and, with detail, GET .../{id}) shows it.
 * Every figure is a counter kept on the campaign: a page lists 50. */
static void write_campaign(jsonout_t *b, store_campaign_t *c, bool detail)
{
    char date[20];
    jsonout_object_open(b, NULL);
    jsonout_number(b, "id", (double)c->num);
    jsonout_string(b, "name", c->name);
    jsonout_string(b, "status", wire_campaign_status(PROVIDER_OMNIDIM, c->state));
    jsonout_bool(b, "is_scheduled", c->is_scheduled);
    jsonout_string_or_null(b, "scheduled_datetime", schedule_local(c));
    jsonout_string(b, "timezone", c->timezone);
    jsonout_number(b, "concurrent_call_limit", c->concurrency);
    jsonout_number(b, "total_calls", (double)c->ncontacts);
    jsonout_number(b, "completed_calls", (double)c->counts[CONTACT_COMPLETED]);
    jsonout_number(b, "total_calls_made", (double)c->attempts_total);
    jsonout_number(b, "total_pending_calls", (double)count2(c, CONTACT_PENDING, CONTACT_RETRY_SCHEDULED));
    /* not reachable: every call that ended without a conversation, the
     * same three the live-status summary lists (failed, busy, no_answer) */
    jsonout_number(b, "total_not_reachable_calls",
                   (double)(count2(c, CONTACT_NO_ANSWER, CONTACT_BUSY) + c->counts[CONTACT_FAILED]));
    if (c->failed_reason)
        jsonout_string(b, "failed_reason", c->failed_reason);
    else
        jsonout_bool(b, "failed_reason", false);
    simtime_omni_format(c->created_at, date);
    jsonout_string(b, "create_date", date);
    jsonout_number(b, "retry_limit", c->retry_limit);
    if (detail) {
        jsonout_number(b, "failed_calls", (double)c->counts[CONTACT_FAILED]);
        jsonout_number(b, "in_progress_calls", (double)c->counts[CONTACT_IN_PROGRESS]);
        write_retry_config(b, c);
        jsonout_object_open(b, "call_status_counts");
        static const contact_state_t shown[] = {
            CONTACT_PENDING, CONTACT_IN_PROGRESS, CONTACT_COMPLETED, CONTACT_VOICEMAIL,
            CONTACT_NO_ANSWER, CONTACT_BUSY, CONTACT_FAILED, CONTACT_SKIPPED,
            CONTACT_RETRY_SCHEDULED, CONTACT_CANCELLED,
        };
        for (size_t i = 0; i < sizeof shown / sizeof *shown; i++)
            jsonout_number(b, wire_contact_status(PROVIDER_OMNIDIM, shown[i], false),
                           (double)c->counts[shown[i]]);
        jsonout_object_close(b);
    }
    jsonout_object_close(b);
}

static void handle_list(sim_ctx_t *ctx)
{
    ctx->route = "omnidim.list";
    long pageno;
    page_t pg = {0};
    if (!reply_query_long(ctx, "pageno", 1, 1, 1000000000L, false, &pageno) ||
        !reply_query_long(ctx, "pagesize", LIST_PAGESIZE, 1, MAX_PAGESIZE, true, &pg.limit))
        return;
    pg.offset = (pageno - 1) * pg.limit;
    campaign_state_t want;
    if (!reply_query_campaign_state(ctx, "status", &want))
        return;
    store_campaign_t *rows[MAX_PAGESIZE];
    size_t n = page_campaigns(&pg, &ctx->sim->store.by_dialect[SIM_OMNIDIM], want, rows,
                              MAX_PAGESIZE);
    jsonout_t b = {0};
    jsonout_object_open(&b, NULL);
    jsonout_string(&b, "status", "success");
    jsonout_number(&b, "total_records", (double)pg.total);
    jsonout_array_open(&b, "records");
    for (size_t i = 0; i < n; i++)
        write_campaign(&b, rows[i], false);
    jsonout_array_close(&b);
    jsonout_object_close(&b);
    reply_json_text(ctx, 200, jsonout_take(&b));
}

static void handle_detail(sim_ctx_t *ctx, store_campaign_t *c)
{
    ctx->route = "omnidim.detail";
    jsonout_t b = {0};
    jsonout_object_open(&b, NULL);
    jsonout_string(&b, "status", "success");
    jsonout_key(&b, "details");
    write_campaign(&b, c, true);
    jsonout_array_open(&b, "contact_list");
    for (size_t i = 0; i < c->ncontacts; i++) {
        jsonout_object_open(&b, NULL);
        jsonout_string(&b, "to_number", c->contacts[i].phone);
        jsonout_object_close(&b);
    }
    jsonout_array_close(&b);
    jsonout_object_close(&b);
    reply_json_text(ctx, 200, jsonout_take(&b));
}

static bool line_matches(const store_contact_t *k, contact_state_t want, const char *search)
{
    if (want != CONTACT_UNKNOWN && k->state != want)
        return false;
    if (!search || !*search)
        return true;
    if (strstr(k->phone, search))
        return true;
    for (size_t i = 0; i < k->nvars; i++)
        if (check_contains_ci(k->vars[i].value, search))
            return true;
    return false;
}

static cJSON *line_json(const store_contact_t *k, size_t idx)
{
    cJSON *o = cJSON_CreateObject();
    char date[20];
    cJSON_AddNumberToObject(o, "id", (double)(idx + 1));
    cJSON_AddStringToObject(o, "to_number", k->phone);
    cJSON_AddStringToObject(o, "call_status", wire_contact_status(PROVIDER_OMNIDIM, k->state, false));
    cJSON_AddNumberToObject(o, "attempts", k->attempts);
    if (k->last_attempt) {
        simtime_omni_format(k->last_attempt, date);
        cJSON_AddStringToObject(o, "last_attempt_at", date);
    } else {
        cJSON_AddNullToObject(o, "last_attempt_at");
    }
    cJSON_AddNumberToObject(o, "call_duration", k->state == CONTACT_IN_PROGRESS ? 0 : k->duration_s);
    if (k->failure_reason)
        cJSON_AddStringToObject(o, "failure_reason", k->failure_reason);
    else
        cJSON_AddFalseToObject(o, "failure_reason");
    cJSON *ctxv = cJSON_AddObjectToObject(o, "context");
    for (size_t i = 0; i < k->nvars; i++)
        cJSON_AddStringToObject(ctxv, k->vars[i].key, k->vars[i].value);
    return o;
}

static void handle_lines(sim_ctx_t *ctx, store_campaign_t *c)
{
    ctx->route = "omnidim.lines";
    long pagesize;
    if (!reply_query_long(ctx, "pagesize", LINES_PAGESIZE, 1, MAX_PAGESIZE, true, &pagesize))
        return;
    unsigned long offset = 0;
    const char *cursor = reply_query(ctx, "cursor");
    if (cursor && *cursor) {
        char *end;
        unsigned long v = strtoul(cursor, &end, 16);
        if (strlen(cursor) != 8 || *end || (v ^ CURSOR_MASK) > c->ncontacts) {
            reply_field(ctx, "query", "cursor", "invalid cursor");
            return;
        }
        offset = v ^ CURSOR_MASK;
    }
    contact_state_t want;
    if (!reply_query_contact_state(ctx, "call_status", &want))
        return;
    const char *search = reply_query(ctx, "search");
    const char *inc = reply_query(ctx, "include_total");
    bool include_total = inc && (strcasecmp(inc, "true") == 0 || strcmp(inc, "1") == 0);

    cJSON *records = cJSON_CreateArray();
    unsigned long seen = 0, total = 0;
    bool more = false;
    size_t start = 0;
    /* unfiltered and no total asked: the cursor is a position, start there */
    if (want == CONTACT_UNKNOWN && (!search || !*search) && !include_total) {
        start = offset;
        seen = total = offset;
    }
    for (size_t i = start; i < c->ncontacts; i++) {
        const store_contact_t *k = &c->contacts[i];
        if (!line_matches(k, want, search))
            continue;
        if (seen >= offset && seen < offset + (unsigned long)pagesize)
            cJSON_AddItemToArray(records, line_json(k, i));
        else if (seen >= offset + (unsigned long)pagesize)
            more = true;
        seen++;
        total++;
        if (more && !include_total)
            break;
    }
    cJSON *root = cJSON_CreateObject();
    cJSON_AddItemToObject(root, "records", records);
    if (more) {
        char next[16];
        snprintf(next, sizeof next, "%08lx", (offset + (unsigned long)pagesize) ^ CURSOR_MASK);
        cJSON_AddStringToObject(root, "next_cursor", next);
    } else {
        cJSON_AddNullToObject(root, "next_cursor");
    }
    if (include_total)
        cJSON_AddNumberToObject(root, "total_records", (double)total);
    reply_json(ctx, 200, root);
}

static void handle_live(sim_ctx_t *ctx, store_campaign_t *c)
{
    ctx->route = "omnidim.live_status";
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "status", "success");
    cJSON_AddNumberToObject(root, "bulk_call_id", (double)c->num);
    cJSON_AddStringToObject(root, "campaign_status", wire_campaign_status(PROVIDER_OMNIDIM, c->state));
    cJSON *s = cJSON_AddObjectToObject(root, "summary");
    cJSON_AddNumberToObject(s, "total_contacts", (double)c->ncontacts);
    cJSON_AddNumberToObject(s, "queued", (double)count2(c, CONTACT_PENDING, CONTACT_RETRY_SCHEDULED));
    cJSON_AddNumberToObject(s, "in_progress", (double)c->counts[CONTACT_IN_PROGRESS]);
    cJSON_AddNumberToObject(s, "completed", (double)c->counts[CONTACT_COMPLETED]);
    cJSON_AddNumberToObject(s, "failed", (double)c->counts[CONTACT_FAILED]);
    cJSON_AddNumberToObject(s, "busy", (double)c->counts[CONTACT_BUSY]);
    cJSON_AddNumberToObject(s, "no_answer", (double)c->counts[CONTACT_NO_ANSWER]);
    reply_json(ctx, 200, root);
}

static void reply_refused(sim_ctx_t *ctx, const store_campaign_t *c, const char *verb)
{
    reply_error(ctx, 409, "invalid_state", "Cannot %s a campaign that is %s", verb,
                wire_campaign_status(PROVIDER_OMNIDIM, c->state));
}

static void reply_done(sim_ctx_t *ctx, store_campaign_t *c, const char *message, bool echo)
{
    ctx->changed = true;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "status", "success");
    cJSON_AddStringToObject(root, "message", message);
    cJSON_AddStringToObject(root, "current_status", wire_campaign_status(PROVIDER_OMNIDIM, c->state));
    if (echo) {
        add_schedule(root, c);
        cJSON_AddStringToObject(root, "timezone", c->timezone);
    }
    reply_json(ctx, 200, root);
}

static void handle_action(sim_ctx_t *ctx, store_campaign_t *c)
{
    ctx->route = "omnidim.action";
    cJSON *body = reply_body_object(ctx);
    if (!body)
        return;
    const cJSON *action = cJSON_GetObjectItemCaseSensitive(body, "action");
    const char *a = cJSON_IsString(action) ? action->valuestring : NULL;
    if (a && strcmp(a, "pause") == 0) {
        if (actions_pause(c, ctx->now))
            reply_done(ctx, c, "Bulk call paused successfully", false);
        else
            reply_refused(ctx, c, "pause");
    } else if (a && strcmp(a, "resume") == 0) {
        if (actions_resume(c, ctx->now))
            reply_done(ctx, c, "Bulk call resumed successfully", false);
        else
            reply_refused(ctx, c, "resume");
    } else if (a && strcmp(a, "reschedule") == 0) {
        const cJSON *when = cJSON_GetObjectItemCaseSensitive(body, "new_scheduled_datetime");
        const cJSON *tz = cJSON_GetObjectItemCaseSensitive(body, "new_timezone");
        char zone[sizeof c->timezone];
        int64_t start;
        memcpy(zone, c->timezone, sizeof zone);
        if (!body_read_tz(ctx, tz, "new_timezone", NULL, zone, sizeof zone))
            goto out;
        if (!cJSON_IsString(when) || !simtime_local_parse(when->valuestring, zone, &start)) {
            reply_field(ctx, "body", "new_scheduled_datetime",
                        "required, in the format YYYY-MM-DD HH:MM:SS");
            goto out;
        }
        if (!actions_allowed(c, ACTION_RESCHEDULE)) {
            reply_refused(ctx, c, "reschedule");
            goto out;
        }
        snprintf(c->timezone, sizeof c->timezone, "%s", zone);
        actions_reschedule(c, ctx->now, start, true);
        c->is_scheduled = true;
        reply_done(ctx, c, "Bulk call rescheduled successfully", true);
    } else {
        reply_field(ctx, "body", "action", "must be one of pause, resume, reschedule");
    }
out:
    cJSON_Delete(body);
}

static void handle_cancel(sim_ctx_t *ctx, store_campaign_t *c)
{
    ctx->route = "omnidim.cancel";
    if (actions_cancel(c, ctx->now))
        reply_done(ctx, c, "Bulk call cancelled successfully", false);
    else
        reply_refused(ctx, c, "cancel");
}

static store_campaign_t *find(sim_ctx_t *ctx, const char *id)
{
    return reply_campaign_find(ctx, id, "Bulk call %s not found", id);
}

static void dialect_omnidim(sim_ctx_t *ctx, const char *rest)
{
    const char *m = ctx->req->method;
    reply_path_t p;
    reply_path_split(&p, rest);
    ctx->route = "omnidim.not_found";
    if (p.n >= 2 && strcmp(p.seg[0], "calls") == 0 && strcmp(p.seg[1], "bulk_call") == 0) {
        if (p.n == 2) {
            if (reply_allowed(ctx, "GET"))
                handle_list(ctx);
            return;
        }
        if (p.n == 3 && strcmp(p.seg[2], "create") == 0) {
            if (reply_allowed(ctx, "POST"))
                omnidim_handle_create(ctx);
            return;
        }
        if (p.n == 3) {
            store_campaign_t *c = reply_allowed(ctx, "GET, PUT, DELETE") ? find(ctx, p.seg[2]) : NULL;
            if (!c)
                return;
            if (strcmp(m, "GET") == 0)
                handle_detail(ctx, c);
            else if (strcmp(m, "PUT") == 0)
                handle_action(ctx, c);
            else
                handle_cancel(ctx, c);
            return;
        }
        if (p.n == 4 && strcmp(p.seg[3], "manual_retry") == 0) {
            store_campaign_t *c = reply_allowed(ctx, "POST") ? find(ctx, p.seg[2]) : NULL;
            if (c)
                omnidim_handle_retry(ctx, c);
            return;
        }
        if (p.n == 4 && strcmp(p.seg[3], "concurrency") == 0) {
            store_campaign_t *c = reply_allowed(ctx, "PUT") ? find(ctx, p.seg[2]) : NULL;
            if (c)
                omnidim_handle_concurrency(ctx, c);
            return;
        }
        if (p.n == 4 && (strcmp(p.seg[3], "add_contacts") == 0 || strcmp(p.seg[3], "start") == 0)) {
            store_campaign_t *c = reply_allowed(ctx, "POST") ? find(ctx, p.seg[2]) : NULL;
            if (c && p.seg[3][0] == 'a')
                omnidim_handle_add_contacts(ctx, c);
            else if (c)
                omnidim_handle_start(ctx, c);
            return;
        }
        if (p.n == 4 && strcmp(p.seg[3], "lines") == 0) {
            store_campaign_t *c = reply_allowed(ctx, "GET") ? find(ctx, p.seg[2]) : NULL;
            if (c)
                handle_lines(ctx, c);
            return;
        }
    }
    if (p.n == 3 && strcmp(p.seg[0], "bulk-call") == 0 && strcmp(p.seg[2], "live-status") == 0) {
        store_campaign_t *c = reply_allowed(ctx, "GET") ? find(ctx, p.seg[1]) : NULL;
        if (c)
            handle_live(ctx, c);
        return;
    }
    reply_not_found(ctx);
}

/* --- the description (dialects.h) ----------------------------------------- */

static bool route(const char *path, const char **rest)
{
    return sim_path_under(path, "/api/v1", rest);
}

/* Ids look like the docs' (314): the sequence number itself. */
static void campaign_id(char *id, size_t n, long num, uint64_t seed)
{
    (void)seed;
    snprintf(id, n, "%ld", num);
}

/* {"success":false,"error":msg}; a 401 is {"error":"unauthorized",
 * "error_description":msg}. No codes, no details. */
static cJSON *error_body(int status, const char *code, const char *msg, const char *detail_key,
                         const char *detail)
{
    (void)code;
    (void)detail_key;
    (void)detail;
    cJSON *root = cJSON_CreateObject();
    if (status == 401) {
        cJSON_AddStringToObject(root, "error", "unauthorized");
        cJSON_AddStringToObject(root, "error_description", msg);
    } else {
        cJSON_AddFalseToObject(root, "success");
        cJSON_AddStringToObject(root, "error", msg);
    }
    return root;
}

/* 400 {"success":false,"error":"<field>: <msg>"}, the field as OmniDim
 * names it: "contact_list.3.phone_number" reads as
 * "contact_list[3].phone_number". */
static void field_error(sim_ctx_t *ctx, const char *field, const char *msg)
{
    char name[256] = "";
    size_t used = 0;
    const char *p = field;
    while (*p && used + 2 < sizeof name) {
        size_t len = strcspn(p, ".");
        bool is_index = len > 0 && strspn(p, "0123456789") >= len;
        if (is_index)
            snprintf(name + used, sizeof name - used, "[%.*s]", (int)len, p);
        else
            snprintf(name + used, sizeof name - used, "%s%.*s", used ? "." : "", (int)len, p);
        used = strlen(name);
        p += len;
        if (*p == '.')
            p++;
    }
    reply_error(ctx, 400, "bad_request", "%s: %s", name, msg);
}

static const sim_errors_t errors = {
    .body = error_body,
    .field = field_error,
    .unauthorized = "Invalid API key",
    .rate_code = "rate_limited",
    .rate_message = "rate limited",
};

static const sim_wire_words_t words = {
    .campaign = {[CAMPAIGN_ACTIVE] = "in_progress"},
    /* the rest are model.h's: "completed", "busy", "cancelled"... */
    .contact = {
        [CONTACT_PENDING] = "Pending", [CONTACT_QUEUED] = "Pending",
        [CONTACT_IN_PROGRESS] = "In Progress", [CONTACT_NO_ANSWER] = "no-answer",
        [CONTACT_VOICEMAIL] = "voicemail_detected", [CONTACT_FAILED] = "Failed",
        [CONTACT_SKIPPED] = "Skipped",
    },
};

const sim_dialect_desc_t sim_omnidim_dialect = {
    .id = SIM_OMNIDIM,
    .provider = PROVIDER_OMNIDIM,
    .first_num = 301,
    .auth = SIM_AUTH_BEARER,
    .campaign_id = campaign_id,
    .words = &words,
    .errors = &errors,
    .finished = CAMPAIGN_COMPLETED,
    .route = route,
    .serve = dialect_omnidim,
};
