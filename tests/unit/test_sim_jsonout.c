/* sim/jsonout.c against cJSON_PrintUnformatted: the same document built
 * both ways must print the same bytes (strings with every byte value,
 * text that is not UTF-8, numbers at cJSON's format boundaries, nesting,
 * NULL strings left out), since the sim's replies switched from one to
 * the other without a client seeing it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonout.h"

static void assert_same(cJSON *tree, jsonout_t *b)
{
    char *want = cJSON_PrintUnformatted(tree);
    char *got = jsonout_take(b);
    assert_non_null(want);
    assert_non_null(got);
    if (strcmp(want, got) != 0)
        fail_msg("cJSON: %s\njsonout: %s", want, got);
    free(want);
    free(got);
    cJSON_Delete(tree);
}

static void test_strings_every_byte(void **state)
{
    (void)state;
    cJSON *t = cJSON_CreateObject();
    jsonout_t b = {0};
    jsonout_object_open(&b, NULL);
    char s[2] = {0};
    for (int c = 1; c < 256; c++) {
        char key[16]; /* room for any int: -O1 with the sanitizers warns otherwise */
        snprintf(key, sizeof key, "k%d", c);
        s[0] = (char)c;
        cJSON_AddStringToObject(t, key, s);
        jsonout_string(&b, key, s);
    }
    /* not UTF-8: a lone continuation byte, a cut sequence, an overlong */
    const char *odd[] = {"a\x80z", "\xe2\x82", "\xc0\xaf", "", "caf\xc3\xa9 \"q\" \\ \t\n\x01"};
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        char key[8];
        snprintf(key, sizeof key, "o%zu", i);
        cJSON_AddStringToObject(t, key, odd[i]);
        jsonout_string(&b, key, odd[i]);
    }
    /* a key that needs escaping too */
    cJSON_AddStringToObject(t, "we\"ird\n", "v");
    jsonout_string(&b, "we\"ird\n", "v");
    jsonout_object_close(&b);
    assert_same(t, &b);
}

static void test_numbers(void **state)
{
    (void)state;
    const double v[] = {0, -0.0, 1, -1, 42, 2147483647.0, 2147483648.0, -2147483649.0,
                        1772445600000.0, 999999999999999.0, 1e15, -1e15, 1e16, 123456789012345678.0,
                        1.5, 0.1, -2.25, 1e300, 1e-300, NAN, INFINITY};
    cJSON *t = cJSON_CreateArray();
    jsonout_t b = {0};
    jsonout_array_open(&b, NULL);
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        cJSON_AddItemToArray(t, cJSON_CreateNumber(v[i]));
        jsonout_number(&b, NULL, v[i]);
    }
    jsonout_array_close(&b);
    assert_same(t, &b);
}

static void test_nesting_null_and_raw(void **state)
{
    (void)state;
    cJSON *t = cJSON_CreateObject();
    cJSON_AddStringToObject(t, "a", "x");
    cJSON_AddStringToObject(t, "gone", NULL); /* cJSON leaves it out */
    cJSON_AddNullToObject(t, "n");
    cJSON_AddFalseToObject(t, "f");
    cJSON_AddTrueToObject(t, "t");
    cJSON *arr = cJSON_AddArrayToObject(t, "arr");
    cJSON_AddItemToArray(arr, cJSON_CreateObject());
    cJSON_AddItemToArray(arr, cJSON_CreateArray());
    cJSON_AddItemToArray(arr, cJSON_CreateString("s"));
    cJSON *o = cJSON_AddObjectToObject(t, "o");
    cJSON_AddItemToObject(o, "inner", cJSON_CreateRaw("{\"r\":[1,2]}"));
    cJSON_AddNumberToObject(o, "k", 7);
    cJSON_AddArrayToObject(t, "empty");

    jsonout_t b = {0};
    jsonout_object_open(&b, NULL);
    jsonout_string(&b, "a", "x");
    jsonout_string(&b, "gone", NULL);
    jsonout_string_or_null(&b, "n", NULL);
    jsonout_bool(&b, "f", false);
    jsonout_bool(&b, "t", true);
    jsonout_array_open(&b, "arr");
    jsonout_object_open(&b, NULL);
    jsonout_object_close(&b);
    jsonout_array_open(&b, NULL);
    jsonout_array_close(&b);
    jsonout_string(&b, NULL, "s");
    jsonout_array_close(&b);
    jsonout_object_open(&b, "o");
    jsonout_key(&b, "inner");
    jsonout_raw(&b, NULL, "{\"r\":[1,2]}");
    jsonout_number(&b, "k", 7);
    jsonout_object_close(&b);
    jsonout_array_open(&b, "empty");
    jsonout_array_close(&b);
    jsonout_object_close(&b);
    assert_same(t, &b);
}

/* A record written as text and placed in a cJSON tree prints as if it
 * had been built there. */
static void test_take_raw_in_a_tree(void **state)
{
    (void)state;
    jsonout_t b = {0};
    jsonout_object_open(&b, NULL);
    jsonout_number(&b, "id", 3);
    jsonout_object_close(&b);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddItemToObject(root, "data", jsonout_take_raw(&b));
    char *text = cJSON_PrintUnformatted(root);
    assert_string_equal(text, "{\"data\":{\"id\":3}}");
    free(text);
    cJSON_Delete(root);
    /* nothing written: the empty text */
    char *empty = jsonout_take(&b);
    assert_string_equal(empty, "");
    free(empty);
}

/* A long page grows the buffer many times over. */
static void test_long_text(void **state)
{
    (void)state;
    cJSON *t = cJSON_CreateArray();
    jsonout_t b = {0};
    jsonout_array_open(&b, NULL);
    for (int i = 0; i < 20000; i++) {
        char s[32];
        snprintf(s, sizeof s, "row \"%d\"", i);
        cJSON_AddItemToArray(t, cJSON_CreateString(s));
        jsonout_string(&b, NULL, s);
    }
    jsonout_array_close(&b);
    assert_same(t, &b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strings_every_byte),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_nesting_null_and_raw),
        cmocka_unit_test(test_take_raw_in_a_tree),
        cmocka_unit_test(test_long_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
