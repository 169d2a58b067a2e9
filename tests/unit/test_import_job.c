/* Unit tests for tui/import_job: a file read on a thread gives the same
 * result as import_file, a fault comes back as an error, progress ends at
 * the file's size, and abandoning a read returns at once (even on a FIFO
 * nobody writes yet) while the thread still ends and frees its work. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "import_job.h"

static char dir[256];

static void pause_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Bounded wait: a job that never ends fails the test instead of hanging. */
static bool wait_until_done(const import_job_t *j)
{
    for (int i = 0; i < 20000 && !import_job_done(j); i++)
        pause_ms(1);
    return import_job_done(j);
}

static bool wait_threads_out(void)
{
    for (int i = 0; i < 20000 && import_job_threads_alive() > 0; i++)
        pause_ms(1);
    return import_job_threads_alive() == 0;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    const char *tmp = getenv("DIALTOP_TEST_TMP");
    snprintf(dir, sizeof dir, "%s/import_job.XXXXXX", tmp ? tmp : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

static void test_reads_like_import_file(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/list.csv", dir);
    const char *csv = "phone;name\n+14155550101;Ann\n12;Bob\n";
    write_file(path, csv);
    import_options_t opt;
    import_options_init(&opt);
    char region[] = "US";
    opt.region = region;
    char reason[128];
    import_job_t *j = import_job_start(path, &opt, reason, sizeof reason);
    region[0] = 'X'; /* the job holds its own copy */
    assert_non_null(j);
    assert_true(wait_until_done(j));
    unsigned long long done, total;
    import_job_progress(j, &done, &total);
    assert_int_equal(total, strlen(csv));
    assert_int_equal(done, strlen(csv));
    import_error_t err;
    import_result_t *r = import_job_take(j, &err);
    assert_non_null(r);
    assert_int_equal(r->accepted, 1);
    assert_int_equal(r->rejected, 1);
    assert_int_equal(r->delimiter, ';');
    assert_string_equal(r->region, "US");
    import_job_free(j);
    import_result_free(r);
    assert_true(wait_threads_out());
}

static void test_fault_comes_back(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/none.csv", dir);
    write_file(path, "name,city\nAnn,SF\n");
    import_options_t opt;
    import_options_init(&opt);
    char reason[128];
    import_job_t *j = import_job_start(path, &opt, reason, sizeof reason);
    assert_non_null(j);
    assert_true(wait_until_done(j));
    import_error_t err;
    assert_null(import_job_take(j, &err));
    assert_int_equal(err.status, IMPORT_ERR_NO_PHONE);
    import_job_free(j);

    snprintf(path, sizeof path, "%s/missing.csv", dir);
    j = import_job_start(path, &opt, reason, sizeof reason);
    assert_non_null(j);
    assert_true(wait_until_done(j));
    assert_null(import_job_take(j, &err));
    assert_int_equal(err.status, IMPORT_ERR_IO);
    import_job_free(j);
    assert_true(wait_threads_out());
}

/* The thread is stuck opening a FIFO with no writer: freeing must not
 * wait for it; once a writer comes and goes, the thread ends by itself. */
static void test_abandon_does_not_wait(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/fifo.csv", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    import_options_t opt;
    import_options_init(&opt);
    char reason[128];
    import_job_t *j = import_job_start(path, &opt, reason, sizeof reason);
    assert_non_null(j);
    assert_int_equal(import_job_threads_alive(), 1);
    assert_false(import_job_done(j));
    import_error_t err;
    assert_null(import_job_take(j, &err)); /* not yet: refused, not blocking */
    import_job_free(j);                    /* returns although the read is stuck */
    assert_int_equal(import_job_threads_alive(), 1);
    int fd = open(path, O_WRONLY);         /* meets the thread's open */
    assert_true(fd >= 0);
    const char *csv = "phone\n+14155550101\n";
    assert_int_equal(write(fd, csv, strlen(csv)), (ssize_t)strlen(csv));
    close(fd);
    assert_true(wait_threads_out());
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_like_import_file),
        cmocka_unit_test(test_fault_comes_back),
        cmocka_unit_test(test_abandon_does_not_wait),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
