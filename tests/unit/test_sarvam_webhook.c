/* Unit tests for the Sarvam webhook body parser: the fields it files an
 * attempt by, the refusals and their HTTP statuses, tolerant types. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "sarvam_webhook.h"

static void test_full_payload(void **state)
{
    (void)state;
    const char *body =
        "{\"app_id\":\"app_9\",\"app_version\":4,\"attempt_id\":\"att_77\",\"campaign_id\":\"cmp_1\","
        "\"cohort_id\":\"coh_2\",\"completion_status\":\"failed\",\"connectivity_status\":\"no_answer\","
        "\"next_action_status\":null,\"failure_reason\":\"no pickup\",\"user_identifier\":\"u-5\","
        "\"user_phone_number\":\"+919812345678\",\"agent_phone_number\":\"+918000000000\","
        "\"duration\":0,\"interaction_transcript\":[{\"role\":\"agent\",\"text\":\"hi\"}]}";
    sarvam_webhook_t w;
    char why[128];
    assert_int_equal(sarvam_webhook_parse(body, strlen(body), &w, why, sizeof why),
                     SARVAM_WEBHOOK_OK);
    assert_string_equal(w.attempt_id, "att_77");
    assert_string_equal(w.campaign_id, "cmp_1");
    assert_string_equal(w.phone, "+919812345678");
    assert_string_equal(w.user_identifier, "u-5");
    assert_string_equal(w.cohort_id, "coh_2");
    assert_string_equal(w.completion, "failed");
    assert_string_equal(w.connectivity, "no_answer");
    assert_null(w.next_action);
    assert_int_equal(w.state, CONTACT_NO_ANSWER);
    sarvam_webhook_free(&w);
}

static void test_states_from_payload(void **state)
{
    (void)state;
    const struct {
        const char *tail;
        contact_state_t want;
    } cases[] = {
        {"\"completion_status\":\"completed\",\"connectivity_status\":\"connected\"", CONTACT_COMPLETED},
        {"\"completion_status\":\"failed\",\"connectivity_status\":\"busy\",\"next_action_status\":\"business_retry\"",
         CONTACT_RETRY_SCHEDULED},
        {"\"completion_status\":\"failed\",\"connectivity_status\":null,\"next_action_status\":null", CONTACT_FAILED},
        {"\"completion_status\":null", CONTACT_UNKNOWN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char body[512];
        snprintf(body, sizeof body,
                 "{\"attempt_id\":\"a\",\"campaign_id\":\"c\",\"user_phone_number\":\"+1\",%s}",
                 cases[i].tail);
        sarvam_webhook_t w;
        char why[128];
        assert_int_equal(sarvam_webhook_parse(body, strlen(body), &w, why, sizeof why),
                         SARVAM_WEBHOOK_OK);
        assert_int_equal(w.state, cases[i].want);
        sarvam_webhook_free(&w);
    }
}

static void test_numeric_ids_and_no_nul(void **state)
{
    (void)state;
    /* ids as numbers; the body is not NUL-terminated where it ends */
    const char text[] = "{\"attempt_id\":123,\"campaign_id\":7,\"user_phone_number\":\"+44\"}GARBAGE";
    size_t len = strlen(text) - strlen("GARBAGE");
    sarvam_webhook_t w;
    char why[128];
    assert_int_equal(sarvam_webhook_parse(text, len, &w, why, sizeof why), SARVAM_WEBHOOK_OK);
    assert_string_equal(w.attempt_id, "123");
    assert_string_equal(w.campaign_id, "7");
    sarvam_webhook_free(&w);
}

static void test_refusals(void **state)
{
    (void)state;
    const struct {
        const char *body;
        sarvam_webhook_status_t want;
        const char *why_has;
        const char *why_lacks;
    } cases[] = {
        {"", SARVAM_WEBHOOK_NOT_JSON, "not JSON", NULL},
        {"{\"attempt_id\":", SARVAM_WEBHOOK_NOT_JSON, "not JSON", NULL},
        {"[{\"attempt_id\":\"a\"}]", SARVAM_WEBHOOK_NOT_JSON, "not one attempt", NULL},
        {"\"text\"", SARVAM_WEBHOOK_NOT_JSON, "not one attempt", NULL},
        /* one object, then more: not one JSON value */
        {"{\"attempt_id\":\"a\",\"campaign_id\":\"c\",\"user_phone_number\":\"+1\"}{}",
         SARVAM_WEBHOOK_NOT_JSON, "not JSON", NULL},
        {"{\"attempt_id\":\"a\",\"campaign_id\":\"c\",\"user_phone_number\":\"+1\"} x",
         SARVAM_WEBHOOK_NOT_JSON, "not JSON", NULL},
        {"{}", SARVAM_WEBHOOK_MISSING, "missing attempt_id, campaign_id, user_phone_number", NULL},
        {"{\"attempt_id\":\"\",\"campaign_id\":\"c\",\"user_phone_number\":\"+1\"}", SARVAM_WEBHOOK_MISSING,
         "missing attempt_id", "campaign_id"},
        {"{\"attempt_id\":\"a\",\"campaign_id\":null,\"user_phone_number\":false}", SARVAM_WEBHOOK_MISSING,
         "missing campaign_id, user_phone_number", "attempt_id"},
        {"{\"attempt_id\":{\"x\":1},\"campaign_id\":\"c\",\"user_phone_number\":\"+1\"}",
         SARVAM_WEBHOOK_MISSING, "attempt_id", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sarvam_webhook_t w;
        char why[128];
        sarvam_webhook_status_t got =
            sarvam_webhook_parse(cases[i].body, strlen(cases[i].body), &w, why, sizeof why);
        if (got != cases[i].want)
            fail_msg("case %zu (%s): got %d", i, cases[i].body, (int)got);
        if (!strstr(why, cases[i].why_has))
            fail_msg("case %zu: \"%s\" does not say \"%s\"", i, why, cases[i].why_has);
        if (cases[i].why_lacks)
            assert_null(strstr(why, cases[i].why_lacks));
        assert_null(w.attempt_id);
        assert_null(w.campaign_id);
        sarvam_webhook_free(&w);
    }
    assert_int_equal(sarvam_webhook_parse(NULL, 0, &(sarvam_webhook_t){0}, NULL, 0),
                     SARVAM_WEBHOOK_NOT_JSON);
    /* trailing blanks are fine; a NUL inside the body is not */
    const char ok[] = "{\"attempt_id\":\"a\",\"campaign_id\":\"c\",\"user_phone_number\":\"+1\"} \r\n";
    sarvam_webhook_t w;
    char why[64];
    assert_int_equal(sarvam_webhook_parse(ok, sizeof ok - 1, &w, why, sizeof why), SARVAM_WEBHOOK_OK);
    sarvam_webhook_free(&w);
    assert_int_equal(sarvam_webhook_parse(ok, sizeof ok, &w, why, sizeof why), /* with its NUL */
                     SARVAM_WEBHOOK_NOT_JSON);
    assert_int_equal(sarvam_webhook_http_status(SARVAM_WEBHOOK_OK), 200);
    assert_int_equal(sarvam_webhook_http_status(SARVAM_WEBHOOK_NOT_JSON), 400);
    assert_int_equal(sarvam_webhook_http_status(SARVAM_WEBHOOK_MISSING), 422);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_payload),
        cmocka_unit_test(test_states_from_payload),
        cmocka_unit_test(test_numeric_ids_and_no_nul),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
