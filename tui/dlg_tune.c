/* The forms of OmniDim's retry and concurrency actions (T and c):
 *
 *   retry:        reasons (prefilled "no_answer,busy"; Tab moves to) max
 *                 retries (blank = the provider's default)
 *   concurrency:  the new limit (prefilled with the current one)
 *
 * Enter sends once through actions_ui_submit (the action's own checks and
 * the read-back included); Esc closes it with nothing sent. A value the
 * action would refuse is shown in the form and nothing goes out. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions_ui.h"
#include "dlg_box.h"
#include "dlg_hint.h"
#include "textedit.h"
#include "theme.h"

#define TUNE_MAX 16

typedef struct {
    actions_ui_t *ui;
    action_t action;
    char keys[TUNE_MAX][256];
    size_t n;
    char head[8][DLG_LINE_LEN];
    size_t nhead;
    char field[2][64];
    int focus;
    char msg[256];
} tune_dlg_t;

static tune_dlg_t dlg;

/* Parses the form into params; false with the reason in d->msg. */
static bool read_form(tune_dlg_t *d, action_params_t *p, char *reasons_buf, size_t len)
{
    memset(p, 0, sizeof *p);
    p->args.max_retries = -1;
    if (d->action == ACTION_CONCURRENCY) {
        char *end;
        long v = strtol(d->field[0], &end, 10);
        if (!d->field[0][0] || *end || v < 1 || v > 100000) {
            snprintf(d->msg, sizeof d->msg, "the limit must be a whole number of 1 or more");
            return false;
        }
        p->args.concurrency = (int)v;
        return true;
    }
    snprintf(reasons_buf, len, "%s", d->field[0]);
    for (char *save = NULL, *tok = strtok_r(reasons_buf, ", ", &save); tok;
         tok = strtok_r(NULL, ", ", &save)) {
        if (!action_retry_reason(tok)) {
            snprintf(d->msg, sizeof d->msg, "\"%.40s\" is not a reason (no_answer, busy, failed)",
                     tok);
            return false;
        }
        if (p->args.nreasons < API_RETRY_REASONS_MAX)
            p->args.reasons[p->args.nreasons++] = tok;
    }
    if (p->args.nreasons == 0) {
        snprintf(d->msg, sizeof d->msg, "name at least one reason");
        return false;
    }
    if (d->field[1][0]) {
        char *end;
        long v = strtol(d->field[1], &end, 10);
        if (*end || v < 1 || v > 10) {
            snprintf(d->msg, sizeof d->msg, "max retries: a whole number from 1 to 10, or blank");
            return false;
        }
        p->args.max_retries = (int)v;
    }
    return true;
}

static bool tune_command(app_t *app, keymap_cmd_t cmd, int key, void *ud)
{
    tune_dlg_t *d = ud;
    const char *name = model_action_info(d->action)->name;
    if (cmd == CMD_CANCEL) {
        app_flash(app, POLLER_SEV_OK, "%s: closed, nothing sent", name);
        return false;
    }
    if (cmd == CMD_COMPLETE || cmd == CMD_NEXT_FIELD || cmd == CMD_PREV_FIELD) {
        if (d->action == ACTION_RETRY)
            d->focus = !d->focus;
        return true;
    }
    if (cmd == CMD_SUBMIT) {
        action_params_t p;
        char reasons[64];
        if (!read_form(d, &p, reasons, sizeof reasons))
            return true;
        app_target_t t[TUNE_MAX];
        size_t n = 0;
        for (size_t i = 0; i < d->n; i++)
            if (app_find_target(app, d->keys[i], &t[n]))
                n++;
        if (n < d->n)
            app_flash(app, POLLER_SEV_WARN, "%s: %zu campaign(s) vanished meanwhile, not sent",
                      name, d->n - n);
        actions_ui_submit(d->ui, app, d->action, t, n, &p, NULL, NULL);
        return false;
    }
    if (textedit_key(d->field[d->focus], sizeof d->field[0], key))
        d->msg[0] = '\0';
    return true;
}

