/* Truedy driver on fixtures that follow API.md and WIRE.md: the
 * {data, meta, pagination} envelope, offset pages, POST pause/resume,
 * PATCH reschedule, the model's refusal of cancel, both error shapes
 * (error object and FastAPI detail) and 429 reset_at. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contactsrc.h"
#include "drvcheck.h"
#include "driver.h"
#include "jsonget.h"

static const driver_t *D;
static const driver_ctx_t CTX = {.base_url = "https://api.example.test", .api_key = "tr_key_abcdef"};

static api_response_t resp(long status, const char *body)
{
    api_response_t r = {.status = status, .body = body, .body_len = body ? strlen(body) : 0,
                        .retry_after_s = -1, .received_at = 0};
    return r;
}

static int setup(void **state)
{
    (void)state;
    D = driver_for(PROVIDER_TRUEDY);
    return D ? 0 : -1;
}

static void test_build_requests(void **state)
{
    (void)state;
    api_page_t page;
    api_page_first(&page, 20);
    page.offset = 40;
    api_request_t r;
    api_error_t e;
    assert_true(D->build_list_campaigns(&CTX, &page, "paused", &r, &e));
    assert_string_equal(r.url, "https://api.example.test/api/public/v1/batch-calls?limit=20&offset=40&status=paused");
    assert_string_equal(r.headers[r.secret_header], "Authorization: Bearer tr_key_abcdef");
    assert_true(r.idempotent);
    api_request_free(&r);

    assert_true(D->build_list_contacts(&CTX, "batch_c3d4", &page, NULL, &r, &e));
    assert_string_equal(r.url, "https://api.example.test/api/public/v1/batch-calls/batch_c3d4/contacts?limit=20&offset=40");
    api_request_free(&r);

    assert_true(D->build_get_campaign(&CTX, "batch_c3d4", &r, &e));
    assert_string_equal(r.url, "https://api.example.test/api/public/v1/batch-calls/batch_c3d4");
    api_request_free(&r);

    assert_true(D->build_action(&CTX, "batch_c3d4", CAMPAIGN_ACTIVE, ACTION_PAUSE, NULL, &r, &e));
    assert_int_equal(r.method, HTTP_POST);
    assert_false(r.idempotent);
    assert_string_equal(r.url, "https://api.example.test/api/public/v1/batch-calls/batch_c3d4/pause");
    api_request_free(&r);

    assert_true(D->build_action(&CTX, "batch_c3d4", CAMPAIGN_PAUSED, ACTION_RESUME, NULL, &r, &e));
    assert_string_equal(r.url, "https://api.example.test/api/public/v1/batch-calls/batch_c3d4/resume");
    api_request_free(&r);

    api_reschedule_t rs = {.when = "2026-12-25 10:00:00", .timezone = "Europe/Berlin"};
    assert_true(D->build_action(&CTX, "batch_c3d4", CAMPAIGN_PAUSED, ACTION_RESCHEDULE, &rs, &r, &e));
    assert_int_equal(r.method, HTTP_PATCH);
    assert_string_equal(r.body, "{\"scheduled_at\":\"2026-12-25T10:00:00\",\"timezone\":\"Europe/Berlin\"}");
    api_request_free(&r);
}

static void test_cancel_refused_without_request(void **state)
{
    (void)state;
    api_request_t r;
    api_request_init(&r);
    api_error_t e;
    assert_false(D->build_action(&CTX, "batch_c3d4", CAMPAIGN_ACTIVE, ACTION_CANCEL, NULL, &r, &e));
    assert_int_equal(e.kind, API_ERR_UNSUPPORTED);
    assert_non_null(strstr(e.message, "Truedy offers no cancel"));
    assert_null(r.url);
    /* Reschedule is only for scheduled or paused batches. */
    api_reschedule_t rs = {.when = "2026-12-25 10:00:00"};
    assert_false(D->build_action(&CTX, "batch_c3d4", CAMPAIGN_ACTIVE, ACTION_RESCHEDULE, &rs, &r, &e));
    assert_int_equal(e.kind, API_ERR_UNSUPPORTED);
    assert_null(r.url);
}

