/* A framed box in the middle of the screen for the action dialogs: lines
 * of text (sanitised here, cut to fit), each with its own attribute. */
#ifndef DIALTOP_DLG_BOX_H
#define DIALTOP_DLG_BOX_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "app.h"

#define DLG_LINES_MAX 48
#define DLG_LINE_LEN 320
#define DLG_BAR_WIDTH 40

typedef struct {
    char text[DLG_LINES_MAX][DLG_LINE_LEN];
    attr_t attr[DLG_LINES_MAX];
    /* a line may start with a progress bar (draw_progress): bar_done of
     * bar_total, bar_total <= 0 when the size is unknown */
    bool has_bar[DLG_LINES_MAX];
    long bar_done[DLG_LINES_MAX];
    long bar_total[DLG_LINES_MAX];
    size_t n;
} dlg_lines_t;

/* Appends a formatted line (ignored past DLG_LINES_MAX). */
void dlg_lines_add(dlg_lines_t *l, attr_t a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Appends a line holding a DLG_BAR_WIDTH-cell bar filled to done/total,
 * followed by the formatted text. */
void dlg_lines_bar(dlg_lines_t *l, long done, long total, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Appends `text` word-wrapped into lines of at most `width` columns, each
 * starting with `indent` spaces (a long error message stays whole). */
void dlg_lines_wrap(dlg_lines_t *l, attr_t a, int indent, int width, const char *text);

void dlg_box_draw(app_t *app, const char *title, const dlg_lines_t *l);

#endif
