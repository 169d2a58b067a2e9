/* Drawing primitives on top of sanitised text: every cell written through
 * here is measured in columns (wcwidth), never bytes or printf widths. */
#ifndef DIALTOP_DRAW_H
#define DIALTOP_DRAW_H

#include <stddef.h>
#include <curses.h>

/* Writes `s` (already sanitised) at y,x in exactly `cols` columns: cut
 * with an ellipsis or padded with spaces. Returns the x after it. */
int draw_text(WINDOW *w, int y, int x, int cols, const char *s, attr_t a);
/* Right-aligned in `cols` columns. */
int draw_text_right(WINDOW *w, int y, int x, int cols, const char *s, attr_t a);
/* Fills the rest of line y from x with spaces in attribute `a`. */
void draw_clear_to_eol(WINDOW *w, int y, int x, attr_t a);

/* A progress bar of `cols` columns: done/total filled. total <= 0 draws
 * "?" placeholders. */
void draw_progress(WINDOW *w, int y, int x, int cols, long done, long total,
                   attr_t done_attr, attr_t todo_attr);

/* One bar split in proportion to `counts[i]`, each part drawn with
 * glyphs[i] in attrs[i]. */
void draw_stacked(WINDOW *w, int y, int x, int cols, const long *counts,
                  const char *glyphs, const attr_t *attrs, size_t n);

/* Sparkline of the last `cols` values of v[0..n) scaled to their max. */
void draw_sparkline(WINDOW *w, int y, int x, int cols, const double *v, size_t n, attr_t a);

#endif
