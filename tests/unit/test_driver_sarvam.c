/* Sarvam driver on fixtures that follow API.md, WIRE.md and the
 * update-campaign-status seed: the workspace prefix, X-API-Key, the
 * {items,total,...} envelope, status actions, PATCH
 * reschedule, create plus cohort chunks of 1,000, and both error shapes. */
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
static const driver_ctx_t CTX = {.base_url = "http://127.0.0.1:9", .api_key = "sv-key-9876",
                                 .org_id = "org 1", .workspace_id = "ws_2"};
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

static void test_build_requests(void **state)
{
    (void)state;
    api_page_t page;
    api_page_first(&page, 0);
    api_request_t r;
    api_error_t e;
    assert_true(D->build_list_campaigns(&CTX, &page, "active", &r, &e));
    assert_string_equal(r.url, PREFIX "/campaigns?offset=0&limit=50&campaign_status=active");
    assert_string_equal(r.headers[r.secret_header], "X-API-Key: sv-key-9876");
    api_request_free(&r);

    /* Sarvam has no contacts or attempts list (webhooks only): nothing built */
    page.offset = 100;
    api_request_init(&r);
    assert_false(D->build_list_contacts(&CTX, "cmp_ab", &page, NULL, &r, &e));
    assert_int_equal(e.kind, API_ERR_UNSUPPORTED);
    assert_non_null(strstr(e.message, "only by webhook"));
    assert_null(r.url);

    const struct {
        campaign_state_t from;
        action_t a;
        const char *body;
    } cases[] = {
        {CAMPAIGN_ACTIVE, ACTION_PAUSE, "{\"action\":\"pause\"}"},
        {CAMPAIGN_PAUSED, ACTION_RESUME, "{\"action\":\"resume\"}"},
        {CAMPAIGN_SCHEDULED, ACTION_CANCEL, "{\"action\":\"cancel\"}"},
    };
    for (size_t i = 0; i < 3; i++) {
        assert_true(D->build_action(&CTX, "cmp_ab", cases[i].from, cases[i].a, NULL, &r, &e));
        assert_int_equal(r.method, HTTP_PUT);
        assert_false(r.idempotent);
        assert_string_equal(r.url, PREFIX "/campaigns/cmp_ab/status");
        assert_string_equal(r.body, cases[i].body);
        api_request_free(&r);
    }
}

/* Reschedule is the working window: the PATCH carries allowed_schedule
 * complete (Sarvam replaces it whole) and end_timestamp when asked, and
 * never start_timestamp (undocumented: ignored with a 200). */
