/* Where dialtop keeps its files (api/xdg_path.h): the XDG variable when it
 * is absolute, HOME otherwise, nothing when neither; private mkdir -p;
 * "~/" in configured paths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xdg_path.h"

static void test_variable_home_and_neither(void **state)
{
    (void)state;
    char p[256];
    setenv("HOME", "/home/ann", 1);
    setenv("XDG_STATE_HOME", "/var/st", 1);
    setenv("XDG_CONFIG_HOME", "/etc/cf", 1);
    assert_true(xdg_path(XDG_STATE, "audit.log", p, sizeof p));
    assert_string_equal(p, "/var/st/dialtop/audit.log");
    assert_true(xdg_path(XDG_CONFIG, "config", p, sizeof p));
    assert_string_equal(p, "/etc/cf/dialtop/config");
    assert_true(xdg_path(XDG_STATE, NULL, p, sizeof p));
    assert_string_equal(p, "/var/st/dialtop");

    /* the spec calls a relative value invalid: HOME's default instead */
    setenv("XDG_STATE_HOME", "relative/st", 1);
    unsetenv("XDG_CONFIG_HOME");
    assert_true(xdg_path(XDG_STATE, "uploads", p, sizeof p));
    assert_string_equal(p, "/home/ann/.local/state/dialtop/uploads");
    assert_true(xdg_path(XDG_CONFIG, "config", p, sizeof p));
    assert_string_equal(p, "/home/ann/.config/dialtop/config");

    unsetenv("HOME");
    assert_false(xdg_path(XDG_STATE, "x", p, sizeof p));
    assert_null(xdg_path_dup(XDG_CONFIG, "config"));
    unsetenv("XDG_STATE_HOME");
}

static void test_path_that_does_not_fit(void **state)
{
    (void)state;
    char p[20];
    setenv("XDG_STATE_HOME", "/var/st", 1);
    assert_true(xdg_path(XDG_STATE, "abc", p, sizeof p)); /* 19 bytes + NUL */
    assert_false(xdg_path(XDG_STATE, "abcd", p, sizeof p));
    unsetenv("XDG_STATE_HOME");
}

static void test_make_parents_private(void **state)
{
    (void)state;
    char root[] = "/tmp/xdgtestXXXXXX";
    assert_non_null(mkdtemp(root));
    char file[512], dir[512];
    snprintf(file, sizeof file, "%s/a/b/c/file", root);
    assert_true(xdg_make_parents(file, dir, sizeof dir));
    struct stat st;
    snprintf(dir, sizeof dir, "%s/a/b/c", root);
    assert_int_equal(stat(dir, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_true(xdg_make_parents(file, NULL, 0)); /* existing: fine */

    /* a file in the way: fails, naming the directory */
    snprintf(file, sizeof file, "%s/a/b/c/file", root);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fclose(f);
    char deeper[600];
    snprintf(deeper, sizeof deeper, "%s/sub/x", file);
    assert_false(xdg_make_parents(deeper, dir, sizeof dir));
    char want[600];
    snprintf(want, sizeof want, "%s/sub", file);
    assert_string_equal(dir, want);
    assert_int_equal(errno, ENOTDIR);

    remove(file);
    static const char *const subs[] = {"/a/b/c", "/a/b", "/a", ""};
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++) {
        snprintf(dir, sizeof dir, "%s%s", root, subs[i]);
        assert_int_equal(rmdir(dir), 0);
    }
}

static void test_expand_home(void **state)
{
    (void)state;
    setenv("HOME", "/home/ann", 1);
    char *s = xdg_expand_home("~/keys/tru");
    assert_string_equal(s, "/home/ann/keys/tru");
    free(s);
    s = xdg_expand_home("~ann/x"); /* another user's home: left alone */
    assert_string_equal(s, "~ann/x");
    free(s);
    s = xdg_expand_home("/abs");
    assert_string_equal(s, "/abs");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_variable_home_and_neither),
        cmocka_unit_test(test_path_that_does_not_fit),
        cmocka_unit_test(test_make_parents_private),
        cmocka_unit_test(test_expand_home),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
