/* OmniDim driver, the replies it reads (API.md, WIRE.md): tolerant
 * parsing of lists, details, lines, actions and creates, every error
 * shape, and malformed bodies that must become typed errors with nothing
 * half-filled left behind. The requests are
 * test_driver_omnidim_requests.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "contactsrc.h"
#include "drvcheck.h"
#include "driver.h"
#include "jsonget.h"
#include "omnidim_fix.h"

/* --- campaign list ---------------------------------------------------------- */

static const char LIST_BODY[] =
    "{\"status\":\"success\",\"total_records\":120,\"records\":["
    "{\"id\":314,\"name\":\"Renewals\",\"status\":\"in_progress\",\"is_scheduled\":false,"
    "\"scheduled_datetime\":null,\"timezone\":\"UTC\",\"concurrent_call_limit\":5,"
    "\"total_calls\":200,\"completed_calls\":80,\"total_calls_made\":90,"
    "\"total_pending_calls\":110,\"total_not_reachable_calls\":3,\"failed_reason\":false,"
    "\"create_date\":\"03/15/2026 09:30:00\",\"retry_limit\":2,\"surprise\":{\"x\":1}},"
    "{\"id\":\"315\",\"name\":null,\"status\":\"Paused\",\"failed_reason\":\"carrier down\","
    "\"total_calls\":\"12\",\"scheduled_datetime\":\"2026-12-25 10:00:00\"},"
    "{\"id\":316}"
    "]}";

/* scheduled_datetime is wall-clock time in the campaign's zone: 10:00 in
 * New York on 25 December is 15:00 UTC; an unknown zone leaves it unknown. */
static void test_parse_list_reads_schedule_in_campaign_zone(void **state)
{
    (void)state;
    api_response_t rs = resp(200,
        "{\"status\":\"success\",\"total_records\":2,\"records\":["
        "{\"id\":1,\"status\":\"scheduled\",\"scheduled_datetime\":\"2026-12-25 10:00:00\","
        "\"timezone\":\"America/New_York\"},"
        "{\"id\":2,\"status\":\"scheduled\",\"scheduled_datetime\":\"2026-12-25 10:00:00\","
        "\"timezone\":\"Mars/Olympus_Mons\"}]}");
    api_page_t page;
    api_page_first(&page, 0);
    api_campaign_page_t out;
    api_error_t e;
    assert_true(D->parse_list_campaigns(&rs, &page, &out, &e));
    assert_int_equal(out.n, 2);
    assert_int_equal(out.items[0].scheduled_epoch, 1798210800);
    assert_string_equal(out.items[0].scheduled_at, "2026-12-25 10:00:00");
    assert_int_equal(out.items[1].scheduled_epoch, 0);
    api_campaign_page_free(&out);
}

static void test_parse_list(void **state)
{
    (void)state;
    api_response_t rs = resp(200, LIST_BODY);
    api_page_t page;
    api_page_first(&page, 0);
    api_campaign_page_t out;
    api_error_t e;
    assert_true(D->parse_list_campaigns(&rs, &page, &out, &e));
    assert_int_equal(out.n, 3);
    assert_int_equal(out.total, 120);
    assert_false(out.next.end);
    assert_int_equal(out.next.page, 2);

    model_campaign_t *c = &out.items[0];
    assert_string_equal(c->id, "314");
    assert_string_equal(c->name, "Renewals");
    assert_int_equal(c->state, CAMPAIGN_ACTIVE);
    assert_string_equal(c->raw_state, "in_progress");
    assert_null(c->failure_reason); /* false means none */
    assert_int_equal(c->total_contacts, 200);
    assert_int_equal(c->completed_contacts, 80);
    assert_int_equal(c->concurrency, 5);
    assert_int_equal(c->retry_limit, 2);
    assert_false(c->counts_known);
    assert_int_equal(c->counts[CONTACT_PENDING], 110);
    assert_int_equal(c->created_epoch, 1773567000); /* 2026-03-15 09:30:00 UTC */
    assert_null(c->scheduled_at);
    assert_non_null(strstr(c->raw_json, "\"surprise\""));

    c = &out.items[1];
    assert_string_equal(c->id, "315");
    assert_null(c->name);
    assert_int_equal(c->state, CAMPAIGN_PAUSED);
    assert_string_equal(c->raw_state, "Paused");
    assert_string_equal(c->failure_reason, "carrier down");
    assert_int_equal(c->total_contacts, 12);
    assert_string_equal(c->scheduled_at, "2026-12-25 10:00:00");
    assert_int_equal(c->scheduled_epoch, 1798192800);

    c = &out.items[2];
    assert_int_equal(c->state, CAMPAIGN_UNKNOWN);
    assert_null(c->raw_state);
    assert_int_equal(c->total_contacts, -1);
    assert_int_equal(c->concurrency, -1);
    api_campaign_page_free(&out);
}

