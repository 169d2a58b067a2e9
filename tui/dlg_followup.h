/* F in the contacts view: a follow-up campaign from the open campaign's
 * contacts in chosen states (the contacts filter, when it names a state,
 * else no_answer,busy,failed), on the same or another profile, through
 * the same settings form, review and upload as an import. */
#ifndef DIALTOP_DLG_FOLLOWUP_H
#define DIALTOP_DLG_FOLLOWUP_H

#include "app.h"

/* `source` is the open campaign (its campaign, profile, client);
 * `filter` the contacts view's filter text ("" none). */
void dlg_followup_open(app_t *app, const app_target_t *source, const char *filter);

#endif
