/* Unit tests for the provider descriptions (api/provider.h): the registry
 * finds every provider by id and by name, every description is complete
 * (a provider added with a field forgotten fails here, not on screen), and
 * the one campaign name rule, non-ASCII names included, is the same for
 * the upload checks, the driver and the console's default name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "figure.h"
#include "import_form.h"
#include "provider.h"
#include "upload.h"

/* --- the registry ------------------------------------------------------- */

static void test_lookup_by_id(void **state)
{
    (void)state;
    for (int p = 0; p < PROVIDER_COUNT; p++) {
        const provider_desc_t *d = provider_get((provider_t)p);
        assert_non_null(d);
        assert_int_equal(d->id, p);
        assert_ptr_equal(driver_for((provider_t)p), d->driver);
        assert_string_equal(model_provider_name((provider_t)p), d->name);
        assert_string_equal(model_provider_label((provider_t)p), d->label);
    }
    assert_null(provider_get(PROVIDER_COUNT));
    assert_null(provider_get((provider_t)-1));
    assert_null(driver_for(PROVIDER_COUNT));
    assert_string_equal(model_provider_name(PROVIDER_COUNT), "unknown");
}

static void test_lookup_by_name(void **state)
{
    (void)state;
    assert_ptr_equal(provider_by_name("omnidim"), provider_get(PROVIDER_OMNIDIM));
    assert_ptr_equal(provider_by_name("OmniDimension"), provider_get(PROVIDER_OMNIDIM));
    assert_ptr_equal(provider_by_name("TRUEDY"), provider_get(PROVIDER_TRUEDY));
    assert_ptr_equal(provider_by_name("sarvam"), provider_get(PROVIDER_SARVAM));
    assert_null(provider_by_name("vapi"));
    assert_null(provider_by_name(""));
    assert_null(provider_by_name(NULL));
    provider_t p = PROVIDER_COUNT;
    assert_true(model_provider_from_name("Sarvam", &p));
    assert_int_equal(p, PROVIDER_SARVAM);
    assert_false(model_provider_from_name("omni", &p));
    /* "omnidim, truedy or sarvam": every name, in list order, the last after "or" */
    const char *text = provider_names_text(), *at = text;
    for (int i = 0; i < PROVIDER_COUNT; i++) {
        const char *name = provider_get((provider_t)i)->name;
        at = strstr(at, name);
        assert_non_null(at);
        at += strlen(name);
    }
    assert_string_equal(at, "");
    char last[64];
    snprintf(last, sizeof last, " or %s", provider_get(PROVIDER_COUNT - 1)->name);
    assert_non_null(strstr(text, last));
    assert_int_equal(strncmp(text, "omnidim, truedy", 15), 0);
    /* every name and label finds its own provider: none shadows another */
    for (int i = 0; i < PROVIDER_COUNT; i++) {
        const provider_desc_t *d = provider_get((provider_t)i);
        assert_ptr_equal(provider_by_name(d->name), d);
        assert_ptr_equal(provider_by_name(d->label), d);
    }
}

/* --- every description complete ----------------------------------------- */

static void check_statuses(const char *who, const provider_status_t *t, int count, bool need_one)
{
    assert_non_null(t);
    int n = 0;
    for (; t->raw; t++, n++) {
        /* stored folded: lower case, '_' for ' ' and '-' (model.c folds the raw) */
        for (const char *c = t->raw; *c; c++)
            if (isupper((unsigned char)*c) || *c == ' ' || *c == '-')
                fail_msg("%s: status \"%s\" is not folded", who, t->raw);
        if (t->state <= 0 || t->state >= count)
            fail_msg("%s: status \"%s\" maps to no state", who, t->raw);
    }
    if (need_one && n == 0)
        fail_msg("%s: no campaign statuses", who);
}

static void check_text(const char *who, const char *field, const char *text)
{
    if (!text || !text[0])
        fail_msg("%s: %s is not set", who, field);
}

