/* api/window: the Sarvam working window merged from the details and the
 * operator's changes, and the read-back check that catches a PATCH
 * answered 200 while nothing moved. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "window.h"

static const time_t NOW = 1795424400; /* 2026-11-23 09:00:00Z */

static model_campaign_t details(void)
{
    model_campaign_t c;
    model_campaign_init(&c);
    c.provider = PROVIDER_SARVAM;
    c.state = CAMPAIGN_PAUSED;
    c.timezone = "Asia/Kolkata";
    snprintf(c.window_start, sizeof c.window_start, "09:00");
    snprintf(c.window_end, sizeof c.window_end, "18:00");
    c.window_days = 0x1fu; /* mon-fri */
    return c;
}

static void test_merge_keeps_what_is_not_changed(void **state)
{
    (void)state;
    model_campaign_t c = details();
    action_window_t w;
    char why[256];
    action_params_t p = {.days = "mon-sat"};
    assert_true(window_resolve(&c, &p, NOW, &w, why, sizeof why));
    assert_string_equal(w.start, "09:00"); /* from the details */
    assert_string_equal(w.end, "18:00");
    assert_int_equal(w.days, 0x3fu);
    assert_string_equal(w.zone, "Asia/Kolkata");
    assert_string_equal(w.end_at, "");

    action_params_t q = {.hours = "10:30-17:00", .tz = "Asia/Dubai", .end = "2026-12-31 18:00"};
    assert_true(window_resolve(&c, &q, NOW, &w, why, sizeof why));
    assert_string_equal(w.start, "10:30");
    assert_string_equal(w.end, "17:00");
    assert_int_equal(w.days, 0x1fu);
    assert_string_equal(w.zone, "Asia/Dubai");
    assert_string_equal(w.end_at, "2026-12-31T14:00:00Z"); /* Dubai is UTC+4 */
    char text[160];
    window_format(&w, text, sizeof text);
    assert_string_equal(text, "10:30-17:00 mon-fri Asia/Dubai");
}

static void test_readback_must_show_the_window(void **state)
{
    (void)state;
    model_campaign_t c = details();
    action_window_t w;
    char why[256];
    action_params_t p = {.hours = "08:00-20:00", .end = "2026-12-31 18:00"};
    assert_true(window_resolve(&c, &p, NOW, &w, why, sizeof why));
    /* 200 while nothing moved: the campaign read back still has the old one */
    assert_false(window_readback_matches(&w, &c, why, sizeof why));
    assert_non_null(strstr(why, "09:00-18:00 mon-fri Asia/Kolkata"));
    model_campaign_t back = details();
    snprintf(back.window_start, sizeof back.window_start, "08:00");
    snprintf(back.window_end, sizeof back.window_end, "20:00");
    assert_false(window_readback_matches(&w, &back, why, sizeof why)); /* end not taken */
    back.end_at = "2026-12-31T12:30:00Z";
    assert_true(window_readback_matches(&w, &back, why, sizeof why));
}

static void test_days_and_prefill(void **state)
{
    (void)state;
    char d[40];
    window_format_days(0x7fu, d, sizeof d);
    assert_string_equal(d, "mon-sun");
    window_format_days((1u << 0) | (1u << 2) | (1u << 4) | (1u << 5) | (1u << 6), d, sizeof d);
    assert_string_equal(d, "mon,wed,fri-sun");
    window_format_days(0, d, sizeof d);
    assert_string_equal(d, "");
    model_campaign_t c = details();
    c.end_at = "2026-12-31T12:30:00Z";
    char hours[16], days[40], zone[64], end[24];
    window_prefill(&c, hours, sizeof hours, days, sizeof days, zone, sizeof zone, end, sizeof end);
    assert_string_equal(hours, "09:00-18:00");
    assert_string_equal(days, "mon-fri");
    assert_string_equal(zone, "Asia/Kolkata");
    assert_string_equal(end, "2026-12-31 18:00"); /* 12:30Z in Kolkata (+05:30) */
    /* and what the form prefills resolves to the same window: nothing to change */
    action_params_t p = {.hours = hours, .days = days, .tz = zone};
    action_window_t w;
    char why[256];
    assert_false(window_resolve(&c, &p, NOW, &w, why, sizeof why));
    assert_non_null(strstr(why, "already that"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge_keeps_what_is_not_changed),
        cmocka_unit_test(test_readback_must_show_the_window),
        cmocka_unit_test(test_days_and_prefill),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
