/* Unit tests for api/audit: the line format (parsed back with cJSON),
 * default path from XDG_STATE_HOME / HOME, directory and file modes, one
 * line per append, awkward names escaped, and clear errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit.h"

static char root[512];

static int setup(void **state)
{
    (void)state;
    const char *tmp = getenv("DIALTOP_TEST_TMP");
    snprintf(root, sizeof root, "%s/audit-%ld", tmp ? tmp : "/tmp", (long)getpid());
    return mkdir(root, 0700) == 0 ? 0 : -1;
}

static audit_entry_t pause_ok(void)
{
    audit_entry_t e = {0};
    e.time = 1798210800; /* 2026-12-25T15:00:00Z */
    e.profile = "prod";
    e.provider = "omnidim";
    e.campaign_id = "314";
    e.campaign_name = "Winter \"promo\"\n\x1b[31m";
    e.action = "pause";
    e.outcome = AUDIT_CONFIRMED;
    e.sent = true;
    e.state = "paused";
    e.raw_state = "paused";
    return e;
}

static cJSON *parse_line(const char *line)
{
    size_t len = strlen(line);
    assert_true(len > 1);
    assert_int_equal(line[len - 1], '\n');
    assert_null(memchr(line, '\n', len - 1)); /* exactly one line */
    cJSON *o = cJSON_Parse(line);
    assert_non_null(o);
    return o;
}

static const char *str_at(const cJSON *o, const char *a, const char *b)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, a);
    if (b)
        v = cJSON_GetObjectItemCaseSensitive(v, b);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void test_format_confirmed(void **state)
{
    (void)state;
    audit_entry_t e = pause_ok();
    char *line = audit_format_line(&e);
    cJSON *o = parse_line(line);
    assert_string_equal(str_at(o, "time", NULL), "2026-12-25T15:00:00Z");
    assert_string_equal(str_at(o, "profile", NULL), "prod");
    assert_string_equal(str_at(o, "provider", NULL), "omnidim");
    assert_string_equal(str_at(o, "campaign", "id"), "314");
    assert_string_equal(str_at(o, "campaign", "name"), "Winter \"promo\"\n\x1b[31m");
    assert_string_equal(str_at(o, "action", NULL), "pause");
    assert_string_equal(str_at(o, "outcome", NULL), "confirmed");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(o, "sent")));
    assert_string_equal(str_at(o, "result", "state"), "paused");
    assert_null(cJSON_GetObjectItem(o, "error"));
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "params")), 0);
    /* The escape byte never reaches the file raw. */
    assert_null(strchr(line, 0x1b));
    cJSON_Delete(o);
    free(line);
}

static void test_format_failed_and_refused(void **state)
{
    (void)state;
    audit_entry_t e = pause_ok();
    e.action = "reschedule";
    e.at = "2026-12-25 10:00:00";
    e.tz = "America/New_York";
    e.outcome = AUDIT_FAILED;
    e.error_kind = "server";
    e.error_message = "internal error";
    e.http_status = 503;
    char *line = audit_format_line(&e);
    cJSON *o = parse_line(line);
    assert_string_equal(str_at(o, "params", "at"), "2026-12-25 10:00:00");
    assert_string_equal(str_at(o, "params", "tz"), "America/New_York");
    assert_string_equal(str_at(o, "outcome", NULL), "failed");
    assert_string_equal(str_at(o, "error", "kind"), "server");
    assert_string_equal(str_at(o, "error", "message"), "internal error");
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "error"), "http_status")->valueint,
                     503);
    assert_null(cJSON_GetObjectItem(o, "result"));
    cJSON_Delete(o);
    free(line);

    e.outcome = AUDIT_REFUSED;
    e.sent = false;
    e.http_status = 0;
    e.error_kind = "refused";
    e.error_message = "resume: campaign is active, only a paused campaign can be resumed";
    e.campaign_name = NULL;
    line = audit_format_line(&e);
    o = parse_line(line);
    assert_string_equal(str_at(o, "outcome", NULL), "refused");
    assert_true(cJSON_IsFalse(cJSON_GetObjectItem(o, "sent")));
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "campaign"), "name")));
    assert_null(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "error"), "http_status"));
    cJSON_Delete(o);
    free(line);
}

static void test_default_path(void **state)
{
    (void)state;
    char *saved_state = getenv("XDG_STATE_HOME") ? strdup(getenv("XDG_STATE_HOME")) : NULL;
    char *saved_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    setenv("XDG_STATE_HOME", "/x/state", 1);
    char *p = audit_default_path();
    assert_string_equal(p, "/x/state/dialtop/audit.log");
    free(p);
    setenv("XDG_STATE_HOME", "relative/ignored", 1);
    setenv("HOME", "/home/op", 1);
    p = audit_default_path();
    assert_string_equal(p, "/home/op/.local/state/dialtop/audit.log");
    free(p);
    unsetenv("XDG_STATE_HOME");
    unsetenv("HOME");
    assert_null(audit_default_path());
    char err[256];
    audit_entry_t e = pause_ok();
    assert_false(audit_append(NULL, &e, err, sizeof err));
    assert_non_null(strstr(err, "HOME"));
    if (saved_state)
        setenv("XDG_STATE_HOME", saved_state, 1);
    if (saved_home)
        setenv("HOME", saved_home, 1);
    free(saved_state);
    free(saved_home);
}

