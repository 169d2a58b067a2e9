/* OmniDimension POST /calls/bulk_call/create: body validation (every bad
 * field named, nothing stored on refusal) and campaign creation. */
#include "omnidim_create.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "body.h"
#include "check.h"
#include "simtime.h"
#include "wire.h"

static bool read_contacts(sim_ctx_t *ctx, store_campaign_t *c, const cJSON *list)
{
    char field[64];
    size_t i = 0;
    const cJSON *row;
    cJSON_ArrayForEach(row, list)
    {
        snprintf(field, sizeof field, "contact_list.%zu.phone_number", i);
        const cJSON *phone = cJSON_GetObjectItemCaseSensitive(row, "phone_number");
        if (!cJSON_IsObject(row)) {
            snprintf(field, sizeof field, "contact_list.%zu", i);
            reply_field(ctx, "body", field, "must be an object");
            return false;
        }
        if (!cJSON_IsString(phone) || !check_e164(phone->valuestring)) {
            reply_field(ctx, "body", field, "must be an E.164 phone number such as +15551234567");
            return false;
        }
        store_contact_t *k = store_contact_add(c, phone->valuestring);
        if (!k || !body_add_vars(k, row, "phone_number"))
            goto oom;
        i++;
    }
    return true;
oom:
    reply_error(ctx, 500, "internal_error", "out of memory");
    return false;
}

static bool read_retry(sim_ctx_t *ctx, store_campaign_t *c, const cJSON *body)
{
    const cJSON *rc = cJSON_GetObjectItemCaseSensitive(body, "retry_config");
    const cJSON *limit = cJSON_GetObjectItemCaseSensitive(body, "retry_limit");
    bool auto_retry = false;
    c->retry_schedule = RETRY_NONE;
    if (rc && !cJSON_IsNull(rc)) {
        if (!cJSON_IsObject(rc)) {
            reply_field(ctx, "body", "retry_config", "must be an object");
            return false;
        }
        const cJSON *ar = cJSON_GetObjectItemCaseSensitive(rc, "auto_retry");
        const cJSON *sched = cJSON_GetObjectItemCaseSensitive(rc, "auto_retry_schedule");
        const cJSON *days = cJSON_GetObjectItemCaseSensitive(rc, "retry_schedule_days");
        const cJSON *hours = cJSON_GetObjectItemCaseSensitive(rc, "retry_schedule_hours");
        if (ar && !cJSON_IsBool(ar)) {
            reply_field(ctx, "body", "retry_config.auto_retry", "must be true or false");
            return false;
        }
        auto_retry = cJSON_IsTrue(ar);
        c->retry_schedule = auto_retry ? RETRY_IMMEDIATELY : RETRY_NONE;
        if (sched && !cJSON_IsNull(sched)) {
            const char *s = cJSON_IsString(sched) ? sched->valuestring : "";
            retry_schedule_t r = strcmp(s, "immediately") == 0    ? RETRY_IMMEDIATELY
                                 : strcmp(s, "next_day") == 0       ? RETRY_NEXT_DAY
                                 : strcmp(s, "scheduled_time") == 0 ? RETRY_SCHEDULED_TIME
                                                                    : RETRY_NONE;
            if (r == RETRY_NONE) {
                reply_field(ctx, "body", "retry_config.auto_retry_schedule",
                            "must be one of immediately, next_day, scheduled_time");
                return false;
            }
            if (auto_retry)
                c->retry_schedule = r;
        }
        if (!body_read_int(ctx, days, "retry_config.retry_schedule_days", 0, 365, 0, &c->retry_days) ||
            !body_read_int(ctx, hours, "retry_config.retry_schedule_hours", 0, 8760, 0, &c->retry_hours))
            return false;
        if (c->retry_schedule == RETRY_SCHEDULED_TIME && c->retry_days == 0 && c->retry_hours == 0) {
            reply_field(ctx, "body", "retry_config.retry_schedule_hours",
                        "scheduled_time needs retry_schedule_days or retry_schedule_hours above 0");
            return false;
        }
        const cJSON *l2 = cJSON_GetObjectItemCaseSensitive(rc, "retry_limit");
        if (l2) {
            limit = l2;
            if (!cJSON_IsNumber(l2) || l2->valuedouble != (double)l2->valueint ||
                l2->valueint < 0 || l2->valueint > 5) {
                reply_field(ctx, "body", "retry_config.retry_limit", "must be an integer from 0 to 5");
                return false;
            }
        }
    }
    if (limit && (!cJSON_IsNumber(limit) || limit->valuedouble != (double)limit->valueint ||
                  limit->valueint < 0 || limit->valueint > 5)) {
        reply_field(ctx, "body", "retry_limit", "must be an integer from 0 to 5");
        return false;
    }
    c->retry_limit = limit ? limit->valueint : 0;
    if (c->retry_limit > 0 && !rc)
        c->retry_schedule = RETRY_IMMEDIATELY;
    return true;
}

