/* dialtop-sim's own list of dialects (sim/dialects.c) walked against
 * dialtop's provider registry (api/providers/list.h): every dialect is a
 * registered provider, spoken once, with the state file's fixed number;
 * every registered provider is either served (a campaign made through
 * /_sim/campaigns is found in its dialect's list) or named at start as not
 * served and refused by name. A provider added to the registry before the
 * sim learns it takes the second branch here instead of breaking the sim.
 * The store refuses a provider it has no dialect for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects.h"
#include "provider.h"
#include "simcall.h"
#include "store.h"

static void test_dialects_are_registered_providers(void **state)
{
    (void)state;
    bool seen[PROVIDER_COUNT] = {false};
    for (int d = 0; d < SIM_DIALECT_COUNT; d++) {
        const sim_dialect_desc_t *x = sim_dialect((sim_dialect_t)d);
        assert_non_null(x);
        assert_int_equal(x->id, d);
        assert_non_null(provider_get(x->provider));
        assert_false(seen[x->provider]); /* one dialect per provider */
        seen[x->provider] = true;
        assert_non_null(x->route);
        assert_non_null(x->serve);
        assert_true(x->first_num >= 1);
        sim_dialect_t back;
        assert_true(sim_dialect_of(x->provider, &back));
        assert_int_equal(back, d);
    }
    assert_null(sim_dialect(SIM_DIALECT_COUNT));
    /* The state file keys rows by these numbers and next_num meta rows by
     * these names: a file written before must read back the same. */
    assert_int_equal(SIM_OMNIDIM, 0);
    assert_int_equal(SIM_TRUEDY, 1);
    assert_int_equal(SIM_SARVAM, 2);
    assert_string_equal(model_provider_name(sim_dialect(SIM_OMNIDIM)->provider), "omnidim");
    assert_string_equal(model_provider_name(sim_dialect(SIM_TRUEDY)->provider), "truedy");
    assert_string_equal(model_provider_name(sim_dialect(SIM_SARVAM)->provider), "sarvam");
    char names[128];
    sim_dialect_names(names, sizeof names);
    assert_string_equal(names, "omnidim, truedy or sarvam");
}

/* Each dialect's routes reach it, and only it. */
static void test_routes(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        int dialect;     /* -1: none */
        bool has_rest;   /* a well-formed prefix */
    } cases[] = {
        {"/api/v1/calls/bulk_call", SIM_OMNIDIM, true},
        {"/api/v1", SIM_OMNIDIM, true},
        {"/api/v1x/calls", -1, false},
        {"/api/public/v1/batch-calls", SIM_TRUEDY, true},
        {SIM_PREFIX_SARVAM "/campaigns", SIM_SARVAM, true},
        {"/api/scheduling/v1/orgs//workspaces/w/campaigns", SIM_SARVAM, false},
        {"/api/scheduling/other", SIM_SARVAM, false},
        {"/api/acme/v1/campaigns", -1, false},
        {"/_sim/stats", -1, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *rest = "x";
        const sim_dialect_desc_t *x = sim_dialect_route(cases[i].path, &rest);
        if (cases[i].dialect < 0) {
            if (x)
                fail_msg("%s: routed to dialect %d", cases[i].path, (int)x->id);
            assert_null(rest);
            continue;
        }
        if (!x || (int)x->id != cases[i].dialect)
            fail_msg("%s: not routed to dialect %d", cases[i].path, cases[i].dialect);
        assert_true((rest != NULL) == cases[i].has_rest);
    }
}

/* Every provider dialtop knows: served by its dialect, or said at start
 * and refused by name at /_sim/campaigns. */
static void test_every_registered_provider(void **state)
{
    (void)state;
    char said[2048] = "";
    FILE *f = fmemopen(said, sizeof said - 1, "w");
    assert_non_null(f);
    int unserved = sim_dialects_unserved(f);
    fclose(f);
    sim_t *sim = simcall_new();
    int counted = 0;
    for (int p = 0; p < PROVIDER_COUNT; p++) {
        const char *name = model_provider_name((provider_t)p);
        sim_dialect_t d;
        char body[256];
        snprintf(body, sizeof body, "{\"provider\":\"%s\",\"name\":\"walk\",\"contacts\":1}", name);
        int st;
        cJSON *r = sim_call(sim, "POST", "/_sim/campaigns", body, &st);
        if (sim_dialect_of((provider_t)p, &d)) {
            assert_int_equal(st, 201);
            char census[256];
            snprintf(census, sizeof census, "/_sim/campaigns/%s/%s/census", name, simcall_str(r, "id"));
            cJSON_Delete(r);
            r = sim_call(sim, "GET", census, NULL, &st);
            assert_int_equal(st, 200);
            assert_null(strstr(said, name));
        } else {
            counted++;
            char want[256];
            snprintf(want, sizeof want, "dialtop-sim: %s (%s) has no dialect in this simulator; its "
                                        "requests are not served\n",
                     model_provider_label((provider_t)p), name);
            assert_non_null(strstr(said, want));
            assert_int_equal(st, 400);
            char *text = cJSON_PrintUnformatted(r);
            assert_non_null(strstr(text, "this simulator does not speak"));
            free(text);
        }
        cJSON_Delete(r);
    }
    assert_int_equal(unserved, counted);
    assert_int_equal(PROVIDER_COUNT - counted, SIM_DIALECT_COUNT);
    /* a name no provider has is refused with the dialects' names */
    int st;
    cJSON *r = sim_call(sim, "POST", "/_sim/campaigns", "{\"provider\":\"no-such\",\"name\":\"x\"}",
                        &st);
    assert_int_equal(st, 400);
    char *text = cJSON_PrintUnformatted(r);
    assert_non_null(strstr(text, "provider: must be omnidim, truedy or sarvam"));
    free(text);
    cJSON_Delete(r);
    /* a path no dialect owns: 404 with a sentence */
    r = sim_call(sim, "GET", "/api/acme/v1/campaigns", NULL, &st);
    assert_int_equal(st, 404);
    text = cJSON_PrintUnformatted(r);
    assert_non_null(strstr(text, "Not found: GET /api/acme/v1/campaigns"));
    free(text);
    cJSON_Delete(r);
    sim_free(sim);
}

/* The store has lists for the sim's dialects only: a provider value no
 * dialect speaks (here one past the registry, standing in for a provider
 * added to dialtop but not to the sim) gets no list, no campaign, no id. */
static void test_store_refuses_an_unspoken_provider(void **state)
{
    (void)state;
    provider_t unspoken = (provider_t)PROVIDER_COUNT;
    sim_dialect_t d;
    assert_false(sim_dialect_of(unspoken, &d));
    store_t s;
    store_init(&s, 1);
    assert_null(store_list(&s, unspoken));
    assert_null(store_campaign_new(&s, unspoken, SIMCALL_T0));
    assert_null(store_campaign_find(&s, unspoken, "301"));
    store_campaign_discard_last(&s, unspoken); /* a no-op, not a crash */
    assert_int_equal(store_total_campaigns(&s), 0);
    /* and the spoken ones still number from their first id */
    store_campaign_t *c = store_campaign_new(&s, PROVIDER_OMNIDIM, SIMCALL_T0);
    assert_non_null(c);
    assert_string_equal(c->id, "301");
    store_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dialects_are_registered_providers),
        cmocka_unit_test(test_routes),
        cmocka_unit_test(test_every_registered_provider),
        cmocka_unit_test(test_store_refuses_an_unspoken_provider),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
