/* The fast path in front of csv_parse(); see fastparse.h.
 *
 * It follows libcsv's state machine (libcsv.c, 3.0.3) for the states an
 * unquoted record passes through:
 *   - at the start of a row or of a field, spaces and tabs are skipped
 *     (unless one is the delimiter); a CR or LF there ends the row (an
 *     empty field first when a delimiter came before it; at the start of
 *     a row only a row end, and only with CSV_REPALL_NL); a delimiter
 *     ends an empty field;
 *   - inside an unquoted field every byte is kept up to the delimiter, CR
 *     or LF, then its trailing spaces and tabs are dropped;
 *   - a field that starts with a quote keeps every byte up to the closing
 *     quote (delimiters, line ends, blanks), a doubled quote standing for
 *     one; after the closing quote come blanks, then a delimiter or a
 *     line end;
 *   - every CR and every LF is a row end of its own (a CRLF is a row end
 *     and then an empty row at the start of the next).
 * Anything else (a quote inside an unquoted field, text after a closing
 * quote) and the chunk's end inside a record send the record to libcsv
 * from its start: nothing is handed on until a record has been read to its
 * end, so libcsv sees the record as if it had read it all along. */
#include "fastparse.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "encoding.h"

/* libcsv's "no row begun" state (libcsv.c: ROW_NOT_BEGUN). Between
 * records the parser holds nothing (no field begun, nothing buffered),
 * which is where the fast path may take over. */
#define LIBCSV_ROW_NOT_BEGUN 0

static bool parser_between_records(const struct csv_parser *p)
{
    return p->pstate == LIBCSV_ROW_NOT_BEGUN && p->entry_pos == 0;
}

static void build_tables(fastparse_t *f)
{
    struct csv_parser *p = f->parser;
    f->delim = p->delim_char;
    f->quote = p->quote_char;
    f->options = p->options;
    f->built = true;
    memset(f->ends_field, 0, sizeof f->ends_field);
    memset(f->blank, 0, sizeof f->blank);
    f->ends_field[f->delim] = f->ends_field[CSV_CR] = f->ends_field[CSV_LF] = 1;
    f->ends_field[f->quote] = 1;
    f->blank[CSV_SPACE] = f->delim != CSV_SPACE;
    f->blank[CSV_TAB] = f->delim != CSV_TAB;
    /* libcsv tests line ends before the delimiter at a field's start but
     * after it inside one, and blanks before the quote: a delimiter or
     * quote that is a line end or a blank (or the two alike) would need
     * both orders, and no file dialtop reads has one. Custom space or
     * line-end functions change what those bytes are. */
    bool odd_delim = f->delim == CSV_CR || f->delim == CSV_LF;
    bool odd_quote = f->quote == CSV_CR || f->quote == CSV_LF || f->quote == CSV_SPACE ||
                     f->quote == CSV_TAB || f->quote == f->delim;
    f->usable = !odd_delim && !odd_quote && !p->is_space && !p->is_term;
}

void fastparse_init(fastparse_t *f, struct csv_parser *p)
{
    memset(f, 0, sizeof *f);
    f->parser = p;
}

static bool is_line_end(unsigned char c)
{
    return c == CSV_CR || c == CSV_LF;
}

/* The first byte of s[0..n) outside 0x20..0x7F, or n: 16 bytes a compare
 * with SSE2, then 8 at a time: a byte below 0x20 sets its top bit once
 * 0x20 is taken from it (a borrow from the byte below can only set more,
 * so the word is only looked at closer, never passed over wrongly), a
 * byte from 0x80 has it already. */
static size_t printable_prefix(const unsigned char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    size_t i = 0;
#ifdef __SSE2__
    /* as signed bytes, exactly those below 0x20 or from 0x80 are under 0x20 */
    const __m128i space16 = _mm_set1_epi8(0x20);
    for (; i + 16 <= n; i += 16) {
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        if (_mm_movemask_epi8(_mm_cmplt_epi8(w, space16)))
            break;
    }
#endif
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (((w - 0x20 * ones) | w) & highs)
            break;
    }
    while (i < n && s[i] >= 0x20 && s[i] < 0x80)
        i++;
    return i;
}

/* Line breaks in s[0..n) (a CRLF once: an LF right after a CR is not
 * counted), or (size_t)-1 when it holds a NUL byte. 16 bytes a compare
 * with SSE2: one mask each of CRs, LFs and NULs, the LFs that follow a CR
 * (the CR's bit moved up one, carried from the previous block) taken out
 * before counting (a CR and an LF never share a bit, so the two masks
 * are counted together). s[-1] is never a CR (see classify_text). */
