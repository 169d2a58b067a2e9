/* Every key the console understands, from two tables: the commands below
 * (one X-macro list makes the enum, the names, the labels, the key codes
 * and the scopes they apply in; the help screen, the footer, README's and
 * the man page's key lists are all generated from it) and the model's
 * action table (api/model.h), whose default keys may be remapped in the
 * config's [keys] section. As in tig, one list of requests, and a keymap
 * per scope: a view, or a modal dialog (or one step of it). A key cannot
 * exist undocumented, and a dialog never decodes key codes itself. */
#ifndef DIALTOP_KEYMAP_H
#define DIALTOP_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "model.h"

/* Scopes a command applies in (bit mask): the four views... */
#define VIEW_BIT_CAMPAIGNS 1u
#define VIEW_BIT_CONTACTS 2u
#define VIEW_BIT_DETAIL 4u
#define VIEW_BIT_HELP 8u
#define VIEW_BITS_LISTS (VIEW_BIT_CAMPAIGNS | VIEW_BIT_CONTACTS)
#define VIEW_BITS_SCROLL (VIEW_BITS_LISTS | VIEW_BIT_DETAIL | VIEW_BIT_HELP)
#define VIEW_BITS_ALL 15u
/* ...and the kinds of modal layer (app_modal_t.scope). A modal's other
 * keys are text for its field, when it has one. */
#define MODAL_BIT_TEXT 16u      /* one line typed: the filter, a count */
#define MODAL_BIT_FORM 32u      /* fields: reschedule, window, retry, settings */
#define MODAL_BIT_PICK 64u      /* a path or states typed, Up/Down the profile */
#define MODAL_BIT_PREVIEW 128u  /* the import's preview: how to read the file */
#define MODAL_BIT_LIST 256u     /* a list inside a dialog: the rejected rows */
#define MODAL_BIT_CONFIRM 512u  /* y goes on, any other key does not */
#define MODAL_BIT_SCHEDULE 1024u /* the reschedule form: it may pause first */
#define MODAL_BITS_ALL (MODAL_BIT_TEXT | MODAL_BIT_FORM | MODAL_BIT_PICK | MODAL_BIT_PREVIEW | \
                        MODAL_BIT_LIST | MODAL_BIT_CONFIRM | MODAL_BIT_SCHEDULE)
#define MODAL_BITS_STEPS (MODAL_BIT_PREVIEW | MODAL_BIT_LIST)

/* Key codes of a command, for the list below: KB(code) applies in every
 * scope of its command, KBI(code, scopes) only in those (Backspace is
 * "back" in the views and in the import's steps, but text in a field).
 * Expanded in keymap.c only, where curses names the codes. */
#define KEYMAP_KEYS_MAX 5

/* The footer shows the commands with a FOOT(place), in that order. */
#define FOOT(place) (place)

/*  X(id, name, label, footer place (0: not there),
 *    help (one line),
 *    scope, key codes) */
