/* JSON text written straight into a dynbuf_t, for request bodies too big
 * to build as a cJSON tree first (a 1,000,000-contact list would hold a
 * tree node per key and value on top of the printed text).
 *
 * Strings come out exactly as cJSON prints them for valid UTF-8 ('"',
 * '\\' and control characters escaped, everything else passed through),
 * so a streamed body reads the same as the tree it replaces. Bytes that
 * are not valid UTF-8 become U+FFFD instead of passing through, so the
 * body is always valid JSON whatever the source holds. */
#ifndef DIALTOP_JSONWRITE_H
#define DIALTOP_JSONWRITE_H

#include <stdbool.h>

#include "drvutil.h"

/* Appends `s` as a quoted JSON string (NULL is written as ""). */
void jsonwrite_string(dynbuf_t *b, const char *s);

/* Appends one "key":"value" member of an object, preceded by a comma
 * unless *first (which it then clears). */
void jsonwrite_member(dynbuf_t *b, bool *first, const char *key, const char *value);

#endif
