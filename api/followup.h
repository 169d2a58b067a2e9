/* Follow-up lists: the contacts of a campaign in chosen states (no answer,
 * busy, failed ...) with their context variables, as the contact list of
 * a new campaign (upload_start_list), on the same or another provider.
 * Shared by `dialtop followup` and the console's F. */
#ifndef DIALTOP_FOLLOWUP_H
#define DIALTOP_FOLLOWUP_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

typedef struct {
    model_contact_t *items;       /* the chosen contacts, in campaign order */
    size_t n;
    size_t source_total;          /* contacts read from the campaign */
    long by_state[CONTACT_STATE_COUNT]; /* chosen contacts by state */
} followup_list_t;

/* "no_answer,busy,failed" (model state names; '-' and ' ' as '_') ->
 * bit (1u << state) per state. False with one sentence naming the word
 * and the known names. */
bool followup_parse_states(const char *text, unsigned *mask, char *reason, size_t reason_len);

/* Keeps the contacts of `all` (n, taken: freed or moved) whose state is
 * in `mask`. Every contact needs a phone; one without is dropped and
 * counted in *dropped. False on OOM (everything freed). */
bool followup_select(followup_list_t *out, model_contact_t *all, size_t n, unsigned mask,
                     size_t *dropped);

/* api_contact_reader_t over a followup_list_t: a copy of contact i. */
bool followup_contact_at(const void *src, size_t i, model_contact_t *out);

void followup_list_free(followup_list_t *l);

#endif