#define KEYMAP_COMMANDS(X)                                                                       \
    X(CMD_UP, "up", "up", 0,                                                                     \
      "move up",                                                                                 \
      VIEW_BITS_SCROLL | MODAL_BIT_LIST, KB('k'), KB(KEY_UP))                                    \
    X(CMD_DOWN, "down", "down", 0,                                                               \
      "move down",                                                                               \
      VIEW_BITS_SCROLL | MODAL_BIT_LIST, KB('j'), KB(KEY_DOWN))                                  \
    X(CMD_HALF_UP, "half-up", "half up", 0,                                                      \
      "half a page up",                                                                          \
      VIEW_BITS_SCROLL, KB(CTRL_KEY('u')))                                                       \
    X(CMD_HALF_DOWN, "half-down", "half down", 0,                                                \
      "half a page down",                                                                        \
      VIEW_BITS_SCROLL, KB(CTRL_KEY('d')))                                                       \
    X(CMD_PAGE_UP, "page-up", "page up", 0,                                                      \
      "page up",                                                                                 \
      VIEW_BITS_SCROLL | MODAL_BIT_LIST, KB(KEY_PPAGE))                                          \
    X(CMD_PAGE_DOWN, "page-down", "page down", 0,                                                \
      "page down",                                                                               \
      VIEW_BITS_SCROLL | MODAL_BIT_LIST, KB(KEY_NPAGE), KBI(' ', MODAL_BIT_LIST))                \
    X(CMD_TOP, "top", "top", 0,                                                                  \
      "first row",                                                                               \
      VIEW_BITS_SCROLL | MODAL_BIT_LIST, KB('g'), KB(KEY_HOME))                                  \
    X(CMD_BOTTOM, "bottom", "bottom", 0,                                                         \
      "last row",                                                                                \
      VIEW_BITS_SCROLL | MODAL_BIT_LIST, KB('G'), KB(KEY_END))                                   \
    X(CMD_OPEN, "open", "open", FOOT(1),                                                         \
      "open the campaign's contacts",                                                            \
      VIEW_BIT_CAMPAIGNS, KB('\n'), KB('\r'), KB(KEY_ENTER))                                     \
    X(CMD_FOLLOWUP, "followup", "follow-up", 0,                                                  \
      "follow-up: a new campaign from the contacts in chosen states",                            \
      VIEW_BIT_CONTACTS, KB('F'))                                                                \
    X(CMD_DETAIL, "detail", "detail", FOOT(3),                                                   \
      "every field of the selected row",                                                         \
      VIEW_BITS_LISTS, KB('d'), KB('\t'))                                                        \
    X(CMD_FILTER, "filter", "filter", FOOT(4),                                                   \
      "filter by name, phone or state",                                                          \
      VIEW_BITS_LISTS, KB('/'))                                                                  \
    X(CMD_SORT, "sort", "sort", FOOT(5),                                                         \
      "next sort column",                                                                        \
      VIEW_BITS_LISTS, KB('s'))                                                                  \
    X(CMD_REVERSE, "reverse", "reverse", 0,                                                      \
      "reverse the sort",                                                                        \
      VIEW_BITS_LISTS, KB('S'))                                                                  \
    X(CMD_MARK, "mark", "mark", 0,                                                               \
      "mark/unmark: action keys act on every marked campaign",                                   \
      VIEW_BIT_CAMPAIGNS, KB(' '))                                                               \
    X(CMD_UNMARK, "unmark", "unmark", 0,                                                         \
      "unmark every campaign",                                                                   \
      VIEW_BIT_CAMPAIGNS, KB('u'))                                                               \
    X(CMD_CLEAR, "clear", "clear", 0,                                                            \
      "clear the filter; again: clear the marks",                                                \
      VIEW_BIT_CAMPAIGNS, KB(27))                                                                \
    X(CMD_REFRESH, "refresh", "refresh", FOOT(6),                                                \
      "refresh now",                                                                             \
      VIEW_BITS_ALL, KB('r'), KB(KEY_F(5)))                                                      \
    X(CMD_REDRAW, "redraw", "redraw", 0,                                                         \
      "redraw the screen",                                                                       \
      VIEW_BITS_ALL, KB(CTRL_KEY('l')))                                                          \
    X(CMD_HELP, "help", "help", FOOT(7),                                                         \
      "this help",                                                                               \
      VIEW_BITS_ALL & ~VIEW_BIT_HELP, KB('?'), KB(KEY_F(1)))                                     \
    X(CMD_LOG, "log", "log", 0,                                                                  \
      "message log: every message and error with its time",                                      \
      VIEW_BITS_ALL, KB('M'))                                                                    \
    X(CMD_ACK, "acknowledge", "acknowledge", 0,                                                  \
      "acknowledge the alerts in the banner",                                                    \
      VIEW_BITS_ALL, KB('A'))                                                                    \
    X(CMD_BACK, "back", "back", FOOT(2),                                                         \
      "back to the previous view; in the import, the step before",                               \
      (VIEW_BITS_ALL & ~VIEW_BIT_CAMPAIGNS) | MODAL_BITS_STEPS,                                  \
      KBI(27, VIEW_BITS_ALL), KBI(KEY_LEFT, VIEW_BITS_ALL), KB(KEY_BACKSPACE),                   \
      KBI(127, MODAL_BITS_STEPS), KBI(8, MODAL_BITS_STEPS))                                      \
    X(CMD_QUIT, "quit", "quit", FOOT(8),                                                         \
      "quit (on the campaign list), else back",                                                  \
      VIEW_BITS_ALL, KB('q'))                                                                    \
    X(CMD_SUBMIT, "submit", "ok", 0,                                                             \
      "take the field or step; on the review: create",                                           \
      MODAL_BITS_ALL, KB('\n'), KB('\r'), KB(KEY_ENTER))                                         \
    X(CMD_CANCEL, "cancel", "close", 0,                                                          \
      "close the dialog; nothing is sent",                                                       \
      MODAL_BITS_ALL, KB(27))                                                                    \
    X(CMD_COMPLETE, "complete", "complete", 0,                                                   \
      "complete the path or time zone; elsewhere the next field",                                \
      MODAL_BIT_FORM | MODAL_BIT_PICK, KB('\t'))                                                 \
    X(CMD_NEXT_FIELD, "next-field", "next field", 0,                                             \
      "the next field",                                                                          \
      MODAL_BIT_FORM, KB(KEY_DOWN))                                                              \
    X(CMD_PREV_FIELD, "prev-field", "previous field", 0,                                         \
      "the previous field",                                                                      \
      MODAL_BIT_FORM, KB(KEY_UP), KB(KEY_BTAB))                                                  \
    X(CMD_NEXT_PROFILE, "next-profile", "next profile", 0,                                       \
      "create on the next profile shown",                                                        \
      MODAL_BIT_PICK, KB(KEY_DOWN))                                                              \
    X(CMD_PREV_PROFILE, "prev-profile", "previous profile", 0,                                   \
      "create on the previous profile shown",                                                    \
      MODAL_BIT_PICK, KB(KEY_UP))                                                                \
    X(CMD_PAUSE_FIRST, "pause-first", "pause first", 0,                                          \
      "pause the campaign first, then reschedule it",                                            \
      MODAL_BIT_SCHEDULE, KB(CTRL_KEY('p')))                                                     \
    X(CMD_LEFT, "left", "left", 0,                                                               \
      "scroll the columns left",                                                                 \
      MODAL_BIT_PREVIEW, KB(KEY_LEFT), KB('h'))                                                  \
    X(CMD_RIGHT, "right", "right", 0,                                                            \
      "scroll the columns right",                                                                \
      MODAL_BIT_PREVIEW, KB(KEY_RIGHT), KB('l'))                                                 \
    X(CMD_DELIMITER, "delimiter", "delimiter", 0,                                                \
      "read again with the next delimiter",                                                      \
      MODAL_BIT_PREVIEW, KB('d'))                                                                \
    X(CMD_ENCODING, "encoding", "encoding", 0,                                                   \
      "read again as UTF-8 or Windows-1252",                                                     \
      MODAL_BIT_PREVIEW, KB('e'))                                                                \
    X(CMD_PHONE_COLUMN, "phone-column", "phone column", 0,                                       \
      "read again with the next column as the phone",                                            \
      MODAL_BIT_PREVIEW, KB('p'))                                                                \
    X(CMD_REGION, "region", "region", 0,                                                         \
      "read again with the next phone region",                                                   \
      MODAL_BIT_PREVIEW, KB('r'))                                                                \
    X(CMD_PREMIUM, "premium", "premium", 0,                                                      \
      "accept or refuse premium-rate numbers",                                                   \
      MODAL_BIT_PREVIEW, KB('m'))                                                                \
    X(CMD_REDETECT, "redetect", "detect again", 0,                                               \
      "read again detecting delimiter, encoding and phone column",                               \
      MODAL_BIT_PREVIEW, KB('a'))                                                                \
    X(CMD_WRITE_REJECTS, "write-rejects", "write rejects", 0,                                    \
      "write the rejected rows to NAME.rejects.csv",                                             \
      MODAL_BIT_LIST, KB('x'))                                                                   \
    X(CMD_YES, "yes", "yes", 0,                                                                  \
      "go on (any other key: nothing is sent)",                                                  \
      MODAL_BIT_CONFIRM, KB('y'))

