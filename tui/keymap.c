/* Key tables (see keymap.h). */
#include "keymap.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#define CTRL_KEY(c) ((c) & 0x1f)
#define KB(code) {(code), 0u}
#define KBI(code, scopes) {(code), (scopes)}

static const keymap_command_info_t commands[] = {
    {CMD_NONE, "none", "", 0, "", 0, {{0, 0}}},
#define KEYMAP_INFO(id, name, label, foot, help, scope, ...) \
    {id, name, label, foot, help, scope, {__VA_ARGS__}},
    KEYMAP_COMMANDS(KEYMAP_INFO)
#undef KEYMAP_INFO
};

const keymap_command_info_t *keymap_command_info(keymap_cmd_t cmd)
{
    return (unsigned)cmd < CMD_COUNT ? &commands[cmd] : &commands[CMD_NONE];
}

keymap_cmd_t keymap_command_named(const char *name, size_t len)
{
    for (int c = CMD_NONE + 1; c < CMD_COUNT; c++)
        if (strlen(commands[c].name) == len && strncmp(commands[c].name, name, len) == 0)
            return (keymap_cmd_t)c;
    return CMD_NONE;
}

/* The scopes key `k` of command `ci` works in. */
static unsigned key_scope(const keymap_command_info_t *ci, const keymap_key_t *k)
{
    return k->only ? (k->only & ci->scope) : ci->scope;
}

/* The command on `key` in `scope` (one key may mean one command per
 * scope: Esc is "back", "clear" on the campaign list, "close" in a
 * dialog). */
static keymap_cmd_t command_in(int key, unsigned scope)
{
    for (int c = CMD_NONE + 1; c < CMD_COUNT; c++) {
        const keymap_command_info_t *ci = &commands[c];
        for (size_t i = 0; i < KEYMAP_KEYS_MAX && ci->keys[i].code; i++)
            if (ci->keys[i].code == key && (key_scope(ci, &ci->keys[i]) & scope))
                return (keymap_cmd_t)c;
    }
    return CMD_NONE;
}

const char *keymap_command_keys(keymap_cmd_t cmd, unsigned scope, char *buf, size_t len)
{
    const keymap_command_info_t *ci = keymap_command_info(cmd);
    size_t o = 0;
    if (len)
        buf[0] = '\0';
    for (size_t i = 0; i < KEYMAP_KEYS_MAX && ci->keys[i].code && o < len; i++) {
        if (!(key_scope(ci, &ci->keys[i]) & scope))
            continue;
        char one[24];
        keymap_key_label(ci->keys[i].code, one, sizeof one);
        /* aliases ('\n', '\r', KEY_ENTER) are one key to the operator */
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++) {
            char other[24];
            seen = (key_scope(ci, &ci->keys[j]) & scope) &&
                   strcmp(keymap_key_label(ci->keys[j].code, other, sizeof other), one) == 0;
        }
        if (!seen)
            o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? " " : "", one);
    }
    return buf;
}

int keymap_command_key(keymap_cmd_t cmd, unsigned scope)
{
    const keymap_command_info_t *ci = keymap_command_info(cmd);
    for (size_t i = 0; i < KEYMAP_KEYS_MAX && ci->keys[i].code; i++)
        if (key_scope(ci, &ci->keys[i]) & scope)
            return ci->keys[i].code;
    return 0;
}

unsigned keymap_action_scope(action_t a)
{
    const model_action_info_t *info = model_action_info(a);
    if (!info)
        return 0;
    return info->per_campaign ? VIEW_BITS_LISTS : VIEW_BIT_CAMPAIGNS;
}

static void defaults(keymap_t *km)
{
    for (int a = 0; a < ACTION_COUNT; a++)
        km->action_key[a] = model_action_info((action_t)a)->default_key;
}

static bool action_by_name(const char *name, action_t *out)
{
    for (int a = 0; a < ACTION_COUNT; a++)
        if (strcmp(model_action_info((action_t)a)->name, name) == 0) {
            *out = (action_t)a;
            return true;
        }
    return false;
}