static void test_reschedule_patch_body(void **state)
{
    (void)state;
    api_request_t r;
    api_request_init(&r);
    api_error_t e;
    api_reschedule_t rs = {.window = true, .timezone = "Asia/Kolkata", .window_start = "09:30",
                           .window_end = "18:00", .window_days = 0x3fu,
                           .end_at = "2026-12-31T12:30:00Z"};
    assert_true(D->build_action(&CTX, "cmp_ab", CAMPAIGN_PAUSED, ACTION_RESCHEDULE, &rs, &r, &e));
    assert_int_equal(r.method, HTTP_PATCH);
    assert_false(r.idempotent);
    assert_string_equal(r.url, PREFIX "/campaigns/cmp_ab");
    cJSON *b = cJSON_Parse(r.body);
    assert_non_null(b);
    assert_int_equal(cJSON_GetArraySize(b), 2); /* allowed_schedule, end_timestamp: nothing else */
    assert_null(cJSON_GetObjectItem(b, "start_timestamp"));
    const cJSON *as = cJSON_GetObjectItemCaseSensitive(b, "allowed_schedule");
    assert_int_equal(cJSON_GetArraySize(as), 4);
    assert_string_equal(cJSON_GetObjectItem(as, "allowed_start_time")->valuestring, "09:30");
    assert_string_equal(cJSON_GetObjectItem(as, "allowed_end_time")->valuestring, "18:00");
    assert_string_equal(cJSON_GetObjectItem(as, "timezone")->valuestring, "Asia/Kolkata");
    const cJSON *days = cJSON_GetObjectItem(as, "allowed_days");
    static const char *const want[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                       "Saturday"};
    assert_int_equal(cJSON_GetArraySize(days), 6);
    for (int i = 0; i < 6; i++)
        assert_string_equal(cJSON_GetArrayItem(days, i)->valuestring, want[i]);
    assert_string_equal(cJSON_GetObjectItem(b, "end_timestamp")->valuestring,
                        "2026-12-31T12:30:00Z");
    cJSON_Delete(b);
    api_request_free(&r);

    /* no end asked: the end stays, so none is sent */
    rs.end_at = NULL;
    rs.window_days = 1u << 6;
    assert_true(D->build_action(&CTX, "cmp_ab", CAMPAIGN_SCHEDULED, ACTION_RESCHEDULE, &rs, &r, &e));
    assert_string_equal(r.body, "{\"allowed_schedule\":{\"allowed_start_time\":\"09:30\","
                                "\"allowed_end_time\":\"18:00\",\"allowed_days\":[\"Sunday\"],"
                                "\"timezone\":\"Asia/Kolkata\"}}");
    api_request_free(&r);

    /* moving the start is refused, naming what Sarvam changes instead */
    api_reschedule_t start = {.when = "2026-12-25 10:00:00", .timezone = "Asia/Kolkata"};
    assert_false(D->build_action(&CTX, "cmp_ab", CAMPAIGN_PAUSED, ACTION_RESCHEDULE, &start, &r, &e));
    assert_int_equal(e.kind, API_ERR_UNSUPPORTED);
    assert_non_null(strstr(e.message, "Sarvam cannot move a campaign's start"));
    assert_null(r.url);
    /* a partial window would wipe the rest: refused, naming what is missing */
    api_reschedule_t part = {.window = true, .timezone = "Asia/Kolkata", .window_start = "09:00",
                             .window_end = "18:00"};
    assert_false(D->build_action(&CTX, "cmp_ab", CAMPAIGN_PAUSED, ACTION_RESCHEDULE, &part, &r, &e));
    assert_int_equal(e.kind, API_ERR_VALIDATION);
    assert_non_null(strstr(e.message, "allowed days"));
    assert_null(r.url);
    /* the table still gates the state: active must be paused first */
    assert_false(D->build_action(&CTX, "cmp_ab", CAMPAIGN_ACTIVE, ACTION_RESCHEDULE, &rs, &r, &e));
    assert_int_equal(e.kind, API_ERR_UNSUPPORTED);
    assert_null(r.url);
}

/* The details' allowed_schedule and end_timestamp: what a reschedule
 * merges into. */
static void test_parse_window_from_details(void **state)
{
    (void)state;
    const char *body =
        "{\"campaign_id\":\"cmp_1\",\"name\":\"n\",\"status\":\"paused\","
        "\"end_timestamp\":\"2026-12-31T12:30:00Z\",\"allowed_schedule\":{"
        "\"allowed_start_time\":\"09:00\",\"allowed_end_time\":\"17:30\","
        "\"allowed_days\":[\"Monday\",\"Wednesday\",\"Sunday\"],\"timezone\":\"Asia/Kolkata\"}}";
    api_response_t resp = {.status = 200, .body = body, .body_len = strlen(body), .retry_after_s = -1};
    model_campaign_t c;
    api_error_t e;
    assert_true(D->parse_get_campaign(&resp, &c, &e));
    assert_string_equal(c.window_start, "09:00");
    assert_string_equal(c.window_end, "17:30");
    assert_int_equal(c.window_days, (1u << 0) | (1u << 2) | (1u << 6));
    assert_string_equal(c.timezone, "Asia/Kolkata");
    assert_string_equal(c.end_at, "2026-12-31T12:30:00Z");
    model_campaign_free(&c);
}

static void test_model_gate_and_missing_workspace(void **state)
{
    (void)state;
    api_request_t r;
    api_request_init(&r);
    api_error_t e;
    /* ended is final: the model refuses before anything is built. */
    assert_false(D->build_action(&CTX, "cmp_ab", CAMPAIGN_ENDED, ACTION_CANCEL, NULL, &r, &e));
    assert_int_equal(e.kind, API_ERR_UNSUPPORTED);
    assert_non_null(strstr(e.message, "ended"));
    assert_null(r.url);
    driver_ctx_t no_org = CTX;
    no_org.org_id = NULL;
    api_page_t page;
    api_page_first(&page, 0);
    assert_false(D->build_list_campaigns(&no_org, &page, NULL, &r, &e));
    assert_int_equal(e.kind, API_ERR_VALIDATION);
    assert_string_equal(e.field, "org_id");
    assert_null(r.url);
}

