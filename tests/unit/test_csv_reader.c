/* Unit tests for csv/reader: the csv-spectrum corpus, delimiters, line
 * ends, physical line numbers, field limits, chunks, and the faults that
 * stop a run (encodings and BOMs: test_csv_encoding.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader.h"
#include "reader_rows.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

/* Each csvs/X.csv parses to json/X.json: first record is the header. */
typedef struct {
    char **names;
    size_t ncols;
    cJSON *expect;
    size_t index;
    bool header_done;
    int failures;
} spectrum_t;

static bool spectrum_row(void *ctx, const reader_record_t *rec)
{
    spectrum_t *s = ctx;
    if (!s->header_done) {
        s->ncols = rec->nfields;
        s->names = calloc(rec->nfields, sizeof *s->names);
        for (size_t i = 0; i < rec->nfields; i++)
            s->names[i] = strdup(rec->fields[i]);
        s->header_done = true;
        return true;
    }
    cJSON *obj = cJSON_GetArrayItem(s->expect, (int)s->index++);
    if (!obj || (size_t)cJSON_GetArraySize(obj) != rec->nfields) {
        s->failures++;
        return true;
    }
    for (size_t i = 0; i < rec->nfields; i++) {
        cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, s->names[i]);
        if (!cJSON_IsString(v) || strlen(v->valuestring) != rec->lens[i] ||
            memcmp(v->valuestring, rec->fields[i], rec->lens[i]) != 0) {
            fprintf(stderr, "mismatch in column %s\n", s->names[i]);
            s->failures++;
        }
    }
    return true;
}

static void test_spectrum_corpus(void **state)
{
    (void)state;
    static const char *const names[] = {
        "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines",
        "newlines_crlf", "quotes_and_newlines", "simple", "simple_crlf", "utf8",
    };
    const char *dir = getenv("DIALTOP_TESTDATA");
    if (!dir)
        dir = "tests/data";
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        char path[512];
        size_t clen, jlen;
        snprintf(path, sizeof path, "%s/csv-spectrum/csvs/%s.csv", dir, names[k]);
        char *csv = slurp(path, &clen);
        snprintf(path, sizeof path, "%s/csv-spectrum/json/%s.json", dir, names[k]);
        char *json = slurp(path, &jlen);
        assert_non_null(csv);
        assert_non_null(json);
        spectrum_t s = {.expect = cJSON_Parse(json)};
        assert_non_null(s.expect);
        reader_info_t info;
        reader_options_t o = {.delimiter = ','};
        assert_int_equal(reader_run_buffer(csv, clen, &o, spectrum_row, &s, &info), READER_OK);
        if (s.failures || s.index != (size_t)cJSON_GetArraySize(s.expect))
            fail_msg("%s: %d mismatches, %zu records", names[k], s.failures, s.index);
        for (size_t i = 0; i < s.ncols; i++)
            free(s.names[i]);
        free(s.names);
        cJSON_Delete(s.expect);
        free(csv);
        free(json);
    }
}

static void test_line_numbers_and_blank_lines(void **state)
{
    (void)state;
    /* CRLF, a quoted CRLF and LF, blank and whitespace-only lines, ",," */
    const char *in = "a,b\r\n1,\"x\r\ny\ny\"\r\n\r\n   \r\n,\r\n2,z\r\n3,w";
    rows_t r;
    reader_info_t info;
    assert_int_equal(reader_rows_run(in, strlen(in), NULL, &r, &info), READER_OK);
    assert_int_equal(r.n, 4);
    assert_string_equal(r.rows[0], "1|a|b");
    assert_string_equal(r.rows[1], "2|1|x\r\ny\ny");
    assert_string_equal(r.rows[2], "8|2|z");
    assert_string_equal(r.rows[3], "9|3|w");
    assert_int_equal(info.blank_lines, 3);
    reader_rows_free(&r);
}

