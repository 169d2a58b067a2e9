/* Filtered, sorted index over borrowed rows (see table.h). */
#include "table.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void table_init(table_t *t, const table_ops_t *ops)
{
    memset(t, 0, sizeof *t);
    t->ops = ops;
    t->sort_col = -1;
    t->dirty = true;
}

void table_free(table_t *t)
{
    free(t->index);
    free(t->sel_id);
    memset(t, 0, sizeof *t);
}

void table_set_rows(table_t *t, const void *const *rows, size_t n)
{
    t->rows = rows;
    t->nrows = n;
    t->dirty = true;
    /* At once, not at the next frame: a key read before that frame (Enter
     * right after a poll or a filter) must select from these rows, and
     * positions into the old array mean nothing in the new one. */
    table_update(t);
}

void table_set_filter(table_t *t, const char *filter)
{
    size_t i = 0;
    for (; filter && filter[i] && i + 1 < sizeof t->filter; i++)
        t->filter[i] = (char)tolower((unsigned char)filter[i]);
    t->filter[i] = '\0';
    t->dirty = true;
    table_update(t);
}

void table_cycle_sort(table_t *t)
{
    t->sort_col = t->sort_col + 1 >= t->ops->ncolumns ? -1 : t->sort_col + 1;
    t->dirty = true;
    table_update(t);
}

void table_toggle_reverse(table_t *t)
{
    t->sort_rev = !t->sort_rev;
    t->dirty = true;
    table_update(t);
}

/* ASCII folding by hand: ctype's tolower() consults the locale per call,
 * which dominated filtering 100,000 rows. */
static inline unsigned char fold(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

bool table_text_contains(const char *hay, const char *needle)
{
    if (!needle || !*needle)
        return true;
    if (!hay)
        return false;
    const unsigned char *h = (const unsigned char *)hay;
    const unsigned char *n = (const unsigned char *)needle;
    unsigned char first = n[0];
    for (; *h; h++) {
        if (fold(*h) != first)
            continue;
        size_t i = 1;
        while (n[i] && h[i] && fold(h[i]) == n[i])
            i++;
        if (!n[i])
            return true;
    }
    return false;
}

/* Merge sort: stable (equal rows keep the provider's order, so a refresh
 * does not shuffle ties) and needs no global for the column, which qsort
 * would. It sorts (row pointer, position) pairs so a comparison touches
 * the rows directly rather than through the index. */
typedef struct {
    const void *row;
    size_t pos;
} entry_t;

typedef struct {
    int (*cmp)(const void *, const void *, int);
    bool (*unknown)(const void *, int);
    int col;
    int sign;
} order_t;

static inline int cmp_entry(const order_t *o, const entry_t *a, const entry_t *b)
{
    if (o->unknown) {
        int ua = o->unknown(a->row, o->col), ub = o->unknown(b->row, o->col);
        if (ua || ub)
            return ua - ub; /* unknowns last, whatever the direction */
    }
    return o->sign * o->cmp(a->row, b->row, o->col);
}

static void merge_sort(const order_t *o, entry_t *v, entry_t *tmp, size_t n)
{
    if (n < 2)
        return;
    if (n <= 16) { /* insertion sort: cheaper for short runs, still stable */
        for (size_t i = 1; i < n; i++) {
            entry_t x = v[i];
            size_t j = i;
            while (j > 0 && cmp_entry(o, &v[j - 1], &x) > 0) {
                v[j] = v[j - 1];
                j--;
            }
            v[j] = x;
        }
        return;
    }
    size_t h = n / 2;
    merge_sort(o, v, tmp, h);
    merge_sort(o, v + h, tmp, n - h);
    if (cmp_entry(o, &v[h - 1], &v[h]) <= 0)
        return;
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = cmp_entry(o, &v[j], &v[i]) < 0 ? v[j++] : v[i++];
    while (i < h)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

static void sort_index(table_t *t, size_t n)
{
    entry_t *v = malloc(2 * n * sizeof *v);
    if (!v)
        return; /* unsorted beats nothing; the next change tries again */
    for (size_t i = 0; i < n; i++) {
        v[i].row = t->rows[t->index[i]];
        v[i].pos = t->index[i];
    }
    order_t o = {t->ops->row_compare, t->ops->row_unknown, t->sort_col, t->sort_rev ? -1 : 1};
    merge_sort(&o, v, v + n, n);
    for (size_t i = 0; i < n; i++)
        t->index[i] = v[i].pos;
    free(v);
}

static void remember_selection(table_t *t)
{
    const void *row = table_selected(t);
    if (!row)
        return;
    const char *id = t->ops->row_id(row);
    if (t->sel_id && strcmp(t->sel_id, id) == 0)
        return;
    char *copy = strdup(id);
    if (copy) {
        free(t->sel_id);
        t->sel_id = copy;
    }
}

bool table_update(table_t *t)
{
    if (!t->dirty)
        return false;
    if (t->index_cap < t->nrows) {
        size_t *ni = realloc(t->index, t->nrows * sizeof *ni);
        if (!ni)
            return false; /* keep the old index; try again next change */
        t->index = ni;
        t->index_cap = t->nrows;
    }
    size_t n = 0;
    for (size_t i = 0; i < t->nrows; i++)
        if (!t->filter[0] || t->ops->row_matches(t->rows[i], t->filter))
            t->index[n++] = i;
    t->nindex = n;
    if (t->sort_col >= 0 && n > 1) {
        sort_index(t, n);
    } else if (t->sort_rev) {
        for (size_t i = 0; i < n / 2; i++) {
            size_t x = t->index[i];
            t->index[i] = t->index[n - 1 - i];
            t->index[n - 1 - i] = x;
        }
    }
    t->dirty = false;
    /* The selection follows its row; if the row is gone (or filtered out)
     * the cursor stays at the same height, clamped. */
    if (t->sel_id) {
        for (size_t p = 0; p < n; p++) {
            if (strcmp(t->ops->row_id(t->rows[t->index[p]]), t->sel_id) == 0) {
                t->sel = p;
                return true;
            }
        }
    }
    if (t->sel >= n)
        t->sel = n ? n - 1 : 0;
    remember_selection(t);
    return true;
}

size_t table_count(const table_t *t)
{
    return t->nindex;
}

const void *table_row_at(const table_t *t, size_t pos)
{
    /* the index may lag the rows only when its realloc failed */
    return pos < t->nindex && t->index[pos] < t->nrows ? t->rows[t->index[pos]] : NULL;
}

const void *table_selected(const table_t *t)
{
    return table_row_at(t, t->sel);
}

void table_select(table_t *t, size_t pos)
{
    if (t->nindex == 0)
        return;
    t->sel = pos >= t->nindex ? t->nindex - 1 : pos;
    remember_selection(t);
}

void table_move(table_t *t, long delta)
{
    if (t->nindex == 0)
        return;
    long p = (long)t->sel + delta;
    if (p < 0)
        p = 0;
    table_select(t, (size_t)p);
}

void table_scroll_into_view(table_t *t, size_t height)
{
    if (height == 0)
        return;
    if (t->sel < t->top)
        t->top = t->sel;
    else if (t->sel >= t->top + height)
        t->top = t->sel - height + 1;
    /* no empty space under the last row when the list got shorter */
    if (t->nindex >= height && t->top > t->nindex - height)
        t->top = t->nindex - height;
    if (t->nindex < height)
        t->top = 0;
}