typedef enum {
    CMD_NONE,
#define KEYMAP_ENUM(id, ...) id,
    KEYMAP_COMMANDS(KEYMAP_ENUM)
#undef KEYMAP_ENUM
    CMD_COUNT
} keymap_cmd_t;

typedef struct {
    int code;
    unsigned only;             /* 0: every scope of the command */
} keymap_key_t;

typedef struct {
    keymap_cmd_t cmd;
    const char *name;
    const char *label;         /* the footer's word */
    int foot;                  /* place in the footer, 0 none */
    const char *help;
    unsigned scope;
    keymap_key_t keys[KEYMAP_KEYS_MAX]; /* code 0 ends the list */
} keymap_command_info_t;

const keymap_command_info_t *keymap_command_info(keymap_cmd_t cmd);
/* The command whose name is the `len` bytes at `name` ("submit"); CMD_NONE
 * when none is. */
keymap_cmd_t keymap_command_named(const char *name, size_t len);

/* "k Up", "Esc Left Backspace": the labels of the keys `cmd` has in any
 * of `scope` (aliases such as the two Enter codes once). "" when none. */
const char *keymap_command_keys(keymap_cmd_t cmd, unsigned scope, char *buf, size_t len);

/* The first key of `cmd` in `scope`, for the footer; 0 when none. */
int keymap_command_key(keymap_cmd_t cmd, unsigned scope);

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

/* What `key` (a curses key code) means in a scope (one VIEW_BIT_*, or a
 * modal's MODAL_BIT_* mask). */
keymap_hit_t keymap_lookup(const keymap_t *km, int key, unsigned scope);

/* The scopes an action key works in: a per-campaign action on the
 * selected campaign in the list and the open one in its contacts;
 * creating starts from the list only. */
unsigned keymap_action_scope(action_t a);

int keymap_action_key(const keymap_t *km, action_t a);

/* "p", "Enter", "^L", "F1", "Backspace": a printable name for a key code. */
const char *keymap_key_label(int key, char *buf, size_t len);

#endif
