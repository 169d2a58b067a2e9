/* The driver integration suite, shared by test_drivers_<provider>.c: each
 * includes this after defining SUITE_PROVIDER, and runs the driver through
 * the client layer and the real transport against a dialtop-sim it starts
 * on port 0. Campaigns in a given state are made with the sim's control
 * endpoint (POST /_sim/campaigns); faults are switched on with POST
 * /_sim/faults and off again after each test. The dialer is frozen
 * (--speed 0) so states change only by the actions under test. */
#ifndef DIALTOP_DRVSUITE_H
#define DIALTOP_DRVSUITE_H

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

/* --- the tests -------------------------------------------------------------- */

/* Every page in order until the driver says "end": nothing twice, nothing
 * missed, and the count matches the provider's total. */
static void test_list_paginates_to_end(void **state)
{
    (void)state;
    api_page_t page;
    api_page_first(&page, 3);
    size_t seen = 0;
    long total = -1;
    char **ids = NULL;
    for (int pages = 0; pages < 200; pages++) {
        suite_result_t r = {0};
        suite_wait(client_list_campaigns(suite_client, &page, NULL, on_cpage, &r), &r);
        if (r.failed)
            fail_msg("page %d: %s", pages, r.err.message);
        assert_true(r.cpage->n <= 3);
        if (r.cpage->total >= 0)
            total = r.cpage->total;
        ids = realloc(ids, (seen + r.cpage->n) * sizeof *ids + 1);
        for (size_t i = 0; i < r.cpage->n; i++) {
            for (size_t k = 0; k < seen; k++)
                if (strcmp(ids[k], r.cpage->items[i].id) == 0)
                    fail_msg("campaign %s listed twice", ids[k]);
            ids[seen++] = strdup(r.cpage->items[i].id);
            assert_int_equal(r.cpage->items[i].provider, SUITE_PROVIDER);
            assert_non_null(r.cpage->items[i].raw_json);
        }
        api_page_t next = r.cpage->next;
        api_campaign_page_free(r.cpage);
        free(r.cpage);
        if (next.end)
            break;
        page = next;
    }
    assert_true(seen > 3); /* more than one page was needed */
    assert_int_equal((long)seen, total);

    model_campaign_t *all;
    size_t n;
    api_error_t err;
    assert_true(client_fetch_all_campaigns(suite_client, NULL, &all, &n, &err));
    assert_int_equal(n, seen);
    for (size_t i = 0; i < n; i++)
        model_campaign_free(&all[i]);
    free(all);
    for (size_t i = 0; i < seen; i++)
        free(ids[i]);
    free(ids);
}

/* Into one campaign: its counts, then every contact page to the end. */
static void test_drill_into_contacts(void **state)
{
    (void)state;
    char *id = suite_make_campaign("Drill", "paused", 75);
    suite_result_t r;
    model_campaign_t *c = suite_get(id, &r);
    if (r.failed)
        fail_msg("get: %s", r.err.message);
    assert_string_equal(c->id, id);
    assert_int_equal(c->state, CAMPAIGN_PAUSED);
    if (c->counts_known) {
        long sum = 0;
        for (int s = 0; s < CONTACT_STATE_COUNT; s++)
            sum += c->counts[s];
        assert_int_equal(sum, 75);
    }
    suite_free_camp(c);

    api_page_t page;
    api_page_first(&page, 30);
    size_t seen = 0;
    int pages = 0;
    for (; pages < 20; pages++) {
        memset(&r, 0, sizeof r);
        suite_wait(client_list_contacts(suite_client, id, &page, NULL, on_kpage, &r), &r);
        if (r.failed)
            fail_msg("contacts page %d: %s", pages, r.err.message);
        for (size_t i = 0; i < r.kpage->n; i++) {
            assert_non_null(r.kpage->items[i].phone);
            assert_true(r.kpage->items[i].phone[0] == '+');
            assert_true(r.kpage->items[i].state != CONTACT_UNKNOWN);
        }
        seen += r.kpage->n;
        api_page_t next = r.kpage->next;
        api_contact_page_free(r.kpage);
        free(r.kpage);
        if (next.end)
            break;
        page = next;
    }
    assert_int_equal(seen, 75);
    assert_int_equal(pages, 2); /* 30 + 30 + 15 */

    memset(&r, 0, sizeof r);
    suite_get("no_such_campaign_404", &r);
    assert_true(r.failed);
    assert_int_equal(r.err.kind, API_ERR_NOT_FOUND);
    free(id);
}

