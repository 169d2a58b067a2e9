/* The key map: defaults from the action table, navigation keys, remaps. */
#include "keys.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
    const char *name;
    const char *help;
    int keys[3];   /* 0 ends the list */
} nav_info_t;

static const nav_info_t nav_infos[NAV_COUNT] = {
    [NAV_UP] = {"up", "move up", {KEYS_UP, 'k', 0}},
    [NAV_DOWN] = {"down", "move down", {KEYS_DOWN, 'j', 0}},
    [NAV_PAGE_UP] = {"page_up", "one screen up", {KEYS_PAGE_UP, 0, 0}},
    [NAV_PAGE_DOWN] = {"page_down", "one screen down", {KEYS_PAGE_DOWN, 0, 0}},
    [NAV_TOP] = {"top", "first row", {KEYS_HOME, 'g', 0}},
    [NAV_BOTTOM] = {"bottom", "last row", {KEYS_END, 'G', 0}},
    [NAV_OPEN] = {"open", "open the selected campaign's contacts", {KEYS_ENTER, 0, 0}},
    [NAV_BACK] = {"back", "back to the previous view", {KEYS_ESC, KEYS_BACKSPACE, 0}},
    [NAV_QUIT] = {"quit", "quit dialtop", {'q', 0, 0}},
    [NAV_FILTER] = {"filter", "filter rows by text", {'/', 0, 0}},
    [NAV_SORT] = {"sort", "cycle the sort column", {'s', 0, 0}},
    [NAV_MARK] = {"mark", "mark or unmark; actions then apply to every marked row",
                  {' ', 0, 0}},
    [NAV_REFRESH] = {"refresh", "refresh now", {'r', 0, 0}},
    [NAV_HELP] = {"help", "keys and what they do", {'?', KEYS_F(1), 0}},
};

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void set_err(char *err, size_t len, const char *fmt, ...)
{
    if (!err || !len)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, len, fmt, ap);
    va_end(ap);
}

/* --- key names ------------------------------------------------------------- */

static const struct {
    const char *name;
    int key;
} named_keys[] = {
    {"space", ' '},         {"Tab", KEYS_TAB},          {"Esc", KEYS_ESC},
    {"Escape", KEYS_ESC},   {"Enter", KEYS_ENTER},      {"Return", KEYS_ENTER},
    {"Backspace", KEYS_BACKSPACE}, {"Delete", KEYS_DELETE}, {"Del", KEYS_DELETE},
    {"Insert", KEYS_INSERT}, {"Home", KEYS_HOME},       {"End", KEYS_END},
    {"PageUp", KEYS_PAGE_UP}, {"PgUp", KEYS_PAGE_UP},   {"PageDown", KEYS_PAGE_DOWN},
    {"PgDn", KEYS_PAGE_DOWN}, {"Up", KEYS_UP},          {"Down", KEYS_DOWN},
    {"Left", KEYS_LEFT},    {"Right", KEYS_RIGHT},
};

void keys_name(int key, char *out, size_t out_len)
{
    /* The first spelling in the table is the canonical one. */
    for (size_t i = 0; i < sizeof named_keys / sizeof *named_keys; i++) {
        if (named_keys[i].key == key) {
            snprintf(out, out_len, "%s", named_keys[i].name);
            return;
        }
    }
    if (key > ' ' && key < 0x7f)
        snprintf(out, out_len, "%c", key);
    else if (key >= 1 && key <= 26)
        snprintf(out, out_len, "Ctrl-%c", 'a' + key - 1);
    else if (key > KEYS_F0 && key <= KEYS_F(12))
        snprintf(out, out_len, "F%d", key - KEYS_F0);
    else
        snprintf(out, out_len, "?");
}

