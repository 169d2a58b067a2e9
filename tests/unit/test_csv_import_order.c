/* Unit tests for csv/import's put-off duplicate checks (csv/import_pending.h):
 * valid numbers wait a few rows before their duplicate check, yet every
 * verdict, first line, message and the order of rejections and contacts
 * must be a row-at-a-time check's: across batches and chunks, with other
 * rejections and rows the reader hands on from libcsv's buffer (across a
 * chunk's end, the file's last line) in between, and the reject budget and
 * --max-rows must stop on the same line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

/* More rows than fit in one 256 KiB chunk of the reader. */
enum { ROWS = 30001, NUMBERS = 4000 };

/* Row i: every 7th a number too short (rejected at once), every 11th a
 * quoted cell with a line break in it (two physical lines); the other
 * numbers repeat. No newline after the last row, so libcsv ends it. */
static char *order_csv(long *line_of)
{
    size_t cap = (size_t)ROWS * 64 + 64, o = 0;
    char *csv = malloc(cap);
    assert_non_null(csv);
    o += (size_t)snprintf(csv + o, cap - o, "phone,idx,note\n");
    long line = 2;
    for (int i = 0; i < ROWS; i++) {
        line_of[i] = line;
        const char *end = i + 1 < ROWS ? "\n" : "";
        if (i % 7 == 3)
            o += (size_t)snprintf(csv + o, cap - o, "555,%d,short%s", i, end);
        else if (i % 11 == 5)
            o += (size_t)snprintf(csv + o, cap - o, "+1201555%04d,%d,\"two\nlines\"%s",
                                  i * 37 % NUMBERS, i, end);
        else
            o += (size_t)snprintf(csv + o, cap - o, "+1201555%04d,%d,plain%s",
                                  i * 37 % NUMBERS, i, end);
        line += i % 11 == 5 && i % 7 != 3 ? 2 : 1;
    }
    return csv;
}

static void test_duplicates_reported_in_line_order(void **state)
{
    (void)state;
    long *line_of = malloc(ROWS * sizeof *line_of);
    long *first = malloc(NUMBERS * sizeof *first);
    char *csv = order_csv(line_of);
    for (int pass = 0; pass < 2; pass++) {
        import_options_t opt;
        import_options_init(&opt);
        opt.count_only = pass == 1;
        import_error_t err;
        import_result_t *r = import_buffer(csv, strlen(csv), &opt, &err);
        assert_non_null(r);
        assert_int_equal(r->rows_read, ROWS);
        memset(first, 0, NUMBERS * sizeof *first);
        size_t rej = 0, kept = 0;
        for (int i = 0; i < ROWS; i++) {
            int num = i * 37 % NUMBERS;
            if (i % 7 == 3) {
                assert_true(rej < r->nrejections);
                assert_int_equal(r->rejections[rej].line, line_of[i]);
                assert_int_equal(r->rejections[rej++].code, IMPORT_INVALID_PHONE);
            } else if (first[num]) {
                assert_true(rej < r->nrejections);
                const import_rejection_t *j = &r->rejections[rej++];
                char want[96];
                snprintf(want, sizeof want, "+1201555%04d is already on line %ld (kept there)",
                         num, first[num]);
                assert_int_equal(j->line, line_of[i]);
                assert_int_equal(j->code, IMPORT_DUPLICATE);
                assert_int_equal(j->first_line, first[num]);
                assert_string_equal(j->message, want);
                assert_int_equal(j->row.ncells, 3);
                assert_int_equal(atoi(j->row.cells[1]), i);
                assert_string_equal(j->row.cells[2], i % 11 == 5 ? "two\nlines" : "plain");
            } else {
                first[num] = line_of[i];
                if (import_result_has_contacts(r)) {
                    import_contact_t c;
                    import_result_contact(r, kept, &c);
                    assert_int_equal(c.line, line_of[i]);
                }
                kept++;
            }
        }
        assert_int_equal(rej, r->nrejections);
        assert_int_equal(r->accepted, (long)kept);
        assert_int_equal(kept, NUMBERS);
        import_result_free(r);
    }
    free(csv);
    free(first);
    free(line_of);
}

/* One number on every row, with 150 empty cells: each row after the first
 * is a duplicate that costs the budget far more than its bytes, until the
 * import stops. `every` > 0 puts a too-short number (rejected at once) on
 * every `every`-th row. */
static char *budget_csv(size_t rows, int every, size_t *len)
{
    size_t cap = rows * 200 + 2048, o = 0;
    char *csv = malloc(cap);
    assert_non_null(csv);
    o += (size_t)snprintf(csv + o, cap - o, "phone");
    for (int c = 1; c < 150; c++)
        o += (size_t)snprintf(csv + o, cap - o, ",c%d", c);
    csv[o++] = '\n';
    for (size_t i = 0; i < rows; i++) {
        o += (size_t)snprintf(csv + o, cap - o, "%s",
                              every && i % (size_t)every == 2 ? "555" : "+12025550100");
        memset(csv + o, ',', 149);
        o += 149;
        csv[o++] = '\n';
    }
    csv[o] = '\0';
    *len = o;
    return csv;
}

/* Byte offset where physical line `line` starts. */
static size_t line_start(const char *csv, long line)
{
    const char *p = csv;
    for (long l = 1; l < line; l++)
        p = strchr(p, '\n') + 1;
    return (size_t)(p - csv);
}

static void budget_stops_at_same_line(int every)
{
    size_t len;
    char *csv = budget_csv(40000, every, &len);
    import_options_t opt;
    import_options_init(&opt);
    opt.count_only = true;
    import_error_t err;
    import_result_t *r = import_buffer(csv, len, &opt, &err);
    assert_null(r);
    assert_int_equal(err.status, IMPORT_ERR_LIMIT);
    long stop = err.line;
    assert_true(stop > 1000); /* past several chunks and batches */
    char *full_message = strdup(err.message);

    /* the file up to the line before: imported whole, nothing refused */
    r = import_buffer(csv, line_start(csv, stop), &opt, &err);
    assert_non_null(r);
    assert_int_equal(r->rows_read, stop - 2);
    char want[160];
    snprintf(want, sizeof want, "line %ld: %zu rows rejected so far,", stop,
             r->nrejections + 1);
    assert_non_null(strstr(full_message, want));
    import_result_free(r);

    /* and up to that line: stops there, with the same sentence */
    r = import_buffer(csv, line_start(csv, stop + 1), &opt, &err);
    assert_null(r);
    assert_int_equal(err.status, IMPORT_ERR_LIMIT);
    assert_int_equal(err.line, stop);
    assert_string_equal(err.message, full_message);

    /* --max-rows a few rows past that line: the budget's stop comes first */
    opt.max_rows = stop - 2 + 3;
    r = import_buffer(csv, len, &opt, &err);
    assert_null(r);
    assert_int_equal(err.line, stop);
    assert_string_equal(err.message, full_message);
    /* and --max-rows that ends just before it: the row limit's own stop,
     * on that line */
    opt.max_rows = stop - 2;
    r = import_buffer(csv, len, &opt, &err);
    assert_null(r);
    assert_int_equal(err.line, stop);
    assert_non_null(strstr(err.message, "(--max-rows)"));
    free(full_message);
    free(csv);
}

static void test_budget_stops_on_the_same_line(void **state)
{
    (void)state;
    budget_stops_at_same_line(0);  /* only duplicates, all put off */
    budget_stops_at_same_line(5);  /* with rows rejected at once among them */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_duplicates_reported_in_line_order),
        cmocka_unit_test(test_budget_stops_on_the_same_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
