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

/* The dedupe set is probed at random, once per row, and every slot of it
 * is written somewhere in a big import: each byte of it is a page the
 * kernel zeroes and a share of the cache misses. So it is one table of
 * 12-byte entries, the number's key and the line it was first seen on,
 * each probe reading one place, where it was an 8-byte slot (a tag and an
 * index) pointing into a second array of 16-byte {number, line} (two
 * random accesses a number and ~27 bytes of fresh memory; now ~17 at the
 * table's load of 0.7). The key (never 0) is kept in two 32-bit halves so
 * that entries need 4-byte alignment only and 16 of them fill 3 cache
 * lines with no padding; key 0 marks an empty entry. Lines are 32-bit:
 * the importer refuses a file with more lines (IMPORT_STORE_MAX_LINE). */
typedef struct {
    uint32_t key_lo, key_hi;
    uint32_t line;
} dedupe_entry_t;

static uint64_t entry_key(const dedupe_entry_t *e)
{
    return (uint64_t)e->key_hi << 32 | e->key_lo;
}

/* Zeroed memory straight from the kernel, so a table sized for millions
 * of numbers is neither cleared by hand nor resident before it is used. */
static void *zeroed_alloc(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
#ifdef MADV_HUGEPAGE
    if (size >= HUGE_BYTES)
        madvise(p, size, MADV_HUGEPAGE);
#endif
    return p;
}

static void zeroed_free(void *p, size_t size)
{
    if (p)
        munmap(p, size);
}

struct import_store {
    block_t *blocks;

    const char **recs;       /* accepted contacts */
    uint32_t *lines;
    size_t ncontacts, contacts_cap;

    dedupe_entry_t *table;   /* open addressing, linear probes; key 0 = empty */
    size_t slots, nkeys;
    size_t table_bytes;      /* the table's mapping, at least slots entries */

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
    zeroed_free(s->table, s->table_bytes);
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

/* A bijective mix of the key: its low 32 bits pick the home slot. */
static uint64_t number_hash(uint64_t key)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return key;
}

/* The home slot, from the hash's low 32 bits scaled to the table (at most
 * 2^32 slots): any number of slots, not only powers of two, so the table
 * is sized to the load it will hold. Every slot of it is written at random
 * and so faulted in and zeroed by the kernel, which costs as much as the
 * probes: a power of two took up to twice that. */
static size_t home_of(uint64_t hash, size_t slots)
{
    return (size_t)(((hash & 0xffffffffu) * (uint64_t)slots) >> 32);
}

static size_t next_slot(size_t j, size_t slots)
{
    return j + 1 < slots ? j + 1 : 0;
}

static bool dedupe_resize(import_store_t *s, size_t slots)
{
    /* From 1 MB, the mapping is whole huge pages: the kernel faults in and
     * zeroes a huge page at once whatever part of it is written, so the
     * rest of the last one costs nothing more as slots, while a table short
     * of 2 MB would be faulted in 4 KiB at a time (280 faults at 100k
     * rows). The mapping is rounded, not the slots: 2 MB is no multiple of
     * 12 bytes, and a mapping short of a huge page's end gets no huge page
     * there (at 100k rows none at all: 465 more faults). */
    size_t bytes = slots * sizeof(dedupe_entry_t);
    if (bytes >= HUGE_BYTES / 2) {
        bytes = (bytes + HUGE_BYTES - 1) & ~(size_t)(HUGE_BYTES - 1);
        slots = bytes / sizeof(dedupe_entry_t);
    }
    if (slots > UINT32_MAX)
        return false; /* home_of scales 32 bits; no import holds 3 billion numbers */
    dedupe_entry_t *t = zeroed_alloc(bytes);
    if (!t)
        return false;
    /* placed again from the old table: where an entry sits changes no
     * answer, only how far a probe walks to it */
    for (size_t k = 0; k < s->slots; k++) {
        const dedupe_entry_t *e = &s->table[k];
        uint64_t key = entry_key(e);
        if (!key)
            continue;
        size_t j = home_of(number_hash(key), slots);
        while (t[j].key_lo | t[j].key_hi)
            j = next_slot(j, slots);
        t[j] = *e;
    }
    zeroed_free(s->table, s->table_bytes);
    s->table = t;
    s->slots = slots;
    s->table_bytes = bytes;
    return true;
}

/* load factor at most 0.7 */
static bool dedupe_fits(size_t keys, size_t slots)
{
    return keys * 10 <= slots * 7;
}

bool import_store_dedupe_reserve(import_store_t *s, size_t numbers)
{
    if (numbers > UINT32_MAX)
        return false;
    size_t slots = numbers * 10 / 7 + 8; /* the least that fits, and a little */
    return slots <= s->slots || dedupe_resize(s, slots);
}

void import_store_dedupe_prefetch(const import_store_t *s, uint64_t number)
{
    if (s->slots)
        __builtin_prefetch(&s->table[home_of(number_hash(number), s->slots)]);
}

int import_store_dedupe(import_store_t *s, uint64_t number, long line, long *first_line)
{
    if (number == 0 || line < 0 || line > IMPORT_STORE_MAX_LINE)
        return -1; /* the caller's mistake: see import_store.h */
    if (!dedupe_fits(s->nkeys + 1, s->slots) &&
        !dedupe_resize(s, s->slots ? s->slots * 2 : 1024))
        return -1;
    size_t j = home_of(number_hash(number), s->slots);
    uint32_t lo = (uint32_t)number, hi = (uint32_t)(number >> 32);
    for (;; j = next_slot(j, s->slots)) {
        const dedupe_entry_t *e = &s->table[j];
        if (!(e->key_lo | e->key_hi))
            break;
        if (e->key_lo == lo && e->key_hi == hi) {
            *first_line = (long)e->line;
            return 0;
        }
    }
    s->table[j] = (dedupe_entry_t){lo, hi, (uint32_t)line};
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
    if (line < 0 || line > IMPORT_STORE_MAX_LINE)
        return false; /* the caller's mistake: see import_store.h */
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
