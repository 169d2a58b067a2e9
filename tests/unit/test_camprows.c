/* Unit tests for tui/camprows: rows replaced per profile, display strings
 * sanitised on arrival, state changes marked, times shown in the
 * campaign's own timezone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "camprows.h"

static model_campaign_t camp(const char *id, const char *name, campaign_state_t st)
{
    model_campaign_t c;
    model_campaign_init(&c);
    c.id = strdup(id);
    c.name = strdup(name);
    c.state = st;
    c.raw_state = strdup(model_campaign_state_name(st));
    return c;
}

static void test_replace_sanitises_and_marks(void **state)
{
    (void)state;
    camprows_t s;
    camprows_init(&s);
    model_campaign_t a[2] = {camp("1", "Evil\x1b]0;t\x07", CAMPAIGN_ACTIVE),
                             camp("2", "Calm", CAMPAIGN_PAUSED)};
    assert_true(camprows_replace_source(&s, 0, a, 2, 10.0, 10.0, 0));
    assert_int_equal(s.n, 2);
    assert_string_equal(s.rows[0]->name, "Evil\\x1b]0;t\\x07");
    assert_string_equal(s.rows[0]->key, "0/1");
    assert_true(s.rows[0]->changed_at == 0);

    model_campaign_t b[2] = {camp("1", "Evil", CAMPAIGN_PAUSED), camp("2", "Calm", CAMPAIGN_PAUSED)};
    camprows_replace_source(&s, 0, b, 2, 20.0, 20.0, 0);
    assert_true(camprows_find(&s, "0/1")->changed_at == 20.0);
    assert_true(camprows_find(&s, "0/2")->changed_at == 0);

    /* another profile's rows are kept apart */
    model_campaign_t c[1] = {camp("1", "Other", CAMPAIGN_DRAFT)};
    camprows_replace_source(&s, 1, c, 1, 21.0, 21.0, 0);
    assert_int_equal(s.n, 3);
    assert_string_equal(camprows_find(&s, "1/1")->name, "Other");
    assert_string_equal(camprows_find(&s, "0/1")->name, "Evil");

    model_campaign_t d = camp("2", "Calm", CAMPAIGN_ACTIVE);
    assert_true(camprows_update_one(&s, 0, &d, 30.0, 30.0, 0));
    assert_true(camprows_find(&s, "0/2")->changed_at == 30.0);
    for (int i = 0; i < 2; i++) {
        model_campaign_free(&a[i]);
        model_campaign_free(&b[i]);
    }
    model_campaign_free(&c[0]);
    model_campaign_free(&d);
    camprows_free(&s);
}

/* Profiles stay in their order whichever polls last; a list poll that
 * lacks some counts keeps the detail poll's for a while, then lets go. */
