/* The import screen's pages as dialog lines: the read in progress, the
 * detected layout with a preview table of the first rows, the validation
 * summary and a scrollable window on the rejected rows. Pure formatting
 * of an import_result_t; the flow and keys live in dlg_import.c. */
#ifndef DIALTOP_IMPORT_VIEW_H
#define DIALTOP_IMPORT_VIEW_H

#include <stddef.h>

#include "dlg_box.h"
#include "import.h"

/* "reading FILE" with a bar of bytes read (total 0 = size unknown). */
void import_view_reading(const char *path, unsigned long long done, unsigned long long total,
                         dlg_lines_t *l);

/* File, encoding, delimiter, phone column and region, each saying whether
 * it was detected or chosen. */
void import_view_layout(const import_result_t *r, const char *path, dlg_lines_t *l);

/* The first rows as a table `width` columns wide, starting at column
 * `first_col` of the file (the phone column's title in [brackets]), each
 * row with its line number and verdict. */
void import_view_preview(const import_result_t *r, size_t first_col, int width, dlg_lines_t *l);

/* rows read = accepted + rejected, the rejections by code. */
void import_view_summary(const import_result_t *r, dlg_lines_t *l);

/* Rejected rows [top, top + rows) with `cursor` marked, and where the
 * window stands in the whole list. */
void import_view_rejects(const import_result_t *r, size_t top, size_t cursor, size_t rows,
                         dlg_lines_t *l);

#endif