static void test_build_create(void **state)
{
    (void)state;
    model_contact_t ct;
    model_contact_init(&ct);
    ct.phone = strdup("+15551234567");
    assert_true(model_contact_add_var(&ct, "first_name", "Ann"));
    assert_true(model_contact_add_var(&ct, "email", "ann@example.com"));
    assert_true(model_contact_add_var(&ct, "plan", "gold"));
    api_create_spec_t spec = {.name = "Wave 1",
                              .contact_at = contactsrc_array_at, .contacts_src = &ct,
                              .ncontacts = 1, .agent_id = "agent_1", .retry_limit = -1};
    api_request_t r;
    api_error_t e;
    assert_true(D->build_create(&CTX, &spec, &r, &e));
    assert_string_equal(r.url, "https://api.example.test/api/public/v1/batch-calls");
    cJSON *j = cJSON_Parse(r.body);
    assert_non_null(j);
    assert_string_equal(cJSON_GetObjectItem(j, "schedule_type")->valuestring, "immediate");
    assert_string_equal(cJSON_GetObjectItem(j, "agent_id")->valuestring, "agent_1");
    cJSON *c0 = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "contacts"), 0);
    assert_string_equal(cJSON_GetObjectItem(c0, "phone_number")->valuestring, "+15551234567");
    assert_string_equal(cJSON_GetObjectItem(c0, "first_name")->valuestring, "Ann");
    assert_string_equal(cJSON_GetObjectItem(c0, "email")->valuestring, "ann@example.com");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(c0, "custom_fields"), "plan")->valuestring, "gold");
    assert_null(cJSON_GetObjectItem(j, "retry_limit"));
    cJSON_Delete(j);
    api_request_free(&r);
    model_contact_free(&ct);
}

/* The streamed contacts are byte for byte what the cJSON tree gave:
 * Truedy's own fields at the top in the contact's order, the rest in
 * custom_fields (empty object when none), escapes and non-ASCII kept. */
static void test_build_create_exact_contacts(void **state)
{
    (void)state;
    model_contact_t ct[3];
    for (int i = 0; i < 3; i++)
        model_contact_init(&ct[i]);
    ct[0].phone = strdup("+15551234567");
    assert_true(model_contact_add_var(&ct[0], "first_name", "Ann"));
    assert_true(model_contact_add_var(&ct[0], "plan", "gold \"vip\"\n"));
    assert_true(model_contact_add_var(&ct[0], "email", "ann@example.com"));
    assert_true(model_contact_add_var(&ct[0], "notes", ""));
    assert_true(model_contact_add_var(&ct[0], "last_name", "O'Neil\u00e9"));
    ct[1].phone = strdup("+15550000002");
    ct[2].phone = strdup("+15550000003");
    api_create_spec_t spec = {.name = "Exact", .contact_at = contactsrc_array_at,
                              .contacts_src = ct, .ncontacts = 2, .retry_limit = -1};
    api_request_t r;
    api_error_t e;
    assert_true(D->build_create(&CTX, &spec, &r, &e));
    drvcheck_expect_array(r.body, "contacts",
        "[{\"phone_number\":\"+15551234567\",\"first_name\":\"Ann\","
        "\"email\":\"ann@example.com\",\"last_name\":\"O'Neil\u00e9\","
        "\"custom_fields\":{\"plan\":\"gold \\\"vip\\\"\\n\",\"notes\":\"\"}},"
        "{\"phone_number\":\"+15550000002\",\"custom_fields\":{}}]");
    api_request_free(&r);

    free(ct[0].phone);
    ct[0].phone = NULL;
    assert_false(D->build_create(&CTX, &spec, &r, &e));
    assert_int_equal(e.kind, API_ERR_VALIDATION);
    assert_string_equal(e.field, "phone_number");
    ct[0].phone = strdup("+15551234567");

    spec.contact_at = contactsrc_failing_at;
    spec.ncontacts = 3;
    contactsrc_fail_at = 0;
    assert_false(D->build_create(&CTX, &spec, &r, &e));
    assert_non_null(strstr(e.message, "out of memory"));
    for (int i = 0; i < 3; i++)
        model_contact_free(&ct[i]);
}

static const char LIST[] =
    "{\"data\":[{\"id\":\"batch_c3d4\",\"name\":\"Wave\",\"status\":\"running\","
    "\"schedule_type\":\"immediate\",\"scheduled_at\":null,\"timezone\":\"UTC\",\"concurrency\":4,"
    "\"total_contacts\":100,\"called\":50,\"completed\":40,\"failed\":5,\"pending\":50,"
    "\"in_progress\":5,\"retry_limit\":1,\"created_at\":\"2026-04-05T10:22:00.123Z\","
    "\"updated_at\":\"2026-04-05T11:00:00Z\"},"
    "{\"id\":7,\"status\":\"scheduled\",\"scheduled_at\":\"2026-04-06T09:00:00+05:30\",\"completed\":\"3\"}],"
    "\"meta\":{\"request_id\":\"req_1\",\"ts\":\"2026-04-05T11:00:00Z\"},"
    "\"pagination\":{\"total\":3,\"limit\":2,\"offset\":0,\"has_more\":true}}";

