/* Contact-list import: per-row decisions and the result. The header row
 * (columns, phone column) is import_header.c, reading and parsing reader.c,
 * storage import_store.c. */
#include "import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"
#include "import_store.h"
#include "reader.h"

#define MSG_CELL_MAX 40 /* bytes of a cell quoted in a message */

static const char *const code_names[IMPORT_CODE_COUNT] = {
    [IMPORT_INVALID_PHONE] = "invalid_phone",
    [IMPORT_MISSING_PHONE] = "missing_phone",
    [IMPORT_DUPLICATE] = "duplicate",
    [IMPORT_TOO_MANY_FIELDS] = "too_many_fields",
    [IMPORT_TOO_FEW_FIELDS] = "too_few_fields",
    [IMPORT_FIELD_TOO_LONG] = "field_too_long",
    [IMPORT_INVALID_UTF8] = "invalid_utf8",
    [IMPORT_NUL_BYTE] = "nul_byte",
    [IMPORT_NOT_IN_SERVICE] = "not_in_service",
    [IMPORT_WRONG_COUNTRY] = "wrong_country",
    [IMPORT_PREMIUM_RATE] = "premium_rate",
    [IMPORT_VANITY_LETTERS] = "vanity_letters",
};

/* phone.h's verdicts as import codes; the rest are invalid_phone. */
static const struct {
    phone_status_t status;
    import_code_t code;
} phone_codes[] = {
    {PHONE_NOT_IN_USE, IMPORT_NOT_IN_SERVICE},
    {PHONE_WRONG_COUNTRY, IMPORT_WRONG_COUNTRY},
    {PHONE_PREMIUM, IMPORT_PREMIUM_RATE},
    {PHONE_VANITY, IMPORT_VANITY_LETTERS},
};

const char *import_code_name(import_code_t c)
{
    return (unsigned)c < IMPORT_CODE_COUNT ? code_names[c] : "?";
}

const char *import_delimiter_name(char delimiter)
{
    switch (delimiter) {
    case ',': return "comma";
    case ';': return "semicolon";
    case '\t': return "tab";
    case '|': return "pipe";
    default: return "?";
    }
}

const char *import_status_name(import_status_t s)
{
    switch (s) {
    case IMPORT_OK: return "ok";
    case IMPORT_ERR_OPTIONS: return "bad_option";
    case IMPORT_ERR_IO: return "io_error";
    case IMPORT_ERR_NOT_TEXT: return "not_text";
    case IMPORT_ERR_QUOTE: return "bad_quoting";
    case IMPORT_ERR_NO_HEADER: return "no_header";
    case IMPORT_ERR_HEADER: return "duplicate_header";
    case IMPORT_ERR_NO_PHONE: return "no_phone_column";
    case IMPORT_ERR_LIMIT: return "limit_exceeded";
    case IMPORT_ERR_NOMEM: return "out_of_memory";
    case IMPORT_ERR_CANCELLED: return "cancelled";
    }
    return "?";
}

void import_options_init(import_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->max_rows = IMPORT_DEFAULT_MAX_ROWS;
    o->max_columns = IMPORT_DEFAULT_MAX_COLUMNS;
    o->max_field_bytes = IMPORT_DEFAULT_MAX_FIELD_BYTES;
    o->preview_rows = IMPORT_DEFAULT_PREVIEW;
    o->phone_index = -1;
}

void import_fail(importer_t *im, import_status_t st, long line, const char *fmt, ...)
{
    if (im->err->status != IMPORT_OK)
        return;
    im->err->status = st;
    im->err->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(im->err->message, sizeof im->err->message, fmt, ap);
    va_end(ap);
}

/* Copies a record's cells into the arena, in one piece: the cell
 * pointers, their lengths, then the cells one after another, each with
 * its NUL. One allocation a row, not two and one per cell (each rounded up
 * to 16 bytes): a kept rejection of a contact list's row costs about 250
 * bytes instead of 400. */
