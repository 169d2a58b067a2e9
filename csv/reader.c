/* Streaming CSV reader: decoding, delimiter detection, libcsv callbacks
 * and physical line tracking. See reader.h for the contract. */
#include "reader.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fastparse.h"

#define CHUNK_BYTES (256u * 1024u)
#define SNIFF_BYTES (64u * 1024u)
#define SNIFF_LINES 20
#define RUNAWAY_FLOOR (1024u * 1024u)

typedef struct {
    FILE *file;
    const unsigned char *data;
    size_t len, pos;
    unsigned long long total;
} source_t;

typedef struct {
    const reader_options_t *opt;
    reader_record_fn fn;
    void *ctx;
    reader_info_t *info;
    struct csv_parser parser;
    fastparse_t fast;   /* quote-free records, handed on in place */
    size_t field_limit, runaway;

    long cur_line;      /* physical line the next field starts on */
    long row_line;
    bool after_cr;      /* last terminator was a CR: a bare LF completes CRLF */

    char *buf;          /* the current record's fields copied from libcsv, NUL-separated */
    size_t buf_len, buf_cap;
    size_t *offs, *lens; /* offs: into buf, or IN_PLACE (ptrs holds the field) */
    char **ptrs;
    size_t nfields, fields_cap;
    size_t max_fields;  /* 0: no cap (reader_options_t.max_fields) */
    size_t dropped;     /* fields of this record past max_fields */
    bool all_empty;
    bool all_in_place;  /* every field of this record lies in the chunk */
    bool chunk_lives;   /* the chunk being fed is kept until chunk_end */
    reader_fault_t bad_utf8, nul, too_long;

    reader_status_t stop; /* READER_OK while running */
} reader_t;

/* A field the fast path left in the chunk: ptrs[] points at it, no copy. */
#define IN_PLACE ((size_t)-1)

static const reader_fault_t no_fault = {READER_NO_FAULT, 0, 0};

static void reader_fail(reader_t *r, reader_status_t st, long line, const char *fmt, ...)
{
    if (r->stop != READER_OK)
        return;
    r->stop = st;
    r->info->error_line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->info->error, sizeof r->info->error, fmt, ap);
    va_end(ap);
}

char reader_detect_delimiter(const char *text, size_t len)
{
    static const char cands[] = {',', ';', '\t', '|'};
    enum { NC = sizeof cands };
    long counts[SNIFF_LINES][NC];
    long cur[NC] = {0};
    int nlines = 0;
    bool in_quotes = false, nonblank = false;

    for (size_t i = 0; i <= len && nlines < SNIFF_LINES; i++) {
        char c = i < len ? text[i] : '\n';
        if (c == '"') {
            in_quotes = !in_quotes;
            nonblank = true;
            continue;
        }
        if (in_quotes)
            continue;
        if (c == '\n' || c == '\r') {
            if (nonblank)
                memcpy(counts[nlines++], cur, sizeof cur);
            memset(cur, 0, sizeof cur);
            nonblank = false;
            continue;
        }
        for (int k = 0; k < NC; k++)
            cur[k] += c == cands[k];
        if (c != ' ')
            nonblank = true;
    }
    char best = ',';
    long best_score = 0;
    for (int k = 0; k < NC && nlines > 0; k++) {
        long head = counts[0][k], same = 0;
        if (head == 0)
            continue;
        for (int l = 0; l < nlines; l++)
            same += counts[l][k] == head;
        /* consistency across lines first, then the number of fields */
        long score = same * 1024 + (head < 1023 ? head : 1023);
        if (score > best_score) {
            best_score = score;
            best = cands[k];
        }
    }
    return best;
}

static bool buf_reserve(reader_t *r, size_t need)
{
    if (need <= r->buf_cap)
        return true;
    size_t n = r->buf_cap ? r->buf_cap * 2 : 256;
    while (n < need)
        n *= 2;
    char *q = realloc(r->buf, n);
    if (!q)
        return false;
    r->buf = q;
    r->buf_cap = n;
    return true;
}

