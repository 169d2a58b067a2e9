/* csv/fastparse against libcsv on known files: every csv-spectrum file
 * (tests/data) and a set of edge cases, under the reader's options and
 * others, cut into chunks of many sizes. The fast path must hand on
 * exactly libcsv's fields and row ends (tests/fuzz/fuzz_fastparse.c does
 * the same on any bytes), and must really take the plain and quoted
 * records (a fast path that always fell back would agree too). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <csv.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fastparse.h"

/* What the callbacks saw, flattened: F<len>:<bytes> N R<c> E<offset>,<status> */
typedef struct {
    char *text;
    size_t len, cap;
    const fastparse_t *fast; /* NULL for libcsv's run */
    size_t fields, in_place, plain_text;
} events_t;

static void put(events_t *e, const void *p, size_t n)
{
    if (e->len + n + 1 > e->cap) {
        e->cap = (e->len + n + 1) * 2;
        e->text = realloc(e->text, e->cap);
        assert_non_null(e->text);
    }
    memcpy(e->text + e->len, p, n);
    e->len += n;
    e->text[e->len] = '\0';
}

static void putf(events_t *e, const char *fmt, ...)
{
    char buf[64];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    put(e, buf, (size_t)n);
}

static void on_field(void *field, size_t len, void *ctx)
{
    events_t *e = ctx;
    e->fields++;
    if (e->fast && e->fast->in_place)
        e->in_place++;
    if (e->fast && e->fast->in_place && e->fast->plain_text && field) {
        /* the promise the reader skips its byte checks on */
        e->plain_text++;
        for (size_t i = 0; i < len; i++)
            assert_true(((unsigned char *)field)[i] >= 0x20 && ((unsigned char *)field)[i] < 0x80);
    }
    if (!field) {
        put(e, "N", 1);
        return;
    }
    putf(e, "F%zu:", len);
    put(e, field, len);
}

static void on_row(int c, void *ctx)
{
    putf(ctx, "R%d\n", c);
}

static void finish(events_t *e, struct csv_parser *p, size_t consumed, size_t len)
{
    putf(e, "E%zu,%d", consumed, csv_error(p));
    if (consumed == len) {
        int fini = csv_fini(p, on_field, on_row, e);
        putf(e, "|%d,%d", fini, csv_error(p));
    }
}

static void run_libcsv(const char *in, size_t len, unsigned char opts, char delim, events_t *e)
{
    struct csv_parser p;
    assert_int_equal(csv_init(&p, opts), 0);
    csv_set_delim(&p, (unsigned char)delim);
    size_t done = csv_parse(&p, in, len, on_field, on_row, e);
    finish(e, &p, done, len);
    csv_free(&p);
}

static void run_fast(const char *in, size_t len, unsigned char opts, char delim, size_t chunk,
                     events_t *e)
{
    struct csv_parser p;
    fastparse_t f;
    assert_int_equal(csv_init(&p, opts), 0);
    fastparse_init(&f, &p);
    csv_set_delim(&p, (unsigned char)delim);
    e->fast = &f;
    size_t pos = 0;
    while (pos < len) {
        size_t n = len - pos < chunk ? len - pos : chunk;
        unsigned char *copy = malloc(n); /* exact size: a read past it is ASan's */
        assert_non_null(copy);
        memcpy(copy, in + pos, n);
        size_t done = fastparse_feed(&f, copy, n, on_field, on_row, e);
        free(copy);
        pos += done;
        if (done < n)
            break;
    }
    finish(e, &p, pos, len);
    csv_free(&p);
}

static const unsigned char option_sets[] = {
    CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL, /* reader.c's */
    CSV_STRICT | CSV_APPEND_NULL,
    CSV_EMPTY_IS_NULL | CSV_REPALL_NL,
    0,
};
static const size_t chunks[] = {1, 2, 3, 5, 7, 16, 64, 4096, (size_t)-1};

/* Compares every option set, delimiter and chunk size on one input;
 * returns the in-place fields of the whole-buffer run with the reader's
 * options and delimiter. */