static void test_create_and_chunks(void **state)
{
    (void)state;
    size_t n = 2500;
    model_contact_t *ct = calloc(n, sizeof *ct);
    assert_non_null(ct);
    for (size_t i = 0; i < n; i++) {
        model_contact_init(&ct[i]);
        char phone[24];
        snprintf(phone, sizeof phone, "+9198%08zu", i);
        ct[i].phone = strdup(phone);
        assert_true(model_contact_add_var(&ct[i], "name", "X"));
    }
    api_create_spec_t spec = {.name = "Diwali wave-2",
                              .contact_at = contactsrc_array_at, .contacts_src = ct, .ncontacts = n,
                              .agent_id = "app_1", .timezone = "Asia/Kolkata"};
    api_request_t r;
    api_error_t e;
    assert_true(D->build_create(&CTX, &spec, &r, &e));
    assert_string_equal(r.url, PREFIX "/campaigns");
    cJSON *j = cJSON_Parse(r.body);
    assert_string_equal(cJSON_GetObjectItem(j, "app_id")->valuestring, "app_1");
    assert_null(cJSON_GetObjectItem(j, "users")); /* contacts go in cohorts */
    cJSON_Delete(j);
    api_request_free(&r);

    assert_int_equal(D->create_chunk_count(&spec), 3);
    size_t seen = 0;
    for (size_t k = 0; k < 3; k++) {
        assert_true(D->build_create_chunk(&CTX, &spec, "cmp_new", k, &r, &e));
        assert_string_equal(r.url, PREFIX "/campaigns/cmp_new/cohorts/stream");
        j = cJSON_Parse(r.body);
        cJSON *users = cJSON_GetObjectItem(j, "users");
        size_t got = (size_t)cJSON_GetArraySize(users);
        assert_int_equal(got, k < 2 ? 1000 : 500);
        cJSON *u0 = cJSON_GetArrayItem(users, 0);
        char want[24];
        snprintf(want, sizeof want, "+9198%08zu", seen);
        assert_string_equal(cJSON_GetObjectItem(u0, "user_phone_number")->valuestring, want);
        assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(u0, "app_variables"), "name")->valuestring, "X");
        seen += got;
        cJSON_Delete(j);
        api_request_free(&r);
    }
    assert_int_equal(seen, n);
    assert_false(D->build_create_chunk(&CTX, &spec, "cmp_new", 3, &r, &e));

    spec.name = "bad/name!";
    assert_false(D->build_create(&CTX, &spec, &r, &e));
    assert_int_equal(e.kind, API_ERR_VALIDATION);
    assert_string_equal(e.field, "name");
    spec.name = "a name that is far too long for sarvam to accept at all, really";
    assert_false(D->build_create(&CTX, &spec, &r, &e));
    for (size_t i = 0; i < n; i++)
        model_contact_free(&ct[i]);
    free(ct);

    api_response_t rs = resp(200, "{\"cohort_id\":\"coh_1\",\"status\":\"completed\","
                                  "\"result\":{\"total_records\":1000,\"valid_records\":998,\"rejected_records\":2}}");
    api_chunk_result_t cr;
    assert_true(D->parse_create_chunk(&rs, &cr, &e));
    assert_int_equal(cr.accepted, 998);
    assert_int_equal(cr.rejected, 2);
    assert_string_equal(cr.status, "completed");
    rs = resp(200, "{\"unrelated\":true}");
    assert_false(D->parse_create_chunk(&rs, &cr, &e));
    assert_int_equal(e.kind, API_ERR_PARSE);

    rs = resp(201, "{\"campaign_id\":\"cmp_new\",\"name\":\"x\",\"status\":\"scheduled\"}");
    api_created_t c;
    assert_true(D->parse_create(&rs, &c, &e));
    assert_string_equal(c.id, "cmp_new");
    assert_int_equal(c.state, CAMPAIGN_SCHEDULED);
}

/* A cohort's users are byte for byte what the cJSON tree gave: the
 * contact's id (or its phone) as user_identifier, every variable in
 * app_variables (empty object when none), escapes and non-ASCII kept. */