static bool read_create(sim_ctx_t *ctx, store_campaign_t *c, const cJSON *body)
{
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(body, "name");
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(body, "contact_list");
    const cJSON *pnid = cJSON_GetObjectItemCaseSensitive(body, "phone_number_id");
    const cJSON *sched = cJSON_GetObjectItemCaseSensitive(body, "is_scheduled");
    const cJSON *when = cJSON_GetObjectItemCaseSensitive(body, "scheduled_datetime");
    const cJSON *tz = cJSON_GetObjectItemCaseSensitive(body, "timezone");
    const cJSON *conc = cJSON_GetObjectItemCaseSensitive(body, "concurrent_call_limit");
    const cJSON *draft = cJSON_GetObjectItemCaseSensitive(body, "save_as_draft");
    if (draft && !cJSON_IsNull(draft) && !cJSON_IsBool(draft)) {
        reply_field(ctx, "body", "save_as_draft", "must be true or false");
        return false;
    }
    if (!cJSON_IsString(name) || !*name->valuestring) {
        reply_field(ctx, "body", "name", "required, a non-empty string");
        return false;
    }
    if (!cJSON_IsArray(list)) {
        reply_field(ctx, "body", "contact_list", "required, an array of contacts");
        return false;
    }
    if (cJSON_GetArraySize(list) == 0) {
        reply_field(ctx, "body", "contact_list", "must contain at least one contact");
        return false;
    }
    if (!(cJSON_IsString(pnid) && *pnid->valuestring) && !cJSON_IsNumber(pnid)) {
        reply_field(ctx, "body", "phone_number_id", "required");
        return false;
    }
    if (sched && !cJSON_IsBool(sched)) {
        reply_field(ctx, "body", "is_scheduled", "must be true or false");
        return false;
    }
    if (!body_read_tz(ctx, tz, "timezone", "America/New_York", c->timezone, sizeof c->timezone))
        return false;
    c->is_scheduled = cJSON_IsTrue(sched);
    if (c->is_scheduled &&
        (!cJSON_IsString(when) || !simtime_local_parse(when->valuestring, c->timezone, &c->start_at))) {
        reply_field(ctx, "body", "scheduled_datetime",
                    "required when is_scheduled is true, in the format YYYY-MM-DD HH:MM:SS");
        return false;
    }
    if (conc && (!cJSON_IsNumber(conc) || conc->valuedouble != (double)conc->valueint ||
                 conc->valueint < 1 || conc->valueint > 100)) {
        reply_field(ctx, "body", "concurrent_call_limit", "must be an integer from 1 to 100");
        return false;
    }
    c->concurrency = conc ? conc->valueint : 1;
    if (!read_retry(ctx, c, body) || !read_contacts(ctx, c, list))
        return false;
    if (!store_set_str(&c->name, name->valuestring)) {
        reply_error(ctx, 500, "internal_error", "out of memory");
        return false;
    }
    c->state = c->is_scheduled ? CAMPAIGN_SCHEDULED : CAMPAIGN_PENDING;
    if (!c->is_scheduled)
        c->start_at = ctx->now;
    if (cJSON_IsTrue(draft))
        c->state = CAMPAIGN_DRAFT; /* nothing dials until POST .../start */
    return true;
}

void omnidim_handle_create(sim_ctx_t *ctx)
{
    ctx->route = "omnidim.create";
    cJSON *body = reply_body_object(ctx);
    if (!body)
        return;
    store_campaign_t *c = reply_campaign_create(ctx, body, read_create);
    if (c) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddStringToObject(root, "status", "success");
        cJSON_AddStringToObject(root, "message", "Bulk call created successfully");
        cJSON_AddNumberToObject(root, "id", (double)c->num);
        cJSON_AddBoolToObject(root, "is_scheduled", c->is_scheduled);
        cJSON_AddStringToObject(root, "current_status", wire_campaign_status(PROVIDER_OMNIDIM, c->state));
        reply_json(ctx, 200, root);
    }
    cJSON_Delete(body);
}