static void test_cr_only_line_ends(void **state)
{
    (void)state;
    const char *in = "phone;name\r555;\"a\rb\"\r\r556;c\r";
    rows_t r;
    reader_info_t info;
    assert_int_equal(reader_rows_run(in, strlen(in), NULL, &r, &info), READER_OK);
    assert_int_equal(info.delimiter, ';');
    assert_int_equal(r.n, 3);
    assert_string_equal(r.rows[1], "2|555|a\rb");
    assert_string_equal(r.rows[2], "5|556|c");
    assert_int_equal(info.blank_lines, 1);
    reader_rows_free(&r);
}

static void test_delimiter_detection(void **state)
{
    (void)state;
    assert_int_equal(reader_detect_delimiter("a;b;c\n1;2,5;3\n", 14), ';');
    assert_int_equal(reader_detect_delimiter("a\tb\n1\t2\n", 8), '\t');
    assert_int_equal(reader_detect_delimiter("a|b|c\n1|2|3\n", 12), '|');
    assert_int_equal(reader_detect_delimiter("a,b\n1,2\n", 8), ',');
    /* the semicolons are inside quotes: comma wins */
    const char *q = "name,phone\n\"x;y;z\",1\n\"p;q;r\",2\n";
    assert_int_equal(reader_detect_delimiter(q, strlen(q)), ',');
    assert_int_equal(reader_detect_delimiter("phone\n555\n", 10), ',');
    /* override */
    rows_t r;
    reader_info_t info;
    reader_options_t o = {.delimiter = '|'};
    assert_int_equal(reader_rows_run("a,b|c\n", 6, &o, &r, &info), READER_OK);
    assert_false(info.delimiter_detected);
    assert_string_equal(r.rows[0], "1|a,b|c");
    reader_rows_free(&r);
}

static void test_nul_byte_row(void **state)
{
    (void)state;
    const char in[] = "a,b\n1,x\0y\n2,z\n";
    rows_t r;
    reader_info_t info;
    assert_int_equal(reader_rows_run(in, sizeof in - 1, NULL, &r, &info), READER_OK);
    assert_int_equal(r.n, 3);
    assert_non_null(strstr(r.rows[1] + strlen(r.rows[1]) + 1, "!z1"));
    assert_null(strchr(r.rows[2], '!'));
    reader_rows_free(&r);
}

static void test_malformed_quote(void **state)
{
    (void)state;
    rows_t r;
    reader_info_t info;
    const char *in = "a,b\n1,2\n3,x\"y\n";
    assert_int_equal(reader_rows_run(in, strlen(in), NULL, &r, &info), READER_ERR_QUOTE);
    assert_int_equal(info.error_line, 3);
    reader_rows_free(&r);
    in = "a,b\n1,\"x\ny\"z\n";
    assert_int_equal(reader_rows_run(in, strlen(in), NULL, &r, &info), READER_ERR_QUOTE);
    assert_int_equal(info.error_line, 3);
    reader_rows_free(&r);
    in = "a,b\n1,2\n3,\"never closed\n4,5\n";
    assert_int_equal(reader_rows_run(in, strlen(in), NULL, &r, &info), READER_ERR_QUOTE);
    assert_int_equal(info.error_line, 3);
    assert_non_null(strstr(info.error, "unterminated"));
    reader_rows_free(&r);
}

static bool count_only(void *ctx, const reader_record_t *rec)
{
    (void)rec;
    ++*(long *)ctx;
    return true;
}

static void test_unterminated_quote_8mb(void **state)
{
    (void)state;
    /* 8 MB of valid rows with a stray quote on line 1001: the run stops
     * with that line, long before reading the rest of the file */
    size_t size = 8u * 1024u * 1024u;
    char *buf = malloc(size);
    size_t o = (size_t)snprintf(buf, size, "name,phone\n");
    long line = 1;
    while (o + 40 < size) {
        line++;
        if (line == 1001)
            o += (size_t)snprintf(buf + o, size - o, "\"stray,5552010000\n");
        else
            o += (size_t)snprintf(buf + o, size - o, "n%ld,+1555201%04ld\n", line, line % 10000);
    }
    const char *dir = getenv("DIALTOP_TEST_TMP");
    char path[512];
    snprintf(path, sizeof path, "%s/unterminated.csv", dir ? dir : "/tmp");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(buf, 1, o, f), o);
    fclose(f);
    long records = 0;
    reader_info_t info;
    assert_int_equal(reader_run_file(path, NULL, count_only, &records, &info), READER_ERR_QUOTE);
    assert_int_equal(info.error_line, 1001);
    assert_int_equal(records, 1000);
    assert_true(info.bytes < o); /* bounded: stopped before the end */
    assert_non_null(strstr(info.error, "unterminated quote"));
    remove(path);
    free(buf);
}

