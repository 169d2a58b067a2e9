/* Every page of a list as one operation: see list_all.h. Campaigns and
 * contacts share the walk; the two page callbacks reduce either kind of
 * page to its rows, its next-page mark and what it skipped. */
#include "list_all.h"

#include <stdlib.h>
#include <string.h>

struct list_all {
    client_t *c;
    list_all_spec_t spec;         /* its strings are the copies below */
    char *campaign_id, *status_filter;
    list_all_progress_fn progress;
    list_all_done_fn done;
    void *ud;
    size_t item_size;
    char *rows;                   /* item_size bytes each */
    size_t n, cap;
    api_page_t page;              /* the page asked for now */
    unsigned long op;             /* its client operation, 0 when none */
    size_t pages, requests;
    int rate_waits;
    bool cut;
};

static void free_rows(list_all_t *l)
{
    for (size_t i = 0; i < l->n; i++) {
        void *item = l->rows + i * l->item_size;
        if (l->spec.kind == LIST_ALL_CAMPAIGNS)
            model_campaign_free(item);
        else
            model_contact_free(item);
    }
    free(l->rows);
    l->rows = NULL;
    l->n = l->cap = 0;
}

/* Reports the end once; nothing touches `l` after (the callback may free
 * it). */
static void finish(list_all_t *l, const api_error_t *err)
{
    l->op = 0;
    if (err)
        free_rows(l);
    l->done(l, err, l->ud);
}

static void on_campaigns(api_campaign_page_t *pg, const api_error_t *err, void *ud);
static void on_contacts(api_contact_page_t *pg, const api_error_t *err, void *ud);

/* Asks for l->page; the operation id, 0 when out of memory. */
static unsigned long send_page(list_all_t *l)
{
    l->requests++;
    if (l->spec.kind == LIST_ALL_CAMPAIGNS)
        return client_list_campaigns(l->c, &l->page, l->status_filter, on_campaigns, l);
    return client_list_contacts(l->c, l->campaign_id, &l->page, l->status_filter, on_contacts,
                                l);
}

static void request_page(list_all_t *l)
{
    l->op = send_page(l);
    if (!l->op) {
        api_error_t err;
        api_error_set(&err, API_ERR_PARSE, 0, "out of memory");
        finish(l, &err);
    }
}

/* Moves a page's rows onto the end of the list; false when out of memory
 * (the page's rows stay with it, to be freed with it). */
static bool take_rows(list_all_t *l, void *items, size_t n)
{
    if (n == 0)
        return true; /* an empty page may carry no array at all */
    if (l->n + n > l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        while (cap < l->n + n)
            cap *= 2;
        char *grown = realloc(l->rows, cap * l->item_size);
        if (!grown)
            return false;
        l->rows = grown;
        l->cap = cap;
    }
    memcpy(l->rows + l->n * l->item_size, items, n * l->item_size);
    l->n += n;
    return true;
}

/* A page failed: a 429 is waited out while the spec allows. */
static void page_failed(list_all_t *l, const api_error_t *err)
{
    if (err->kind == API_ERR_RATE_LIMITED && l->rate_waits < l->spec.rate_waits) {
        /* Truedy allows 100 requests a minute: a long list meets it. A
         * 429 changed nothing, so the same page after the reset. */
        l->rate_waits++;
        client_hold_next(l->c, (err->retry_after_s > 0 ? err->retry_after_s : 1) * 1000L);
        request_page(l);
        return;
    }
    finish(l, err);
}

/* A page's rows were taken (`kept`, `n` of them), its progress said and
 * the page freed: the next page, or the end. */
static void page_taken(list_all_t *l, bool kept, size_t n, const api_page_t *next)
{
    if (!kept) {
        api_error_t oom;
        api_error_set(&oom, API_ERR_PARSE, 0, "out of memory after %zu rows", l->n);
        finish(l, &oom);
        return;
    }
    /* A page with no rows that claims more would be asked for forever. */
    if (next->end || n == 0) {
        finish(l, NULL);
        return;
    }
    if (l->spec.max_rows > 0 && l->n >= l->spec.max_rows) {
        l->cut = true;
        finish(l, NULL);
        return;
    }
    if (l->pages >= LIST_ALL_MAX_PAGES) {
        api_error_t err;
        api_error_set(&err, API_ERR_PARSE, 0, "the %s did not end after %d pages",
                      l->spec.kind == LIST_ALL_CAMPAIGNS ? "campaign list" : "contact list",
                      LIST_ALL_MAX_PAGES);
        finish(l, &err);
        return;
    }
    l->page = *next;
    request_page(l);
}

/* What the walk keeps of a page once the page itself is freed. */
typedef struct {
    bool kept;          /* its rows moved into the walk (false: out of memory) */
    size_t n;           /* how many */
    api_page_t next;
} page_seen_t;

/* The part of a page both kinds have: its *n rows at `items` move into
 * the walk (*n becomes 0, so freeing the page leaves them alone) and the
 * progress is said. The caller frees the page, then page_taken(). */
static page_seen_t page_in(list_all_t *l, void *items, size_t *n, size_t skipped,
                           const char *note, const api_page_t *next)
{
    page_seen_t s = {.kept = take_rows(l, items, *n), .n = *n, .next = *next};
    if (!s.kept)
        return s; /* the rows stay in the page, freed with it */
    *n = 0;
    l->pages++;
    if (l->progress) {
        list_all_progress_t p = {l->n, l->pages, skipped, note};
        l->progress(&p, l->ud);
    }
    return s;
}