static bool row_copy(importer_t *im, const reader_record_t *rec, import_row_t *out)
{
    size_t n = rec->nfields, bytes = n * (sizeof(char *) + sizeof(size_t));
    for (size_t i = 0; i < n; i++)
        bytes += rec->lens[i] + 1;
    char *block = import_store_alloc(im->st, bytes ? bytes : 1);
    if (!block)
        return false;
    char **cells = (char **)(void *)block;
    size_t *lens = (size_t *)(void *)(block + n * sizeof(char *));
    char *p = block + n * (sizeof(char *) + sizeof(size_t));
    for (size_t i = 0; i < n; i++) {
        if (rec->lens[i])
            memcpy(p, rec->fields[i], rec->lens[i]);
        p[rec->lens[i]] = '\0';
        cells[i] = p;
        lens[i] = rec->lens[i];
        p += rec->lens[i] + 1;
    }
    out->line = rec->line;
    out->ncells = n;
    out->cells = (const char *const *)cells;
    out->lens = lens;
    return true;
}

/* A sentence, with a cell quoted (shortened) when given. */
static const char *make_message(importer_t *im, const char *cell, size_t cell_len,
                                const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static const char *make_message(importer_t *im, const char *cell, size_t cell_len,
                                const char *fmt, ...)
{
    char buf[512];
    size_t used = 0;
    if (cell) {
        size_t show = cell_len > MSG_CELL_MAX ? MSG_CELL_MAX : cell_len;
        /* never cut a UTF-8 sequence in two */
        while (show < cell_len && show > 0 && ((unsigned char)cell[show] & 0xC0) == 0x80)
            show--;
        int w = snprintf(buf, sizeof buf, "\"%.*s%s\": ", (int)show, cell,
                         show < cell_len ? "..." : "");
        used = w > 0 ? (size_t)w : 0;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + used, sizeof buf - used, fmt, ap);
    va_end(ap);
    return import_store_strndup(im->st, buf, strlen(buf));
}

static const char *column_label(importer_t *im, size_t field)
{
    return field < im->res->ncolumns ? im->columns[field] : "(beyond the header)";
}

/* The dedupe key: the E.164 digits (at most 15, under 10^15) and, above
 * them, the extension, so that two extensions of one switchboard are two
 * contacts. Extensions of up to 4 digits are exact (1..10^4); longer ones
 * share 10^4+1..18000 by hash. */
_Static_assert(PHONE_E164_SIZE >= 1 + 8, "digits_value reads 8 bytes after the +");

static uint64_t digits_value(const phone_number_t *pn)
{
    const char *d = pn->e164 + 1, *ext = pn->ext;
    size_t i = 0;
    uint64_t v = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* 8 digits at once (a number has 7 to 15): the first digit is the
     * word's lowest byte, so each step joins neighbours as tens and units,
     * then pairs as hundreds, then fours as ten-thousands. A digit at a
     * time this was 2% of an import's instructions. The word lies within
     * e164[PHONE_E164_SIZE] whatever the number's length; it is taken when
     * no byte of it is the NUL (((w - ones) & ~w & highs) flags a zero
     * byte), so no strlen first. */
    uint64_t w;
    memcpy(&w, d, 8);
    if (!((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL)) {
        w -= 0x3030303030303030ULL;
        w = (w * 10 + (w >> 8)) & 0x00FF00FF00FF00FFULL;
        w = (w * 100 + (w >> 16)) & 0x0000FFFF0000FFFFULL;
        v = (w * 10000 + (w >> 32)) & 0xFFFFFFFFULL;
        i = 8;
    }
#endif
    for (; d[i]; i++)
        v = v * 10 + (uint64_t)(d[i] - '0');
    if (!ext[0])
        return v;
    size_t el = strlen(ext);
    uint64_t e = 0, h = 5381;
    for (const char *p = ext; *p; p++) {
        e = e * 10 + (uint64_t)(*p >= '0' && *p <= '9' ? *p - '0' : 0);
        h = h * 33 + (unsigned char)*p;
    }
    uint64_t slot = el <= 4 ? e + 1 : 10001 + h % 7999;
    return v + slot * 1000000000000000ULL;
}

static bool accept_row(importer_t *im, const reader_record_t *rec, const phone_number_t *pn)
{
    im->res->by_type[pn->type]++;
    if (im->opt->count_only)
        return true; /* a dry run: nothing will read the row back */
    /* packed as phone, a type byte, the variable cells in column order and
     * the extension (import_result.c reads it back) */
    size_t plen = strlen(pn->e164), elen = strlen(pn->ext), total = plen + 2 + elen + 1;
    for (size_t i = 0; i < rec->nfields; i++)
        if (i != im->res->phone_index && !im->ignored[i])
            total += rec->lens[i] + 1;
    char *out = import_store_alloc(im->st, total);
    if (!out)
        return false;
    char *p = out;
    memcpy(p, pn->e164, plen + 1);
    p += plen + 1;
    *p++ = (char)('A' + pn->type);
    for (size_t i = 0; i < rec->nfields; i++) {
        if (i == im->res->phone_index || im->ignored[i])
            continue;
        memcpy(p, rec->fields[i], rec->lens[i]);
        p += rec->lens[i];
        *p++ = '\0';
    }
    memcpy(p, pn->ext, elen + 1);
    return import_store_add_contact(im->st, out, rec->line);
}

/* Rejected rows are kept whole (report, --rejects-out): ~200 bytes per
 * 2-byte row. Their cost is held to twice the bytes read plus a floor;
 * past that it is the wrong file, column or region, and the import stops
 * as a whole (nothing uploaded) instead of growing without bound. */
#define REJECT_BUDGET_FLOOR (16u << 20)
#define REJECT_BUDGET_AHEAD (1u << 20)

static bool reject_within_budget(importer_t *im, const reader_record_t *rec,
                                 const char *message)
{
    size_t cost = 2 * sizeof(import_rejection_t) + (message ? strlen(message) + 1 : 0) +
                  rec->nfields * (sizeof(char *) + sizeof(size_t) + 1) + 32;
    for (size_t i = 0; i < rec->nfields; i++)
        cost += rec->lens[i];
    im->rej_bytes += cost;
    unsigned long long budget =
        2 * (im->bytes_done + REJECT_BUDGET_AHEAD) + REJECT_BUDGET_FLOOR;
    if (im->rej_bytes <= budget)
        return true;
    import_fail(im, IMPORT_ERR_LIMIT, rec->line,
         "line %ld: %zu rows rejected so far, more than dialtop keeps for a file of this "
         "size: check the phone column and --region, or split the file",
         rec->line, im->nrej + 1);
    return false;
}

static bool reject_row(importer_t *im, const reader_record_t *rec, import_code_t code,
                       long line, size_t column, const char *message, long first_line)
{
    if (im->nrej == im->rej_cap) {
        size_t cap = im->rej_cap ? im->rej_cap * 2 : 64;
        import_rejection_t *r = realloc(im->rej, cap * sizeof *r);
        if (!r)
            return false;
        im->rej = r;
        im->rej_cap = cap;
    }
    import_rejection_t *r = &im->rej[im->nrej];
    memset(r, 0, sizeof *r);
    r->line = line;
    r->column = column;
    r->column_name = column && column <= im->res->ncolumns ? im->columns[column - 1] : NULL;
    r->code = code;
    r->message = message;
    r->first_line = first_line;
    if (!message || !row_copy(im, rec, &r->row))
        return false;
    im->nrej++;
    im->res->rejected++;
    im->res->by_code[code]++;
    return true;
}

static bool add_preview(importer_t *im, const reader_record_t *rec, bool accepted,
                        import_code_t code, phone_type_t type)
{
    import_preview_t *p = &im->preview[im->res->npreview];
    p->line = rec->line;
    p->accepted = accepted;
    p->code = code;
    p->type = type;
    if (!row_copy(im, rec, &p->row))
        return false;
    im->res->npreview++;
    return true;
}

/* The verdict on a row, rejected (code >= 0) or accepted: counted, kept,
 * shown in the preview. */
static bool settle_row(importer_t *im, const reader_record_t *rec, int code, long line,
                       size_t column, const char *msg, long first_line,
                       const phone_number_t *pn)
{
    import_result_t *res = im->res;
    if (code >= 0 && !reject_within_budget(im, rec, msg))
        return false;
    bool ok = code >= 0 ? reject_row(im, rec, (import_code_t)code, line, column, msg, first_line)
                        : accept_row(im, rec, pn);
    if (ok && code < 0)
        res->accepted++;
    if (ok && res->npreview < im->opt->preview_rows)
        ok = add_preview(im, rec, code < 0, code < 0 ? IMPORT_INVALID_PHONE : (import_code_t)code,
                         pn->type);
    if (!ok)
        import_fail(im, IMPORT_ERR_NOMEM, 0, "out of memory");
    return ok;
}

/* A row whose number is valid: kept, unless the number came before. */
static bool decide_number(importer_t *im, const reader_record_t *rec, uint64_t key,
                          const phone_number_t *pn)
{
    long first_line = 0;
    int d = import_store_dedupe(im->st, key, rec->line, &first_line);
    if (d < 0) {
        import_fail(im, IMPORT_ERR_NOMEM, 0, "out of memory");
        return false;
    }
    const char *msg = NULL;
    if (d == 0)
        msg = make_message(im, NULL, 0, "%s is already on line %ld (kept there)", pn->e164,
                           first_line);
    return settle_row(im, rec, d == 0 ? IMPORT_DUPLICATE : -1, rec->line,
                      im->res->phone_index + 1, msg, first_line, pn);
}

/* Decides the rows put off, in line order. Their slots in the dedupe set
 * are all asked for first, so that their memory misses overlap instead of
 * coming one row at a time. False when the import stops (at one of them,
 * or before). */
static bool decide_pending(importer_t *im)
{
    import_pending_t *p = &im->pending;
    bool ok = im->err->status == IMPORT_OK;
    for (size_t k = 0; ok && k < p->n; k++)
        import_store_dedupe_prefetch(im->st, p->rows[k].key);
    for (size_t k = 0; ok && k < p->n; k++) {
        reader_record_t rec;
        import_pending_record(p, k, &rec);
        ok = decide_number(im, &rec, p->rows[k].key, &p->rows[k].pn);
    }
    import_pending_clear(p);
    return ok;
}

static bool defer_number(importer_t *im, const reader_record_t *rec, uint64_t key,
                         const phone_number_t *pn)
{
    if (!import_pending_add(&im->pending, rec, key, pn)) {
        import_fail(im, IMPORT_ERR_NOMEM, 0, "out of memory");
        return false;
    }
    return !import_pending_full(&im->pending) || decide_pending(im);
}

/* The reader is done with a chunk: its rows are decided before its bytes
 * go. */
static bool on_chunk_end(void *ctx)
{
    return decide_pending(ctx);
}

static bool on_record(void *ctx, const reader_record_t *rec)
{
    importer_t *im = ctx;
    import_result_t *res = im->res;
    if (rec->line > IMPORT_STORE_MAX_LINE) {
        if (!decide_pending(im))
            return false;
        import_fail(im, IMPORT_ERR_LIMIT, rec->line,
             "line %ld: the file has more than 4,294,967,295 lines, more than dialtop can "
             "number (lines are kept in 32 bits): split the file", rec->line);
        return false;
    }
    if (!im->have_header)
        return import_take_header(im, rec);
    if (res->rows_read >= im->max_rows) {
        if (!decide_pending(im))
            return false; /* a row before this one stopped the import first */
        import_fail(im, IMPORT_ERR_LIMIT, rec->line,
             "line %ld: more than %ld data rows; the limit is %ld (--max-rows)",
             rec->line, im->max_rows, im->max_rows);
        return false;
    }
    res->rows_read++;

    size_t ncol = res->ncolumns, pi = res->phone_index;
    const char *msg = NULL;
    long line = rec->line, first_line = 0;
    size_t column = 0;
    int code = -1;
    phone_number_t pn = {.type = PHONE_TYPE_UNKNOWN};

    if (rec->nul.field != READER_NO_FAULT) {
        code = IMPORT_NUL_BYTE;
        column = rec->nul.field + 1;
        line = rec->nul.line;
        msg = make_message(im, NULL, 0, "a NUL byte in column %zu (%s), byte %zu of the cell",
                           column, column_label(im, rec->nul.field), rec->nul.offset + 1);
    } else if (rec->bad_utf8.field != READER_NO_FAULT) {
        code = IMPORT_INVALID_UTF8;
        column = rec->bad_utf8.field + 1;
        line = rec->bad_utf8.line;
        msg = make_message(im, NULL, 0,
                           "bytes that are not valid %s in column %zu (%s), byte %zu of the "
                           "cell%s", encoding_name(res->encoding), column,
                           column_label(im, rec->bad_utf8.field), rec->bad_utf8.offset + 1,
                           res->encoding == ENCODING_UTF8 ? "; a Windows file? try --encoding cp1252" : "");
    } else if (rec->too_long.field != READER_NO_FAULT) {
        code = IMPORT_FIELD_TOO_LONG;
        column = rec->too_long.field + 1;
        msg = make_message(im, NULL, 0, "column %zu (%s) has %zu bytes; the limit is %zu "
                           "(--max-field-bytes)", column, column_label(im, rec->too_long.field),
                           rec->lens[rec->too_long.field], im->field_limit);
    } else if (rec->nfields + rec->dropped_fields > ncol) {
        code = IMPORT_TOO_MANY_FIELDS;
        column = ncol + 1;
        msg = make_message(im, NULL, 0, "%zu fields; the header has %zu (an unquoted "
                           "delimiter inside a cell?)%s", rec->nfields + rec->dropped_fields,
                           ncol, rec->dropped_fields ? "; the fields past those were not kept" : "");
    } else if (rec->nfields < ncol) {
        code = IMPORT_TOO_FEW_FIELDS;
        column = rec->nfields + 1;
        msg = make_message(im, NULL, 0, "%zu fields; the header has %zu", rec->nfields, ncol);
    } else {
        char why[200];
        column = pi + 1;
        phone_status_t ps = phone_normalize(rec->fields[pi], rec->lens[pi], im->region,
                                            im->phone_flags, &pn, why, sizeof why);
        if (ps == PHONE_EMPTY) {
            code = IMPORT_MISSING_PHONE;
            msg = make_message(im, NULL, 0, "no phone number in column %zu (%s)", column,
                               im->columns[pi]);
        } else if (ps != PHONE_OK) {
            code = IMPORT_INVALID_PHONE;
            for (size_t k = 0; k < sizeof phone_codes / sizeof phone_codes[0]; k++)
                if (phone_codes[k].status == ps)
                    code = phone_codes[k].code;
            msg = make_message(im, rec->fields[pi], rec->lens[pi], "%s", why);
        } else {
            uint64_t key = digits_value(&pn);
            /* past the preview, a row whose cells stay put waits for its
             * batch; any other is decided now, after those before it */
            if (rec->stable && res->npreview >= im->opt->preview_rows)
                return defer_number(im, rec, key, &pn);
            return decide_pending(im) && decide_number(im, rec, key, &pn);
        }
    }
    /* every row before this one decided first: the rejections, the
     * contacts and the reject budget all go in line order */
    return decide_pending(im) && settle_row(im, rec, code, line, column, msg, first_line, &pn);
}

/* After each chunk. After the first, the rows it held and the file's size
 * tell how many numbers the dedupe set will hold: it is sized for that
 * (a quarter more, never past --max-rows) so that a big file never
 * rehashes it midway. A file whose rows get much shorter past its first
 * chunk still works: the set then grows as before. */
static bool on_progress(void *ctx, unsigned long long done, unsigned long long total)
{
    importer_t *im = ctx;
    im->bytes_done = done;
    if (!im->sized && done && total > done && im->res->rows_read > 0) {
        im->sized = true;
        double est = (double)im->res->rows_read * ((double)total / (double)done) * 1.25 + 64;
        size_t want = est < (double)im->max_rows ? (size_t)est : (size_t)im->max_rows;
        if (!import_store_dedupe_reserve(im->st, want)) {
            import_fail(im, IMPORT_ERR_NOMEM, 0, "out of memory");
            return false;
        }
    }
    return !im->opt->progress || im->opt->progress(im->opt->progress_ctx, done, total);
}

static import_status_t from_reader(reader_status_t st)
{
    switch (st) {
    case READER_OK: return IMPORT_OK;
    case READER_ERR_IO: return IMPORT_ERR_IO;
    case READER_ERR_NOT_TEXT: return IMPORT_ERR_NOT_TEXT;
    case READER_ERR_QUOTE: return IMPORT_ERR_QUOTE;
    case READER_ERR_NOMEM: return IMPORT_ERR_NOMEM;
    case READER_ERR_CANCELLED: return IMPORT_ERR_CANCELLED;
    case READER_ERR_STOPPED: return IMPORT_ERR_NOMEM; /* our callback set the real one */
    }
    return IMPORT_ERR_IO;
}

static import_result_t *import_run(const char *path, const void *data, size_t len,
                                   const import_options_t *opt, import_error_t *err)
{
    import_options_t defaults;
    import_options_init(&defaults);
    if (!opt)
        opt = &defaults;
    import_error_t local_err;
    if (!err)
        err = &local_err;
    memset(err, 0, sizeof *err);

    importer_t im = {.opt = opt, .err = err};
    const char *region = opt->region ? opt->region : IMPORT_DEFAULT_REGION;
    im.region = phone_region_find(region);
    if (!im.region) {
        import_fail(&im, IMPORT_ERR_OPTIONS, 0, "unknown region \"%s\": give an ISO 3166 code "
             "such as US, GB, IN, DE (every region of libphonenumber's metadata)", region);
        return NULL;
    }
    if (opt->max_rows < 0 || opt->max_columns < 0 || opt->max_field_bytes < 0) {
        import_fail(&im, IMPORT_ERR_OPTIONS, 0, "limits must be positive numbers");
        return NULL;
    }
    if (opt->delimiter && (opt->delimiter == '"' || opt->delimiter == '\r' ||
                           opt->delimiter == '\n' || opt->delimiter == ' ')) {
        import_fail(&im, IMPORT_ERR_OPTIONS, 0, "the delimiter cannot be a quote, a space or a line end");
        return NULL;
    }
    im.phone_flags = opt->allow_premium ? PHONE_ALLOW_PREMIUM : 0;
    im.max_rows = opt->max_rows ? opt->max_rows : IMPORT_DEFAULT_MAX_ROWS;
    im.max_columns = (size_t)(opt->max_columns ? opt->max_columns : IMPORT_DEFAULT_MAX_COLUMNS);
    im.field_limit = (size_t)(opt->max_field_bytes ? opt->max_field_bytes
                                                   : IMPORT_DEFAULT_MAX_FIELD_BYTES);
    im.res = calloc(1, sizeof *im.res);
    im.st = import_store_new();
    im.preview = calloc(opt->preview_rows ? opt->preview_rows : 1, sizeof *im.preview);
    if (!im.res || !im.st || !im.preview) {
        free(im.res);
        import_store_free(im.st);
        free(im.preview);
        import_fail(&im, IMPORT_ERR_NOMEM, 0, "out of memory");
        return NULL;
    }
    im.res->store = im.st;
    snprintf(im.res->region, sizeof im.res->region, "%s", im.region->iso);

    reader_options_t ro = {
        .delimiter = opt->delimiter,
        .encoding_forced = opt->encoding_forced,
        .encoding = opt->encoding,
        .max_field_bytes = im.field_limit,
        /* A data row is stored only up to the header's width (+ slack): one
         * row of commas must not cost memory per field (the header itself
         * stops one past --max-columns, and is refused). */
        .max_fields = im.max_columns + 1,
        .max_fields_from_first = true,
        .first_line = opt->first_line,
        .progress = on_progress,
        .progress_ctx = &im,
        .chunk_end = on_chunk_end,
    };
    reader_info_t info;
    im.info = &info;
    reader_status_t rs = path ? reader_run_file(path, &ro, on_record, &im, &info)
                              : reader_run_buffer(data, len, &ro, on_record, &im, &info);
    import_pending_free(&im.pending); /* empty: every chunk_end decided its rows */
    if (rs != READER_OK && err->status == IMPORT_OK) {
        err->status = from_reader(rs);
        err->line = info.error_line;
        snprintf(err->message, sizeof err->message, "%s", info.error);
    }
    if (err->status == IMPORT_OK && !im.have_header)
        import_fail(&im, IMPORT_ERR_NO_HEADER, 0, "the file is empty: no header row");

    import_result_t *res = im.res;
    res->encoding = info.encoding;
    res->bom = info.bom;
    res->delimiter = info.delimiter;
    res->delimiter_detected = info.delimiter_detected;
    res->blank_lines = info.blank_lines;
    res->rejections = im.rej;
    res->nrejections = im.nrej;
    res->preview = im.preview;
    free(im.ignored);
    im.ignored = NULL;
    if (err->status != IMPORT_OK) {
        import_result_free(res);
        return NULL;
    }
    return res;
}

import_result_t *import_file(const char *path, const import_options_t *opt, import_error_t *err)
{
    return import_run(path, NULL, 0, opt, err);
}

import_result_t *import_buffer(const void *data, size_t len, const import_options_t *opt,
                               import_error_t *err)
{
    return import_run(NULL, data ? data : "", data ? len : 0, opt, err);
}
