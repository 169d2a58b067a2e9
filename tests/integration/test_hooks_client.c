/* Sarvam for real, through the client layer: a campaign created with a
 * profile that names its public webhook URL carries it in
 * app_config.webhook_config.url; dialtop-sim's dialer posts each finished
 * attempt there; a real `dialtop hooks` stores them; and the client reads
 * contacts and counts back from the receiver, the total from the cohorts,
 * and they agree with what the sim dialled. Also: a wrong receiver token
 * is named as such, and a hooks_url without a token is refused at start. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"
#include "config.h"
#include "list_all.h"
#include "contactsrc.h"
#include "figfetch.h"
#include "hookfix.h"
#include "jsonget.h"
#include "simproc.h"

#define KEY "hooks-client-key"
#define N 24
#define WAIT_S 40

static hookfix_t H;
static simproc_t *sp;
static config_t cfg;

static int setup(void **state)
{
    (void)state;
    if (!hookfix_start(&H, "client", NULL))
        return -1;
    const char *args[] = {"--seed", "11", "--speed", "600", "--call-duration", "1-3",
                          "--outcomes", "completed=1,no_answer=1,busy=0.5,voicemail=0,failed=0.5",
                          "--webhook-backoff-ms", "20", NULL};
    sp = simproc_start(KEY, args);
    if (!sp)
        return -1;
    setenv("HC_SARVAM_KEY", KEY, 1);
    setenv("HC_HOOKS_TOKEN", HOOKFIX_TOKEN, 1);
    char text[4096], err[256];
    snprintf(text, sizeof text,
             "[profile sarvam]\nprovider = sarvam\nbase_url = %s\napi_key_env = HC_SARVAM_KEY\n"
             "org_id = acme\nworkspace_id = main\nhooks_url = %s\nhooks_token_env = HC_HOOKS_TOKEN\n"
             "hooks_public_url = %s\n\n"
             "[profile badtoken]\nprovider = sarvam\nbase_url = %s\napi_key_env = HC_SARVAM_KEY\n"
             "org_id = acme\nworkspace_id = main\nhooks_url = %s\nhooks_token_env = HC_WRONG\n\n"
             "[profile notoken]\nprovider = sarvam\nbase_url = %s\napi_key_env = HC_SARVAM_KEY\n"
             "org_id = acme\nworkspace_id = main\nhooks_url = %s\n\n"
             "[profile deadrecv]\nprovider = sarvam\nbase_url = %s\napi_key_env = HC_SARVAM_KEY\n"
             "org_id = acme\nworkspace_id = main\nhooks_url = http://127.0.0.1:1\n"
             "hooks_token_env = HC_HOOKS_TOKEN\n",
             simproc_url(sp), H.child.url, H.child.url, simproc_url(sp), H.child.url,
             simproc_url(sp), H.child.url, simproc_url(sp));
    setenv("HC_WRONG", "wrong-token-wrong-token", 1);
    if (!config_parse(&cfg, text, "test", err, sizeof err)) {
        fprintf(stderr, "config: %s\n", err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    config_free(&cfg);
    simproc_stop(sp);
    hookfix_stop(&H);
    return 0;
}

typedef struct {
    bool done, failed;
    api_error_t err;
    model_campaign_t *camp;
    api_created_t created;
} res_t;

static void on_camp(model_campaign_t *c, const api_error_t *err, void *ud)
{
    res_t *r = ud;
    r->done = true;
    r->camp = c;
    if (err) {
        r->failed = true;
        r->err = *err;
    }
}

static void on_created(const api_created_t *c, const api_error_t *err, void *ud)
{
    res_t *r = ud;
    r->done = true;
    if (c)
        r->created = *c;
    if (err) {
        r->failed = true;
        r->err = *err;
    }
}

static void free_camp(model_campaign_t *c)
{
    if (c) {
        model_campaign_free(c);
        free(c);
    }
}

static long sum_counts(const model_campaign_t *c)
{
    long s = 0;
    for (int i = 0; i < CONTACT_STATE_COUNT; i++)
        s += c->counts[i];
    return s;
}

static void test_sim_feeds_receiver_client_reads_it(void **state)
{
    (void)state;
    char err[256];
    client_t *cl = client_new(config_find_profile(&cfg, "sarvam"), NULL, err, sizeof err);
    if (!cl)
        fail_msg("client: %s", err);
    model_contact_t ct[N];
    for (int i = 0; i < N; i++) {
        char phone[24];
        snprintf(phone, sizeof phone, "+9198765%05d", i);
        model_contact_init(&ct[i]);
        ct[i].phone = strdup(phone);
    }
    api_create_spec_t spec = {.name = "Hooks client", .contact_at = contactsrc_array_at,
                              .contacts_src = ct, .ncontacts = N, .timezone = "UTC",
                              .retry_limit = -1, .agent_id = "app_hooks"};
    res_t r = {0};
    assert_true(client_wait(cl, client_create(cl, &spec, on_created, &r), 20000));
    if (r.failed)
        fail_msg("create: %s", r.err.message);
    char id[128];
    snprintf(id, sizeof id, "%s", r.created.id);

    /* the campaign carries the receiver's URL with its token (as Sarvam
     * holds it), while what the client keeps for the screen hides it */
    char path[512];
    snprintf(path, sizeof path, "%s/api/scheduling/v1/orgs/acme/workspaces/main/campaigns/%s",
             simproc_url(sp), id);
    const char *xkey[] = {"X-API-Key: " KEY, NULL};
    simhttp_t h;
    simhttp_request(&h, "GET", path, xkey, NULL, 0);
    assert_int_equal(h.status, 200);
    char url[512] = "", want[512];
    jget_str_buf(jget_object(jget_object(h.json, "app_config"), "webhook_config"), "url", url,
                 sizeof url);
    snprintf(want, sizeof want, "%s/sarvam/%s", H.child.url, HOOKFIX_TOKEN);
    assert_string_equal(url, want);
    simhttp_free(&h);
    memset(&r, 0, sizeof r);
    assert_true(client_wait(cl, client_get_campaign(cl, id, on_camp, &r), 10000));
    assert_false(r.failed);
    assert_null(strstr(r.camp->raw_json, HOOKFIX_TOKEN));
    assert_non_null(strstr(r.camp->raw_json, "/sarvam/(token hidden)"));
    free_camp(r.camp);

    /* until every contact has a final outcome at the receiver */
    model_campaign_t *c = NULL;
    time_t end = time(NULL) + WAIT_S;
    for (;;) {
        api_error_t fe;
        if (!figfetch_campaign(cl, id, &c, &fe))
            fail_msg("figures: %s", fe.message);
        long final = c->counts[CONTACT_COMPLETED] + c->counts[CONTACT_NO_ANSWER] +
                     c->counts[CONTACT_BUSY] + c->counts[CONTACT_FAILED] +
                     c->counts[CONTACT_VOICEMAIL];
        if (final == N)
            break;
        free_camp(c);
        if (time(NULL) > end)
            fail_msg("only %ld of %d contacts final at the receiver after %d s", final, N, WAIT_S);
        struct timespec ts = {0, 200 * 1000000L};
        nanosleep(&ts, NULL);
    }
    assert_int_equal(c->total_contacts, N); /* from the cohorts */
    assert_true(c->counts_known);
    assert_int_equal(sum_counts(c), N);
    assert_int_equal(c->counts[CONTACT_PENDING], 0);
    assert_int_equal(c->completed_contacts, N);
    long by_state[CONTACT_STATE_COUNT];
    memcpy(by_state, c->counts, sizeof by_state);
    free_camp(c);

    /* the campaign list's figures for the same campaign are the same */
    model_campaign_t *rows;
    size_t nrows;
    api_error_t le;
    assert_true(list_all_campaigns_wait(cl, NULL, &rows, &nrows, &le));
    assert_true(figfetch_list(cl, rows, nrows, &le));
    bool found = false;
    for (size_t i = 0; i < nrows; i++) {
        if (strcmp(rows[i].id, id) == 0) {
            found = true;
            assert_true(rows[i].counts_known);
            assert_int_equal(rows[i].total_contacts, N);
            for (int st = 0; st < CONTACT_STATE_COUNT; st++)
                assert_int_equal(rows[i].counts[st], by_state[st]);
        }
        model_campaign_free(&rows[i]);
    }
    free(rows);
    assert_true(found);

    /* every contact from the receiver: each number once, states agreeing */
    model_contact_t *all;
    size_t n;
    api_error_t e;
    assert_true(list_all_contacts_wait(cl, id, NULL, &all, &n, &e));
    assert_int_equal(n, N);
    long seen[CONTACT_STATE_COUNT] = {0};
    for (size_t i = 0; i < n; i++) {
        assert_non_null(all[i].phone);
        assert_int_equal(strncmp(all[i].phone, "+9198765", 8), 0);
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(all[i].phone, all[k].phone);
        assert_true(all[i].attempts >= 1);
        assert_non_null(all[i].raw_state);
        seen[all[i].state]++;
    }
    for (size_t i = 0; i < n; i++)
        model_contact_free(&all[i]);
    free(all);
    for (int s = 0; s < CONTACT_STATE_COUNT; s++)
        assert_int_equal(seen[s], by_state[s]);
    /* the state filter goes to the receiver */
    assert_true(list_all_contacts_wait(cl, id, "completed", &all, &n, &e));
    assert_int_equal((long)n, by_state[CONTACT_COMPLETED]);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(all[i].state, CONTACT_COMPLETED);
        model_contact_free(&all[i]);
    }
    free(all);
    client_free(cl);
    for (int i = 0; i < N; i++)
        model_contact_free(&ct[i]);
}