static void test_descriptions_complete(void **state)
{
    (void)state;
    for (int p = 0; p < PROVIDER_COUNT; p++) {
        const provider_desc_t *d = provider_get((provider_t)p);
        const char *who = d->name ? d->name : "?";
        check_text(who, "name", d->name);
        for (const char *c = d->name; *c; c++)
            if (!islower((unsigned char)*c) && !isdigit((unsigned char)*c) && *c != '_')
                fail_msg("%s: a name is lower-case letters, digits and '_'", who);
        check_text(who, "label", d->label);
        check_text(who, "default_base_url", d->default_base_url);
        if (strncmp(d->default_base_url, "https://", 8) != 0)
            fail_msg("%s: the default base URL must be https://", who);

        check_statuses(who, d->campaign_statuses, CAMPAIGN_STATE_COUNT, true);
        check_statuses(who, d->contact_statuses, CONTACT_STATE_COUNT, false);
        if (d->contact_filter && d->contact_filter[CONTACT_UNKNOWN])
            fail_msg("%s: unknown is no contact state to filter by", who);

        for (int a = 0; a < ACTION_COUNT; a++) {
            const provider_action_rule_t *r = &d->actions[a];
            const char *an = model_action_info((action_t)a)->name;
            if (!r->supported && (!r->unsupported_reason || !r->unsupported_reason[0]))
                fail_msg("%s: %s is not offered but says not why", who, an);
            if (!r->supported && r->from)
                fail_msg("%s: %s is not offered yet allowed from some state", who, an);
            if (r->supported && a != ACTION_CREATE && !r->from)
                fail_msg("%s: %s is offered but allowed from no state", who, an);
            if (r->next.kind == NEXT_STATE &&
                (r->next.state <= CAMPAIGN_UNKNOWN || r->next.state >= CAMPAIGN_STATE_COUNT))
                fail_msg("%s: %s leads to no state", who, an);
        }
        if (!d->actions[ACTION_CREATE].supported)
            fail_msg("%s: every provider creates campaigns (the import)", who);
        check_text(who, "reschedule.changes", d->reschedule.changes);

        if (d->offers >> UPLOAD_OFFER_COUNT)
            fail_msg("%s: offers a setting that does not exist", who);
        if ((d->name_rule.max_chars || d->name_rule.word_chars_only) && !d->name_rule.rule)
            fail_msg("%s: a name rule needs its sentence", who);
        if (d->caller_id_required && !(d->offers & PROVIDER_BIT(UPLOAD_OFFER_CALLER_ID)))
            fail_msg("%s: requires a caller number it does not take", who);
        if (d->agent_label && !d->agent_label[0])
            fail_msg("%s: an agent label is NULL or a word", who);
        if (d->default_concurrency < 0)
            fail_msg("%s: default concurrency is 0 (not documented) or more", who);
        check_text(who, "upload_steps.small", d->upload_steps.small);
        check_text(who, "upload_steps.big", d->upload_steps.big);

        for (int f = 0; f < FIG_COUNT; f++)
            check_text(who, figure_title((model_figure_t)f), d->figures[f].source);
        if (d->counted_states & PROVIDER_BIT(CONTACT_UNKNOWN))
            fail_msg("%s: counts no unknown state", who);
        if ((d->lumped_state != CONTACT_UNKNOWN) != (d->lumped_label != NULL))
            fail_msg("%s: a lumped count needs both its state and its label", who);
        if (d->live_budget_per_min < 0)
            fail_msg("%s: the live budget is a rate, 0 or more", who);
        for (int f = 0; f < FIG_COUNT; f++)
            if (d->figures[f].origin == FROM_LIVE && d->live_budget_per_min == 0)
                fail_msg("%s: a live figure needs a live budget", who);

        const driver_t *drv = d->driver;
        assert_non_null(drv);
        if (drv->provider != d->id)
            fail_msg("%s: the driver is another provider's", who);
        if (!drv->build_list_campaigns || !drv->parse_list_campaigns ||
            !drv->build_get_campaign || !drv->parse_get_campaign ||
            !drv->build_list_contacts || !drv->parse_list_contacts || !drv->build_action ||
            !drv->parse_action || !drv->build_create || !drv->parse_create ||
            !drv->create_chunk_count)
            fail_msg("%s: the driver lacks a required operation", who);
        if (drv->requests_per_min < 0)
            fail_msg("%s: the rate limit is 0 (none known) or more", who);
    }
}

