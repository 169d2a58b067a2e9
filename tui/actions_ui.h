/* The console's side of operator actions (issue 6): what each action key
 * does once the console has checked it (app_options_t.on_action), the
 * in-flight row notes, the outcome on the status line, and the dialogs
 * (dlg_cancel.c, dlg_reschedule.c; create opens the import screen,
 * dlg_import.c). Requests, refusals by the model's table and the audit
 * log are api/action's job. */
#ifndef DIALTOP_ACTIONS_UI_H
#define DIALTOP_ACTIONS_UI_H

#include <stddef.h>

#include "action.h"
#include "app.h"

typedef struct actions_ui actions_ui_t;

actions_ui_t *actions_ui_new(void);
void actions_ui_free(actions_ui_t *ui);

/* The hooks for app_options_t: on_action and on_close, ud = the actions_ui_t. */
void actions_ui_on_action(app_t *app, action_t action, const app_target_t *targets,
                          size_t n, void *ud);
void actions_ui_on_close(app_t *app, void *ud);
/* on_refused: one "refused" audit line, nothing sent (as the CLI does). */
void actions_ui_on_refused(app_t *app, action_t action, const app_target_t *target,
                           const char *reason, void *ud);

/* Runs after an action submitted with actions_ui_submit() ends (confirmed
 * or failed; not when refused before sending). */
typedef void (*actions_ui_after_fn)(app_t *app, const action_report_t *report, void *ud);

/* Submits `action` on each target at once, each judged again by the
 * model's table; refusals are listed on the status line, nothing is sent
 * for them. Returns how many went out. */
size_t actions_ui_submit(actions_ui_t *ui, app_t *app, action_t action,
                         const app_target_t *targets, size_t n, const action_params_t *params,
                         actions_ui_after_fn after, void *after_ud);

/* dlg_cancel.c / dlg_reschedule.c: open the modal for `targets`. */
void dlg_cancel_open(actions_ui_t *ui, app_t *app, const app_target_t *targets, size_t n);
void dlg_reschedule_open(actions_ui_t *ui, app_t *app, const app_target_t *targets, size_t n);
/* dlg_window.c: reschedule where it means the working window (Sarvam). */
void dlg_window_open(actions_ui_t *ui, app_t *app, const app_target_t *targets, size_t n);
/* dlg_bulk.c: names every target (hidden ones as hidden) and what the
 * action does to each; `y` goes on with actions_ui_proceed(). */
void dlg_bulk_open(actions_ui_t *ui, app_t *app, action_t action, const app_target_t *targets,
                   size_t n);
/* dlg_tune.c: the retry (reasons, max retries) and concurrency forms. */
void dlg_tune_open(actions_ui_t *ui, app_t *app, action_t action, const app_target_t *targets,
                   size_t n);
/* What an action key does once confirmed: pause and resume go out, the
 * others open their form. */
void actions_ui_proceed(actions_ui_t *ui, app_t *app, action_t action,
                        const app_target_t *targets, size_t n);
/* dlg_import.c: the import screen, creating on `target`'s profile. */
void dlg_import_open(app_t *app, const app_target_t *target);

#endif