static void test_list_last_page(void **state)
{
    (void)state;
    api_response_t rs = resp(200, "{\"total_records\":120,\"records\":[{\"id\":1}]}");
    api_page_t page;
    api_page_first(&page, 0);
    page.page = 3;
    api_campaign_page_t out;
    api_error_t e;
    assert_true(D->parse_list_campaigns(&rs, &page, &out, &e));
    assert_true(out.next.end);
    api_campaign_page_free(&out);
    /* No total: a short page ends the list. */
    rs = resp(200, "{\"records\":[{\"id\":1}]}");
    page.page = 1;
    assert_true(D->parse_list_campaigns(&rs, &page, &out, &e));
    assert_int_equal(out.total, -1);
    assert_true(out.next.end);
    api_campaign_page_free(&out);
    rs = resp(200, "{\"records\":[]}");
    assert_true(D->parse_list_campaigns(&rs, &page, &out, &e));
    assert_int_equal(out.n, 0);
    assert_true(out.next.end);
    api_campaign_page_free(&out);
}

static void expect_skipped(const char *body, const char *needle)
{
    api_response_t rs = resp(200, body);
    api_page_t page;
    api_page_first(&page, 0);
    api_campaign_page_t out;
    api_error_t e;
    assert_true(D->parse_list_campaigns(&rs, &page, &out, &e));
    assert_int_equal(out.n, 1);
    assert_int_equal(out.skipped, 1);
    if (!strstr(out.skip_note, needle))
        fail_msg("note \"%s\" lacks \"%s\"", out.skip_note, needle);
    api_campaign_page_free(&out);
}

static void expect_parse_error(const char *body, const char *needle)
{
    api_response_t rs = resp(200, body);
    api_page_t page;
    api_page_first(&page, 0);
    api_campaign_page_t out;
    api_error_t e;
    assert_false(D->parse_list_campaigns(&rs, &page, &out, &e));
    assert_int_equal(e.kind, API_ERR_PARSE);
    assert_null(out.items);
    assert_int_equal(out.n, 0);
    if (needle && !strstr(e.message, needle))
        fail_msg("message \"%s\" lacks \"%s\"", e.message, needle);
    api_campaign_page_free(&out);
}

static void test_list_malformed(void **state)
{
    (void)state;
    expect_parse_error("<html><body>Bad gateway</body></html>", "not JSON");
    expect_parse_error("", "empty");
    expect_parse_error("{\"records\":[{\"id\":1},", "not JSON");
    expect_parse_error("[1,2,3]", "object");
    expect_parse_error("{\"status\":\"success\"}", "records");
    expect_parse_error("{\"records\":{\"id\":1}}", "records");
    /* issue 14: one unusable record is skipped with a note, not the page */
    expect_skipped("{\"records\":[{\"id\":1},{\"name\":\"no id\"}]}", "record 2 has no id");
    expect_skipped("{\"records\":[{\"id\":1},42]}", "not an object");
    expect_parse_error("{\"records\":[{\"id\":1.5}]}", "no id");
    expect_parse_error("null", "object");
}

/* --- details ---------------------------------------------------------------- */

static void test_parse_details(void **state)
{
    (void)state;
    api_response_t rs = resp(200,
        "{\"status\":\"success\",\"details\":{\"id\":314,\"name\":\"R\",\"status\":\"paused\","
        "\"timezone\":\"Asia/Kolkata\",\"retry_limit\":1,\"failed_calls\":2,"
        "\"call_status_counts\":{\"Pending\":3,\"In Progress\":1,\"completed\":4,"
        "\"voicemail_detected\":1,\"no-answer\":2,\"busy\":1,\"Failed\":2,\"Skipped\":0,"
        "\"retry_scheduled\":1,\"cancelled\":0,\"mystery\":5}},"
        "\"contact_list\":[{\"to_number\":\"+1\"},{\"to_number\":\"+2\"}]}");
    model_campaign_t c;
    api_error_t e;
    assert_true(D->parse_get_campaign(&rs, &c, &e));
    assert_string_equal(c.id, "314");
    assert_int_equal(c.state, CAMPAIGN_PAUSED);
    assert_true(c.counts_known);
    assert_int_equal(c.counts[CONTACT_PENDING], 3);
    assert_int_equal(c.counts[CONTACT_IN_PROGRESS], 1);
    assert_int_equal(c.counts[CONTACT_COMPLETED], 4);
    assert_int_equal(c.counts[CONTACT_VOICEMAIL], 1);
    assert_int_equal(c.counts[CONTACT_NO_ANSWER], 2);
    assert_int_equal(c.counts[CONTACT_FAILED], 2);
    assert_int_equal(c.counts[CONTACT_RETRY_SCHEDULED], 1);
    assert_int_equal(c.counts[CONTACT_UNKNOWN], 5);
    assert_int_equal(c.total_contacts, 2); /* from contact_list when total_calls is absent */
    assert_string_equal(c.timezone, "Asia/Kolkata");
    model_campaign_free(&c);

    rs = resp(200, "{\"status\":\"success\",\"details\":[]}");
    assert_false(D->parse_get_campaign(&rs, &c, &e));
    assert_int_equal(e.kind, API_ERR_PARSE);
    assert_null(c.id);
    model_campaign_free(&c);
}

