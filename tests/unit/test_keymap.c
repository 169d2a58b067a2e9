/* Unit tests for tui/keymap: navigation keys by view, action keys from the
 * model's table, [keys] remapping and its refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <string.h>

#include "keymap.h"

static void test_navigation_by_view(void **state)
{
    (void)state;
    keymap_t km;
    keymap_init(&km, NULL, NULL, 0);
    keymap_hit_t h = keymap_lookup(&km, 'j', VIEW_BIT_CAMPAIGNS);
    assert_int_equal(h.kind, KEYMAP_HIT_COMMAND);
    assert_int_equal(h.cmd, CMD_DOWN);
    assert_int_equal(keymap_lookup(&km, KEY_NPAGE, VIEW_BIT_CONTACTS).cmd, CMD_PAGE_DOWN);
    assert_int_equal(keymap_lookup(&km, 4, VIEW_BIT_CONTACTS).cmd, CMD_HALF_DOWN); /* ^D */
    assert_int_equal(keymap_lookup(&km, 'G', VIEW_BIT_DETAIL).cmd, CMD_BOTTOM);
    /* Enter opens only from the campaign list; Esc does nothing there */
    assert_int_equal(keymap_lookup(&km, '\n', VIEW_BIT_CAMPAIGNS).cmd, CMD_OPEN);
    assert_int_equal(keymap_lookup(&km, '\n', VIEW_BIT_HELP).kind, KEYMAP_HIT_NONE);
    assert_int_equal(keymap_lookup(&km, 27, VIEW_BIT_CAMPAIGNS).kind, KEYMAP_HIT_NONE);
    assert_int_equal(keymap_lookup(&km, 27, VIEW_BIT_CONTACTS).cmd, CMD_BACK);
    assert_int_equal(keymap_lookup(&km, '/', VIEW_BIT_HELP).kind, KEYMAP_HIT_NONE);
}

static void test_action_keys_from_model(void **state)
{
    (void)state;
    keymap_t km;
    keymap_init(&km, NULL, NULL, 0);
    for (int a = 0; a < ACTION_COUNT; a++) {
        int key = model_action_info((action_t)a)->default_key;
        keymap_hit_t h = keymap_lookup(&km, key, VIEW_BIT_CAMPAIGNS);
        assert_int_equal(h.kind, KEYMAP_HIT_ACTION);
        assert_int_equal(h.action, a);
        /* actions never fire from the help or detail screens */
        assert_int_equal(keymap_lookup(&km, key, VIEW_BIT_HELP).kind, KEYMAP_HIT_NONE);
    }
}

static void test_remap_and_refusals(void **state)
{
    (void)state;
    config_t cfg;
    char err[256];
    const char *text = "[profile a]\nprovider = omnidim\napi_key_env = K\n\n[keys]\npause = P\nresume = j\ncancel = xx\n";
    assert_true(config_parse(&cfg, text, "test", err, sizeof err));
    keymap_t km;
    char warn[256];
    keymap_init(&km, &cfg, warn, sizeof warn);
    assert_int_equal(keymap_action_key(&km, ACTION_PAUSE), 'P');
    assert_int_equal(keymap_lookup(&km, 'P', VIEW_BIT_CAMPAIGNS).action, ACTION_PAUSE);
    assert_int_equal(keymap_lookup(&km, 'p', VIEW_BIT_CAMPAIGNS).kind, KEYMAP_HIT_NONE);
    /* 'j' is navigation and "xx" is not a key: both keep their defaults */
    assert_int_equal(keymap_action_key(&km, ACTION_RESUME), 'R');
    assert_int_equal(keymap_action_key(&km, ACTION_CANCEL), 'X');
    assert_true(strlen(warn) > 0);
    config_free(&cfg);
}

static void test_key_labels(void **state)
{
    (void)state;
    char b[16];
    assert_string_equal(keymap_key_label('p', b, sizeof b), "p");
    assert_string_equal(keymap_key_label('\n', b, sizeof b), "Enter");
    assert_string_equal(keymap_key_label(12, b, sizeof b), "^L");
    assert_string_equal(keymap_key_label(27, b, sizeof b), "Esc");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_navigation_by_view),
        cmocka_unit_test(test_action_keys_from_model),
        cmocka_unit_test(test_remap_and_refusals),
        cmocka_unit_test(test_key_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
