/* The cancel confirmation: cancel is irreversible on every provider, so
 * the dialog names each campaign, its provider and the calls that would be
 * dropped, defaults to No, and only `y` goes ahead; any other key (n, Esc,
 * Enter...) closes it with nothing sent. The campaigns are looked up again
 * on `y`, and the action's own checks judge their state as it is then. */
#include <stdio.h>
#include <string.h>

#include "actions_ui.h"
#include "dlg_box.h"
#include "dlg_hint.h"
#include "textedit.h"
#include "theme.h"

#define CANCEL_MAX 16

typedef struct {
    actions_ui_t *ui;
    char keys[CANCEL_MAX][256];
    size_t n;
    char typed[8];                  /* several campaigns: the count, typed */
    dlg_lines_t lines;
} cancel_dlg_t;

static cancel_dlg_t dlg;

/* One campaign: y or not. Several: their count is typed (a text field). */
static unsigned cancel_scope(void *ud)
{
    const cancel_dlg_t *d = ud;
    return d->n > 1 ? MODAL_BIT_TEXT : MODAL_BIT_CONFIRM;
}

static bool cancel_command(app_t *app, keymap_cmd_t cmd, int key, void *ud)
{
    cancel_dlg_t *d = ud;
    if (d->n > 1) {
        /* one key is too easy for several irreversible acts: the count */
        size_t len = strlen(d->typed);
        if (key >= '0' && key <= '9' && len + 1 < sizeof d->typed) {
            d->typed[len] = (char)key;
            d->typed[len + 1] = '\0';
            return true;
        }
        if (textedit_is_backspace(key) && len) {
            d->typed[len - 1] = '\0';
            return true;
        }
        char want[8];
        snprintf(want, sizeof want, "%zu", d->n);
        if (cmd != CMD_SUBMIT || strcmp(d->typed, want) != 0) {
            for (size_t i = 0; i < d->n; i++) /* several: they were marks */
                app_remark(app, d->keys[i]);
            app_flash(app, POLLER_SEV_OK, "cancel: kept, nothing sent; the marks stay");
            return false;
        }
    } else if (cmd != CMD_YES) {
        app_flash(app, POLLER_SEV_OK, "cancel: kept, nothing sent");
        return false;
    }
    app_target_t t[CANCEL_MAX];
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        if (app_find_target(app, d->keys[i], &t[n]))
            n++;
    if (n < d->n)
        app_flash(app, POLLER_SEV_WARN, "cancel: %zu campaign(s) vanished meanwhile, not sent",
                  d->n - n);
    action_params_t p = {0};
    p.confirmed = true;
    actions_ui_submit(d->ui, app, ACTION_CANCEL, t, n, &p, NULL, NULL);
    return false;
}

static void cancel_draw(app_t *app, void *ud)
{
    cancel_dlg_t *d = ud;
    dlg_lines_t l = d->lines;
    if (d->n > 1)
        dlg_lines_add(&l, A_BOLD, "count: %s_", d->typed);
    dlg_box_draw(app, "cancel: this cannot be undone", &l);
}

static const app_modal_t cancel_modal = {
    .scope = MODAL_BIT_CONFIRM,
    .scope_now = cancel_scope,
    .command = cancel_command,
    .draw = cancel_draw,
};

void dlg_cancel_open(actions_ui_t *ui, app_t *app, const app_target_t *targets, size_t n)
{
    memset(&dlg, 0, sizeof dlg);
    dlg.ui = ui;
    if (n > CANCEL_MAX) {
        app_flash(app, POLLER_SEV_WARN, "cancel: at most %d campaigns at once, %zu marked",
                  CANCEL_MAX, n);
        return;
    }
    dlg_lines_t *l = &dlg.lines;
    dlg_lines_add(l, A_BOLD, "Cancel %zu campaign%s for good?", n, n == 1 ? "" : "s");
    dlg_lines_add(l, A_NORMAL, "%s", "");
    for (size_t i = 0; i < n; i++) {
        const model_campaign_t *c = targets[i].campaign;
        long drops = action_cancel_drops(c);
        char dropped[48];
        if (drops < 0)
            snprintf(dropped, sizeof dropped, "unknown");
        else
            snprintf(dropped, sizeof dropped, "%ld", drops);
        dlg_lines_add(l, targets[i].hidden ? theme_attr(ROLE_STATUS_WARN) : A_NORMAL,
                      "%s%s (%s, %s): pending calls dropped: %s",
                      targets[i].hidden ? "[hidden] " : "", c->name ? c->name : "?",
                      model_provider_label(c->provider), model_campaign_state_name(c->state),
                      dropped);
        snprintf(dlg.keys[dlg.n++], sizeof dlg.keys[0], "%s", targets[i].key);
    }
    dlg_lines_add(l, A_NORMAL, "%s", "");
    if (n == 1)
        dlg_hint_add(l, theme_attr(ROLE_STATUS_WARN), HINT_CANCEL_ONE);
    else
        dlg_hint_add(l, theme_attr(ROLE_STATUS_WARN), HINT_CANCEL_MANY, n);
    app_modal_open(app, &cancel_modal, &dlg);
}
