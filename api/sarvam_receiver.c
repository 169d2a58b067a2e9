/* Sarvam reads from the webhook receiver and the cohorts; see sarvam_receiver.h. */
#include "sarvam_receiver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drvrecord.h"
#include "drvutil.h"
#include "jsonget.h"

#define P PROVIDER_SARVAM
#define HOOKS_AUTH "Authorization: Bearer %s"
#define PAGE_DEFAULT 50
#define PAGE_MAX 100
#define COHORT_PAGE 100

static bool need_hooks(const driver_ctx_t *ctx, api_error_t *err)
{
    if (ctx->hooks_url && ctx->hooks_url[0])
        return true;
    return api_error_set(err, API_ERR_UNSUPPORTED, 0, "%s", SARVAM_RECEIVER_NEEDED);
}

/* {hooks_url}/sarvam/campaigns/{id}/{what} */
static bool hooks_url(dynbuf_t *b, const driver_ctx_t *ctx, const char *campaign_id,
                      const char *what, api_error_t *err)
{
    if (!drv_need_id(campaign_id, "campaign", err) || !need_hooks(ctx, err))
        return false;
    dynbuf_add(b, ctx->hooks_url);
    dynbuf_add(b, "/sarvam/campaigns/");
    drv_add_escaped(b, campaign_id);
    dynbuf_add(b, "/");
    dynbuf_add(b, what);
    return true;
}

/* The receiver answers in Sarvam's own error shape, but its 401 means its
 * token, not Sarvam's key: say which secret is wrong. */
static void name_the_receiver(api_error_t *err)
{
    char msg[API_ERROR_MSG_MAX + 96];
    snprintf(msg, sizeof msg, "hooks receiver: %s%s", err->message,
             err->kind == API_ERR_AUTH ? " (check hooks_token_env / hooks_token_file)" : "");
    memcpy(err->message, msg, sizeof err->message - 1);
    err->message[sizeof err->message - 1] = '\0';
}

/* --- contacts: one row per number, its latest attempt --------------------- */

/* A row's state and Sarvam's own words for it; also the cohort user's
 * app_variables when a row carries them (dialtop-sim's own rows do), beside
 * the agent's final_agent_variables that the webhook payload carries. */
static void row_state(const cJSON *rec, model_contact_t *c)
{
    (void)drv_add_vars(c, jget_object(rec, "app_variables"), NULL); /* OOM: fewer vars */
    char st[40] = "";
    jget_str_buf(rec, "state", st, sizeof st);
    c->state = model_contact_state_from_raw(P, st);
    char comp[40] = "", conn[40] = "", next[40] = "";
    jget_str_buf(rec, "completion_status", comp, sizeof comp);
    jget_str_buf(rec, "connectivity_status", conn, sizeof conn);
    jget_str_buf(rec, "next_action_status", next, sizeof next);
    if (c->state == CONTACT_UNKNOWN && (comp[0] || conn[0] || next[0]))
        c->state = model_sarvam_attempt_state(comp, conn, next);
    /* Sarvam's own words, as sent, for the detail view */
    char raw[140];
    snprintf(raw, sizeof raw, "%s/%s%s%s", comp[0] ? comp : "-", conn[0] ? conn : "-",
             next[0] ? "/" : "", next);
    c->raw_state = strdup(raw);
}

static const drv_contact_fields_t row_fields = {
    .noun = "contact",
    .nouns = "contacts",
    .id = "user_identifier",
    .phone = "user_phone_number",
    .attempts = "attempts",
    .last_attempt = "last_attempt_at",
    .duration = "duration",
    .failure = "failure_reason",
    .vars_object = "final_agent_variables",
    .read_state = row_state,
};