/* The other command on `key` besides action `self`, by name; NULL if none. */
static const char *other_on_key(const keymap_t *km, int key, action_t self)
{
    /* only where the action works: a dialog's keys are another keymap */
    keymap_cmd_t cmd = command_in(key, keymap_action_scope(self));
    if (cmd != CMD_NONE)
        return commands[cmd].name;
    for (int a = 0; a < ACTION_COUNT; a++)
        if (a != (int)self && km->action_key[a] == key)
            return model_action_info((action_t)a)->name;
    return NULL;
}

bool keymap_init(keymap_t *km, const config_t *cfg, char *err, size_t err_len)
{
    char why[256] = "";
    defaults(km);
    for (size_t i = 0; cfg && i < cfg->nkeys && !why[0]; i++) {
        const char *name = cfg->keys[i].name, *v = cfg->keys[i].value;
        action_t a;
        if (!action_by_name(name, &a)) {
            /* the known names come from the action table, never a copy */
            char known[160] = "";
            for (int k = 0; k < ACTION_COUNT; k++) {
                size_t used = strlen(known);
                snprintf(known + used, sizeof known - used, "%s%s", k ? ", " : "",
                         model_action_info((action_t)k)->name);
            }
            snprintf(why, sizeof why, "keys: unknown action \"%s\" (known: %s)", name, known);
        }
        else if (strlen(v) != 1 || v[0] <= ' ' || v[0] > '~')
            snprintf(why, sizeof why, "keys: %s = %s: one printable character is needed", name,
                     v);
        else
            km->action_key[a] = v[0];
    }
    /* judged after every remap, so that two keys can be swapped */
    for (int a = 0; a < ACTION_COUNT && !why[0]; a++) {
        const char *other = other_on_key(km, km->action_key[a], (action_t)a);
        if (other)
            snprintf(why, sizeof why, "keys: %s = %c collides with %s, which is also on %c",
                     model_action_info((action_t)a)->name, km->action_key[a], other,
                     km->action_key[a]);
    }
    if (err && err_len)
        snprintf(err, err_len, "%s", why);
    if (why[0])
        defaults(km);
    return !why[0];
}

keymap_hit_t keymap_lookup(const keymap_t *km, int key, unsigned scope)
{
    keymap_hit_t hit = {KEYMAP_HIT_NONE, CMD_NONE, ACTION_COUNT};
    keymap_cmd_t cmd = command_in(key, scope);
    if (cmd != CMD_NONE) {
        hit.kind = KEYMAP_HIT_COMMAND;
        hit.cmd = cmd;
        return hit;
    }
    for (int a = 0; a < ACTION_COUNT; a++) {
        if (km->action_key[a] == key && (keymap_action_scope((action_t)a) & scope)) {
            hit.kind = KEYMAP_HIT_ACTION;
            hit.action = (action_t)a;
            return hit;
        }
    }
    return hit;
}

int keymap_action_key(const keymap_t *km, action_t a)
{
    return (unsigned)a < ACTION_COUNT ? km->action_key[a] : 0;
}

/* Names of the special keys, as the operator reads them on the keycap. */
static const struct {
    int code;
    const char *label;
} special[] = {
    {'\n', "Enter"}, {'\r', "Enter"}, {KEY_ENTER, "Enter"}, {27, "Esc"}, {'\t', "Tab"},
    {KEY_BTAB, "S-Tab"}, {' ', "space"}, {KEY_UP, "Up"}, {KEY_DOWN, "Down"},
    {KEY_LEFT, "Left"}, {KEY_RIGHT, "Right"}, {KEY_PPAGE, "PgUp"}, {KEY_NPAGE, "PgDn"},
    {KEY_HOME, "Home"}, {KEY_END, "End"}, {KEY_BACKSPACE, "Backspace"}, {127, "Backspace"},
    {8, "Backspace"},
};

const char *keymap_key_label(int key, char *buf, size_t len)
{
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
        if (special[i].code == key) {
            snprintf(buf, len, "%s", special[i].label);
            return buf;
        }
    if (key >= KEY_F(1) && key <= KEY_F(24))
        snprintf(buf, len, "F%d", key - KEY_F0);
    else if (key > 0 && key < 32)
        snprintf(buf, len, "^%c", key + '@');
    else if (key > ' ' && key <= '~')
        snprintf(buf, len, "%c", key);
    else
        snprintf(buf, len, "%s", keyname(key) ? keyname(key) : "?");
    return buf;
}
