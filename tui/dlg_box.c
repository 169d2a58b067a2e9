/* Dialog boxes (see dlg_box.h). A throwaway window per draw: the modal
 * paints after the views and before doupdate, so it always ends on top. */
#include "dlg_box.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "sanitize.h"
#include "theme.h"

void dlg_lines_add(dlg_lines_t *l, attr_t a, const char *fmt, ...)
{
    if (l->n >= DLG_LINES_MAX)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(l->text[l->n], DLG_LINE_LEN, fmt, ap);
    va_end(ap);
    l->attr[l->n++] = a;
}

void dlg_lines_bar(dlg_lines_t *l, long done, long total, const char *fmt, ...)
{
    if (l->n >= DLG_LINES_MAX)
        return;
    /* the text leaves the bar's columns blank; the bar is drawn over them */
    int pad = DLG_BAR_WIDTH + 1;
    snprintf(l->text[l->n], DLG_LINE_LEN, "%*s", pad, "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(l->text[l->n] + pad, DLG_LINE_LEN - (size_t)pad, fmt, ap);
    va_end(ap);
    l->has_bar[l->n] = true;
    l->bar_done[l->n] = done;
    l->bar_total[l->n] = total;
    l->attr[l->n++] = A_NORMAL;
}

/* Wraps on spaces, counting bytes of UTF-8 lead bytes only, so a line of
 * non-ASCII text is measured by characters. */
void dlg_lines_wrap(dlg_lines_t *l, attr_t a, int indent, int width, const char *text)
{
    int room = width - indent;
    if (room < 20)
        room = 20;
    const char *p = text;
    while (*p && l->n < DLG_LINES_MAX) {
        const char *cut = NULL, *q = p;
        int cols = 0;
        while (*q && cols <= room) {
            if (*q == ' ')
                cut = q;
            if (((unsigned char)*q & 0xC0) != 0x80)
                cols++;
            q++;
        }
        if (!*q && cols <= room)
            cut = q;
        else if (!cut || cut == p)
            cut = q; /* one word longer than the line: cut it */
        dlg_lines_add(l, a, "%*s%.*s", indent, "", (int)(cut - p), p);
        p = cut;
        while (*p == ' ')
            p++;
    }
}

void dlg_box_draw(app_t *app, const char *title, const dlg_lines_t *l)
{
    int rows, cols;
    app_screen_size(app, &rows, &cols);
    int width = 0;
    char *lines[DLG_LINES_MAX];
    for (size_t i = 0; i < l->n; i++) {
        lines[i] = sanitize_text(l->text[i]);
        int w = lines[i] ? sanitize_width(lines[i]) : 0;
        if (w > width)
            width = w;
    }
    width += 4;
    if (width < 40)
        width = 40;
    if (width > cols - 2)
        width = cols - 2;
    int height = (int)l->n + 2;
    if (height > rows - 2)
        height = rows - 2;
    WINDOW *w = newwin(height, width, (rows - height) / 2, (cols - width) / 2);
    if (w) {
        werase(w);
        box(w, 0, 0);
        char t[128];
        snprintf(t, sizeof t, " %s ", title);
        int tw = (int)strlen(t);
        draw_text(w, 0, 2, tw < width - 4 ? tw : width - 4, t, A_BOLD);
        for (size_t i = 0; i < l->n && (int)i < height - 2; i++) {
            draw_text(w, (int)i + 1, 2, width - 4, lines[i] ? lines[i] : "", l->attr[i]);
            if (l->has_bar[i] && width - 4 > DLG_BAR_WIDTH)
                draw_progress(w, (int)i + 1, 2, DLG_BAR_WIDTH, l->bar_done[i], l->bar_total[i],
                              theme_attr(ROLE_BAR_DONE), theme_attr(ROLE_BAR_TODO));
        }
        wnoutrefresh(w);
        delwin(w);
    }
    for (size_t i = 0; i < l->n; i++)
        free(lines[i]);
}