bool sarvam_receiver_build_contacts(const driver_ctx_t *ctx, const char *campaign_id,
                                 const api_page_t *page, const char *state_filter,
                                 api_request_t *out, api_error_t *err)
{
    dynbuf_t b = {0};
    if (!hooks_url(&b, ctx, campaign_id, "attempts", err)) {
        dynbuf_free(&b);
        return false;
    }
    drv_add_query_long(&b, "offset", drv_page_offset(page));
    drv_add_query_long(&b, "limit", drv_page_limit(page, PAGE_DEFAULT, PAGE_MAX));
    drv_add_query_opt(&b, "state", state_filter);
    return drv_request(out, HTTP_GET, dynbuf_take(&b), HOOKS_AUTH,
                       ctx->hooks_token ? ctx->hooks_token : "", NULL, err);
}

bool sarvam_receiver_parse_contacts(const api_response_t *resp, const api_page_t *page,
                                 api_contact_page_t *out, api_error_t *err)
{
    memset(out, 0, sizeof *out);
    cJSON *root;
    const cJSON *items = drv_accept_list(P, resp, "items", "contact list", &root, err);
    if (!items) {
        name_the_receiver(err);
        return false;
    }
    if (!drv_parse_contact_list(P, &row_fields, items, out, err)) {
        cJSON_Delete(root);
        name_the_receiver(err);
        return false;
    }
    const cJSON *uri = jget(root, "next_page_uri");
    int more = !uri ? -1 : cJSON_IsString(uri) && uri->valuestring[0];
    out->total = jget_long(root, "total", -1);
    drv_next_offset(page, drv_page_limit(page, PAGE_DEFAULT, PAGE_MAX), out->n, out->total,
                    more, &out->next);
    cJSON_Delete(root);
    return true;
}

/* --- figures: total from the cohorts, counts from the receiver ------------- */

size_t sarvam_receiver_figure_parts(const driver_ctx_t *ctx)
{
    return ctx->hooks_url && ctx->hooks_url[0] ? 2 : 1;
}

bool sarvam_receiver_build_figures(const driver_ctx_t *ctx, const char *campaign_id, size_t part,
                                   long offset, api_request_t *out, api_error_t *err)
{
    dynbuf_t b = {0};
    if (part == 0) {
        if (!drv_need_id(campaign_id, "campaign", err))
            return false;
        const char *missing = !ctx->org_id || !ctx->org_id[0]               ? "org_id"
                              : !ctx->workspace_id || !ctx->workspace_id[0] ? "workspace_id"
                                                                            : NULL;
        if (missing)
            return api_error_set(err, API_ERR_VALIDATION, 0,
                                 "the Sarvam profile needs %s in its config", missing);
        drv_url(&b, ctx, "/api/scheduling/v1/orgs/");
        drv_add_escaped(&b, ctx->org_id);
        dynbuf_add(&b, "/workspaces/");
        drv_add_escaped(&b, ctx->workspace_id);
        dynbuf_add(&b, "/campaigns/");
        drv_add_escaped(&b, campaign_id);
        dynbuf_add(&b, "/cohorts");
        /* oldest first, so a cohort added while we page lands after us */
        drv_add_query_long(&b, "offset", offset > 0 ? offset : 0);
        drv_add_query_long(&b, "limit", COHORT_PAGE);
        drv_add_query(&b, "sort_order", "asc");
        return drv_request(out, HTTP_GET, dynbuf_take(&b), "X-API-Key: %s", ctx->api_key, NULL,
                           err);
    }
    if (part != 1 || !hooks_url(&b, ctx, campaign_id, "summary", err)) {
        dynbuf_free(&b);
        if (part != 1)
            return api_error_set(err, API_ERR_VALIDATION, 0, "no figures part %zu", part);
        return false;
    }
    return drv_request(out, HTTP_GET, dynbuf_take(&b), HOOKS_AUTH,
                       ctx->hooks_token ? ctx->hooks_token : "", NULL, err);
}

/* The campaign's contacts: valid records over its cohorts (rejected rows
 * are never called), summed over every page of the list. No cohort at all,
 * or one still processing, leaves the total unknown. */