bool keys_parse_name(const char *s, int *out)
{
    if (!s || !*s)
        return false;
    if (s[1] == '\0') {
        if (*s > ' ' && *s < 0x7f) {
            *out = *s;
            return true;
        }
        return false;
    }
    for (size_t i = 0; i < sizeof named_keys / sizeof *named_keys; i++) {
        if (strcasecmp(s, named_keys[i].name) == 0) {
            *out = named_keys[i].key;
            return true;
        }
    }
    const char *letter = NULL;
    if (strncasecmp(s, "Ctrl-", 5) == 0 || strncasecmp(s, "Ctrl+", 5) == 0)
        letter = s + 5;
    else if (strncasecmp(s, "C-", 2) == 0)
        letter = s + 2;
    else if (s[0] == '^')
        letter = s + 1;
    if (letter) {
        int c = tolower((unsigned char)letter[0]);
        /* Ctrl-j and Ctrl-m arrive as Enter, Ctrl-i as Tab: binding them
         * would silently steal those keys. */
        if (c == '\0' || letter[1] != '\0' || c < 'a' || c > 'z' || c == 'j' || c == 'm' || c == 'i')
            return false;
        *out = c - 'a' + 1;
        return true;
    }
    if ((s[0] == 'F' || s[0] == 'f') && isdigit((unsigned char)s[1])) {
        char *end;
        long n = strtol(s + 1, &end, 10);
        if (*end == '\0' && n >= 1 && n <= 12) {
            *out = KEYS_F((int)n);
            return true;
        }
    }
    return false;
}

/* --- commands -------------------------------------------------------------- */

static bool cmd_valid(keys_cmd_t c)
{
    return c.is_action ? (c.id >= 0 && c.id < ACTION_COUNT) : (c.id >= 0 && c.id < NAV_COUNT);
}

const char *keys_cmd_name(keys_cmd_t c)
{
    if (!cmd_valid(c))
        return NULL;
    return c.is_action ? model_action_info((action_t)c.id)->name : nav_infos[c.id].name;
}

const char *keys_cmd_help(keys_cmd_t c)
{
    if (!cmd_valid(c))
        return NULL;
    return c.is_action ? model_action_info((action_t)c.id)->help : nav_infos[c.id].help;
}

bool keys_cmd_from_name(const char *s, keys_cmd_t *out)
{
    action_t a;
    if (model_action_from_name(s, &a)) {
        *out = keys_action_cmd(a);
        return true;
    }
    for (int i = 0; s && i < NAV_COUNT; i++) {
        if (strcasecmp(s, nav_infos[i].name) == 0) {
            *out = keys_nav_cmd((keys_nav_t)i);
            return true;
        }
    }
    return false;
}

bool keys_cmd_equal(keys_cmd_t a, keys_cmd_t b)
{
    return a.is_action == b.is_action && a.id == b.id;
}

/* --- building -------------------------------------------------------------- */

static bool bind(keys_t *km, int key, keys_cmd_t cmd)
{
    if (km->n == KEYS_MAX_BINDINGS)
        return false;
    km->bindings[km->n].key = key;
    km->bindings[km->n].cmd = cmd;
    km->n++;
    return true;
}

static void build_defaults(keys_t *km, bool read_only)
{
    memset(km, 0, sizeof *km);
    km->read_only = read_only;
    for (int a = 0; a < ACTION_COUNT; a++)
        bind(km, model_action_info((action_t)a)->default_key, keys_action_cmd((action_t)a));
    for (int n = 0; n < NAV_COUNT; n++)
        for (int k = 0; k < 3 && nav_infos[n].keys[k]; k++)
            bind(km, nav_infos[n].keys[k], keys_nav_cmd((keys_nav_t)n));
}

static void unbind_cmd(keys_t *km, keys_cmd_t cmd)
{
    size_t w = 0;
    for (size_t r = 0; r < km->n; r++)
        if (!keys_cmd_equal(km->bindings[r].cmd, cmd))
            km->bindings[w++] = km->bindings[r];
    km->n = w;
}

static void list_names(char *out, size_t len)
{
    out[0] = '\0';
    for (int a = 0; a < ACTION_COUNT; a++) {
        size_t used = strlen(out);
        snprintf(out + used, len - used, "%s%s", a ? ", " : "", model_action_info((action_t)a)->name);
    }
    for (int n = 0; n < NAV_COUNT; n++) {
        size_t used = strlen(out);
        snprintf(out + used, len - used, ", %s", nav_infos[n].name);
    }
}

