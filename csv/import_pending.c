/* Rows whose duplicate check is put off; see import_pending.h. */
#include "import_pending.h"

#include <stdlib.h>
#include <string.h>

static bool pool_reserve(import_pending_t *p, size_t need)
{
    if (need <= p->cap)
        return true;
    size_t cap = p->cap ? p->cap * 2 : 256;
    while (cap < need)
        cap *= 2;
    /* rows refer to the pool by index, so moving it loses nothing */
    char **f = realloc(p->fields, cap * sizeof *f);
    if (!f)
        return false;
    p->fields = f;
    size_t *l = realloc(p->lens, cap * sizeof *l);
    if (!l)
        return false;
    p->lens = l;
    p->cap = cap;
    return true;
}

bool import_pending_add(import_pending_t *p, const reader_record_t *rec, uint64_t key,
                        const phone_number_t *pn)
{
    if (p->n == IMPORT_PENDING_ROWS || !pool_reserve(p, p->used + rec->nfields))
        return false;
    import_pending_row_t *r = &p->rows[p->n++];
    r->line = rec->line;
    r->nfields = rec->nfields;
    r->first = p->used;
    r->key = key;
    r->pn = *pn;
    memcpy(p->fields + p->used, rec->fields, rec->nfields * sizeof *p->fields);
    memcpy(p->lens + p->used, rec->lens, rec->nfields * sizeof *p->lens);
    p->used += rec->nfields;
    return true;
}

void import_pending_record(const import_pending_t *p, size_t k, reader_record_t *out)
{
    const import_pending_row_t *r = &p->rows[k];
    static const reader_fault_t none = {READER_NO_FAULT, 0, 0};
    *out = (reader_record_t){
        .line = r->line,
        .nfields = r->nfields,
        .fields = p->fields + r->first,
        .lens = p->lens + r->first,
        .bad_utf8 = none,
        .nul = none,
        .too_long = none,
        .stable = true,
    };
}

void import_pending_clear(import_pending_t *p)
{
    p->n = 0;
    p->used = 0;
}

void import_pending_free(import_pending_t *p)
{
    free(p->fields);
    free(p->lens);
    p->fields = NULL;
    p->lens = NULL;
    p->n = p->used = p->cap = 0;
}