/* Pause, resume, reschedule (and cancel where offered), each confirmed by
 * the reply and by fetching the campaign again. */
static void test_every_action(void **state)
{
    (void)state;
    char *id = suite_make_campaign("Actions", "active", 5);
    suite_result_t r;
    suite_act(id, CAMPAIGN_ACTIVE, ACTION_PAUSE, NULL, &r);
    if (r.failed)
        fail_msg("pause: %s", r.err.message);
    assert_int_equal(suite_state_of(id), CAMPAIGN_PAUSED);

    api_reschedule_t rs = {.when = "2030-06-01 09:00:00", .timezone = "UTC"};
    suite_act(id, CAMPAIGN_PAUSED, ACTION_RESCHEDULE, &rs, &r);
    if (r.failed)
        fail_msg("reschedule: %s", r.err.message);
    suite_result_t g;
    model_campaign_t *c = suite_get(id, &g);
    assert_non_null(c);
    assert_int_equal(c->scheduled_epoch, 1906534800); /* 2030-06-01 09:00:00 UTC */
    campaign_state_t after = c->state;
    suite_free_camp(c);

    if (after == CAMPAIGN_PAUSED) {
        suite_act(id, CAMPAIGN_PAUSED, ACTION_RESUME, NULL, &r);
        if (r.failed)
            fail_msg("resume: %s", r.err.message);
        after = suite_state_of(id);
        /* The start is in 2030: back to scheduled. */
        assert_int_equal(after, CAMPAIGN_SCHEDULED);
    }
    if (model_action_supported(SUITE_PROVIDER, ACTION_CANCEL)) {
        suite_act(id, after, ACTION_CANCEL, NULL, &r);
        if (r.failed)
            fail_msg("cancel: %s", r.err.message);
        assert_int_equal(suite_state_of(id), CAMPAIGN_CANCELLED);
    }
    free(id);
}

/* The model refuses before anything is sent: the sim counts no action. */
static void test_refused_actions_send_nothing(void **state)
{
    (void)state;
    char *id = suite_make_campaign("Done", "completed", 3);
    long before = suite_actions_total();
    suite_result_t r;
    suite_act(id, CAMPAIGN_COMPLETED, ACTION_PAUSE, NULL, &r);
    assert_true(r.failed);
    assert_int_equal(r.err.kind, API_ERR_UNSUPPORTED);
    suite_act(id, CAMPAIGN_COMPLETED, ACTION_CANCEL, NULL, &r);
    assert_true(r.failed);
    assert_int_equal(r.err.kind, API_ERR_UNSUPPORTED);
    assert_int_equal(suite_actions_total(), before);

    /* A stale view (we think it is active) reaches the provider, which
     * refuses naming the real state. */
    suite_act(id, CAMPAIGN_ACTIVE, ACTION_PAUSE, NULL, &r);
    assert_true(r.failed);
    assert_int_equal(r.err.kind, API_ERR_REFUSED);
    assert_true(r.err.http_status == 409 || r.err.http_status == 400);
    /* Named as the provider spells it (Sarvam's finished state is "ended"). */
    suite_result_t g;
    model_campaign_t *c = suite_get(id, &g);
    assert_non_null(c);
    assert_true(model_campaign_state_is_terminal(c->state));
    if (!strstr(r.err.message, c->raw_state))
        fail_msg("refusal does not name the state %s: %s", c->raw_state, r.err.message);
    suite_free_camp(c);
    assert_int_equal(suite_actions_total(), before + 1);
    free(id);
}

