/* Fixture for the action integration tests; see actfix.h. */
#include "actfix.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIX_KEY "actfix-key-0123456789"

typedef struct {
    char *data;
    size_t len;
} buf_t;

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    buf_t *b = ud;
    char *grown = realloc(b->data, b->len + size * n + 1);
    if (!grown)
        return 0;
    memcpy(grown + b->len, p, size * n);
    b->len += size * n;
    grown[b->len] = '\0';
    b->data = grown;
    return size * n;
}

/* One control request; the body text (caller frees) or NULL. */
static char *control_text(actfix_t *f, const char *method, const char *path, const char *body)
{
    CURL *h = curl_easy_init();
    if (!h)
        return NULL;
    char url[256];
    snprintf(url, sizeof url, "%s%s", simproc_url(f->sim), path);
    struct curl_slist *hdrs = curl_slist_append(NULL, "X-Sim-Key: " FIX_KEY);
    hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
    buf_t b = {NULL, 0};
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
    if (body)
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
    long status = 0;
    CURLcode rc = curl_easy_perform(h);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(h);
    if (rc == CURLE_OK && status / 100 == 2 && b.data)
        return b.data;
    fprintf(stderr, "actfix: %s %s: curl %d, HTTP %ld: %s\n", method, path, (int)rc, status,
            b.data ? b.data : "");
    free(b.data);
    return NULL;
}

/* One control request; returns the parsed reply or NULL. */
static cJSON *control(actfix_t *f, const char *method, const char *path, const char *body)
{
    char *text = control_text(f, method, path, body);
    cJSON *o = text ? cJSON_Parse(text) : NULL;
    free(text);
    return o;
}

actfix_t *actfix_start(void)
{
    actfix_t *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    const char *args[] = {"--speed", "0", NULL};
    f->sim = simproc_start(FIX_KEY, args);
    if (!f->sim) {
        free(f);
        return NULL;
    }
    setenv("ACTFIX_API_KEY", FIX_KEY, 1);
    const char *tmp = getenv("DIALTOP_TEST_TMP");
    snprintf(f->audit, sizeof f->audit, "%s/actfix-%ld-%d/audit.log", tmp ? tmp : "/tmp",
             (long)getpid(), simproc_port(f->sim));
    static const char *names[ACTFIX_SIM_PROVIDERS] = {"it-omnidim", "it-truedy", "it-sarvam"};
    for (int p = 0; p < ACTFIX_SIM_PROVIDERS; p++) {
        config_profile_t *pr = &f->profile[p];
        pr->name = (char *)names[p];
        pr->provider = (provider_t)p;
        pr->base_url = (char *)simproc_url(f->sim);
        pr->api_key_env = "ACTFIX_API_KEY";
        pr->org_id = "org1";
        pr->workspace_id = "ws1";
        pr->poll_interval_s = 2;
        char err[256];
        f->client[p] = client_new(pr, NULL, err, sizeof err);
        f->ctx[p] = f->client[p] ? action_ctx_new(f->client[p], false, f->audit) : NULL;
        if (!f->ctx[p]) {
            fprintf(stderr, "actfix: client for %s: %s\n", names[p], err);
            actfix_stop(f);
            return NULL;
        }
    }
    return f;
}

void actfix_stop(actfix_t *f)
{
    if (!f)
        return;
    for (int p = 0; p < ACTFIX_SIM_PROVIDERS; p++) {
        action_ctx_free(f->ctx[p]);
        client_free(f->client[p]);
    }
    simproc_stop(f->sim);
    free(f);
}

bool actfix_create(actfix_t *f, provider_t p, const char *name, const char *status, char *id,
                   size_t id_len)
{
    cJSON *body = cJSON_CreateObject();
    cJSON_AddStringToObject(body, "provider", model_provider_name(p));
    cJSON_AddStringToObject(body, "name", name);
    cJSON_AddStringToObject(body, "status", status);
    cJSON_AddNumberToObject(body, "contacts", 12);
    cJSON_AddStringToObject(body, "timezone", "America/New_York");
    char *text = cJSON_PrintUnformatted(body);
    cJSON_Delete(body);
    cJSON *o = control(f, "POST", "/_sim/campaigns", text);
    cJSON_free(text);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "id");
    bool ok = cJSON_IsString(v);
    if (ok)
        snprintf(id, id_len, "%s", v->valuestring);
    cJSON_Delete(o);
    return ok;
}