static void test_build_chunk_exact_users(void **state)
{
    (void)state;
    model_contact_t ct[2];
    model_contact_init(&ct[0]);
    model_contact_init(&ct[1]);
    ct[0].phone = strdup("+919800000001");
    ct[0].id = strdup("cust-1");
    assert_true(model_contact_add_var(&ct[0], "name", "Ravi \"R\"\t"));
    assert_true(model_contact_add_var(&ct[0], "city", "\u092e\u0941\u0902\u092c\u0908"));
    assert_true(model_contact_add_var(&ct[0], "empty", ""));
    ct[1].phone = strdup("+919800000002");
    api_create_spec_t spec = {.name = "Exact", .contact_at = contactsrc_array_at,
                              .contacts_src = ct, .ncontacts = 2};
    api_request_t r;
    api_error_t e;
    assert_true(D->build_create_chunk(&CTX, &spec, "cmp_1", 0, &r, &e));
    drvcheck_expect_array(r.body, "users",
        "[{\"user_phone_number\":\"+919800000001\",\"user_identifier\":\"cust-1\","
        "\"app_variables\":{\"name\":\"Ravi \\\"R\\\"\\t\","
        "\"city\":\"\u092e\u0941\u0902\u092c\u0908\",\"empty\":\"\"}},"
        "{\"user_phone_number\":\"+919800000002\",\"user_identifier\":\"+919800000002\","
        "\"app_variables\":{}}]");
    assert_non_null(strstr(r.body, "\"name\":\"dialtop import 1 of 1\""));
    api_request_free(&r);

    free(ct[1].phone);
    ct[1].phone = strdup("");
    assert_false(D->build_create_chunk(&CTX, &spec, "cmp_1", 0, &r, &e));
    assert_int_equal(e.kind, API_ERR_VALIDATION);
    assert_string_equal(e.field, "user_phone_number");

    spec.contact_at = contactsrc_failing_at;
    contactsrc_fail_at = 1;
    assert_false(D->build_create_chunk(&CTX, &spec, "cmp_1", 0, &r, &e));
    assert_non_null(strstr(e.message, "out of memory"));
    model_contact_free(&ct[0]);
    model_contact_free(&ct[1]);
}

static void test_parse_list_and_detail(void **state)
{
    (void)state;
    api_response_t rs = resp(200,
        "{\"items\":[{\"campaign_id\":\"cmp_1\",\"name\":\"A\",\"status\":\"ended\",\"app_id\":\"app\","
        "\"created_at\":\"2023-11-07T05:31:56Z\",\"description\":null},"
        "{\"campaign_id\":\"cmp_2\",\"status\":\"weird\",\"allowed_schedule\":{\"timezone\":\"Asia/Kolkata\"},"
        "\"start_timestamp\":\"2026-01-01T09:00:00Z\"}],"
        "\"total\":5,\"limit\":2,\"offset\":0,\"next_page_uri\":\"/campaigns?offset=2\",\"prev_page_uri\":null}");
    api_page_t page;
    api_page_first(&page, 2);
    api_campaign_page_t out;
    api_error_t e;
    assert_true(D->parse_list_campaigns(&rs, &page, &out, &e));
    assert_int_equal(out.n, 2);
    assert_int_equal(out.total, 5);
    assert_false(out.next.end);
    assert_int_equal(out.next.offset, 2);
    assert_int_equal(out.items[0].state, CAMPAIGN_ENDED);
    assert_int_equal(out.items[0].created_epoch, 1699335116);
    assert_int_equal(out.items[0].total_contacts, -1);
    assert_int_equal(out.items[1].state, CAMPAIGN_UNKNOWN);
    assert_string_equal(out.items[1].raw_state, "weird");
    assert_string_equal(out.items[1].timezone, "Asia/Kolkata");
    api_campaign_page_free(&out);

    rs = resp(200, "{\"items\":[],\"total\":5,\"next_page_uri\":null}");
    assert_true(D->parse_list_campaigns(&rs, &page, &out, &e));
    assert_true(out.next.end);
    api_campaign_page_free(&out);

    rs = resp(200, "{\"campaign_id\":\"cmp_1\",\"status\":\"paused\",\"app_config\":{\"k\":1}}");
    model_campaign_t c;
    assert_true(D->parse_get_campaign(&rs, &c, &e));
    assert_int_equal(c.state, CAMPAIGN_PAUSED);
    assert_non_null(strstr(c.raw_json, "app_config"));
    model_campaign_free(&c);

    const char *bad[] = {"{\"items\":{}}", "{\"total\":1}", "<!doctype html>",
                         "{\"items\":[{\"name\":\"no id\"}]}", "{\"items\":[null]}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        rs = resp(200, bad[i]);
        assert_false(D->parse_list_campaigns(&rs, &page, &out, &e));
        assert_int_equal(e.kind, API_ERR_PARSE);
        assert_null(out.items);
    }
}

