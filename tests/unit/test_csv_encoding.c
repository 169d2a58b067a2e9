/* Unit tests for csv/encoding through the reader: BOMs, UTF-16 (also
 * split across chunks), CP-1252, the place of invalid UTF-8, and files
 * that are not text at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "encoding.h"
#include "reader.h"
#include "reader_rows.h"

static void test_utf8_bom(void **state)
{
    (void)state;
    const char in[] = "\xEF\xBB\xBFphone,n\n1,\xC3\xA9\n";
    rows_t r;
    reader_info_t info;
    assert_int_equal(reader_rows_run(in, sizeof in - 1, NULL, &r, &info), READER_OK);
    assert_true(info.bom);
    assert_int_equal(info.encoding, ENCODING_UTF8);
    assert_string_equal(r.rows[0], "1|phone|n");
    assert_string_equal(r.rows[1], "2|1|\xC3\xA9");
    reader_rows_free(&r);
}

/* Builds UTF-16 (with BOM) from ASCII plus a few non-ASCII code points. */
static size_t to_utf16(const unsigned *cps, size_t n, bool le, unsigned char *out)
{
    size_t o = 0;
    unsigned bom = 0xFEFF;
    for (size_t i = 0; i <= n; i++) {
        unsigned cp = i == 0 ? bom : cps[i - 1];
        unsigned units[2];
        int nu = 1;
        if (cp >= 0x10000) {
            units[0] = 0xD800 + ((cp - 0x10000) >> 10);
            units[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
            nu = 2;
        } else {
            units[0] = cp;
        }
        for (int k = 0; k < nu; k++) {
            out[o++] = (unsigned char)(le ? units[k] & 0xFF : units[k] >> 8);
            out[o++] = (unsigned char)(le ? units[k] >> 8 : units[k] & 0xFF);
        }
    }
    return o;
}

static void check_utf16(bool le)
{
    /* "p,n\n1,é😀\n" */
    const unsigned cps[] = {'p', ',', 'n', '\n', '1', ',', 0xE9, 0x1F600, '\n'};
    unsigned char buf[64];
    size_t len = to_utf16(cps, sizeof cps / sizeof cps[0], le, buf);
    rows_t r;
    reader_info_t info;
    assert_int_equal(reader_rows_run((char *)buf, len, NULL, &r, &info), READER_OK);
    assert_true(info.bom);
    assert_int_equal(info.encoding, le ? ENCODING_UTF16LE : ENCODING_UTF16BE);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.rows[1], "2|1|\xC3\xA9\xF0\x9F\x98\x80");
    reader_rows_free(&r);
}

static void test_utf16_le(void **state)
{
    (void)state;
    check_utf16(true);
}

static void test_utf16_be(void **state)
{
    (void)state;
    check_utf16(false);
}

static void test_utf16_split_across_chunks(void **state)
{
    (void)state;
    /* enough rows of a surrogate pair that chunk edges fall everywhere */
    size_t rows = 40000;
    unsigned *cps = malloc((rows * 4 + 8) * sizeof *cps);
    size_t n = 0;
    cps[n++] = 'x';
    cps[n++] = '\n';
    for (size_t i = 0; i < rows; i++) {
        cps[n++] = 0x1F600;
        cps[n++] = i % 2 ? 0xE9 : 'a';
        cps[n++] = '\n';
    }
    unsigned char *buf = malloc(n * 4 + 2);
    size_t len = to_utf16(cps, n, true, buf);
    rows_t r;
    reader_info_t info;
    assert_int_equal(reader_rows_run((char *)buf, len, NULL, &r, &info), READER_OK);
    assert_int_equal(r.n, rows + 1);
    assert_string_equal(r.rows[rows], "40001|\xF0\x9F\x98\x80\xC3\xA9");
    for (size_t i = 1; i <= rows; i++)
        assert_null(strchr(r.rows[i], '!'));
    reader_rows_free(&r);
    free(cps);
    free(buf);
}