static size_t count_breaks(const unsigned char *s, size_t n)
{
    size_t breaks = 0, i = 0;
    bool after_cr = false;
#ifdef __SSE2__
    const __m128i cr16 = _mm_set1_epi8(CSV_CR), lf16 = _mm_set1_epi8(CSV_LF),
                  zero16 = _mm_setzero_si128();
    for (; i + 16 <= n; i += 16) {
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(w, zero16)))
            return (size_t)-1;
        unsigned cr = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w, cr16));
        unsigned lf = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w, lf16));
        lf &= ~((cr << 1) | (unsigned)after_cr);
        /* a bit at a time: a record holds a break or two, and a machine
         * without POPCNT would make a call of each count */
        for (unsigned b = cr | lf; b; b &= b - 1)
            breaks++;
        after_cr = cr >> 15;
    }
#endif
    for (; i < n; i++) {
        if (s[i] == 0)
            return (size_t)-1;
        breaks += s[i] == CSV_CR || (s[i] == CSV_LF && !after_cr);
        after_cr = s[i] == CSV_CR;
    }
    return breaks;
}

/* Sets plain_text and clean_text for a record's bytes in one pass: the
 * printable ASCII it starts with is both (and ends no UTF-8 sequence
 * half-way), so only the bytes from the first other one are looked at
 * again for the clean test, not the whole record twice more. */
static void classify_text(fastparse_t *f, const unsigned char *s, size_t n)
{
    size_t i = printable_prefix(s, n);
    f->plain_text = f->clean_text = f->valid_text = i == n;
    f->line_breaks = 0;
    if (i == n)
        return;
    /* Past it, one look for NULs and line breaks (most records that are
     * not plain hold a name with an accent or a quoted note over two
     * lines: valid text, whose breaks are counted here once instead of
     * each field being looked through by the caller), then UTF-8. The
     * printable byte before s + i is never a CR. */
    const unsigned char *r = s + i;
    size_t m = n - i, breaks = count_breaks(r, m);
    f->valid_text = breaks != (size_t)-1 && encoding_utf8_invalid_at(r, m) == m;
    f->clean_text = f->valid_text && breaks == 0;
    f->line_breaks = f->valid_text ? breaks : 0;
}

/* The end bytes spread over whole registers, once per feed: built in the
 * scan of every field, they were 1.4% of an import's instructions (the
 * compiler cannot keep them across the writes into the caller's buffer,
 * which may alias the parser's settings). */
typedef struct {
#ifdef __SSE2__
    __m128i d16, q16, cr16, lf16;
#endif
    uint64_t d, q;
} end_bytes_t;

static void end_bytes_init(end_bytes_t *e, const fastparse_t *f)
{
#ifdef __SSE2__
    e->d16 = _mm_set1_epi8((char)f->delim);
    e->q16 = _mm_set1_epi8((char)f->quote);
    e->cr16 = _mm_set1_epi8(CSV_CR);
    e->lf16 = _mm_set1_epi8(CSV_LF);
#endif
    e->d = f->delim * 0x0101010101010101ULL;
    e->q = f->quote * 0x0101010101010101ULL;
}

/* The first delimiter, CR, LF or quote at or after buf[i] (the bytes
 * that end an unquoted field), or len: 16 bytes at a time with SSE2, then
 * 8 at a time where a word holds none, which is most of a contact list's
 * bytes. In a word, a byte
 * equal to t is a zero byte of w ^ t*ones, and the lowest byte flagged
 * by ((x - ones) & ~x & highs) is exactly the first zero byte (a borrow
 * can only flag bytes above it), so the lowest flag of the four is the
 * first end byte (little-endian: the lowest byte is the first read). */
