/* Blocking "every page" helpers for the headless CLI, built only on the
 * public client API: one list operation per page, each run to completion
 * with client_wait(). Campaigns and contacts share one loop; the callbacks
 * reduce either kind of page to its rows and where the next page starts. */
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "figures.h"

/* One page's outcome, whatever kind of rows it holds. */
typedef struct {
    void *items; /* its rows (taken from the page) */
    size_t n;
    api_page_t next;
    api_error_t err;
    bool failed;
} fetch_t;

/* Takes a page's rows and next-page mark, or its error, into `f`. `shell`
 * is the page struct itself (NULL when none came): the rows move to the
 * caller, so only the struct is freed. */
static void fetch_take(fetch_t *f, const api_error_t *err, void *items, size_t n,
                       const api_page_t *next, void *shell)
{
    if (err) {
        f->err = *err;
        f->failed = true;
    }
    if (shell) {
        f->items = items;
        f->n = n;
        f->next = *next;
        free(shell);
    }
}

static void on_fetch_page(api_campaign_page_t *page, const api_error_t *err, void *ud)
{
    if (page)
        fetch_take(ud, err, page->items, page->n, &page->next, page);
    else
        fetch_take(ud, err, NULL, 0, NULL, NULL);
}

static void on_fetch_contacts(api_contact_page_t *page, const api_error_t *err, void *ud)
{
    if (page)
        fetch_take(ud, err, page->items, page->n, &page->next, page);
    else
        fetch_take(ud, err, NULL, 0, NULL, NULL);
}

/* What one kind of listing needs from the loop. */
typedef struct {
    const char *what; /* "campaign list" */
    int first_limit;  /* rows per page asked for (0: the driver's default) */
    size_t item_size;
    void (*free_item)(void *item);
    unsigned long (*start)(client_t *c, const char *campaign_id, const char *status_filter,
                           const api_page_t *page, fetch_t *f);
} fetch_kind_t;

static void free_campaign(void *item)
{
    model_campaign_free(item);
}

static void free_contact(void *item)
{
    model_contact_free(item);
}

static unsigned long start_campaigns(client_t *c, const char *campaign_id,
                                     const char *status_filter, const api_page_t *page,
                                     fetch_t *f)
{
    (void)campaign_id;
    return client_list_campaigns(c, page, status_filter, on_fetch_page, f);
}

static unsigned long start_contacts(client_t *c, const char *campaign_id,
                                    const char *status_filter, const api_page_t *page,
                                    fetch_t *f)
{
    return client_list_contacts(c, campaign_id, page, status_filter, on_fetch_contacts, f);
}

static const fetch_kind_t campaign_kind = {"campaign list", 0, sizeof(model_campaign_t),
                                           free_campaign, start_campaigns};
static const fetch_kind_t contact_kind = {"contact list", 100, sizeof(model_contact_t),
                                          free_contact, start_contacts};

static void free_rows(const fetch_kind_t *k, void *items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        k->free_item((char *)items + i * k->item_size);
    free(items);
}

/* Guards against a backend whose pages never end. */
#define FETCH_MAX_PAGES 10000
/* 429s waited out over one fetch before giving up. */
#define FETCH_RATE_WAITS 100

