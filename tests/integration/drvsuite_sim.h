/* Plumbing for the driver integration suite (drvsuite.h): starting
 * dialtop-sim on port 0, its control endpoints (POST /_sim/campaigns makes
 * a campaign in a given state, POST /_sim/faults switches faults, GET
 * /_sim/stats counts state-changing requests), and blocking wrappers over
 * the asynchronous client. SUITE_PROVIDER must be defined first. The
 * dialer is frozen (--speed 0) so states change only by the actions
 * under test. */
#ifndef DIALTOP_DRVSUITE_SIM_H
#define DIALTOP_DRVSUITE_SIM_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "client.h"
#include "simproc.h"

#define SUITE_KEY "drv-suite-key-7Q2X"
#define SUITE_KEY_ENV "DIALTOP_SUITE_KEY"

static simproc_t *suite_sim;
static client_t *suite_client;
static config_profile_t suite_profile;

/* --- the sim's control endpoints (plain blocking curl: test plumbing) ---- */

static size_t suite_collect(char *data, size_t size, size_t n, void *ud)
{
    size_t len = size * n;
    char **buf = ud;
    size_t old = *buf ? strlen(*buf) : 0;
    char *grown = realloc(*buf, old + len + 1);
    if (!grown)
        return 0;
    memcpy(grown + old, data, len);
    grown[old + len] = '\0';
    *buf = grown;
    return len;
}

/* POST/GET a control path; returns the parsed JSON reply (caller deletes). */
static cJSON *suite_control(const char *path, const char *body)
{
    CURL *e = curl_easy_init();
    assert_non_null(e);
    char url[256];
    snprintf(url, sizeof url, "%s%s", simproc_url(suite_sim), path);
    struct curl_slist *h = curl_slist_append(NULL, "X-Sim-Key: " SUITE_KEY);
    h = curl_slist_append(h, "Content-Type: application/json");
    char *sink = NULL;
    curl_easy_setopt(e, CURLOPT_URL, url);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, suite_collect);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(e, CURLOPT_TIMEOUT, 10L);
    if (body)
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, body);
    CURLcode rc = curl_easy_perform(e);
    long status = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(h);
    curl_easy_cleanup(e);
    if (rc != CURLE_OK || status >= 300)
        fail_msg("control %s failed: curl %d, HTTP %ld, %s", path, rc, status,
                 sink ? sink : "");
    cJSON *j = cJSON_Parse(sink ? sink : "");
    free(sink);
    assert_non_null(j);
    return j;
}

static void suite_faults(const char *json)
{
    cJSON_Delete(suite_control("/_sim/faults", json));
}

static void suite_faults_off(void)
{
    suite_faults("{\"latency_ms\":0,\"fail_rate\":0,\"rate_limit_burst\":0,\"drop_rate\":0,"
                 "\"malformed_rate\":0,\"fail_actions\":false}");
}

static long suite_actions_total(void)
{
    cJSON *j = suite_control("/_sim/stats", NULL);
    long n = (long)cJSON_GetObjectItem(j, "actions_total")->valuedouble;
    cJSON_Delete(j);
    return n;
}

/* Makes a campaign in `state` with `contacts` generated contacts; returns its id. */
static char *suite_make_campaign(const char *name, const char *state, int contacts)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"provider\":\"%s\",\"name\":\"%s\",\"status\":\"%s\",\"contacts\":%d}",
             model_provider_name(SUITE_PROVIDER), name, state, contacts);
    cJSON *j = suite_control("/_sim/campaigns", body);
    char *id = strdup(cJSON_GetObjectItem(j, "id")->valuestring);
    cJSON_Delete(j);
    return id;
}

/* --- blocking wrappers over the asynchronous client ---------------------- */

typedef struct {
    bool done;
    api_error_t err;
    bool failed;
    api_campaign_page_t *cpage;
    model_campaign_t *camp;
    api_contact_page_t *kpage;
    api_action_result_t action;
    api_created_t created;
    bool has_created;
} suite_result_t;

