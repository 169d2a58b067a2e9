/* Unit tests for api/keys: defaults come from the action table, key names
 * parse and print both ways, remaps replace keys, collisions and unknown
 * names are refused naming both sides, read-only refuses every action. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "keys.h"

static keys_cmd_t lookup(const keys_t *km, int key)
{
    keys_cmd_t c = {false, -1};
    assert_true(keys_lookup(km, key, &c));
    return c;
}

static void assert_action_on(const keys_t *km, int key, action_t a)
{
    keys_cmd_t c = lookup(km, key);
    assert_true(c.is_action);
    assert_int_equal(c.id, a);
}

static void assert_nav_on(const keys_t *km, int key, keys_nav_t n)
{
    keys_cmd_t c = lookup(km, key);
    assert_false(c.is_action);
    assert_int_equal(c.id, n);
}

static void test_defaults_from_table(void **state)
{
    (void)state;
    keys_t km;
    char err[KEYS_ERR_MAX];
    assert_true(keys_build(&km, NULL, 0, false, err, sizeof err));
    for (int a = 0; a < ACTION_COUNT; a++)
        assert_action_on(&km, model_action_info((action_t)a)->default_key, (action_t)a);
    assert_action_on(&km, 'p', ACTION_PAUSE);
    assert_action_on(&km, 'R', ACTION_RESUME);
    assert_action_on(&km, 't', ACTION_RESCHEDULE);
    assert_action_on(&km, 'X', ACTION_CANCEL);
    assert_nav_on(&km, ' ', NAV_MARK);
    assert_nav_on(&km, KEYS_DOWN, NAV_DOWN);
    assert_nav_on(&km, 'j', NAV_DOWN);
    assert_nav_on(&km, KEYS_ENTER, NAV_OPEN);
    assert_nav_on(&km, 'q', NAV_QUIT);
    keys_cmd_t c;
    assert_false(keys_lookup(&km, 'P', &c));
    /* No key is on two commands by default. */
    for (size_t i = 0; i < km.n; i++)
        for (size_t j = i + 1; j < km.n; j++)
            assert_int_not_equal(km.bindings[i].key, km.bindings[j].key);
    assert_null(keys_refusal(&km, keys_action_cmd(ACTION_PAUSE)));
    assert_true(keys_visible(&km, keys_action_cmd(ACTION_CANCEL)));
}