static bool fetch_all(client_t *c, const fetch_kind_t *k, const char *campaign_id,
                      const char *status_filter, void **out, size_t *n, api_error_t *err)
{
    *out = NULL;
    *n = 0;
    api_page_t page;
    api_page_first(&page, k->first_limit);
    int rate_waits = 0;
    for (int pages = 0; pages < FETCH_MAX_PAGES; pages++) {
        fetch_t f = {0};
        unsigned long op = k->start(c, campaign_id, status_filter, &page, &f);
        bool waited = op && client_wait(c, op, -1);
        if (waited && f.failed && f.err.kind == API_ERR_RATE_LIMITED &&
            rate_waits++ < FETCH_RATE_WAITS) {
            /* Truedy allows 100 requests a minute: a long list meets it.
             * A 429 changed nothing, so the same page after the reset. */
            client_hold_next(c, (f.err.retry_after_s > 0 ? f.err.retry_after_s : 1) * 1000L);
            pages--;
            continue;
        }
        if (!waited || f.failed) {
            if (f.failed)
                *err = f.err;
            else
                api_error_set(err, API_ERR_NETWORK, 0, "the %s did not complete", k->what);
            goto fail;
        }
        char *grown = realloc(*out, (*n + f.n) * k->item_size + 1);
        if (!grown) {
            free_rows(k, f.items, f.n);
            api_error_set(err, API_ERR_PARSE, 0, "out of memory");
            goto fail;
        }
        *out = grown;
        /* Records move over; the page's own array goes. An empty page may
         * carry no array at all (NULL), which memcpy must not be given. */
        if (f.n)
            memcpy(grown + *n * k->item_size, f.items, f.n * k->item_size);
        *n += f.n;
        free(f.items);
        bool stuck = f.n == 0 && !f.next.end;
        if (f.next.end || stuck)
            return true;
        page = f.next;
    }
    api_error_set(err, API_ERR_PARSE, 0, "the %s did not end after %d pages", k->what,
                  FETCH_MAX_PAGES);
fail:
    free_rows(k, *out, *n);
    *out = NULL;
    *n = 0;
    return false;
}

bool client_fetch_all_campaigns(client_t *c, const char *status_filter,
                                model_campaign_t **out, size_t *n, api_error_t *err)
{
    void *rows;
    bool ok = fetch_all(c, &campaign_kind, NULL, status_filter, &rows, n, err);
    *out = rows;
    return ok;
}

bool client_fetch_all_contacts(client_t *c, const char *campaign_id, const char *status_filter,
                               model_contact_t **out, size_t *n, api_error_t *err)
{
    void *rows;
    bool ok = fetch_all(c, &contact_kind, campaign_id, status_filter, &rows, n, err);
    *out = rows;
    return ok;
}

/* --- one campaign with its figures ------------------------------------------ */

typedef struct {
    model_campaign_t *camp;
    api_error_t err;
    bool failed, done;
} one_t;

static void on_one(model_campaign_t *c, const api_error_t *err, void *ud)
{
    one_t *o = ud;
    o->camp = c;
    if (err) {
        o->err = *err;
        o->failed = true;
    }
}

static void on_one_figures(const api_error_t *err, void *ud)
{
    one_t *o = ud;
    o->done = true;
    if (err) {
        o->err = *err;
        o->failed = true;
    }
}

bool client_fetch_campaign_figures(client_t *c, const char *id, model_campaign_t **out,
                                   api_error_t *err)
{
    *out = NULL;
    one_t o = {0};
    unsigned long op = client_get_campaign(c, id, on_one, &o);
    if (!op || !client_wait(c, op, -1) || o.failed) {
        if (!o.failed)
            api_error_set(&o.err, API_ERR_NETWORK, 0, "the campaign read did not complete");
        *err = o.err;
        return false;
    }
    figures_t *f = figures_new(c);
    if (f && figures_start_one(f, o.camp, on_one_figures, &o)) {
        while (!o.done && client_poll(c, -1, 1000, NULL) >= 0)
            ;
        if (!o.done) {
            o.failed = true;
            api_error_set(&o.err, API_ERR_NETWORK, 0, "the campaign's figures did not complete");
        }
    }
    figures_free(f);
    if (o.failed) {
        *err = o.err;
        model_campaign_free(o.camp);
        free(o.camp);
        return false;
    }
    *out = o.camp;
    return true;
}

bool client_fetch_list_figures(client_t *c, model_campaign_t *rows, size_t n, api_error_t *err)
{
    one_t o = {0};
    figures_t *f = figures_new(c);
    if (f && figures_start_list(f, rows, n, on_one_figures, &o)) {
        while (!o.done && client_poll(c, -1, 1000, NULL) >= 0)
            ;
        if (!o.done) {
            o.failed = true;
            api_error_set(&o.err, API_ERR_NETWORK, 0, "the list's figures did not complete");
        }
    }
    figures_free(f);
    if (o.failed)
        *err = o.err;
    return !o.failed;
}
