/* From a key to what it does (see ui_dispatch.h). */
#include "ui_dispatch.h"

#include <stdio.h>
#include <string.h>

#include "dlg_hint.h"
#include "ui.h"
#include "ui_action.h"

#define DISPATCH_MAX 256

/* Sends an action key through the model's checks to `on_action`. */
static void app_dispatch_action(app_t *a, action_t act)
{
    const model_action_info_t *info = model_action_info(act);
    const camp_row_t *rows[DISPATCH_MAX];
    size_t nrows = 0;
    bool marked = info->per_campaign && a->marks.n > 0 && app_view(a)->id == VIEW_CAMPAIGNS;
    if (marked) {
        for (size_t i = 0; i < a->marks.n && nrows < DISPATCH_MAX; i++) {
            const camp_row_t *r = camprows_find(&a->store, a->marks.keys[i]);
            if (r)
                rows[nrows++] = r;
        }
    } else if (info->per_campaign) {
        const camp_row_t *r = app_current_campaign(a);
        if (!r) {
            app_flash(a, POLLER_SEV_WARN, "%s: no campaign selected", info->name);
            return;
        }
        rows[nrows++] = r;
    }
    app_target_t targets[DISPATCH_MAX];
    size_t n = 0, nrefused = 0;
    char refused[512] = "";
    if (!info->per_campaign) {
        /* create goes to the selected row's profile (the first when none) */
        const camp_row_t *cur = app_view(a)->id == VIEW_CAMPAIGNS ? app_current_campaign(a) : NULL;
        ui_action_state_t st = ui_action_state(a, cur, act);
        if (!st.enabled) {
            app_flash(a, POLLER_SEV_WARN, "%s", st.reason);
            return;
        }
        int src = cur ? cur->source : 0;
        targets[n++] = (app_target_t){NULL, NULL, a->src[src].profile, a->src[src].client, src, false};
    }
    for (size_t i = 0; i < nrows; i++) {
        ui_action_state_t st = ui_action_state(a, rows[i], act);
        const char *why = st.reason;
        if (st.enabled) {
            app_find_target(a, rows[i]->key, &targets[n]);
            /* a mark the filter hides: the confirmation must say so */
            targets[n++].hidden = marked && a->camps.filter[0] &&
                                  !a->camps.ops->row_matches(rows[i], a->camps.filter);
            continue;
        }
        app_target_t rt;
        if (a->opt.on_refused && app_find_target(a, rows[i]->key, &rt))
            a->opt.on_refused(a, act, &rt, why, a->opt.on_action_ud);
        size_t o = strlen(refused);
        if (!marked)
            snprintf(refused, sizeof refused, "%s", why);
        else if (o < sizeof refused)
            snprintf(refused + o, sizeof refused - o, "%s%s (%s)", nrefused ? "; " : "",
                     rows[i]->name, why);
        nrefused++;
    }
    if (marked)
        rowset_free(&a->marks);
    if (marked && nrows == 0) {
        app_flash(a, POLLER_SEV_WARN, "%s: no marked campaign is listed any more; nothing sent",
                  info->name);
        return;
    }
    if (n > 0 && !a->opt.on_action) {
        app_flash(a, POLLER_SEV_WARN, "%s: not available in this build", info->name);
        return;
    }
    if (n > 0)
        a->opt.on_action(a, act, targets, n, a->opt.on_action_ud);
    /* after: the refusals matter more than "pausing..." on the status line */
    if (nrefused && marked)
        app_flash(a, POLLER_SEV_WARN, "%s: %zu refused, nothing sent for them: %s", info->name,
                  nrefused, refused);
    else if (nrefused)
        app_flash(a, POLLER_SEV_WARN, "%s", refused);
}

/* space: marks or unmarks the selected campaign and moves down. */
static void app_toggle_mark(app_t *a)
{
    const camp_row_t *r = table_selected(&a->camps);
    if (!r)
        return;
    rowset_toggle(&a->marks, r->key);
    table_move(&a->camps, 1);
    a->dirty = true;
}

/* u, and Esc with no filter: forgets every mark. */
static void app_clear_marks(app_t *a)
{
    size_t n = a->marks.n;
    rowset_free(&a->marks);
    if (n)
        app_flash(a, POLLER_SEV_OK, "unmarked %zu campaign%s", n, n == 1 ? "" : "s");
    a->dirty = true;
}

