/* The csv reader's records collected as strings, for the tests of the
 * reader and of the encodings it decodes (test_csv_reader.c,
 * test_csv_encoding.c): each record "line|f1|f2|..." with its faults
 * appended ("!u<field>@<line>" bad UTF-8, "!z<field>" a NUL). */
#ifndef DIALTOP_TEST_READER_ROWS_H
#define DIALTOP_TEST_READER_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "reader.h"

typedef struct {
    char **rows;
    size_t n, cap;
} rows_t;

/* A reader_record_fn: appends the record to the rows_t at ctx. */
bool reader_rows_collect(void *ctx, const reader_record_t *rec);

void reader_rows_free(rows_t *r);

/* reader_run_buffer over data with rows collected (rows starts empty). */
reader_status_t reader_rows_run(const char *data, size_t len, const reader_options_t *o,
                                rows_t *rows, reader_info_t *info);

#endif
