/* Unit tests for tui/table: filtering, sorting, reversing, and the
 * selection following the same row id across refreshes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

typedef struct {
    const char *id;
    const char *name;
    int n;
} row_t;

static const char *row_id(const void *r) { return ((const row_t *)r)->id; }
static bool row_matches(const void *r, const char *needle)
{
    return table_text_contains(((const row_t *)r)->name, needle);
}
static int row_compare(const void *a, const void *b, int col)
{
    const row_t *x = a, *y = b;
    if (col == 0)
        return strcmp(x->name, y->name);
    return (x->n > y->n) - (x->n < y->n);
}
static const char *const names[] = {"name", "n"};
static const table_ops_t ops = {row_id, row_matches, row_compare, 2, names, NULL};

static row_t rows1[] = {
    {"1", "Delta", 5}, {"2", "alpha", 9}, {"3", "Charlie", 1}, {"4", "bravo", 9},
};
static const void *ptrs1[] = {&rows1[0], &rows1[1], &rows1[2], &rows1[3]};

static const char *id_at(table_t *t, size_t p)
{
    return ((const row_t *)table_row_at(t, p))->id;
}

static void test_filter_case_insensitive(void **state)
{
    (void)state;
    table_t t;
    table_init(&t, &ops);
    table_set_rows(&t, ptrs1, 4);
    table_set_filter(&t, "AL");
    /* the setter rebuilt the index at once: a key read before the next
     * frame selects among the filtered rows */
    assert_int_equal(table_count(&t), 1);
    assert_string_equal(((const row_t *)table_selected(&t))->id, "2");
    assert_string_equal(id_at(&t, 0), "2");
    table_set_filter(&t, "");
    table_update(&t);
    assert_int_equal(table_count(&t), 4);
    assert_false(table_update(&t)); /* nothing changed: no rebuild */
    table_free(&t);
}

static void test_sort_cycle_and_reverse(void **state)
{
    (void)state;
    table_t t;
    table_init(&t, &ops);
    table_set_rows(&t, ptrs1, 4);
    table_cycle_sort(&t); /* by name: strcmp puts capitals first */
    table_update(&t);
    assert_string_equal(id_at(&t, 0), "3");
    assert_string_equal(id_at(&t, 3), "4");
    table_cycle_sort(&t); /* by n, stable: 9s keep their order 2,4 */
    table_update(&t);
    assert_string_equal(id_at(&t, 0), "3");
    assert_string_equal(id_at(&t, 2), "2");
    assert_string_equal(id_at(&t, 3), "4");
    table_toggle_reverse(&t); /* reversed, ties still in provider order */
    table_update(&t);
    assert_string_equal(id_at(&t, 0), "2");
    assert_string_equal(id_at(&t, 1), "4");
    assert_string_equal(id_at(&t, 3), "3");
    table_cycle_sort(&t); /* back to the rows' own order, reversed */
    table_update(&t);
    assert_int_equal(t.sort_col, -1);
    assert_string_equal(id_at(&t, 0), "4");
    assert_string_equal(id_at(&t, 3), "1");
    table_free(&t);
}

static void test_selection_follows_id(void **state)
{
    (void)state;
    table_t t;
    table_init(&t, &ops);
    table_set_rows(&t, ptrs1, 4);
    table_update(&t);
    table_move(&t, 2); /* Charlie */
    assert_string_equal(((const row_t *)table_selected(&t))->id, "3");
    /* a refresh brings the same rows in another order, plus a new one */
    static row_t rows2[] = {
        {"5", "echo", 0}, {"3", "Charlie", 2}, {"1", "Delta", 5}, {"2", "alpha", 9},
    };
    static const void *ptrs2[] = {&rows2[0], &rows2[1], &rows2[2], &rows2[3]};
    table_set_rows(&t, ptrs2, 4);
    /* before any table_update: the selection already follows its row */
    assert_string_equal(((const row_t *)table_selected(&t))->id, "3");
    assert_false(table_update(&t));
    assert_int_equal(t.sel, 1);
    assert_string_equal(((const row_t *)table_selected(&t))->id, "3");
    /* the selected row disappears: the cursor stays in range */
    static const void *ptrs3[] = {&rows2[0]};
    table_set_rows(&t, ptrs3, 1);
    assert_int_equal(table_count(&t), 1);
    assert_int_equal(t.sel, 0);
    assert_string_equal(((const row_t *)table_selected(&t))->id, "5");
    table_free(&t);
}

static void test_move_clamps_and_scrolls(void **state)
{
    (void)state;
    enum { N = 100 };
    row_t *rows = calloc(N, sizeof *rows);
    const void **p = calloc(N, sizeof *p);
    char (*ids)[12] = calloc(N, sizeof *ids);
    for (int i = 0; i < N; i++) {
        snprintf(ids[i], sizeof ids[i], "%d", i);
        rows[i] = (row_t){ids[i], ids[i], i};
        p[i] = &rows[i];
    }
    table_t t;
    table_init(&t, &ops);
    table_set_rows(&t, p, N);
    table_update(&t);
    table_move(&t, -5);
    assert_int_equal(t.sel, 0);
    table_move(&t, 1000);
    assert_int_equal(t.sel, N - 1);
    table_scroll_into_view(&t, 10);
    assert_int_equal(t.top, N - 10);
    table_select(&t, 3);
    table_scroll_into_view(&t, 10);
    assert_int_equal(t.top, 3);
    table_free(&t);
    free(rows);
    free(p);
    free(ids);
}

static void test_empty_table(void **state)
{
    (void)state;
    table_t t;
    table_init(&t, &ops);
    table_update(&t);
    assert_null(table_selected(&t));
    table_move(&t, 1);
    table_scroll_into_view(&t, 5);
    assert_int_equal(table_count(&t), 0);
    table_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_filter_case_insensitive),
        cmocka_unit_test(test_sort_cycle_and_reverse),
        cmocka_unit_test(test_selection_follows_id),
        cmocka_unit_test(test_move_clamps_and_scrolls),
        cmocka_unit_test(test_empty_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