typedef struct {
    int records;
    long too_long_line;
} flags_t;

static bool note_too_long(void *ctx, const reader_record_t *rec)
{
    flags_t *f = ctx;
    f->records++;
    if (rec->too_long.field != READER_NO_FAULT) {
        assert_int_equal(rec->too_long.field, 1);
        assert_int_equal(rec->lens[1], 40); /* kept whole, for the export */
        f->too_long_line = rec->line;
    }
    return true;
}

static void test_field_too_long_flagged(void **state)
{
    (void)state;
    char in[200];
    int n = snprintf(in, sizeof in, "a,b\n1,\"%s\"\n2,ok\n",
                     "0123456789012345678901234567890123456789");
    reader_options_t o = {.max_field_bytes = 16};
    flags_t fl = {0};
    reader_info_t info;
    assert_int_equal(reader_run_buffer(in, (size_t)n, &o, note_too_long, &fl, &info), READER_OK);
    assert_int_equal(fl.records, 3);
    assert_int_equal(fl.too_long_line, 2);
}

/* Fields past the first record's width (+ slack) are counted, not stored;
 * a row of empty fields past the cap is still a blank line, and a row with
 * text past the cap is not. */
typedef struct {
    size_t nfields[8], dropped[8];
    long line[8];
    int n;
} widths_t;

static bool note_width(void *ctx, const reader_record_t *rec)
{
    widths_t *w = ctx;
    if (w->n < 8) {
        w->nfields[w->n] = rec->nfields;
        w->dropped[w->n] = rec->dropped_fields;
        w->line[w->n++] = rec->line;
    }
    return true;
}

static void test_fields_capped_at_header(void **state)
{
    (void)state;
    char data[4096];
    int o = snprintf(data, sizeof data, "a,b,c\n1,2,3\n1");
    for (int i = 0; i < 100; i++)
        data[o++] = ',';
    o += snprintf(data + o, sizeof data - (size_t)o, "x\n");
    for (int i = 0; i < 500; i++)
        data[o++] = ',';
    o += snprintf(data + o, sizeof data - (size_t)o, "\n4,5,6\n");
    reader_options_t opt = {.max_fields_from_first = true};
    widths_t w = {0};
    reader_info_t info;
    assert_int_equal(reader_run_buffer(data, (size_t)o, &opt, note_width, &w, &info), READER_OK);
    assert_int_equal(w.n, 4);
    assert_int_equal(w.nfields[2], 3 + READER_FIELD_SLACK);
    assert_int_equal(w.nfields[2] + w.dropped[2], 101);
    assert_int_equal(w.line[3], 5); /* line numbers survive the dropped fields */
    assert_int_equal(w.dropped[3], 0);
    assert_int_equal(info.blank_lines, 1);
    /* a fixed cap applies to the first record too */
    reader_options_t fixed = {.max_fields = 2};
    widths_t v = {0};
    assert_int_equal(reader_run_buffer(data, (size_t)o, &fixed, note_width, &v, &info), READER_OK);
    assert_int_equal(v.nfields[0], 2);
    assert_int_equal(v.dropped[0], 1);
}

