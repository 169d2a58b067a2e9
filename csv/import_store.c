/* Arena, contact index and dedupe set behind import_result_t. */
#include "import_store.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define BLOCK_BYTES (32u * 1024u * 1024u)
#define HUGE_BYTES (2u * 1024u * 1024u)
#define FIRST_BLOCK_BYTES (16u * 1024u) /* small imports stay small */

/* A million-row import writes ~100 MB of fresh memory and probes a 32 MB
 * hash table at random: huge pages cut the page faults and TLB misses
 * that otherwise dominate the run. */
static void *big_alloc(size_t size)
{
    if (size < HUGE_BYTES)
        return malloc(size);
    void *p = NULL;
    if (posix_memalign(&p, HUGE_BYTES, size) != 0)
        return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, size, MADV_HUGEPAGE);
#endif
    return p;
}

typedef struct block {
    struct block *next;
    size_t used, cap;
    max_align_t align_[]; /* data follows, suitably aligned */
} block_t;

/* key and line side by side: one cache miss per probe */
typedef struct {
    uint64_t key;
    uint64_t first_line;
} dedupe_slot_t;

/* The dedupe table: zeroed memory straight from the kernel, so a table
 * sized for millions of numbers is neither cleared by hand nor resident
 * before its slots are used. */
static dedupe_slot_t *table_alloc(size_t slots)
{
    size_t size = slots * sizeof(dedupe_slot_t);
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
#ifdef MADV_HUGEPAGE
    if (size >= HUGE_BYTES)
        madvise(p, size, MADV_HUGEPAGE);
#endif
    return p;
}

static void table_free(dedupe_slot_t *t, size_t slots)
{
    if (t)
        munmap(t, slots * sizeof *t);
}

struct import_store {
    block_t *blocks;

    const char **recs;       /* accepted contacts */
    uint32_t *lines;
    size_t ncontacts, contacts_cap;

    dedupe_slot_t *table;    /* open addressing; key 0 = empty slot */
    size_t nkeys, slots;

    size_t *var_cols;
    const char **var_names;
    size_t nvars;
};

import_store_t *import_store_new(void)
{
    return calloc(1, sizeof(import_store_t));
}

void import_store_free(import_store_t *s)
{
    if (!s)
        return;
    for (block_t *b = s->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(s->recs);
    free(s->lines);
    table_free(s->table, s->slots);
    free(s->var_cols);
    free(s->var_names);
    free(s);
}

void *import_store_alloc(import_store_t *s, size_t size)
{
    size_t need = (size + 15) & ~(size_t)15;
    block_t *b = s->blocks;
    if (!b || b->cap - b->used < need) {
        /* A record larger than a block gets a block of its own. */
        /* blocks double from 16 KiB up to 4 MiB */
        size_t cap = b ? (b->cap < BLOCK_BYTES ? b->cap * 2 : BLOCK_BYTES) : FIRST_BLOCK_BYTES;
        if (need > cap)
            cap = need;
        block_t *nb = big_alloc(sizeof *nb + cap);
        if (!nb)
            return NULL;
        nb->used = 0;
        nb->cap = cap;
        if (b && need > BLOCK_BYTES && b->cap - b->used >= 4096) {
            /* keep filling the current block afterwards */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            s->blocks = nb;
        }
        b = nb;
    }
    void *p = (char *)b->align_ + b->used;
    b->used += need;
    return p;
}

char *import_store_strndup(import_store_t *s, const char *p, size_t len)
{
    char *q = import_store_alloc(s, len + 1);
    if (!q)
        return NULL;
    if (len)
        memcpy(q, p, len);
    q[len] = '\0';
    return q;
}

static size_t slot_of(uint64_t key, size_t mask)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return (size_t)key & mask;
}

static bool dedupe_resize(import_store_t *s, size_t slots)
{
    dedupe_slot_t *t = table_alloc(slots);
    if (!t)
        return false;
    for (size_t i = 0; i < s->slots; i++) {
        if (!s->table[i].key)
            continue;
        size_t j = slot_of(s->table[i].key, slots - 1);
        while (t[j].key)
            j = (j + 1) & (slots - 1);
        t[j] = s->table[i];
    }
    table_free(s->table, s->slots);
    s->table = t;
    s->slots = slots;
    return true;
}

/* load factor at most 0.7 */
static bool dedupe_fits(size_t keys, size_t slots)
{
    return keys * 10 <= slots * 7;
}

bool import_store_dedupe_reserve(import_store_t *s, size_t numbers)
{
    size_t slots = s->slots ? s->slots : 1024;
    while (!dedupe_fits(numbers, slots) && slots < ((size_t)1 << 40))
        slots *= 2;
    return slots == s->slots || dedupe_resize(s, slots);
}

void import_store_dedupe_prefetch(const import_store_t *s, uint64_t number)
{
    if (s->slots)
        __builtin_prefetch(&s->table[slot_of(number, s->slots - 1)]);
}

int import_store_dedupe(import_store_t *s, uint64_t number, long line, long *first_line)
{
    if (!dedupe_fits(s->nkeys + 1, s->slots) &&
        !dedupe_resize(s, s->slots ? s->slots * 2 : 1024))
        return -1;
    size_t mask = s->slots - 1, j = slot_of(number, mask);
    while (s->table[j].key) {
        if (s->table[j].key == number) {
            *first_line = (long)s->table[j].first_line;
            return 0;
        }
        j = (j + 1) & mask;
    }
    s->table[j].key = number;
    s->table[j].first_line = (uint64_t)line;
    s->nkeys++;
    return 1;
}

bool import_store_add_contact(import_store_t *s, const char *rec, long line)
{
    if (s->ncontacts == s->contacts_cap) {
        size_t cap = s->contacts_cap ? s->contacts_cap * 2 : 1024;
        const char **recs = realloc(s->recs, cap * sizeof *recs);
        if (!recs)
            return false;
        s->recs = recs;
        uint32_t *lines = realloc(s->lines, cap * sizeof *lines);
        if (!lines)
            return false;
        s->lines = lines;
        s->contacts_cap = cap;
    }
    s->recs[s->ncontacts] = rec;
    s->lines[s->ncontacts] = (uint32_t)line;
    s->ncontacts++;
    return true;
}

size_t import_store_contact_count(const import_store_t *s)
{
    return s->ncontacts;
}

const char *import_store_contact(const import_store_t *s, size_t i, long *line)
{
    if (line)
        *line = (long)s->lines[i];
    return s->recs[i];
}

bool import_store_set_var_columns(import_store_t *s, const size_t *cols, size_t n,
                                  const char *const *names)
{
    s->var_cols = malloc((n ? n : 1) * sizeof *s->var_cols);
    s->var_names = malloc((n ? n : 1) * sizeof *s->var_names);
    if (!s->var_cols || !s->var_names)
        return false;
    for (size_t k = 0; k < n; k++) {
        s->var_cols[k] = cols[k];
        s->var_names[k] = names[cols[k]];
    }
    s->nvars = n;
    return true;
}

size_t import_store_var_count(const import_store_t *s)
{
    return s->nvars;
}

const char *import_store_var_name(const import_store_t *s, size_t k)
{
    return s->var_names[k];
}
