/* The one door untrusted text (backend fields, CSV cells) passes through
 * before it reaches the screen, and the column arithmetic that goes with it.
 *
 * After sanitize_text() a string holds only characters that occupy columns
 * predictably: controls, escape sequences, bidi overrides and invalid UTF-8
 * are spelled out as visible escapes (\x1b, \u202e) instead. Widths are
 * measured with wcwidth(), so call setlocale(LC_ALL, "") first. */
#ifndef DIALTOP_SANITIZE_H
#define DIALTOP_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>

/* Returns a newly allocated displayable copy of `in` (NULL is treated as
 * ""), or NULL on OOM. */
char *sanitize_text(const char *in);

/* Same, of the first `len` bytes (embedded NULs become \x00). */
char *sanitize_text_n(const char *in, size_t len);

/* Columns a sanitised string occupies. */
int sanitize_width(const char *s);

/* Copies `s` into `out` so it takes exactly `cols` columns when `pad`
 * (spaces after), at most `cols` otherwise; a string that does not fit is
 * cut and ends in an ellipsis. Never splits a character. Returns the
 * columns written. `out` always ends in NUL when out_len > 0. */
int sanitize_fit(const char *s, int cols, bool pad, char *out, size_t out_len);

/* Same, right-aligned (padding before): for numbers in columns. */
int sanitize_fit_right(const char *s, int cols, char *out, size_t out_len);

#endif
