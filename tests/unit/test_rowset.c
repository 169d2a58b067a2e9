/* Unit tests for tui/rowset: the marked rows and the in-flight notes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "rowset.h"

static void test_marks_toggle(void **state)
{
    (void)state;
    rowset_t s = {0};
    assert_true(rowset_toggle(&s, "0/301"));
    assert_true(rowset_toggle(&s, "0/302"));
    assert_true(rowset_has(&s, "0/301"));
    assert_int_equal(s.n, 2);
    assert_false(rowset_toggle(&s, "0/301"));
    assert_false(rowset_has(&s, "0/301"));
    assert_true(rowset_has(&s, "0/302"));
    assert_int_equal(s.n, 1);
    rowset_free(&s);
    assert_int_equal(s.n, 0);
    assert_false(rowset_has(&s, "0/302"));
}

static void test_notes_replace_and_remove(void **state)
{
    (void)state;
    rowset_t s = {0};
    assert_null(rowset_note(&s, "1/a"));
    assert_true(rowset_put(&s, "1/a", "pausing..."));
    assert_string_equal(rowset_note(&s, "1/a"), "pausing...");
    assert_true(rowset_put(&s, "1/a", "resuming..."));
    assert_string_equal(rowset_note(&s, "1/a"), "resuming...");
    assert_int_equal(s.n, 1);
    assert_true(rowset_put(&s, "1/b", NULL));
    assert_true(rowset_has(&s, "1/b"));
    assert_null(rowset_note(&s, "1/b"));
    rowset_remove(&s, "1/a");
    assert_null(rowset_note(&s, "1/a"));
    assert_true(rowset_has(&s, "1/b"));
    rowset_remove(&s, "missing");
    assert_int_equal(s.n, 1);
    rowset_free(&s);
}

static void test_many_rows(void **state)
{
    (void)state;
    rowset_t s = {0};
    char key[32];
    for (int i = 0; i < 100; i++) {
        snprintf(key, sizeof key, "0/%d", i);
        assert_true(rowset_put(&s, key, i % 2 ? "x" : NULL));
    }
    for (int i = 0; i < 100; i += 2) {
        snprintf(key, sizeof key, "0/%d", i);
        rowset_remove(&s, key);
    }
    assert_int_equal(s.n, 50);
    for (int i = 0; i < 100; i++) {
        snprintf(key, sizeof key, "0/%d", i);
        assert_int_equal(rowset_has(&s, key), i % 2 == 1);
    }
    rowset_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_marks_toggle),
        cmocka_unit_test(test_notes_replace_and_remove),
        cmocka_unit_test(test_many_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
