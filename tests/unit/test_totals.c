/* Unit tests for tui/totals (the header's totals line) and the alert
 * conditions of a row (tui/alerts): sums over known figures only, calls
 * per minute and failures over a window from the sample history, and the
 * alert bits of failed, stalled and failing campaigns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts.h"
#include "totals.h"

static model_campaign_t camp(const char *id, campaign_state_t st, long done, long fail, long run)
{
    model_campaign_t c;
    model_campaign_init(&c);
    c.id = strdup(id);
    c.name = strdup(id);
    c.provider = PROVIDER_OMNIDIM;
    c.state = st;
    c.raw_state = strdup(model_campaign_state_name(st));
    c.completed_contacts = done;
    c.total_contacts = 1000;
    c.fig[FIG_FAIL] = fail;
    c.fig[FIG_PEND] = 100;
    c.fig[FIG_RUN] = run;
    return c;
}

static void load(camprows_t *s, long done, long fail, double now)
{
    model_campaign_t v[3] = {camp("1", CAMPAIGN_ACTIVE, done, fail, 4),
                             camp("2", CAMPAIGN_ACTIVE, 10, 0, -1), /* RUN not known yet */
                             camp("3", CAMPAIGN_COMPLETED, 50, 5, -1)};
    camprows_replace_source(s, 0, v, 3, now, now, 0);
    for (int i = 0; i < 3; i++)
        model_campaign_free(&v[i]);
}

static void test_totals_window(void **state)
{
    (void)state;
    camprows_t s;
    camprows_init(&s);
    totals_t t;
    totals_init(&t);
    load(&s, 100, 10, 0);
    totals_update(&t, &s, 0);
    assert_int_equal(t.active, 2);
    assert_int_equal(t.running, 4);
    assert_int_equal(t.running_unknown, 1);
    assert_true(t.per_min < 0);      /* one sample: not measurable yet */
    assert_int_equal(t.failed_window, -1);
    /* a minute later 60 more calls finished, 20 of them failed */
    load(&s, 140, 30, 60);
    totals_update(&t, &s, 60);
    assert_true(t.per_min > 59.9 && t.per_min < 60.1);
    assert_int_equal(t.failed_window, 20);
    assert_true(t.window_s == 60);
    /* 20 minutes on, 5 more failures: the window holds 15 minutes */
    for (int m = 2; m <= 20; m++) {
        load(&s, 140, m == 20 ? 35 : 30, m * 60.0);
        totals_update(&t, &s, m * 60.0);
    }
    assert_true(t.window_s <= TOTALS_FAIL_WINDOW_S && t.window_s >= TOTALS_FAIL_WINDOW_S - 60);
    assert_int_equal(t.failed_window, 5);
    camprows_free(&s);
}

static void test_alert_bits(void **state)
{
    (void)state;
    camprows_rules_t rules = {40, 60, 3};
    camprows_t s;
    camprows_init(&s);
    model_campaign_t v[3] = {camp("f", CAMPAIGN_FAILED, 1, 1, -1),
                             camp("hot", CAMPAIGN_ACTIVE, 10, 20, 2),
                             camp("paused", CAMPAIGN_PAUSED, 10, 20, 0)};
    camprows_replace_source(&s, 0, v, 3, 0, 0, 0);
    assert_int_equal(alerts_row_bits(camprows_find(&s, "0/f"), &rules), 1u << ALERT_FAILED);
    assert_int_equal(alerts_row_bits(camprows_find(&s, "0/hot"), &rules), 1u << ALERT_FAIL_RATE);
    /* paused: the operator already stopped it */
    assert_int_equal(alerts_row_bits(camprows_find(&s, "0/paused"), &rules), 0);
    /* nothing moves for three polls: stalled */
    for (int p = 1; p <= 3; p++) {
        model_campaign_t w[3] = {camp("f", CAMPAIGN_FAILED, 1, 1, -1),
                                 camp("hot", CAMPAIGN_ACTIVE, 10, 20, 2),
                                 camp("paused", CAMPAIGN_PAUSED, 10, 20, 0)};
        camprows_replace_source(&s, 0, w, 3, p, p, 0);
        for (int i = 0; i < 3; i++)
            model_campaign_free(&w[i]);
    }
    assert_true(alerts_row_bits(camprows_find(&s, "0/hot"), &rules) & (1u << ALERT_STALLED));
    for (int i = 0; i < 3; i++)
        model_campaign_free(&v[i]);
    camprows_free(&s);
    alerts_t al;
    memset(&al, 0, sizeof al);
    for (int i = 0; i < ALERTS_KEEP + 3; i++)
        alerts_add(&al, ALERT_FAILED, i, "x");
    assert_int_equal(al.unacked, ALERTS_KEEP + 3);
    assert_int_equal(alerts_newest(&al)->when, ALERTS_KEEP + 2);
    alerts_ack(&al);
    assert_null(alerts_newest(&al));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_totals_window),
        cmocka_unit_test(test_alert_bits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