/* Filler rows "1,xx..." up to exactly `target` bytes (at least 4 away). */
static void pad_to(char *b, size_t *n, size_t target, long *line)
{
    while (target - *n >= 27) {
        memcpy(b + *n, "1,xxxxxxxxxxxxxxxxxxxx\n", 23);
        *n += 23;
        (*line)++;
    }
    size_t r = target - *n;
    b[(*n)++] = '1';
    b[(*n)++] = ',';
    memset(b + *n, 'x', r - 3);
    *n += r - 3;
    b[(*n)++] = '\n';
    (*line)++;
}

/* The UTF-8 / NUL check is made once per 256 KiB chunk: a field that
 * straddles a chunk boundary keeps the fault of its dirty half (whichever
 * half it is), and a sequence cut by a boundary is still valid. */
#define PUT(lit) (memcpy(b + n, lit, sizeof lit - 1), n += sizeof lit - 1)

static void test_chunk_check_across_boundaries(void **state)
{
    (void)state;
    const size_t K = 256u * 1024u;
    char *b = malloc(6 * K);
    size_t n = 0;
    long line = 1, bad_line, next_line, split_line, late_line, nul_line;
    memcpy(b, "a,b\n", 4);
    n = 4;
    line = 2;
    /* a quoted field: bad byte just before boundary 1, the field ends in
     * the clean chunk 2 */
    pad_to(b, &n, K - 6, &line);
    bad_line = line;
    PUT("2,\"q\xFFr\nst\"\n");
    line += 2;
    next_line = line;
    PUT("7,next\n");
    line++;
    /* a field starting in the clean chunk 3, its bad byte past boundary 3 */
    pad_to(b, &n, 3 * K - 6, &line);
    late_line = line;
    PUT("5,\"abcd\xC0\xAF\"\n");
    line++;
    nul_line = line;
    PUT("4,x\0y\n");
    line++;
    /* an e-acute cut by boundary 5 */
    pad_to(b, &n, 5 * K - 6, &line);
    split_line = line;
    PUT("3,caf\xC3\xA9\n");
    line++;
    PUT("6,ok\n");
    rows_t r;
    reader_info_t info;
    assert_int_equal(reader_rows_run(b, n, NULL, &r, &info), READER_OK);
    int seen = 0;
    for (size_t i = 0; i < r.n; i++) {
        long l = strtol(r.rows[i], NULL, 10);
        const char *row = r.rows[i];
        char want[32];
        if (l == bad_line) {
            snprintf(want, sizeof want, "!u1@%ld", bad_line);
            assert_non_null(strstr(row, want));
            seen++;
        } else if (l == next_line) {
            assert_string_equal(strchr(row, '|'), "|7|next");
            seen++;
        } else if (l == split_line) {
            assert_string_equal(strchr(row, '|'), "|3|caf\xC3\xA9");
            seen++;
        } else if (l == late_line) {
            snprintf(want, sizeof want, "!u1@%ld", late_line);
            assert_non_null(strstr(row, want));
            seen++;
        } else if (l == nul_line) {
            assert_non_null(strstr(row + strlen(row) + 1, "!z1"));
            seen++;
        } else {
            assert_null(strchr(row, '!'));
        }
    }
    assert_int_equal(seen, 5);
    assert_int_equal(strtol(r.rows[r.n - 1], NULL, 10), split_line + 1);
    reader_rows_free(&r);
    free(b);
}

/* Stable records (reader.h): their field bytes stay as they were until
 * chunk_end, which comes once per chunk, also when the run stops inside
 * one; without chunk_end no record is stable. */
typedef struct {
    const char *ptr[64];
    char *copy[64];
    size_t len[64];
    size_t n;               /* fields held since the last chunk_end */
    long stable, unstable, chunk_ends, checked;
    long stop_at_chunk;     /* chunk_end returns false at this one (0: never) */
} keep_t;

static bool keep_record(void *ctx, const reader_record_t *rec)
{
    keep_t *k = ctx;
    if (!rec->stable) {
        k->unstable++;
        return true;
    }
    k->stable++;
    /* hold on to the record's first field, as the importer does */
    if (k->n < 64 && rec->nfields) {
        k->ptr[k->n] = rec->fields[0];
        k->len[k->n] = rec->lens[0];
        k->copy[k->n] = malloc(rec->lens[0] + 1);
        memcpy(k->copy[k->n], rec->fields[0], rec->lens[0]);
        k->n++;
    }
    return true;
}

