/* Unit tests for tui/sanitize: every hazard class from DESIGN.md principle
 * 5 comes out as visible text, and the width helpers count columns, not
 * bytes. Runs in C.UTF-8 so wcwidth() knows wide characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"

static void check(const char *in, const char *want)
{
    char *got = sanitize_text(in);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_plain_text_unchanged(void **state)
{
    (void)state;
    check("Spring renewals", "Spring renewals");
    check("caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC", "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC");
    check("", "");
    check(NULL, "");
}

static void test_c0_controls_and_del(void **state)
{
    (void)state;
    check("a\nb\tc\rd", "a\\nb\\tc\\rd");
    check("bell\a", "bell\\x07");
    check("del\x7f", "del\\x7f");
    check("\x01\x1f", "\\x01\\x1f");
}

static void test_escape_sequences_defused(void **state)
{
    (void)state;
    /* OSC 0 (set title) terminated by BEL, and by ST */
    check("\x1b]0;owned\x07name", "\\x1b]0;owned\\x07name");
    check("\x1b]0;owned\x1b\\x", "\\x1b]0;owned\\x1b\\x");
    /* CSI: clear screen, colour */
    check("\x1b[2J\x1b[31mred", "\\x1b[2J\\x1b[31mred");
    char *out = sanitize_text("\x1b[2J\x1b]0;t\x07");
    assert_null(strchr(out, 0x1b));
    assert_null(strchr(out, 0x07));
    free(out);
}

static void test_c1_controls(void **state)
{
    (void)state;
    /* U+009B is CSI in its 8-bit form; as raw byte it is invalid UTF-8 */
    check("\xC2\x9B" "2J", "\\u009b2J");
    check("\x9b" "2J", "\\x9b2J");
}

static void test_bidi_overrides(void **state)
{
    (void)state;
    check("abc\xE2\x80\xAE" "fdp.exe", "abc\\u202efdp.exe"); /* RLO */
    check("\xE2\x80\xAA\xE2\x80\xAC", "\\u202a\\u202c");
    check("\xE2\x81\xA6x\xE2\x81\xA9", "\\u2066x\\u2069"); /* LRI..PDI */
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    check("\xC0\xAF", "\\xc0\\xaf");         /* overlong '/' */
    check("\xED\xA0\x80", "\\xed\\xa0\\x80"); /* surrogate */
    check("ok\xE2\x82", "ok\\xe2\\x82");      /* truncated */
    check("\xF5\x80\x80\x80", "\\xf5\\x80\\x80\\x80");
    char *nul = sanitize_text_n("a\0b", 3);
    assert_string_equal(nul, "a\\x00b");
    free(nul);
}

static void test_width_counts_columns(void **state)
{
    (void)state;
    assert_int_equal(sanitize_width("abc"), 3);
    assert_int_equal(sanitize_width("caf\xC3\xA9"), 4);
    assert_int_equal(sanitize_width("\xE6\x97\xA5\xE6\x9C\xAC"), 4); /* 2 CJK */
    assert_int_equal(sanitize_width("e\xCC\x81"), 1);                /* combining */
    assert_int_equal(sanitize_width(""), 0);
}

static void test_fit_pads_and_truncates(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(sanitize_fit("abc", 6, true, out, sizeof out), 6);
    assert_string_equal(out, "abc   ");
    assert_int_equal(sanitize_fit("abc", 6, false, out, sizeof out), 3);
    assert_string_equal(out, "abc");
    assert_int_equal(sanitize_fit("abcdefgh", 5, true, out, sizeof out), 5);
    assert_string_equal(out, "abcd\xE2\x80\xA6");
    assert_int_equal(sanitize_fit("abcde", 5, true, out, sizeof out), 5);
    assert_string_equal(out, "abcde");
    assert_int_equal(sanitize_fit("abc", 0, true, out, sizeof out), 0);
    assert_string_equal(out, "");
}

static void test_fit_never_splits_wide_char(void **state)
{
    (void)state;
    char out[64];
    /* 4 CJK chars = 8 columns into 6: 2 chars (4 cols) + ellipsis + pad */
    const char *cjk = "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE6\x96\x87";
    assert_int_equal(sanitize_fit(cjk, 6, true, out, sizeof out), 6);
    assert_string_equal(out, "\xE6\x97\xA5\xE6\x9C\xAC\xE2\x80\xA6 ");
    assert_int_equal(sanitize_width(out), 6);
    /* a tiny buffer is never overrun and stays a whole character */
    char tiny[5];
    sanitize_fit(cjk, 20, true, tiny, sizeof tiny);
    assert_int_equal(strncmp(tiny, "\xE6\x97\xA5", 3), 0);
    assert_true(strlen(tiny) < sizeof tiny);
}

static void test_fit_right_aligns(void **state)
{
    (void)state;
    char out[32];
    assert_int_equal(sanitize_fit_right("42", 5, out, sizeof out), 5);
    assert_string_equal(out, "   42");
}

int main(void)
{
    if (!setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "C.utf8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_text_unchanged),
        cmocka_unit_test(test_c0_controls_and_del),
        cmocka_unit_test(test_escape_sequences_defused),
        cmocka_unit_test(test_c1_controls),
        cmocka_unit_test(test_bidi_overrides),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_width_counts_columns),
        cmocka_unit_test(test_fit_pads_and_truncates),
        cmocka_unit_test(test_fit_never_splits_wide_char),
        cmocka_unit_test(test_fit_right_aligns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