static void test_append_creates_private(void **state)
{
    (void)state;
    char xdg[600], path[700], err[256];
    snprintf(xdg, sizeof xdg, "%s/state-a", root);
    char *saved = getenv("XDG_STATE_HOME") ? strdup(getenv("XDG_STATE_HOME")) : NULL;
    setenv("XDG_STATE_HOME", xdg, 1);
    mode_t old = umask(0);  /* even a permissive umask gives private modes */
    audit_entry_t e = pause_ok();
    assert_true(audit_append(NULL, &e, err, sizeof err));
    e.action = "resume";
    e.state = "active";
    assert_true(audit_append(NULL, &e, err, sizeof err));
    umask(old);

    struct stat st;
    assert_int_equal(stat(xdg, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    snprintf(path, sizeof path, "%s/dialtop", xdg);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    snprintf(path, sizeof path, "%s/dialtop/audit.log", xdg);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);

    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[2048];
    const char *want[] = {"pause", "resume"};
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        assert_true(n < 2);
        cJSON *o = parse_line(line);
        assert_string_equal(str_at(o, "action", NULL), want[n]);
        cJSON_Delete(o);
        n++;
    }
    fclose(f);
    assert_int_equal(n, 2);
    if (saved)
        setenv("XDG_STATE_HOME", saved, 1);
    else
        unsetenv("XDG_STATE_HOME");
    free(saved);
}

static void test_append_error_names_file(void **state)
{
    (void)state;
    char blocker[600], path[700], err[512] = "";
    /* A regular file where a directory must go. */
    snprintf(blocker, sizeof blocker, "%s/blocker", root);
    FILE *f = fopen(blocker, "w");
    assert_non_null(f);
    fclose(f);
    snprintf(path, sizeof path, "%s/sub/audit.log", blocker);
    audit_entry_t e = pause_ok();
    assert_false(audit_append(path, &e, err, sizeof err));
    assert_non_null(strstr(err, "audit log: cannot create"));
    assert_non_null(strstr(err, blocker));
}

/* Issue 14: who acted, create details, insecure TLS, and the terminal-
 * active characters (DEL, C1, bidi overrides, invalid UTF-8) never raw. */
static void test_format_hardened(void **state)
{
    (void)state;
    audit_entry_t e = pause_ok();
    e.campaign_name = "evil\xe2\x80\xae" "gnp.exe\x7f\xc2\x9b" "31m\xff end"; /* RLO, DEL, CSI */
    e.action = "create";
    e.insecure = true;
    e.source_file = "/data/list.csv";
    e.settings = "concurrency=3 retry_limit=2";
    e.has_rows = true;
    e.rows_read = 10;
    e.rows_accepted = 8;
    e.rows_rejected = 2;
    char *line = audit_format_line(&e);
    assert_null(strstr(line, "\xe2\x80\xae"));
    assert_null(strchr(line, 0x7f));
    assert_null(strstr(line, "\xc2\x9b"));
    assert_null(strchr(line, 0xff));
    assert_non_null(strstr(line, "\\u202e"));
    cJSON *o = parse_line(line);
    /* the same text to a JSON reader, invalid bytes aside */
    assert_string_equal(str_at(o, "campaign", "name"),
                        "evil\xe2\x80\xae" "gnp.exe\x7f\xc2\x9b" "31m\xef\xbf\xbd end");
    assert_string_equal(str_at(o, "by", NULL), audit_actor());
    assert_non_null(strchr(audit_actor(), '@'));
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(o, "insecure_tls")));
    assert_string_equal(str_at(o, "params", "source_file"), "/data/list.csv");
    assert_string_equal(str_at(o, "params", "settings"), "concurrency=3 retry_limit=2");
    const cJSON *rows = cJSON_GetObjectItem(cJSON_GetObjectItem(o, "params"), "rows");
    assert_int_equal(cJSON_GetObjectItem(rows, "read")->valueint, 10);
    assert_int_equal(cJSON_GetObjectItem(rows, "rejected")->valueint, 2);
    cJSON_Delete(o);
    free(line);
}

/* Issue 14: never through a symlink; a log or directory others may write
 * is refused, with the chmod that fixes it. */
static void test_append_refuses_symlink_and_shared(void **state)
{
    (void)state;
    char dir[700], path[800], target[800], err[512] = "";
    audit_entry_t e = pause_ok();
    snprintf(dir, sizeof dir, "%s/hard", root);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(target, sizeof target, "%s/elsewhere", dir);
    snprintf(path, sizeof path, "%s/audit.log", dir);
    assert_int_equal(symlink(target, path), 0);
    assert_false(audit_append(path, &e, err, sizeof err));
    assert_non_null(strstr(err, "symbolic link"));
    struct stat st;
    assert_int_not_equal(lstat(target, &st), 0); /* nothing created through it */
    unlink(path);

    assert_true(audit_append(path, &e, err, sizeof err));
    chmod(path, 0620);
    assert_false(audit_append(path, &e, err, sizeof err));
    assert_non_null(strstr(err, "chmod 600"));
    chmod(path, 0600);
    chmod(dir, 0777);
    assert_false(audit_append(path, &e, err, sizeof err));
    assert_non_null(strstr(err, "chmod go-w"));
    chmod(dir, 0700);
    assert_true(audit_append(path, &e, err, sizeof err));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_confirmed),
        cmocka_unit_test(test_format_failed_and_refused),
        cmocka_unit_test(test_default_path),
        cmocka_unit_test(test_append_creates_private),
        cmocka_unit_test(test_append_error_names_file),
        cmocka_unit_test(test_format_hardened),
        cmocka_unit_test(test_append_refuses_symlink_and_shared),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