typedef struct {
    model_campaign_t *camp;
    bool done;
} got_t;

static void on_get(model_campaign_t *camp, const api_error_t *err, void *ud)
{
    got_t *g = ud;
    g->camp = camp;
    g->done = true;
    if (err)
        fprintf(stderr, "actfix: get: %s\n", err->message);
}

model_campaign_t *actfix_get(actfix_t *f, provider_t p, const char *id)
{
    got_t g = {NULL, false};
    unsigned long op = client_get_campaign(f->client[p], id, on_get, &g);
    if (!op || !client_wait(f->client[p], op, 10000))
        return NULL;
    return g.camp;
}

long actfix_stat(actfix_t *f, const char *field)
{
    cJSON *o = control(f, "GET", "/_sim/stats", NULL);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, field);
    long n = cJSON_IsNumber(v) ? (long)v->valuedouble : -1;
    cJSON_Delete(o);
    return n;
}

bool actfix_counts(actfix_t *f, long *requests, long *actions)
{
    cJSON *o = control(f, "GET", "/_sim/stats", NULL);
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(o, "requests_total");
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "actions_total");
    bool ok = cJSON_IsNumber(r) && cJSON_IsNumber(a);
    *requests = ok ? (long)r->valuedouble : -1;
    *actions = ok ? (long)a->valuedouble : -1;
    cJSON_Delete(o);
    return ok;
}

bool actfix_faults(actfix_t *f, const char *json)
{
    cJSON *o = control(f, "POST", "/_sim/faults", json);
    cJSON_Delete(o);
    return o != NULL;
}

int actfix_audit_lines(const actfix_t *f, cJSON **last)
{
    if (last)
        *last = NULL;
    FILE *fp = fopen(f->audit, "r");
    if (!fp)
        return 0;
    char line[8192], keep[8192] = "";
    int n = 0;
    while (fgets(line, sizeof line, fp)) {
        memcpy(keep, line, sizeof keep);
        n++;
    }
    fclose(fp);
    if (last && n)
        *last = cJSON_Parse(keep);
    return n;
}

bool actfix_contacts(actfix_t *f, provider_t p, const char *id, model_contact_t **out,
                     size_t *n, api_error_t *err)
{
    if (p != PROVIDER_SARVAM)
        return client_fetch_all_contacts(f->client[p], id, NULL, out, n, err);
    *out = NULL;
    *n = 0;
    api_page_t page;
    api_page_first(&page, 100);
    for (;;) {
        char path[256];
        snprintf(path, sizeof path, "/_sim/sarvam/campaigns/%s/attempts?offset=%ld&limit=100", id,
                 page.offset);
        char *text = control_text(f, "GET", path, NULL);
        if (!text)
            return api_error_set(err, API_ERR_NETWORK, 0, "GET %s failed", path);
        api_response_t resp = {.status = 200, .body = text, .body_len = strlen(text),
                               .retry_after_s = -1};
        api_contact_page_t kp;
        bool ok = driver_sarvam.parse_list_contacts(&resp, &page, &kp, err);
        free(text);
        if (!ok)
            return false;
        model_contact_t *grown = realloc(*out, (*n + kp.n + 1) * sizeof *grown);
        if (!grown) {
            api_contact_page_free(&kp);
            return api_error_set(err, API_ERR_PARSE, 0, "out of memory");
        }
        *out = grown;
        if (kp.n) /* an empty page has no items array (memcpy from NULL is undefined) */
            memcpy(*out + *n, kp.items, kp.n * sizeof *kp.items);
        *n += kp.n;
        free(kp.items); /* the contacts moved to *out */
        kp.items = NULL;
        kp.n = 0;
        if (kp.next.end)
            return true;
        page = kp.next;
    }
}
