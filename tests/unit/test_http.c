/* Transport behaviour that needs no server: network errors from a closed
 * loopback port, retries for reads only, cancellation, the extra file
 * descriptor waking http_poll(), curl-code mapping, and channels sharing
 * one transport. Successful
 * exchanges are covered by the integration tests against dialtop-sim. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "http.h"

typedef struct {
    int calls;
    bool got_response;
    api_error_t err;
} result_t;

static void on_done(const api_response_t *resp, const api_error_t *neterr, void *ud)
{
    result_t *r = ud;
    r->calls++;
    r->got_response = resp != NULL;
    if (neterr)
        r->err = *neterr;
}

/* A loopback port nobody listens on: bind, note the port, close. */
static int closed_port(void)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) != 0 ||
        getsockname(s, (struct sockaddr *)&a, &len) != 0)
        return -1;
    close(s);
    return ntohs(a.sin_port);
}

static void request_to(api_request_t *r, http_method_t m, int port, const char *body)
{
    api_request_init(r);
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/x", port);
    r->method = m;
    r->url = strdup(url);
    r->body = body ? strdup(body) : NULL;
    r->idempotent = m == HTTP_GET;
}

static http_t *fast_http(void)
{
    http_options_t o;
    http_options_default(&o);
    o.backoff_base_ms = 10;
    o.backoff_max_ms = 40;
    o.connect_timeout_ms = 2000;
    return http_new(&o);
}

static void run_until_done(http_t *h, const result_t *r)
{
    for (int i = 0; i < 500 && r->calls == 0; i++)
        assert_true(http_poll(h, -1, 100, NULL) >= 0);
}

static void test_refused_read_is_retried_then_reported(void **state)
{
    (void)state;
    int port = closed_port();
    assert_true(port > 0);
    http_t *h = fast_http();
    api_request_t req;
    request_to(&req, HTTP_GET, port, NULL);
    result_t r = {0};
    api_error_t e;
    assert_true(http_submit(h, &req, on_done, &r, &e) > 0);
    api_request_free(&req); /* the transport keeps its own copy */
    assert_int_equal(r.calls, 0); /* never from inside submit */
    run_until_done(h, &r);
    assert_int_equal(r.calls, 1);
    assert_false(r.got_response);
    assert_int_equal(r.err.kind, API_ERR_NETWORK);
    assert_non_null(strstr(r.err.message, "refused"));
    http_stats_t st;
    http_get_stats(h, &st);
    assert_int_equal(st.retries, 2);
    assert_int_equal(st.completed, 1);
    assert_int_equal(http_pending(h), 0);
    http_free(h);
}

/* The taking variant owns the body from the call on: the request no
 * longer holds it (so nothing is freed twice), and it is sent all the
 * same (here: reported as refused, not as an invalid request). */
static void test_submit_take_owns_the_body(void **state)
{
    (void)state;
    int port = closed_port();
    http_t *h = fast_http();
    api_request_t req;
    request_to(&req, HTTP_POST, port, "{\"contacts\":[]}");
    result_t r = {0};
    api_error_t e;
    assert_true(http_submit_take(h, &req, on_done, &r, &e) > 0);
    assert_null(req.body);
    api_request_free(&req);
    run_until_done(h, &r);
    assert_int_equal(r.calls, 1);
    assert_int_equal(r.err.kind, API_ERR_NETWORK);
    assert_non_null(strstr(r.err.message, "refused"));
    http_free(h);
}

static void test_action_is_never_retried(void **state)
{
    (void)state;
    int port = closed_port();
    http_t *h = fast_http();
    api_request_t req;
    request_to(&req, HTTP_PUT, port, "{\"action\":\"pause\"}");
    result_t r = {0};
    api_error_t e;
    assert_true(http_submit(h, &req, on_done, &r, &e) > 0);
    api_request_free(&req);
    run_until_done(h, &r);
    assert_int_equal(r.calls, 1);
    assert_int_equal(r.err.kind, API_ERR_NETWORK);
    http_stats_t st;
    http_get_stats(h, &st);
    assert_int_equal(st.retries, 0);
    http_free(h);
}

static void test_cancel_suppresses_callback(void **state)
{
    (void)state;
    int port = closed_port();
    http_t *h = fast_http();
    api_request_t req;
    request_to(&req, HTTP_GET, port, NULL);
    result_t r = {0};
    api_error_t e;
    unsigned long id = http_submit(h, &req, on_done, &r, &e);
    api_request_free(&req);
    assert_int_equal(http_pending(h), 1);
    assert_true(http_cancel(h, id));
    assert_false(http_cancel(h, id));
    assert_int_equal(http_pending(h), 0);
    for (int i = 0; i < 5; i++)
        http_poll(h, -1, 20, NULL);
    assert_int_equal(r.calls, 0);
    http_free(h);
}

static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_extra_fd_wakes_poll(void **state)
{
    (void)state;
    http_t *h = fast_http();
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    bool ready = true;
    /* Nothing to read: the timeout passes and the fd is not ready. */
    assert_int_equal(http_poll(h, fds[0], 30, &ready), 0);
    assert_false(ready);
    assert_int_equal(write(fds[1], "k", 1), 1);
    long long t0 = mono_ms();
    assert_int_equal(http_poll(h, fds[0], 5000, &ready), 0);
    assert_true(ready);
    assert_true(mono_ms() - t0 < 2000); /* woke on the key, not the timeout */
    close(fds[0]);
    close(fds[1]);
    http_free(h);
}

