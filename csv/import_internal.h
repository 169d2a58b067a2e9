/* The importer's state while a file is read (csv-internal, not for callers
 * of import.h): shared by import.c (per-row decisions, the result) and
 * import_header.c (the header row: column names, the phone column, the
 * context variables). */
#ifndef DIALTOP_IMPORT_INTERNAL_H
#define DIALTOP_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "import.h"
#include "import_pending.h"
#include "import_store.h"
#include "reader.h"

typedef struct {
    import_result_t *res;
    import_store_t *st;
    const import_options_t *opt;
    const phone_region_t *region;
    unsigned phone_flags;
    long max_rows;
    size_t max_columns, field_limit;
    bool have_header;
    bool *ignored;
    const char **columns;

    import_rejection_t *rej;
    size_t nrej, rej_cap;
    size_t rej_bytes;               /* what the kept rejections cost, about */
    unsigned long long bytes_done;  /* file bytes read before the current chunk */
    import_preview_t *preview;

    import_error_t *err;
    const reader_info_t *info; /* filled by the reader as it goes */
    bool sized;                /* the dedupe set was sized from the file */
    import_pending_t pending;  /* valid numbers whose duplicate check is put off */
} importer_t;

/* Records why the import stops (the first reason wins; later calls are
 * ignored, so a callback that fails after a deeper one keeps its message). */
void import_fail(importer_t *im, import_status_t st, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The first record: names the columns, finds the phone column, sets the
 * context variables. False (with import_fail called) when the header is
 * refused. */
bool import_take_header(importer_t *im, const reader_record_t *rec);

#endif