static void test_create_from_contacts(void **state)
{
    (void)state;
    enum { N = 3 };
    model_contact_t ct[N];
    const char *phones[N] = {"+15551230001", "+15551230002", "+15551230003"};
    for (int i = 0; i < N; i++) {
        model_contact_init(&ct[i]);
        ct[i].phone = strdup(phones[i]);
        assert_true(model_contact_add_var(&ct[i], "first_name", i == 0 ? "Ann" : "Bob"));
    }
    api_create_spec_t spec = {.name = "Created by suite", .contacts = ct, .ncontacts = N,
                              .timezone = "UTC", .concurrency = 2, .retry_limit = 1,
                              .retry_schedule = RETRY_IMMEDIATELY, .phone_number_id = "1",
                              .agent_id = "agent_suite"};
    suite_result_t r = {0};
    suite_wait(client_create(suite_client, &spec, on_created, &r), &r);
    if (r.failed)
        fail_msg("create: %s", r.err.message);
    assert_true(r.has_created);
    assert_true(r.created.id[0] != '\0');
    assert_int_equal(r.created.contacts_accepted, N);
    assert_int_equal(r.created.contacts_rejected, 0);

    api_page_t page;
    api_page_first(&page, 0);
    suite_result_t k = {0};
    suite_wait(client_list_contacts(suite_client, r.created.id, &page, NULL, on_kpage, &k), &k);
    if (k.failed)
        fail_msg("contacts of the new campaign: %s", k.err.message);
    assert_int_equal(k.kpage->n, N);
    bool found_ann = false;
    for (size_t i = 0; i < k.kpage->n; i++)
        for (size_t v = 0; v < k.kpage->items[i].nvars; v++)
            if (strcmp(k.kpage->items[i].vars[v].value, "Ann") == 0)
                found_ann = true;
    assert_true(found_ann);
    api_contact_page_free(k.kpage);
    free(k.kpage);
    for (int i = 0; i < N; i++)
        model_contact_free(&ct[i]);
}

static void test_wrong_key_is_auth_error(void **state)
{
    (void)state;
    client_t *good = suite_client;
    suite_client = suite_new_client("not-the-key-0000");
    api_page_t page;
    api_page_first(&page, 0);
    suite_result_t r = {0};
    suite_wait(client_list_campaigns(suite_client, &page, NULL, on_cpage, &r), &r);
    assert_true(r.failed);
    assert_int_equal(r.err.kind, API_ERR_AUTH);
    assert_int_equal(r.err.http_status, 401);
    assert_null(strstr(r.err.message, "not-the-key"));
    client_free(suite_client);
    suite_client = good;
    setenv(SUITE_KEY_ENV, SUITE_KEY, 1);
}

static long long suite_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_fault_latency(void **state)
{
    (void)state;
    suite_faults("{\"latency_ms\":300}");
    api_page_t page;
    api_page_first(&page, 0);
    long long t0 = suite_ms();
    suite_result_t r = {0};
    unsigned long op = client_list_campaigns(suite_client, &page, NULL, on_cpage, &r);
    /* The loop stays responsive while the reply is delayed. */
    int turns = 0;
    while (!r.done && turns < 1000) {
        assert_true(client_poll(suite_client, -1, 50, NULL) >= 0);
        turns++;
    }
    (void)op;
    assert_true(r.done);
    assert_false(r.failed);
    assert_true(suite_ms() - t0 >= 300);
    assert_true(turns >= 2); /* woke on its own timeout before the reply came */
    api_campaign_page_free(r.cpage);
    free(r.cpage);
}

static void test_fault_server_error(void **state)
{
    (void)state;
    http_stats_t before, after;
    suite_faults("{\"fail_rate\":1.0}");
    http_get_stats(client_http(suite_client), &before);
    api_page_t page;
    api_page_first(&page, 0);
    suite_result_t r = {0};
    suite_wait(client_list_campaigns(suite_client, &page, NULL, on_cpage, &r), &r);
    assert_true(r.failed);
    assert_int_equal(r.err.kind, API_ERR_SERVER);
    assert_int_equal(r.err.http_status, 500);
    http_get_stats(client_http(suite_client), &after);
    assert_int_equal(after.retries - before.retries, 2); /* reads are retried */

    /* An action that fails is sent exactly once. */
    suite_faults_off();
    char *id = suite_make_campaign("Fail action", "active", 2);
    suite_faults("{\"fail_actions\":true}");
    long actions = suite_actions_total();
    http_get_stats(client_http(suite_client), &before);
    suite_act(id, CAMPAIGN_ACTIVE, ACTION_PAUSE, NULL, &r);
    assert_true(r.failed);
    assert_int_equal(r.err.kind, API_ERR_SERVER);
    http_get_stats(client_http(suite_client), &after);
    assert_int_equal(after.retries, before.retries);
    assert_int_equal(suite_actions_total(), actions + 1);
    suite_faults_off();
    assert_int_equal(suite_state_of(id), CAMPAIGN_ACTIVE);
    free(id);
}

