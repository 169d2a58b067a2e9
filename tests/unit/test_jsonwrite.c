/* The JSON writer behind streamed request bodies (api/jsonwrite.h): every
 * escape JSON requires, UTF-8 passed through, bytes that are not UTF-8
 * replaced so the text always parses, and agreement with cJSON's printer,
 * since the streamed bodies must read exactly as the trees they replace. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "jsonwrite.h"

/* jsonwrite_string(s) as a fresh string (the caller frees it). */
static char *written(const char *s)
{
    dynbuf_t b = {0};
    jsonwrite_string(&b, s);
    assert_false(b.failed);
    return dynbuf_take(&b);
}

static void expect_written(const char *s, const char *want)
{
    char *got = written(s);
    assert_string_equal(got, want);
    free(got);
}

/* What cJSON prints for the string `s`. */
static char *cjson_written(const char *s)
{
    cJSON *j = cJSON_CreateString(s);
    char *out = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    return out;
}

/* The text parses back to exactly `s`. */
static void expect_round_trip(const char *s)
{
    char *text = written(s);
    cJSON *j = cJSON_Parse(text);
    if (!j || !cJSON_IsString(j))
        fail_msg("not a JSON string: %s", text);
    assert_string_equal(j->valuestring, s);
    cJSON_Delete(j);
    free(text);
}

static void test_plain_and_empty(void **state)
{
    (void)state;
    expect_written("Ann", "\"Ann\"");
    expect_written("", "\"\"");
    expect_written(NULL, "\"\"");
    expect_written("a/b <c> & 'd'", "\"a/b <c> & 'd'\"");
}

static void test_quotes_and_backslash(void **state)
{
    (void)state;
    expect_written("John \"JD\" Doe", "\"John \\\"JD\\\" Doe\"");
    expect_written("C:\\path\\", "\"C:\\\\path\\\\\"");
    expect_written("\\\"", "\"\\\\\\\"\"");
    expect_round_trip("\",\"phone_number\":\"+1\"}");
}

static void test_control_characters(void **state)
{
    (void)state;
    expect_written("a\nb\r\tc", "\"a\\nb\\r\\tc\"");
    expect_written("\b\f", "\"\\b\\f\"");
    expect_written("\x01\x1f", "\"\\u0001\\u001f\"");
    expect_written("\x1b[31mred", "\"\\u001b[31mred\"");
    /* DEL is allowed in JSON text as is. */
    expect_written("x\x7fy", "\"x\x7fy\"");
    char all[32];
    for (int i = 1; i < 32; i++)
        all[i - 1] = (char)i;
    all[31] = '\0';
    expect_round_trip(all);
}

static void test_utf8_passes_through(void **state)
{
    (void)state;
    /* 2-, 3- and 4-byte sequences and the edges of the valid ranges. */
    const char *texts[] = {"Zoë Müller", "नमस्ते", "東京", "😀 ok", "\xc2\x80", "\xdf\xbf",
                           "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf",
                           "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "\xe2\x80\xa8"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        char want[64];
        snprintf(want, sizeof want, "\"%s\"", texts[i]);
        expect_written(texts[i], want);
        expect_round_trip(texts[i]);
    }
}

static void test_invalid_utf8_replaced(void **state)
{
    (void)state;
    expect_written("a\xff" "b", "\"a\\ufffdb\"");
    expect_written("\xc3", "\"\\ufffd\"");                  /* cut short at the end */
    expect_written("\xc3(", "\"\\ufffd(\"");                /* bad continuation */
    expect_written("\xc0\xaf", "\"\\ufffd\\ufffd\"");       /* overlong '/' */
    expect_written("\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\""); /* overlong */
    expect_written("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\""); /* surrogate */
    expect_written("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\""); /* > U+10FFFF */
    expect_written("\xf5\x80", "\"\\ufffd\\ufffd\"");
    expect_written("\xe6\x9d\xb1\xe6", "\"\xe6\x9d\xb1\\ufffd\"");
    char *text = written("ok\xfe\xff\x80");
    cJSON *j = cJSON_Parse(text);
    assert_non_null(j);
    assert_string_equal(j->valuestring, "ok\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    cJSON_Delete(j);
    free(text);
}

/* Same bytes as cJSON for every valid-UTF-8 input: the driver tests and
 * the providers see the body they saw before streaming. */
static void test_matches_cjson(void **state)
{
    (void)state;
    const char *texts[] = {"", "plain", "q\"b\\s/", "\n\r\t\b\f\x01\x1e", "Zoë 東京 😀",
                           "\x7f", "mixed \"é\"\n\\"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        char *ours = written(texts[i]);
        char *theirs = cjson_written(texts[i]);
        assert_string_equal(ours, theirs);
        free(ours);
        free(theirs);
    }
}

static void test_members(void **state)
{
    (void)state;
    dynbuf_t b = {0};
    bool first = true;
    dynbuf_add(&b, "{");
    jsonwrite_member(&b, &first, "phone_number", "+15551234567");
    assert_false(first);
    jsonwrite_member(&b, &first, "note", "");
    jsonwrite_member(&b, &first, "na\"me", "v\n");
    dynbuf_add(&b, "}");
    char *s = dynbuf_take(&b);
    assert_string_equal(s, "{\"phone_number\":\"+15551234567\",\"note\":\"\",\"na\\\"me\":\"v\\n\"}");
    cJSON *j = cJSON_Parse(s);
    assert_non_null(j);
    assert_string_equal(cJSON_GetObjectItem(j, "note")->valuestring, "");
    assert_string_equal(cJSON_GetObjectItem(j, "na\"me")->valuestring, "v\n");
    cJSON_Delete(j);
    free(s);
}

/* Long runs cross the buffer's growth steps without losing a byte. */
static void test_long_text(void **state)
{
    (void)state;
    size_t n = 100000;
    char *s = malloc(n + 1);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        s[i] = (i % 97 == 0) ? '"' : (char)('a' + i % 26);
    s[n] = '\0';
    expect_round_trip(s);
    char *ours = written(s);
    char *theirs = cjson_written(s);
    assert_string_equal(ours, theirs);
    free(ours);
    free(theirs);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_and_empty),
        cmocka_unit_test(test_quotes_and_backslash),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_utf8_passes_through),
        cmocka_unit_test(test_invalid_utf8_replaced),
        cmocka_unit_test(test_matches_cjson),
        cmocka_unit_test(test_members),
        cmocka_unit_test(test_long_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
