/* The reader's records as strings, for the csv tests: see reader_rows.h. */
#include "reader_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool reader_rows_collect(void *ctx, const reader_record_t *rec)
{
    rows_t *r = ctx;
    size_t len = 64;
    for (size_t i = 0; i < rec->nfields; i++)
        len += rec->lens[i] + 1;
    char *s = malloc(len);
    int o = snprintf(s, len, "%ld", rec->line);
    for (size_t i = 0; i < rec->nfields; i++) {
        s[o++] = '|';
        memcpy(s + o, rec->fields[i], rec->lens[i]);
        o += (int)rec->lens[i];
    }
    s[o] = '\0';
    if (rec->bad_utf8.field != READER_NO_FAULT)
        o += snprintf(s + o, len - (size_t)o, "!u%zu@%ld", rec->bad_utf8.field, rec->bad_utf8.line);
    if (rec->nul.field != READER_NO_FAULT)
        snprintf(s + o, len - (size_t)o, "!z%zu", rec->nul.field);
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->rows = realloc(r->rows, r->cap * sizeof *r->rows);
    }
    r->rows[r->n++] = s;
    return true;
}

void reader_rows_free(rows_t *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->rows[i]);
    free(r->rows);
    memset(r, 0, sizeof *r);
}

reader_status_t reader_rows_run(const char *data, size_t len, const reader_options_t *o,
                                rows_t *rows, reader_info_t *info)
{
    memset(rows, 0, sizeof *rows);
    return reader_run_buffer(data, len, o, reader_rows_collect, rows, info);
}
