/* Unit tests for the settings parsers shared by `dialtop import` and the
 * console form: working hours, working days, retry schedule, and what
 * each provider offers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "upload.h"

#define MON (1u << 0)
#define TUE (1u << 1)
#define WED (1u << 2)
#define THU (1u << 3)
#define FRI (1u << 4)
#define SAT (1u << 5)
#define SUN (1u << 6)

static void test_hours_accepted(void **state)
{
    (void)state;
    static const char *const cases[][3] = {
        {"09:00-18:00", "09:00", "18:00"},
        {"9:00-17:30", "09:00", "17:30"},   /* single-digit hour padded */
        {" 08:15 - 20:45 ", "08:15", "20:45"},
        {"00:00-23:59", "00:00", "23:59"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char a[6] = "x", b[6] = "x", r[UPLOAD_REASON_MAX] = "";
        if (!upload_parse_hours(cases[i][0], a, b, r, sizeof r))
            fail_msg("'%s' refused: %s", cases[i][0], r);
        assert_string_equal(a, cases[i][1]);
        assert_string_equal(b, cases[i][2]);
    }
}

static void test_hours_refused(void **state)
{
    (void)state;
    static const char *const shape[] = {
        "", "9-17", "09:00", "09:00-", "-18:00", "25:00-26:00", "09:60-18:00",
        "09:00-24:00", "09:00-18:00-19:00", "0900-1800", "09:00 18:00", "009:00-18:00",
        "09:0-18:00", "nine to five",
    };
    for (size_t i = 0; i < sizeof shape / sizeof *shape; i++) {
        char a[6] = "x", b[6] = "x", r[UPLOAD_REASON_MAX] = "";
        if (upload_parse_hours(shape[i], a, b, r, sizeof r))
            fail_msg("'%s' accepted as %s-%s", shape[i], a, b);
        if (!strstr(r, "working hours must look like 09:00-18:00"))
            fail_msg("'%s': reason \"%s\"", shape[i], r);
        assert_string_equal(a, "x"); /* nothing written on refusal */
    }
    char a[6], b[6], r[UPLOAD_REASON_MAX];
    assert_false(upload_parse_hours(NULL, a, b, r, sizeof r));
    assert_false(upload_parse_hours("18:00-09:00", a, b, r, sizeof r));
    assert_string_equal(r, "the window must start before it ends (18:00-09:00 does not)");
    assert_false(upload_parse_hours("10:00-10:00", a, b, r, sizeof r));
    assert_non_null(strstr(r, "the window must start before it ends"));
}

static void test_days_accepted(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        unsigned mask;
    } cases[] = {
        {"mon-fri", MON | TUE | WED | THU | FRI},
        {"MON-FRI", MON | TUE | WED | THU | FRI},
        {"mon,wed,sat", MON | WED | SAT},
        {"Monday, Wednesday ,Saturday", MON | WED | SAT},
        {"all", 0x7f},
        {"ALL", 0x7f},
        {"sun", SUN},
        {"sat-sun", SAT | SUN},
        {"fri-mon", FRI | SAT | SUN | MON}, /* wraps past Sunday */
        {"tuesday - thursday", TUE | WED | THU},
        {"mon,mon-tue", MON | TUE},
        {"wed-wed", WED},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        unsigned m = 0xdead;
        char r[UPLOAD_REASON_MAX] = "";
        if (!upload_parse_days(cases[i].text, &m, r, sizeof r))
            fail_msg("'%s' refused: %s", cases[i].text, r);
        if (m != cases[i].mask)
            fail_msg("'%s' gave 0x%x, want 0x%x", cases[i].text, m, cases[i].mask);
    }
}

