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

/* In every scope (a view, or one kind of dialog) a key means one command:
 * the lookup takes the first, so a second would be dead and its docs a
 * lie. Every command has a key and a scope, and the footer places are
 * each taken once. */
static void test_one_command_per_key_and_scope(void **state)
{
    (void)state;
    int foot_seen[CMD_COUNT] = {0};
    for (int c = CMD_NONE + 1; c < CMD_COUNT; c++) {
        const keymap_command_info_t *ci = keymap_command_info((keymap_cmd_t)c);
        assert_int_not_equal(ci->scope, 0);
        assert_int_not_equal(ci->keys[0].code, 0);
        assert_true(ci->foot >= 0 && ci->foot < CMD_COUNT);
        if (ci->foot)
            assert_int_equal(foot_seen[ci->foot]++, 0);
        for (unsigned bit = 1; bit <= MODAL_BIT_SCHEDULE; bit <<= 1)
            for (size_t i = 0; i < KEYMAP_KEYS_MAX && ci->keys[i].code; i++) {
                unsigned in = ci->keys[i].only ? ci->keys[i].only & ci->scope : ci->scope;
                if (!(in & bit))
                    continue;
                keymap_t km;
                keymap_init(&km, NULL, NULL, 0);
                keymap_hit_t h = keymap_lookup(&km, ci->keys[i].code, bit);
                if (h.kind != KEYMAP_HIT_COMMAND || h.cmd != (keymap_cmd_t)c)
                    fail_msg("%s: key %d in scope %u means another command", ci->name,
                             ci->keys[i].code, bit);
            }
    }
}

/* The keys found bound but documented nowhere are in the table now, so
 * the help, README and the man page list them. */
static void test_function_and_back_keys(void **state)
{
    (void)state;
    keymap_t km;
    keymap_init(&km, NULL, NULL, 0);
    assert_int_equal(keymap_lookup(&km, KEY_F(1), VIEW_BIT_CAMPAIGNS).cmd, CMD_HELP);
    assert_int_equal(keymap_lookup(&km, KEY_F(5), VIEW_BIT_DETAIL).cmd, CMD_REFRESH);
    assert_int_equal(keymap_lookup(&km, KEY_LEFT, VIEW_BIT_CONTACTS).cmd, CMD_BACK);
    assert_int_equal(keymap_lookup(&km, KEY_BACKSPACE, VIEW_BIT_HELP).cmd, CMD_BACK);
    char b[64];
    assert_string_equal(keymap_command_keys(CMD_HELP, VIEW_BITS_ALL, b, sizeof b), "? F1");
    assert_string_equal(keymap_command_keys(CMD_REFRESH, VIEW_BITS_ALL, b, sizeof b), "r F5");
    assert_string_equal(keymap_command_keys(CMD_BACK, VIEW_BITS_ALL, b, sizeof b),
                        "Esc Left Backspace");
    /* the three Enter codes are one key to the operator */
    assert_string_equal(keymap_command_keys(CMD_OPEN, VIEW_BITS_ALL, b, sizeof b), "Enter");
    assert_string_equal(keymap_key_label(KEY_F(1), b, sizeof b), "F1");
    assert_string_equal(keymap_key_label(127, b, sizeof b), "Backspace");
}

/* A dialog's keymap: j is text in a form but a move in a list, Backspace
 * edits a field but steps back in the import's preview, Esc closes
 * every dialog. */
static void test_modal_scopes(void **state)
{
    (void)state;
    keymap_t km;
    keymap_init(&km, NULL, NULL, 0);
    assert_int_equal(keymap_lookup(&km, 'j', MODAL_BIT_FORM).kind, KEYMAP_HIT_NONE);
    assert_int_equal(keymap_lookup(&km, 'j', MODAL_BIT_LIST).cmd, CMD_DOWN);
    assert_int_equal(keymap_lookup(&km, ' ', MODAL_BIT_LIST).cmd, CMD_PAGE_DOWN);
    assert_int_equal(keymap_lookup(&km, KEY_DOWN, MODAL_BIT_FORM).cmd, CMD_NEXT_FIELD);
    assert_int_equal(keymap_lookup(&km, KEY_DOWN, MODAL_BIT_PICK).cmd, CMD_NEXT_PROFILE);
    assert_int_equal(keymap_lookup(&km, 127, MODAL_BIT_FORM).kind, KEYMAP_HIT_NONE);
    assert_int_equal(keymap_lookup(&km, 127, MODAL_BIT_PREVIEW).cmd, CMD_BACK);
    assert_int_equal(keymap_lookup(&km, 127, VIEW_BIT_CONTACTS).kind, KEYMAP_HIT_NONE);
    assert_int_equal(keymap_lookup(&km, KEY_LEFT, MODAL_BIT_PREVIEW).cmd, CMD_LEFT);
    assert_int_equal(keymap_lookup(&km, 'p', MODAL_BIT_PREVIEW).cmd, CMD_PHONE_COLUMN);
    for (unsigned bit = MODAL_BIT_TEXT; bit <= MODAL_BIT_SCHEDULE; bit <<= 1) {
        assert_int_equal(keymap_lookup(&km, 27, bit).cmd, CMD_CANCEL);
        assert_int_equal(keymap_lookup(&km, '\r', bit).cmd, CMD_SUBMIT);
        /* action keys never act inside a dialog */
        for (int a = 0; a < ACTION_COUNT; a++)
            assert_int_not_equal(keymap_lookup(&km, keymap_action_key(&km, (action_t)a), bit).kind,
                                 KEYMAP_HIT_ACTION);
    }
}

/* i (create) works on the campaign list only, as every doc says. */
static void test_create_scope(void **state)
{
    (void)state;
    keymap_t km;
    keymap_init(&km, NULL, NULL, 0);
    assert_int_equal(keymap_lookup(&km, 'i', VIEW_BIT_CAMPAIGNS).action, ACTION_CREATE);
    assert_int_equal(keymap_lookup(&km, 'i', VIEW_BIT_CONTACTS).kind, KEYMAP_HIT_NONE);
    assert_int_equal(keymap_lookup(&km, 'p', VIEW_BIT_CONTACTS).action, ACTION_PAUSE);
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
        cmocka_unit_test(test_one_command_per_key_and_scope),
        cmocka_unit_test(test_function_and_back_keys),
        cmocka_unit_test(test_modal_scopes),
        cmocka_unit_test(test_create_scope),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
