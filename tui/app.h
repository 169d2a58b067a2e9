/* The console: public surface for cli/main.c and for the action layer
 * (issue 6), which plugs in through `on_action` and the app_* calls
 * below without touching the loop or the views. */
#ifndef DIALTOP_APP_H
#define DIALTOP_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "client.h"
#include "keymap.h"
#include "model.h"
#include "poller.h"
#include "theme.h"

typedef struct app app_t;

/* What an action key applies to: the selected campaign (campaign list) or
 * the open one (contacts screen). `campaign` is valid only during the
 * call; copy what you need. */
typedef struct {
    const model_campaign_t *campaign;   /* NULL for ACTION_CREATE */
    const char *key;                    /* the row's store key, NULL for ACTION_CREATE */
    const config_profile_t *profile;
    client_t *client;                   /* that profile's client, may be NULL */
    int source;                         /* profile index, for app_* calls */
    bool hidden;                        /* marked, but the filter hides its row */
} app_target_t;

/* Called for an action key with the campaigns it may act on: the selected
 * one, or every marked one (marks are cleared after). Each passed the
 * checks: the model permits the action in its state, the provider offers
 * it, and neither the profile nor --read-only forbids it. Refused ones are
 * left out (n may be 0) and listed on the status line by the console. */
typedef void (*app_action_fn)(app_t *app, action_t action, const app_target_t *targets,
                              size_t n, void *ud);

typedef struct {
    const char *config_path;   /* NULL: the default path */
    /* A configuration built in code (dialtop --demo), used instead of
     * reading config_path. app_run takes it over and leaves it empty. */
    config_t *config;
    const char *profile;       /* NULL: the config's default profile */
    bool all_profiles;
    bool no_color;             /* also set by NO_COLOR in the environment */
    theme_kind_t theme;
    bool read_only;
    app_action_fn on_action;   /* NULL: action keys say they are not wired */
    /* Each campaign the console refused an action key on, with the reason
     * shown; for the audit log. May be NULL. */
    void (*on_refused)(app_t *app, action_t action, const app_target_t *target,
                       const char *reason, void *ud);
    void (*on_close)(app_t *app, void *ud);  /* before the clients go; may be NULL */
    void *on_action_ud;
    /* --script FILE: keys and commands from FILE, the screen drawn in
     * memory and dumped as text (tui/script.h); NULL: the terminal */
    const char *script_path;
} app_options_t;

/* The profiles the console shows (sources), for a dialog that lets the
 * operator choose one (the import's target). */
size_t app_source_count(const app_t *a);
bool app_source_target(const app_t *a, size_t i, app_target_t *out);
/* The id of a listed campaign of `source` named exactly `name`, or NULL
 * (the import asks before making a second one). */
const char *app_campaign_named(const app_t *a, int source, const char *name);

/* Runs the console until the operator quits. Returns the exit status;
 * errors before the screen starts are printed to stderr. */
int app_run(const app_options_t *opt);

/* A modal layer (prompt, confirmation dialog): gets every key first and
 * draws last. Like a view it has a keymap: the loop looks each key up in
 * the modal's scope (keymap.h) and hands `command` the command it means
 * there, or CMD_NONE with the key itself, which is text for the modal's
 * field if it has one. `command` returns false to close the modal; `draw`
 * may paint over any window (it is called after the views, before
 * doupdate). */
typedef struct {
    unsigned scope;                        /* MODAL_BIT_* */
    /* May be NULL. The scope now, for a modal whose steps differ (the
     * import: a path typed, then a preview, a list, a form); 0: `scope`. */
    unsigned (*scope_now)(void *ud);
    bool (*command)(app_t *app, keymap_cmd_t cmd, int key, void *ud);
    void (*draw)(app_t *app, void *ud);
    void (*close)(app_t *app, void *ud);   /* may be NULL */
    /* May be NULL. Called on every pass of the main loop; true while the
     * modal has work of its own under way (a file read on a thread, an
     * upload), so the loop wakes every MODAL_TICK_MS and redraws. */
    bool (*tick)(app_t *app, void *ud);
} app_modal_t;

#define MODAL_TICK_MS 100

void app_modal_open(app_t *app, const app_modal_t *modal, void *ud);

/* A message on the status line for a few seconds (sanitised here); an
 * error stays until the next key. Every one also goes to the message
 * log (M) with its time. */
void app_flash(app_t *app, poller_severity_t sev, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Into the message log only (what the status line says on its own, such
 * as a backend becoming unreachable). Sanitised here. */
void app_log(app_t *app, poller_severity_t sev, const char *text);

/* Polls every profile (and the open campaign) at once. */
void app_refresh_now(app_t *app);

bool app_read_only(const app_t *app, int source);

/* The campaign on row `key` as it is now (the target of a dialog opened
 * earlier); false when the row is gone. Valid until the next poll. */
bool app_find_target(app_t *app, const char *key, app_target_t *out);

/* Marks the row `key` again (a confirmation answered "no" gives the
 * operator's marks back instead of forgetting them). */
void app_remark(app_t *app, const char *key);

/* A confirmed state shown at once, before the next poll re-reads the rest. */
void app_set_row_state(app_t *app, const char *key, campaign_state_t state, const char *raw);

/* What the row shows in place of its state while an action is in flight
 * ("pausing..."); NULL puts the backend's state back. */
void app_set_row_note(app_t *app, const char *key, const char *note);

/* The key `act` is on now ("R", or the config's [keys] remap of it), for a
 * sentence that names it: a remap moves every mention. */
const char *app_action_key_label(const app_t *app, action_t act, char *buf, size_t len);

/* The status window (a modal prompt draws there) and the screen size. */
void *app_status_window(app_t *app);
void app_screen_size(const app_t *app, int *rows, int *cols);

#endif