/* offs, lens and ptrs share one capacity. */
static bool fields_reserve(reader_t *r, size_t need)
{
    if (need <= r->fields_cap)
        return true;
    size_t n = r->fields_cap ? r->fields_cap * 2 : 16;
    while (n < need)
        n *= 2;
    size_t *o = realloc(r->offs, n * sizeof *o);
    if (o)
        r->offs = o;
    size_t *l = o ? realloc(r->lens, n * sizeof *l) : NULL;
    if (l)
        r->lens = l;
    char **p = l ? realloc(r->ptrs, n * sizeof *p) : NULL;
    if (!p)
        return false;
    r->ptrs = p;
    r->fields_cap = n;
    return true;
}

static long count_breaks(const unsigned char *s, size_t n)
{
    long nl = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\r' || (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')))
            nl++;
    return nl;
}

static void record_reset(reader_t *r)
{
    r->nfields = 0;
    r->dropped = 0;
    r->buf_len = 0;
    r->all_empty = true;
    r->all_in_place = true;
    r->bad_utf8 = r->nul = r->too_long = no_fault;
}

/* kept out of line, so that on_field's own path saves no registers */
static void field_checked(reader_t *r, void *data, size_t len) __attribute__((noinline));

/* Most fields: in the chunk, of a record the fast path found clean, within
 * every limit, with room for its pointer. Kept with no check and no call,
 * the same as field_checked() would keep it. */
static void on_field(void *data, size_t len, void *vr)
{
    reader_t *r = vr;
    size_t idx = r->nfields;
    if (r->fast.in_place && r->fast.clean_text && r->stop == READER_OK &&
        idx < r->fields_cap && len <= r->field_limit &&
        (!r->max_fields || idx < r->max_fields)) {
        if (idx == 0)
            r->row_line = r->cur_line;
        r->ptrs[idx] = (char *)data;
        r->offs[idx] = IN_PLACE;
        r->lens[idx] = len;
        r->nfields = idx + 1;
        if (len)
            r->all_empty = false;
        return;
    }
    field_checked(r, data, len);
}

static void field_checked(reader_t *r, void *data, size_t len)
{
    const unsigned char *s = data;
    if (r->stop != READER_OK)
        return;
    if (r->nfields == 0)
        r->row_line = r->cur_line;
    size_t idx = r->nfields;

    long nl = 0;
    bool high = false;
    /* Most records hold no line break, NUL or invalid UTF-8: one the fast
     * path found clean so is not looked at again, others are skipped
     * through 8 bytes at a time. */
    size_t i = r->fast.in_place && r->fast.clean_text ? len : 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
        if (((w - 0x20 * ones) | w) & highs)
            break; /* a byte below 0x20 or above 0x7F somewhere in this word */
    }
    for (; i < len; i++) {
        unsigned char c = s[i];
        if (c >= 0x20 && c < 0x80)
            continue;
        if (c >= 0x80) {
            high = true;
        } else if (c == '\r' || (c == '\n' && (i == 0 || s[i - 1] != '\r'))) {
            nl++;
        } else if (c == 0 && r->nul.field == READER_NO_FAULT) {
            r->nul = (reader_fault_t){idx, i, r->cur_line + nl};
        }
    }
    if (high && r->bad_utf8.field == READER_NO_FAULT) {
        size_t at = encoding_utf8_invalid_at(s, len);
        if (at < len)
            r->bad_utf8 = (reader_fault_t){idx, at, r->cur_line + count_breaks(s, at)};
    }
    if (len > r->runaway) {
        reader_fail(r, READER_ERR_QUOTE, r->cur_line,
                    "line %ld: a field runs to %zu bytes, past the %zu-byte limit "
                    "(unterminated quote?)", r->cur_line, len, r->field_limit);
        return;
    }
    if (len > r->field_limit && r->too_long.field == READER_NO_FAULT)
        r->too_long = (reader_fault_t){idx, r->field_limit, r->cur_line};
    r->cur_line += nl;
    if (r->max_fields && idx >= r->max_fields) {
        /* Counted for the report, never stored: memory stays bounded
         * whatever the shape of the row. */
        r->all_in_place &= r->fast.in_place;
        r->dropped++;
        if (len)
            r->all_empty = false;
        return;
    }

    if (!fields_reserve(r, idx + 1)) {
        reader_fail(r, READER_ERR_NOMEM, r->cur_line, "out of memory");
        return;
    }
    r->all_in_place &= r->fast.in_place;
    if (r->fast.in_place) {
        /* NUL-terminated in the chunk, which outlives the record callback */
        r->ptrs[idx] = (char *)data;
        r->offs[idx] = IN_PLACE;
        r->lens[idx] = len;
        r->nfields++;
        if (len)
            r->all_empty = false;
        return;
    }
    if (!buf_reserve(r, r->buf_len + len + 1)) {
        reader_fail(r, READER_ERR_NOMEM, r->cur_line, "out of memory");
        return;
    }
    if (len)
        memcpy(r->buf + r->buf_len, s, len);
    r->buf[r->buf_len + len] = '\0';
    r->offs[idx] = r->buf_len;
    r->lens[idx] = len;
    r->buf_len += len + 1;
    r->nfields++;
    if (len)
        r->all_empty = false;
}