static void test_parse_list(void **state)
{
    (void)state;
    api_response_t rs = resp(200, LIST);
    api_page_t page;
    api_page_first(&page, 2);
    api_campaign_page_t out;
    api_error_t e;
    assert_true(D->parse_list_campaigns(&rs, &page, &out, &e));
    assert_int_equal(out.n, 2);
    assert_int_equal(out.total, 3);
    assert_false(out.next.end);
    assert_int_equal(out.next.offset, 2);
    model_campaign_t *c = &out.items[0];
    assert_string_equal(c->id, "batch_c3d4");
    assert_int_equal(c->state, CAMPAIGN_ACTIVE);
    assert_string_equal(c->raw_state, "running");
    assert_int_equal(c->total_contacts, 100);
    assert_int_equal(c->completed_contacts, 40);
    assert_int_equal(c->counts[CONTACT_FAILED], 5);
    assert_int_equal(c->counts[CONTACT_IN_PROGRESS], 5);
    assert_false(c->counts_known);
    assert_int_equal(c->concurrency, 4);
    assert_int_equal(c->created_epoch, 1775384520);
    c = &out.items[1];
    assert_string_equal(c->id, "7");
    assert_int_equal(c->state, CAMPAIGN_SCHEDULED);
    assert_int_equal(c->scheduled_epoch, 1775446200); /* 09:00 +05:30 = 03:30Z */
    assert_int_equal(c->completed_contacts, 3);
    assert_null(c->name);
    api_campaign_page_free(&out);

    /* has_more false ends it; so does a missing pagination with a short page. */
    rs = resp(200, "{\"data\":[{\"id\":\"b\"}],\"meta\":{\"timestamp\":\"2026-04-05T11:00:00Z\"},"
                   "\"pagination\":{\"total\":3,\"offset\":2,\"has_more\":false}}");
    page.offset = 2;
    assert_true(D->parse_list_campaigns(&rs, &page, &out, &e));
    assert_true(out.next.end);
    api_campaign_page_free(&out);
    rs = resp(200, "{\"data\":[{\"id\":\"b\"}]}");
    assert_true(D->parse_list_campaigns(&rs, &page, &out, &e));
    assert_true(out.next.end);
    api_campaign_page_free(&out);
}

static void expect_list_parse_error(const char *body)
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
}

static void test_malformed(void **state)
{
    (void)state;
    expect_list_parse_error("not json at all");
    expect_list_parse_error("{\"meta\":{}}");
    expect_list_parse_error("{\"data\":null}");
    expect_list_parse_error("{\"data\":{\"id\":\"b\"}}");
    expect_list_parse_error("{\"data\":[{\"id\":null}]}");
    /* issue 14: one unusable record among good ones is skipped, not the page */
    {
        api_response_t rs = resp(200, "{\"data\":[{\"id\":\"b\"},{\"id\":null}]}");
        api_page_t page;
        api_page_first(&page, 0);
        api_campaign_page_t out;
        api_error_t e;
        assert_true(D->parse_list_campaigns(&rs, &page, &out, &e));
        assert_int_equal(out.n, 1);
        assert_int_equal(out.skipped, 1);
        api_campaign_page_free(&out);
    }
    expect_list_parse_error("{\"data\":[\"b\"]}");
    expect_list_parse_error("{\"data\":[{\"id\":\"b\"}");

    api_response_t rs = resp(200, "{\"data\":[]}");
    model_campaign_t c;
    api_error_t e;
    assert_false(D->parse_get_campaign(&rs, &c, &e));
    assert_int_equal(e.kind, API_ERR_PARSE);
    assert_null(c.id);
    model_campaign_free(&c);
}