static void test_key_names(void **state)
{
    (void)state;
    struct {
        const char *in;
        int key;
        const char *out;
    } cases[] = {
        {"P", 'P', "P"},           {"p", 'p', "p"},          {"space", ' ', "space"},
        {"SPACE", ' ', "space"},   {"Ctrl-x", 24, "Ctrl-x"}, {"ctrl-X", 24, "Ctrl-x"},
        {"C-a", 1, "Ctrl-a"},      {"^R", 18, "Ctrl-r"},     {"F5", KEYS_F(5), "F5"},
        {"f12", KEYS_F(12), "F12"}, {"Enter", KEYS_ENTER, "Enter"},
        {"Return", KEYS_ENTER, "Enter"}, {"Esc", KEYS_ESC, "Esc"},
        {"PgDn", KEYS_PAGE_DOWN, "PageDown"}, {"Tab", KEYS_TAB, "Tab"},
        {"/", '/', "/"},           {"Up", KEYS_UP, "Up"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int k = 0;
        if (!keys_parse_name(cases[i].in, &k))
            fail_msg("%s did not parse", cases[i].in);
        assert_int_equal(k, cases[i].key);
        char name[32];
        keys_name(k, name, sizeof name);
        assert_string_equal(name, cases[i].out);
    }
    const char *bad[] = {"", "F0", "F13", "Ctrl-", "Ctrl-1", "Ctrl-ab", "Ctrl-m", "Ctrl-j",
                         "Ctrl-i", "banana", "\x7f", "\xc3\xa9"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int k;
        if (keys_parse_name(bad[i], &k))
            fail_msg("\"%s\" parsed", bad[i]);
    }
    assert_false(keys_parse_name(NULL, &(int){0}));
}

static void test_remap_replaces(void **state)
{
    (void)state;
    config_pair_t remaps[] = {{"pause", "P"}, {"down", "n Down"}, {"reschedule", "F5"}};
    keys_t km;
    char err[KEYS_ERR_MAX] = "";
    assert_true(keys_build(&km, remaps, 3, false, err, sizeof err));
    assert_action_on(&km, 'P', ACTION_PAUSE);
    keys_cmd_t c;
    assert_false(keys_lookup(&km, 'p', &c)); /* the old key is freed */
    assert_nav_on(&km, 'n', NAV_DOWN);
    assert_nav_on(&km, KEYS_DOWN, NAV_DOWN);
    assert_false(keys_lookup(&km, 'j', &c));
    assert_action_on(&km, KEYS_F(5), ACTION_RESCHEDULE);
    int keys[4];
    assert_int_equal(keys_for(&km, keys_nav_cmd(NAV_DOWN), keys, 4), 2);
    assert_int_equal(keys[0], 'n');
    assert_int_equal(keys[1], KEYS_DOWN);

    /* Swapping two keys is fine: collisions are judged after every remap. */
    config_pair_t swap[] = {{"pause", "R"}, {"resume", "p"}};
    assert_true(keys_build(&km, swap, 2, false, err, sizeof err));
    assert_action_on(&km, 'R', ACTION_PAUSE);
    assert_action_on(&km, 'p', ACTION_RESUME);
}

static void test_remap_collisions(void **state)
{
    (void)state;
    keys_t km;
    char err[KEYS_ERR_MAX];
    config_pair_t with_action[] = {{"pause", "R"}};
    assert_false(keys_build(&km, with_action, 1, false, err, sizeof err));
    assert_string_equal(err, "keys: pause = R collides with resume, which is also on R");
    /* The map falls back to the defaults, usable as is. */
    assert_action_on(&km, 'p', ACTION_PAUSE);

    config_pair_t with_nav[] = {{"cancel", "q"}};
    assert_false(keys_build(&km, with_nav, 1, false, err, sizeof err));
    assert_string_equal(err, "keys: cancel = q collides with quit, which is also on q");

    config_pair_t nav_on_action[] = {{"mark", "X"}};
    assert_false(keys_build(&km, nav_on_action, 1, false, err, sizeof err));
    assert_string_equal(err, "keys: mark = X collides with cancel, which is also on X");

    config_pair_t both[] = {{"pause", "z"}, {"resume", "z"}};
    assert_false(keys_build(&km, both, 2, false, err, sizeof err));
    assert_non_null(strstr(err, "collides with"));
    assert_non_null(strstr(err, "pause"));
    assert_non_null(strstr(err, "resume"));

    config_pair_t space[] = {{"pause", "space"}};
    assert_false(keys_build(&km, space, 1, false, err, sizeof err));
    assert_string_equal(err, "keys: pause = space collides with mark, which is also on space");
}

static void test_remap_bad_names(void **state)
{
    (void)state;
    keys_t km;
    char err[KEYS_ERR_MAX];
    config_pair_t unknown[] = {{"frobnicate", "f"}};
    assert_false(keys_build(&km, unknown, 1, false, err, sizeof err));
    assert_non_null(strstr(err, "keys: unknown action \"frobnicate\" (known: pause, resume"));
    config_pair_t badkey[] = {{"pause", "Ctrl-1"}};
    assert_false(keys_build(&km, badkey, 1, false, err, sizeof err));
    assert_non_null(strstr(err, "keys: pause = Ctrl-1: unknown key name \"Ctrl-1\""));
    config_pair_t empty[] = {{"pause", ""}};
    assert_false(keys_build(&km, empty, 1, false, err, sizeof err));
    assert_string_equal(err, "keys: pause has no key");
}

static void test_read_only(void **state)
{
    (void)state;
    keys_t km;
    char err[KEYS_ERR_MAX];
    assert_true(keys_build(&km, NULL, 0, true, err, sizeof err));
    for (int a = 0; a < ACTION_COUNT; a++) {
        keys_cmd_t c = lookup(&km, model_action_info((action_t)a)->default_key);
        assert_string_equal(keys_refusal(&km, c), "read-only");
        assert_false(keys_visible(&km, c));
    }
    keys_cmd_t nav = lookup(&km, 'q');
    assert_null(keys_refusal(&km, nav));
    assert_true(keys_visible(&km, nav));
}

static void test_cmd_names(void **state)
{
    (void)state;
    keys_cmd_t c;
    assert_true(keys_cmd_from_name("Pause", &c));
    assert_true(keys_cmd_equal(c, keys_action_cmd(ACTION_PAUSE)));
    assert_string_equal(keys_cmd_name(c), "pause");
    assert_string_equal(keys_cmd_help(c), model_action_info(ACTION_PAUSE)->help);
    assert_true(keys_cmd_from_name("page_down", &c));
    assert_true(keys_cmd_equal(c, keys_nav_cmd(NAV_PAGE_DOWN)));
    assert_false(keys_cmd_from_name("nope", &c));
    keys_cmd_t bad = {true, ACTION_COUNT};
    assert_null(keys_cmd_name(bad));
    assert_null(keys_cmd_help(keys_nav_cmd(NAV_COUNT)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_from_table), cmocka_unit_test(test_key_names),
        cmocka_unit_test(test_remap_replaces),      cmocka_unit_test(test_remap_collisions),
        cmocka_unit_test(test_remap_bad_names),     cmocka_unit_test(test_read_only),
        cmocka_unit_test(test_cmd_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
