/* Unit tests for api/figure: what each figure on a campaign row is (known,
 * not applicable, not published, loading) from what each provider's
 * replies carry, and OmniDim's live-status summary parsed into figures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "driver.h"
#include "figure.h"
#include "omnidim_live.h"

static api_response_t resp(long status, const char *body)
{
    api_response_t r = {.status = status, .body = body, .body_len = strlen(body),
                        .retry_after_s = -1, .received_at = 1700000000};
    return r;
}

static figure_status_t read_fig(const model_campaign_t *c, model_figure_t f, long *v)
{
    *v = -12345;
    return figure_read(c, f, v);
}

/* An OmniDim list row: a published 0 is a known 0, RUN waits for the
 * live-status (?), a finished campaign's RUN does not apply (-). */
static void test_omnidim_list_row(void **state)
{
    (void)state;
    const char *body = "{\"status\":\"success\",\"total_records\":2,\"records\":["
                       "{\"id\":1,\"name\":\"a\",\"status\":\"in_progress\",\"total_calls\":10,"
                       "\"completed_calls\":0,\"total_pending_calls\":0,"
                       "\"total_not_reachable_calls\":0,\"concurrent_call_limit\":3},"
                       "{\"id\":2,\"name\":\"b\",\"status\":\"completed\",\"total_calls\":10,"
                       "\"completed_calls\":7,\"total_pending_calls\":0,"
                       "\"total_not_reachable_calls\":3}]}";
    api_response_t r = resp(200, body);
    api_page_t pg;
    api_page_first(&pg, 50);
    api_campaign_page_t out;
    api_error_t err;
    assert_true(driver_omnidim.parse_list_campaigns(&r, &pg, &out, &err));
    assert_int_equal(out.n, 2);
    long v;
    assert_int_equal(read_fig(&out.items[0], FIG_PEND, &v), FIGURE_KNOWN);
    assert_int_equal(v, 0);
    assert_int_equal(read_fig(&out.items[0], FIG_FAIL, &v), FIGURE_KNOWN);
    assert_int_equal(v, 0);
    assert_int_equal(read_fig(&out.items[0], FIG_DONE, &v), FIGURE_KNOWN);
    assert_int_equal(v, 0);
    assert_int_equal(read_fig(&out.items[0], FIG_RUN, &v), FIGURE_LOADING);
    assert_int_equal(read_fig(&out.items[1], FIG_RUN, &v), FIGURE_NOT_APPLICABLE);
    assert_int_equal(read_fig(&out.items[1], FIG_FAIL, &v), FIGURE_KNOWN);
    assert_int_equal(v, 3);
    assert_int_equal(read_fig(&out.items[1], FIG_CONC, &v), FIGURE_NOT_PUBLISHED);
    double pct;
    assert_false(figure_fail_percent(&out.items[0], &pct)); /* nothing attempted */
    assert_true(figure_fail_percent(&out.items[1], &pct));
    assert_true(pct > 29.9 && pct < 30.1);
    api_campaign_page_free(&out);
}

/* Truedy's batch fields; `in_progress` (not in the published field list)
 * is read when present and is n/a when absent, never "?". */
static void test_truedy_batch(void **state)
{
    (void)state;
    const char *body = "{\"data\":{\"id\":\"batch_1\",\"name\":\"x\",\"status\":\"running\","
                       "\"total_contacts\":5,\"called\":2,\"completed\":1,\"failed\":0,"
                       "\"pending\":3},\"meta\":{}}";
    api_response_t r = resp(200, body);
    model_campaign_t c;
    api_error_t err;
    assert_true(driver_truedy.parse_get_campaign(&r, &c, &err));
    long v;
    assert_int_equal(read_fig(&c, FIG_FAIL, &v), FIGURE_KNOWN);
    assert_int_equal(v, 0);
    assert_int_equal(read_fig(&c, FIG_PEND, &v), FIGURE_KNOWN);
    assert_int_equal(v, 3);
    assert_int_equal(read_fig(&c, FIG_RUN, &v), FIGURE_NOT_PUBLISHED);
    model_campaign_free(&c);
}

/* Sarvam publishes no counts: n/a with the reason, until the webhook
 * receiver fills the counts (counts_known), then known. */
