/* Sparse page cache of contacts (see contacts.h). */
#include "contacts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dynbuf.h"
#include "sanitize.h"

void contacts_init(contacts_t *c, int page_size, api_page_style_t style)
{
    memset(c, 0, sizeof *c);
    c->page_size = page_size > 0 ? page_size : 100;
    c->style = style;
    c->total = -1;
}

static void row_clear(contact_row_t *r)
{
    model_contact_free(&r->m);
    free(r->phone);
    free(r->raw_state);
    free(r->vars);
    free(r->failure);
    free(r->last_attempt);
}

static void page_free(contact_page_t *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        row_clear(&p->rows[i]);
    free(p->rows);
    free(p);
}

void contacts_free(contacts_t *c)
{
    for (size_t i = 0; i < c->cap; i++) {
        page_free(c->pages[i]);
        free(c->cursors[i]);
    }
    free(c->pages);
    free(c->cursors);
    memset(c, 0, sizeof *c);
}

static bool ensure_cap(contacts_t *c, size_t idx)
{
    if (idx < c->cap)
        return true;
    /* two parallel arrays: each grows on its own copy of the capacity,
     * which is raised only once both have the room */
    size_t cap = c->cap, ccap = c->cap;
    contact_page_t **np = dyn_grow(c->pages, &cap, idx + 1, sizeof *np, 16);
    if (!np)
        return false;
    c->pages = np;
    char **nc = dyn_grow(c->cursors, &ccap, idx + 1, sizeof *nc, 16);
    if (!nc)
        return false;
    c->cursors = nc;
    memset(c->pages + c->cap, 0, (cap - c->cap) * sizeof *np);
    memset(c->cursors + c->cap, 0, (cap - c->cap) * sizeof *nc);
    c->cap = cap;
    return true;
}

long contacts_count(const contacts_t *c)
{
    if (c->total >= 0)
        return c->total;
    return c->known_rows + (c->end_seen ? 0 : 1);
}

const contact_row_t *contacts_row(const contacts_t *c, long i)
{
    if (i < 0)
        return NULL;
    size_t p = (size_t)(i / c->page_size);
    size_t off = (size_t)(i % c->page_size);
    if (p >= c->cap || !c->pages[p] || off >= c->pages[p]->n)
        return NULL;
    return &c->pages[p]->rows[off];
}

static bool cursor_known(const contacts_t *c, long p)
{
    if (c->style != PAGE_BY_CURSOR || p == 0)
        return true;
    return (size_t)p < c->cap && c->cursors[p] != NULL;
}

static void describe(const contacts_t *c, long p, api_page_t *out)
{
    api_page_first(out, c->page_size);
    out->page = p + 1;
    out->offset = p * (long)c->page_size;
    if (c->style == PAGE_BY_CURSOR && p > 0)
        snprintf(out->cursor, sizeof out->cursor, "%s", c->cursors[p]);
}

long contacts_next_fetch(const contacts_t *c, long first, long last, double now,
                         double max_age, api_page_t *out)
{
    long count = contacts_count(c);
    if (count <= 0 && c->loaded == 0)
        first = last = 0;
    else if (last >= count && (c->total >= 0 || c->end_seen))
        last = count - 1; /* past the end only while the end is unknown */
    if (first < 0)
        first = 0;
    if (last < first)
        return -1;
    long p0 = first / c->page_size, p1 = last / c->page_size;
    for (long p = p0; p <= p1; p++) {
        const contact_page_t *pg = (size_t)p < c->cap ? c->pages[p] : NULL;
        if (pg && now - pg->fetched_at < max_age)
            continue;
        if (cursor_known(c, p)) {
            describe(c, p, out);
            return p;
        }
        /* Cursor paging: walk forward from the last page whose cursor we
         * hold; each answer reveals the next cursor. */
        long q = p - 1;
        while (q > 0 && !cursor_known(c, q))
            q--;
        describe(c, q, out);
        return q;
    }
    return -1;
}

static char *format_vars(const model_contact_t *m)
{
    size_t len = 1;
    for (size_t i = 0; i < m->nvars; i++)
        len += strlen(m->vars[i].key ? m->vars[i].key : "") +
               strlen(m->vars[i].value ? m->vars[i].value : "") + 2;
    char *raw = malloc(len);
    if (!raw)
        return NULL;
    size_t o = 0;
    raw[0] = '\0';
    for (size_t i = 0; i < m->nvars; i++)
        o += (size_t)snprintf(raw + o, len - o, "%s%s=%s", i ? " " : "",
                              m->vars[i].key ? m->vars[i].key : "",
                              m->vars[i].value ? m->vars[i].value : "");
    char *s = sanitize_text(raw);
    free(raw);
    return s;
}

