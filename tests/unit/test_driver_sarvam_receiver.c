/* The Sarvam driver's reads that go to the webhook receiver and the
 * cohorts (api/sarvam_receiver.c), on fixtures shaped like `dialtop hooks`
 * answers: the refusal without a receiver, the receiver's URLs and bearer
 * token, contact rows, and the figures composed from cohorts + summary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"

static const driver_t *D;
static const driver_ctx_t BARE = {.base_url = "http://127.0.0.1:9", .api_key = "sv-key-9876",
                                  .org_id = "org 1", .workspace_id = "ws_2"};
static const driver_ctx_t HOOKED = {.base_url = "http://127.0.0.1:9", .api_key = "sv-key-9876",
                                    .org_id = "org 1", .workspace_id = "ws_2",
                                    .hooks_url = "https://hooks.example.com",
                                    .hooks_token = "tok-0123456789abcdef"};
#define PREFIX "http://127.0.0.1:9/api/scheduling/v1/orgs/org%201/workspaces/ws_2"

static api_response_t resp(long status, const char *body)
{
    api_response_t r = {.status = status, .body = body, .body_len = body ? strlen(body) : 0,
                        .retry_after_s = -1, .received_at = 0};
    return r;
}

static int setup(void **state)
{
    (void)state;
    D = driver_for(PROVIDER_SARVAM);
    return D ? 0 : -1;
}

static void test_no_receiver_is_refused(void **state)
{
    (void)state;
    api_page_t page;
    api_page_first(&page, 0);
    api_request_t r;
    api_error_t e;
    api_request_init(&r);
    assert_false(D->build_list_contacts(&BARE, "cmp_ab", &page, NULL, &r, &e));
    assert_int_equal(e.kind, API_ERR_UNSUPPORTED);
    assert_string_equal(e.message, "Sarvam reports per-contact outcomes only by webhook: run "
                                   "`dialtop hooks` and set hooks_url");
    assert_null(r.url);
    /* figures without a receiver: the cohorts only */
    assert_int_equal(D->figure_parts(&BARE), 1);
    assert_int_equal(D->figure_parts(&HOOKED), 2);
    assert_false(D->build_figures(&BARE, "cmp_ab", 1, 0, &r, &e));
    assert_int_equal(e.kind, API_ERR_UNSUPPORTED);
}

static void test_receiver_requests(void **state)
{
    (void)state;
    api_page_t page;
    api_page_first(&page, 0);
    page.offset = 100;
    api_request_t r;
    api_error_t e;
    assert_true(D->build_list_contacts(&HOOKED, "cmp/ab", &page, "no_answer", &r, &e));
    assert_int_equal(r.method, HTTP_GET);
    assert_true(r.idempotent);
    assert_string_equal(r.url, "https://hooks.example.com/sarvam/campaigns/cmp%2Fab/attempts"
                               "?offset=100&limit=50&state=no_answer");
    assert_string_equal(r.headers[r.secret_header], "Authorization: Bearer tok-0123456789abcdef");
    for (size_t i = 0; i < r.nheaders; i++)
        assert_null(strstr(r.headers[i], "sv-key")); /* Sarvam's key never goes to the receiver */
    api_request_free(&r);

    assert_true(D->build_figures(&HOOKED, "cmp_ab", 0, 0, &r, &e));
    assert_string_equal(r.url, PREFIX "/campaigns/cmp_ab/cohorts?offset=0&limit=100&sort_order=asc");
    assert_string_equal(r.headers[r.secret_header], "X-API-Key: sv-key-9876");
    api_request_free(&r);
    assert_true(D->build_figures(&HOOKED, "cmp_ab", 1, 0, &r, &e));
    assert_string_equal(r.url, "https://hooks.example.com/sarvam/campaigns/cmp_ab/summary");
    assert_string_equal(r.headers[r.secret_header], "Authorization: Bearer tok-0123456789abcdef");
    for (size_t i = 0; i < r.nheaders; i++)
        assert_null(strstr(r.headers[i], "sv-key"));
    api_request_free(&r);
    assert_false(D->build_figures(&HOOKED, "cmp_ab", 2, 0, &r, &e));
}

