/* The open campaign's contacts: a sparse cache of pages keyed by page
 * index, so a campaign of 100,000 contacts costs memory and requests only
 * for the pages the operator looks at. Display strings are sanitised on
 * arrival.
 *
 * Providers page by offset (random access) or by opaque cursor (OmniDim
 * lines: page k is reachable only through page k-1's cursor); for the
 * latter contacts_next_fetch() walks forward from the last known cursor. */
#ifndef DIALTOP_CONTACTS_H
#define DIALTOP_CONTACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "driver.h"

typedef struct {
    model_contact_t m;      /* owned, raw */
    char *phone;            /* sanitised from here on */
    char *raw_state;
    char *vars;             /* "key=value key=value" */
    char *failure;
    char *last_attempt;     /* "2026-11-23 09:12" local, or "-" */
    double changed_at;
} contact_row_t;

typedef struct {
    contact_row_t *rows;
    size_t n;
    double fetched_at;
} contact_page_t;

typedef struct {
    int page_size;
    api_page_style_t style;
    contact_page_t **pages;  /* sparse: NULL = not loaded */
    char **cursors;          /* cursor style: cursor of page k, NULL unknown */
    size_t cap;              /* slots in pages/cursors */
    long total;              /* from the provider; -1 unknown */
    long known_rows;         /* rows proven to exist when total is unknown */
    bool end_seen;           /* a page said it was the last */
    size_t loaded;           /* pages held */
    unsigned long generation;/* bumps on every stored page */
} contacts_t;

void contacts_init(contacts_t *c, int page_size, api_page_style_t style);
void contacts_free(contacts_t *c);

/* Rows the list shows: the total when known, else what is known plus one
 * "loading" row while more may follow. */
long contacts_count(const contacts_t *c);

/* NULL while row `i`'s page is not loaded. */
const contact_row_t *contacts_row(const contacts_t *c, long i);

/* Which page to fetch so rows [first, last] are present and no older than
 * `max_age` seconds; -1 when nothing is needed. `out` describes it. */
long contacts_next_fetch(const contacts_t *c, long first, long last, double now,
                         double max_age, api_page_t *out);

/* Stores page `idx` (moved out of `pg`, which the caller still frees). */
bool contacts_store_page(contacts_t *c, long idx, api_contact_page_t *pg, double now);

/* A cursor page only passed through on the way to a far one (G on
 * OmniDim lines): keeps what it says about the next page (cursor, total,
 * end) and builds no rows. */
bool contacts_pass_page(contacts_t *c, long idx, const api_contact_page_t *pg);
/* The first row of the farthest page whose cursor is known: where a walk
 * stopped short can show rows at once. */
long contacts_reachable_row(const contacts_t *c);

/* Drops loaded pages farthest from [first_page, last_page] until at most
 * `max_pages` remain. */
void contacts_evict(contacts_t *c, long first_page, long last_page, size_t max_pages);

/* Every loaded row, in page order, into `out` (capacity `cap`); returns
 * the number written. Used to filter and sort what has been fetched. */
size_t contacts_collect(const contacts_t *c, const void **out, size_t cap);
size_t contacts_loaded_rows(const contacts_t *c);
/* Every row of the campaign is loaded: the total is known (or the last
 * page was seen) and no page up to it is missing. */
bool contacts_complete(const contacts_t *c);

#endif
