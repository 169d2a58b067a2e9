/* Every key the console understands, from two tables: the navigation
 * commands below (one X-macro list makes the enum, the names and the help
 * lines) and the model's action table (api/model.h), whose default keys
 * may be remapped in the config's [keys] section. The help screen and the
 * footer are generated from these, so a key cannot exist undocumented. */
#ifndef DIALTOP_KEYMAP_H
#define DIALTOP_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "model.h"

/* Views a command applies in (bit mask). */
#define VIEW_BIT_CAMPAIGNS 1u
#define VIEW_BIT_CONTACTS 2u
#define VIEW_BIT_DETAIL 4u
#define VIEW_BIT_HELP 8u
#define VIEW_BITS_LISTS (VIEW_BIT_CAMPAIGNS | VIEW_BIT_CONTACTS)
#define VIEW_BITS_SCROLL (VIEW_BITS_LISTS | VIEW_BIT_DETAIL | VIEW_BIT_HELP)
#define VIEW_BITS_ALL 15u

/*  id                name          keys shown        help                                   views */
#define KEYMAP_COMMANDS(X)                                                                      \
    X(CMD_UP,         "up",         "k Up",           "move up",                             VIEW_BITS_SCROLL) \
    X(CMD_DOWN,       "down",       "j Down",         "move down",                           VIEW_BITS_SCROLL) \
    X(CMD_HALF_UP,    "half-up",    "^U",             "half a page up",                      VIEW_BITS_SCROLL) \
    X(CMD_HALF_DOWN,  "half-down",  "^D",             "half a page down",                    VIEW_BITS_SCROLL) \
    X(CMD_PAGE_UP,    "page-up",    "PgUp",           "page up",                             VIEW_BITS_SCROLL) \
    X(CMD_PAGE_DOWN,  "page-down",  "PgDn",           "page down",                           VIEW_BITS_SCROLL) \
    X(CMD_TOP,        "top",        "g Home",         "first row",                           VIEW_BITS_SCROLL) \
    X(CMD_BOTTOM,     "bottom",     "G End",          "last row",                            VIEW_BITS_SCROLL) \
    X(CMD_OPEN,       "open",       "Enter",          "open the campaign's contacts",        VIEW_BIT_CAMPAIGNS) \
    X(CMD_FOLLOWUP,   "followup",   "F",              "follow-up: a new campaign from the contacts in chosen states", VIEW_BIT_CONTACTS) \
    X(CMD_DETAIL,     "detail",     "d Tab",          "every field of the selected row",     VIEW_BITS_LISTS) \
    X(CMD_FILTER,     "filter",     "/",              "filter by name, phone or state",      VIEW_BITS_LISTS) \
    X(CMD_SORT,       "sort",       "s",              "next sort column",                    VIEW_BITS_LISTS) \
    X(CMD_REVERSE,    "reverse",    "S",              "reverse the sort",                    VIEW_BITS_LISTS) \
    X(CMD_MARK,       "mark",       "space",          "mark/unmark: action keys act on every marked campaign", VIEW_BIT_CAMPAIGNS) \
    X(CMD_UNMARK,     "unmark",     "u",              "unmark every campaign",               VIEW_BIT_CAMPAIGNS) \
    X(CMD_CLEAR,      "clear",      "Esc",            "clear the filter; again: clear the marks", VIEW_BIT_CAMPAIGNS) \
    X(CMD_REFRESH,    "refresh",    "r",              "refresh now",                         VIEW_BITS_ALL) \
    X(CMD_REDRAW,     "redraw",     "^L",             "redraw the screen",                   VIEW_BITS_ALL) \
    X(CMD_HELP,       "help",       "?",              "this help",                           VIEW_BITS_ALL & ~VIEW_BIT_HELP) \
    X(CMD_LOG,        "log",        "M",              "message log: every message and error with its time", VIEW_BITS_ALL) \
    X(CMD_ACK,        "acknowledge", "A",             "acknowledge the alerts in the banner",  VIEW_BITS_ALL) \
    X(CMD_BACK,       "back",       "Esc",            "back to the previous view",           VIEW_BITS_ALL & ~VIEW_BIT_CAMPAIGNS) \
    X(CMD_QUIT,       "quit",       "q",              "quit (on the campaign list), else back", VIEW_BITS_ALL)

typedef enum {
    CMD_NONE,
#define KEYMAP_ENUM(id, name, keys, help, views) id,
    KEYMAP_COMMANDS(KEYMAP_ENUM)
#undef KEYMAP_ENUM
    CMD_COUNT
} keymap_cmd_t;

typedef struct {
    keymap_cmd_t cmd;
    const char *name;
    const char *keys;
    const char *help;
    unsigned views;
} keymap_command_info_t;

const keymap_command_info_t *keymap_command_info(keymap_cmd_t cmd);

typedef enum {
    KEYMAP_HIT_NONE,
    KEYMAP_HIT_COMMAND,
    KEYMAP_HIT_ACTION
} keymap_hit_kind_t;

typedef struct {
    keymap_hit_kind_t kind;
    keymap_cmd_t cmd;
    action_t action;
} keymap_hit_t;

typedef struct {
    int action_key[ACTION_COUNT];
} keymap_t;

/* Action keys from the model, then the [keys] remaps ("pause = P"; `cfg`
 * may be NULL). Refuses, with one sentence in `err`, a name that is not an
 * action, a value that is not one printable character, and a key left on
 * two commands after every remap, naming both ("keys: pause = R collides
 * with resume, which is also on R"); swapping two keys is fine. On
 * failure `km` holds the defaults. The console refuses to start then. */
bool keymap_init(keymap_t *km, const config_t *cfg, char *err, size_t err_len);

/* What `key` (a curses key code) means in a view (one VIEW_BIT_*). */
keymap_hit_t keymap_lookup(const keymap_t *km, int key, unsigned view_bit);

int keymap_action_key(const keymap_t *km, action_t a);

/* "p", "Enter", "^L": a printable name for a key code. */
const char *keymap_key_label(int key, char *buf, size_t len);

#endif