/* Hands a record on to the caller; a record of empty fields only is a
 * blank line, counted instead. */
static void hand_on(reader_t *r, char *const *fields, const size_t *lens, size_t n,
                    bool all_empty, bool in_place)
{
    if (all_empty) {
        r->info->blank_lines++;
        return;
    }
    reader_record_t rec = {
        .line = r->row_line,
        .nfields = n,
        .dropped_fields = r->dropped,
        .fields = fields,
        .lens = lens,
        .bad_utf8 = r->bad_utf8,
        .nul = r->nul,
        .too_long = r->too_long,
        .stable = in_place && r->chunk_lives,
    };
    bool first = r->info->records == 0;
    r->info->records++;
    if (!r->fn(r->ctx, &rec))
        reader_fail(r, READER_ERR_STOPPED, r->row_line, "stopped");
    if (first && r->opt->max_fields_from_first) {
        size_t cap = n + r->dropped + READER_FIELD_SLACK;
        if (!r->max_fields || cap < r->max_fields)
            r->max_fields = cap;
    }
}

/* A row end: the next record starts on the next line. */
static void row_done(reader_t *r, int c)
{
    if (c != -1)
        r->cur_line++;
    r->after_cr = c == '\r';
}

static void on_record(int c, void *vr)
{
    reader_t *r = vr;
    if (r->stop != READER_OK)
        return;
    if (r->nfields == 0) {
        if (c == -1)
            return;
        if (c == '\n' && r->after_cr) {
            r->after_cr = false; /* second half of a CRLF */
            return;
        }
        r->info->blank_lines++;
        r->cur_line++;
        r->after_cr = c == '\r';
        return;
    }
    if (!r->all_empty)
        for (size_t i = 0; i < r->nfields; i++)
            if (r->offs[i] != IN_PLACE)
                r->ptrs[i] = r->buf + r->offs[i];
    hand_on(r, r->ptrs, r->lens, r->nfields, r->all_empty, r->all_in_place);
    row_done(r, c);
    record_reset(r);
}

/* A record the fast path took whole (fastparse.h's on_record). Most are
 * valid text within every limit: handed on with the fast path's own
 * arrays, with no call, check or copy per field (on_field's calls were 5%
 * of an import's instructions), its line breaks counted by the fast path.
 * Any other goes field by field, as libcsv's records do. */
static void on_whole_record(char *const *fields, const size_t *lens, size_t n, int c, void *vr)
{
    reader_t *r = vr;
    if (r->stop != READER_OK)
        return;
    if (!r->fast.valid_text || n == 0 || (r->max_fields && n > r->max_fields) ||
        r->fast.longest > r->field_limit) {
        for (size_t k = 0; k < n; k++)
            on_field(fields[k], lens[k], r);
        on_record(c, r);
        return;
    }
    /* the record state is as record_reset left it: no field, no fault */
    r->row_line = r->cur_line;
    hand_on(r, fields, lens, n, r->fast.longest == 0, true);
    r->cur_line += (long)r->fast.line_breaks;
    row_done(r, c);
}

