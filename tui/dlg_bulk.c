/* The bulk confirmation (issue 15): an action key on more than one
 * campaign, or on a marked campaign the filter hides, first names every
 * target, hidden ones marked as hidden, with what the action will do to
 * each ("active -> paused"). Only `y` goes on; any other key closes it
 * with nothing sent. On `y` the campaigns are looked up again and the
 * action takes its usual way (pause and resume go out, the others open
 * their form), each judged again by the model's table. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "actions_ui.h"
#include "dlg_box.h"
#include "dlg_hint.h"
#include "theme.h"

#define BULK_MAX (DLG_LINES_MAX - 6)

typedef struct {
    actions_ui_t *ui;
    action_t action;
    char keys[BULK_MAX][256];
    bool hidden[BULK_MAX];
    size_t n;
    dlg_lines_t lines;
} bulk_dlg_t;

static bulk_dlg_t dlg;

static bool bulk_command(app_t *app, keymap_cmd_t cmd, int key, void *ud)
{
    (void)key;
    bulk_dlg_t *d = ud;
    const char *name = model_action_info(d->action)->name;
    if (cmd != CMD_YES) {
        /* the marks come back, so a hidden one can be unmarked (u, Esc) */
        for (size_t i = 0; i < d->n; i++)
            app_remark(app, d->keys[i]);
        app_flash(app, POLLER_SEV_OK, "%s: kept, nothing sent; the marks stay", name);
        return false;
    }
    app_target_t t[BULK_MAX];
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        if (app_find_target(app, d->keys[i], &t[n])) {
            t[n].hidden = d->hidden[i];
            n++;
        }
    if (n < d->n)
        app_flash(app, POLLER_SEV_WARN, "%s: %zu campaign(s) vanished meanwhile, not sent", name,
                  d->n - n);
    /* returning false closes this modal, unless the action opened its own
     * form meanwhile (the loop keeps a modal that replaced this one) */
    actions_ui_proceed(d->ui, app, d->action, t, n);
    return false;
}

static void bulk_draw(app_t *app, void *ud)
{
    bulk_dlg_t *d = ud;
    dlg_box_draw(app, "confirm: several campaigns", &d->lines);
}

static const app_modal_t bulk_modal = {
    .scope = MODAL_BIT_CONFIRM,
    .command = bulk_command,
    .draw = bulk_draw,
};

/* "active -> paused", "paused -> scheduled or active", "a form comes next" */
static void what_it_does(const model_campaign_t *c, action_t a, char *out, size_t len)
{
    model_next_t next;
    const char *st = model_campaign_state_name(c->state);
    if (a == ACTION_RESCHEDULE || a == ACTION_RETRY || a == ACTION_CONCURRENCY) {
        snprintf(out, len, "%s, %s (its form comes next)", st, model_action_info(a)->verb_ing);
    } else if (model_action_next(c->provider, c->state, a, &next)) {
        campaign_state_t to = model_next_resolve(next, c->state, c->scheduled_epoch, time(NULL));
        snprintf(out, len, "%s -> %s", st, model_campaign_state_name(to));
    } else {
        snprintf(out, len, "%s", st);
    }
}

void dlg_bulk_open(actions_ui_t *ui, app_t *app, action_t action, const app_target_t *targets,
                   size_t n)
{
    memset(&dlg, 0, sizeof dlg);
    const char *name = model_action_info(action)->name;
    if (n > BULK_MAX) {
        app_flash(app, POLLER_SEV_WARN, "%s: at most %d campaigns at once, %zu marked; nothing "
                  "sent", name, BULK_MAX, n);
        return;
    }
    dlg.ui = ui;
    dlg.action = action;
    size_t hidden = 0;
    for (size_t i = 0; i < n; i++)
        hidden += targets[i].hidden;
    dlg_lines_t *l = &dlg.lines;
    dlg_lines_add(l, A_BOLD, "%s %zu campaign%s?", name, n, n == 1 ? "" : "s");
    if (hidden)
        dlg_lines_add(l, theme_attr(ROLE_STATUS_WARN), "%zu of them %s hidden by the filter",
                      hidden, hidden == 1 ? "is" : "are");
    dlg_lines_add(l, A_NORMAL, "%s", "");
    for (size_t i = 0; i < n; i++) {
        const model_campaign_t *c = targets[i].campaign;
        char does[128];
        what_it_does(c, action, does, sizeof does);
        dlg_lines_add(l, targets[i].hidden ? theme_attr(ROLE_STATUS_WARN) : A_NORMAL,
                      "%s%s (%s, %s): %s", targets[i].hidden ? "[hidden] " : "",
                      c->name ? c->name : "?",
                      targets[i].profile ? targets[i].profile->name : "?",
                      model_provider_label(c->provider), does);
        snprintf(dlg.keys[dlg.n], sizeof dlg.keys[0], "%s", targets[i].key);
        dlg.hidden[dlg.n++] = targets[i].hidden;
    }
    dlg_lines_add(l, A_NORMAL, "%s", "");
    dlg_hint_add(l, theme_attr(ROLE_STATUS_WARN), HINT_BULK, name, n == 1 ? "it" : "them all");
    app_modal_open(app, &bulk_modal, &dlg);
}