static size_t compare_all(const char *name, const char *in, size_t len, char delim)
{
    size_t in_place = 0;
    for (size_t o = 0; o < sizeof option_sets; o++) {
        events_t want = {0};
        run_libcsv(in, len, option_sets[o], delim, &want);
        for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
            events_t got = {0};
            run_fast(in, len, option_sets[o], delim, chunks[c], &got);
            if (strcmp(want.text, got.text) != 0)
                fail_msg("%s, options %u, delimiter '%c', chunks of %zu: fastparse gives\n%s\n"
                         "libcsv gives\n%s", name, option_sets[o], delim, chunks[c], got.text,
                         want.text);
            if (o == 0 && chunks[c] == (size_t)-1)
                in_place = got.in_place;
            free(got.text);
        }
        free(want.text);
    }
    return in_place;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    *len = buf ? fread(buf, 1, 1 << 20, f) : 0;
    fclose(f);
    return buf;
}

static void test_spectrum_corpus_agrees(void **state)
{
    (void)state;
    const char *top = getenv("DIALTOP_TESTDATA");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/csv-spectrum/csvs", top ? top : "tests/data");
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t files = 0, in_place = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t n = strlen(de->d_name);
        if (n < 5 || strcmp(de->d_name + n - 4, ".csv") != 0)
            continue;
        char path[1024], *text;
        size_t len = 0;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        assert_non_null(text = slurp(path, &len));
        in_place += compare_all(de->d_name, text, len, ',');
        compare_all(de->d_name, text, len, ';');
        compare_all(de->d_name, text, len, '\t');
        free(text);
        files++;
    }
    closedir(d);
    assert_true(files >= 10);
    assert_true(in_place > 0);
}

static void test_edge_cases_agree(void **state)
{
    (void)state;
    static const struct {
        const char *name, *text;
    } cases[] = {
        {"empty", ""},
        {"blank lines", "\n\n\r\n\r\r  \n\t\n"},
        {"trailing delimiter", "a,b,\n,\n,,\n"},
        {"blanks around", "  a  , b\t,\t c \n"},
        {"last line without newline", "a,b\n1,2"},
        {"last field blanks only", "a,b\n1,   "},
        {"crlf", "a,b\r\n1,2\r\n"},
        {"cr only", "a,b\r1,2\r"},
        {"nul bytes", "a\0b,c\n\0,\0\n"},
        {"high bytes", "\xc3\xa9,\xff\xfe\n"},
        {"quoted", "\"a,b\",\"c\"\"d\"\"\",\"\"\n"},
        {"quoted then blanks", "\"a\"  ,\"b\"\t\n"},
        {"quoted line breaks", "\"a\nb\r\nc\",d\n"},
        {"quote inside unquoted", "a,b\"c\n"},
        {"text after closing quote", "\"a\"b,c\n"},
        {"blank then text after quote", "\"a\" b,c\n"},
        {"unterminated quote", "a,\"b\nc\n"},
        {"quote at the very end", "a,\""},
        {"lone quotes", "\"\"\"\"\n\"\"\n"},
        {"leading blanks before a quote", "   \"a\",  \"b\"\n"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t len = strlen(cases[k].text);
        if (strcmp(cases[k].name, "nul bytes") == 0)
            len = 10;
        compare_all(cases[k].name, cases[k].text, len, ',');
        compare_all(cases[k].name, cases[k].text, len, '\t');
    }
}

/* Wider than FASTPARSE_MAX_FIELDS: libcsv's, with the same result. */
static void test_wide_record_agrees(void **state)
{
    (void)state;
    size_t n = FASTPARSE_MAX_FIELDS * 3;
    char *text = malloc(n * 2 + 8);
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        text[len++] = (char)('a' + i % 26);
        text[len++] = i + 1 < n ? ',' : '\n';
    }
    memcpy(text + len, "x,y\n", 4);
    len += 4;
    compare_all("wide", text, len, ',');
    free(text);
}

/* The fast path takes plain and cleanly quoted records itself, in place,
 * and leaves a record with a stray quote to libcsv. */
static void test_fast_path_is_taken(void **state)
{
    (void)state;
    const char *plain = "name,phone\nAnn,+1 202\n\"Bob, Jr\",\"say \"\"hi\"\"\"\n";
    assert_int_equal(compare_all("plain", plain, strlen(plain), ','), 6);
    const char *stray = "a,b\nx\"y,2\n";
    assert_int_equal(compare_all("stray", stray, strlen(stray), ','), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spectrum_corpus_agrees),
        cmocka_unit_test(test_edge_cases_agree),
        cmocka_unit_test(test_wide_record_agrees),
        cmocka_unit_test(test_fast_path_is_taken),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