static void test_profile_order_and_detail_counts(void **state)
{
    (void)state;
    camprows_t s;
    camprows_init(&s);
    model_campaign_t a[1] = {camp("1", "A", CAMPAIGN_ACTIVE)};
    model_campaign_t b[1] = {camp("1", "B", CAMPAIGN_ACTIVE)};
    model_campaign_t c[1] = {camp("1", "C", CAMPAIGN_ACTIVE)};
    camprows_replace_source(&s, 2, c, 1, 1.0, 1.0, 0);
    camprows_replace_source(&s, 0, a, 1, 1.0, 1.0, 0);
    camprows_replace_source(&s, 1, b, 1, 1.0, 1.0, 0);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.rows[0]->key, "0/1");
    assert_string_equal(s.rows[1]->key, "1/1");
    assert_string_equal(s.rows[2]->key, "2/1");
    model_campaign_t a2[1] = {camp("1", "A", CAMPAIGN_ACTIVE)};
    camprows_replace_source(&s, 0, a2, 1, 2.0, 2.0, 0);
    assert_string_equal(s.rows[0]->key, "0/1");
    assert_string_equal(s.rows[2]->key, "2/1");

    /* details: every count known */
    model_campaign_t d = camp("1", "A", CAMPAIGN_ACTIVE);
    d.counts_known = true;
    d.counts[CONTACT_COMPLETED] = 10;
    d.counts[CONTACT_IN_PROGRESS] = 4;
    d.counts[CONTACT_FAILED] = 2;
    assert_true(camprows_update_one(&s, 0, &d, 3.0, 3.0, 0));
    /* the list knows completed only */
    model_campaign_t l[1] = {camp("1", "A", CAMPAIGN_ACTIVE)};
    l[0].counts[CONTACT_COMPLETED] = 11;
    camprows_replace_source(&s, 0, l, 1, 4.0, 4.0, 0);
    const camp_row_t *r = camprows_find(&s, "0/1");
    assert_int_equal(r->m.counts[CONTACT_COMPLETED], 11);
    assert_int_equal(r->m.counts[CONTACT_IN_PROGRESS], 4);
    assert_int_equal(r->m.counts[CONTACT_FAILED], 2);
    /* no details for longer than the keep time: the list's own counts */
    model_campaign_t l2[1] = {camp("1", "A", CAMPAIGN_ACTIVE)};
    l2[0].counts[CONTACT_COMPLETED] = 12;
    camprows_replace_source(&s, 0, l2, 1, 3.0 + CAMPROWS_COUNTS_KEEP_S + 1, 3.0 + CAMPROWS_COUNTS_KEEP_S + 1, 0);
    r = camprows_find(&s, "0/1");
    assert_int_equal(r->m.counts[CONTACT_COMPLETED], 12);
    assert_int_equal(r->m.counts[CONTACT_IN_PROGRESS], 0);
    assert_false(r->m.counts_known);

    model_campaign_t *all[] = {a, b, c, a2, l, l2};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        model_campaign_free(all[i]);
    model_campaign_free(&d);
    camprows_free(&s);
}

static void test_time_in_campaign_zone(void **state)
{
    (void)state;
    char buf[64];
    camprows_format_in_zone(1764000000, "Asia/Kolkata", buf, sizeof buf); /* 2025-11-24 16:00 UTC */
    assert_string_equal(buf, "2025-11-24 21:30 IST");
    camprows_format_in_zone(1764000000, "../../etc/passwd", buf, sizeof buf);
    assert_string_equal(buf, "2025-11-24 16:00 UTC");
    camprows_format_in_zone(1764000000, NULL, buf, sizeof buf);
    assert_string_equal(buf, "2025-11-24 16:00 UTC");
}

static void test_next_run_only_ahead(void **state)
{
    (void)state;
    camprows_t s;
    camprows_init(&s);
    model_campaign_t a[2] = {camp("1", "Later", CAMPAIGN_SCHEDULED), camp("2", "Past", CAMPAIGN_ACTIVE)};
    a[0].scheduled_epoch = 2000;
    a[0].timezone = strdup("UTC");
    a[1].scheduled_epoch = 500;
    camprows_replace_source(&s, 0, a, 2, 0, 0, 1000);
    assert_string_equal(camprows_find(&s, "0/1")->next_run, "1970-01-01 00:33 UTC");
    assert_string_equal(camprows_find(&s, "0/2")->next_run, "-");
    model_campaign_free(&a[0]);
    model_campaign_free(&a[1]);
    camprows_free(&s);
}

/* The index finds every row after merges of two profiles and a detail
 * update, and a row that left the poll is gone from it too. */
static void test_index_finds_every_row(void **state)
{
    (void)state;
    enum { N = 5000 };
    camprows_t s;
    camprows_init(&s);
    for (int src = 0; src < 2; src++) {
        model_campaign_t *a = calloc(N, sizeof *a);
        char id[32];
        for (int i = 0; i < N; i++) {
            snprintf(id, sizeof id, "%d", i);
            a[i] = camp(id, "n", CAMPAIGN_ACTIVE);
        }
        assert_true(camprows_replace_source(&s, src, a, N - src, 1.0, 1.0, 0));
        for (int i = 0; i < N; i++)
            model_campaign_free(&a[i]);
        free(a);
    }
    assert_int_equal(s.n, 2 * N - 1);
    char key[32];
    for (int src = 0; src < 2; src++)
        for (int i = 0; i < N - src; i++) {
            snprintf(key, sizeof key, "%d/%d", src, i);
            camp_row_t *r = camprows_find(&s, key);
            assert_non_null(r);
            assert_string_equal(r->key, key);
            assert_ptr_equal(s.rows[r->pos], r);
        }
    snprintf(key, sizeof key, "1/%d", N - 1);
    assert_null(camprows_find(&s, key));
    model_campaign_t c = camp("77", "renamed", CAMPAIGN_PAUSED);
    assert_true(camprows_update_one(&s, 1, &c, 2.0, 2.0, 0));
    camp_row_t *r = camprows_find(&s, "1/77");
    assert_string_equal(r->name, "renamed");
    assert_ptr_equal(s.rows[r->pos], r);
    model_campaign_free(&c);
    camprows_free(&s);
}

