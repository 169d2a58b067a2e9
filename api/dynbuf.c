/* The growable byte buffer with a ceiling (see dynbuf.h). */
#include "dynbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* First allocation: small texts (a URL, a short name) fit without regrowth. */
#define DYNBUF_FIRST_CAP 64

static size_t ceiling(const dynbuf_t *b)
{
    return b->max ? b->max : DYNBUF_MAX_DEFAULT;
}

static bool fail(dynbuf_t *b, bool too_large)
{
    b->failed = true;
    b->too_large = too_large;
    return false;
}

void dynbuf_init(dynbuf_t *b, size_t max)
{
    *b = (dynbuf_t){.max = max};
}

/* Room for `extra` more bytes plus the NUL. Doubling keeps appends
 * amortised O(1); the ceiling is checked before any arithmetic can wrap. */
static bool reserve(dynbuf_t *b, size_t extra)
{
    if (b->failed)
        return false;
    size_t max = ceiling(b);
    if (extra > max - b->len)
        return fail(b, true);
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : DYNBUF_FIRST_CAP;
    while (cap < need)
        cap = cap > (max + 1) / 2 ? max + 1 : cap * 2;
    char *s = realloc(b->s, cap);
    if (!s)
        return fail(b, false);
    b->s = s;
    b->cap = cap;
    return true;
}

bool dynbuf_addn(dynbuf_t *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return false;
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return true;
}

bool dynbuf_add(dynbuf_t *b, const char *s)
{
    return dynbuf_addn(b, s, strlen(s));
}

bool dynbuf_addf(dynbuf_t *b, const char *fmt, ...)
{
    if (b->failed)
        return false;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return fail(b, false);
    if (!reserve(b, (size_t)n))
        return false;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return true;
}

const char *dynbuf_str(const dynbuf_t *b)
{
    return b->s && !b->failed ? b->s : "";
}

char *dynbuf_take(dynbuf_t *b)
{
    char *s = NULL;
    if (!b->failed)
        s = b->s ? b->s : strdup("");
    else
        free(b->s);
    dynbuf_init(b, b->max);
    return s;
}

void dynbuf_reset(dynbuf_t *b)
{
    b->len = 0;
    b->failed = b->too_large = false;
    if (b->s)
        b->s[0] = '\0';
}

void dynbuf_free(dynbuf_t *b)
{
    free(b->s);
    dynbuf_init(b, b->max);
}

void *dyn_grow(void *items, size_t *cap, size_t need, size_t size, size_t first)
{
    if (need <= *cap)
        return items;
    size_t most = SIZE_MAX / (size ? size : 1);
    if (need > most)
        return NULL;
    size_t n = *cap ? *cap : (first ? first : 1);
    while (n < need)
        n = n > most / 2 ? most : n * 2;
    void *grown = realloc(items, n * size);
    if (!grown)
        return NULL;
    *cap = n;
    return grown;
}