static void suite_note(suite_result_t *r, const api_error_t *err)
{
    r->done = true;
    if (err) {
        r->failed = true;
        r->err = *err;
    }
}

static void on_cpage(api_campaign_page_t *p, const api_error_t *err, void *ud)
{
    ((suite_result_t *)ud)->cpage = p;
    suite_note(ud, err);
}

static void on_camp(model_campaign_t *c, const api_error_t *err, void *ud)
{
    ((suite_result_t *)ud)->camp = c;
    suite_note(ud, err);
}

static void on_kpage(api_contact_page_t *p, const api_error_t *err, void *ud)
{
    ((suite_result_t *)ud)->kpage = p;
    suite_note(ud, err);
}

static void on_action(const api_action_result_t *res, const api_error_t *err, void *ud)
{
    suite_result_t *r = ud;
    if (res)
        r->action = *res;
    suite_note(r, err);
}

static void on_created(const api_created_t *c, const api_error_t *err, void *ud)
{
    suite_result_t *r = ud;
    if (c) {
        r->created = *c;
        r->has_created = true;
    }
    suite_note(r, err);
}

static void suite_wait(unsigned long op, suite_result_t *r)
{
    assert_true(op > 0);
    assert_true(client_wait(suite_client, op, 30000));
    assert_true(r->done);
}

static model_campaign_t *suite_get(const char *id, suite_result_t *r)
{
    memset(r, 0, sizeof *r);
    suite_wait(client_get_campaign(suite_client, id, on_camp, r), r);
    return r->camp;
}

static void suite_free_camp(model_campaign_t *c)
{
    if (c) {
        model_campaign_free(c);
        free(c);
    }
}

static campaign_state_t suite_state_of(const char *id)
{
    suite_result_t r;
    model_campaign_t *c = suite_get(id, &r);
    if (r.failed)
        fail_msg("get %s failed: %s", id, r.err.message);
    campaign_state_t s = c->state;
    suite_free_camp(c);
    return s;
}

static void suite_act(const char *id, campaign_state_t seen, action_t a,
                      const api_reschedule_t *rs, suite_result_t *r)
{
    memset(r, 0, sizeof *r);
    suite_wait(client_action(suite_client, id, seen, a, rs, on_action, r), r);
}

/* --- setup ----------------------------------------------------------------- */

static client_t *suite_new_client(const char *key)
{
    setenv(SUITE_KEY_ENV, key, 1);
    http_options_t o;
    http_options_default(&o);
    o.backoff_base_ms = 20;
    o.backoff_max_ms = 80;
    o.total_timeout_ms = 10000;
    char err[256];
    client_t *c = client_new(&suite_profile, &o, err, sizeof err);
    if (!c)
        fail_msg("client_new: %s", err);
    return c;
}

static int suite_setup(void **state)
{
    (void)state;
    const char *args[] = {"--demo", "--speed", "0", "--seed", "7", NULL};
    suite_sim = simproc_start(SUITE_KEY, args);
    if (!suite_sim)
        return -1;
    memset(&suite_profile, 0, sizeof suite_profile);
    suite_profile.name = "suite";
    suite_profile.provider = SUITE_PROVIDER;
    suite_profile.base_url = (char *)simproc_url(suite_sim);
    suite_profile.api_key_env = SUITE_KEY_ENV;
    suite_profile.org_id = "org_suite";
    suite_profile.workspace_id = "ws_suite";
    suite_profile.poll_interval_s = 2;
    suite_client = suite_new_client(SUITE_KEY);
    return 0;
}

static int suite_teardown(void **state)
{
    (void)state;
    client_free(suite_client);
    int rc = simproc_stop(suite_sim);
    return rc == 0 ? 0 : -1;
}

static int suite_reset(void **state)
{
    (void)state;
    suite_faults_off();
    return 0;
}

#endif
