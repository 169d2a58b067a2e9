/* Unit tests for tui/poller: cadence, no double polls, backoff, 429 waits
 * and the status sentences the operator reads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "poller.h"

static void set_err(api_error_t *e, api_error_kind_t k, long status, const char *msg, long ra)
{
    api_error_clear(e);
    e->kind = k;
    e->http_status = status;
    snprintf(e->message, sizeof e->message, "%s", msg);
    e->retry_after_s = ra;
}

static void test_cadence_and_no_double_poll(void **state)
{
    (void)state;
    poller_t p;
    poller_init(&p, 2, 100.0);
    assert_true(poller_due(&p, 100.0));
    poller_started(&p, 100.0);
    assert_false(poller_due(&p, 500.0)); /* in flight: never a second one */
    assert_int_equal(poller_ms_until_due(&p, 100.5), -1);
    poller_succeeded(&p, 100.3);
    assert_false(poller_due(&p, 101.9));
    assert_true(poller_due(&p, 102.0)); /* interval counted from the start */
    assert_int_equal(poller_ms_until_due(&p, 101.0), 1000);
}

static void test_interval_minimum(void **state)
{
    (void)state;
    poller_t p;
    poller_init(&p, 0, 0.0);
    assert_true(p.interval_s >= 1.0);
}

static void test_backoff_grows_and_caps(void **state)
{
    (void)state;
    poller_t p;
    api_error_t e;
    set_err(&e, API_ERR_NETWORK, 0, "network error: connection refused (curl 7)", -1);
    poller_init(&p, 2, 0.0);
    double now = 0, last_wait = 0;
    for (int i = 0; i < 10; i++) {
        poller_started(&p, now);
        poller_failed(&p, &e, now);
        double wait = p.next_due - now;
        assert_true(wait >= last_wait);
        assert_true(wait <= POLLER_BACKOFF_MAX_S);
        last_wait = wait;
        now = p.next_due;
    }
    assert_true(last_wait == POLLER_BACKOFF_MAX_S);
    /* a success resets the cadence */
    poller_started(&p, now);
    poller_succeeded(&p, now);
    assert_int_equal(p.failures, 0);
    assert_true(p.next_due - now <= 2.0);
}

static void test_rate_limit_waits_reset_time(void **state)
{
    (void)state;
    poller_t p;
    api_error_t e;
    set_err(&e, API_ERR_RATE_LIMITED, 429, "rate limited", 23);
    poller_init(&p, 2, 0.0);
    poller_started(&p, 0.0);
    poller_failed(&p, &e, 10.0);
    assert_true(p.next_due == 33.0);
    char buf[256];
    assert_int_equal(poller_status_text(&p, 10.0, "K", buf, sizeof buf), POLLER_SEV_WARN);
    assert_string_equal(buf, "rate limited, waiting 23s");
}

static void test_status_sentences(void **state)
{
    (void)state;
    poller_t p;
    api_error_t e;
    char buf[256];
    poller_init(&p, 2, 0.0);
    poller_status_text(&p, 0.0, "K", buf, sizeof buf);
    assert_string_equal(buf, "polling...");
    poller_started(&p, 0.0);
    poller_succeeded(&p, 0.2);
    poller_status_text(&p, 2.5, "K", buf, sizeof buf);
    assert_string_equal(buf, "updated 2s ago");
    assert_false(poller_is_stale(&p));

    set_err(&e, API_ERR_NETWORK, 0, "network error: connection refused (Failed to connect)", -1);
    poller_started(&p, 3.0);
    poller_failed(&p, &e, 3.0);
    assert_true(poller_is_stale(&p));
    assert_int_equal(poller_status_text(&p, 3.0, "K", buf, sizeof buf), POLLER_SEV_ERROR);
    assert_string_equal(buf, "backend unreachable (connection refused), retry in 4s");

    set_err(&e, API_ERR_AUTH, 401, "Invalid API key", -1);
    poller_started(&p, 10.0);
    poller_failed(&p, &e, 10.0);
    poller_status_text(&p, 10.0, "OMNIDIM_API_KEY", buf, sizeof buf);
    assert_string_equal(buf, "API key rejected (401): check OMNIDIM_API_KEY");

    set_err(&e, API_ERR_SERVER, 503, "unavailable", -1);
    poller_started(&p, 50.0);
    poller_failed(&p, &e, 50.0);
    poller_status_text(&p, 50.0, "K", buf, sizeof buf);
    assert_non_null(strstr(buf, "HTTP 503"));
    assert_non_null(strstr(buf, "retry in"));
}

static void test_request_now(void **state)
{
    (void)state;
    poller_t p;
    poller_init(&p, 5, 0.0);
    poller_started(&p, 0.0);
    poller_succeeded(&p, 0.1);
    assert_false(poller_due(&p, 1.0));
    poller_request_now(&p, 1.0);
    assert_true(poller_due(&p, 1.0));
}

/* Issue 14: a backend that accepts and never answers: the data is STALE
 * once one interval plus one request timeout has passed since it was
 * fresh, while the poll is still in flight (before any failure). */
static void test_stale_while_hanging(void **state)
{
    (void)state;
    poller_t p;
    poller_init(&p, 2, 0.0);
    assert_false(poller_is_stale_at(&p, 100.0, 20.0)); /* nothing shown yet */
    poller_started(&p, 0.0);
    poller_succeeded(&p, 0.5);
    poller_started(&p, 2.0); /* hangs */
    assert_false(poller_is_stale_at(&p, 22.0, 20.0));
    assert_true(poller_is_stale_at(&p, 22.6, 20.0));
    assert_false(poller_is_stale(&p)); /* no failure has arrived yet */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cadence_and_no_double_poll),
        cmocka_unit_test(test_interval_minimum),
        cmocka_unit_test(test_backoff_grows_and_caps),
        cmocka_unit_test(test_rate_limit_waits_reset_time),
        cmocka_unit_test(test_status_sentences),
        cmocka_unit_test(test_request_now),
        cmocka_unit_test(test_stale_while_hanging),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