static void test_parse_contacts(void **state)
{
    (void)state;
    api_response_t rs = resp(200,
        "{\"data\":[{\"contact_id\":\"ct_1\",\"phone_number\":\"+15551234567\",\"first_name\":\"Ann\","
        "\"last_name\":null,\"email\":false,\"call_status\":\"calling\",\"call_id\":null,"
        "\"called_at\":\"2026-04-05T10:00:00Z\",\"attempts\":1,\"duration_seconds\":42,"
        "\"failure_reason\":null,\"custom_fields\":{\"plan\":\"gold\",\"first_name\":\"dup\"}},"
        "{\"contact_id\":2,\"phone_number\":\"+1\",\"call_status\":\"no_answer\"}],"
        "\"meta\":{\"request_id\":\"r\",\"ts\":\"2026-04-05T11:00:00Z\"},"
        "\"pagination\":{\"total\":2,\"limit\":50,\"offset\":0,\"has_more\":false}}");
    api_page_t page;
    api_page_first(&page, 0);
    api_contact_page_t out;
    api_error_t e;
    assert_true(D->parse_list_contacts(&rs, &page, &out, &e));
    assert_int_equal(out.n, 2);
    assert_true(out.next.end);
    model_contact_t *c = &out.items[0];
    assert_string_equal(c->id, "ct_1");
    assert_int_equal(c->state, CONTACT_IN_PROGRESS);
    assert_string_equal(c->raw_state, "calling");
    assert_int_equal(c->last_attempt, 1775383200);
    assert_int_equal(c->duration_s, 42);
    assert_null(c->failure_reason);
    assert_int_equal(c->nvars, 2); /* first_name, plan (custom first_name not duplicated) */
    assert_string_equal(c->vars[0].key, "first_name");
    assert_string_equal(c->vars[1].key, "plan");
    assert_string_equal(out.items[1].id, "2");
    assert_int_equal(out.items[1].state, CONTACT_NO_ANSWER);
    api_contact_page_free(&out);
}

static void test_parse_action_and_create(void **state)
{
    (void)state;
    api_response_t rs = resp(201, "{\"data\":{\"id\":\"batch_c3d4\",\"status\":\"running\","
                                  "\"resumed_at\":\"2026-04-05T11:00:00Z\"},"
                                  "\"meta\":{\"request_id\":\"req_32e7531c\",\"ts\":\"2026-04-05T10:22:00Z\"}}");
    api_action_result_t a;
    api_error_t e;
    assert_true(D->parse_action(&rs, ACTION_RESUME, &a, &e));
    assert_int_equal(a.state, CAMPAIGN_ACTIVE);
    assert_string_equal(a.raw_state, "running");

    rs = resp(201, "{\"data\":{\"id\":\"batch_new\",\"status\":\"scheduled\",\"total_contacts\":3}}");
    api_created_t cr;
    assert_true(D->parse_create(&rs, &cr, &e));
    assert_string_equal(cr.id, "batch_new");
    assert_int_equal(cr.state, CAMPAIGN_SCHEDULED);
    assert_int_equal(cr.contacts_accepted, 3);

    rs = resp(201, "{\"data\":{\"status\":\"scheduled\"}}");
    assert_false(D->parse_create(&rs, &cr, &e));
    assert_int_equal(e.kind, API_ERR_PARSE);
}

