/* The simproc helper itself: it reports a sim that cannot start, survives
 * a child that dies under it, and stops a healthy one cleanly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <time.h>

#include "simproc.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_bad_arguments_fail_fast(void **state)
{
    (void)state;
    const char *args[] = {"--no-such-flag", NULL};
    double t = now_s();
    simproc_t *sp = simproc_start(NULL, args);
    assert_null(sp);
    assert_true(now_s() - t < 5.0); /* noticed the exit, did not wait for the timeout */
}

static void test_child_killed_under_us(void **state)
{
    (void)state;
    simproc_t *sp = simproc_start("k", NULL);
    assert_non_null(sp);
    assert_true(simproc_port(sp) > 0);
    assert_true(simproc_alive(sp));
    kill(simproc_pid(sp), SIGKILL);
    double t = now_s();
    while (simproc_alive(sp) && now_s() - t < 5.0) {
        struct timespec ts = {0, 5000000L};
        nanosleep(&ts, NULL);
    }
    assert_false(simproc_alive(sp));
    assert_int_equal(simproc_stop(sp), 128 + SIGKILL);
}

static void test_clean_stop(void **state)
{
    (void)state;
    simproc_t *a = simproc_start("k", NULL);
    simproc_t *b = simproc_start("k", NULL);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_not_equal(simproc_port(a), simproc_port(b)); /* port 0: each its own */
    assert_int_equal(simproc_stop(a), 0);
    simproc_kill(b);
    assert_int_equal(simproc_stop(NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_arguments_fail_fast),
        cmocka_unit_test(test_child_killed_under_us),
        cmocka_unit_test(test_clean_stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