/* Line of the byte libcsv refused: where the open field started plus the
 * line breaks already buffered in it. */
static long open_field_line(reader_t *r)
{
    return r->cur_line + count_breaks(r->parser.entry_buf, r->parser.entry_pos);
}

static void reader_feed(reader_t *r, unsigned char *p, size_t n)
{
    size_t done = fastparse_feed(&r->fast, p, n, on_field, on_record, r);
    if (r->stop != READER_OK)
        return;
    if (done < n) {
        if (csv_error(&r->parser) == CSV_EPARSE) {
            long line = open_field_line(r);
            reader_fail(r, READER_ERR_QUOTE, line,
                        "line %ld: malformed quoting (a quote inside an unquoted field, "
                        "or text after a closing quote)", line);
        } else {
            reader_fail(r, READER_ERR_NOMEM, r->cur_line, "out of memory while parsing");
        }
        return;
    }
    if (r->parser.entry_pos > r->runaway) {
        if (r->parser.quoted)
            reader_fail(r, READER_ERR_QUOTE, r->cur_line,
                        "line %ld: unterminated quote: the quoted field starting here runs "
                        "past %zu bytes (fields are limited to %zu bytes)",
                        r->cur_line, r->runaway, r->field_limit);
        else
            reader_fail(r, READER_ERR_QUOTE, r->cur_line,
                        "line %ld: a field runs past %zu bytes (fields are limited to %zu bytes)",
                        r->cur_line, r->runaway, r->field_limit);
    }
}

static size_t source_read(source_t *s, unsigned char *buf, size_t cap, bool *io_error)
{
    if (s->file) {
        size_t n = fread(buf, 1, cap, s->file);
        if (n < cap && ferror(s->file))
            *io_error = true;
        return n;
    }
    size_t n = s->len - s->pos < cap ? s->len - s->pos : cap;
    if (n)
        memcpy(buf, s->data + s->pos, n);
    s->pos += n;
    return n;
}

/* First chunk: byte-order mark, text sniffing, encoding and delimiter.
 * Returns the number of leading bytes to skip (the BOM). */
static size_t reader_start(reader_t *r, const unsigned char *raw, size_t n,
                           encoding_decoder_t *dec)
{
    reader_info_t *info = r->info;
    encoding_t enc = r->opt->encoding_forced ? r->opt->encoding : ENCODING_UTF8;
    size_t bom = encoding_detect_bom(raw, n, &enc);
    info->bom = bom > 0;
    info->encoding = enc;
    if (enc != ENCODING_UTF16LE && enc != ENCODING_UTF16BE &&
        !encoding_sniff_text(raw + bom, n - bom, info->error, sizeof info->error)) {
        r->stop = READER_ERR_NOT_TEXT;
        return bom;
    }
    encoding_decoder_init(dec, enc);
    return bom;
}

