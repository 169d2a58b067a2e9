/* Unit tests for tui/keymap: navigation keys by view, action keys from the
 * model's table, [keys] remapping and its refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <stdio.h>
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
    /* Enter opens only from the campaign list; Esc there clears the filter,
     * then the marks (issue 15), and goes back everywhere else; u unmarks */
    assert_int_equal(keymap_lookup(&km, '\n', VIEW_BIT_CAMPAIGNS).cmd, CMD_OPEN);
    assert_int_equal(keymap_lookup(&km, '\n', VIEW_BIT_HELP).kind, KEYMAP_HIT_NONE);
    assert_int_equal(keymap_lookup(&km, 27, VIEW_BIT_CAMPAIGNS).cmd, CMD_CLEAR);
    assert_int_equal(keymap_lookup(&km, 'u', VIEW_BIT_CAMPAIGNS).cmd, CMD_UNMARK);
    assert_int_equal(keymap_lookup(&km, 'u', VIEW_BIT_CONTACTS).kind, KEYMAP_HIT_NONE);
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

static bool init_from(keymap_t *km, const char *keys_section, char *err, size_t err_len)
{
    config_t cfg;
    char text[512], perr[256];
    snprintf(text, sizeof text, "[profile a]\nprovider = omnidim\napi_key_env = K\n\n[keys]\n%s",
             keys_section);
    assert_true(config_parse(&cfg, text, "test", perr, sizeof perr));
    bool ok = keymap_init(km, &cfg, err, err_len);
    config_free(&cfg);
    return ok;
}

static void test_remap(void **state)
{
    (void)state;
    keymap_t km;
    char err[256];
    assert_true(init_from(&km, "pause = P\n", err, sizeof err));
    assert_string_equal(err, "");
    assert_int_equal(keymap_action_key(&km, ACTION_PAUSE), 'P');
    assert_int_equal(keymap_lookup(&km, 'P', VIEW_BIT_CAMPAIGNS).action, ACTION_PAUSE);
    assert_int_equal(keymap_lookup(&km, 'p', VIEW_BIT_CAMPAIGNS).kind, KEYMAP_HIT_NONE);
    /* collisions are judged after every remap: a swap is fine */
    assert_true(init_from(&km, "pause = R\nresume = p\n", err, sizeof err));
    assert_int_equal(keymap_lookup(&km, 'R', VIEW_BIT_CAMPAIGNS).action, ACTION_PAUSE);
    assert_int_equal(keymap_lookup(&km, 'p', VIEW_BIT_CAMPAIGNS).action, ACTION_RESUME);
}

static void test_remap_refusals(void **state)
{
    (void)state;
    keymap_t km;
    char err[256];
    assert_false(init_from(&km, "pause = R\n", err, sizeof err));
    assert_string_equal(err, "keys: pause = R collides with resume, which is also on R");
    /* a refused map is left on the defaults */
    assert_int_equal(keymap_action_key(&km, ACTION_PAUSE), 'p');
    assert_false(init_from(&km, "cancel = q\n", err, sizeof err));
    assert_string_equal(err, "keys: cancel = q collides with quit, which is also on q");
    assert_false(init_from(&km, "resume = j\n", err, sizeof err));
    assert_string_equal(err, "keys: resume = j collides with down, which is also on j");
    assert_false(init_from(&km, "pause = z\nresume = z\n", err, sizeof err));
    assert_string_equal(err, "keys: pause = z collides with resume, which is also on z");
    assert_false(init_from(&km, "cancel = xx\n", err, sizeof err));
    assert_string_equal(err, "keys: cancel = xx: one printable character is needed");
    assert_false(init_from(&km, "frobnicate = f\n", err, sizeof err));
    assert_non_null(strstr(err, "keys: unknown action \"frobnicate\""));
}

static void test_mark_key(void **state)
{
    (void)state;
    keymap_t km;
    assert_true(keymap_init(&km, NULL, NULL, 0));
    assert_int_equal(keymap_lookup(&km, ' ', VIEW_BIT_CAMPAIGNS).cmd, CMD_MARK);
    assert_int_equal(keymap_lookup(&km, ' ', VIEW_BIT_HELP).kind, KEYMAP_HIT_NONE);
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
        cmocka_unit_test(test_remap),
        cmocka_unit_test(test_remap_refusals),
        cmocka_unit_test(test_mark_key),
        cmocka_unit_test(test_key_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
