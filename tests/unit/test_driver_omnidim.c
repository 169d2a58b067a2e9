/* OmniDim driver on fixtures that follow API.md and WIRE.md: request
 * shapes, tolerant parsing, every error shape, and malformed bodies that
 * must become typed errors with nothing half-filled left behind. */
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

static const driver_t *D;
static const driver_ctx_t CTX = {.base_url = "http://127.0.0.1:9", .api_key = "sk-omni-12345678"};

static api_response_t resp(long status, const char *body)
{
    api_response_t r = {.status = status, .body = body, .body_len = body ? strlen(body) : 0,
                        .retry_after_s = -1, .received_at = 1700000000};
    return r;
}

static int setup(void **state)
{
    (void)state;
    D = driver_for(PROVIDER_OMNIDIM);
    return D ? 0 : -1;
}

static const char *header(const api_request_t *r, const char *prefix)
{
    for (size_t i = 0; i < r->nheaders; i++)
        if (strncmp(r->headers[i], prefix, strlen(prefix)) == 0)
            return r->headers[i];
    return NULL;
}

/* --- requests ------------------------------------------------------------- */

static void test_build_list_url_and_auth(void **state)
{
    (void)state;
    api_page_t page;
    api_page_first(&page, 0);
    page.page = 2;
    api_request_t r;
    api_error_t e;
    assert_true(D->build_list_campaigns(&CTX, &page, "paused", &r, &e));
    assert_int_equal(r.method, HTTP_GET);
    assert_true(r.idempotent);
    assert_string_equal(r.url, "http://127.0.0.1:9/api/v1/calls/bulk_call?pageno=2&pagesize=50&status=paused");
    const char *auth = header(&r, "Authorization:");
    assert_non_null(auth);
    assert_string_equal(auth, "Authorization: Bearer sk-omni-12345678");
    assert_true(r.secret_header >= 0);
    assert_ptr_equal(r.headers[r.secret_header], auth);
    assert_null(r.body);
    api_request_free(&r);
}

static void test_build_page_size_capped(void **state)
{
    (void)state;
    api_page_t page;
    api_page_first(&page, 1000);
    api_request_t r;
    api_error_t e;
    assert_true(D->build_list_campaigns(&CTX, &page, NULL, &r, &e));
    assert_non_null(strstr(r.url, "pagesize=150"));
    api_request_free(&r);
}

static void test_build_lines_escapes_cursor_and_id(void **state)
{
    (void)state;
    api_page_t page;
    api_page_first(&page, 0);
    strcpy(page.cursor, "a b&c=d/e");
    api_request_t r;
    api_error_t e;
    assert_true(D->build_list_contacts(&CTX, "31/4?x", &page, "no-answer", &r, &e));
    /* the total is asked on the first page only (issue 12: on every page
     * it made the provider count a 1M-line campaign per page of a walk) */
    assert_string_equal(r.url, "http://127.0.0.1:9/api/v1/calls/bulk_call/31%2F4%3Fx/lines"
                               "?pagesize=30&cursor=a%20b%26c%3Dd%2Fe&call_status=no-answer");
    api_request_free(&r);
    api_page_first(&page, 0);
    assert_true(D->build_list_contacts(&CTX, "31", &page, NULL, &r, &e));
    assert_non_null(strstr(r.url, "&include_total=true"));
    api_request_free(&r);
}

static void test_build_actions(void **state)
{
    (void)state;
    api_request_t r;
    api_error_t e;
    assert_true(D->build_action(&CTX, "314", CAMPAIGN_ACTIVE, ACTION_PAUSE, NULL, &r, &e));
    assert_int_equal(r.method, HTTP_PUT);
    assert_false(r.idempotent);
    assert_string_equal(r.url, "http://127.0.0.1:9/api/v1/calls/bulk_call/314");
    assert_string_equal(r.body, "{\"action\":\"pause\"}");
    assert_non_null(header(&r, "Content-Type: application/json"));
    api_request_free(&r);

    assert_true(D->build_action(&CTX, "314", CAMPAIGN_PAUSED, ACTION_RESUME, NULL, &r, &e));
    assert_string_equal(r.body, "{\"action\":\"resume\"}");
    api_request_free(&r);

    api_reschedule_t rs = {.when = "2026-12-25 10:00:00", .timezone = "America/New_York"};
    assert_true(D->build_action(&CTX, "314", CAMPAIGN_SCHEDULED, ACTION_RESCHEDULE, &rs, &r, &e));
    assert_string_equal(r.body, "{\"action\":\"reschedule\",\"new_scheduled_datetime\":"
                                "\"2026-12-25 10:00:00\",\"new_timezone\":\"America/New_York\"}");
    api_request_free(&r);

    assert_true(D->build_action(&CTX, "314", CAMPAIGN_ACTIVE, ACTION_CANCEL, NULL, &r, &e));
    assert_int_equal(r.method, HTTP_DELETE);
    assert_false(r.idempotent);
    assert_null(r.body);
    api_request_free(&r);
}

