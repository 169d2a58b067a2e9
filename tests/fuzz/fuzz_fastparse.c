/* libFuzzer target: csv/fastparse.c against libcsv itself.
 *
 * The same bytes go to csv_parse() and to fastparse_feed(), each cut into
 * chunks at its own random boundaries (seeded from the input), with the
 * delimiter and parser options taken from the first byte. Every field
 * (its bytes, its length, NULL or not, NUL-terminated when asked), every
 * row end, the offset and code of a parse error and csv_fini()'s outcome
 * are logged; the two logs must be identical, byte for byte, whether the
 * fast path hands its records on field by field or whole (on_record,
 * the first byte's top bit). The fast
 * path's chunks are separate allocations of their exact size, so a read
 * past a chunk is AddressSanitizer's to catch. */
#include <csv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "encoding.h"
#include "fastparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    unsigned char *bytes;
    size_t len, cap;
    unsigned char options;
    const fastparse_t *fast; /* the fast path's run: its plain_text promise is checked */
} event_log_t;

static void log_bytes(event_log_t *l, const void *p, size_t n)
{
    if (l->len + n > l->cap) {
        size_t cap = l->cap ? l->cap : 4096;
        while (cap < l->len + n)
            cap *= 2;
        l->bytes = realloc(l->bytes, cap);
        if (!l->bytes)
            abort();
        l->cap = cap;
    }
    memcpy(l->bytes + l->len, p, n);
    l->len += n;
}

static void on_field(void *field, size_t len, void *ctx)
{
    event_log_t *l = ctx;
    unsigned char tag = field ? 'F' : 'N';
    log_bytes(l, &tag, 1);
    log_bytes(l, &len, sizeof len);
    if (field) {
        log_bytes(l, field, len);
        if ((l->options & CSV_APPEND_NULL) && ((unsigned char *)field)[len] != '\0')
            abort(); /* CSV_APPEND_NULL promises a terminated field */
        if (l->fast && l->fast->in_place && l->fast->plain_text)
            for (size_t i = 0; i < len; i++)
                if (((unsigned char *)field)[i] < 0x20 || ((unsigned char *)field)[i] >= 0x80)
                    abort(); /* plain_text promises printable ASCII only */
        if (l->fast && l->fast->in_place && l->fast->clean_text) {
            for (size_t i = 0; i < len; i++)
                if (((unsigned char *)field)[i] == '\r' || ((unsigned char *)field)[i] == '\n' ||
                    ((unsigned char *)field)[i] == 0)
                    abort(); /* clean_text promises no line break or NUL */
            if (encoding_utf8_invalid_at(field, len) != len)
                abort(); /* and valid UTF-8 */
        }
    }
}

static void on_row(int c, void *ctx)
{
    event_log_t *l = ctx;
    unsigned char tag = 'R';
    log_bytes(l, &tag, 1);
    log_bytes(l, &c, sizeof c);
}

/* fastparse_t.on_record: a record taken whole must log exactly what its
 * fields and row end would have, one call each */
static void on_whole(char *const *fields, const size_t *lens, size_t n, int c, void *ctx)
{
    event_log_t *l = ctx;
    size_t breaks = 0, longest = 0;
    for (size_t k = 0; k < n; k++) {
        longest = lens[k] > longest ? lens[k] : longest;
        const unsigned char *s = (const unsigned char *)fields[k];
        for (size_t i = 0; s && i < lens[k]; i++)
            breaks += s[i] == '\r' || (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'));
        if (l->fast->valid_text && s && (memchr(s, 0, lens[k]) ||
                                         encoding_utf8_invalid_at(s, lens[k]) != lens[k]))
            abort(); /* valid_text promises no NUL and valid UTF-8 */
        on_field(fields[k], lens[k], ctx);
    }
    if (l->fast->valid_text && breaks != l->fast->line_breaks)
        abort(); /* and counts the line breaks of its fields */
    if (longest != l->fast->longest)
        abort(); /* the longest field, for a caller's limit */
    on_row(c, ctx);
}

/* xorshift: reproducible chunk sizes from a seed in the input */
static size_t next_chunk(uint32_t *s, size_t left)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    static const size_t spans[] = {1, 2, 3, 8, 61, 4096};
    size_t n = 1 + *s % spans[(*s >> 8) % (sizeof spans / sizeof spans[0])];
    return n < left ? n : left;
}

