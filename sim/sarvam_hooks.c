/* Sarvam's per-attempt outcomes, the way Sarvam reports them: one webhook
 * per finished call attempt to app_config.webhook_config.url (the
 * "Campaigns webhook payload"), and POST .../webhooks/retry to send some
 * again. Sarvam has no endpoint that lists attempts; the sim's own view
 * of them lives under /_sim/ (control.c), for tests only. */
#include "sarvam_hooks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simtime.h"
#include "webhook.h"

#define RETRY_MAX_IDS 200

const char *sarvam_completion_status(contact_state_t outcome)
{
    switch (outcome) {
    case CONTACT_COMPLETED: return "completed";
    case CONTACT_VOICEMAIL: return "partial";
    case CONTACT_NO_ANSWER: case CONTACT_BUSY: case CONTACT_FAILED: return "failed";
    default: return NULL;
    }
}

const char *sarvam_connectivity_status(contact_state_t outcome)
{
    switch (outcome) {
    case CONTACT_COMPLETED: case CONTACT_VOICEMAIL: case CONTACT_IN_PROGRESS: return "connected";
    case CONTACT_BUSY: return "busy";
    case CONTACT_NO_ANSWER: return "no_answer";
    case CONTACT_FAILED: return "failed";
    default: return NULL;
    }
}

void sarvam_attempt_id(const store_campaign_t *c, uint32_t seq, char *out, size_t len)
{
    snprintf(out, len, "att_%s_%u", strlen(c->id) > 4 ? c->id + 4 : c->id, (unsigned)seq);
}

/* The cohort a contact came in with: cohorts hold the contacts in order,
 * valid_records of them each. */
static const char *cohort_of(const store_campaign_t *c, size_t idx)
{
    size_t end = 0;
    for (size_t i = 0; i < c->ncohorts; i++) {
        end += (size_t)c->cohorts[i].valid;
        if (idx < end)
            return c->cohorts[i].cohort_id;
    }
    return c->ncohorts ? c->cohorts[c->ncohorts - 1].cohort_id : "coh_none";
}

static void add_iso(cJSON *o, const char *key, int64_t t)
{
    char iso[24];
    simtime_iso_format(t, iso);
    cJSON_AddStringToObject(o, key, iso);
}

static cJSON *str_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

/* The webhook body for contact k's call that just ended (malloc'd JSON,
 * NULL on OOM). */
static char *sarvam_attempt_payload(const store_campaign_t *c, const store_contact_t *k)
{
    char id[64], agent[24];
    contact_state_t outcome = k->state == CONTACT_RETRY_SCHEDULED ? k->outcome : k->state;
    sarvam_attempt_id(c, k->call_seq, id, sizeof id);
    /* the campaign's caller number: one per campaign, Indian like its users */
    snprintf(agent, sizeof agent, "+9180%08ld", 40000000L + c->num % 10000000L);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "app_id", c->agent_id ? c->agent_id : "app_default");
    cJSON_AddNumberToObject(o, "app_version", 1);
    cJSON_AddStringToObject(o, "attempt_id", id);
    cJSON_AddStringToObject(o, "campaign_id", c->id);
    cJSON_AddStringToObject(o, "cohort_id", cohort_of(c, (size_t)(k - c->contacts)));
    cJSON_AddItemToObject(o, "completion_status",
                          str_or_null(sarvam_completion_status(outcome)));
    cJSON_AddItemToObject(o, "connectivity_status",
                          str_or_null(sarvam_connectivity_status(outcome)));
    cJSON_AddItemToObject(o, "next_action_status",
                          str_or_null(k->state == CONTACT_RETRY_SCHEDULED ? "retry" : NULL));
    cJSON_AddItemToObject(o, "failure_reason", str_or_null(k->failure_reason));
    cJSON_AddStringToObject(o, "user_identifier", k->user_identifier ? k->user_identifier : k->phone);
    cJSON_AddStringToObject(o, "user_phone_number", k->phone);
    cJSON_AddStringToObject(o, "agent_phone_number", agent);
    cJSON_AddNumberToObject(o, "duration", k->duration_s);
    add_iso(o, "start_datetime", k->last_attempt);
    add_iso(o, "end_datetime", k->last_attempt + k->duration_s);
    char *text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return text;
}

void sarvam_hooks_on_call_end(void *ud, const store_campaign_t *c, const store_contact_t *k)
{
    webhooks_t *w = ud;
    if (!w || c->provider != PROVIDER_SARVAM || !c->webhook_url)
        return;
    char id[64];
    sarvam_attempt_id(c, k->call_seq, id, sizeof id);
    char *payload = sarvam_attempt_payload(c, k);
    /* out of memory: that attempt is not reported, as a lost webhook */
    if (payload)
        webhooks_post(w, c->id, id, c->webhook_url, payload);
    free(payload);
}

bool sarvam_cohort_cover(store_campaign_t *c, int64_t now)
{
    long covered = 0;
    for (size_t i = 0; i < c->ncohorts; i++)
        covered += c->cohorts[i].valid;
    if ((size_t)covered >= c->ncontacts)
        return true;
    store_cohort_t *hs = realloc(c->cohorts, (c->ncohorts + 1) * sizeof *hs);
    if (!hs)
        return false;
    c->cohorts = hs;
    store_cohort_t *h = &hs[c->ncohorts];
    memset(h, 0, sizeof *h);
    char id[48];
    snprintf(id, sizeof id, "coh_%s_%zu", strlen(c->id) > 4 ? c->id + 4 : c->id, c->ncohorts + 1);
    if (!store_set_str(&h->cohort_id, id) || !store_set_str(&h->name, "contacts")) {
        free(h->cohort_id);
        free(h->name);
        return false;
    }
    h->created_at = now;
    h->total = h->valid = (long)c->ncontacts - covered;
    c->ncohorts++;
    return true;
}

/* POST .../campaigns/{id}/webhooks/retry {"attempt_ids": [...]} -> 202 {}.
 * Unknown ids are passed over silently, as the reference promises
 * nothing about them; duplicates count once. */
void sarvam_handle_webhook_retry(sim_ctx_t *ctx, const store_campaign_t *c)
{
    ctx->route = "sarvam.webhooks_retry";
    cJSON *body = reply_body_object(ctx);
    if (!body)
        return;
    const cJSON *ids = cJSON_GetObjectItemCaseSensitive(body, "attempt_ids"), *v;
    int n = cJSON_GetArraySize(ids);
    bool ok = cJSON_IsArray(ids) && n >= 1 && n <= RETRY_MAX_IDS;
    if (ok)
        cJSON_ArrayForEach(v, ids)
            ok = ok && cJSON_IsString(v);
    if (!ok) {
        reply_field(ctx, "body", "attempt_ids", "must be a list of 1 to %d attempt id strings",
                    RETRY_MAX_IDS);
        cJSON_Delete(body);
        return;
    }
    const char *list[RETRY_MAX_IDS];
    size_t m = 0;
    cJSON_ArrayForEach(v, ids)
    {
        bool dup = false;
        for (size_t i = 0; i < m && !dup; i++)
            dup = strcmp(list[i], v->valuestring) == 0;
        if (!dup)
            list[m++] = v->valuestring;
    }
    if (ctx->sim->hooks)
        webhooks_retry(ctx->sim->hooks, c->id, list, m);
    cJSON_Delete(body);
    reply_json(ctx, 202, cJSON_CreateObject());
}