/* The readers answer from the descriptions, not from copies of their own. */
static void test_readers_follow_descriptions(void **state)
{
    (void)state;
    for (int p = 0; p < PROVIDER_COUNT; p++) {
        const provider_desc_t *d = provider_get((provider_t)p);
        for (int o = 0; o < UPLOAD_OFFER_COUNT; o++)
            assert_int_equal(upload_offers((provider_t)p, (upload_offer_t)o),
                             (d->offers & PROVIDER_BIT(o)) != 0);
        for (int a = 0; a < ACTION_COUNT; a++)
            assert_int_equal(model_action_supported((provider_t)p, (action_t)a),
                             d->actions[a].supported);
        for (int f = 0; f < FIG_COUNT; f++)
            assert_string_equal(figure_source((provider_t)p, (model_figure_t)f),
                                d->figures[f].source);
        assert_int_equal(figure_live_budget_per_min((provider_t)p), d->live_budget_per_min);
        assert_int_equal(model_reschedule_kind((provider_t)p), d->reschedule.kind);
        for (const provider_status_t *t = d->campaign_statuses; t->raw; t++)
            assert_int_equal(model_campaign_state_from_raw((provider_t)p, t->raw), t->state);
    }
}

/* The model reads a start as the provider writes it: OmniDim's wall-clock
 * time in the campaign's zone (UTC when none), the others' instants. */
static void test_start_clock(void **state)
{
    (void)state;
    /* 2026-01-15 09:00 in New York (EST, UTC-5) is 14:00 UTC */
    assert_int_equal(model_start_epoch(PROVIDER_OMNIDIM, "2026-01-15 09:00:00", "America/New_York"),
                     1768485600);
    assert_int_equal(model_start_epoch(PROVIDER_OMNIDIM, "2026-01-15 09:00:00", NULL), 1768467600);
    assert_int_equal(model_start_epoch(PROVIDER_OMNIDIM, "2026-01-15 09:00:00", "Mars/Base"), 0);
    assert_int_equal(model_start_epoch(PROVIDER_OMNIDIM, "soon", "UTC"), 0);
    assert_int_equal(model_start_epoch(PROVIDER_TRUEDY, "2026-01-15T14:00:00Z", "Asia/Kolkata"),
                     1768485600);
    assert_int_equal(model_start_epoch(PROVIDER_SARVAM, NULL, NULL), 0);
    for (int p = 0; p < PROVIDER_COUNT; p++) {
        provider_start_clock_t c = provider_get((provider_t)p)->start_clock;
        assert_true(c == START_INSTANT || c == START_WALL_CLOCK);
    }
}

/* --- the one name rule --------------------------------------------------- */

#define E_ACUTE "\xc3\xa9" /* é: one character, two bytes */

static void repeat(char *out, const char *unit, int n)
{
    out[0] = '\0';
    for (int i = 0; i < n; i++)
        strcat(out, unit);
}