static void test_bad_scheme_and_mapping(void **state)
{
    (void)state;
    http_t *h = fast_http();
    api_request_t req;
    api_request_init(&req);
    req.url = strdup("ftp://127.0.0.1/x");
    req.idempotent = true;
    result_t r = {0};
    api_error_t e;
    assert_true(http_submit(h, &req, on_done, &r, &e) > 0);
    api_request_free(&req);
    run_until_done(h, &r);
    assert_int_equal(r.err.kind, API_ERR_NETWORK);
    assert_non_null(strstr(r.err.message, "http:// or https://"));
    http_free(h);

    api_error_t m;
    http_error_from_curl(CURLE_COULDNT_RESOLVE_HOST, "nowhere.invalid", &m);
    assert_int_equal(m.kind, API_ERR_NETWORK);
    assert_non_null(strstr(m.message, "DNS"));
    assert_non_null(strstr(m.message, "nowhere.invalid"));
    http_error_from_curl(CURLE_OPERATION_TIMEDOUT, NULL, &m);
    assert_non_null(strstr(m.message, "timed out"));
    http_error_from_curl(CURLE_RECV_ERROR, NULL, &m);
    assert_non_null(strstr(m.message, "reset"));
    http_error_from_curl(CURLE_PEER_FAILED_VERIFICATION, NULL, &m);
    assert_non_null(strstr(m.message, "TLS"));
    assert_int_equal(m.http_status, 0);
}

static void test_insecure_flag(void **state)
{
    (void)state;
    http_options_t o;
    http_options_default(&o);
    http_t *h = http_new(&o);
    assert_false(http_is_insecure(h));
    http_free(h);
    o.insecure = true;
    h = http_new(&o);
    assert_true(http_is_insecure(h));
    http_free(h);
}

/* A channel owner's tick that counts its runs and asks to run again in
 * `next_ms`. */
typedef struct {
    int runs;
    long next_ms;
} tick_t;

static int count_tick(void *ud, long *next_ms)
{
    tick_t *t = ud;
    t->runs++;
    *next_ms = t->next_ms;
    return 0;
}

/* Two profiles' channels on one transport: each keeps its own options and
 * figures, and one poll, through either channel or the transport, moves
 * both and runs both owners' ticks; the earliest tick bounds the wait. */
static void test_channels_share_one_transport(void **state)
{
    (void)state;
    int port = closed_port();
    assert_true(port > 0);
    http_transport_t *t = http_transport_new();
    assert_non_null(t);
    http_options_t o;
    http_options_default(&o);
    o.backoff_base_ms = 10;
    o.backoff_max_ms = 40;
    http_t *a = http_new_on(t, &o);
    o.max_retries = 0;
    http_t *b = http_new_on(t, &o);
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_equal(http_transport_of(a), t);
    assert_ptr_equal(http_transport_of(b), t);
    tick_t ta = {0, -1}, tb = {0, -1};
    http_set_tick(a, count_tick, &ta);
    http_set_tick(b, count_tick, &tb);
    api_request_t req;
    request_to(&req, HTTP_GET, port, NULL);
    result_t ra = {0}, rb = {0};
    api_error_t e;
    assert_true(http_submit(a, &req, on_done, &ra, &e) > 0);
    assert_true(http_submit(b, &req, on_done, &rb, &e) > 0);
    api_request_free(&req);
    /* polling channel a only */
    for (int i = 0; i < 500 && (ra.calls == 0 || rb.calls == 0); i++)
        assert_true(http_poll(a, -1, 100, NULL) >= 0);
    assert_int_equal(ra.calls, 1);
    assert_int_equal(rb.calls, 1);
    assert_true(ta.runs > 0);
    assert_true(tb.runs > 0);
    http_stats_t sa, sb;
    http_get_stats(a, &sa);
    http_get_stats(b, &sb);
    assert_int_equal(sa.retries, 2); /* each channel its own options... */
    assert_int_equal(sb.retries, 0);
    assert_int_equal(sa.completed, 1); /* ...and its own figures */
    assert_int_equal(sb.completed, 1);
    /* nothing in flight: a tick due in 30 ms ends a wait of 5 s */
    tb.next_ms = 30;
    long long t0 = mono_ms();
    assert_true(http_transport_poll(t, -1, 5000, NULL) >= 0);
    assert_true(mono_ms() - t0 < 2500);
    http_free(a);
    http_free(b);
    http_transport_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refused_read_is_retried_then_reported),
        cmocka_unit_test(test_submit_take_owns_the_body),
        cmocka_unit_test(test_action_is_never_retried),
        cmocka_unit_test(test_cancel_suppresses_callback),
        cmocka_unit_test(test_extra_fd_wakes_poll),
        cmocka_unit_test(test_bad_scheme_and_mapping),
        cmocka_unit_test(test_insecure_flag),
        cmocka_unit_test(test_channels_share_one_transport),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