static void tune_draw(app_t *app, void *ud)
{
    tune_dlg_t *d = ud;
    dlg_lines_t l;
    memset(&l, 0, sizeof l);
    for (size_t i = 0; i < d->nhead; i++)
        dlg_lines_add(&l, i == 0 ? A_BOLD : A_NORMAL, "%s", d->head[i]);
    dlg_lines_add(&l, A_NORMAL, "%s", "");
    if (d->action == ACTION_CONCURRENCY) {
        dlg_lines_add(&l, A_BOLD, "new limit:   %s_", d->field[0]);
    } else {
        dlg_lines_add(&l, d->focus == 0 ? A_BOLD : A_NORMAL, "reasons:     %s%s", d->field[0],
                      d->focus == 0 ? "_" : "");
        dlg_lines_add(&l, d->focus == 1 ? A_BOLD : A_NORMAL, "max retries: %s%s", d->field[1],
                      d->focus == 1 ? "_" : "");
        dlg_lines_add(&l, theme_attr(ROLE_DIM), "%s",
                      "reasons: no_answer, busy, failed; max retries blank = provider default");
    }
    dlg_lines_add(&l, A_NORMAL, "%s", "");
    if (d->msg[0])
        dlg_lines_add(&l, theme_attr(ROLE_STATUS_WARN), "not sent: %s", d->msg);
    dlg_hint_add(&l, theme_attr(ROLE_DIM), d->action == ACTION_RETRY ? HINT_TUNE_FIELDS : HINT_TUNE);
    dlg_box_draw(app, d->action == ACTION_RETRY ? "retry the unreached" : "concurrency", &l);
}

static const app_modal_t tune_modal = {
    .scope = MODAL_BIT_FORM,
    .command = tune_command,
    .draw = tune_draw,
};

void dlg_tune_open(actions_ui_t *ui, app_t *app, action_t action, const app_target_t *targets,
                   size_t n)
{
    memset(&dlg, 0, sizeof dlg);
    if (n > TUNE_MAX || n > 6) {
        app_flash(app, POLLER_SEV_WARN, "%s: at most 6 campaigns at once, %zu marked; nothing sent",
                  model_action_info(action)->name, n);
        return;
    }
    dlg.ui = ui;
    dlg.action = action;
    snprintf(dlg.head[dlg.nhead++], DLG_LINE_LEN, "%s %zu campaign%s",
             action == ACTION_RETRY ? "Call again the unreached contacts of"
                                    : "Change how many calls run at once on",
             n, n == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++) {
        const model_campaign_t *c = targets[i].campaign;
        char conc[24] = "?";
        if (c->concurrency >= 0)
            snprintf(conc, sizeof conc, "%d", c->concurrency);
        long nr = c->counts_known ? c->counts[CONTACT_NO_ANSWER] + c->counts[CONTACT_BUSY] : -1;
        char unreached[32] = "unknown";
        if (nr >= 0)
            snprintf(unreached, sizeof unreached, "%ld", nr);
        if (action == ACTION_RETRY)
            snprintf(dlg.head[dlg.nhead++], DLG_LINE_LEN, "%s (%s): no answer or busy: %s",
                     c->name ? c->name : "?", model_campaign_state_name(c->state), unreached);
        else
            snprintf(dlg.head[dlg.nhead++], DLG_LINE_LEN, "%s (%s): concurrency now %s",
                     c->name ? c->name : "?", model_campaign_state_name(c->state), conc);
        snprintf(dlg.keys[dlg.n++], sizeof dlg.keys[0], "%s", targets[i].key);
    }
    if (action == ACTION_RETRY) {
        snprintf(dlg.field[0], sizeof dlg.field[0], "no_answer,busy");
    } else if (n == 1 && targets[0].campaign->concurrency > 0) {
        snprintf(dlg.field[0], sizeof dlg.field[0], "%d", targets[0].campaign->concurrency);
    }
    app_modal_open(app, &tune_modal, &dlg);
}