static reader_status_t reader_run(source_t *src, const reader_options_t *opt,
                                  reader_record_fn fn, void *ctx, reader_info_t *info)
{
    reader_options_t defaults = {0};
    if (!opt)
        opt = &defaults;
    memset(info, 0, sizeof *info);
    reader_t r = {.opt = opt, .fn = fn, .ctx = ctx, .info = info,
                  .cur_line = opt->first_line > 0 ? opt->first_line : 1};
    r.field_limit = opt->max_field_bytes ? opt->max_field_bytes : READER_DEFAULT_FIELD_BYTES;
    r.max_fields = opt->max_fields;
    r.runaway = r.field_limit * READER_RUNAWAY_FACTOR;
    if (r.runaway / READER_RUNAWAY_FACTOR != r.field_limit)
        r.runaway = (size_t)-1;
    if (r.runaway < RUNAWAY_FLOOR)
        r.runaway = RUNAWAY_FLOOR;
    record_reset(&r);

    /* small inputs (buffers, small files) get small buffers */
    size_t chunk = src->total && src->total < CHUNK_BYTES ? (size_t)src->total + 1 : CHUNK_BYTES;
    unsigned char *raw = malloc(chunk);
    unsigned char *dec_buf = malloc(encoding_decode_bound(chunk));
    if (!raw || !dec_buf || csv_init(&r.parser, CSV_STRICT | CSV_STRICT_FINI |
                                                   CSV_REPALL_NL | CSV_APPEND_NULL) != 0) {
        free(raw);
        free(dec_buf);
        snprintf(info->error, sizeof info->error, "out of memory");
        return READER_ERR_NOMEM;
    }
    fastparse_init(&r.fast, &r.parser);
    r.fast.on_record = on_whole_record;
    encoding_decoder_t dec;
    bool first = true, io_error = false;
    for (;;) {
        size_t n = source_read(src, raw, chunk, &io_error);
        if (io_error) {
            reader_fail(&r, READER_ERR_IO, 0, "read error: %s", strerror(errno));
            break;
        }
        info->bytes += n;
        size_t skip = 0;
        if (first) {
            skip = reader_start(&r, raw, n, &dec);
            if (r.stop != READER_OK)
                break;
        }
        unsigned char *text = raw + skip;
        size_t tlen = n - skip;
        if (info->encoding != ENCODING_UTF8) {
            tlen = encoding_decode(&dec, raw + skip, n - skip, dec_buf);
            text = dec_buf;
        }
        if (first) {
            first = false;
            info->delimiter_detected = opt->delimiter == 0;
            info->delimiter = opt->delimiter ? opt->delimiter
                                             : reader_detect_delimiter((const char *)text,
                                                                       tlen < SNIFF_BYTES ? tlen : SNIFF_BYTES);
            csv_set_delim(&r.parser, (unsigned char)info->delimiter);
        }
        if (n == 0)
            break;
        /* the chunk lives on until chunk_end, even when the run stops in it */
        r.chunk_lives = opt->chunk_end != NULL;
        reader_feed(&r, text, tlen);
        r.chunk_lives = false;
        if (opt->chunk_end && !opt->chunk_end(opt->progress_ctx))
            reader_fail(&r, READER_ERR_STOPPED, r.cur_line, "stopped");
        if (r.stop != READER_OK)
            break;
        if (opt->progress && !opt->progress(opt->progress_ctx, info->bytes, src->total)) {
            reader_fail(&r, READER_ERR_CANCELLED, 0, "cancelled");
            break;
        }
    }
    if (r.stop == READER_OK) {
        size_t tail = encoding_decode_finish(&dec, dec_buf);
        if (tail)
            reader_feed(&r, dec_buf, tail);
    }
    if (r.stop == READER_OK) {
        long line = r.cur_line;
        if (csv_fini(&r.parser, on_field, on_record, &r) != 0 && r.stop == READER_OK)
            reader_fail(&r, READER_ERR_QUOTE, line,
                        "line %ld: unterminated quote: a quoted field starts here and the "
                        "file ends before it is closed", line);
    }
    csv_free(&r.parser);
    free(raw);
    free(dec_buf);
    free(r.buf);
    free(r.offs);
    free(r.lens);
    free(r.ptrs);
    return r.stop;
}

reader_status_t reader_run_file(const char *path, const reader_options_t *opt,
                                reader_record_fn fn, void *ctx, reader_info_t *info)
{
    source_t src = {0};
    src.file = fopen(path, "rb");
    if (!src.file) {
        memset(info, 0, sizeof *info);
        snprintf(info->error, sizeof info->error, "cannot open %s: %s", path, strerror(errno));
        return READER_ERR_IO;
    }
    struct stat st;
    if (fstat(fileno(src.file), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            fclose(src.file);
            memset(info, 0, sizeof *info);
            snprintf(info->error, sizeof info->error, "cannot read %s: it is a directory", path);
            return READER_ERR_IO;
        }
        src.total = (unsigned long long)st.st_size;
    }
    reader_status_t st_ = reader_run(&src, opt, fn, ctx, info);
    fclose(src.file);
    return st_;
}

reader_status_t reader_run_buffer(const void *data, size_t len, const reader_options_t *opt,
                                  reader_record_fn fn, void *ctx, reader_info_t *info)
{
    source_t src = {.data = data, .len = len, .total = len};
    return reader_run(&src, opt, fn, ctx, info);
}