static void test_parse_receiver_rows(void **state)
{
    (void)state;
    api_response_t rs = resp(200,
        "{\"items\":[{\"attempt_id\":\"att_2\",\"campaign_id\":\"c\",\"user_phone_number\":\"+919800000001\","
        "\"user_identifier\":\"u1\",\"completion_status\":\"completed\",\"connectivity_status\":\"connected\","
        "\"next_action_status\":null,\"duration\":61,\"failure_reason\":null,"
        "\"final_agent_variables\":{\"outcome\":\"paid\"},\"state\":\"completed\",\"attempts\":2,"
        "\"last_attempt_at\":\"2026-01-01T09:00:00Z\"},"
        "{\"attempt_id\":\"att_3\",\"user_phone_number\":\"+919800000002\",\"completion_status\":\"failed\","
        "\"connectivity_status\":\"busy\",\"next_action_status\":\"business_retry\",\"state\":\"retry_scheduled\","
        "\"attempts\":1,\"failure_reason\":\"line busy\"},"
        "{\"attempt_id\":\"att_4\",\"user_phone_number\":\"+919800000003\",\"completion_status\":\"failed\","
        "\"connectivity_status\":\"no_answer\",\"attempts\":1}],"
        "\"total\":3,\"limit\":50,\"offset\":0,\"next_page_uri\":null,\"prev_page_uri\":null}");
    api_page_t page;
    api_page_first(&page, 0);
    api_contact_page_t out;
    api_error_t e;
    assert_true(D->parse_list_contacts(&rs, &page, &out, &e));
    assert_int_equal(out.n, 3);
    assert_true(out.next.end);
    assert_int_equal(out.total, 3);
    assert_string_equal(out.items[0].id, "u1");
    assert_string_equal(out.items[0].phone, "+919800000001");
    assert_int_equal(out.items[0].state, CONTACT_COMPLETED);
    assert_string_equal(out.items[0].raw_state, "completed/connected");
    assert_int_equal(out.items[0].attempts, 2);
    assert_int_equal(out.items[0].duration_s, 61);
    assert_true(out.items[0].last_attempt > 0);
    assert_string_equal(out.items[0].vars[0].value, "paid");
    assert_string_equal(out.items[1].id, "+919800000002"); /* no identifier: the number */
    assert_int_equal(out.items[1].state, CONTACT_RETRY_SCHEDULED);
    assert_string_equal(out.items[1].raw_state, "failed/busy/business_retry");
    assert_string_equal(out.items[1].failure_reason, "line busy");
    /* no "state" from the receiver: the model's table decides */
    assert_int_equal(out.items[2].state, CONTACT_NO_ANSWER);
    api_contact_page_free(&out);

    /* a wrong token: the message names the receiver's token, not Sarvam's key */
    rs = resp(401, "{\"error\":{\"message\":\"reading needs Authorization\",\"code\":\"unauthorized\"}}");
    assert_false(D->parse_list_contacts(&rs, &page, &out, &e));
    assert_int_equal(e.kind, API_ERR_AUTH);
    assert_non_null(strstr(e.message, "hooks receiver"));
    assert_non_null(strstr(e.message, "hooks_token"));
}

