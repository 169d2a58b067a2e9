/* Big-list creation (for upload.c): a campaign made with its first chunk
 * (OmniDim as a draft), the rest added in chunks, then the draft started,
 * reported once through a client_create_fn like client_create().
 *
 * Every chunk fits the provider's 16 MiB body (a chunk too big is cut in
 * half before sending), the sends are paced under the provider's rate
 * limit and a 429 is waited out, the journal records each acknowledged
 * chunk before the next leaves, and a failure with an unknown outcome (a
 * lost reply, a 5xx) is settled by reading the campaign back before
 * anything is sent again, so no contact is sent twice. */
#ifndef DIALTOP_UPLOAD_CHAIN_H
#define DIALTOP_UPLOAD_CHAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "client.h"
#include "upload_journal.h"

typedef struct upload_chain upload_chain_t;

/* Does this provider and list go through the chain? (OmniDim always: a
 * draft never dials before it is whole; Truedy past one call's chunk.) */
bool upload_chain_wanted(const driver_t *d, const api_create_spec_t *spec);

/* `journal` (may be NULL) receives the events; `resume` (may be NULL)
 * continues the campaign a journal describes instead of creating one.
 * Both, `spec` and the client must outlive the chain. NULL with
 * `refusal` when the resume cannot go on (nothing sent; cb not called). */
upload_chain_t *upload_chain_start(client_t *c, const api_create_spec_t *spec,
                                   upload_journal_t *journal,
                                   const upload_journal_state_t *resume, client_create_fn cb,
                                   void *ud, api_error_t *refusal);

/* Contacts the provider has confirmed so far (accepted or rejected). */
size_t upload_chain_done(const upload_chain_t *ch);
/* Positions in the list of rows the provider rejected (the first ones). */
const size_t *upload_chain_rejected_at(const upload_chain_t *ch, size_t *n);
/* One sentence on where a failed chain left the campaign ("" when none). */
const char *upload_chain_state_note(const upload_chain_t *ch);
/* Cancels what is in flight; the callback will not run. */
void upload_chain_free(upload_chain_t *ch);

#endif