static void log_end(event_log_t *l, struct csv_parser *p, size_t consumed, size_t size)
{
    unsigned char tag = 'E';
    int status = csv_error(p);
    log_bytes(l, &tag, 1);
    log_bytes(l, &consumed, sizeof consumed);
    log_bytes(l, &status, sizeof status);
    if (consumed == size) {
        int fini = csv_fini(p, on_field, on_row, l);
        status = csv_error(p);
        log_bytes(l, &fini, sizeof fini);
        log_bytes(l, &status, sizeof status);
    }
}

static void run_libcsv(const uint8_t *text, size_t size, uint32_t seed, event_log_t *l,
                       unsigned char options, unsigned char delim)
{
    struct csv_parser p;
    if (csv_init(&p, options) != 0)
        abort();
    csv_set_delim(&p, delim);
    size_t pos = 0;
    while (pos < size) {
        size_t n = next_chunk(&seed, size - pos);
        size_t done = csv_parse(&p, text + pos, n, on_field, on_row, l);
        pos += done;
        if (done < n)
            break;
    }
    log_end(l, &p, pos, size);
    csv_free(&p);
}

static void run_fast(const uint8_t *text, size_t size, uint32_t seed, event_log_t *l,
                     unsigned char options, unsigned char delim, bool whole)
{
    struct csv_parser p;
    fastparse_t f;
    if (csv_init(&p, options) != 0)
        abort();
    fastparse_init(&f, &p);
    if (whole)
        f.on_record = on_whole;
    l->fast = &f;
    csv_set_delim(&p, delim); /* after init, as reader.c does once it has sniffed */
    size_t pos = 0;
    while (pos < size) {
        size_t n = next_chunk(&seed, size - pos);
        unsigned char *chunk = malloc(n);
        if (!chunk)
            abort();
        memcpy(chunk, text + pos, n);
        size_t done = fastparse_feed(&f, chunk, n, on_field, on_row, l);
        free(chunk);
        pos += done;
        if (done < n)
            break;
    }
    log_end(l, &p, pos, size);
    csv_free(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    static const unsigned char delims[] = {',', ';', '\t', '|'};
    unsigned char knob = data[0];
    unsigned char delim = delims[knob & 3];
    unsigned char options = CSV_APPEND_NULL;
    if (knob & 4)
        options |= CSV_STRICT;
    if (knob & 8)
        options |= CSV_STRICT_FINI;
    if (knob & 16)
        options |= CSV_REPALL_NL;
    if (knob & 32)
        options |= CSV_EMPTY_IS_NULL;
    if (knob & 64)
        options &= (unsigned char)~CSV_APPEND_NULL;
    uint32_t seed_a = data[1] * 2654435761u + 1, seed_b = data[2] * 40503u + 7;
    const uint8_t *text = data + 3;
    size_t len = size - 3;

    event_log_t a = {.options = options}, b = {.options = options};
    run_libcsv(text, len, seed_a, &a, options, delim);
    run_fast(text, len, seed_b, &b, options, delim, knob & 128);
    if (a.len != b.len || memcmp(a.bytes, b.bytes, a.len) != 0) {
        size_t at = 0;
        while (at < a.len && at < b.len && a.bytes[at] == b.bytes[at])
            at++;
        fprintf(stderr, "fastparse differs from libcsv at log byte %zu (logs %zu and %zu bytes)\n",
                at, a.len, b.len);
        abort();
    }
    free(a.bytes);
    free(b.bytes);
    return 0;
}