static void test_figures_compose(void **state)
{
    (void)state;
    long next = -1;
    model_campaign_t c;
    model_campaign_init(&c);
    api_error_t e;
    api_response_t rs = resp(200,
        "{\"items\":[{\"cohort_id\":\"h1\",\"status\":\"completed\",\"result\":{\"total_records\":1000,"
        "\"valid_records\":990,\"rejected_records\":10}},{\"cohort_id\":\"h2\",\"status\":\"completed\","
        "\"result\":{\"total_records\":10,\"valid_records\":10,\"rejected_records\":0}}],\"total\":2}");
    assert_true(D->parse_figures(&rs, 0, 0, &c, &next, &e));
    assert_int_equal(c.total_contacts, 1000);
    assert_int_equal(next, 0); /* total 2, both here: no further page */
    rs = resp(200, "{\"campaign_id\":\"c\",\"contacts\":300,\"attempts\":420,\"by_state\":{\"completed\":200,"
                   "\"no_answer\":50,\"busy\":20,\"failed\":10,\"retry_scheduled\":15,\"in_progress\":5,"
                   "\"voicemail\":0},\"updated_at\":\"2026-01-01T09:00:00Z\"}");
    assert_true(D->parse_figures(&rs, 1, 0, &c, &next, &e));
    assert_true(c.counts_known);
    assert_int_equal(c.counts[CONTACT_COMPLETED], 200);
    assert_int_equal(c.counts[CONTACT_RETRY_SCHEDULED], 15);
    assert_int_equal(c.counts[CONTACT_PENDING], 700); /* 1000 - 300 heard of */
    assert_int_equal(c.completed_contacts, 280);      /* final outcomes */
    long sum = 0;
    for (int s = 0; s < CONTACT_STATE_COUNT; s++)
        sum += c.counts[s];
    assert_int_equal(sum, 1000);
    model_campaign_free(&c);

    /* no cohorts (or one still processing): total unknown, counts partial */
    model_campaign_init(&c);
    rs = resp(200, "{\"items\":[{\"cohort_id\":\"h1\",\"status\":\"processing\",\"result\":null}]}");
    assert_true(D->parse_figures(&rs, 0, 0, &c, &next, &e));
    assert_int_equal(c.total_contacts, -1);
    rs = resp(200, "{\"campaign_id\":\"c\",\"contacts\":3,\"attempts\":3,\"by_state\":{\"completed\":3}}");
    assert_true(D->parse_figures(&rs, 1, 0, &c, &next, &e));
    assert_false(c.counts_known);
    assert_int_equal(c.counts[CONTACT_COMPLETED], 3);
    model_campaign_free(&c);

    /* contacts never heard of: dropped once cancelled, skipped once ended */
    const struct {
        campaign_state_t st;
        contact_state_t unheard;
    } ends[] = {{CAMPAIGN_CANCELLED, CONTACT_CANCELLED}, {CAMPAIGN_ENDED, CONTACT_SKIPPED},
                {CAMPAIGN_PAUSED, CONTACT_PENDING}};
    for (size_t i = 0; i < 3; i++) {
        model_campaign_init(&c);
        c.state = ends[i].st;
        c.total_contacts = 10;
        rs = resp(200, "{\"campaign_id\":\"c\",\"contacts\":4,\"attempts\":4,\"by_state\":{\"completed\":4}}");
        assert_true(D->parse_figures(&rs, 1, 0, &c, &next, &e));
        assert_int_equal(c.counts[ends[i].unheard], 6);
        assert_int_equal(c.counts[CONTACT_COMPLETED], 4);
        model_campaign_free(&c);
    }

    /* a summary of the wrong shape is an error, not zeros */
    model_campaign_init(&c);
    rs = resp(200, "{\"campaign_id\":\"c\"}");
    assert_false(D->parse_figures(&rs, 1, 0, &c, &next, &e));
    assert_int_equal(e.kind, API_ERR_PARSE);
    rs = resp(200, "[1]");
    assert_false(D->parse_figures(&rs, 0, 0, &c, &next, &e));
    model_campaign_free(&c);
}

static void test_list_figures(void **state)
{
    (void)state;
    api_request_t r;
    api_error_t e;
    assert_false(D->build_list_figures(&BARE, &r, &e));
    assert_int_equal(e.kind, API_ERR_UNSUPPORTED);
    assert_true(D->build_list_figures(&HOOKED, &r, &e));
    assert_string_equal(r.url, "https://hooks.example.com/sarvam/summaries");
    assert_string_equal(r.headers[r.secret_header], "Authorization: Bearer tok-0123456789abcdef");
    api_request_free(&r);

    model_campaign_t rows[3];
    const char *ids[3] = {"c_b", "c_a", "c_never"};
    for (int i = 0; i < 3; i++) {
        model_campaign_init(&rows[i]);
        rows[i].id = strdup(ids[i]);
    }
    rows[0].total_contacts = 10; /* from cached cohorts */
    rows[2].total_contacts = 5;
    api_response_t rs = resp(200,
        "{\"items\":[{\"campaign_id\":\"c_a\",\"contacts\":2,\"attempts\":2,\"by_state\":{\"busy\":2}},"
        "{\"campaign_id\":\"c_b\",\"contacts\":4,\"attempts\":6,\"by_state\":{\"completed\":3,"
        "\"retry_scheduled\":1}},{\"campaign_id\":\"elsewhere\",\"contacts\":1,\"by_state\":{}}]}");
    assert_true(D->parse_list_figures(&rs, rows, 3, &e));
    /* c_b: counts with pending from its total */
    assert_true(rows[0].counts_known);
    assert_int_equal(rows[0].counts[CONTACT_COMPLETED], 3);
    assert_int_equal(rows[0].counts[CONTACT_RETRY_SCHEDULED], 1);
    assert_int_equal(rows[0].counts[CONTACT_PENDING], 6);
    assert_int_equal(rows[0].completed_contacts, 3);
    /* c_a: counts, total unknown: partial */
    assert_false(rows[1].counts_known);
    assert_int_equal(rows[1].counts[CONTACT_BUSY], 2);
    /* never heard of, total known: all pending */
    assert_true(rows[2].counts_known);
    assert_int_equal(rows[2].counts[CONTACT_PENDING], 5);
    assert_int_equal(rows[2].completed_contacts, 0);
    for (int i = 0; i < 3; i++)
        model_campaign_free(&rows[i]);

    rs = resp(401, "{\"error\":{\"message\":\"no\",\"code\":\"unauthorized\"}}");
    model_campaign_init(&rows[0]);
    assert_false(D->parse_list_figures(&rs, rows, 1, &e));
    assert_int_equal(e.kind, API_ERR_AUTH);
    assert_false(rows[0].counts_known);
    model_campaign_free(&rows[0]);
}