/* --- lines ------------------------------------------------------------------ */

static void test_parse_lines(void **state)
{
    (void)state;
    api_response_t rs = resp(200,
        "{\"records\":[{\"id\":9,\"to_number\":\"+15551234567\",\"call_status\":\"no-answer\","
        "\"attempts\":2,\"last_attempt_at\":\"03/15/2026 09:31:05\",\"call_duration\":0,"
        "\"failure_reason\":false,\"context\":{\"customer_name\":\"Ann\",\"tier\":2}},"
        "{\"to_number\":\"+15550000000\",\"call_status\":\"In Progress\",\"last_attempt_at\":null,"
        "\"failure_reason\":\"busy line\",\"context\":null}],"
        "\"next_cursor\":\"opaque==\",\"total_records\":31}");
    api_page_t page;
    api_page_first(&page, 0);
    api_contact_page_t out;
    api_error_t e;
    assert_true(D->parse_list_contacts(&rs, &page, &out, &e));
    assert_int_equal(out.n, 2);
    assert_int_equal(out.total, 31);
    assert_false(out.next.end);
    assert_string_equal(out.next.cursor, "opaque==");
    model_contact_t *c = &out.items[0];
    assert_string_equal(c->id, "9");
    assert_string_equal(c->phone, "+15551234567");
    assert_int_equal(c->state, CONTACT_NO_ANSWER);
    assert_string_equal(c->raw_state, "no-answer");
    assert_int_equal(c->attempts, 2);
    assert_int_equal(c->last_attempt, 1773567065);
    assert_int_equal(c->duration_s, 0);
    assert_null(c->failure_reason);
    assert_int_equal(c->nvars, 2);
    assert_string_equal(c->vars[0].key, "customer_name");
    assert_string_equal(c->vars[0].value, "Ann");
    assert_string_equal(c->vars[1].value, "2");
    c = &out.items[1];
    assert_string_equal(c->id, "+15550000000");
    assert_int_equal(c->state, CONTACT_IN_PROGRESS);
    assert_int_equal(c->attempts, -1);
    assert_int_equal(c->last_attempt, 0);
    assert_string_equal(c->failure_reason, "busy line");
    assert_int_equal(c->nvars, 0);
    api_contact_page_free(&out);

    rs = resp(200, "{\"records\":[],\"next_cursor\":null}");
    assert_true(D->parse_list_contacts(&rs, &page, &out, &e));
    assert_true(out.next.end);
    assert_int_equal(out.total, -1);
    api_contact_page_free(&out);

    rs = resp(200, "{\"records\":[{\"call_status\":\"busy\"}]}");
    assert_false(D->parse_list_contacts(&rs, &page, &out, &e));
    assert_int_equal(e.kind, API_ERR_PARSE);
    assert_null(out.items);

    rs = resp(200, "{\"rows\":[]}");
    assert_false(D->parse_list_contacts(&rs, &page, &out, &e));
    assert_int_equal(e.kind, API_ERR_PARSE);
}

/* --- actions and create ----------------------------------------------------- */

static void test_parse_action_and_create(void **state)
{
    (void)state;
    api_response_t rs = resp(200, "{\"status\":\"success\",\"message\":\"Bulk call paused successfully\","
                                  "\"current_status\":\"paused\"}");
    api_action_result_t a;
    api_error_t e;
    assert_true(D->parse_action(&rs, ACTION_PAUSE, &a, &e));
    assert_int_equal(a.state, CAMPAIGN_PAUSED);
    assert_string_equal(a.raw_state, "paused");
    assert_string_equal(a.message, "Bulk call paused successfully");

    rs = resp(200, "{\"status\":\"success\"}");
    assert_true(D->parse_action(&rs, ACTION_RESUME, &a, &e));
    assert_int_equal(a.state, CAMPAIGN_UNKNOWN);

    /* 200 but success:false is not a success. */
    rs = resp(200, "{\"success\":false,\"error\":\"Cannot resume a campaign that is active\"}");
    assert_false(D->parse_action(&rs, ACTION_RESUME, &a, &e));
    assert_int_equal(e.kind, API_ERR_REFUSED);
    assert_non_null(strstr(e.message, "active"));

    rs = resp(200, "{\"status\":\"success\",\"id\":314,\"is_scheduled\":false,\"current_status\":\"pending\"}");
    api_created_t cr;
    assert_true(D->parse_create(&rs, &cr, &e));
    assert_string_equal(cr.id, "314");
    assert_int_equal(cr.state, CAMPAIGN_PENDING);

    rs = resp(200, "{\"status\":\"success\",\"id\":null}");
    assert_false(D->parse_create(&rs, &cr, &e));
    assert_int_equal(e.kind, API_ERR_PARSE);
    assert_string_equal(cr.id, "");
}