/* More cohorts than one page of Sarvam's cohort list (100): the total is
 * the sum over every page. */
static void test_total_over_cohort_pages(void **state)
{
    (void)state;
    const char *base_fmt = "%s/api/scheduling/v1/orgs/acme/workspaces/main/campaigns%s";
    const char *hdr[] = {"X-API-Key: " KEY, NULL};
    char url[512];
    snprintf(url, sizeof url, base_fmt, simproc_url(sp), "");
    simhttp_t r;
    simhttp_request(&r, "POST", url, hdr,
                    "{\"name\":\"Many cohorts\",\"app_id\":\"app_x\",\"app_config\":{},"
                    "\"start_timestamp\":\"2031-01-01T10:00:00Z\","
                    "\"allowed_schedule\":{\"timezone\":\"UTC\"}}",
                    0);
    assert_int_equal(r.status / 100, 2);
    char id[64] = "";
    assert_true(jget_str_buf(r.json, "campaign_id", id, sizeof id));
    simhttp_free(&r);
    enum { COHORTS = 130 };
    for (int i = 0; i < COHORTS; i++) {
        char path[128], body[256];
        snprintf(path, sizeof path, "/%s/cohorts/stream", id);
        snprintf(url, sizeof url, base_fmt, simproc_url(sp), path);
        snprintf(body, sizeof body,
                 "{\"name\":\"c%d\",\"users\":[{\"user_phone_number\":\"+9197%08d\","
                 "\"user_identifier\":\"u%d\",\"app_variables\":{}}]}",
                 i, i, i);
        simhttp_request(&r, "POST", url, hdr, body, 0);
        if (r.status / 100 != 2)
            fail_msg("cohort %d: %ld %s", i, r.status, r.body ? r.body : "");
        simhttp_free(&r);
    }
    char err[256];
    client_t *cl = client_new(config_find_profile(&cfg, "sarvam"), NULL, err, sizeof err);
    assert_non_null(cl);
    model_campaign_t *c;
    api_error_t e;
    if (!figfetch_campaign(cl, id, &c, &e))
        fail_msg("figures: %s", e.message);
    assert_int_equal(c->total_contacts, COHORTS);
    assert_true(c->counts_known);
    assert_int_equal(c->counts[CONTACT_PENDING], COHORTS); /* scheduled: none dialled yet */
    free_camp(c);
    client_free(cl);
}