static void test_detail_hides_webhook_token(void **state)
{
    (void)state;
    const struct {
        const char *url, *shown;
    } cases[] = {
        {"https://hooks.example.com:8443/sarvam/tok-0123456789abcdef",
         "https://hooks.example.com:8443/sarvam/(token hidden)"},
        {"https://other.example.com/in/secret-path?k=secret", "https://other.example.com/(hidden)"},
    };
    for (size_t i = 0; i < 2; i++) {
        char body[512];
        snprintf(body, sizeof body,
                 "{\"campaign_id\":\"c1\",\"name\":\"N\",\"status\":\"active\","
                 "\"app_config\":{\"webhook_config\":{\"url\":\"%s\",\"metadata\":{}}}}",
                 cases[i].url);
        api_response_t rs = resp(200, body);
        model_campaign_t c;
        api_error_t e;
        assert_true(D->parse_get_campaign(&rs, &c, &e));
        assert_null(strstr(c.raw_json, "secret"));
        assert_null(strstr(c.raw_json, "tok-0123456789abcdef"));
        assert_non_null(strstr(c.raw_json, cases[i].shown));
        model_campaign_free(&c);
    }
}

/* Sarvam lists cohorts 100 a page at most: the total is the sum over
 * every page, each asked for at the offset the last one ended. */
static void test_cohort_pages(void **state)
{
    (void)state;
    api_request_t r;
    api_error_t e;
    assert_true(D->build_figures(&BARE, "cmp_ab", 0, 200, &r, &e));
    assert_string_equal(r.url, PREFIX "/campaigns/cmp_ab/cohorts?offset=200&limit=100&sort_order=asc");
    api_request_free(&r);

    char body[20000];
    model_campaign_t c;
    model_campaign_init(&c);
    long offset = 0, next = 0;
    for (int page = 0; page < 3; page++) {
        int n = page < 2 ? 100 : 50;
        size_t used = (size_t)snprintf(body, sizeof body, "{\"items\":[");
        for (int i = 0; i < n; i++)
            used += (size_t)snprintf(body + used, sizeof body - used,
                                     "%s{\"cohort_id\":\"h%d\",\"result\":{\"total_records\":10,"
                                     "\"valid_records\":9,\"rejected_records\":1}}",
                                     i ? "," : "", page * 100 + i);
        snprintf(body + used, sizeof body - used, "],\"total\":250,\"limit\":100,\"offset\":%ld}",
                 offset);
        api_response_t rs = resp(200, body);
        assert_true(D->parse_figures(&rs, 0, offset, &c, &next, &e));
        if (page < 2) {
            assert_int_equal(next, offset + 100);
            offset = next;
        } else {
            assert_int_equal(next, 0);
        }
    }
    assert_int_equal(c.total_contacts, 250 * 9);
    model_campaign_free(&c);

    /* next_page_uri null ends the list whatever total says */
    model_campaign_init(&c);
    api_response_t rs = resp(200, "{\"items\":[{\"result\":{\"valid_records\":5}}],\"total\":9,"
                                   "\"next_page_uri\":null}");
    assert_true(D->parse_figures(&rs, 0, 0, &c, &next, &e));
    assert_int_equal(next, 0);
    assert_int_equal(c.total_contacts, 5);
    model_campaign_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_receiver_is_refused),
        cmocka_unit_test(test_receiver_requests),
        cmocka_unit_test(test_parse_receiver_rows),
        cmocka_unit_test(test_figures_compose),
        cmocka_unit_test(test_cohort_pages),
        cmocka_unit_test(test_list_figures),
        cmocka_unit_test(test_detail_hides_webhook_token),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
