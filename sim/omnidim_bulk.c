/* OmniDimension add_contacts and start. */
#include "omnidim_bulk.h"

#include <stdio.h>
#include <string.h>

#include "body.h"
#include "check.h"
#include "dialer.h"
#include "wire.h"

#define ADD_CONTACTS_MAX 1000

static bool is_open(const store_campaign_t *c)
{
    return !model_campaign_state_is_terminal(c->state);
}

static cJSON *rejected_row(size_t index, const cJSON *row, const char *reason)
{
    cJSON *o = cJSON_CreateObject();
    const cJSON *to = cJSON_IsObject(row) ? cJSON_GetObjectItemCaseSensitive(row, "to_number")
                                          : NULL;
    cJSON_AddNumberToObject(o, "index", (double)index);
    cJSON_AddItemToObject(o, "to_number", reply_str_or_null(cJSON_IsString(to) ? to->valuestring
                                                                               : NULL));
    cJSON_AddStringToObject(o, "reason", reason);
    return o;
}

/* One row: a valid to_number is added with its custom_variables (and
 * metadata, kept as variables too); anything else is rejected by index.
 * Repeated numbers are kept, as the provider does. */
static const char *add_row(store_campaign_t *c, const cJSON *row, bool *oom)
{
    const cJSON *to = cJSON_GetObjectItemCaseSensitive(row, "to_number");
    const cJSON *vars = cJSON_GetObjectItemCaseSensitive(row, "custom_variables");
    if (!cJSON_IsObject(row))
        return "must be an object";
    if (!cJSON_IsString(to) || !check_e164(to->valuestring))
        return "to_number must be an E.164 phone number such as +15551234567";
    if (vars && !cJSON_IsNull(vars) && !cJSON_IsObject(vars))
        return "custom_variables must be an object";
    store_contact_t *k = store_contact_add(c, to->valuestring);
    *oom = !k || !body_add_vars(k, vars, NULL);
    return NULL;
}

void omnidim_handle_add_contacts(sim_ctx_t *ctx, store_campaign_t *c)
{
    ctx->route = "omnidim.add_contacts";
    cJSON *body = reply_body_object(ctx);
    if (!body)
        return;
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(body, "contacts");
    int n = cJSON_IsArray(list) ? cJSON_GetArraySize(list) : -1;
    if (n <= 0) {
        reply_field(ctx, "body", "contacts", "required, a non-empty array of contacts");
    } else if (n > ADD_CONTACTS_MAX) {
        reply_field(ctx, "body", "contacts", "at most %d contacts a call", ADD_CONTACTS_MAX);
    } else if (!is_open(c)) {
        reply_error(ctx, 409, "invalid_state", "Cannot add contacts to a campaign that is %s",
                    wire_campaign_status(PROVIDER_OMNIDIM, c->state));
    } else {
        cJSON *rejected = cJSON_CreateArray();
        size_t i = 0, added = 0;
        bool oom = false;
        const cJSON *row;
        cJSON_ArrayForEach(row, list)
        {
            const char *why = add_row(c, row, &oom);
            if (oom)
                break;
            if (why)
                cJSON_AddItemToArray(rejected, rejected_row(i, row, why));
            else
                added++;
            i++;
        }
        if (oom) {
            cJSON_Delete(rejected);
            reply_error(ctx, 500, "internal_error", "out of memory");
        } else {
            dialer_touch(c);
            c->updated_at = ctx->now;
            ctx->changed = added > 0;
            cJSON *root = cJSON_CreateObject();
            cJSON_AddStringToObject(root, "status", "success");
            cJSON_AddNumberToObject(root, "added", (double)added);
            cJSON_AddItemToObject(root, "rejected", rejected);
            cJSON_AddNumberToObject(root, "total_contacts", (double)c->ncontacts);
            reply_json(ctx, 200, root);
        }
    }
    cJSON_Delete(body);
}

void omnidim_handle_start(sim_ctx_t *ctx, store_campaign_t *c)
{
    ctx->route = "omnidim.start";
    if (c->state != CAMPAIGN_DRAFT) {
        reply_error(ctx, 409, "invalid_state", "Cannot start a campaign that is %s",
                    wire_campaign_status(PROVIDER_OMNIDIM, c->state));
        return;
    }
    if (c->ncontacts == 0) {
        reply_error(ctx, 400, "invalid_request", "Cannot start a campaign with no contacts");
        return;
    }
    if (!c->is_scheduled)
        c->start_at = ctx->now;
    c->state = c->is_scheduled && c->start_at > ctx->now ? CAMPAIGN_SCHEDULED : CAMPAIGN_PENDING;
    c->updated_at = ctx->now;
    dialer_touch(c);
    ctx->changed = true;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "status", "success");
    cJSON_AddStringToObject(root, "message", "Bulk call started successfully");
    cJSON_AddStringToObject(root, "current_status", wire_campaign_status(PROVIDER_OMNIDIM, c->state));
    reply_json(ctx, 200, root);
}