static void test_errors(void **state)
{
    (void)state;
    api_action_result_t a;
    api_error_t e;
    api_response_t rs = resp(409, "{\"error\":{\"code\":\"invalid_state\",\"message\":\"Batch is completed; "
                                  "only active or scheduled batches can be paused\",\"details\":{\"status\":\"completed\"}}}");
    assert_false(D->parse_action(&rs, ACTION_PAUSE, &a, &e));
    assert_int_equal(e.kind, API_ERR_REFUSED);
    assert_non_null(strstr(e.message, "Batch is completed"));

    rs = resp(400, "{\"error\":{\"code\":\"invalid_state\",\"message\":\"Not allowed now\",\"details\":{\"status\":\"draft\"}}}");
    assert_false(D->parse_action(&rs, ACTION_PAUSE, &a, &e));
    assert_int_equal(e.kind, API_ERR_REFUSED);
    assert_non_null(strstr(e.message, "draft")); /* the state is named even when the message does not */

    rs = resp(400, "{\"error\":{\"code\":\"bad_request\",\"message\":\"Invalid request parameters\"}}");
    assert_false(D->parse_action(&rs, ACTION_PAUSE, &a, &e));
    assert_int_equal(e.kind, API_ERR_VALIDATION);

    rs = resp(422, "{\"detail\":[{\"loc\":[\"body\",\"name\"],\"msg\":\"field required\",\"type\":\"value_error.missing\"}]}");
    assert_false(D->parse_action(&rs, ACTION_RESCHEDULE, &a, &e));
    assert_int_equal(e.kind, API_ERR_VALIDATION);
    assert_string_equal(e.field, "name");
    assert_non_null(strstr(e.message, "name: field required"));

    rs = resp(401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"Invalid or missing API key\","
                   "\"details\":{\"reason\":\"Include Authorization: Bearer <your_api_key>\"}}}");
    assert_false(D->parse_action(&rs, ACTION_PAUSE, &a, &e));
    assert_int_equal(e.kind, API_ERR_AUTH);
    assert_null(strstr(e.message, "tr_key"));

    rs = resp(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"Batch_Call not found\"}}");
    assert_false(D->parse_action(&rs, ACTION_PAUSE, &a, &e));
    assert_int_equal(e.kind, API_ERR_NOT_FOUND);

    /* 429: no Retry-After; the wait comes from reset_at against the reply time. */
    rs = resp(429, "{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"Too many requests\","
                   "\"details\":{\"reset_at\":\"2026-04-01T21:00:00Z\"}}}");
    rs.received_at = 1775077170; /* 2026-04-01T20:59:30Z */
    assert_false(D->parse_action(&rs, ACTION_PAUSE, &a, &e));
    assert_int_equal(e.kind, API_ERR_RATE_LIMITED);
    assert_int_equal(e.retry_after_s, 30);
    /* A meta timestamp in the error body is the server's clock: it wins. */
    rs = resp(429, "{\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"Too many requests\","
                   "\"details\":{\"reset_at\":\"2026-04-01T21:00:00Z\"}},"
                   "\"meta\":{\"timestamp\":\"2026-04-01T20:59:50Z\"}}");
    rs.received_at = 1;
    assert_false(D->parse_action(&rs, ACTION_PAUSE, &a, &e));
    assert_int_equal(e.retry_after_s, 10);
    /* reset_at already past: wait at least a second. */
    rs = resp(429, "{\"error\":{\"details\":{\"reset_at\":\"2020-01-01T00:00:00Z\"}}}");
    rs.received_at = 1775077170;
    assert_false(D->parse_action(&rs, ACTION_PAUSE, &a, &e));
    assert_int_equal(e.retry_after_s, 1);

    rs = resp(500, "{\"error\":{\"code\":\"internal_error\",\"message\":\"An unexpected error occurred\"}}");
    assert_false(D->parse_action(&rs, ACTION_PAUSE, &a, &e));
    assert_int_equal(e.kind, API_ERR_SERVER);

    rs = resp(402, "{\"error\":{\"code\":\"insufficient_credits\",\"message\":\"Top up\"}}");
    assert_false(D->parse_action(&rs, ACTION_PAUSE, &a, &e));
    assert_int_equal(e.kind, API_ERR_REFUSED);
}

/* start_time/end_time, working_days 1 = Monday, max_calls_per_day; no
 * retry_limit even when the spec carries one (the POST has none). */
static void test_build_create_settings(void **state)
{
    (void)state;
    static const char *const keys[] = {"timezone", "concurrency", "start_time", "end_time",
                                       "working_days", "max_calls_per_day", "retry_limit",
                                       "retry_config", NULL};
    model_contact_t ct;
    model_contact_init(&ct);
    ct.phone = strdup("+15551234567");
    api_create_spec_t spec = {.name = "Wave 2", .contact_at = contactsrc_array_at,
                              .contacts_src = &ct, .ncontacts = 1,
                              .timezone = "America/Chicago", .concurrency = 3,
                              .retry_limit = 2, .retry_schedule = RETRY_NEXT_DAY,
                              .window_start = "09:00", .window_end = "17:30",
                              .working_days = 0x1f | 0x40, /* Mon-Fri and Sunday */
                              .max_calls_per_day = 250};
    api_request_t r;
    api_error_t e;
    assert_true(D->build_create(&CTX, &spec, &r, &e));
    char *got = drvcheck_body_subset(r.body, keys);
    assert_string_equal(got, "{\"timezone\":\"America/Chicago\",\"concurrency\":3,"
                             "\"start_time\":\"09:00\",\"end_time\":\"17:30\","
                             "\"working_days\":[1,2,3,4,5,7],\"max_calls_per_day\":250}");
    free(got);
    api_request_free(&r);

    /* nothing given: none of the fields, so the batch keeps Truedy's defaults */
    api_create_spec_t bare = {.name = "Wave 3", .contact_at = contactsrc_array_at,
                              .contacts_src = &ct, .ncontacts = 1,
                              .retry_limit = -1};
    assert_true(D->build_create(&CTX, &bare, &r, &e));
    got = drvcheck_body_subset(r.body, keys);
    assert_string_equal(got, "{\"timezone\":\"UTC\"}");
    free(got);
    api_request_free(&r);
    model_contact_free(&ct);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build_requests),
        cmocka_unit_test(test_cancel_refused_without_request),
        cmocka_unit_test(test_build_create),
        cmocka_unit_test(test_build_create_exact_contacts),
        cmocka_unit_test(test_parse_list),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_parse_contacts),
        cmocka_unit_test(test_parse_action_and_create),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_build_create_settings),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