static void test_sarvam_needs_receiver(void **state)
{
    (void)state;
    model_campaign_t c;
    model_campaign_init(&c);
    c.provider = PROVIDER_SARVAM;
    c.state = CAMPAIGN_ACTIVE;
    long v;
    for (int f = 0; f < FIG_COUNT; f++)
        assert_int_equal(read_fig(&c, (model_figure_t)f, &v), FIGURE_NOT_PUBLISHED);
    assert_non_null(strstr(figure_source(PROVIDER_SARVAM, FIG_FAIL), "dialtop hooks"));
    assert_non_null(strstr(figure_source(PROVIDER_SARVAM, FIG_RUN), "finished"));
    c.counts[CONTACT_IN_PROGRESS] = 2;
    c.counts[CONTACT_NO_ANSWER] = 4;
    c.counts[CONTACT_COMPLETED] = 6;
    c.counts_known = true;
    /* webhooks arrive only for finished attempts: calls in progress stay
     * n/a even with the receiver's counts (a 0 there would be a guess) */
    assert_int_equal(read_fig(&c, FIG_RUN, &v), FIGURE_NOT_PUBLISHED);
    assert_int_equal(read_fig(&c, FIG_FAIL, &v), FIGURE_KNOWN);
    assert_int_equal(v, 4);
    assert_int_equal(read_fig(&c, FIG_TOTAL, &v), FIGURE_KNOWN);
    assert_int_equal(v, 12);
    /* the receiver's summary counts every finished contact as "done";
     * DONE is the completed state, so FAIL% is not counted twice */
    c.completed_contacts = 10;
    assert_int_equal(read_fig(&c, FIG_DONE, &v), FIGURE_KNOWN);
    assert_int_equal(v, 6);
    char buf[8];
    figure_format(FIGURE_NOT_PUBLISHED, 0, buf, sizeof buf);
    assert_string_equal(buf, "n/a");
    figure_format(FIGURE_KNOWN, 0, buf, sizeof buf);
    assert_string_equal(buf, "0");
}

/* live-status: the request goes to the other prefix; the summary
 * becomes figures (FAIL = failed + busy + no_answer, PEND = queued). */
static void test_live_status(void **state)
{
    (void)state;
    driver_ctx_t ctx = {.base_url = "http://127.0.0.1:9", .api_key = "k"};
    api_request_t req;
    api_error_t err;
    assert_true(driver_omnidim.build_live_status(&ctx, "314", &req, &err));
    assert_string_equal(req.url, "http://127.0.0.1:9/api/v1/bulk-call/314/live-status");
    assert_true(req.idempotent);
    api_request_free(&req);
    const char *body = "{\"status\":\"success\",\"bulk_call_id\":314,\"campaign_status\":"
                       "\"in_progress\",\"summary\":{\"total_contacts\":100,\"queued\":40,"
                       "\"in_progress\":5,\"completed\":30,\"failed\":10,\"busy\":7,"
                       "\"no_answer\":8}}";
    api_response_t r = resp(200, body);
    model_campaign_t c;
    assert_true(omnidim_parse_live(&r, &c, &err));
    assert_string_equal(c.id, "314");
    assert_int_equal(c.state, CAMPAIGN_ACTIVE);
    long v;
    assert_int_equal(read_fig(&c, FIG_RUN, &v), FIGURE_KNOWN);
    assert_int_equal(v, 5);
    assert_int_equal(read_fig(&c, FIG_FAIL, &v), FIGURE_KNOWN);
    assert_int_equal(v, 25);
    assert_int_equal(read_fig(&c, FIG_PEND, &v), FIGURE_KNOWN);
    assert_int_equal(v, 40);
    assert_int_equal(read_fig(&c, FIG_TOTAL, &v), FIGURE_KNOWN);
    assert_int_equal(v, 100);
    model_campaign_free(&c);
    api_response_t bad = resp(200, "{\"status\":\"success\"}");
    assert_false(omnidim_parse_live(&bad, &c, &err));
    assert_int_equal(err.kind, API_ERR_PARSE);
    model_campaign_free(&c);
}

/* The contacts' server-side state filter in each provider's spelling,
 * and none where the provider cannot filter by that state. */
static void test_contact_filter_values(void **state)
{
    (void)state;
    assert_string_equal(driver_omnidim.contact_filter_value(CONTACT_FAILED), "Failed");
    assert_string_equal(driver_omnidim.contact_filter_value(CONTACT_NO_ANSWER), "no-answer");
    assert_null(driver_omnidim.contact_filter_value(CONTACT_QUEUED)); /* "Pending" covers it */
    assert_string_equal(driver_truedy.contact_filter_value(CONTACT_FAILED), "failed");
    assert_null(driver_truedy.contact_filter_value(CONTACT_NO_ANSWER));
    assert_null(driver_sarvam.contact_filter_value);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_omnidim_list_row),
        cmocka_unit_test(test_truedy_batch),
        cmocka_unit_test(test_sarvam_needs_receiver),
        cmocka_unit_test(test_live_status),
        cmocka_unit_test(test_contact_filter_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