/* An action's read-back is newer than a poll asked before it came: the
 * poll (a list walk, a detail poll, OmniDim's live summary) may hold the
 * state from before the action and must not put it back; a poll asked
 * after the read-back does replace it. */
static void test_read_back_outranks_older_polls(void **state)
{
    (void)state;
    camprows_t s;
    camprows_init(&s);
    model_campaign_t a[1] = {camp("7", "Spring", CAMPAIGN_PAUSED)};
    assert_true(camprows_replace_source(&s, 0, a, 1, 1.0, 1.0, 0));
    /* resumed; read back "active" at t=5 */
    assert_true(camprows_set_read_back(&s, "0/7", CAMPAIGN_ACTIVE, "in_progress", 5.0));
    assert_int_equal(camprows_find(&s, "0/7")->m.state, CAMPAIGN_ACTIVE);
    assert_string_equal(camprows_find(&s, "0/7")->raw_state, "in_progress");

    /* a list poll asked at t=4 lands at t=6, still saying paused */
    model_campaign_t b[1] = {camp("7", "Spring", CAMPAIGN_PAUSED)};
    assert_true(camprows_replace_source(&s, 0, b, 1, 6.0, 4.0, 0));
    assert_int_equal(camprows_find(&s, "0/7")->m.state, CAMPAIGN_ACTIVE);
    assert_string_equal(camprows_find(&s, "0/7")->raw_state, "in_progress");
    assert_string_equal(camprows_find(&s, "0/7")->m.raw_state, "in_progress");
    /* so does a detail poll asked before the read-back */
    model_campaign_t d = camp("7", "Spring", CAMPAIGN_PAUSED);
    assert_true(camprows_update_one(&s, 0, &d, 6.5, 4.5, 0));
    assert_int_equal(camprows_find(&s, "0/7")->m.state, CAMPAIGN_ACTIVE);
    /* and a live summary */
    model_campaign_t live = camp("7", "Spring", CAMPAIGN_PAUSED);
    assert_true(camprows_apply_live(&s, "0/7", &live, 6.7, 4.7));
    assert_int_equal(camprows_find(&s, "0/7")->m.state, CAMPAIGN_ACTIVE);

    /* a poll asked after the read-back is the newer fact */
    model_campaign_t c[1] = {camp("7", "Spring", CAMPAIGN_COMPLETED)};
    assert_true(camprows_replace_source(&s, 0, c, 1, 8.0, 7.0, 0));
    assert_int_equal(camprows_find(&s, "0/7")->m.state, CAMPAIGN_COMPLETED);
    assert_string_equal(camprows_find(&s, "0/7")->raw_state, "completed");

    /* an unknown read-back holds nothing */
    assert_true(camprows_set_read_back(&s, "0/7", CAMPAIGN_UNKNOWN, "weird", 9.0));
    assert_int_equal(camprows_find(&s, "0/7")->m.state, CAMPAIGN_COMPLETED);
    assert_false(camprows_set_read_back(&s, "0/8", CAMPAIGN_ACTIVE, "active", 9.0));
    model_campaign_free(&a[0]);
    model_campaign_free(&b[0]);
    model_campaign_free(&c[0]);
    model_campaign_free(&d);
    model_campaign_free(&live);
    camprows_free(&s);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replace_sanitises_and_marks),
        cmocka_unit_test(test_profile_order_and_detail_counts),
        cmocka_unit_test(test_time_in_campaign_zone),
        cmocka_unit_test(test_next_run_only_ahead),
        cmocka_unit_test(test_index_finds_every_row),
        cmocka_unit_test(test_read_back_outranks_older_polls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