static size_t unquoted_end(const fastparse_t *f, const end_bytes_t *eb, const unsigned char *buf,
                           size_t i, size_t len)
{
#ifdef __SSE2__
    /* 16 bytes a compare where the machine has SSE2 (every x86-64): one
     * equality test per end byte and a mask of the bytes that matched,
     * whose lowest bit is the first end byte. A third of the SWAR loop's
     * instructions per byte below, which was 9% of an import's. */
    const __m128i d16 = eb->d16, q16 = eb->q16, cr16 = eb->cr16, lf16 = eb->lf16;
    for (; i + 16 <= len; i += 16) {
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(buf + i));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, d16), _mm_cmpeq_epi8(w, q16)),
                                   _mm_or_si128(_mm_cmpeq_epi8(w, cr16), _mm_cmpeq_epi8(w, lf16)));
        unsigned mask = (unsigned)_mm_movemask_epi8(hit);
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
    }
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    const uint64_t d = eb->d, q = eb->q, cr = CSV_CR * ones, lf = CSV_LF * ones;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, buf + i, 8);
        uint64_t a = w ^ d, b = w ^ q, c = w ^ cr, e = w ^ lf;
        uint64_t hit = (((a - ones) & ~a) | ((b - ones) & ~b) | ((c - ones) & ~c) |
                        ((e - ones) & ~e)) & highs;
        if (hit)
            return i + (size_t)(__builtin_ctzll(hit) >> 3);
    }
#endif
    while (i < len && !f->ends_field[buf[i]])
        i++;
    return i;
}

/* A field's bytes as handed on: doubled quotes compacted to one where the
 * field stands (now that the record is known to be the fast path's), a
 * NUL after it with CSV_APPEND_NULL (a byte after the field, read
 * already). Returns its length. */
static size_t finish_field(const fastparse_t *f, unsigned char *field, size_t len,
                           unsigned char kind, bool append_null)
{
    if (kind == FASTPARSE_ESCAPES) {
        size_t out = 0;
        for (size_t in = 0; in < len; in++) {
            field[out++] = field[in];
            in += field[in] == f->quote;
        }
        len = out;
    }
    if (append_null)
        field[len] = '\0';
    return len;
}

/* A finished field as handed on: NULL for an empty unquoted one with
 * CSV_EMPTY_IS_NULL, as libcsv hands it. */
static inline unsigned char *handed_field(const fastparse_t *f, unsigned char *field, size_t len,
                                          unsigned char kind)
{
    return (f->options & CSV_EMPTY_IS_NULL) && len == 0 && kind == FASTPARSE_PLAIN ? NULL : field;
}

/* After a record: the flags that described it describe nothing now. */
static void record_flags_clear(fastparse_t *f)
{
    f->in_place = false;
    f->plain_text = false;
    f->clean_text = false;
    f->valid_text = false;
}

/* emit_record's one call to on_record, with in_place, plain_text and
 * clean_text already set for it. */
static void emit_whole(fastparse_t *f, unsigned char *buf, size_t nfields, int row_end,
                       void *ctx)
{
    bool append_null = f->options & CSV_APPEND_NULL;
    size_t longest = 0;
    for (size_t k = 0; k < nfields; k++) {
        unsigned char *field = buf + f->starts[k];
        size_t len = finish_field(f, field, f->lens[k], f->kind[k], append_null);
        f->lens[k] = len;
        longest = len > longest ? len : longest;
        f->fields[k] = (char *)handed_field(f, field, len, f->kind[k]);
    }
    f->longest = longest;
    f->on_record(f->fields, f->lens, nfields, row_end, ctx);
    record_flags_clear(f);
}

/* Hands on one record read whole (buf[from..to), its row end excluded):
 * its fields, then its row end. */
static void emit_record(fastparse_t *f, unsigned char *buf, size_t from, size_t to,
                        size_t nfields, int row_end, fastparse_field_fn on_field,
                        fastparse_row_fn on_row, void *ctx)
{
    bool append_null = f->options & CSV_APPEND_NULL;
    /* before any byte is changed (NULs, compacted quotes) */
    classify_text(f, buf + from, to - from);
    f->in_place = true;
    if (f->on_record) {
        emit_whole(f, buf, nfields, row_end, ctx);
        return;
    }
    for (size_t k = 0; k < nfields; k++) {
        unsigned char *field = buf + f->starts[k];
        size_t len = finish_field(f, field, f->lens[k], f->kind[k], append_null);
        if (on_field)
            on_field(handed_field(f, field, len, f->kind[k]), len, ctx);
    }
    record_flags_clear(f);
    if (on_row)
        on_row(row_end, ctx);
}

/* A quoted field from just past its opening quote at buf[i]: its bytes up
 * to the closing quote, a doubled quote standing for one, line ends and
 * delimiters kept; after the closing quote only blanks, then a delimiter
 * or a line end. Returns the index of that delimiter or line end, or len
 * when the field is not that (not closed in this chunk, or text after the
 * closing quote, libcsv's error to report). */
