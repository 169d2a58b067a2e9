/* Unit tests for tui/ui_action: one answer to "is this action key offered,
 * may it run, and why not", which the footer, the help screen and the
 * dispatch all take (issue 16, item 2). The reasons are the model's own
 * refusal sentences. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "ui.h"
#include "ui_action.h"

static app_t app;
static source_t src;
static config_profile_t profile;
static camp_row_t row;

/* A console with one profile of `p`, showing view `v` (over the campaign
 * list), the selected campaign in state `s`. */
static void setup(provider_t p, campaign_state_t s, view_id_t v)
{
    memset(&app, 0, sizeof app);
    memset(&src, 0, sizeof src);
    memset(&profile, 0, sizeof profile);
    memset(&row, 0, sizeof row);
    profile.name = "t";
    profile.provider = p;
    src.profile = &profile;
    app.src = &src;
    app.nsrc = 1;
    app.stack[0] = VIEW_CAMPAIGNS;
    app.depth = 1;
    if (v != VIEW_CAMPAIGNS)
        app.stack[app.depth++] = v;
    model_campaign_init(&row.m);
    row.m.provider = p;
    row.m.state = s;
    row.source = 0;
}

static void test_truedy_reschedule_while_active(void **state)
{
    (void)state;
    /* the form offers to pause first: enabled, in the footer and the help
     * alike (the help used to dim it with the table's refusal) */
    setup(PROVIDER_TRUEDY, CAMPAIGN_ACTIVE, VIEW_CAMPAIGNS);
    ui_action_state_t st = ui_action_state(&app, &row, ACTION_RESCHEDULE);
    assert_true(st.offered);
    assert_true(st.enabled);
    assert_string_equal(st.reason, "");
    /* the help screen over the list answers the same */
    setup(PROVIDER_TRUEDY, CAMPAIGN_ACTIVE, VIEW_HELP);
    st = ui_action_state(&app, &row, ACTION_RESCHEDULE);
    assert_true(st.enabled);
}

static void test_reason_is_the_models_sentence(void **state)
{
    (void)state;
    setup(PROVIDER_OMNIDIM, CAMPAIGN_PAUSED, VIEW_CAMPAIGNS);
    ui_action_state_t st = ui_action_state(&app, &row, ACTION_PAUSE);
    char want[256];
    assert_false(model_action_allowed(PROVIDER_OMNIDIM, CAMPAIGN_PAUSED, ACTION_PAUSE, want,
                                      sizeof want));
    assert_true(st.offered); /* shown dimmed */
    assert_false(st.enabled);
    assert_string_equal(st.reason, want);
    /* Truedy has no cancel: offered dimmed, with the table's reason */
    setup(PROVIDER_TRUEDY, CAMPAIGN_ACTIVE, VIEW_CAMPAIGNS);
    st = ui_action_state(&app, &row, ACTION_CANCEL);
    assert_true(st.offered);
    assert_false(st.enabled);
    assert_non_null(strstr(st.reason, "cancel: "));
}

static void test_provider_specific_not_offered(void **state)
{
    (void)state;
    setup(PROVIDER_TRUEDY, CAMPAIGN_ACTIVE, VIEW_CAMPAIGNS);
    ui_action_state_t st = ui_action_state(&app, &row, ACTION_RETRY);
    assert_false(st.offered);
    assert_false(st.enabled);
    assert_non_null(strstr(st.reason, "retry: "));
    setup(PROVIDER_OMNIDIM, CAMPAIGN_COMPLETED, VIEW_CONTACTS);
    assert_true(ui_action_state(&app, &row, ACTION_RETRY).offered);
}

static void test_read_only_offers_nothing(void **state)
{
    (void)state;
    setup(PROVIDER_OMNIDIM, CAMPAIGN_ACTIVE, VIEW_CAMPAIGNS);
    app.opt.read_only = true;
    for (int a = 0; a < ACTION_COUNT; a++) {
        ui_action_state_t st = ui_action_state(&app, &row, (action_t)a);
        char want[128];
        snprintf(want, sizeof want, "%s: read-only, actions are disabled",
                 model_action_info((action_t)a)->name);
        assert_false(st.offered);
        assert_false(st.enabled);
        assert_string_equal(st.reason, want);
    }
    /* a read-only profile, the same */
    setup(PROVIDER_OMNIDIM, CAMPAIGN_ACTIVE, VIEW_CAMPAIGNS);
    profile.read_only = true;
    assert_false(ui_action_state(&app, &row, ACTION_PAUSE).enabled);
}

static void test_create_on_the_list_only(void **state)
{
    (void)state;
    setup(PROVIDER_OMNIDIM, CAMPAIGN_ACTIVE, VIEW_CAMPAIGNS);
    assert_true(ui_action_state(&app, &row, ACTION_CREATE).offered);
    assert_true(ui_action_state(&app, NULL, ACTION_CREATE).enabled);
    setup(PROVIDER_OMNIDIM, CAMPAIGN_ACTIVE, VIEW_CONTACTS);
    assert_false(ui_action_state(&app, &row, ACTION_CREATE).offered);
    /* a per-campaign key with no campaign to act on says so */
    ui_action_state_t st = ui_action_state(&app, NULL, ACTION_PAUSE);
    assert_false(st.enabled);
    assert_string_equal(st.reason, "pause: no campaign selected");
    /* nothing acts from the detail view */
    setup(PROVIDER_OMNIDIM, CAMPAIGN_ACTIVE, VIEW_DETAIL);
    assert_false(ui_action_state(&app, &row, ACTION_PAUSE).offered);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_truedy_reschedule_while_active),
        cmocka_unit_test(test_reason_is_the_models_sentence),
        cmocka_unit_test(test_provider_specific_not_offered),
        cmocka_unit_test(test_read_only_offers_nothing),
        cmocka_unit_test(test_create_on_the_list_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