static void handle_mouse(app_t *a)
{
    MEVENT ev;
    if (getmouse(&ev) != OK || a->too_small)
        return;
    const view_ops_t *v = app_view(a);
    if (ev.bstate & BUTTON4_PRESSED) {
        if (v->wheel)
            v->wheel(a, -3);
    } else if (ev.bstate & BUTTON5_PRESSED) {
        if (v->wheel)
            v->wheel(a, 3);
    } else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED)) {
        if (ev.y >= UI_HEADER_ROWS && ev.y < a->rows - 2 && v->click)
            v->click(a, ev.y - UI_HEADER_ROWS);
    }
    a->dirty = true;
}

static void handle_command(app_t *a, keymap_cmd_t cmd)
{
    const view_ops_t *v = app_view(a);
    if (v->command && v->command(a, cmd))
        return;
    switch (cmd) {
    case CMD_QUIT:
        if (a->depth > 1)
            app_pop_view(a);
        else
            a->quit = true;
        break;
    case CMD_BACK:
        app_pop_view(a);
        break;
    case CMD_HELP:
        a->help_top = 0;
        app_push_view(a, VIEW_HELP);
        break;
    case CMD_LOG:
        app_show_log(a);
        break;
    case CMD_ACK:
        if (a->alerts.unacked) {
            char said[DLG_LINE_LEN];
            app_flash(a, POLLER_SEV_OK, "%s",
                      dlg_hint_format(said, sizeof said, HINT_ACKNOWLEDGED, a->alerts.unacked,
                                      a->alerts.unacked == 1 ? "" : "s"));
        }
        alerts_ack(&a->alerts);
        break;
    case CMD_REFRESH:
        sync_refresh_now(a);
        app_flash(a, POLLER_SEV_BUSY, "refreshing");
        break;
    case CMD_REDRAW:
        clearok(curscr, TRUE);
        break;
    case CMD_MARK:
        app_toggle_mark(a);
        break;
    case CMD_UNMARK:
        app_clear_marks(a);
        break;
    case CMD_CLEAR:
        /* k9s and htop: Esc undoes the narrowest thing first */
        if (a->camps.filter[0]) {
            char again[64] = "";
            if (a->marks.n)
                dlg_hint_format(again, sizeof again, HINT_CLEAR_AGAIN);
            table_set_filter(&a->camps, "");
            app_flash(a, POLLER_SEV_OK, "filter cleared%s", again);
        } else if (a->marks.n) {
            app_clear_marks(a);
        }
        break;
    default:
        break;
    }
}

void ui_dispatch_key(app_t *a, int key)
{
    a->dirty = true;
    /* the key after an error is the operator's acknowledgement of it;
     * the message log (M) keeps it */
    if (key != KEY_MOUSE && a->flash_sev == POLLER_SEV_ERROR && a->flash_until > a->now)
        a->flash_until = a->now;
    if (a->too_small) {
        /* the screen says "q to quit": the key quit has on the list */
        if (keymap_lookup(&a->keys, key, VIEW_BIT_CAMPAIGNS).cmd == CMD_QUIT)
            a->quit = true;
        return;
    }
    if (a->modal) {
        const app_modal_t *m = a->modal;
        void *ud = a->modal_ud;
        unsigned scope = m->scope_now ? m->scope_now(ud) : 0;
        keymap_hit_t hit = keymap_lookup(&a->keys, key, scope ? scope : m->scope);
        keymap_cmd_t cmd = hit.kind == KEYMAP_HIT_COMMAND ? hit.cmd : CMD_NONE;
        if (!m->command(a, cmd, key, ud)) {
            if (a->modal == m) {
                a->modal = NULL;
                a->modal_ud = NULL;
            }
            if (m->close)
                m->close(a, ud);
        }
        return;
    }
    if (key == KEY_MOUSE) {
        handle_mouse(a);
        return;
    }
    keymap_hit_t hit = keymap_lookup(&a->keys, key, app_view(a)->bit);
    if (hit.kind == KEYMAP_HIT_COMMAND)
        handle_command(a, hit.cmd);
    else if (hit.kind == KEYMAP_HIT_ACTION)
        app_dispatch_action(a, hit.action);
}
