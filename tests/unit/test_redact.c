/* The one redaction filter: configured secrets and Bearer tokens. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "redact.h"

static int reset(void **state)
{
    (void)state;
    redact_clear_secrets();
    return 0;
}

static void test_secret_anywhere(void **state)
{
    (void)state;
    redact_add_secret("sk-live-1234");
    char s[128] = "invalid key sk-live-1234 (sk-live-1234)";
    assert_true(redact_buf(s, sizeof s));
    assert_string_equal(s, "invalid key [redacted] ([redacted])");
}

static void test_bearer_any_case(void **state)
{
    (void)state;
    char *r = redact_dup("401: invalid key: bearer abc.DEF-123= and Bearer\tx/y+z; Bearerish");
    assert_string_equal(r, "401: invalid key: bearer [redacted] and Bearer\t[redacted]; Bearerish");
    free(r);
}

static void test_short_secret_ignored_and_cut_whole(void **state)
{
    (void)state;
    redact_add_secret("ab");
    char s[32] = "ab \xc3\xa9\xc3\xa9 Bearer x";
    assert_true(redact_buf(s, 5));
    /* cut to 4 bytes, which would split the first e-acute: it goes whole */
    assert_string_equal(s, "ab ");
    assert_false(redact_buf(s, sizeof s));
}

static void test_longest_secret_wins(void **state)
{
    (void)state;
    redact_add_secret("key-1");
    redact_add_secret("key-1-extended");
    char *r = redact_dup("x key-1-extended y");
    assert_string_equal(r, "x [redacted] y");
    free(r);
    assert_null(redact_dup(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_secret_anywhere, reset),
        cmocka_unit_test_setup(test_bearer_any_case, reset),
        cmocka_unit_test_setup(test_short_secret_ignored_and_cut_whole, reset),
        cmocka_unit_test_setup(test_longest_secret_wins, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
