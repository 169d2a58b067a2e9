/* OmniDim driver, the requests it builds (API.md, WIRE.md): URLs, paging,
 * the key's header, actions the model refuses building nothing, and the
 * create body with its settings and exact contacts. The replies are
 * test_driver_omnidim_replies.c. */
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

static const driver_ctx_t CTX = OMNIDIM_CTX;

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
        cmocka_unit_test(test_build_create_settings),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
