/* Test helper: a real `dialtop hooks` ($DIALTOP_BIN) on a free loopback
 * port with a fresh database in $DIALTOP_TEST_TMP, and one-line senders
 * for Sarvam attempts. */
#ifndef DIALTOP_HOOKFIX_H
#define DIALTOP_HOOKFIX_H

#include <stdbool.h>
#include <stddef.h>

#include "hooks_child.h"
#include "simhttp.h"

#define HOOKFIX_TOKEN "hookfix-token-0123456789"

typedef struct {
    hooks_child_t child;
    char db[512];
    char bearer[128];           /* "Authorization: Bearer TOKEN" */
    const char *bearer_hdr[2];  /* {bearer, NULL} for simhttp */
} hookfix_t;

/* Starts a receiver on `db` (NULL: a new file named after `name`). */
bool hookfix_start(hookfix_t *h, const char *name, const char *db);
/* Same database, new process (after a stop or a kill). */
bool hookfix_restart(hookfix_t *h);
void hookfix_stop(hookfix_t *h);

/* POSTs one attempt as JSON; the reply lands in `out` (free it). */
void hookfix_post(const hookfix_t *h, simhttp_t *out, const char *attempt_id,
                  const char *campaign_id, const char *phone, const char *completion,
                  const char *connectivity, const char *next_action);
/* GET `path` (e.g. "/sarvam/campaigns/c1/summary") with the bearer token. */
void hookfix_get(const hookfix_t *h, simhttp_t *out, const char *path);

#endif
