/* cli/sim_child: the dialtop-sim that `dialtop --demo` runs. It must
 * answer on the port it reports, keep its key out of argv, clean up its
 * temporary directory, and die with its parent even on SIGKILL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sim_child.h"
#include "simhttp.h"

static char program[4096];

static int setup(void **state)
{
    (void)state;
    return sim_child_find_program(program, sizeof program) ? 0 : -1;
}

static bool pid_alive(pid_t pid)
{
    /* A zombie still answers kill(0); read its state from /proc instead. */
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return false;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return false;
    buf[n] = '\0';
    const char *paren = strrchr(buf, ')');
    return paren && paren[1] == ' ' && paren[2] != 'Z' && paren[2] != 'X';
}

static bool wait_gone(pid_t pid, int seconds)
{
    for (int i = 0; i < seconds * 100; i++) {
        if (!pid_alive(pid))
            return true;
        usleep(10000);
    }
    return false;
}

static void test_start_answers_and_stop_cleans_up(void **state)
{
    (void)state;
    sim_child_t c;
    char err[256] = "";
    const char *args[] = {"--demo", "--seed", "3", NULL};
    assert_true(sim_child_start(&c, program, NULL, args, err, sizeof err));
    assert_true(c.port > 0);
    assert_true(c.own_dir);

    /* The reported port answers, and only with the generated key. */
    char url[128], auth[96];
    snprintf(url, sizeof url, "%s/api/v1/calls/bulk_call?pageno=1&pagesize=5", c.url);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", c.api_key);
    const char *good[] = {auth, NULL};
    const char *bad[] = {"Authorization: Bearer demo", NULL};
    simhttp_t r;
    simhttp_request(&r, "GET", url, good, NULL, 0);
    assert_int_equal(r.status, 200);
    assert_non_null(r.json);
    assert_true(cJSON_GetArraySize(cJSON_GetObjectItem(r.json, "records")) > 0);
    simhttp_free(&r);
    simhttp_request(&r, "GET", url, bad, NULL, 0);
    assert_int_equal(r.status, 401);
    simhttp_free(&r);

    /* The key is not on the child's command line. */
    char path[64], cmdline[4096];
    snprintf(path, sizeof path, "/proc/%d/cmdline", (int)c.pid);
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    ssize_t n = read(fd, cmdline, sizeof cmdline - 1);
    close(fd);
    assert_true(n > 0);
    for (ssize_t i = 0; i < n; i++)
        if (cmdline[i] == '\0')
            cmdline[i] = ' ';
    cmdline[n] = '\0';
    assert_null(strstr(cmdline, c.api_key));
    assert_non_null(strstr(cmdline, "--state"));

    char dir[256];
    snprintf(dir, sizeof dir, "%s", c.dir);
    pid_t pid = c.pid;
    struct stat st;
    assert_int_equal(stat(dir, &st), 0);
    sim_child_stop(&c);
    assert_false(pid_alive(pid));
    assert_int_equal(stat(dir, &st), -1);
    assert_int_equal(errno, ENOENT);
    sim_child_stop(&c); /* twice is harmless */
}

/* The console killed with SIGKILL leaves no dialtop-sim behind. */
static void test_child_dies_with_killed_parent(void **state)
{
    (void)state;
    int pfd[2];
    assert_int_equal(pipe(pfd), 0);
    pid_t console = fork();
    assert_true(console >= 0);
    if (console == 0) {
        close(pfd[0]);
        sim_child_t c;
        char err[256];
        const char *args[] = {"--seed", "1", NULL};
        int sim_pid = sim_child_start(&c, program, NULL, args, err, sizeof err) ? c.pid : -1;
        if (write(pfd[1], &sim_pid, sizeof sim_pid) != (ssize_t)sizeof sim_pid)
            _exit(1);
        for (;;)
            pause();
    }
    close(pfd[1]);
    int sim_pid = -1;
    assert_int_equal(read(pfd[0], &sim_pid, sizeof sim_pid), (ssize_t)sizeof sim_pid);
    close(pfd[0]);
    assert_true(sim_pid > 0);
    assert_true(pid_alive(sim_pid));
    kill(console, SIGKILL);
    waitpid(console, NULL, 0);
    assert_true(wait_gone(sim_pid, 5));
}

static void test_missing_program_fails_cleanly(void **state)
{
    (void)state;
    sim_child_t c;
    char err[256] = "";
    assert_false(sim_child_start(&c, "/nonexistent/dialtop-sim", NULL, NULL, err, sizeof err));
    assert_true(strlen(err) > 0);
    assert_int_equal(c.pid, 0);
    /* A program that exits at once is reported, not waited on for long. */
    assert_false(sim_child_start(&c, "/bin/false", NULL, NULL, err, sizeof err));
    assert_non_null(strstr(err, "dialtop-sim"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_start_answers_and_stop_cleans_up),
        cmocka_unit_test(test_child_dies_with_killed_parent),
        cmocka_unit_test(test_missing_program_fails_cleanly),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
