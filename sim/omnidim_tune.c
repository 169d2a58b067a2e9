/* OmniDimension's manual_retry and concurrency, as strict as the provider:
 * unknown reasons and out-of-range numbers are field errors, a campaign in
 * a state the action table refuses gets 409, and the reply names no
 * campaign status (so a client must read the campaign back). */
#include "omnidim_tune.h"

#include <stdio.h>
#include <string.h>

#include "actions.h"
#include "body.h"

/* OmniDim's failure reasons and the contact states they re-queue. */
static const struct {
    const char *name;
    contact_state_t state;
} reasons[] = {
    {"no-answer", CONTACT_NO_ANSWER},
    {"busy", CONTACT_BUSY},
    {"failed", CONTACT_FAILED},
};
#define NREASONS (sizeof reasons / sizeof reasons[0])

static void reply_refused(sim_ctx_t *ctx, const store_campaign_t *c, const char *verb)
{
    reply_error(ctx, 409, "invalid_state", "Cannot %s a campaign that is %s", verb,
                model_campaign_state_name(c->state));
}

/* The reasons array as a bit per contact state; false (answered) when bad. */
static bool read_reasons(sim_ctx_t *ctx, const cJSON *arr, unsigned *mask)
{
    *mask = 0;
    if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0) {
        reply_field(ctx, "body", "failure_reasons",
                    "required: a non-empty list of no-answer, busy, failed");
        return false;
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, arr) {
        size_t i = 0;
        while (i < NREASONS && !(cJSON_IsString(it) && strcmp(it->valuestring, reasons[i].name) == 0))
            i++;
        if (i == NREASONS) {
            reply_field(ctx, "body", "failure_reasons",
                        "each reason must be one of no-answer, busy, failed");
            return false;
        }
        *mask |= 1u << reasons[i].state;
    }
    return true;
}

void omnidim_handle_retry(sim_ctx_t *ctx, store_campaign_t *c)
{
    ctx->route = "omnidim.manual_retry";
    cJSON *body = reply_body_object(ctx);
    if (!body)
        return;
    unsigned mask;
    int max_retries;
    const cJSON *strategy = cJSON_GetObjectItemCaseSensitive(body, "retry_strategy");
    if (strategy && !cJSON_IsNull(strategy) &&
        !(cJSON_IsString(strategy) && strcmp(strategy->valuestring, "all") == 0)) {
        reply_field(ctx, "body", "retry_strategy", "must be \"all\"");
    } else if (read_reasons(ctx, cJSON_GetObjectItemCaseSensitive(body, "failure_reasons"), &mask) &&
               body_read_int(ctx, cJSON_GetObjectItemCaseSensitive(body, "max_retries"),
                             "max_retries", 1, 10, 3, &max_retries)) {
        long n = actions_retry(c, ctx->now, mask, max_retries);
        if (n < 0) {
            reply_refused(ctx, c, "retry");
        } else {
            ctx->changed = true;
            cJSON *root = cJSON_CreateObject();
            char msg[96];
            snprintf(msg, sizeof msg, "%ld contacts queued for retry", n);
            cJSON_AddStringToObject(root, "status", "success");
            cJSON_AddStringToObject(root, "message", msg);
            cJSON_AddNumberToObject(root, "retried_count", (double)n);
            reply_json(ctx, 200, root);
        }
    }
    cJSON_Delete(body);
}

void omnidim_handle_concurrency(sim_ctx_t *ctx, store_campaign_t *c)
{
    ctx->route = "omnidim.concurrency";
    cJSON *body = reply_body_object(ctx);
    if (!body)
        return;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(body, "concurrent_call_limit");
    int n;
    if (!v || cJSON_IsNull(v)) {
        reply_field(ctx, "body", "concurrent_call_limit", "required: an integer from 1 to 100");
    } else if (body_read_int(ctx, v, "concurrent_call_limit", 1, 100, 1, &n)) {
        if (!actions_concurrency(c, ctx->now, n)) {
            reply_refused(ctx, c, "change the concurrency of");
        } else {
            ctx->changed = true;
            cJSON *root = cJSON_CreateObject();
            cJSON_AddStringToObject(root, "status", "success");
            cJSON_AddStringToObject(root, "message", "Concurrency updated");
            cJSON_AddNumberToObject(root, "concurrent_call_limit", n);
            reply_json(ctx, 200, root);
        }
    }
    cJSON_Delete(body);
}