/* Splits `value` on blanks into key codes. */
static bool parse_key_list(const char *name, const char *value, int *keys, size_t *nkeys,
                           char *err, size_t err_len)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", value ? value : "");
    *nkeys = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
        if (*nkeys == 4) {
            set_err(err, err_len, "keys: %s: at most 4 keys per command", name);
            return false;
        }
        if (!keys_parse_name(tok, &keys[*nkeys])) {
            set_err(err, err_len,
                    "keys: %s = %s: unknown key name \"%s\" (use a character, space, Tab, "
                    "Enter, Esc, Ctrl-x, F1-F12, Up, Down, PageUp, Home, ...)",
                    name, value, tok);
            return false;
        }
        (*nkeys)++;
    }
    if (*nkeys == 0) {
        set_err(err, err_len, "keys: %s has no key", name);
        return false;
    }
    return true;
}

/* The remap (if any) that bound `key` to `cmd`, for naming it in errors. */
static const config_pair_t *remap_for(const config_pair_t *remaps, size_t n, keys_cmd_t cmd)
{
    for (size_t i = n; i-- > 0;) {
        keys_cmd_t c;
        if (keys_cmd_from_name(remaps[i].name, &c) && keys_cmd_equal(c, cmd))
            return &remaps[i];
    }
    return NULL;
}

static bool find_collision(const keys_t *km, const config_pair_t *remaps, size_t n, char *err,
                           size_t err_len)
{
    for (size_t i = 0; i < km->n; i++) {
        for (size_t j = i + 1; j < km->n; j++) {
            if (km->bindings[i].key != km->bindings[j].key ||
                keys_cmd_equal(km->bindings[i].cmd, km->bindings[j].cmd))
                continue;
            /* Name the remap that caused it first; the other command is
             * the one it collides with. */
            keys_cmd_t a = km->bindings[i].cmd, b = km->bindings[j].cmd;
            const config_pair_t *ra = remap_for(remaps, n, a);
            const config_pair_t *rb = remap_for(remaps, n, b);
            if (!ra && rb) {
                keys_cmd_t t = a;
                a = b;
                b = t;
                ra = rb;
            }
            char kn[32];
            keys_name(km->bindings[i].key, kn, sizeof kn);
            set_err(err, err_len, "keys: %s = %s collides with %s, which is also on %s",
                    keys_cmd_name(a), ra ? ra->value : kn, keys_cmd_name(b), kn);
            return true;
        }
    }
    return false;
}

bool keys_build(keys_t *km, const config_pair_t *remaps, size_t n, bool read_only, char *err,
                size_t err_len)
{
    build_defaults(km, read_only);
    for (size_t i = 0; i < n; i++) {
        keys_cmd_t cmd;
        if (!keys_cmd_from_name(remaps[i].name, &cmd)) {
            char known[512];
            list_names(known, sizeof known);
            set_err(err, err_len, "keys: unknown action \"%s\" (known: %s)",
                    remaps[i].name ? remaps[i].name : "", known);
            build_defaults(km, read_only);
            return false;
        }
        int keys[4];
        size_t nkeys;
        if (!parse_key_list(remaps[i].name, remaps[i].value, keys, &nkeys, err, err_len)) {
            build_defaults(km, read_only);
            return false;
        }
        unbind_cmd(km, cmd);
        for (size_t k = 0; k < nkeys; k++) {
            if (!bind(km, keys[k], cmd)) {
                set_err(err, err_len, "keys: too many key bindings");
                build_defaults(km, read_only);
                return false;
            }
        }
    }
    if (find_collision(km, remaps, n, err, err_len)) {
        build_defaults(km, read_only);
        return false;
    }
    return true;
}

bool keys_lookup(const keys_t *km, int key, keys_cmd_t *out)
{
    for (size_t i = 0; i < km->n; i++) {
        if (km->bindings[i].key == key) {
            *out = km->bindings[i].cmd;
            return true;
        }
    }
    return false;
}

const char *keys_refusal(const keys_t *km, keys_cmd_t cmd)
{
    return km->read_only && cmd.is_action ? "read-only" : NULL;
}

bool keys_visible(const keys_t *km, keys_cmd_t cmd)
{
    return cmd_valid(cmd) && keys_refusal(km, cmd) == NULL;
}

size_t keys_for(const keys_t *km, keys_cmd_t cmd, int *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < km->n && n < max; i++)
        if (keys_cmd_equal(km->bindings[i].cmd, cmd))
            out[n++] = km->bindings[i].key;
    return n;
}
