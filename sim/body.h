/* Optional fields of a dialect's JSON request body, read the same way by
 * every dialect that has them; a bad one is answered in ctx->provider's
 * field-error shape (see reply_field) and the reader returns false. Which
 * fields a dialect has, their names and limits stay in the dialect. */
#ifndef DIALTOP_SIM_BODY_H
#define DIALTOP_SIM_BODY_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "sim_internal.h"

/* v in [min, max]; absent or null: def. Refused with "must be an integer
 * from <min> to <max>". */
bool body_read_int(sim_ctx_t *ctx, const cJSON *v, const char *field, int min, int max, int def,
                   int *out);
/* An IANA zone name copied to out; absent or null: out untouched. Refused
 * with "must be a known IANA timezone such as <example>" (no example
 * when NULL: OmniDim's reschedule gives none). */
bool body_read_tz(sim_ctx_t *ctx, const cJSON *v, const char *field, const char *example, char *out,
                  size_t len);
/* A wall-clock time "HH:MM" copied to out; absent or null: out untouched.
 * Refused with "must be a time HH:MM". */
bool body_read_hhmm(sim_ctx_t *ctx, const cJSON *v, const char *field, char out[6]);

/* Every member of obj (an object; anything else adds nothing) but the
 * one named skip (NULL: none) as a context variable of k, the value as
 * text: strings as is, null as "", whole numbers without ".0", arrays and
 * objects as compact JSON. false: out of memory (nothing answered). */
bool body_add_vars(store_contact_t *k, const cJSON *obj, const char *skip);

#endif
