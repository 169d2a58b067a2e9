/* dialtop-sim's store: the index by campaign id (every campaign found,
 * nothing found that is gone, an id set after creation as the loader does)
 * and the per-campaign counters the list pages read, recomputed from the
 * contacts after every step of a dialer run with retries, pauses, a
 * manual retry and a cancel. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "dialer.h"
#include "store.h"
/* by path: cli/demo.h, earlier on the include path, has the same name */
#include "../../sim/demo.h"

#define T0 1772445600LL /* 2026-03-02T10:00:00Z */

static void assert_verified(const store_campaign_t *c)
{
    char why[256] = "";
    if (!store_campaign_verify(c, why, sizeof why))
        fail_msg("%s", why);
}

static void test_find_every_campaign(void **state)
{
    (void)state;
    store_t s;
    store_init(&s, 7);
    for (int d = 0; d < SIM_DIALECT_COUNT; d++)
        for (int i = 0; i < 5000; i++)
            assert_non_null(store_campaign_new(&s, sim_dialect((sim_dialect_t)d)->provider, T0));
    for (int d = 0; d < SIM_DIALECT_COUNT; d++) {
        provider_t p = sim_dialect((sim_dialect_t)d)->provider;
        const store_list_t *l = store_list(&s, p);
        for (size_t i = 0; i < l->n; i++)
            assert_ptr_equal(store_campaign_find(&s, p, l->items[i]->id), l->items[i]);
    }
    /* namespaces stay apart: an OmniDim id is no Truedy campaign */
    assert_null(store_campaign_find(&s, PROVIDER_TRUEDY, store_list(&s, PROVIDER_OMNIDIM)->items[0]->id));
    assert_null(store_campaign_find(&s, PROVIDER_OMNIDIM, "no-such-id"));
    assert_null(store_campaign_find(&s, PROVIDER_OMNIDIM, ""));
    store_free(&s);
}

/* Campaigns added between finds, and removed again, in every mix: the
 * index answers exactly as a walk over the list would. */
static void test_find_after_discard(void **state)
{
    (void)state;
    store_t s;
    store_init(&s, 3);
    char gone[32][32];
    size_t ngone = 0;
    for (int round = 0; round < 32; round++) {
        for (int i = 0; i < 40; i++)
            store_campaign_new(&s, PROVIDER_SARVAM, T0);
        const store_list_t *l = store_list(&s, PROVIDER_SARVAM);
        if (round % 2)
            assert_non_null(store_campaign_find(&s, PROVIDER_SARVAM, l->items[0]->id));
        snprintf(gone[ngone++], sizeof gone[0], "%s", l->items[l->n - 1]->id);
        store_campaign_discard_last(&s, PROVIDER_SARVAM);
    }
    const store_list_t *l = store_list(&s, PROVIDER_SARVAM);
    assert_int_equal(l->n, 32 * 39);
    for (size_t i = 0; i < l->n; i++)
        assert_ptr_equal(store_campaign_find(&s, PROVIDER_SARVAM, l->items[i]->id), l->items[i]);
    /* a discarded id comes back with the next campaign (next_num is
     * rewound), so only the last one discarded is really gone */
    assert_null(store_campaign_find(&s, PROVIDER_SARVAM, gone[ngone - 1]));
    store_free(&s);
}

/* A campaign looked up and then discarded: gone from the index, and the
 * older ones still there, including one with the same id. */
static void test_find_after_many_removals(void **state)
{
    (void)state;
    store_t s;
    store_init(&s, 11);
    for (int i = 0; i < 1000; i++)
        store_campaign_new(&s, PROVIDER_TRUEDY, T0);
    const store_list_t *l = store_list(&s, PROVIDER_TRUEDY);
    assert_non_null(store_campaign_find(&s, PROVIDER_TRUEDY, l->items[0]->id));
    for (int round = 0; round < 200; round++) {
        store_campaign_t *c = store_campaign_new(&s, PROVIDER_TRUEDY, T0);
        /* an id of its own each round, so it lands in a new probe run */
        char id[32];
        snprintf(id, sizeof id, "batch_x%d", round);
        snprintf(c->id, sizeof c->id, "%s", id);
        assert_ptr_equal(store_campaign_find(&s, PROVIDER_TRUEDY, id), c);
        store_campaign_discard_last(&s, PROVIDER_TRUEDY); /* c is freed */
        assert_null(store_campaign_find(&s, PROVIDER_TRUEDY, id));
    }
    for (size_t i = 0; i < l->n; i++)
        assert_ptr_equal(store_campaign_find(&s, PROVIDER_TRUEDY, l->items[i]->id), l->items[i]);
    store_campaign_t *c = store_campaign_new(&s, PROVIDER_TRUEDY, T0);
    snprintf(c->id, sizeof c->id, "%s", l->items[5]->id);
    assert_ptr_equal(store_campaign_find(&s, PROVIDER_TRUEDY, c->id), c); /* the newest wins */
    store_campaign_discard_last(&s, PROVIDER_TRUEDY);
    assert_ptr_equal(store_campaign_find(&s, PROVIDER_TRUEDY, l->items[5]->id), l->items[5]);
    store_free(&s);
}

