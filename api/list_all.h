/* Every page of a list, as one asynchronous operation: the campaign list
 * of a profile, or the contacts of one campaign.
 *
 * Owns the page walk (next-page marks, the row cap, a backend whose pages
 * never end, waiting out 429s) and the rows gathered so far. The console
 * starts one per poll and carries on; the CLI runs one to completion with
 * list_all_campaigns_wait() / list_all_contacts_wait(). Pages come in order, one request at a time, through
 * the client (so the profile's rate handling applies); progress is
 * reported after each page, the end exactly once, both from inside
 * client_poll()/client_wait(). list_all_free() cancels a walk at any
 * point: no callback runs after it. */
#ifndef DIALTOP_LIST_ALL_H
#define DIALTOP_LIST_ALL_H

#include <stdbool.h>
#include <stddef.h>

#include "client.h"

typedef enum { LIST_ALL_CAMPAIGNS, LIST_ALL_CONTACTS } list_all_kind_t;

/* A walk of more pages than this is a backend that never ends: it fails. */
#define LIST_ALL_MAX_PAGES 10000

typedef struct {
    list_all_kind_t kind;
    const char *campaign_id;      /* contacts: whose (copied) */
    const char *status_filter;    /* NULL: every row (copied) */
    int page_size;                /* rows per page asked for; 0: the driver's default */
    /* Stop once this many rows are in, though pages remain (the page that
     * reaches it is kept whole); 0: no cap. list_all_cut() says so. */
    size_t max_rows;
    /* 429s waited out (the same page again after the provider's wait);
     * 0: the first 429 fails the walk, for a caller that schedules its own
     * retry (the console's poller). */
    int rate_waits;
} list_all_spec_t;

typedef struct list_all list_all_t;

/* After each page. `skipped` records of that page could not be read
 * (`skip_note` says why); the rest of it is kept. */
typedef struct {
    size_t rows;                  /* gathered so far */
    size_t pages;                 /* answered so far */
    size_t skipped;
    const char *skip_note;
} list_all_progress_t;

typedef void (*list_all_progress_fn)(const list_all_progress_t *p, void *ud);
/* The end: `err` NULL when every page (or the pages up to the cap) came
 * in; then the rows wait in `l` for list_all_take_campaigns(). The callback may
 * free `l`. */
typedef void (*list_all_done_fn)(list_all_t *l, const api_error_t *err, void *ud);

/* Starts the walk on `c` (which must outlive it). `progress` may be NULL.
 * NULL only when out of memory. */
list_all_t *list_all_start(client_t *c, const list_all_spec_t *spec,
                           list_all_progress_fn progress, list_all_done_fn done, void *ud);
/* Cancels a walk still running (nothing more is sent or reported) and
 * frees the rows not taken. */
void list_all_free(list_all_t *l);

/* The campaigns gathered (moved out: the caller frees each with
 * model_campaign_free, then the array; NULL when none), their number in
 * *n. Only the console walks asynchronously, and only campaigns; contacts
 * are gathered through list_all_contacts_wait(). */
model_campaign_t *list_all_take_campaigns(list_all_t *l, size_t *n);

/* The walk stopped at spec.max_rows with pages left. */
bool list_all_cut(const list_all_t *l);
/* Pages requested so far (a 429 retried counts again): what the walk
 * cost against a provider's request budget. */
size_t list_all_requests(const list_all_t *l);

/* Blocking, for the CLI: each runs a walk to its end, waiting out 429s.
 * Every campaign of the profile (free each with model_campaign_free, then
 * the array). */
bool list_all_campaigns_wait(client_t *c, const char *status_filter, model_campaign_t **out,
                             size_t *n, api_error_t *err);
/* Every contact of one campaign, 100 a page (free each with
 * model_contact_free, then the array). */
bool list_all_contacts_wait(client_t *c, const char *campaign_id, const char *status_filter,
                            model_contact_t **out, size_t *n, api_error_t *err);

#endif