/* --- errors ----------------------------------------------------------------- */

static void test_error_shapes(void **state)
{
    (void)state;
    api_page_t page;
    api_page_first(&page, 0);
    api_campaign_page_t out;
    api_error_t e;
    api_action_result_t a;

    api_response_t rs = resp(401, "{\"error\":\"unauthorized\",\"error_description\":\"Invalid API key\"}");
    assert_false(D->parse_list_campaigns(&rs, &page, &out, &e));
    assert_int_equal(e.kind, API_ERR_AUTH);
    assert_int_equal(e.http_status, 401);
    assert_non_null(strstr(e.message, "Invalid API key"));
    assert_null(strstr(e.message, "sk-omni"));

    rs = resp(403, "{\"error\":\"forbidden\"}");
    assert_false(D->parse_list_campaigns(&rs, &page, &out, &e));
    assert_int_equal(e.kind, API_ERR_AUTH);

    rs = resp(404, "{\"success\":false,\"error\":\"Bulk call not found\"}");
    assert_false(D->parse_action(&rs, ACTION_PAUSE, &a, &e));
    assert_int_equal(e.kind, API_ERR_NOT_FOUND);
    assert_non_null(strstr(e.message, "Bulk call not found"));

    rs = resp(409, "{\"success\":false,\"error\":\"Cannot pause a campaign that is completed\"}");
    assert_false(D->parse_action(&rs, ACTION_PAUSE, &a, &e));
    assert_int_equal(e.kind, API_ERR_REFUSED);
    assert_non_null(strstr(e.message, "Cannot pause a campaign that is completed"));

    rs = resp(400, "{\"success\":false,\"error\":\"Cannot resume a campaign that is cancelled\"}");
    assert_false(D->parse_action(&rs, ACTION_RESUME, &a, &e));
    assert_int_equal(e.kind, API_ERR_REFUSED);

    rs = resp(400, "{\"success\":false,\"error\":\"new_scheduled_datetime must be in the future\"}");
    assert_false(D->parse_action(&rs, ACTION_RESCHEDULE, &a, &e));
    assert_int_equal(e.kind, API_ERR_VALIDATION);
    assert_non_null(strstr(e.message, "new_scheduled_datetime"));

    rs = resp(429, "{\"success\":false,\"error\":\"rate limited\"}");
    rs.retry_after_s = 7;
    assert_false(D->parse_list_campaigns(&rs, &page, &out, &e));
    assert_int_equal(e.kind, API_ERR_RATE_LIMITED);
    assert_int_equal(e.retry_after_s, 7);
    rs.retry_after_s = -1;
    assert_false(D->parse_list_campaigns(&rs, &page, &out, &e));
    assert_int_equal(e.retry_after_s, -1); /* caller backs off on its own */

    rs = resp(503, "<html>Service Unavailable</html>");
    assert_false(D->parse_list_campaigns(&rs, &page, &out, &e));
    assert_int_equal(e.kind, API_ERR_SERVER);
    assert_non_null(strstr(e.message, "Service Unavailable"));

    rs = resp(500, "");
    assert_false(D->parse_list_campaigns(&rs, &page, &out, &e));
    assert_int_equal(e.kind, API_ERR_SERVER);
    assert_non_null(strstr(e.message, "500"));

    rs = resp(405, "{\"success\":false,\"error\":\"Method not allowed\"}");
    assert_false(D->parse_action(&rs, ACTION_CANCEL, &a, &e));
    assert_int_equal(e.kind, API_ERR_UNSUPPORTED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_list),
        cmocka_unit_test(test_parse_list_reads_schedule_in_campaign_zone),
        cmocka_unit_test(test_list_last_page),
        cmocka_unit_test(test_list_malformed),
        cmocka_unit_test(test_parse_details),
        cmocka_unit_test(test_parse_lines),
        cmocka_unit_test(test_parse_action_and_create),
        cmocka_unit_test(test_error_shapes),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
