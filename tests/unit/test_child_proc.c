/* cli/child_proc.c, the one starter of dialtop-sim and `dialtop hooks`:
 * the caller's extra arguments reach the child after its own, up to
 * CHILD_PROC_MAX_ARGS in all; one more is refused by name and nothing is
 * started. The child is /bin/sh reporting its argument count as the port,
 * so the count the child saw is what the test reads back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "child_proc.h"

/* $# is the number of arguments after $0 ("sh"): the extras. */
static const char *const sh_argv[] = {"/bin/sh", "-c", "echo listening on http://127.0.0.1:$#; exec sleep 5",
                                      "sh", NULL};
#define SH_FIXED 4

static bool start_with(size_t nextra, pid_t *pid, int *port, char *err, size_t errlen)
{
    static const char *extra[CHILD_PROC_MAX_ARGS + 2];
    for (size_t i = 0; i < nextra; i++)
        extra[i] = "x";
    extra[nextra] = NULL;
    child_proc_spec_t spec = {
        .argv = sh_argv,
        .extra = extra,
        .who = "the test child",
        .env_name = "DIALTOP_TEST_SECRET",
        .env_value = NULL,
        .log_path = NULL,
        .die_with_parent = true,
    };
    return child_proc_start(&spec, pid, port, err, errlen);
}

static void test_extra_arguments_reach_the_child(void **state)
{
    (void)state;
    pid_t pid = 0;
    int port = 0;
    char err[128] = "";
    assert_true(start_with(3, &pid, &port, err, sizeof err));
    assert_int_equal(port, 3);
    assert_true(pid > 0);
    child_proc_stop(&pid);
    assert_int_equal(pid, 0);
    /* the most there may be: every one arrives */
    size_t most = CHILD_PROC_MAX_ARGS - SH_FIXED;
    assert_true(start_with(most, &pid, &port, err, sizeof err));
    assert_int_equal(port, (int)most);
    child_proc_stop(&pid);
}

static void test_one_too_many_is_refused(void **state)
{
    (void)state;
    pid_t pid = 0;
    int port = 0;
    char err[128] = "";
    assert_false(start_with(CHILD_PROC_MAX_ARGS - SH_FIXED + 1, &pid, &port, err, sizeof err));
    assert_string_equal(err, "too many arguments for the test child");
    assert_int_equal(pid, 0);
    assert_int_equal(port, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_extra_arguments_reach_the_child),
        cmocka_unit_test(test_one_too_many_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
