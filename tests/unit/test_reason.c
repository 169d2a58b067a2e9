/* The refusal-sentence convention (api/reason.h): written when there is a
 * buffer, cut to fit, skipped for a NULL buffer or zero length, and the
 * verdict is always false. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "reason.h"

static void test_written_and_false(void **state)
{
    (void)state;
    char r[64] = "old";
    assert_false(reason_fail(r, sizeof r, "pause: campaign is %s", "completed"));
    assert_string_equal(r, "pause: campaign is completed");
}

static void test_cut_to_fit(void **state)
{
    (void)state;
    char r[8];
    assert_false(reason_fail(r, sizeof r, "%s", "a long sentence"));
    assert_string_equal(r, "a long ");
}

static void test_no_buffer_only_verdict(void **state)
{
    (void)state;
    assert_false(reason_fail(NULL, 100, "%s", "x"));
    char r[4] = "keep";
    assert_false(reason_fail(r, 0, "%s", "x"));
    assert_memory_equal(r, "keep", 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_written_and_false),
        cmocka_unit_test(test_cut_to_fit),
        cmocka_unit_test(test_no_buffer_only_verdict),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
