/* dynbuf: the one growable byte buffer (owns the buffer, its growth and its
 * ceiling), and dyn_grow(), the one growth rule for arrays. Every text that
 * grows by appending (request URLs and bodies, received HTTP bodies,
 * sanitised screen text) is built here, and arrays that grow one item at a
 * time grow through dyn_grow(), so doubling, overflow checks and the size
 * ceiling are written once.
 *
 * Failure is sticky: after the first failed append every later append does
 * nothing, so a builder appends freely and checks once at the end. A buffer
 * fails either because memory ran out or because the text would pass its
 * ceiling (`max`); the two are told apart because the second one is the
 * sender's fault (a 413, a refused request) and the first is ours.
 *
 * A zeroed dynbuf_t is ready to use with the default ceiling
 * (DYNBUF_MAX_DEFAULT); dynbuf_init() sets another one. While the buffer
 * holds anything, `s` is NUL-terminated. */
#ifndef DIALTOP_DYNBUF_H
#define DIALTOP_DYNBUF_H

#include <stdbool.h>
#include <stddef.h>

#include "must_use.h"

/* No text dialtop builds comes near this; it exists so a runaway loop or a
 * hostile peer ends in a clean failure, never in an overflowed size. */
#define DYNBUF_MAX_DEFAULT ((size_t)256 * 1024 * 1024)

typedef struct {
    char *s;          /* the text, NUL-terminated; NULL until the first byte */
    size_t len;       /* bytes held, without the NUL */
    size_t cap;       /* bytes allocated */
    size_t max;       /* most bytes `len` may reach; 0 = DYNBUF_MAX_DEFAULT */
    bool failed;      /* sticky: some append did not happen */
    bool too_large;   /* ... because it would have passed `max` (else: out of memory) */
} dynbuf_t;

/* An empty buffer whose text may not pass `max` bytes (0: the default). */
void dynbuf_init(dynbuf_t *b, size_t max);

/* Appends; false (and the buffer failed) when it could not. */
bool dynbuf_add(dynbuf_t *b, const char *s);
bool dynbuf_addn(dynbuf_t *b, const char *s, size_t n); /* n bytes, no NUL needed */
bool dynbuf_addf(dynbuf_t *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The text so far, "" when empty (never NULL; valid until the next append). */
const char *dynbuf_str(const dynbuf_t *b);

/* Hands the text over ("" for an empty buffer; NULL after a failure or OOM)
 * and leaves the buffer empty with the same ceiling, failure cleared. */
MUST_USE char *dynbuf_take(dynbuf_t *b);

/* Empties the buffer, keeping its memory and ceiling; clears a failure. */
void dynbuf_reset(dynbuf_t *b);

/* Frees the text; the buffer is empty again (ceiling kept). */
void dynbuf_free(dynbuf_t *b);

/* Room for at least `need` items of `size` bytes in `items` (capacity
 * *cap items, NULL when empty): returns the array, moved or not, with *cap
 * raised, doubling from `first` so appends stay amortised O(1). NULL when
 * memory ran out or the byte count would overflow; then `items` and *cap
 * are untouched and still valid. */
MUST_USE void *dyn_grow(void *items, size_t *cap, size_t need, size_t size, size_t first);

#endif
