/* Blocking "every page" helpers for the headless CLI, built only on the
 * public client API: one list operation per page, each run to completion
 * with client_wait(). */
#include <stdlib.h>
#include <string.h>

#include "client.h"

typedef struct {
    api_campaign_page_t *page;
    api_error_t err;
    bool failed;
} fetch_t;

static void on_fetch_page(api_campaign_page_t *page, const api_error_t *err, void *ud)
{
    fetch_t *f = ud;
    f->page = page;
    if (err) {
        f->err = *err;
        f->failed = true;
    }
}

/* Guards against a backend whose pages never end. */
#define FETCH_MAX_PAGES 10000

bool client_fetch_all_campaigns(client_t *c, const char *status_filter,
                                model_campaign_t **out, size_t *n, api_error_t *err)
{
    *out = NULL;
    *n = 0;
    api_page_t page;
    api_page_first(&page, 0);
    for (int pages = 0; pages < FETCH_MAX_PAGES; pages++) {
        fetch_t f = {0};
        unsigned long op = client_list_campaigns(c, &page, status_filter, on_fetch_page, &f);
        if (!op || !client_wait(c, op, -1) || f.failed) {
            if (f.failed)
                *err = f.err;
            else
                api_error_set(err, API_ERR_NETWORK, 0, "the campaign list did not complete");
            goto fail;
        }
        model_campaign_t *grown = realloc(*out, (*n + f.page->n) * sizeof **out + 1);
        if (!grown) {
            api_campaign_page_free(f.page);
            free(f.page);
            api_error_set(err, API_ERR_PARSE, 0, "out of memory");
            goto fail;
        }
        *out = grown;
        /* Records move over; the page keeps only its shell. */
        if (f.page->n) /* an empty page may carry no array at all */
            memcpy(*out + *n, f.page->items, f.page->n * sizeof **out);
        *n += f.page->n;
        free(f.page->items);
        api_page_t next = f.page->next;
        bool stuck = f.page->n == 0 && !next.end;
        free(f.page);
        if (next.end || stuck)
            return true;
        page = next;
    }
    api_error_set(err, API_ERR_PARSE, 0, "the campaign list did not end after %d pages",
                  FETCH_MAX_PAGES);
fail:
    for (size_t i = 0; i < *n; i++)
        model_campaign_free(&(*out)[i]);
    free(*out);
    *out = NULL;
    *n = 0;
    return false;
}

typedef struct {
    api_contact_page_t *page;
    api_error_t err;
    bool failed;
} fetch_contacts_t;

static void on_fetch_contacts(api_contact_page_t *page, const api_error_t *err, void *ud)
{
    fetch_contacts_t *f = ud;
    f->page = page;
    if (err) {
        f->err = *err;
        f->failed = true;
    }
}

bool client_fetch_all_contacts(client_t *c, const char *campaign_id, const char *status_filter,
                               model_contact_t **out, size_t *n, api_error_t *err)
{
    *out = NULL;
    *n = 0;
    api_page_t page;
    api_page_first(&page, 100);
    for (int pages = 0; pages < FETCH_MAX_PAGES; pages++) {
        fetch_contacts_t f = {0};
        unsigned long op = client_list_contacts(c, campaign_id, &page, status_filter,
                                                on_fetch_contacts, &f);
        if (!op || !client_wait(c, op, -1) || f.failed) {
            if (f.failed)
                *err = f.err;
            else
                api_error_set(err, API_ERR_NETWORK, 0, "the contact list did not complete");
            goto fail;
        }
        model_contact_t *grown = realloc(*out, (*n + f.page->n) * sizeof **out + 1);
        if (!grown) {
            api_contact_page_free(f.page);
            free(f.page);
            api_error_set(err, API_ERR_PARSE, 0, "out of memory");
            goto fail;
        }
        *out = grown;
        if (f.page->n) /* an empty page may carry no array at all */
            memcpy(*out + *n, f.page->items, f.page->n * sizeof **out);
        *n += f.page->n;
        free(f.page->items);
        api_page_t next = f.page->next;
        bool stuck = f.page->n == 0 && !next.end;
        free(f.page);
        if (next.end || stuck)
            return true;
        page = next;
    }
    api_error_set(err, API_ERR_PARSE, 0, "the contact list did not end after %d pages",
                  FETCH_MAX_PAGES);
fail:
    for (size_t i = 0; i < *n; i++)
        model_contact_free(&(*out)[i]);
    free(*out);
    *out = NULL;
    *n = 0;
    return false;
}
