/* Figures a provider's campaign list lacks, read after it and merged into
 * its rows: for Sarvam, each campaign's contact total from its cohorts and
 * its counts by contact state from the webhook receiver, so the campaign
 * list shows real Sarvam figures instead of "?".
 *
 * One object per client. Totals change only when contacts are uploaded,
 * so they are kept (a minute for a live campaign, for good once it is
 * final) and at most a few campaigns' cohorts are read per list; the
 * counts are one request for the whole list. Built on the public client
 * surface (its driver, context and transport) and polled with it. */
#ifndef DIALTOP_LIST_FIGURES_H
#define DIALTOP_LIST_FIGURES_H

#include <stdbool.h>
#include <stddef.h>

#include "client.h"

typedef struct list_figures list_figures_t;

/* Called once per start, from client_poll() (or before list_figures_start
 * returns, when no request could be sent): the rows hold whatever could
 * be read (a failed read leaves its figures unknown; `err` is that read's
 * error, NULL when all went well). */
typedef void (*list_figures_fn)(const api_error_t *err, void *ud);

list_figures_t *list_figures_new(client_t *c);
/* Cancels a read in flight (its callback does not run) and frees. */
void list_figures_free(list_figures_t *lf);

/* True when the client's provider and profile have such figures. */
bool list_figures_wanted(const list_figures_t *lf);

/* Starts filling rows[0, n), which stay borrowed until `done` runs.
 * False (and `done` never runs) when there is nothing to read or a read
 * is already running. */
bool list_figures_start(list_figures_t *lf, model_campaign_t *rows, size_t n,
                        list_figures_fn done, void *ud);
void list_figures_cancel(list_figures_t *lf);

#endif
