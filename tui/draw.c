/* Column-exact drawing helpers (see draw.h). */
#include "draw.h"

#include <string.h>
#include <wchar.h>

#include "sanitize.h"

/* Generous: a column holds at most one character of up to 4 bytes plus
 * combining marks; 8 bytes per column covers any sane terminal width. */
#define LINE_BYTES 4096

int draw_text(WINDOW *w, int y, int x, int cols, const char *s, attr_t a)
{
    if (cols <= 0)
        return x;
    char buf[LINE_BYTES];
    sanitize_fit(s, cols, true, buf, sizeof buf);
    wattrset(w, a);
    mvwaddstr(w, y, x, buf);
    wattrset(w, A_NORMAL);
    return x + cols;
}

int draw_text_right(WINDOW *w, int y, int x, int cols, const char *s, attr_t a)
{
    if (cols <= 0)
        return x;
    char buf[LINE_BYTES];
    sanitize_fit_right(s, cols, buf, sizeof buf);
    wattrset(w, a);
    mvwaddstr(w, y, x, buf);
    wattrset(w, A_NORMAL);
    return x + cols;
}

void draw_clear_to_eol(WINDOW *w, int y, int x, attr_t a)
{
    int maxx = getmaxx(w);
    wattrset(w, a);
    for (int i = x; i < maxx; i++)
        mvwaddch(w, y, i, ' ');
    wattrset(w, A_NORMAL);
}

static bool utf8_locale(void)
{
    return wcwidth((wchar_t)0x2588) == 1;
}

void draw_progress(WINDOW *w, int y, int x, int cols, long done, long total,
                   attr_t done_attr, attr_t todo_attr)
{
    if (cols <= 0)
        return;
    wmove(w, y, x);
    if (total <= 0 || done < 0) {
        wattrset(w, todo_attr);
        for (int i = 0; i < cols; i++)
            waddch(w, i == 0 ? '?' : ' ');
        wattrset(w, A_NORMAL);
        return;
    }
    if (done > total)
        done = total;
    int filled = (int)((double)done / (double)total * cols + 0.5);
    if (filled == 0 && done > 0)
        filled = 1;
    if (filled == cols && done < total)
        filled = cols - 1;
    /* '#' and '-' work on any terminal and read without colour */
    wattrset(w, done_attr);
    for (int i = 0; i < filled; i++)
        waddch(w, '#');
    wattrset(w, todo_attr);
    for (int i = filled; i < cols; i++)
        waddch(w, '-');
    wattrset(w, A_NORMAL);
}

void draw_stacked(WINDOW *w, int y, int x, int cols, const long *counts,
                  const char *glyphs, const attr_t *attrs, size_t n)
{
    long total = 0;
    for (size_t i = 0; i < n; i++)
        total += counts[i] > 0 ? counts[i] : 0;
    wmove(w, y, x);
    if (total <= 0 || cols <= 0) {
        for (int i = 0; i < cols; i++)
            waddch(w, ' ');
        return;
    }
    /* Largest-remainder rounding so the parts always add up to `cols` and
     * a non-zero count never vanishes while there is room for it. */
    int widths[64] = {0};
    double rem[64] = {0};
    int used = 0;
    if (n > 64)
        n = 64;
    for (size_t i = 0; i < n; i++) {
        double exact = counts[i] > 0 ? (double)counts[i] * cols / (double)total : 0;
        widths[i] = (int)exact;
        rem[i] = exact - widths[i];
        used += widths[i];
    }
    while (used < cols) {
        size_t best = 0;
        for (size_t i = 1; i < n; i++)
            if (rem[i] > rem[best])
                best = i;
        widths[best]++;
        rem[best] = -1;
        used++;
    }
    for (size_t i = 0; i < n; i++) {
        wattrset(w, attrs[i]);
        for (int k = 0; k < widths[i]; k++)
            waddch(w, (chtype)(unsigned char)glyphs[i]);
    }
    wattrset(w, A_NORMAL);
}

void draw_sparkline(WINDOW *w, int y, int x, int cols, const double *v, size_t n, attr_t a)
{
    static const char *const blocks[8] = {
        "\xE2\x96\x81", "\xE2\x96\x82", "\xE2\x96\x83", "\xE2\x96\x84",
        "\xE2\x96\x85", "\xE2\x96\x86", "\xE2\x96\x87", "\xE2\x96\x88",
    };
    static const char ascii[8] = {'_', '.', ',', '-', '=', '+', '*', '#'};
    bool utf8 = utf8_locale();
    size_t start = n > (size_t)cols ? n - (size_t)cols : 0;
    double max = 0;
    for (size_t i = start; i < n; i++)
        if (v[i] > max)
            max = v[i];
    wattrset(w, a);
    wmove(w, y, x);
    int drawn = 0;
    for (size_t i = start; i < n; i++, drawn++) {
        int level = max > 0 ? (int)(v[i] / max * 7.0 + 0.5) : 0;
        if (level < 0)
            level = 0;
        if (level > 7)
            level = 7;
        if (utf8)
            waddstr(w, blocks[level]);
        else
            waddch(w, (chtype)(unsigned char)ascii[level]);
    }
    for (; drawn < cols; drawn++)
        waddch(w, ' ');
    wattrset(w, A_NORMAL);
}
