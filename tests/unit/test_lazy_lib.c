/* Unit tests for api/lazy_lib: a real dlopen of the C library resolves a
 * table; a soname that is not there and a symbol the library lacks each
 * give their one sentence (what to install), the load is tried once, and
 * a failed load leaves the table untouched. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "lazy_lib.h"

typedef struct {
    size_t (*strlen)(const char *s);
    int (*abs)(int j);
} libc_fns_t;

static const lazy_symbol_t libc_symbols[] = {
    {"strlen", offsetof(libc_fns_t, strlen)},
    {"abs", offsetof(libc_fns_t, abs)},
};

static void resolves_a_table(void **state)
{
    (void)state;
    libc_fns_t fn = {0};
    lazy_lib_t lib = LAZY_LIB("libc.so.6", "the C library", "libc6", "everything", NULL,
                              libc_symbols, &fn);
    assert_null(lazy_lib_unavailable(&lib));
    assert_true(lazy_lib_ready(&lib));
    assert_int_equal(fn.strlen("four"), 4);
    assert_int_equal(fn.abs(-7), 7);
}

static void a_missing_soname_names_the_package(void **state)
{
    (void)state;
    libc_fns_t fn = {0};
    lazy_lib_t lib = LAZY_LIB("libdialtop-nowhere.so.9", "libnowhere", "libnowhere9",
                              "serving HTTP", NULL, libc_symbols, &fn);
    const char *why = lazy_lib_unavailable(&lib);
    assert_non_null(why);
    const char *want = "serving HTTP needs libnowhere: install the Debian package libnowhere9 "
                       "(apt-get install libnowhere9); loading it failed: ";
    assert_memory_equal(why, want, strlen(want));
    assert_non_null(strstr(why, "libdialtop-nowhere.so.9")); /* the loader's reason */
    assert_false(lazy_lib_ready(&lib));
    assert_null(fn.strlen);
}

/* the test path replaces the soname: how DIALTOP_TEST_LIBCURL/LIBMHD work */
static void the_test_path_is_loaded_instead(void **state)
{
    (void)state;
    libc_fns_t fn = {0};
    lazy_lib_t lib = LAZY_LIB("libc.so.6", "the C library", "libc6", "everything",
                              "DIALTOP_TEST_LAZY_LIB", libc_symbols, &fn);
    setenv("DIALTOP_TEST_LAZY_LIB", "/nowhere/libc.so.6", 1);
    const char *why = lazy_lib_unavailable(&lib);
    unsetenv("DIALTOP_TEST_LAZY_LIB");
    assert_non_null(why);
    assert_non_null(strstr(why, "/nowhere/libc.so.6"));
    /* tried once: the answer stays although the path is gone */
    assert_string_equal(lazy_lib_unavailable(&lib), why);
}

static void a_missing_symbol_says_too_old(void **state)
{
    (void)state;
    libc_fns_t fn = {0};
    static const lazy_symbol_t symbols[] = {
        {"strlen", offsetof(libc_fns_t, strlen)},
        {"dialtop_no_such_function", offsetof(libc_fns_t, abs)},
    };
    lazy_lib_t lib =
        LAZY_LIB("libc.so.6", "libc", "libc6", "everything", NULL, symbols, &fn);
    assert_string_equal(lazy_lib_unavailable(&lib),
                        "libc.so.6 has no dialtop_no_such_function: this libc is too old; "
                        "install the current Debian package libc6 (apt-get install libc6)");
    assert_false(lazy_lib_ready(&lib));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(resolves_a_table),
        cmocka_unit_test(a_missing_soname_names_the_package),
        cmocka_unit_test(the_test_path_is_loaded_instead),
        cmocka_unit_test(a_missing_symbol_says_too_old),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
