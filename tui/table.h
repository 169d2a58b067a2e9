/* Rows, and the order the operator sees them in.
 *
 * A table borrows an array of row pointers and keeps an index of the rows
 * that pass the filter, in sort order. The index is rebuilt only when the
 * rows, the filter or the sort change, at once by the setter that changed
 * them (so a key handled before the next frame sees it), never per frame; a
 * view formats only the rows between `top` and `top + height`. The
 * selection is remembered by row id, so it stays on the same campaign or
 * contact when a refresh reorders or replaces the rows. */
#ifndef DIALTOP_TABLE_H
#define DIALTOP_TABLE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    /* Stable identity of a row (never NULL). */
    const char *(*row_id)(const void *row);
    /* Does the row contain `needle` (already lower-case ASCII)? */
    bool (*row_matches)(const void *row, const char *needle);
    /* Order two rows by sort column `column` (0 .. ncolumns-1). */
    int (*row_compare)(const void *a, const void *b, int column);
    int ncolumns;
    const char *const *column_names;   /* for the status line: "sorted by name" */
    /* Optional: the row has no known value in `column`. Such rows sort
     * last in both directions, so "n/a" and "?" never hide the numbers. */
    bool (*row_unknown)(const void *row, int column);
} table_ops_t;

#define TABLE_FILTER_MAX 128

typedef struct {
    const table_ops_t *ops;
    const void *const *rows;   /* borrowed */
    size_t nrows;
    size_t *index;             /* positions in `rows`, in display order */
    size_t nindex;
    size_t index_cap;
    char filter[TABLE_FILTER_MAX];  /* lower-case; "" = none */
    int sort_col;              /* -1: the rows' own order */
    bool sort_rev;
    bool dirty;
    char *sel_id;              /* id of the selected row, NULL when none */
    size_t sel;                /* position in index */
    size_t top;                /* first visible position */
} table_t;

void table_init(table_t *t, const table_ops_t *ops);
void table_free(table_t *t);

/* The array must stay valid until the next table_set_rows or table_free. */
void table_set_rows(table_t *t, const void *const *rows, size_t n);
void table_set_filter(table_t *t, const char *filter);
/* Next sort column (wrapping back to the rows' own order). */
void table_cycle_sort(table_t *t);
void table_toggle_reverse(table_t *t);

/* Rebuilds the index if anything changed (the setters call it; it retries
 * a rebuild that ran out of memory); the selection follows its id.
 * Returns true when it rebuilt. */
bool table_update(table_t *t);

size_t table_count(const table_t *t);               /* rows shown */
const void *table_row_at(const table_t *t, size_t pos);
const void *table_selected(const table_t *t);       /* NULL when empty */

/* Selection movement, clamped. `height` is the visible row count. */
void table_move(table_t *t, long delta);
void table_select(table_t *t, size_t pos);
void table_scroll_into_view(table_t *t, size_t height);

/* Case-insensitive (ASCII) substring test; `needle` lower-case. */
bool table_text_contains(const char *hay, const char *needle);

#endif
