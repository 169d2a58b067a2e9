/* Unit tests for tui/draw on a real ncurses screen writing to /dev/null:
 * text fits its columns exactly (wide characters included), bars add up
 * to their width, and nothing draws past the space it was given. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "draw.h"

static WINDOW *win;

/* The characters on row y as UTF-8 text. */
static void row_text(int y, char *out, size_t len)
{
    size_t o = 0;
    int cols = getmaxx(win);
    for (int x = 0; x < cols && o + 8 < len; x++) {
        cchar_t cc;
        wchar_t wch[CCHARW_MAX + 1] = {0};
        attr_t at;
        short pair;
        mvwin_wch(win, y, x, &cc);
        getcchar(&cc, wch, &at, &pair, NULL);
        if (wch[0] == 0)
            continue;
        if (wcwidth(wch[0]) == 2)
            x++; /* its right half repeats it */
        char mb[8];
        int n = (int)wcrtomb(mb, wch[0], NULL);
        if (n > 0) {
            memcpy(out + o, mb, (size_t)n);
            o += (size_t)n;
        }
    }
    out[o] = '\0';
}

static int count_char(const char *s, char c)
{
    int n = 0;
    for (; *s; s++)
        n += *s == c;
    return n;
}

static void test_text_exact_columns(void **state)
{
    (void)state;
    char row[512];
    werase(win);
    mvwaddstr(win, 0, 0, "||||||||||||||||||||");
    int x = draw_text(win, 0, 2, 6, "abcdefghij", A_NORMAL);
    assert_int_equal(x, 8);
    row_text(0, row, sizeof row);
    assert_int_equal(strncmp(row, "||abcde\xE2\x80\xA6||", 12), 0);
    werase(win);
    mvwaddstr(win, 0, 0, "||||||||||||||||||||");
    draw_text(win, 0, 2, 5, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", A_NORMAL); /* 6 cols in 5 */
    row_text(0, row, sizeof row);
    assert_int_equal(strncmp(row, "||\xE6\x97\xA5\xE6\x9C\xAC\xE2\x80\xA6|||", 14), 0);
    werase(win);
    draw_text_right(win, 0, 0, 6, "42", A_NORMAL);
    row_text(0, row, sizeof row);
    assert_int_equal(strncmp(row, "    42", 6), 0);
}

static void test_progress_bar(void **state)
{
    (void)state;
    char row[512];
    werase(win);
    draw_progress(win, 0, 0, 10, 3, 10, A_NORMAL, A_NORMAL);
    row_text(0, row, sizeof row);
    assert_int_equal(strncmp(row, "###-------", 10), 0);
    werase(win);
    draw_progress(win, 0, 0, 10, 1, 1000, A_NORMAL, A_NORMAL); /* tiny but not zero */
    row_text(0, row, sizeof row);
    assert_int_equal(row[0], '#');
    werase(win);
    draw_progress(win, 0, 0, 10, 999, 1000, A_NORMAL, A_NORMAL); /* not yet full */
    row_text(0, row, sizeof row);
    assert_int_equal(row[9], '-');
    werase(win);
    draw_progress(win, 0, 0, 10, 5, -1, A_NORMAL, A_NORMAL); /* total unknown */
    row_text(0, row, sizeof row);
    assert_int_equal(row[0], '?');
}

static void test_stacked_adds_up(void **state)
{
    (void)state;
    char row[512];
    long counts[] = {985, 31, 0, 3317, 601, 66, 1};
    const char glyphs[] = "#>+.~x-";
    attr_t attrs[7] = {0};
    werase(win);
    draw_stacked(win, 0, 0, 100, counts, glyphs, attrs, 7);
    row_text(0, row, sizeof row);
    int total = 0;
    for (int g = 0; g < 7; g++)
        total += count_char(row, glyphs[g]);
    assert_int_equal(total, 100);
    assert_int_equal(count_char(row, '+'), 0);  /* zero stays zero */
    assert_int_equal(count_char(row, '-'), 0); /* 1 in 5001 rounds away */
    assert_true(count_char(row, '>') >= 1);     /* small but present */
    assert_true(count_char(row, '.') > count_char(row, '#'));
}

static void test_sparkline_levels(void **state)
{
    (void)state;
    char row[512];
    double v[] = {0, 5, 10};
    werase(win);
    draw_sparkline(win, 0, 0, 5, v, 3, A_NORMAL);
    row_text(0, row, sizeof row);
    /* lowest and highest blocks, then blank padding */
    assert_int_equal(strncmp(row, "\xE2\x96\x81", 3), 0);
    assert_non_null(strstr(row, "\xE2\x96\x88"));
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    FILE *out = fopen("/dev/null", "w");
    FILE *in = fopen("/dev/null", "r");
    SCREEN *s = newterm("xterm-256color", out, in);
    if (!s) {
        fprintf(stderr, "no terminfo for xterm-256color\n");
        return 1;
    }
    win = newwin(5, 120, 0, 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_exact_columns),
        cmocka_unit_test(test_progress_bar),
        cmocka_unit_test(test_stacked_adds_up),
        cmocka_unit_test(test_sparkline_levels),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    delwin(win);
    endwin();
    delscreen(s);
    fclose(out);
    fclose(in);
    return rc;
}