static void test_name_rule(void **state)
{
    (void)state;
    char name[512], reason[256];
    /* Sarvam: \w is Unicode-aware there, and 50 counts characters */
    assert_true(provider_name_ok(PROVIDER_SARVAM, "Liste f\xc3\xbcr K\xc3\xb6ln", reason,
                                 sizeof reason));
    repeat(name, E_ACUTE, 50); /* 100 bytes, 50 characters */
    assert_true(provider_name_ok(PROVIDER_SARVAM, name, reason, sizeof reason));
    repeat(name, E_ACUTE, 51);
    assert_false(provider_name_ok(PROVIDER_SARVAM, name, reason, sizeof reason));
    assert_string_equal(reason,
                        "Sarvam campaign names are 1-50 letters, digits, spaces, '-' or '_'");
    assert_false(provider_name_ok(PROVIDER_SARVAM, "Q4 (final)", reason, sizeof reason));
    assert_true(provider_name_ok(PROVIDER_SARVAM, "Q4 final_v2-b", NULL, 0));
    assert_false(provider_name_ok(PROVIDER_SARVAM, "", reason, sizeof reason));
    assert_string_equal(reason, "the campaign needs a name");
    assert_false(provider_name_ok(PROVIDER_OMNIDIM, NULL, reason, sizeof reason));
    /* the others take any non-empty name (upload.c adds its 200-byte cap) */
    assert_true(provider_name_ok(PROVIDER_OMNIDIM, "Q4 (final)!", NULL, 0));
    repeat(name, E_ACUTE, 120);
    assert_true(provider_name_ok(PROVIDER_TRUEDY, name, NULL, 0));

    /* the upload checks say the same */
    upload_settings_t s;
    upload_settings_init(&s);
    repeat(name, E_ACUTE, 50);
    s.name = name;
    assert_true(upload_check(PROVIDER_SARVAM, &s, time(NULL), reason, sizeof reason));
    repeat(name, E_ACUTE, 51);
    assert_false(upload_check(PROVIDER_SARVAM, &s, time(NULL), reason, sizeof reason));
}

static void test_name_fit(void **state)
{
    (void)state;
    char in[512], out[512], want[512];
    const char *text = "Liste f\xc3\xbcr K\xc3\xb6ln (v2)";
    provider_name_fit(PROVIDER_SARVAM, text, strlen(text), out, sizeof out);
    assert_string_equal(out, "Liste f\xc3\xbcr K\xc3\xb6ln _v2_");
    provider_name_fit(PROVIDER_TRUEDY, text, strlen(text), out, sizeof out);
    assert_string_equal(out, text);
    /* cut at 50 characters, not 50 bytes, and the result passes the check */
    repeat(in, E_ACUTE, 60);
    provider_name_fit(PROVIDER_SARVAM, in, strlen(in), out, sizeof out);
    repeat(want, E_ACUTE, 50);
    assert_string_equal(out, want);
    assert_true(provider_name_ok(PROVIDER_SARVAM, out, NULL, 0));
    /* only the first n bytes; control characters become '_' everywhere */
    provider_name_fit(PROVIDER_OMNIDIM, "a\tb\x7f" "c.csv", 5, out, sizeof out);
    assert_string_equal(out, "a_b_c");
    /* a small buffer never ends inside a character */
    provider_name_fit(PROVIDER_TRUEDY, E_ACUTE E_ACUTE E_ACUTE, 6, out, 6);
    assert_string_equal(out, E_ACUTE E_ACUTE);
    provider_name_fit(PROVIDER_SARVAM, "x", 1, out, 1);
    assert_string_equal(out, "");
}

/* The console's default name keeps a non-ASCII file name on Sarvam (it
 * once turned every such byte into '_' and cut at 50 bytes). */
static void test_default_name_non_ascii(void **state)
{
    (void)state;
    import_form_t f;
    import_form_init(&f, PROVIDER_SARVAM, "/home/op/Liste f\xc3\xbcr K\xc3\xb6ln.csv");
    assert_string_equal(f.value[IF_NAME], "Liste f\xc3\xbcr K\xc3\xb6ln");
    import_form_free(&f);
    char path[512], want[512];
    strcpy(path, "/tmp/");
    repeat(path + strlen(path), E_ACUTE, 70);
    strcat(path, ".csv");
    import_form_init(&f, PROVIDER_SARVAM, path);
    repeat(want, E_ACUTE, 50);
    assert_string_equal(f.value[IF_NAME], want);
    import_form_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup_by_id),
        cmocka_unit_test(test_lookup_by_name),
        cmocka_unit_test(test_descriptions_complete),
        cmocka_unit_test(test_readers_follow_descriptions),
        cmocka_unit_test(test_start_clock),
        cmocka_unit_test(test_name_rule),
        cmocka_unit_test(test_name_fit),
        cmocka_unit_test(test_default_name_non_ascii),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