static void test_action_refused_by_model_builds_nothing(void **state)
{
    (void)state;
    api_request_t r;
    api_request_init(&r);
    api_error_t e;
    assert_false(D->build_action(&CTX, "314", CAMPAIGN_COMPLETED, ACTION_PAUSE, NULL, &r, &e));
    assert_int_equal(e.kind, API_ERR_UNSUPPORTED);
    assert_non_null(strstr(e.message, "completed"));
    assert_null(r.url);
    assert_false(D->build_action(&CTX, "314", CAMPAIGN_ACTIVE, ACTION_RESUME, NULL, &r, &e));
    assert_int_equal(e.kind, API_ERR_UNSUPPORTED);
    assert_null(r.url);
}

/* manual_retry and concurrency: API.md section 1's paths and bodies;
 * reasons leave in OmniDim's spelling. */
static void test_build_retry_and_concurrency(void **state)
{
    (void)state;
    api_request_t r;
    api_request_init(&r);
    api_error_t e;
    api_action_args_t g = {{"no_answer", "busy"}, 2, 3, 0};
    assert_true(D->build_action_args(&CTX, "314", CAMPAIGN_COMPLETED, ACTION_RETRY, &g, &r, &e));
    assert_int_equal(r.method, HTTP_POST);
    assert_false(r.idempotent);
    assert_string_equal(r.url, "http://127.0.0.1:9/api/v1/calls/bulk_call/314/manual_retry");
    assert_string_equal(r.body, "{\"retry_strategy\":\"all\",\"max_retries\":3,"
                                "\"failure_reasons\":[\"no-answer\",\"busy\"]}");
    api_request_free(&r);

    api_action_args_t n = {{NULL}, 0, -1, 12};
    assert_true(D->build_action_args(&CTX, "314", CAMPAIGN_ACTIVE, ACTION_CONCURRENCY, &n, &r, &e));
    assert_int_equal(r.method, HTTP_PUT);
    assert_string_equal(r.url, "http://127.0.0.1:9/api/v1/calls/bulk_call/314/concurrency");
    assert_string_equal(r.body, "{\"concurrent_call_limit\":12}");
    api_request_free(&r);

    /* the table first: nothing is built for a cancelled campaign */
    assert_false(D->build_action_args(&CTX, "314", CAMPAIGN_CANCELLED, ACTION_RETRY, &g, &r, &e));
    assert_int_equal(e.kind, API_ERR_UNSUPPORTED);
    assert_null(r.url);
    n.concurrency = 0;
    assert_false(D->build_action_args(&CTX, "314", CAMPAIGN_ACTIVE, ACTION_CONCURRENCY, &n, &r, &e));
    assert_int_equal(e.kind, API_ERR_VALIDATION);
    assert_null(r.url);
    /* the other providers have neither */
    assert_null(driver_truedy.build_action_args);
    assert_null(driver_sarvam.build_action_args);
}

static void test_reschedule_needs_valid_time(void **state)
{
    (void)state;
    api_request_t r;
    api_request_init(&r);
    api_error_t e;
    api_reschedule_t bad = {.when = "25/12/2026 10:00", .timezone = NULL};
    assert_false(D->build_action(&CTX, "314", CAMPAIGN_PAUSED, ACTION_RESCHEDULE, &bad, &r, &e));
    assert_int_equal(e.kind, API_ERR_VALIDATION);
    assert_string_equal(e.field, "new_scheduled_datetime");
    assert_false(D->build_action(&CTX, "314", CAMPAIGN_PAUSED, ACTION_RESCHEDULE, NULL, &r, &e));
    assert_null(r.url);
}