/* The state loader sets the id right after store_campaign_new. */
static void test_find_id_set_after_new(void **state)
{
    (void)state;
    store_t s;
    store_init(&s, 1);
    store_campaign_t *a = store_campaign_new(&s, PROVIDER_OMNIDIM, T0);
    assert_ptr_equal(store_campaign_find(&s, PROVIDER_OMNIDIM, a->id), a);
    store_campaign_t *b = store_campaign_new(&s, PROVIDER_OMNIDIM, T0);
    snprintf(b->id, sizeof b->id, "%s", "9999");
    assert_ptr_equal(store_campaign_find(&s, PROVIDER_OMNIDIM, "9999"), b);
    assert_ptr_equal(store_campaign_find(&s, PROVIDER_OMNIDIM, a->id), a);
    store_free(&s);
}

static store_campaign_t *make(store_t *s, int contacts)
{
    store_campaign_t *c = store_campaign_new(s, PROVIDER_OMNIDIM, T0);
    store_set_str(&c->name, "counters");
    for (int i = 0; i < contacts; i++) {
        char phone[24];
        snprintf(phone, sizeof phone, "+1555000%04d", i);
        store_contact_add(c, phone);
    }
    c->concurrency = 7;
    c->retry_limit = 3;
    c->retry_schedule = RETRY_IMMEDIATELY;
    c->start_at = T0;
    return c;
}

static void test_counters_follow_the_dialer(void **state)
{
    (void)state;
    store_t s;
    store_init(&s, 42);
    dialer_config_t cfg;
    dialer_config_defaults(&cfg);
    /* mostly outcomes that retry, so attempts run ahead of contacts */
    assert_true(dialer_parse_rates(&cfg, "completed=0.3,no_answer=0.3,busy=0.2,failed=0.2"));
    store_campaign_t *c = make(&s, 300);
    assert_verified(c);
    int64_t t = T0;
    for (int step = 0; step < 400; step++) {
        t += 20;
        dialer_advance(c, t, &cfg);
        assert_verified(c);
        if (step == 50)
            assert_true(actions_pause(c, t));
        if (step == 80)
            assert_true(actions_resume(c, t));
        if (step == 200)
            actions_retry(c, t, 1u << CONTACT_NO_ANSWER, 5);
        if (step == 150)
            assert_true(actions_cancel(c, t));
        assert_verified(c);
    }
    assert_true(c->attempts_total > c->contacts_called);
    assert_true(c->contacts_called > 0);
    store_free(&s);
}

/* The check itself can fail: a contact changed behind the setters. */
static void test_verify_finds_drift(void **state)
{
    (void)state;
    store_t s;
    store_init(&s, 42);
    store_campaign_t *c = make(&s, 10);
    char why[256];
    c->contacts[3].attempts = 2;
    assert_false(store_campaign_verify(c, why, sizeof why));
    assert_non_null(strstr(why, "attempts"));
    store_recount(&s);
    assert_verified(c);
    c->contacts[4].state = CONTACT_COMPLETED;
    assert_false(store_campaign_verify(c, why, sizeof why));
    assert_non_null(strstr(why, "pending")); /* the first state that differs */
    store_recount(&s);
    assert_verified(c);
    assert_int_equal(c->counts[CONTACT_COMPLETED], 1);
    assert_int_equal(c->attempts_total, 2);
    assert_int_equal(c->contacts_called, 1);
    store_free(&s);
}

/* --generate's campaigns come with finished calls already on them. */
static void test_generated_counters(void **state)
{
    (void)state;
    store_t s;
    store_init(&s, 5);
    assert_true(demo_generate(&s, T0, 50));
    for (int d = 0; d < SIM_DIALECT_COUNT; d++)
        for (size_t i = 0; i < s.by_dialect[d].n; i++)
            assert_verified(s.by_dialect[d].items[i]);
    store_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find_every_campaign),
        cmocka_unit_test(test_find_after_discard),
        cmocka_unit_test(test_find_after_many_removals),
        cmocka_unit_test(test_find_id_set_after_new),
        cmocka_unit_test(test_counters_follow_the_dialer),
        cmocka_unit_test(test_verify_finds_drift),
        cmocka_unit_test(test_generated_counters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
