/* Rows whose duplicate check is put off (csv-internal, used by import.c).
 *
 * Deciding a valid number means one probe into the dedupe set, which at
 * millions of numbers is far larger than the caches and the TLB: probed
 * one row at a time, every probe waits for memory. Put off for a few rows,
 * the probes' loads are all started first and wait together.
 *
 * A pending row keeps no copy of its cells: only pointers to them, in the
 * reader's chunk, where a stable record's bytes stay until the reader's
 * chunk_end (reader.h). The rows are decided there at the latest. Owns the
 * pointer pool, not the cells. */
#ifndef DIALTOP_IMPORT_PENDING_H
#define DIALTOP_IMPORT_PENDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "phone.h"
#include "reader.h"

/* Rows put off at most: enough probes to overlap their misses, few enough
 * that their pointers stay in the L1 cache. */
#define IMPORT_PENDING_ROWS 32

typedef struct {
    long line;
    size_t nfields, first;  /* its fields are pool entries first.. */
    uint64_t key;           /* the dedupe key of its number */
    phone_number_t pn;
} import_pending_row_t;

typedef struct {
    import_pending_row_t rows[IMPORT_PENDING_ROWS];
    size_t n;
    char **fields;          /* pointer pool: the rows' fields, one after another */
    size_t *lens;
    size_t used, cap;
} import_pending_t;

/* Puts off a stable record (rec->stable) whose number is valid. False when
 * out of memory. */
bool import_pending_add(import_pending_t *p, const reader_record_t *rec, uint64_t key,
                        const phone_number_t *pn);
static inline bool import_pending_full(const import_pending_t *p)
{
    return p->n == IMPORT_PENDING_ROWS;
}
/* Row k as the record it was read as (such a row had no fault, and
 * exactly the header's fields). */
void import_pending_record(const import_pending_t *p, size_t k, reader_record_t *out);
void import_pending_clear(import_pending_t *p);
void import_pending_free(import_pending_t *p);

#endif
