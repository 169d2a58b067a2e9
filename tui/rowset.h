/* A small set of campaign rows by store key ("source/id"), each with an
 * optional note. The console keeps two: the marked rows and the rows with
 * an action in flight ("pausing..."). Keyed by string, not by row pointer,
 * because a poll replaces every row. */
#ifndef DIALTOP_ROWSET_H
#define DIALTOP_ROWSET_H

#include <stdbool.h>
#include <stddef.h>

#include "must_use.h"

typedef struct {
    char **keys;
    char **notes;       /* parallel to keys; NULL = no note */
    size_t n, cap;
} rowset_t;

void rowset_free(rowset_t *s);
/* Adds `key` or replaces its note (`note` may be NULL). False when out of memory. */
MUST_USE bool rowset_put(rowset_t *s, const char *key, const char *note);
void rowset_remove(rowset_t *s, const char *key);
bool rowset_has(const rowset_t *s, const char *key);
/* The note, NULL when the key is absent or has none. */
const char *rowset_note(const rowset_t *s, const char *key);
/* Adds the key when absent, removes it when present; returns the new membership. */
bool rowset_toggle(rowset_t *s, const char *key);

#endif
