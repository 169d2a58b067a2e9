/* The upload journal: what a killed upload wrote is read back exactly
 * (acknowledged contacts, the one chunk in doubt, the hold of a batch
 * without drafts), a torn last line is ignored, the file is private and
 * a profile name cannot leave the directory. Also the follow-up's state
 * list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "followup.h"
#include "upload_journal.h"

static char dir[] = "/tmp/dialtop-journal-XXXXXX";

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    setenv("XDG_STATE_HOME", dir, 1);
    return 0;
}

static void test_events_read_back(void **state)
{
    (void)state;
    char path[4096], err[256];
    assert_true(upload_journal_path(0x1234, "tru", path, sizeof path));
    upload_journal_t *j = upload_journal_open(path, err, sizeof err);
    assert_non_null(j);
    assert_true(upload_journal_begin(j, "Big list", "truedy", 25000));
    assert_true(upload_journal_creating(j));
    assert_true(upload_journal_created(j, "batch_1", false, "2026-12-11 10:00:00",
                                       "America/New_York", 10000, 9999, 1));
    assert_true(upload_journal_sending(j, 10000, 20000));
    assert_true(upload_journal_acked(j, 20000, 19999, 1));
    assert_true(upload_journal_sending(j, 20000, 25000));
    upload_journal_close(j);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 077, 0);

    upload_journal_state_t s;
    upload_journal_read(path, &s);
    assert_true(s.found);
    assert_string_equal(s.name, "Big list");
    assert_int_equal(s.contacts, 25000);
    assert_true(s.created);
    assert_string_equal(s.campaign_id, "batch_1");
    assert_true(s.held);
    assert_string_equal(s.hold_when, "2026-12-11 10:00:00");
    assert_string_equal(s.hold_zone, "America/New_York");
    assert_int_equal(s.acked, 20000);
    assert_int_equal(s.accepted, 19999);
    assert_true(s.sending);
    assert_int_equal(s.send_first, 20000);
    assert_int_equal(s.send_last, 25000);
    assert_false(s.done);

    /* a kill in the middle of a write: the torn line says nothing */
    FILE *f = fopen(path, "a");
    fputs("{\"event\":\"acked\",\"upto\":25", f);
    fclose(f);
    upload_journal_read(path, &s);
    assert_int_equal(s.acked, 20000);
    assert_true(s.sending);
    unlink(path);
}

static void test_path_keeps_the_profile_inside(void **state)
{
    (void)state;
    char path[4096];
    assert_true(upload_journal_path(1, "../../etc/x", path, sizeof path));
    assert_null(strstr(path, ".."));
    assert_non_null(strstr(path, "/dialtop/uploads/0000000000000001-______etc_x.journal"));
}

static void test_hash_follows_content(void **state)
{
    (void)state;
    char a[4200], b[4200], err[256];
    snprintf(a, sizeof a, "%s/a.csv", dir);
    snprintf(b, sizeof b, "%s/b.csv", dir);
    FILE *f = fopen(a, "w");
    fputs("phone\n+12120000001\n", f);
    fclose(f);
    f = fopen(b, "w");
    fputs("phone\n+12120000002\n", f);
    fclose(f);
    uint64_t ha, hb, ha2;
    assert_true(upload_journal_hash_file(a, &ha, err, sizeof err));
    assert_true(upload_journal_hash_file(b, &hb, err, sizeof err));
    assert_true(upload_journal_hash_file(a, &ha2, err, sizeof err));
    assert_true(ha != hb);
    assert_true(ha == ha2);
    assert_false(upload_journal_hash_file("/nonexistent/x.csv", &ha, err, sizeof err));
    /* a FIFO has no identity, and is never opened (that would wait for a writer) */
    char fifo[4200];
    snprintf(fifo, sizeof fifo, "%s/f.csv", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_false(upload_journal_hash_file(fifo, &ha, err, sizeof err));
    assert_non_null(strstr(err, "not a regular file"));
    unlink(fifo);
    unlink(a);
    unlink(b);
}

static void test_followup_states(void **state)
{
    (void)state;
    unsigned mask;
    char reason[256];
    assert_true(followup_parse_states("no_answer,busy,Failed", &mask, reason, sizeof reason));
    assert_int_equal(mask, (1u << CONTACT_NO_ANSWER) | (1u << CONTACT_BUSY) |
                               (1u << CONTACT_FAILED));
    assert_true(followup_parse_states("no-answer", &mask, reason, sizeof reason));
    assert_int_equal(mask, 1u << CONTACT_NO_ANSWER);
    assert_false(followup_parse_states("busy,nobody", &mask, reason, sizeof reason));
    assert_non_null(strstr(reason, "\"nobody\""));
    assert_false(followup_parse_states("", &mask, reason, sizeof reason));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_events_read_back),
        cmocka_unit_test(test_path_keeps_the_profile_inside),
        cmocka_unit_test(test_hash_follows_content),
        cmocka_unit_test(test_followup_states),
    };
    int rc = cmocka_run_group_tests(tests, setup, NULL);
    char sub[128];
    snprintf(sub, sizeof sub, "%s/dialtop/uploads", dir);
    rmdir(sub);
    snprintf(sub, sizeof sub, "%s/dialtop", dir);
    rmdir(sub);
    rmdir(dir);
    return rc;
}
