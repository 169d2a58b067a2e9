/* Unit tests for tui/msglog: order, the ring's overflow, the unread mark. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "msglog.h"

static void test_order_and_ring(void **state)
{
    (void)state;
    msglog_t l;
    msglog_init(&l);
    assert_null(msglog_at(&l, 0));
    char buf[32];
    for (int i = 0; i < MSGLOG_MAX + 10; i++) {
        snprintf(buf, sizeof buf, "m%d", i);
        msglog_add(&l, (time_t)i, 0, i % 2 == 0, buf);
    }
    assert_int_equal(msglog_count(&l), MSGLOG_MAX);
    assert_string_equal(msglog_at(&l, 0)->text, "m10");
    assert_int_equal(msglog_at(&l, 0)->when, 10);
    snprintf(buf, sizeof buf, "m%d", MSGLOG_MAX + 9);
    assert_string_equal(msglog_at(&l, MSGLOG_MAX - 1)->text, buf);
    assert_null(msglog_at(&l, MSGLOG_MAX));
    assert_int_equal(l.unread_errors, (MSGLOG_MAX + 10) / 2);
    msglog_mark_read(&l);
    assert_int_equal(l.unread_errors, 0);
    msglog_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_ring),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
