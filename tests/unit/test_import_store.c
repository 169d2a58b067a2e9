/* Unit tests for csv/import_store's dedupe set: every key kept with the
 * line it was first seen on, across growth (unsized, and sized with
 * import_store_dedupe_reserve), for keys that share either 32-bit half
 * (the set stores the key in two halves) and for the largest keys the
 * importer makes (a number with an extension, near 2^64); lines up to
 * IMPORT_STORE_MAX_LINE kept whole, and a line past it refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "import_store.h"

/* Distinct, never 0, spread over the whole 64 bits. */
static uint64_t key_of(uint64_t i)
{
    return (i + 1) * 0x9E3779B97F4A7C15ULL | 1u;
}

static void check_many(import_store_t *s, uint64_t n)
{
    long first = -1;
    for (uint64_t i = 0; i < n; i++)
        assert_int_equal(import_store_dedupe(s, key_of(i), (long)(i + 2), &first), 1);
    for (uint64_t i = 0; i < n; i++) {
        first = -1;
        assert_int_equal(import_store_dedupe(s, key_of(i), 7, &first), 0);
        assert_int_equal(first, (long)(i + 2));
    }
}

static void test_grows_and_keeps_lines(void **state)
{
    (void)state;
    import_store_t *s = import_store_new();
    assert_non_null(s);
    check_many(s, 200000); /* from nothing, through several doublings */
    import_store_free(s);

    s = import_store_new();
    assert_true(import_store_dedupe_reserve(s, 1000));
    check_many(s, 5000); /* sized too small: it still grows */
    import_store_free(s);

    s = import_store_new();
    assert_true(import_store_dedupe_reserve(s, 300000)); /* huge pages */
    import_store_dedupe_prefetch(s, key_of(3));
    check_many(s, 300000);
    import_store_free(s);
}

static void test_key_halves(void **state)
{
    (void)state;
    import_store_t *s = import_store_new();
    long first = 0;
    /* the same low half, the same high half, and both swapped */
    const uint64_t keys[] = {
        0x0000000100000002ULL, 0x0000000200000002ULL, 0x0000000100000003ULL,
        0x0000000200000001ULL, 0x0000000000000001ULL, 0x0000000100000000ULL,
        /* +999 999 999 999 999 with the largest extension slot (18000) */
        999999999999999ULL + 18000ULL * 1000000000000000ULL, UINT64_MAX,
    };
    size_t n = sizeof keys / sizeof keys[0];
    for (size_t i = 0; i < n; i++)
        assert_int_equal(import_store_dedupe(s, keys[i], (long)(10 + i), &first), 1);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(import_store_dedupe(s, keys[i], 99, &first), 0);
        assert_int_equal(first, (long)(10 + i));
    }
    /* thousands sharing one half: probes walk past many of the others */
    enum { SAME = 20000 };
    for (int half = 0; half < 2; half++) {
        for (uint64_t i = 1; i <= SAME; i++) {
            uint64_t k = half ? i << 32 | 0x80000005u : (uint64_t)7u << 32 | i;
            assert_int_equal(import_store_dedupe(s, k, (long)(i + 100 * half), &first), 1);
        }
    }
    for (int half = 0; half < 2; half++) {
        for (uint64_t i = 1; i <= SAME; i++) {
            uint64_t k = half ? i << 32 | 0x80000005u : (uint64_t)7u << 32 | i;
            assert_int_equal(import_store_dedupe(s, k, 1, &first), 0);
            assert_int_equal(first, (long)(i + 100 * half));
        }
    }
    import_store_free(s);
}

static void test_line_range(void **state)
{
    (void)state;
    import_store_t *s = import_store_new();
    long first = 0;
    assert_int_equal(import_store_dedupe(s, 42, IMPORT_STORE_MAX_LINE, &first), 1);
    assert_int_equal(import_store_dedupe(s, 42, 1, &first), 0);
    assert_int_equal(first, 4294967295L);
    /* past 32 bits, or a 0 key (the empty entry): refused, never stored cut */
    assert_int_equal(import_store_dedupe(s, 43, IMPORT_STORE_MAX_LINE + 1, &first), -1);
    assert_int_equal(import_store_dedupe(s, 43, 5, &first), 1);
    assert_int_equal(import_store_dedupe(s, 0, 5, &first), -1);

    char *rec = import_store_strndup(s, "+12015551234", 12);
    assert_non_null(rec);
    assert_true(import_store_add_contact(s, rec, IMPORT_STORE_MAX_LINE));
    assert_false(import_store_add_contact(s, rec, IMPORT_STORE_MAX_LINE + 1));
    assert_int_equal(import_store_contact_count(s), 1);
    long line = 0;
    assert_string_equal(import_store_contact(s, 0, &line), "+12015551234");
    assert_int_equal(line, 4294967295L);
    import_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grows_and_keeps_lines),
        cmocka_unit_test(test_key_halves),
        cmocka_unit_test(test_line_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
