/* Whether an action key is offered and may run, in one place: the footer
 * (offered, dimmed when not enabled), the help screen (enabled, and the
 * reason when not) and the dispatch of the key (refused with the reason)
 * all ask here, so they cannot disagree. Where a key works at all is
 * keymap_action_scope, the same answer README's and the man page's
 * generated lists print. The reason is the model's own refusal sentence (api/model.c,
 * as `dialtop pause` prints it), with the console's two additions:
 * read-only, and no campaign selected. */
#ifndef DIALTOP_UI_ACTION_H
#define DIALTOP_UI_ACTION_H

#include <stdbool.h>

#include "camprows.h"
#include "model.h"

typedef struct app app_t;

#define UI_ACTION_REASON_MAX 256

typedef struct {
    /* The key acts in the view the keys go to, and the footer shows it:
     * not on a read-only profile (nothing is offered there, not even
     * dimmed), not where the provider lacks a provider-specific action. */
    bool offered;
    bool enabled;                 /* the key would send it (or open its form) */
    char reason[UI_ACTION_REASON_MAX]; /* why not enabled; "" when enabled */
} ui_action_state_t;

/* `row` is the campaign the key would act on (app_current_campaign, or a
 * marked one), NULL when none; for create, the row whose profile the new
 * campaign goes to. The view is the one the keys act in: the top one, or
 * under the help screen the one it explains. */
ui_action_state_t ui_action_state(const app_t *a, const camp_row_t *row, action_t act);

#endif