static void test_days_refused(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"fr1", "unknown day 'fr1'; use mon..sun, ranges like mon-fri, or all"},
        {"mon,fr1", "unknown day 'fr1'; use mon..sun, ranges like mon-fri, or all"},
        {"mon-frid", "unknown day 'frid'; use mon..sun, ranges like mon-fri, or all"},
        {"mo", "unknown day 'mo'; use mon..sun, ranges like mon-fri, or all"},
        {"weekdays", "unknown day 'weekdays'; use mon..sun, ranges like mon-fri, or all"},
        {"mon-tue-wed", "unknown day 'tue-wed'; use mon..sun, ranges like mon-fri, or all"},
        {"mon,,tue", "a day is missing between the commas; use mon..sun, ranges like "
                     "mon-fri, or all"},
        {"mon,", "a day is missing between the commas; use mon..sun, ranges like "
                 "mon-fri, or all"},
        {"", "no working days given; use mon..sun, ranges like mon-fri, or all"},
        {"  ", "no working days given; use mon..sun, ranges like mon-fri, or all"},
        /* control bytes never reach the reason */
        {"\x1b[2J", "unknown day '?[2J'; use mon..sun, ranges like mon-fri, or all"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        unsigned m = 0xdead;
        char r[UPLOAD_REASON_MAX] = "";
        if (upload_parse_days(cases[i][0], &m, r, sizeof r))
            fail_msg("'%s' accepted as 0x%x", cases[i][0], m);
        assert_string_equal(r, cases[i][1]);
        assert_int_equal(m, 0xdead);
    }
    /* a long bad word is cut short in the reason */
    unsigned m;
    char r[UPLOAD_REASON_MAX];
    assert_false(upload_parse_days("abcdefghijklmnopqrstuvwxyz0123456789", &m, r, sizeof r));
    assert_non_null(strstr(r, "'abcdefghijklmnopqrstuvwx...'"));
}

static void test_retry_schedule(void **state)
{
    (void)state;
    retry_schedule_t s = RETRY_NONE;
    int h = -1;
    char r[UPLOAD_REASON_MAX];
    assert_true(upload_parse_retry_schedule("immediately", &s, &h, r, sizeof r));
    assert_int_equal(s, RETRY_IMMEDIATELY);
    assert_int_equal(h, 0);
    assert_true(upload_parse_retry_schedule("Next_Day", &s, &h, r, sizeof r));
    assert_int_equal(s, RETRY_NEXT_DAY);
    assert_int_equal(h, 0);
    assert_true(upload_parse_retry_schedule("6h", &s, &h, r, sizeof r));
    assert_int_equal(s, RETRY_SCHEDULED_TIME);
    assert_int_equal(h, 6);
    assert_true(upload_parse_retry_schedule("720H", &s, &h, r, sizeof r));
    assert_int_equal(h, 720);
    assert_true(upload_parse_retry_schedule("1h", &s, &h, r, sizeof r));
    assert_int_equal(h, 1);

    s = RETRY_NONE;
    h = -1;
    static const char *const range[] = {"0h", "721h", "99999999999999999999h"};
    for (size_t i = 0; i < 3; i++) {
        assert_false(upload_parse_retry_schedule(range[i], &s, &h, r, sizeof r));
        assert_string_equal(r, "the retry delay must be 1 to 720 hours");
    }
    static const char *const shape[] = {"", "6", "h", "-6h", "6 h", "6hours", "tomorrow",
                                        "next day", "scheduled_time"};
    for (size_t i = 0; i < sizeof shape / sizeof *shape; i++) {
        if (upload_parse_retry_schedule(shape[i], &s, &h, r, sizeof r))
            fail_msg("'%s' accepted", shape[i]);
        assert_string_equal(r, "the retry schedule must be immediately, next_day, or a "
                               "delay in hours such as 6h");
    }
    assert_false(upload_parse_retry_schedule(NULL, &s, &h, r, sizeof r));
    assert_int_equal(s, RETRY_NONE); /* untouched on refusal */
    assert_int_equal(h, -1);
}

static void test_offers(void **state)
{
    (void)state;
    static const bool want[PROVIDER_COUNT][UPLOAD_OFFER_COUNT] = {
        /*            conc   retry  hours  days   cap    caller */
        [PROVIDER_OMNIDIM] = {true, true, false, false, false, true},
        [PROVIDER_TRUEDY] = {true, false, true, true, true, false},
        [PROVIDER_SARVAM] = {false, false, true, true, false, false},
    };
    for (int p = 0; p < PROVIDER_COUNT; p++)
        for (int o = 0; o < UPLOAD_OFFER_COUNT; o++)
            if (upload_offers((provider_t)p, (upload_offer_t)o) != want[p][o])
                fail_msg("provider %d offer %d", p, o);
    assert_false(upload_offers(PROVIDER_TRUEDY, UPLOAD_OFFER_COUNT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hours_accepted),
        cmocka_unit_test(test_hours_refused),
        cmocka_unit_test(test_days_accepted),
        cmocka_unit_test(test_days_refused),
        cmocka_unit_test(test_retry_schedule),
        cmocka_unit_test(test_offers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