static void test_wrong_token_and_no_token(void **state)
{
    (void)state;
    char err[256];
    client_t *cl = client_new(config_find_profile(&cfg, "badtoken"), NULL, err, sizeof err);
    assert_non_null(cl);
    model_contact_t *all = NULL;
    size_t n = 0;
    api_error_t e;
    assert_false(list_all_contacts_wait(cl, "any", NULL, &all, &n, &e));
    assert_int_equal(e.kind, API_ERR_AUTH);
    assert_non_null(strstr(e.message, "hooks receiver"));
    assert_null(strstr(e.message, "wrong-token"));
    client_free(cl);

    assert_null(client_new(config_find_profile(&cfg, "notoken"), NULL, err, sizeof err));
    assert_non_null(strstr(err, "hooks_token_env"));

    /* a receiver that is down is named as such, while Sarvam answers */
    cl = client_new(config_find_profile(&cfg, "deadrecv"), NULL, err, sizeof err);
    assert_non_null(cl);
    model_campaign_t *c = NULL;
    model_campaign_t *rows = NULL;
    size_t nrows = 0;
    assert_true(list_all_campaigns_wait(cl, NULL, &rows, &nrows, &e));
    assert_true(nrows > 0);
    assert_false(figfetch_campaign(cl, rows[0].id, &c, &e));
    assert_int_equal(e.kind, API_ERR_NETWORK);
    assert_int_equal(strncmp(e.message, "hooks receiver: ", 16), 0);
    assert_false(list_all_contacts_wait(cl, rows[0].id, NULL, &all, &n, &e));
    assert_int_equal(strncmp(e.message, "hooks receiver: ", 16), 0);
    for (size_t i = 0; i < nrows; i++)
        model_campaign_free(&rows[i]);
    free(rows);
    client_free(cl);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sim_feeds_receiver_client_reads_it),
        cmocka_unit_test(test_total_over_cohort_pages),
        cmocka_unit_test(test_wrong_token_and_no_token),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