static bool keep_chunk_end(void *ctx)
{
    keep_t *k = ctx;
    for (size_t i = 0; i < k->n; i++) {
        assert_memory_equal(k->ptr[i], k->copy[i], k->len[i]);
        free(k->copy[i]);
        k->checked++;
    }
    k->n = 0;
    k->chunk_ends++;
    return k->chunk_ends != k->stop_at_chunk;
}

static char *keep_csv(size_t rows, size_t *len)
{
    size_t cap = rows * 48 + 64, o = 0;
    char *csv = malloc(cap);
    o += (size_t)snprintf(csv, cap, "phone,name\n");
    for (size_t i = 0; i < rows; i++)
        o += (size_t)snprintf(csv + o, cap - o, i % 13 == 4 ? "+1201555%04zu,\"two\nlines %zu\"\n"
                                                            : "+1201555%04zu,name %zu\n",
                              i % 10000, i);
    *len = o;
    return csv;
}

static void test_stable_records_until_chunk_end(void **state)
{
    (void)state;
    size_t len;
    char *csv = keep_csv(40000, &len); /* over 1 MB: several 256 KiB chunks */
    keep_t k = {0};
    reader_options_t o = {.delimiter = ',', .progress_ctx = &k, .chunk_end = keep_chunk_end};
    reader_info_t info;
    assert_int_equal(reader_run_buffer(csv, len, &o, keep_record, &k, &info), READER_OK);
    assert_int_equal(k.stable + k.unstable, 40001);
    assert_true(k.stable > 39000);
    assert_true(k.unstable >= 1);          /* records across a chunk's end are libcsv's */
    assert_int_equal(k.chunk_ends, (long)((len + 256 * 1024 - 1) / (256 * 1024)));
    assert_true(k.checked > 64);
    assert_int_equal(k.n, 0);

    /* no chunk_end: nothing is promised */
    memset(&k, 0, sizeof k);
    o.chunk_end = NULL;
    assert_int_equal(reader_run_buffer(csv, len, &o, keep_record, &k, &info), READER_OK);
    assert_int_equal(k.stable, 0);
    assert_int_equal(k.unstable, 40001);

    /* chunk_end saying stop stops the run after that chunk */
    memset(&k, 0, sizeof k);
    o.chunk_end = keep_chunk_end;
    k.stop_at_chunk = 2;
    assert_int_equal(reader_run_buffer(csv, len, &o, keep_record, &k, &info), READER_ERR_STOPPED);
    assert_int_equal(k.chunk_ends, 2);
    assert_true(k.stable + k.unstable < 40001);

    /* a quoting fault inside a chunk: chunk_end still comes, before the run ends */
    memset(&k, 0, sizeof k);
    k.stop_at_chunk = -1;
    size_t cut = len / 2;
    while (csv[cut] != '\n')
        cut++;
    memcpy(csv + cut + 1, "x\"y,z\n", 6); /* a quote inside an unquoted field */
    assert_int_equal(reader_run_buffer(csv, len, &o, keep_record, &k, &info), READER_ERR_QUOTE);
    assert_int_equal(k.chunk_ends, (long)(cut / (256 * 1024)) + 1);
    assert_int_equal(k.n, 0);
    free(csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spectrum_corpus),
        cmocka_unit_test(test_line_numbers_and_blank_lines),
        cmocka_unit_test(test_cr_only_line_ends),
        cmocka_unit_test(test_delimiter_detection),
        cmocka_unit_test(test_nul_byte_row),
        cmocka_unit_test(test_malformed_quote),
        cmocka_unit_test(test_unterminated_quote_8mb),
        cmocka_unit_test(test_field_too_long_flagged),
        cmocka_unit_test(test_fields_capped_at_header),
        cmocka_unit_test(test_chunk_check_across_boundaries),
        cmocka_unit_test(test_stable_records_until_chunk_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
