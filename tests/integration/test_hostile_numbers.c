/* Numbers from a provider are not trusted: through the real client and
 * transport against a hostile backend (tests/support/hostsrv) that sends
 * absurd counts, a Retry-After of 20 digits, and one record with an
 * unusable id among good ones. Under the sanitizer build, any undefined
 * cast or overflow fails the test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "hostsrv.h"

#define KEY "numbers-key-77aa"

typedef struct {
    hostsrv_t *srv;
    config_profile_t prof;
    client_t *client;
} fix_t;

static int setup(void **state)
{
    fix_t *f = calloc(1, sizeof *f);
    f->srv = hostsrv_start(KEY);
    if (!f->srv)
        return -1;
    setenv("NUMBERS_KEY", KEY, 1);
    f->prof.name = "numbers";
    f->prof.provider = PROVIDER_OMNIDIM;
    f->prof.base_url = (char *)hostsrv_url(f->srv);
    f->prof.api_key_env = "NUMBERS_KEY";
    f->prof.poll_interval_s = 2;
    char err[256];
    f->client = client_new(&f->prof, NULL, err, sizeof err);
    *state = f;
    return f->client ? 0 : -1;
}

static int teardown(void **state)
{
    fix_t *f = *state;
    client_free(f->client);
    hostsrv_stop(f->srv);
    free(f);
    return 0;
}

typedef struct {
    api_campaign_page_t *page;
    api_error_t err;
    bool done;
} got_t;

static void on_page(api_campaign_page_t *pg, const api_error_t *err, void *ud)
{
    got_t *g = ud;
    g->page = pg;
    if (err)
        g->err = *err;
    g->done = true;
}

static got_t list(fix_t *f)
{
    got_t g = {0};
    api_error_clear(&g.err);
    api_page_t page;
    api_page_first(&page, 0);
    unsigned long op = client_list_campaigns(f->client, &page, NULL, on_page, &g);
    assert_true(op > 0);
    assert_true(client_wait(f->client, op, -1));
    assert_true(g.done);
    return g;
}

static void got_free(got_t *g)
{
    if (g->page) {
        api_campaign_page_free(g->page);
        free(g->page);
    }
}

static void test_absurd_counts(void **state)
{
    fix_t *f = *state;
    hostsrv_set_list_reply(
        f->srv, 200, NULL,
        "{\"status\":\"success\",\"total_records\":1e400,\"records\":["
        "{\"id\":1,\"name\":\"inf\",\"status\":\"in_progress\",\"total_calls\":1e400,"
        "\"completed_calls\":-5,\"call_status_counts\":{\"Pending\":1e400}},"
        "{\"id\":2,\"name\":\"huge\",\"status\":\"in_progress\",\"total_calls\":9e18,"
        "\"call_status_counts\":{\"Pending\":9e18,\"pending\":9e18}},"
        "{\"id\":3,\"name\":\"sum\",\"status\":\"in_progress\",\"total_calls\":\"12\","
        "\"call_status_counts\":{\"Pending\":900000000000,\"pending\":900000000000,"
        "\"completed\":1.5}},"
        "{\"id\":4,\"name\":\"fine\",\"status\":\"paused\",\"total_calls\":3,"
        "\"call_status_counts\":{\"Pending\":2,\"completed\":1}}]}");
    got_t g = list(f);
    assert_non_null(g.page);
    assert_int_equal(g.page->n, 4);
    assert_int_equal(g.page->total, -1);
    model_campaign_t *c = g.page->items;
    for (size_t i = 0; i < g.page->n; i++)
        for (int s = 0; s < CONTACT_STATE_COUNT; s++)
            assert_true(c[i].counts[s] >= 0);
    assert_int_equal(c[0].total_contacts, -1);
    assert_int_equal(c[0].completed_contacts, -1);
    assert_false(c[0].counts_known);
    assert_int_equal(c[1].total_contacts, -1);
    assert_false(c[1].counts_known);
    assert_int_equal(c[2].total_contacts, 12);
    assert_false(c[2].counts_known); /* a fraction: the breakdown is unknown, not wrong */
    assert_true(c[3].counts_known);
    assert_int_equal(c[3].counts[CONTACT_PENDING], 2);
    got_free(&g);
}

static void test_bad_record_skipped(void **state)
{
    fix_t *f = *state;
    hostsrv_set_list_reply(f->srv, 200, NULL,
                           "{\"status\":\"success\",\"total_records\":3,\"records\":["
                           "{\"id\":1,\"name\":\"a\",\"status\":\"paused\"},"
                           "{\"id\":1e400,\"name\":\"bad id\",\"status\":\"paused\"},"
                           "{\"id\":3,\"name\":\"c\",\"status\":\"paused\"}]}");
    got_t g = list(f);
    assert_non_null(g.page);
    assert_int_equal(g.page->n, 2);
    assert_int_equal(g.page->skipped, 1);
    assert_non_null(strstr(g.page->skip_note, "record 2"));
    assert_string_equal(g.page->items[1].id, "3");
    got_free(&g);
}

static void test_retry_after_capped(void **state)
{
    fix_t *f = *state;
    static const char *const waits[] = {"99999999999999999999", "9223372036854775808",
                                        "86400", "Fri, 31 Dec 9999 23:59:59 GMT"};
    for (size_t i = 0; i < sizeof waits / sizeof waits[0]; i++) {
        hostsrv_set_list_reply(f->srv, 429, waits[i],
                               "{\"success\":false,\"error\":\"slow down\"}");
        got_t g = list(f);
        assert_null(g.page);
        assert_int_equal(g.err.kind, API_ERR_RATE_LIMITED);
        assert_int_equal(g.err.retry_after_s, API_WAIT_MAX_S);
        assert_true(g.err.retry_after_capped);
        assert_non_null(strstr(g.err.message, "capped at 1 hour"));
    }
    hostsrv_set_list_reply(f->srv, 429, "30", "{\"success\":false,\"error\":\"slow down\"}");
    got_t g = list(f);
    assert_int_equal(g.err.retry_after_s, 30);
    assert_false(g.err.retry_after_capped);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_absurd_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_record_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retry_after_capped, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
