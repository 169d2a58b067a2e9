/* The key map: which key runs which command.
 *
 * Built from the action table's default keys (model.h) plus the console's
 * navigation keys, then the config's [keys] remaps. Pure data: no ncurses
 * here, so the console, the help screen, the footer and the tests share
 * it. The console translates its terminal's key codes into the codes
 * below before calling keys_lookup().
 *
 * Key codes: printable ASCII is itself ('p', 'P', ' '); Ctrl-a..Ctrl-z are
 * 1..26 (Tab is 9, Esc 27); everything else is a KEYS_* value. Enter is
 * KEYS_ENTER only: the console maps '\n', '\r' and its own Enter to it. */
#ifndef DIALTOP_KEYS_H
#define DIALTOP_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "model.h"

enum {
    KEYS_TAB = 9,
    KEYS_ESC = 27,
    KEYS_SPECIAL = 0x200000, /* beyond Unicode */
    KEYS_ENTER,
    KEYS_BACKSPACE,
    KEYS_DELETE,
    KEYS_INSERT,
    KEYS_HOME,
    KEYS_END,
    KEYS_PAGE_UP,
    KEYS_PAGE_DOWN,
    KEYS_UP,
    KEYS_DOWN,
    KEYS_LEFT,
    KEYS_RIGHT,
    KEYS_F0 = KEYS_SPECIAL + 0x100 /* F1 is KEYS_F0 + 1 ... F12 */
};
#define KEYS_F(n) (KEYS_F0 + (n))

/* Console commands that are not actions on campaigns. */
typedef enum {
    NAV_UP,
    NAV_DOWN,
    NAV_PAGE_UP,
    NAV_PAGE_DOWN,
    NAV_TOP,
    NAV_BOTTOM,
    NAV_OPEN,      /* drill into the selected campaign */
    NAV_BACK,
    NAV_QUIT,
    NAV_FILTER,
    NAV_SORT,
    NAV_MARK,      /* mark/unmark for actions on every marked campaign */
    NAV_REFRESH,
    NAV_HELP,
    NAV_COUNT
} keys_nav_t;

/* A command: an action from the model's table, or a navigation command. */
typedef struct {
    bool is_action;
    int id;        /* action_t when is_action, else keys_nav_t */
} keys_cmd_t;

#define KEYS_MAX_BINDINGS 64
#define KEYS_ERR_MAX 256

typedef struct {
    int key;
    keys_cmd_t cmd;
} keys_binding_t;

/* Fill with keys_build(); read with the functions below. */
typedef struct {
    keys_binding_t bindings[KEYS_MAX_BINDINGS];
    size_t n;
    bool read_only;
} keys_t;

/* Defaults, then each remap "name = KEY [KEY...]" (the keys named replace
 * all of that command's keys). Refuses an unknown command name, a key
 * name it cannot parse, or a key left on two commands, with one message
 * naming both ("keys: pause = R collides with resume, which is on R").
 * `remaps` may be NULL when n is 0. On failure `km` holds the defaults. */
bool keys_build(keys_t *km, const config_pair_t *remaps, size_t n, bool read_only,
                char *err, size_t err_len);

/* The command on `key`; false when the key is unbound. */
bool keys_lookup(const keys_t *km, int key, keys_cmd_t *out);

/* Why a bound command may not run whatever the campaign: "read-only" for
 * every action in read-only mode, else NULL. The action table still
 * decides per campaign (model_action_allowed). */
const char *keys_refusal(const keys_t *km, keys_cmd_t cmd);

/* Whether the footer shows the command (action keys are hidden when
 * read-only). */
bool keys_visible(const keys_t *km, keys_cmd_t cmd);

/* The keys bound to `cmd`, in binding order; returns how many (up to max). */
size_t keys_for(const keys_t *km, keys_cmd_t cmd, int *out, size_t max);

/* "P", "space", "Ctrl-x", "F5", "Enter", "PageUp"; "?" for codes with no name. */
void keys_name(int key, char *out, size_t out_len);
/* The inverse: case-insensitive for names, exact for single characters. */
bool keys_parse_name(const char *s, int *out);

/* "pause", "down"; NULL for an invalid command. */
const char *keys_cmd_name(keys_cmd_t cmd);
/* One help line (the action table's for actions). */
const char *keys_cmd_help(keys_cmd_t cmd);
bool keys_cmd_from_name(const char *s, keys_cmd_t *out);
bool keys_cmd_equal(keys_cmd_t a, keys_cmd_t b);

static inline keys_cmd_t keys_action_cmd(action_t a)
{
    keys_cmd_t c = {true, (int)a};
    return c;
}

static inline keys_cmd_t keys_nav_cmd(keys_nav_t n)
{
    keys_cmd_t c = {false, (int)n};
    return c;
}

#endif
