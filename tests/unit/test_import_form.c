/* Unit tests for tui/import_form: each provider's form offers exactly the
 * settings its create call takes, the default name fits the provider's
 * rule, a refused Enter names the field and moves the focus to it, and
 * the settings handed to the upload are the ones typed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "import_form.h"

static bool offers_field(const import_form_t *f, import_field_t field)
{
    for (size_t i = 0; i < f->nshown; i++)
        if (f->shown[i] == field)
            return true;
    return false;
}

/* A key as the console hands it to the form: looked up in the form's
 * keymap (keymap.h), or text when it means no command there. */
static bool import_form_key(import_form_t *f, int key)
{
    keymap_t km;
    keymap_init(&km, NULL, NULL, 0);
    keymap_hit_t hit = keymap_lookup(&km, key, MODAL_BIT_FORM);
    return import_form_command(f, hit.kind == KEYMAP_HIT_COMMAND ? hit.cmd : CMD_NONE, key);
}

static void type(import_form_t *f, const char *text)
{
    for (const char *p = text; *p; p++)
        assert_true(import_form_key(f, (unsigned char)*p));
}

/* Moves the focus to `field` with Down, as an operator would. */
static void go_to(import_form_t *f, import_field_t field)
{
    for (size_t i = 0; i < f->nshown && import_form_focused(f) != field; i++)
        assert_true(import_form_key(f, KEY_DOWN));
    assert_int_equal(import_form_focused(f), field);
}

static void test_fields_follow_the_provider(void **state)
{
    (void)state;
    import_form_t f;
    for (int p = 0; p < PROVIDER_COUNT; p++) {
        import_form_init(&f, (provider_t)p, "/tmp/list.csv");
        assert_true(offers_field(&f, IF_NAME));
        assert_true(offers_field(&f, IF_AT));
        assert_true(offers_field(&f, IF_TZ));
        assert_int_equal(offers_field(&f, IF_CONCURRENCY),
                         upload_offers((provider_t)p, UPLOAD_OFFER_CONCURRENCY));
        assert_int_equal(offers_field(&f, IF_RETRY_LIMIT),
                         upload_offers((provider_t)p, UPLOAD_OFFER_RETRY));
        assert_int_equal(offers_field(&f, IF_HOURS), upload_offers((provider_t)p, UPLOAD_OFFER_HOURS));
        assert_int_equal(offers_field(&f, IF_DAYS), upload_offers((provider_t)p, UPLOAD_OFFER_DAYS));
        assert_int_equal(offers_field(&f, IF_DAILY_CAP),
                         upload_offers((provider_t)p, UPLOAD_OFFER_DAILY_CAP));
        assert_int_equal(offers_field(&f, IF_CALLER_ID),
                         upload_offers((provider_t)p, UPLOAD_OFFER_CALLER_ID));
        import_form_free(&f);
    }
    /* the table itself, as API.md describes each create call */
    import_form_init(&f, PROVIDER_OMNIDIM, "x.csv");
    assert_true(offers_field(&f, IF_RETRY_WHEN));
    assert_false(offers_field(&f, IF_HOURS));
    assert_false(offers_field(&f, IF_AGENT_ID));
    import_form_free(&f);
    import_form_init(&f, PROVIDER_SARVAM, "x.csv");
    assert_true(offers_field(&f, IF_HOURS));
    assert_false(offers_field(&f, IF_CONCURRENCY));
    assert_false(offers_field(&f, IF_RETRY_LIMIT));
    assert_true(offers_field(&f, IF_AGENT_ID));
    import_form_free(&f);
}

static void test_default_name(void **state)
{
    (void)state;
    import_form_t f;
    import_form_init(&f, PROVIDER_TRUEDY, "/home/op/Q4 list (final).csv");
    assert_string_equal(f.value[IF_NAME], "Q4 list (final)");
    import_form_free(&f);
    import_form_init(&f, PROVIDER_SARVAM, "/home/op/Q4 list (final).csv");
    assert_string_equal(f.value[IF_NAME], "Q4 list _final_");
    import_form_free(&f);
    import_form_init(&f, PROVIDER_OMNIDIM, "noext");
    assert_string_equal(f.value[IF_NAME], "noext");
    import_form_free(&f);
}

static void test_refusals_focus_the_field(void **state)
{
    (void)state;
    time_t now = time(NULL);
    upload_settings_t s;
    import_form_t f;
    import_form_init(&f, PROVIDER_OMNIDIM, "list.csv");
    assert_true(import_form_key(&f, 21)); /* ^U clears the name */
    assert_false(import_form_settings(&f, now, &s));
    assert_int_equal(import_form_focused(&f), IF_NAME);
    assert_non_null(strstr(f.msg, "name"));
    type(&f, "Spring");

    go_to(&f, IF_CONCURRENCY);
    type(&f, "0");
    assert_false(import_form_settings(&f, now, &s));
    assert_int_equal(import_form_focused(&f), IF_CONCURRENCY);
    assert_non_null(strstr(f.msg, "concurrency must be a whole number from 1 to 1000"));
    assert_true(import_form_key(&f, KEY_BACKSPACE));
    type(&f, "12");

    go_to(&f, IF_AT);
    type(&f, "2001-01-01 10:00");
    assert_false(import_form_settings(&f, now, &s));
    assert_int_equal(import_form_focused(&f), IF_AT);
    assert_non_null(strstr(f.msg, "start: "));
    assert_true(import_form_key(&f, 21));

    assert_false(import_form_settings(&f, now, &s)); /* caller id still empty */
    assert_int_equal(import_form_focused(&f), IF_CALLER_ID);
    type(&f, "7");
    assert_true(import_form_settings(&f, now, &s));
    assert_string_equal(s.name, "Spring");
    assert_int_equal(s.concurrency, 12);
    assert_int_equal(s.retry_limit, -1);
    assert_null(s.at);
    assert_null(s.tz); /* nothing to place in time */
    assert_string_equal(s.phone_number_id, "7");
    assert_string_equal(f.msg, "");
    import_form_free(&f);
}

static void test_window_takes_the_zone(void **state)
{
    (void)state;
    time_t now = time(NULL);
    upload_settings_t s;
    import_form_t f;
    import_form_init(&f, PROVIDER_TRUEDY, "list.csv");
    go_to(&f, IF_HOURS);
    type(&f, "9-5");
    assert_false(import_form_settings(&f, now, &s));
    assert_int_equal(import_form_focused(&f), IF_HOURS);
    assert_non_null(strstr(f.msg, "working hours: "));
    assert_true(import_form_key(&f, 21));
    type(&f, "09:00-18:00");
    go_to(&f, IF_TZ);
    assert_true(import_form_key(&f, 21));
    type(&f, "America/New_Yo");
    assert_true(import_form_key(&f, '\t')); /* completes, focus stays */
    assert_string_equal(f.value[IF_TZ], "America/New_York");
    assert_int_equal(import_form_focused(&f), IF_TZ);
    assert_true(import_form_key(&f, '\t')); /* complete already: moves on */
    assert_int_equal(import_form_focused(&f), IF_CONCURRENCY);
    assert_true(import_form_settings(&f, now, &s));
    assert_string_equal(s.hours, "09:00-18:00");
    assert_non_null(s.tz); /* the window is in the campaign's zone, not UTC */
    assert_string_equal(s.tz, "America/New_York");
    assert_null(s.at);
    import_form_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields_follow_the_provider),
        cmocka_unit_test(test_default_name),
        cmocka_unit_test(test_refusals_focus_the_field),
        cmocka_unit_test(test_window_takes_the_zone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
