/* The growable buffer (api/dynbuf.h): text survives growth, the ceiling
 * refuses cleanly and says so, a failure is sticky until the buffer is
 * taken or reset, and dyn_grow() keeps the old array on failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dynbuf.h"

static void test_zeroed_buffer_is_empty(void **state)
{
    (void)state;
    dynbuf_t b = {0};
    assert_string_equal(dynbuf_str(&b), "");
    char *s = dynbuf_take(&b);
    assert_non_null(s);
    assert_string_equal(s, "");
    free(s);
}

static void test_growth_keeps_every_byte(void **state)
{
    (void)state;
    dynbuf_t b = {0};
    for (int i = 0; i < 5000; i++)
        assert_true(dynbuf_addf(&b, "%04d,", i));
    assert_int_equal(b.len, 5000 * 5);
    assert_true(b.cap > b.len);
    for (int i = 0; i < 5000; i++) {
        char want[16]; /* room for any int: -O1 with the sanitizers warns otherwise */
        snprintf(want, sizeof want, "%04d,", i);
        assert_memory_equal(b.s + (size_t)i * 5, want, 5);
    }
    assert_int_equal(strlen(b.s), b.len);
    dynbuf_free(&b);
    assert_null(b.s);
    assert_int_equal(b.len, 0);
}

static void test_addn_takes_bytes_not_strings(void **state)
{
    (void)state;
    dynbuf_t b = {0};
    assert_true(dynbuf_addn(&b, "abcdef", 3));
    assert_true(dynbuf_addn(&b, "", 0));
    assert_true(dynbuf_add(&b, "xy"));
    assert_string_equal(dynbuf_str(&b), "abcxy");
    dynbuf_free(&b);
}

static void test_ceiling_is_exact_and_sticky(void **state)
{
    (void)state;
    dynbuf_t b;
    dynbuf_init(&b, 10);
    assert_true(dynbuf_add(&b, "0123456789")); /* exactly the ceiling */
    assert_false(b.failed);
    assert_false(dynbuf_add(&b, "x"));
    assert_true(b.failed);
    assert_true(b.too_large);
    /* sticky: a later small append is refused too, the text is not half-built */
    assert_false(dynbuf_addn(&b, "", 0));
    assert_false(dynbuf_addf(&b, "%d", 1));
    assert_string_equal(dynbuf_str(&b), "");
    assert_null(dynbuf_take(&b));
    /* taken: empty again, same ceiling, usable */
    assert_false(b.failed);
    assert_int_equal(b.max, 10);
    assert_true(dynbuf_add(&b, "ok"));
    assert_false(dynbuf_add(&b, "0123456789"));
    dynbuf_reset(&b);
    assert_false(b.failed);
    assert_false(b.too_large);
    assert_true(dynbuf_add(&b, "again"));
    assert_string_equal(dynbuf_str(&b), "again");
    dynbuf_free(&b);
}

static void test_huge_length_fails_without_wrapping(void **state)
{
    (void)state;
    dynbuf_t b = {0};
    assert_true(dynbuf_add(&b, "abc"));
    assert_false(dynbuf_addn(&b, "x", SIZE_MAX - 1));
    assert_true(b.too_large);
    dynbuf_free(&b);
}

static void test_formatted_past_ceiling(void **state)
{
    (void)state;
    dynbuf_t b;
    dynbuf_init(&b, 8);
    assert_true(dynbuf_addf(&b, "%s", "1234"));
    assert_false(dynbuf_addf(&b, "%s-%d", "abcd", 5));
    assert_true(b.too_large);
    dynbuf_free(&b);
}

static void test_grow_doubles_and_keeps_items(void **state)
{
    (void)state;
    int *items = NULL;
    size_t cap = 0;
    for (int i = 0; i < 1000; i++) {
        int *p = dyn_grow(items, &cap, (size_t)i + 1, sizeof *items, 8);
        assert_non_null(p);
        items = p;
        assert_true(cap >= (size_t)i + 1);
        items[i] = i;
    }
    assert_int_equal(cap, 1024); /* 8 doubled seven times */
    for (int i = 0; i < 1000; i++)
        assert_int_equal(items[i], i);
    /* no growth when there is room */
    size_t before = cap;
    assert_ptr_equal(dyn_grow(items, &cap, 10, sizeof *items, 8), items);
    assert_int_equal(cap, before);
    free(items);
}

static void test_grow_refuses_overflow_and_keeps_array(void **state)
{
    (void)state;
    long *items = NULL;
    size_t cap = 0;
    items = dyn_grow(items, &cap, 4, sizeof *items, 4);
    assert_non_null(items);
    items[3] = 42;
    assert_null(dyn_grow(items, &cap, SIZE_MAX / 2, sizeof *items, 4));
    assert_int_equal(cap, 4);
    assert_int_equal(items[3], 42);
    free(items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zeroed_buffer_is_empty),
        cmocka_unit_test(test_growth_keeps_every_byte),
        cmocka_unit_test(test_addn_takes_bytes_not_strings),
        cmocka_unit_test(test_ceiling_is_exact_and_sticky),
        cmocka_unit_test(test_huge_length_fails_without_wrapping),
        cmocka_unit_test(test_formatted_past_ceiling),
        cmocka_unit_test(test_grow_doubles_and_keeps_items),
        cmocka_unit_test(test_grow_refuses_overflow_and_keeps_array),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