static bool parse_cohorts(const api_response_t *resp, long offset, model_campaign_t *c,
                          long *next_offset, api_error_t *err)
{
    *next_offset = 0;
    cJSON *root = drv_accept(P, resp, err);
    if (!root)
        return false;
    const cJSON *items = cJSON_IsArray(root) ? root : jget_array(root, "items");
    if (!items) {
        cJSON_Delete(root);
        return drv_shape_error(P, err, "the cohort list has no items");
    }
    long sum = 0, n = 0;
    bool unknown = false;
    const cJSON *h;
    cJSON_ArrayForEach(h, items)
    {
        const cJSON *result = jget_object(h, "result");
        long valid = jget_long(result, "valid_records", -1);
        if (valid < 0)
            valid = jget_long(result, "total_records", -1);
        if (valid < 0) /* a cohort still processing: the total is not known yet */
            unknown = true;
        sum += valid > 0 ? valid : 0;
        n++;
    }
    long listed = jget_long(root, "total", -1);
    const cJSON *uri = jget(root, "next_page_uri");
    bool more = uri ? cJSON_IsString(uri) && uri->valuestring[0]
                    : listed >= 0 && offset + n < listed;
    cJSON_Delete(root);
    /* a page after an unknown one keeps the total unknown */
    long before = offset > 0 ? c->total_contacts : 0;
    if (unknown || before < 0 || (offset == 0 && n == 0)) {
        c->total_contacts = -1;
        return true;
    }
    c->total_contacts = before + sum;
    if (more && n > 0)
        *next_offset = offset + n;
    return true;
}

static const contact_state_t finished[] = {CONTACT_COMPLETED, CONTACT_NO_ANSWER, CONTACT_BUSY,
                                           CONTACT_VOICEMAIL, CONTACT_FAILED};

/* What a contact no attempt was heard of is: still pending while the
 * campaign can dial, dropped once it was cancelled, never called once it
 * ended any other way. */
static contact_state_t unheard_state(const model_campaign_t *c)
{
    if (c->state == CAMPAIGN_CANCELLED)
        return CONTACT_CANCELLED;
    return model_campaign_state_is_terminal(c->state) ? CONTACT_SKIPPED : CONTACT_PENDING;
}

/* One summary object into `c`; false when it is not one. */
static bool merge_summary(const cJSON *sum, model_campaign_t *c)
{
    const cJSON *by = jget_object(sum, "by_state");
    long contacts = jget_long(sum, "contacts", -1);
    if (!by || contacts < 0)
        return false;
    long heard = 0;
    for (int s = CONTACT_UNKNOWN; s < CONTACT_STATE_COUNT; s++) {
        c->counts[s] = jget_long(by, model_contact_state_name((contact_state_t)s), 0);
        heard += c->counts[s];
    }
    long done = 0;
    for (size_t i = 0; i < sizeof finished / sizeof finished[0]; i++)
        done += c->counts[finished[i]];
    c->completed_contacts = done;
    /* Numbers no attempt was heard of yet are pending; only the cohorts'
     * total knows how many there are, so without it the counts stay partial. */
    if (c->total_contacts >= 0) {
        c->counts[unheard_state(c)] = c->total_contacts > heard ? c->total_contacts - heard : 0;
        c->counts_known = true;
    } else {
        c->counts_known = false;
    }
    return true;
}

static bool parse_summary(const api_response_t *resp, model_campaign_t *c, api_error_t *err)
{
    cJSON *root = drv_accept(P, resp, err);
    if (!root) {
        name_the_receiver(err);
        return false;
    }
    bool ok = merge_summary(root, c);
    cJSON_Delete(root);
    if (!ok) {
        drv_shape_error(P, err, "the receiver's summary has no contacts or by_state");
        name_the_receiver(err);
    }
    return ok;
}