static size_t quoted_field(const fastparse_t *f, const unsigned char *buf, size_t i, size_t len,
                           size_t *content_end, bool *escapes)
{
    *escapes = false;
    for (;;) {
        const unsigned char *q = memchr(buf + i, f->quote, len - i);
        if (!q || (size_t)(q - buf) + 1 >= len)
            return len;
        i = (size_t)(q - buf) + 1;
        if (buf[i] != f->quote)
            break;
        *escapes = true;
        i++;
    }
    *content_end = i - 1;
    while (i < len && f->blank[buf[i]])
        i++;
    if (i < len && (buf[i] == f->delim || is_line_end(buf[i])))
        return i;
    return len;
}

/* Takes whole records from buf[pos..len) while the parser is between
 * records. Returns where it stopped: len, or the first byte of a record
 * for libcsv. */
static size_t take_records(fastparse_t *f, unsigned char *buf, size_t pos, size_t len,
                           fastparse_field_fn on_field, fastparse_row_fn on_row, void *ctx)
{
    const unsigned char *blank = f->blank;
    const unsigned char delim = f->delim, quote = f->quote;
    const bool report_all_rows = f->options & CSV_REPALL_NL;
    end_bytes_t eb;
    end_bytes_init(&eb, f);

    while (pos < len) {
        size_t i = pos;
        while (i < len && blank[buf[i]])
            i++;
        if (i == len)
            return len; /* blanks before a row: libcsv keeps no state for them */
        if (is_line_end(buf[i])) {
            /* an empty row: a row end alone, and only when asked for */
            if (report_all_rows && on_row)
                on_row(buf[i], ctx);
            pos = i + 1;
            continue;
        }
        size_t nfields = 0;
        int row_end = -1;
        for (;;) {
            /* a field starts at i, its leading blanks skipped */
            if (i == len || nfields == FASTPARSE_MAX_FIELDS)
                return pos;
            unsigned char c = buf[i];
            size_t start = i, end = i;
            unsigned char kind = FASTPARSE_PLAIN;
            if (c == quote) {
                bool escapes;
                start = i + 1;
                i = quoted_field(f, buf, start, len, &end, &escapes);
                if (i == len)
                    return pos;
                kind = escapes ? FASTPARSE_ESCAPES : FASTPARSE_QUOTED;
                c = buf[i];
            } else if (c != delim && !is_line_end(c)) {
                i = unquoted_end(f, &eb, buf, i + 1, len);
                if (i == len || buf[i] == quote)
                    return pos; /* a quote inside an unquoted field: libcsv's to judge */
                end = i;
                while (blank[buf[end - 1]]) /* never past start: its byte is no blank */
                    end--;
                c = buf[i];
            }
            f->starts[nfields] = start;
            f->lens[nfields] = end - start;
            f->kind[nfields] = kind;
            nfields++;
            i++;
            if (c != delim) {
                row_end = c;
                break;
            }
            while (i < len && blank[buf[i]])
                i++;
        }
        emit_record(f, buf, pos, i - 1, nfields, row_end, on_field, on_row, ctx);
        pos = i;
    }
    return pos;
}

/* Just past the next CR or LF at or after pos, or len. */
static size_t past_line_end(const unsigned char *buf, size_t pos, size_t len)
{
    for (size_t i = pos; i < len; i++)
        if (is_line_end(buf[i]))
            return i + 1;
    return len;
}

size_t fastparse_feed(fastparse_t *f, unsigned char *buf, size_t len,
                      fastparse_field_fn on_field, fastparse_row_fn on_row, void *ctx)
{
    struct csv_parser *p = f->parser;
    if (!buf)
        return csv_parse(p, buf, len, on_field, on_row, ctx);
    if (!f->built || f->delim != p->delim_char || f->quote != p->quote_char ||
        f->options != p->options)
        build_tables(f);
    size_t pos = 0;
    while (pos < len) {
        if (f->usable && parser_between_records(p)) {
            pos = take_records(f, buf, pos, len, on_field, on_row, ctx);
            if (pos == len)
                break;
        }
        /* libcsv, one line at a time, until it is between records again */
        size_t end = past_line_end(buf, pos, len);
        size_t done = csv_parse(p, buf + pos, end - pos, on_field, on_row, ctx);
        if (done < end - pos)
            return pos + done;
        pos = end;
    }
    return len;
}
