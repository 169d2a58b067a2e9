/* Compact storage behind import_result_t (csv-internal, not for callers
 * of import.h): an arena for every cell copied out of the input, the
 * accepted contacts' index, and the set of phone numbers seen, for
 * duplicate detection. */
#ifndef DIALTOP_IMPORT_STORE_H
#define DIALTOP_IMPORT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct import_store import_store_t;

import_store_t *import_store_new(void);
void import_store_free(import_store_t *s);

/* Arena memory, freed with the store; NULL when out of memory. */
void *import_store_alloc(import_store_t *s, size_t size);
/* Copies `len` bytes and a NUL. */
char *import_store_strndup(import_store_t *s, const char *p, size_t len);

/* Lines are kept in 32 bits, in the dedupe set and the contacts' index
 * (4 bytes a number and a contact instead of 8): the importer refuses a
 * row that starts past this line, before it gets here. */
#define IMPORT_STORE_MAX_LINE 4294967295L

/* Sizes the set for `numbers` numbers at once, so that reaching that many
 * never rehashes (a rehash is a pass over the whole table, and then a
 * table twice as large to fault in). False when out of memory. */
bool import_store_dedupe_reserve(import_store_t *s, size_t numbers);
/* A hint: starts loading the slot `number` would be probed at, so the
 * probe that follows some work later finds it in cache (the set is far
 * larger than the caches: an unhinted probe is a memory miss). */
void import_store_dedupe_prefetch(const import_store_t *s, uint64_t number);
/* Records the number (the dedupe key of an E.164 number, never 0) first
 * seen on `line` (0..IMPORT_STORE_MAX_LINE). Returns 1 when new, 0 when
 * already present (*first_line set), -1 when out of memory (or for a 0
 * number or a line out of range, which the caller never passes). */
int import_store_dedupe(import_store_t *s, uint64_t number, long line, long *first_line);

/* Accepted contacts: `rec` is arena memory (phone, then variable cells,
 * each NUL-terminated); `line` at most IMPORT_STORE_MAX_LINE. False when
 * out of memory (or the line is out of range). */
bool import_store_add_contact(import_store_t *s, const char *rec, long line);
size_t import_store_contact_count(const import_store_t *s);
const char *import_store_contact(const import_store_t *s, size_t i, long *line);

/* The variable columns (indices into the header) in order. */
bool import_store_set_var_columns(import_store_t *s, const size_t *cols, size_t n,
                                  const char *const *names);
size_t import_store_var_count(const import_store_t *s);
const char *import_store_var_name(const import_store_t *s, size_t k);

#endif