static void test_errors(void **state)
{
    (void)state;
    api_action_result_t a;
    api_error_t e;
    api_response_t rs = resp(409, "{\"error\":{\"message\":\"Cannot pause a campaign in status ended\","
                                  "\"code\":\"invalid_transition\"}}");
    assert_false(D->parse_action(&rs, ACTION_PAUSE, &a, &e));
    assert_int_equal(e.kind, API_ERR_REFUSED);
    assert_non_null(strstr(e.message, "status ended"));

    rs = resp(422, "{\"detail\":[{\"loc\":[\"body\",\"allowed_schedule\",\"timezone\"],"
                   "\"msg\":\"unknown timezone\",\"type\":\"value_error\"}]}");
    assert_false(D->parse_action(&rs, ACTION_RESCHEDULE, &a, &e));
    assert_int_equal(e.kind, API_ERR_VALIDATION);
    assert_string_equal(e.field, "timezone");

    rs = resp(422, "{\"detail\":\"Campaign name already exists\"}");
    assert_false(D->parse_action(&rs, ACTION_RESCHEDULE, &a, &e));
    assert_int_equal(e.kind, API_ERR_VALIDATION);
    assert_non_null(strstr(e.message, "already exists"));

    rs = resp(429, "{\"error\":{\"message\":\"slow down\",\"code\":\"rate_limited\"}}");
    rs.retry_after_s = 3;
    assert_false(D->parse_action(&rs, ACTION_PAUSE, &a, &e));
    assert_int_equal(e.kind, API_ERR_RATE_LIMITED);
    assert_int_equal(e.retry_after_s, 3);

    rs = resp(502, "Bad Gateway");
    assert_false(D->parse_action(&rs, ACTION_PAUSE, &a, &e));
    assert_int_equal(e.kind, API_ERR_SERVER);

    rs = resp(200, "{\"status\":\"paused\",\"campaign_id\":\"cmp_1\"}");
    assert_true(D->parse_action(&rs, ACTION_PAUSE, &a, &e));
    assert_int_equal(a.state, CAMPAIGN_PAUSED);
    rs = resp(200, "[]");
    assert_false(D->parse_action(&rs, ACTION_PAUSE, &a, &e));
    assert_int_equal(e.kind, API_ERR_PARSE);
}

/* allowed_schedule carries the window, the day names and the zone. */
static void test_build_create_settings(void **state)
{
    (void)state;
    static const char *const keys[] = {"allowed_schedule", "concurrency", "retry_limit",
                                       "max_calls_per_day", NULL};
    model_contact_t ct;
    model_contact_init(&ct);
    ct.phone = strdup("+919876543210");
    api_create_spec_t spec = {.name = "Renewals", .contact_at = contactsrc_array_at,
                              .contacts_src = &ct, .ncontacts = 1,
                              .timezone = "Asia/Kolkata", .retry_limit = -1,
                              .window_start = "10:00", .window_end = "19:00",
                              .working_days = 0x01 | 0x04 | 0x20, /* Mon, Wed, Sat */
                              /* not Sarvam's: never sent */
                              .concurrency = 3, .max_calls_per_day = 9};
    api_request_t r;
    api_error_t e;
    assert_true(D->build_create(&CTX, &spec, &r, &e));
    char *got = drvcheck_body_subset(r.body, keys);
    assert_string_equal(got, "{\"allowed_schedule\":{\"allowed_start_time\":\"10:00\","
                             "\"allowed_end_time\":\"19:00\",\"allowed_days\":[\"Monday\","
                             "\"Wednesday\",\"Saturday\"],\"timezone\":\"Asia/Kolkata\"}}");
    free(got);
    api_request_free(&r);

    spec.window_start = spec.window_end = NULL;
    spec.working_days = 0x7f;
    assert_true(D->build_create(&CTX, &spec, &r, &e));
    got = drvcheck_body_subset(r.body, keys);
    assert_string_equal(got, "{\"allowed_schedule\":{\"allowed_days\":[\"Monday\",\"Tuesday\","
                             "\"Wednesday\",\"Thursday\",\"Friday\",\"Saturday\",\"Sunday\"],"
                             "\"timezone\":\"Asia/Kolkata\"}}");
    free(got);
    api_request_free(&r);
    model_contact_free(&ct);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build_requests),
        cmocka_unit_test(test_model_gate_and_missing_workspace),
        cmocka_unit_test(test_create_and_chunks),
        cmocka_unit_test(test_build_chunk_exact_users),
        cmocka_unit_test(test_parse_list_and_detail),
        cmocka_unit_test(test_reschedule_patch_body),
        cmocka_unit_test(test_parse_window_from_details),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_build_create_settings),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