static void test_build_create(void **state)
{
    (void)state;
    model_contact_t ct[2];
    model_contact_init(&ct[0]);
    model_contact_init(&ct[1]);
    ct[0].phone = strdup("+15551234567");
    assert_true(model_contact_add_var(&ct[0], "customer_name", "John \"JD\" Doe"));
    ct[1].phone = strdup("+15559876543");
    api_create_spec_t spec = {.name = "Follow-up",
                              .contact_at = contactsrc_array_at, .contacts_src = ct, .ncontacts = 2,
                              .scheduled_at = "2026-12-25 10:00:00", .timezone = "UTC",
                              .concurrency = 3, .retry_limit = 2,
                              .retry_schedule = RETRY_NEXT_DAY, .phone_number_id = "1"};
    api_request_t r;
    api_error_t e;
    assert_true(D->build_create(&CTX, &spec, &r, &e));
    assert_int_equal(r.method, HTTP_POST);
    assert_string_equal(r.url, "http://127.0.0.1:9/api/v1/calls/bulk_call/create");
    cJSON *j = cJSON_Parse(r.body);
    assert_non_null(j);
    assert_string_equal(cJSON_GetObjectItem(j, "name")->valuestring, "Follow-up");
    assert_string_equal(cJSON_GetObjectItem(j, "phone_number_id")->valuestring, "1");
    cJSON *list = cJSON_GetObjectItem(j, "contact_list");
    assert_int_equal(cJSON_GetArraySize(list), 2);
    cJSON *row0 = cJSON_GetArrayItem(list, 0);
    assert_string_equal(cJSON_GetObjectItem(row0, "phone_number")->valuestring, "+15551234567");
    assert_string_equal(cJSON_GetObjectItem(row0, "customer_name")->valuestring, "John \"JD\" Doe");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(j, "is_scheduled")));
    assert_int_equal(cJSON_GetObjectItem(j, "concurrent_call_limit")->valueint, 3);
    cJSON *rc = cJSON_GetObjectItem(j, "retry_config");
    assert_string_equal(cJSON_GetObjectItem(rc, "auto_retry_schedule")->valuestring, "next_day");
    assert_int_equal(cJSON_GetObjectItem(rc, "retry_limit")->valueint, 2);
    cJSON_Delete(j);
    api_request_free(&r);

    spec.ncontacts = 0;
    assert_false(D->build_create(&CTX, &spec, &r, &e));
    assert_int_equal(e.kind, API_ERR_VALIDATION);
    assert_string_equal(e.field, "contact_list");
    model_contact_free(&ct[0]);
    model_contact_free(&ct[1]);
}

/* The streamed contact_list is byte for byte what the cJSON tree gave:
 * escapes, non-ASCII, empty values, the phone_number variable left out. */
static void test_build_create_exact_contacts(void **state)
{
    (void)state;
    model_contact_t ct[3];
    for (int i = 0; i < 3; i++)
        model_contact_init(&ct[i]);
    ct[0].phone = strdup("+15551234567");
    assert_true(model_contact_add_var(&ct[0], "customer_name", "John \"JD\" Doe"));
    assert_true(model_contact_add_var(&ct[0], "note", "line1\nline2\t\\end\x01"));
    assert_true(model_contact_add_var(&ct[0], "city", "Zo\u00eb M\u00fcnchen"));
    assert_true(model_contact_add_var(&ct[0], "empty", ""));
    assert_true(model_contact_add_var(&ct[0], "phone_number", "+19999999999"));
    ct[1].phone = strdup("+15559876543");
    ct[2].phone = strdup("+15550000000");
    api_create_spec_t spec = {.name = "Exact", .contact_at = contactsrc_array_at,
                              .contacts_src = ct, .ncontacts = 2, .retry_limit = -1,
                              .phone_number_id = "1"};
    api_request_t r;
    api_error_t e;
    assert_true(D->build_create(&CTX, &spec, &r, &e));
    drvcheck_expect_array(r.body, "contact_list",
        "[{\"phone_number\":\"+15551234567\",\"customer_name\":\"John \\\"JD\\\" Doe\","
        "\"note\":\"line1\\nline2\\t\\\\end\\u0001\",\"city\":\"Zo\u00eb M\u00fcnchen\","
        "\"empty\":\"\"},{\"phone_number\":\"+15559876543\"}]");
    api_request_free(&r);

    /* A contact without a phone is refused naming the field; nothing built. */
    free(ct[1].phone);
    ct[1].phone = strdup("");
    assert_false(D->build_create(&CTX, &spec, &r, &e));
    assert_int_equal(e.kind, API_ERR_VALIDATION);
    assert_string_equal(e.field, "phone_number");
    assert_non_null(strstr(e.message, "contact 2"));

    /* A reader that cannot produce a contact fails the build cleanly. */
    spec.contact_at = contactsrc_failing_at;
    spec.ncontacts = 3;
    contactsrc_fail_at = 2;
    free(ct[1].phone);
    ct[1].phone = strdup("+15559876543");
    assert_false(D->build_create(&CTX, &spec, &r, &e));
    assert_non_null(strstr(e.message, "out of memory"));
    spec.contact_at = NULL;
    assert_false(D->build_create(&CTX, &spec, &r, &e));
    assert_string_equal(e.field, "contact_list");
    for (int i = 0; i < 3; i++)
        model_contact_free(&ct[i]);
}

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

