/* Test helper: blocking reads of the figures a provider's own records
 * lack (figures.h: for Sarvam the cohorts' total and the webhook
 * receiver's counts), built only on the public client API. The console
 * reads them asynchronously (tui/sync.c) and the CLI shows such figures
 * as unknown, so only the integration tests wait for them; this keeps
 * that blocking form out of the program. */
#ifndef DIALTOP_FIGFETCH_H
#define DIALTOP_FIGFETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "client.h"

/* One campaign with its figures, composed into one record (free with
 * model_campaign_free, then free). Any read failing fails the whole, with
 * that read's error. */
bool figfetch_campaign(client_t *c, const char *id, model_campaign_t **out, api_error_t *err);
/* The same for rows of a campaign list (from list_all_campaigns_wait),
 * filled in place; rows whose figures could not be read keep them unknown
 * and false is returned with the first error. True at once when the
 * provider has no such figures. */
bool figfetch_list(client_t *c, model_campaign_t *rows, size_t n, api_error_t *err);

#endif
