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

/* The dedupe set is probed at random, once per row: its slots are kept to
 * 8 bytes (half a number and its line) so that the part read at random is
 * half as large, misses caches, TLB and fresh pages half as often. A slot
 * holds 32 bits of the number's hash (never 0: 0 is an empty slot) and
 * where the number sits in `seen`, the numbers in first-seen order with
 * their lines, written in sequence. A slot whose tag matches is checked
 * against the full number there: a tag is a filter, never a verdict. */
typedef struct {
    uint32_t tag;
    uint32_t index;
} dedupe_slot_t;

typedef struct {
    uint64_t number;
    uint64_t first_line;
} seen_t;

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

    dedupe_slot_t *table;    /* open addressing; tag 0 = empty slot */
    size_t slots;
    seen_t *seen;            /* the numbers, first seen first */
    size_t nkeys, seen_cap;

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
    zeroed_free(s->table, s->slots * sizeof *s->table);
    zeroed_free(s->seen, s->seen_cap * sizeof *s->seen);
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

/* A bijective mix of the number: its low bits pick the home slot, its
 * high 32 bits are the tag. */
static uint64_t number_hash(uint64_t key)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return key;
}

static uint32_t tag_of(uint64_t hash)
{
    return (uint32_t)(hash >> 32) | 1u; /* never 0, the empty slot */
}

/* The home slot, from the hash's low 32 bits scaled to the table (at most
 * 2^32 slots): any number of slots, not only powers of two, so the table
 * is sized to the load it will hold. Every slot of it is written at random
 * and so faulted in and zeroed by the kernel, which costs as much as the
 * probes: a power of two took up to twice that (16 MB for 1M numbers where
 * 11.4 MB hold them). */
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
    /* From 1 MB, whole huge pages: the kernel faults in and zeroes a huge
     * page at once whatever part of it is written, so the rest of the last
     * one costs nothing more as slots, while a table short of 2 MB would
     * be faulted in 4 KiB at a time (280 faults at 100k rows). */
    size_t bytes = slots * sizeof(dedupe_slot_t);
    if (bytes >= HUGE_BYTES / 2)
        slots = ((bytes + HUGE_BYTES - 1) & ~(size_t)(HUGE_BYTES - 1)) / sizeof(dedupe_slot_t);
    if (slots > UINT32_MAX)
        return false; /* indexes are 32-bit; no import holds 4 billion numbers */
    dedupe_slot_t *t = zeroed_alloc(slots * sizeof *t);
    if (!t)
        return false;
    /* placed again from the numbers themselves, in first-seen order */
    for (size_t k = 0; k < s->nkeys; k++) {
        uint64_t h = number_hash(s->seen[k].number);
        size_t j = home_of(h, slots);
        while (t[j].tag)
            j = next_slot(j, slots);
        t[j].tag = tag_of(h);
        t[j].index = (uint32_t)k;
    }
    zeroed_free(s->table, s->slots * sizeof *s->table);
    s->table = t;
    s->slots = slots;
    return true;
}

static bool seen_reserve(import_store_t *s, size_t n)
{
    if (n <= s->seen_cap)
        return true;
    size_t cap = s->seen_cap ? s->seen_cap : 1024;
    while (cap < n)
        cap *= 2;
    seen_t *p = zeroed_alloc(cap * sizeof *p);
    if (!p)
        return false;
    if (s->nkeys)
        memcpy(p, s->seen, s->nkeys * sizeof *p);
    zeroed_free(s->seen, s->seen_cap * sizeof *s->seen);
    s->seen = p;
    s->seen_cap = cap;
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
        return false; /* indexes are 32-bit */
    size_t slots = numbers * 10 / 7 + 8; /* the least that fits, and a little */
    return seen_reserve(s, numbers) && (slots <= s->slots || dedupe_resize(s, slots));
}

void import_store_dedupe_prefetch(const import_store_t *s, uint64_t number)
{
    if (s->slots)
        __builtin_prefetch(&s->table[home_of(number_hash(number), s->slots)]);
}

int import_store_dedupe(import_store_t *s, uint64_t number, long line, long *first_line)
{
    if (!dedupe_fits(s->nkeys + 1, s->slots) &&
        !dedupe_resize(s, s->slots ? s->slots * 2 : 1024))
        return -1;
    if (!seen_reserve(s, s->nkeys + 1))
        return -1;
    uint64_t h = number_hash(number);
    uint32_t tag = tag_of(h);
    size_t j = home_of(h, s->slots);
    for (; s->table[j].tag; j = next_slot(j, s->slots)) {
        if (s->table[j].tag != tag)
            continue;
        const seen_t *e = &s->seen[s->table[j].index];
        if (e->number == number) {
            *first_line = (long)e->first_line;
            return 0;
        }
    }
    s->table[j].tag = tag;
    s->table[j].index = (uint32_t)s->nkeys;
    s->seen[s->nkeys].number = number;
    s->seen[s->nkeys].first_line = (uint64_t)line;
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
