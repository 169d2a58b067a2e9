/* Sarvam webhook bodies; see sarvam_webhook.h. */
#include "sarvam_webhook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "jsonget.h"

/* The fields without which an attempt cannot be filed: the key that makes
 * re-deliveries idempotent, the campaign it belongs to, and the number
 * that makes it one contact. The outcome fields may be null (an attempt
 * still running, or a provider error), so they are not required. */
static const struct {
    const char *key;
    size_t offset;
} required[] = {
    {"attempt_id", offsetof(sarvam_webhook_t, attempt_id)},
    {"campaign_id", offsetof(sarvam_webhook_t, campaign_id)},
    {"user_phone_number", offsetof(sarvam_webhook_t, phone)},
};

void sarvam_webhook_free(sarvam_webhook_t *w)
{
    if (!w)
        return;
    free(w->attempt_id);
    free(w->campaign_id);
    free(w->phone);
    free(w->user_identifier);
    free(w->cohort_id);
    free(w->completion);
    free(w->connectivity);
    free(w->next_action);
    memset(w, 0, sizeof *w);
}

int sarvam_webhook_http_status(sarvam_webhook_status_t s)
{
    switch (s) {
    case SARVAM_WEBHOOK_OK: return 200;
    case SARVAM_WEBHOOK_NOT_JSON: return 400;
    case SARVAM_WEBHOOK_MISSING: return 422;
    }
    return 400;
}

sarvam_webhook_status_t sarvam_webhook_parse(const char *body, size_t len,
                                             sarvam_webhook_t *out, char *why,
                                             size_t why_len)
{
    memset(out, 0, sizeof *out);
    if (why_len)
        why[0] = '\0';
    const char *end = NULL;
    cJSON *root = body ? cJSON_ParseWithLengthOpts(body, len, &end, false) : NULL;
    /* cJSON stops after the first value; anything but blanks after it
     * (a second object, garbage, a NUL) makes the body not one JSON value */
    for (const char *p = end; root && p && p < body + len; p++) {
        if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
            cJSON_Delete(root);
            root = NULL;
            break;
        }
    }
    if (!root || !cJSON_IsObject(root)) {
        snprintf(why, why_len, "%s", root ? "the body is JSON but not one attempt object"
                                          : "the body is not JSON");
        cJSON_Delete(root);
        return SARVAM_WEBHOOK_NOT_JSON;
    }
    size_t used = 0;
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        char **slot = (char **)((char *)out + required[i].offset);
        *slot = jget_id(root, required[i].key);
        if (!*slot || !**slot) {
            int n = snprintf(why + used, why_len > used ? why_len - used : 0, "%s%s",
                             used ? ", " : "missing ", required[i].key);
            used += n > 0 ? (size_t)n : 0;
        }
    }
    if (used) {
        cJSON_Delete(root);
        sarvam_webhook_free(out);
        return SARVAM_WEBHOOK_MISSING;
    }
    out->user_identifier = jget_str(root, "user_identifier");
    out->cohort_id = jget_id(root, "cohort_id");
    out->completion = jget_str(root, "completion_status");
    out->connectivity = jget_str(root, "connectivity_status");
    out->next_action = jget_str(root, "next_action_status");
    out->state = model_sarvam_attempt_state(out->completion, out->connectivity,
                                            out->next_action);
    cJSON_Delete(root);
    return SARVAM_WEBHOOK_OK;
}