static void test_cp1252(void **state)
{
    (void)state;
    const char in[] = "p,n\n1,caf\xE9 \x80\x93\n";
    rows_t r;
    reader_info_t info;
    /* as UTF-8 the bytes are invalid: reported with field and line */
    assert_int_equal(reader_rows_run(in, sizeof in - 1, NULL, &r, &info), READER_OK);
    assert_string_equal(r.rows[1], "2|1|caf\xE9 \x80\x93!u1@2");
    reader_rows_free(&r);
    reader_options_t o = {.encoding_forced = true, .encoding = ENCODING_CP1252};
    assert_int_equal(reader_rows_run(in, sizeof in - 1, &o, &r, &info), READER_OK);
    assert_string_equal(r.rows[1], "2|1|caf\xC3\xA9 \xE2\x82\xAC\xE2\x80\x9C");
    reader_rows_free(&r);
}

static void test_invalid_utf8_position(void **state)
{
    (void)state;
    /* the bad byte is on the 2nd physical line of a quoted field */
    const char in[] = "a,b\n1,\"ok\nb\xC3(d\"\n2,\xED\xA0\x80\n3,\xC0\xAF\n";
    rows_t r;
    reader_info_t info;
    assert_int_equal(reader_rows_run(in, sizeof in - 1, NULL, &r, &info), READER_OK);
    assert_int_equal(r.n, 4);
    assert_non_null(strstr(r.rows[1], "!u1@3"));
    assert_non_null(strstr(r.rows[2], "!u1@4")); /* surrogate */
    assert_non_null(strstr(r.rows[3], "!u1@5")); /* overlong */
    reader_rows_free(&r);
    assert_int_equal(encoding_utf8_invalid_at((const unsigned char *)"ab\xF4\x90\x80\x80", 6), 2);
    assert_int_equal(encoding_utf8_invalid_at((const unsigned char *)"\xF0\x9F\x98\x80", 4), 4);
    assert_int_equal(encoding_utf8_invalid_at((const unsigned char *)"x\xE2\x82", 3), 1);
    /* a bad byte or a good sequence at every place of an ASCII run: each
     * way through the ASCII skips (16, 8 and 1 byte at a time) */
    for (size_t at = 0; at < 40; at++) {
        unsigned char run[48];
        memset(run, 'a', sizeof run);
        run[at] = 0xFF;
        assert_int_equal(encoding_utf8_invalid_at(run, sizeof run), at);
        run[at] = 0xC3;
        run[at + 1] = 0xA9;
        assert_int_equal(encoding_utf8_invalid_at(run, sizeof run), sizeof run);
        assert_int_equal(encoding_utf8_invalid_at(run, at + 1), at); /* cut short */
    }
}

static void test_not_text(void **state)
{
    (void)state;
    rows_t r;
    reader_info_t info;
    const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert_int_equal(reader_rows_run(png, sizeof png - 1, NULL, &r, &info), READER_ERR_NOT_TEXT);
    assert_non_null(strstr(info.error, "PNG"));
    assert_int_equal(r.n, 0);
    char bin[2048];
    for (size_t i = 0; i < sizeof bin; i++)
        bin[i] = (char)(i % 7 ? 'a' : 0);
    assert_int_equal(reader_rows_run(bin, sizeof bin, NULL, &r, &info), READER_ERR_NOT_TEXT);
    assert_non_null(strstr(info.error, "NUL"));
    const char u16[] = "p\0h\0o\0n\0e\0\n\0" "1\0\n\0";
    assert_int_equal(reader_rows_run(u16, sizeof u16 - 1, NULL, &r, &info), READER_ERR_NOT_TEXT);
    assert_non_null(strstr(info.error, "UTF-16LE"));
    const char zip[] = "PK\x03\x04rest";
    assert_int_equal(reader_rows_run(zip, sizeof zip - 1, NULL, &r, &info), READER_ERR_NOT_TEXT);
    assert_non_null(strstr(info.error, "xlsx"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_bom),
        cmocka_unit_test(test_utf16_le),
        cmocka_unit_test(test_utf16_be),
        cmocka_unit_test(test_utf16_split_across_chunks),
        cmocka_unit_test(test_cp1252),
        cmocka_unit_test(test_invalid_utf8_position),
        cmocka_unit_test(test_not_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
