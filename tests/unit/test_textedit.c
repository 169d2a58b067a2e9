/* Unit tests for tui/textedit: the editing keys every one-line field
 * shares, and the limits (a full buffer, keys that are not text). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <string.h>

#include "textedit.h"

static void test_typing_and_erasing(void **state)
{
    (void)state;
    char buf[8] = "";
    for (const char *p = "ab c"; *p; p++)
        assert_true(textedit_key(buf, sizeof buf, *p));
    assert_string_equal(buf, "ab c");
    /* the three codes terminals send for Backspace */
    assert_true(textedit_key(buf, sizeof buf, KEY_BACKSPACE));
    assert_true(textedit_key(buf, sizeof buf, 127));
    assert_true(textedit_key(buf, sizeof buf, 8));
    assert_string_equal(buf, "a");
    assert_true(textedit_key(buf, sizeof buf, 21)); /* ^U */
    assert_string_equal(buf, "");
    assert_true(textedit_key(buf, sizeof buf, KEY_BACKSPACE)); /* on empty: harmless */
    assert_string_equal(buf, "");
}

static void test_limits(void **state)
{
    (void)state;
    char buf[4] = "";
    for (const char *p = "xyz"; *p; p++)
        assert_true(textedit_key(buf, sizeof buf, *p));
    assert_false(textedit_key(buf, sizeof buf, 'w')); /* full: nothing written past */
    assert_string_equal(buf, "xyz");
    /* not text: left to the caller (moves, Enter, Esc, controls) */
    assert_false(textedit_key(buf, sizeof buf, '\n'));
    assert_false(textedit_key(buf, sizeof buf, 27));
    assert_false(textedit_key(buf, sizeof buf, '\t'));
    assert_false(textedit_key(buf, sizeof buf, KEY_DOWN));
    assert_false(textedit_key(buf, sizeof buf, 0xe9)); /* a Latin-1 byte is not ASCII text */
    assert_string_equal(buf, "xyz");
    assert_true(textedit_is_backspace(127));
    assert_false(textedit_is_backspace('h'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typing_and_erasing),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
