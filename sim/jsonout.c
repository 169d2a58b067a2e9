/* JSON text writer for the sim's replies; see jsonout.h. */
#include "jsonout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simtime.h"

/* Room for more bytes (and the final NUL); false once out of memory. */
static bool grow(jsonout_t *b, size_t more)
{
    if (b->failed)
        return false;
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
        b->failed = true;
        return false;
    }
    b->s = s;
    b->cap = cap;
    return true;
}

/* The text is NUL-terminated only when taken: put is the writer's
 * innermost step (a profile of a list page had it first). */
static inline void put(jsonout_t *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap && !grow(b, n))
        return;
    memcpy(b->s + b->len, s, n);
    b->len += n;
}

/* Bytes cJSON escapes: the quote, the backslash, control characters. */
static inline bool must_escape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

/* The escape cJSON prints for byte c (one must_escape accepts). */
static const char *escape_of(unsigned char c, char tmp[8])
{
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: break;
    }
    snprintf(tmp, 8, "\\u%04x", c);
    return tmp;
}

static void put_quoted(jsonout_t *b, const char *s)
{
    put(b, "\"", 1);
    const unsigned char *p = (const unsigned char *)s, *run = p;
    for (; *p; p++) {
        if (!must_escape(*p))
            continue;
        char tmp[8];
        const char *esc = escape_of(*p, tmp);
        put(b, (const char *)run, (size_t)(p - run));
        put(b, esc, strlen(esc));
        run = p + 1;
    }
    put(b, (const char *)run, (size_t)(p - run));
    put(b, "\"", 1);
}

/* The comma before a value or member, unless it opens its container,
 * then the member's name. */
static void start(jsonout_t *b, const char *key)
{
    if (b->len > 0) {
        char last = b->s[b->len - 1];
        if (last != '{' && last != '[' && last != ':')
            put(b, ",", 1);
    }
    if (key) {
        put_quoted(b, key);
        put(b, ":", 1);
    }
}

void jsonout_object_open(jsonout_t *b, const char *key)
{
    start(b, key);
    put(b, "{", 1);
}

void jsonout_object_close(jsonout_t *b)
{
    put(b, "}", 1);
}

void jsonout_array_open(jsonout_t *b, const char *key)
{
    start(b, key);
    put(b, "[", 1);
}

void jsonout_array_close(jsonout_t *b)
{
    put(b, "]", 1);
}

void jsonout_key(jsonout_t *b, const char *key)
{
    start(b, key);
}

void jsonout_string(jsonout_t *b, const char *key, const char *s)
{
    if (!s)
        return;
    start(b, key);
    put_quoted(b, s);
}

void jsonout_string_or_null(jsonout_t *b, const char *key, const char *s)
{
    if (s)
        jsonout_string(b, key, s);
    else
        jsonout_null(b, key);
}

/* Digits of an integer, without printf: the common case by far. */
static void put_integer(jsonout_t *b, long long v)
{
    char tmp[24], *p = tmp + sizeof tmp;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    put(b, p, (size_t)(tmp + sizeof tmp - p));
}

void jsonout_number(jsonout_t *b, const char *key, double v)
{
    start(b, key);
    if (isnan(v) || isinf(v)) {
        put(b, "null", 4);
    } else if (fabs(v) < 1e15 && v == (double)(long long)v && !(v == 0 && signbit(v))) {
        /* what cJSON's "%d" (int range) and "%1.15g" (beyond, below
         * 1e15) both print for an integral value */
        put_integer(b, (long long)v);
    } else {
        /* cJSON's own rule: 15 digits when they read back the same */
        char tmp[32];
        double back = 0;
        snprintf(tmp, sizeof tmp, "%1.15g", v);
        if (sscanf(tmp, "%lg", &back) != 1 || back != v)
            snprintf(tmp, sizeof tmp, "%1.17g", v);
        put(b, tmp, strlen(tmp));
    }
}

void jsonout_bool(jsonout_t *b, const char *key, bool v)
{
    start(b, key);
    put(b, v ? "true" : "false", v ? 4 : 5);
}

void jsonout_null(jsonout_t *b, const char *key)
{
    start(b, key);
    put(b, "null", 4);
}

void jsonout_iso(jsonout_t *b, const char *key, int64_t t)
{
    char iso[24];
    if (!t) {
        jsonout_null(b, key);
        return;
    }
    simtime_iso_format(t, iso);
    jsonout_string(b, key, iso);
}

void jsonout_raw(jsonout_t *b, const char *key, const char *text)
{
    start(b, key);
    put(b, text, strlen(text));
}

char *jsonout_take(jsonout_t *b)
{
    char *s = NULL;
    if (b->failed)
        free(b->s);
    else if (b->s)
        (s = b->s)[b->len] = '\0'; /* grow always leaves room for it */
    else
        s = calloc(1, 1); /* nothing written: the empty text */
    memset(b, 0, sizeof *b);
    return s;
}

void jsonout_free(jsonout_t *b)
{
    free(b->s);
    memset(b, 0, sizeof *b);
}

cJSON *jsonout_take_raw(jsonout_t *b)
{
    char *text = jsonout_take(b);
    cJSON *raw = text ? cJSON_CreateRaw(text) : NULL;
    free(text);
    return raw;
}
