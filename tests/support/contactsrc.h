/* A contact reader (api_contact_reader_t) over a plain array of
 * model_contact_t, for tests that build their contacts by hand:
 *     spec.contact_at = contactsrc_array_at; spec.contacts_src = array;
 * Each call hands the driver its own copy, as the import reader does. */
#ifndef DIALTOP_CONTACTSRC_H
#define DIALTOP_CONTACTSRC_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

bool contactsrc_array_at(const void *src, size_t i, model_contact_t *out);

/* The same over an array, but running out of memory at contact
 * `contactsrc_fail_at`, as a driver must survive mid-list. */
extern size_t contactsrc_fail_at;
bool contactsrc_failing_at(const void *src, size_t i, model_contact_t *out);

#endif