/* retry_config for each schedule; a scheduled retry's hours split into
 * days and hours; no retry_config at all when nothing was asked. */
static void test_build_create_settings(void **state)
{
    (void)state;
    static const char *const keys[] = {"concurrent_call_limit", "retry_config", "start_time",
                                       "working_days", "allowed_schedule", NULL};
    model_contact_t ct;
    model_contact_init(&ct);
    ct.phone = strdup("+15551234567");
    api_create_spec_t spec = {.name = "Follow-up", .contact_at = contactsrc_array_at,
                              .contacts_src = &ct, .ncontacts = 1,
                              .phone_number_id = "1", .concurrency = 4, .retry_limit = 3,
                              .retry_schedule = RETRY_SCHEDULED_TIME, .retry_after_hours = 30,
                              /* not OmniDim's: never sent */
                              .window_start = "09:00", .window_end = "17:00",
                              .working_days = 0x1f, .max_calls_per_day = 50};
    static const struct {
        retry_schedule_t sched;
        int limit, hours;
        const char *want;
    } cases[] = {
        {RETRY_SCHEDULED_TIME, 3, 30,
         "{\"concurrent_call_limit\":4,\"retry_config\":{\"auto_retry\":true,"
         "\"auto_retry_schedule\":\"scheduled_time\",\"retry_schedule_days\":1,"
         "\"retry_schedule_hours\":6,\"retry_limit\":3}}"},
        {RETRY_SCHEDULED_TIME, 1, 6,
         "{\"concurrent_call_limit\":4,\"retry_config\":{\"auto_retry\":true,"
         "\"auto_retry_schedule\":\"scheduled_time\",\"retry_schedule_days\":0,"
         "\"retry_schedule_hours\":6,\"retry_limit\":1}}"},
        {RETRY_NEXT_DAY, 2, 0,
         "{\"concurrent_call_limit\":4,\"retry_config\":{\"auto_retry\":true,"
         "\"auto_retry_schedule\":\"next_day\",\"retry_limit\":2}}"},
        {RETRY_IMMEDIATELY, 5, 0,
         "{\"concurrent_call_limit\":4,\"retry_config\":{\"auto_retry\":true,"
         "\"auto_retry_schedule\":\"immediately\",\"retry_limit\":5}}"},
        {RETRY_NONE, 0, 0,
         "{\"concurrent_call_limit\":4,\"retry_config\":{\"auto_retry\":false,"
         "\"retry_limit\":0}}"},
        {RETRY_NONE, -1, 0, "{\"concurrent_call_limit\":4}"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        spec.retry_schedule = cases[i].sched;
        spec.retry_limit = cases[i].limit;
        spec.retry_after_hours = cases[i].hours;
        api_request_t r;
        api_error_t e;
        assert_true(D->build_create(&CTX, &spec, &r, &e));
        char *got = drvcheck_body_subset(r.body, keys);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("case %zu: %s\n want %s", i, got, cases[i].want);
        free(got);
        assert_null(strstr(r.body, "max_calls_per_day"));
        api_request_free(&r);
    }
    model_contact_free(&ct);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build_list_url_and_auth),
        cmocka_unit_test(test_build_page_size_capped),
        cmocka_unit_test(test_build_lines_escapes_cursor_and_id),
        cmocka_unit_test(test_build_actions),
        cmocka_unit_test(test_action_refused_by_model_builds_nothing),
        cmocka_unit_test(test_reschedule_needs_valid_time),
        cmocka_unit_test(test_build_retry_and_concurrency),
        cmocka_unit_test(test_build_create),
        cmocka_unit_test(test_build_create_exact_contacts),
        cmocka_unit_test(test_parse_list),
        cmocka_unit_test(test_parse_list_reads_schedule_in_campaign_zone),
        cmocka_unit_test(test_list_last_page),
        cmocka_unit_test(test_list_malformed),
        cmocka_unit_test(test_parse_details),
        cmocka_unit_test(test_parse_lines),
        cmocka_unit_test(test_parse_action_and_create),
        cmocka_unit_test(test_error_shapes),
        cmocka_unit_test(test_build_create_settings),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
