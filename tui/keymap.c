/* Key tables (see keymap.h). */
#include "keymap.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#define CTRL_KEY(c) ((c) & 0x1f)

static const keymap_command_info_t commands[] = {
    {CMD_NONE, "none", "", "", 0},
#define KEYMAP_INFO(id, name, keys, help, views) {id, name, keys, help, views},
    KEYMAP_COMMANDS(KEYMAP_INFO)
#undef KEYMAP_INFO
};

/* The key codes behind the "keys shown" column above. */
static const struct {
    int key;
    keymap_cmd_t cmd;
} bindings[] = {
    {'k', CMD_UP}, {KEY_UP, CMD_UP},
    {'j', CMD_DOWN}, {KEY_DOWN, CMD_DOWN},
    {CTRL_KEY('u'), CMD_HALF_UP}, {CTRL_KEY('d'), CMD_HALF_DOWN},
    {KEY_PPAGE, CMD_PAGE_UP}, {KEY_NPAGE, CMD_PAGE_DOWN},
    {'g', CMD_TOP}, {KEY_HOME, CMD_TOP},
    {'G', CMD_BOTTOM}, {KEY_END, CMD_BOTTOM},
    {'\n', CMD_OPEN}, {'\r', CMD_OPEN}, {KEY_ENTER, CMD_OPEN},
    {'d', CMD_DETAIL}, {'\t', CMD_DETAIL},
    {'/', CMD_FILTER},
    {'F', CMD_FOLLOWUP},
    {'s', CMD_SORT}, {'S', CMD_REVERSE},
    {' ', CMD_MARK}, {'u', CMD_UNMARK},
    {'r', CMD_REFRESH}, {KEY_F(5), CMD_REFRESH},
    {CTRL_KEY('l'), CMD_REDRAW},
    {'?', CMD_HELP}, {KEY_F(1), CMD_HELP},
    {'M', CMD_LOG},
    {'A', CMD_ACK},
    {27, CMD_BACK}, {KEY_LEFT, CMD_BACK}, {KEY_BACKSPACE, CMD_BACK},
    {27, CMD_CLEAR}, /* Esc where there is no view to go back to */
    {'q', CMD_QUIT},
};

const keymap_command_info_t *keymap_command_info(keymap_cmd_t cmd)
{
    return (unsigned)cmd < CMD_COUNT ? &commands[cmd] : &commands[CMD_NONE];
}

/* The command on `key` in the views of `view_bits` (one key may mean one
 * command per view: Esc is "back", or "clear" on the campaign list). */
static keymap_cmd_t nav_command_in(int key, unsigned view_bits)
{
    for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
        if (bindings[i].key == key && (commands[bindings[i].cmd].views & view_bits))
            return bindings[i].cmd;
    return CMD_NONE;
}

static keymap_cmd_t nav_command(int key)
{
    return nav_command_in(key, VIEW_BITS_ALL);
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
    keymap_cmd_t cmd = nav_command(key);
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

keymap_hit_t keymap_lookup(const keymap_t *km, int key, unsigned view_bit)
{
    keymap_hit_t hit = {KEYMAP_HIT_NONE, CMD_NONE, ACTION_COUNT};
    keymap_cmd_t cmd = nav_command_in(key, view_bit);
    if (cmd != CMD_NONE) {
        hit.kind = KEYMAP_HIT_COMMAND;
        hit.cmd = cmd;
        return hit;
    }
    /* Action keys act on a campaign: from the campaign list, and from the
     * contacts screen on the campaign that is open. */
    if (!(view_bit & VIEW_BITS_LISTS))
        return hit;
    for (int a = 0; a < ACTION_COUNT; a++) {
        if (km->action_key[a] == key) {
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

const char *keymap_key_label(int key, char *buf, size_t len)
{
    if (key == '\n' || key == KEY_ENTER)
        snprintf(buf, len, "Enter");
    else if (key == 27)
        snprintf(buf, len, "Esc");
    else if (key > 0 && key < 32)
        snprintf(buf, len, "^%c", key + '@');
    else if (key > ' ' && key <= '~')
        snprintf(buf, len, "%c", key);
    else
        snprintf(buf, len, "%s", keyname(key) ? keyname(key) : "?");
    return buf;
}
