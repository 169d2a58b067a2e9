/* Figures a provider's own campaign records lack, read after them and
 * merged in: for Sarvam, a campaign's contact total from its cohorts and
 * its counts by contact state from the webhook receiver (driver_t
 * figure_parts / build_figures / build_list_figures). With them the
 * campaign list and the open campaign show real Sarvam figures instead of
 * "?". Providers without such reads have nothing to do here.
 *
 * One figures_t runs one read at a time: the console keeps one per
 * source for its list and one for the open campaign. Built on the public
 * client surface (its driver, context and transport), so it progresses
 * inside client_poll() and costs the client layer nothing.
 *
 * Totals change only when contacts are uploaded, so a list read keeps
 * them (a minute for a live campaign, for good once it is final) and reads
 * at most a few campaigns' cohorts per list; its counts are one request
 * for the whole list. A single campaign's read is always fresh. */
#ifndef DIALTOP_FIGURES_H
#define DIALTOP_FIGURES_H

#include <stdbool.h>
#include <stddef.h>

#include "client.h"

typedef struct figures figures_t;

/* Runs once per start, from client_poll() (or before the start returns
 * when no request could be sent). The rows hold whatever could be read;
 * `err` is the first failed read's error (a receiver's own naming it as
 * the receiver), NULL when every read succeeded. */
typedef void (*figures_fn)(const api_error_t *err, void *ud);

figures_t *figures_new(client_t *c);
/* Cancels a read in flight (its callback does not run) and frees. */
void figures_free(figures_t *f);

/* Fills rows[0, n) / *c, which stay borrowed until `done` runs. False (and
 * `done` never runs) when there is nothing to read or a read is running. */
bool figures_start_list(figures_t *f, model_campaign_t *rows, size_t n, figures_fn done,
                        void *ud);
bool figures_start_one(figures_t *f, model_campaign_t *c, figures_fn done, void *ud);

#endif