bool sarvam_receiver_build_list_figures(const driver_ctx_t *ctx, api_request_t *out,
                                        api_error_t *err)
{
    if (!need_hooks(ctx, err))
        return false;
    dynbuf_t b = {0};
    dynbuf_add(&b, ctx->hooks_url);
    dynbuf_add(&b, "/sarvam/summaries");
    return drv_request(out, HTTP_GET, dynbuf_take(&b), HOOKS_AUTH,
                       ctx->hooks_token ? ctx->hooks_token : "", NULL, err);
}

typedef struct {
    const char *id;
    const cJSON *obj;
} summary_ref_t;

static int cmp_ref(const void *a, const void *b)
{
    return strcmp(((const summary_ref_t *)a)->id, ((const summary_ref_t *)b)->id);
}

bool sarvam_receiver_parse_list_figures(const api_response_t *resp, model_campaign_t *rows,
                                        size_t n, api_error_t *err)
{
    cJSON *root;
    const cJSON *items = drv_accept_list(P, resp, "items", "summary list", &root, err);
    if (!items) {
        name_the_receiver(err);
        return false;
    }
    /* Summaries sorted by campaign id, so each row finds its own by
     * binary search: a list of thousands of campaigns stays linear-ish. */
    size_t m = (size_t)cJSON_GetArraySize(items), k = 0;
    summary_ref_t *refs = m ? calloc(m, sizeof *refs) : NULL;
    if (m && !refs) {
        cJSON_Delete(root);
        return api_error_set(err, API_ERR_PARSE, 0, "out of memory");
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, items)
    {
        const cJSON *id = jget(it, "campaign_id");
        if (cJSON_IsString(id) && k < m)
            refs[k++] = (summary_ref_t){id->valuestring, it};
    }
    if (k)
        qsort(refs, k, sizeof *refs, cmp_ref);
    /* A campaign the receiver never heard of has had no attempt: all
     * pending when its total is known, else its counts stay unknown. */
    for (size_t i = 0; i < n; i++) {
        model_campaign_t *c = &rows[i];
        summary_ref_t key = {c->id ? c->id : "", NULL};
        const summary_ref_t *hit = k ? bsearch(&key, refs, k, sizeof *refs, cmp_ref) : NULL;
        if (hit) {
            merge_summary(hit->obj, c);
        } else if (c->total_contacts >= 0) {
            memset(c->counts, 0, sizeof c->counts);
            c->counts[unheard_state(c)] = c->total_contacts;
            c->completed_contacts = 0;
            c->counts_known = true;
        }
    }
    free(refs);
    cJSON_Delete(root);
    return true;
}

bool sarvam_receiver_parse_figures(const api_response_t *resp, size_t part, long offset,
                                   model_campaign_t *c, long *next_offset, api_error_t *err)
{
    *next_offset = 0;
    if (part == 0)
        return parse_cohorts(resp, offset, c, next_offset, err);
    return parse_summary(resp, c, err);
}

void sarvam_receiver_hide_webhook_token(cJSON *rec)
{
    cJSON *hook = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(rec, "app_config"), "webhook_config");
    cJSON *url = cJSON_GetObjectItemCaseSensitive(hook, "url");
    if (!cJSON_IsString(url) || !url->valuestring[0])
        return;
    const char *u = url->valuestring;
    const char *keep_to = strstr(u, "/sarvam/");
    size_t keep;
    const char *tail;
    if (keep_to) {
        keep = (size_t)(keep_to - u) + 8;
        tail = "(token hidden)";
    } else {
        const char *host = strstr(u, "://");
        host = host ? host + 3 : u;
        keep = (size_t)(host - u) + strcspn(host, "/?#");
        tail = "/(hidden)";
    }
    char *hidden = malloc(keep + strlen(tail) + 1);
    if (!hidden) {
        cJSON_SetValuestring(url, "(hidden)");
        return;
    }
    memcpy(hidden, u, keep);
    strcpy(hidden + keep, tail);
    cJSON_ReplaceItemInObjectCaseSensitive(hook, "url", cJSON_CreateString(hidden));
    free(hidden);
}