static void on_campaigns(api_campaign_page_t *pg, const api_error_t *err, void *ud)
{
    list_all_t *l = ud;
    l->op = 0;
    if (!pg) {
        page_failed(l, err);
        return;
    }
    page_seen_t s = page_in(l, pg->items, &pg->n, pg->skipped, pg->skip_note, &pg->next);
    api_campaign_page_free(pg);
    free(pg);
    page_taken(l, s.kept, s.n, &s.next);
}

static void on_contacts(api_contact_page_t *pg, const api_error_t *err, void *ud)
{
    list_all_t *l = ud;
    l->op = 0;
    if (!pg) {
        page_failed(l, err);
        return;
    }
    page_seen_t s = page_in(l, pg->items, &pg->n, pg->skipped, pg->skip_note, &pg->next);
    api_contact_page_free(pg);
    free(pg);
    page_taken(l, s.kept, s.n, &s.next);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

list_all_t *list_all_start(client_t *c, const list_all_spec_t *spec,
                           list_all_progress_fn progress, list_all_done_fn done, void *ud)
{
    list_all_t *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->c = c;
    l->spec = *spec;
    l->campaign_id = dup_or_null(spec->campaign_id);
    l->status_filter = dup_or_null(spec->status_filter);
    if ((spec->campaign_id && !l->campaign_id) || (spec->status_filter && !l->status_filter)) {
        list_all_free(l);
        return NULL;
    }
    l->spec.campaign_id = l->campaign_id;
    l->spec.status_filter = l->status_filter;
    l->progress = progress;
    l->done = done;
    l->ud = ud;
    l->item_size = spec->kind == LIST_ALL_CAMPAIGNS ? sizeof(model_campaign_t)
                                                    : sizeof(model_contact_t);
    api_page_first(&l->page, spec->page_size);
    /* The first page reports from the next poll like any page, never
     * from in here (the caller has not stored `l` yet). */
    l->op = send_page(l);
    if (!l->op) {
        list_all_free(l);
        return NULL;
    }
    return l;
}

void list_all_free(list_all_t *l)
{
    if (!l)
        return;
    if (l->op)
        client_cancel(l->c, l->op);
    free_rows(l);
    free(l->campaign_id);
    free(l->status_filter);
    free(l);
}

static void *take(list_all_t *l, size_t *n)
{
    void *rows = l->rows;
    *n = l->n;
    l->rows = NULL;
    l->n = l->cap = 0;
    return rows;
}

model_campaign_t *list_all_take_campaigns(list_all_t *l, size_t *n)
{
    return l->spec.kind == LIST_ALL_CAMPAIGNS ? take(l, n) : (*n = 0, NULL);
}

bool list_all_cut(const list_all_t *l)
{
    return l->cut;
}

size_t list_all_requests(const list_all_t *l)
{
    return l->requests;
}

/* --- blocking, for the CLI ------------------------------------------------- */

typedef struct {
    bool ended;
    bool failed;
    api_error_t err;
} waiter_t;

static void on_wait_done(list_all_t *l, const api_error_t *err, void *ud)
{
    (void)l;
    waiter_t *w = ud;
    w->ended = true;
    if (err) {
        w->failed = true;
        w->err = *err;
    }
}

/* Runs a walk to its end. True with the rows (as list_all_take_campaigns)
 * and *cut (may be NULL), or false with `err`. */
static bool list_all_wait(client_t *c, const list_all_spec_t *spec, void **rows, size_t *n,
                          bool *cut, api_error_t *err)
{
    *rows = NULL;
    *n = 0;
    if (cut)
        *cut = false;
    waiter_t w = {0};
    list_all_t *l = list_all_start(c, spec, NULL, on_wait_done, &w);
    if (!l) {
        api_error_set(err, API_ERR_PARSE, 0, "out of memory");
        return false;
    }
    while (!w.ended && client_poll(c, -1, 1000, NULL) >= 0)
        ;
    if (!w.ended) {
        list_all_free(l);
        api_error_set(err, API_ERR_NETWORK, 0, "the %s did not complete",
                      spec->kind == LIST_ALL_CAMPAIGNS ? "campaign list" : "contact list");
        return false;
    }
    if (w.failed) {
        list_all_free(l);
        *err = w.err;
        return false;
    }
    if (cut)
        *cut = l->cut;
    *rows = take(l, n);
    list_all_free(l);
    return true;
}

bool list_all_campaigns_wait(client_t *c, const char *status_filter, model_campaign_t **out,
                             size_t *n, api_error_t *err)
{
    /* the CLI waits out a long list's 429s rather than fail it */
    list_all_spec_t spec = {.kind = LIST_ALL_CAMPAIGNS, .status_filter = status_filter,
                            .rate_waits = 100};
    void *rows;
    bool ok = list_all_wait(c, &spec, &rows, n, NULL, err);
    *out = rows;
    return ok;
}

bool list_all_contacts_wait(client_t *c, const char *campaign_id, const char *status_filter,
                            model_contact_t **out, size_t *n, api_error_t *err)
{
    list_all_spec_t spec = {.kind = LIST_ALL_CONTACTS, .campaign_id = campaign_id,
                            .status_filter = status_filter, .page_size = 100,
                            .rate_waits = 100};
    void *rows;
    bool ok = list_all_wait(c, &spec, &rows, n, NULL, err);
    *out = rows;
    return ok;
}
