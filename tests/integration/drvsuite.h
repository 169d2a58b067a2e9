/* The driver integration suite, shared by test_drivers_<provider>.c: each
 * includes this after defining SUITE_PROVIDER, and runs that driver
 * through the client layer and the real transport against dialtop-sim.
 * Faults are switched on per test and off again after it. */
#ifndef DIALTOP_DRVSUITE_H
#define DIALTOP_DRVSUITE_H

#include "contactsrc.h"
#include "drvsuite_sim.h"
#include "figfetch.h"
#include "list_all.h"

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
    assert_true(list_all_campaigns_wait(suite_client, NULL, &all, &n, &err));
    assert_int_equal(n, seen);
    for (size_t i = 0; i < n; i++)
        model_campaign_free(&all[i]);
    free(all);
    for (size_t i = 0; i < seen; i++)
        free(ids[i]);
    free(ids);
}

/* Sarvam lists no contacts: without a webhook receiver in the profile the
 * request is refused before anything is sent, with the one sentence that
 * says what to do (the receiver path is test_hooks_client.c). When
 * `want_total` >= 0 the campaign's total, composed from its cohorts, must
 * be it. True when the provider is Sarvam (the caller then stops). */
static bool suite_sarvam_no_contacts(const char *id, long want_total)
{
    if (SUITE_PROVIDER != PROVIDER_SARVAM)
        return false;
    api_page_t page;
    api_page_first(&page, 0);
    suite_result_t k = {0};
    long before = suite_actions_total();
    suite_wait(client_list_contacts(suite_client, id, &page, NULL, on_kpage, &k), &k);
    assert_true(k.failed);
    assert_int_equal(k.err.kind, API_ERR_UNSUPPORTED);
    assert_non_null(strstr(k.err.message, "run `dialtop hooks` and set hooks_url"));
    assert_int_equal(suite_actions_total(), before);
    if (want_total >= 0) {
        model_campaign_t *c;
        api_error_t e;
        if (!figfetch_campaign(suite_client, id, &c, &e))
            fail_msg("figures: %s", e.message);
        assert_int_equal(c->total_contacts, want_total);
        assert_false(c->counts_known); /* no receiver: counts not known */
        suite_free_camp(c);
    }
    return true;
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
    if (suite_sarvam_no_contacts(id, -1)) {
        free(id);
        return;
    }

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

    model_contact_t *all;
    size_t n;
    api_error_t err;
    assert_true(list_all_contacts_wait(suite_client, id, NULL, &all, &n, &err));
    assert_int_equal(n, 75);
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < i; k++)
            if (strcmp(all[i].id, all[k].id) == 0)
                fail_msg("contact %s listed twice", all[i].id);
    }
    for (size_t i = 0; i < n; i++)
        model_contact_free(&all[i]);
    free(all);

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

    /* Sarvam's start cannot move: its reschedule is the working window */
    bool window = model_reschedule_kind(SUITE_PROVIDER) == RESCHEDULE_SETS_WINDOW;
    api_reschedule_t rs = {.when = "2030-06-01 09:00:00", .timezone = "UTC"};
    if (window)
        rs = (api_reschedule_t){.window = true, .timezone = "UTC", .window_start = "09:00",
                                .window_end = "17:00", .window_days = 0x1fu};
    suite_act(id, CAMPAIGN_PAUSED, ACTION_RESCHEDULE, &rs, &r);
    if (r.failed)
        fail_msg("reschedule: %s", r.err.message);
    suite_result_t g;
    model_campaign_t *c = suite_get(id, &g);
    assert_non_null(c);
    if (window) {
        assert_string_equal(c->window_start, "09:00");
        assert_string_equal(c->window_end, "17:00");
        assert_int_equal(c->window_days, 0x1fu);
    } else {
        assert_int_equal(c->scheduled_epoch, 1906534800); /* 2030-06-01 09:00:00 UTC */
    }
    campaign_state_t after = c->state;
    suite_free_camp(c);

    if (after == CAMPAIGN_PAUSED) {
        suite_act(id, CAMPAIGN_PAUSED, ACTION_RESUME, NULL, &r);
        if (r.failed)
            fail_msg("resume: %s", r.err.message);
        after = suite_state_of(id);
        /* The start is in 2030: back to scheduled. Sarvam's did not move
         * and has passed: scheduled, then active at once. */
        assert_int_equal(after, window ? CAMPAIGN_ACTIVE : CAMPAIGN_SCHEDULED);
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
    api_create_spec_t spec = {.name = "Created by suite",
                              .contact_at = contactsrc_array_at, .contacts_src = ct, .ncontacts = N,
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
    if (suite_sarvam_no_contacts(r.created.id, N)) {
        for (int i = 0; i < N; i++)
            model_contact_free(&ct[i]);
        return;
    }

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

/* 2,500 contacts: Sarvam takes them as three cohorts (1000, 1000, 500);
 * the others in the create call. Every one must arrive. */
static void test_create_large_list(void **state)
{
    (void)state;
    enum { N = 2500 };
    model_contact_t *ct = calloc(N, sizeof *ct);
    assert_non_null(ct);
    for (int i = 0; i < N; i++) {
        char phone[24];
        snprintf(phone, sizeof phone, "+1555%07d", i);
        model_contact_init(&ct[i]);
        ct[i].phone = strdup(phone);
    }
    api_create_spec_t spec = {.name = "Large list",
                              .contact_at = contactsrc_array_at, .contacts_src = ct, .ncontacts = N,
                              .timezone = "UTC", .retry_limit = -1, .phone_number_id = "1"};
    long before = suite_actions_total();
    suite_result_t r = {0};
    suite_wait(client_create(suite_client, &spec, on_created, &r), &r);
    if (r.failed)
        fail_msg("create: %s", r.err.message);
    assert_int_equal(r.created.contacts_accepted, N);
    size_t requests = 1 + client_driver(suite_client)->create_chunk_count(&spec);
    assert_int_equal(suite_actions_total() - before, (long)requests);
    if (SUITE_PROVIDER == PROVIDER_SARVAM)
        assert_int_equal(requests, 4);
    if (suite_sarvam_no_contacts(r.created.id, N)) {
        for (int i = 0; i < N; i++)
            model_contact_free(&ct[i]);
        free(ct);
        return;
    }

    api_page_t page;
    api_page_first(&page, 100);
    page.offset = N - 10;
    suite_result_t k = {0};
    if (client_driver(suite_client)->contact_page_style == PAGE_BY_OFFSET) {
        suite_wait(client_list_contacts(suite_client, r.created.id, &page, NULL, on_kpage, &k), &k);
        if (k.failed)
            fail_msg("contacts: %s", k.err.message);
        assert_int_equal(k.kpage->n, 10);
        assert_true(k.kpage->next.end);
        if (k.kpage->total >= 0)
            assert_int_equal(k.kpage->total, N);
        api_contact_page_free(k.kpage);
        free(k.kpage);
    } else {
        suite_result_t g;
        model_campaign_t *c = suite_get(r.created.id, &g);
        assert_non_null(c);
        assert_int_equal(c->total_contacts, N);
        suite_free_camp(c);
    }
    for (int i = 0; i < N; i++)
        model_contact_free(&ct[i]);
    free(ct);
}

/* A read-only profile refuses every action and creation locally. */
static void test_read_only_profile(void **state)
{
    (void)state;
    client_t *rw = suite_client;
    suite_profile.read_only = true;
    suite_client = suite_new_client(SUITE_KEY);
    suite_profile.read_only = false;
    char *id = suite_make_campaign("Read only", "active", 2);
    long before = suite_actions_total();
    suite_result_t r;
    suite_act(id, CAMPAIGN_ACTIVE, ACTION_PAUSE, NULL, &r);
    assert_true(r.failed);
    assert_int_equal(r.err.kind, API_ERR_UNSUPPORTED);
    assert_non_null(strstr(r.err.message, "read-only"));
    model_contact_t ct;
    model_contact_init(&ct);
    ct.phone = strdup("+15550001111");
    api_create_spec_t spec = {.name = "nope",
                              .contact_at = contactsrc_array_at, .contacts_src = &ct,
                              .ncontacts = 1, .phone_number_id = "1"};
    memset(&r, 0, sizeof r);
    suite_wait(client_create(suite_client, &spec, on_created, &r), &r);
    assert_true(r.failed);
    assert_false(r.has_created);
    assert_int_equal(r.err.kind, API_ERR_UNSUPPORTED);
    assert_int_equal(suite_actions_total(), before);
    model_contact_free(&ct);
    client_free(suite_client);
    suite_client = rw;
    free(id);
}

/* Sequential reads share one kept-alive connection. */
static void test_keepalive_reuses_connection(void **state)
{
    (void)state;
    client_t *c = suite_client;
    suite_client = suite_new_client(SUITE_KEY);
    api_page_t page;
    api_page_first(&page, 0);
    for (int i = 0; i < 10; i++) {
        suite_result_t r = {0};
        suite_wait(client_list_campaigns(suite_client, &page, NULL, on_cpage, &r), &r);
        assert_false(r.failed);
        api_campaign_page_free(r.cpage);
        free(r.cpage);
    }
    http_stats_t st;
    http_get_stats(client_http(suite_client), &st);
    assert_int_equal(st.completed, 10);
    assert_int_equal(st.connections, 1);
    client_free(suite_client);
    suite_client = c;
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

/* A reply slower than the total timeout is a network error ("timed out");
 * the read is retried once more before it is reported. */
static void test_fault_timeout(void **state)
{
    (void)state;
    client_t *normal = suite_client;
    setenv(SUITE_KEY_ENV, SUITE_KEY, 1);
    http_options_t o;
    http_options_default(&o);
    o.total_timeout_ms = 200;
    o.max_retries = 1;
    o.backoff_base_ms = 10;
    char err[256];
    suite_client = client_new(&suite_profile, &o, err, sizeof err);
    assert_non_null(suite_client);
    suite_faults("{\"latency_ms\":1000}");
    api_page_t page;
    api_page_first(&page, 0);
    long long t0 = suite_ms();
    suite_result_t r = {0};
    suite_wait(client_list_campaigns(suite_client, &page, NULL, on_cpage, &r), &r);
    assert_true(r.failed);
    assert_int_equal(r.err.kind, API_ERR_NETWORK);
    assert_non_null(strstr(r.err.message, "timed out"));
    long long took = suite_ms() - t0;
    assert_true(took >= 400 && took < 1500); /* two attempts of 200 ms, not the full delay */
    http_stats_t st;
    http_get_stats(client_http(suite_client), &st);
    assert_int_equal(st.retries, 1);
    client_free(suite_client);
    suite_client = normal;
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
        cmocka_unit_test_setup(test_create_large_list, suite_reset),                       \
        cmocka_unit_test_setup(test_read_only_profile, suite_reset),                       \
        cmocka_unit_test_setup(test_keepalive_reuses_connection, suite_reset),             \
        cmocka_unit_test_setup(test_wrong_key_is_auth_error, suite_reset),                 \
        cmocka_unit_test_setup_teardown(test_fault_latency, suite_reset, suite_reset),     \
        cmocka_unit_test_setup_teardown(test_fault_timeout, suite_reset, suite_reset),     \
        cmocka_unit_test_setup_teardown(test_fault_server_error, suite_reset, suite_reset), \
        cmocka_unit_test_setup_teardown(test_fault_rate_limit, suite_reset, suite_reset),  \
        cmocka_unit_test_setup_teardown(test_fault_dropped_connection, suite_reset,        \
                                        suite_reset),                                      \
        cmocka_unit_test_setup_teardown(test_fault_malformed_body, suite_reset, suite_reset)

#endif