static bool row_fill(contact_row_t *r, model_contact_t *m)
{
    memset(r, 0, sizeof *r);
    r->m = *m;
    model_contact_init(m);
    r->phone = sanitize_text(r->m.phone);
    r->raw_state = sanitize_text(r->m.raw_state);
    r->vars = format_vars(&r->m);
    r->failure = sanitize_text(r->m.failure_reason);
    char when[32] = "-";
    if (r->m.last_attempt > 0) {
        struct tm tm;
        localtime_r(&r->m.last_attempt, &tm);
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    }
    r->last_attempt = strdup(when);
    return r->phone && r->raw_state && r->vars && r->failure && r->last_attempt;
}

static const contact_row_t *find_in_page(const contact_page_t *p, const char *id, size_t hint)
{
    if (!p || !id)
        return NULL;
    if (hint < p->n && p->rows[hint].m.id && strcmp(p->rows[hint].m.id, id) == 0)
        return &p->rows[hint];
    for (size_t i = 0; i < p->n; i++)
        if (p->rows[i].m.id && strcmp(p->rows[i].m.id, id) == 0)
            return &p->rows[i];
    return NULL;
}

/* What a page says about what follows it; shared by storing and passing. */
static void note_next(contacts_t *c, long idx, size_t n, const api_contact_page_t *pg)
{
    if (pg->total >= 0)
        c->total = pg->total;
    long through = idx * (long)c->page_size + (long)n;
    if (through > c->known_rows)
        c->known_rows = through;
    if (pg->next.end || n == 0) {
        c->end_seen = true;
        if (c->total < 0)
            c->known_rows = through;
    } else if (c->style == PAGE_BY_CURSOR && ensure_cap(c, (size_t)idx + 2)) {
        free(c->cursors[idx + 1]);
        c->cursors[idx + 1] = strdup(pg->next.cursor);
    }
}

bool contacts_store_page(contacts_t *c, long idx, api_contact_page_t *pg, double now)
{
    if (idx < 0 || !ensure_cap(c, (size_t)idx + 1))
        return false;
    contact_page_t *np = calloc(1, sizeof *np);
    if (!np)
        return false;
    np->rows = calloc(pg->n ? pg->n : 1, sizeof *np->rows);
    if (!np->rows) {
        free(np);
        return false;
    }
    contact_page_t *old = c->pages[idx];
    for (size_t i = 0; i < pg->n; i++) {
        contact_row_t *r = &np->rows[np->n++];
        row_fill(r, &pg->items[i]);
        const contact_row_t *was = find_in_page(old, r->m.id, i);
        if (was && was->m.state != r->m.state)
            r->changed_at = now;
        else if (was)
            r->changed_at = was->changed_at;
    }
    np->fetched_at = now;
    page_free(old);
    if (!old)
        c->loaded++;
    c->pages[idx] = np;

    note_next(c, idx, np->n, pg);
    c->generation++;
    return true;
}

bool contacts_pass_page(contacts_t *c, long idx, const api_contact_page_t *pg)
{
    if (idx < 0 || !ensure_cap(c, (size_t)idx + 1))
        return false;
    note_next(c, idx, pg->n, pg);
    return true;
}

long contacts_reachable_row(const contacts_t *c)
{
    long best = 0;
    for (size_t p = 0; p < c->cap; p++)
        if (p == 0 || (c->style == PAGE_BY_CURSOR && c->cursors[p]) || c->pages[p])
            best = (long)p;
    return best * (long)c->page_size;
}

void contacts_evict(contacts_t *c, long first_page, long last_page, size_t max_pages)
{
    while (c->loaded > max_pages) {
        long worst = -1, worst_d = -1;
        for (size_t p = 0; p < c->cap; p++) {
            if (!c->pages[p])
                continue;
            long d = (long)p < first_page ? first_page - (long)p
                   : (long)p > last_page ? (long)p - last_page : 0;
            if (d > worst_d) {
                worst_d = d;
                worst = (long)p;
            }
        }
        if (worst < 0 || worst_d == 0)
            return;
        /* Cursors stay: they are small, and cursor paging needs them to
         * come back to an evicted page without walking from the start. */
        page_free(c->pages[worst]);
        c->pages[worst] = NULL;
        c->loaded--;
        c->generation++;
    }
}

size_t contacts_loaded_rows(const contacts_t *c)
{
    size_t n = 0;
    for (size_t p = 0; p < c->cap; p++)
        if (c->pages[p])
            n += c->pages[p]->n;
    return n;
}

bool contacts_complete(const contacts_t *c)
{
    long count = c->total >= 0 ? c->total : (c->end_seen ? c->known_rows : -1);
    if (count < 0)
        return false;
    return (long)contacts_loaded_rows(c) >= count;
}

size_t contacts_collect(const contacts_t *c, const void **out, size_t cap)
{
    size_t n = 0;
    for (size_t p = 0; p < c->cap; p++) {
        if (!c->pages[p])
            continue;
        for (size_t i = 0; i < c->pages[p]->n && n < cap; i++)
            out[n++] = &c->pages[p]->rows[i];
    }
    return n;
}