static void test_fault_rate_limit(void **state)
{
    (void)state;
    suite_faults("{\"rate_limit_burst\":1}");
    api_page_t page;
    api_page_first(&page, 0);
    bool limited = false;
    for (int i = 0; i < 4 && !limited; i++) {
        suite_result_t r = {0};
        suite_wait(client_list_campaigns(suite_client, &page, NULL, on_cpage, &r), &r);
        if (r.failed) {
            assert_int_equal(r.err.kind, API_ERR_RATE_LIMITED);
            assert_int_equal(r.err.http_status, 429);
            /* OmniDim and Sarvam send Retry-After; Truedy only reset_at. */
            assert_true(r.err.retry_after_s >= 1);
            limited = true;
        } else {
            api_campaign_page_free(r.cpage);
            free(r.cpage);
        }
    }
    assert_true(limited);
}

static void test_fault_dropped_connection(void **state)
{
    (void)state;
    suite_faults("{\"drop_rate\":1.0}");
    http_stats_t before, after;
    http_get_stats(client_http(suite_client), &before);
    api_page_t page;
    api_page_first(&page, 0);
    suite_result_t r = {0};
    suite_wait(client_list_campaigns(suite_client, &page, NULL, on_cpage, &r), &r);
    assert_true(r.failed);
    assert_int_equal(r.err.kind, API_ERR_NETWORK);
    assert_int_equal(r.err.http_status, 0);
    http_get_stats(client_http(suite_client), &after);
    assert_int_equal(after.retries - before.retries, 2);

    /* With half the connections dropped, retries usually carry a read through. */
    suite_faults("{\"drop_rate\":0.3}");
    int ok = 0;
    for (int i = 0; i < 5; i++) {
        memset(&r, 0, sizeof r);
        suite_wait(client_list_campaigns(suite_client, &page, NULL, on_cpage, &r), &r);
        if (!r.failed) {
            ok++;
            api_campaign_page_free(r.cpage);
            free(r.cpage);
        }
    }
    assert_true(ok >= 3);
}

static void test_fault_malformed_body(void **state)
{
    (void)state;
    suite_faults("{\"malformed_rate\":1.0}");
    api_page_t page;
    api_page_first(&page, 0);
    suite_result_t r = {0};
    suite_wait(client_list_campaigns(suite_client, &page, NULL, on_cpage, &r), &r);
    assert_true(r.failed);
    assert_int_equal(r.err.kind, API_ERR_PARSE);
    assert_null(r.cpage);
    assert_non_null(strstr(r.err.message, model_provider_label(SUITE_PROVIDER)));
}

#define SUITE_TESTS                                                                        \
    cmocka_unit_test_setup(test_list_paginates_to_end, suite_reset),                       \
        cmocka_unit_test_setup(test_drill_into_contacts, suite_reset),                     \
        cmocka_unit_test_setup(test_every_action, suite_reset),                            \
        cmocka_unit_test_setup(test_refused_actions_send_nothing, suite_reset),            \
        cmocka_unit_test_setup(test_create_from_contacts, suite_reset),                    \
        cmocka_unit_test_setup(test_wrong_key_is_auth_error, suite_reset),                 \
        cmocka_unit_test_setup_teardown(test_fault_latency, suite_reset, suite_reset),     \
        cmocka_unit_test_setup_teardown(test_fault_server_error, suite_reset, suite_reset), \
        cmocka_unit_test_setup_teardown(test_fault_rate_limit, suite_reset, suite_reset),  \
        cmocka_unit_test_setup_teardown(test_fault_dropped_connection, suite_reset,        \
                                        suite_reset),                                      \
        cmocka_unit_test_setup_teardown(test_fault_malformed_body, suite_reset, suite_reset)

#endif
