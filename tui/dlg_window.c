/* The working-window form: reschedule where the provider's start cannot
 * move (Sarvam, model_reschedule_kind). Allowed hours, days, timezone and
 * end, prefilled from the campaign's details, which the form reads itself
 * when it opens (list rows need not carry the window). Every keystroke
 * merges the fields into the details (api/window) and shows either the
 * complete window that would be sent or why it would be refused.
 *
 * On a campaign the table refuses it in (active), Enter runs the steps
 * the model offers ("pause, update, resume", Sarvam's guide) one after
 * the other, each confirmed before the next; a failure stops there and
 * says what state the campaign was left in. One campaign at a time: each
 * has its own window. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "actions_ui.h"
#include "dlg_box.h"
#include "dlg_hint.h"
#include "textedit.h"
#include "theme.h"
#include "window.h"

enum { F_HOURS, F_DAYS, F_ZONE, F_END, F_COUNT };

typedef enum {
    ST_LOADING,                     /* reading the details */
    ST_EDIT,
    ST_PAUSING,                     /* the offered steps, one at a time */
    ST_UPDATING,
    ST_RESUMING,
    ST_DONE
} wst_t;

typedef struct {
    bool open;
    actions_ui_t *ui;
    char key[256];
    client_t *client;
    unsigned long op;               /* details read in flight (cancelled on close) */
    model_campaign_t *details;
    char load_error[256];
    char field[F_COUNT][40];
    char prefill_end[40];
    int focus;
    schedule_zones_t *zones;
    bool valid;
    action_window_t window;
    char reason[SCHEDULE_REASON_MAX];
    char msg[512];
    bool msg_ok;                    /* msg reports a confirmed outcome */
    wst_t st;
    bool paused_here;               /* our pause: resume after the update */
} win_dlg_t;

static win_dlg_t dlg;
static const char *const labels[F_COUNT] = {"allowed hours", "allowed days ", "timezone     ",
                                            "ends         "};

static void params_of(const win_dlg_t *d, action_params_t *p)
{
    memset(p, 0, sizeof *p);
    p->hours = d->field[F_HOURS][0] ? d->field[F_HOURS] : NULL;
    p->days = d->field[F_DAYS][0] ? d->field[F_DAYS] : NULL;
    p->tz = d->field[F_ZONE][0] ? d->field[F_ZONE] : NULL;
    /* the end goes only when changed: an old end may be past already */
    if (d->field[F_END][0] && strcmp(d->field[F_END], d->prefill_end) != 0)
        p->end = d->field[F_END];
}

static void revalidate(win_dlg_t *d)
{
    d->reason[0] = '\0';
    d->valid = false;
    if (!d->details)
        return;
    action_params_t p;
    params_of(d, &p);
    d->valid = window_resolve(d->details, &p, time(NULL), &d->window, d->reason, sizeof d->reason);
}

/* The target as it is now, its campaign the details with the row's state. */
static bool target_now(app_t *app, win_dlg_t *d, app_target_t *t, model_campaign_t *merged)
{
    if (!d->details || !app_find_target(app, d->key, t))
        return false;
    *merged = *d->details; /* shallow: borrowed for one call */
    merged->state = t->campaign->state;
    t->campaign = merged;
    return true;
}

static void on_details(model_campaign_t *camp, const api_error_t *err, void *ud)
{
    win_dlg_t *d = ud;
    d->op = 0;
    if (!d->open) {
        if (camp) {
            model_campaign_free(camp);
            free(camp);
        }
        return;
    }
    if (!camp) {
        snprintf(d->load_error, sizeof d->load_error, "%s",
                 err ? err->message : "no reply");
        d->st = ST_EDIT;
        return;
    }
    d->details = camp;
    window_prefill(camp, d->field[F_HOURS], sizeof d->field[F_HOURS], d->field[F_DAYS],
                   sizeof d->field[F_DAYS], d->field[F_ZONE], sizeof d->field[F_ZONE],
                   d->field[F_END], sizeof d->field[F_END]);
    snprintf(d->prefill_end, sizeof d->prefill_end, "%s", d->field[F_END]);
    d->st = ST_EDIT;
    revalidate(d);
}

static void step(app_t *app, win_dlg_t *d, action_t a);

/* What a failure adds when this dialog paused the campaign: how to resume
 * it, with the key resume is on now (a [keys] remap included). */
static const char *left_paused(const app_t *app, const win_dlg_t *d, char *buf, size_t len)
{
    char key[16];
    if (!d->paused_here)
        return "";
    snprintf(buf, len, "; the campaign is left paused (%s resumes it)",
             app_action_key_label(app, ACTION_RESUME, key, sizeof key));
    return buf;
}

static void after_step(app_t *app, const action_report_t *r, void *ud)
{
    win_dlg_t *d = ud;
    char w[160], note[64];
    d->msg_ok = r->outcome == AUDIT_CONFIRMED;
    if (r->outcome != AUDIT_CONFIRMED) {
        snprintf(d->msg, sizeof d->msg, "%s failed: %s%s", model_action_info(r->action)->name,
                 r->message, left_paused(app, d, note, sizeof note));
        d->st = ST_DONE;
        return;
    }
    if (r->action == ACTION_PAUSE) {
        d->paused_here = true;
        step(app, d, ACTION_RESCHEDULE);
    } else if (r->action == ACTION_RESCHEDULE) {
        window_format(&r->window, w, sizeof w);
        snprintf(d->msg, sizeof d->msg, "window %s%s%s (read back)", w,
                 r->window.end_at[0] ? ", ends " : "", r->window.end_at);
        /* "read back": the window is the one the campaign now holds */
        app_flash(app, POLLER_SEV_OK, "rescheduled %s, read back: %s", r->campaign_name, w);
        if (d->paused_here)
            step(app, d, ACTION_RESUME);
        else
            d->st = ST_DONE;
    } else {
        d->paused_here = false;
        snprintf(d->msg + strlen(d->msg), sizeof d->msg - strlen(d->msg),
                 "; resumed, now %s", model_campaign_state_name(r->state));
        app_flash(app, POLLER_SEV_OK, "paused, updated and resumed %s (confirmed)",
                  r->campaign_name);
        d->st = ST_DONE;
    }
}

static void step(app_t *app, win_dlg_t *d, action_t a)
{
    app_target_t t;
    model_campaign_t merged;
    if (!target_now(app, d, &t, &merged)) {
        d->msg_ok = false;
        snprintf(d->msg, sizeof d->msg, "the campaign is gone from the list; nothing more sent%s",
                 d->paused_here ? " (it was left paused)" : "");
        d->st = ST_DONE;
        return;
    }
    action_params_t p;
    params_of(d, &p);
    d->st = a == ACTION_PAUSE ? ST_PAUSING : a == ACTION_RESCHEDULE ? ST_UPDATING : ST_RESUMING;
    if (actions_ui_submit(d->ui, app, a, &t, 1, a == ACTION_RESCHEDULE ? &p : NULL, after_step,
                          d) == 0) {
        d->msg_ok = false;
        char note[64];
        snprintf(d->msg, sizeof d->msg, "%s refused, nothing sent (see the status line)%s",
                 model_action_info(a)->name, left_paused(app, d, note, sizeof note));
        d->st = ST_DONE;
    }
}

static bool submit(app_t *app, win_dlg_t *d)
{
    app_target_t t;
    model_campaign_t merged;
    revalidate(d);
    d->msg_ok = false;
    if (!d->details) {
        snprintf(d->msg, sizeof d->msg, "not sent: the campaign's details are not read");
        return true;
    }
    if (!d->valid) {
        snprintf(d->msg, sizeof d->msg, "not sent: %s", d->reason);
        return true;
    }
    if (!target_now(app, d, &t, &merged)) {
        snprintf(d->msg, sizeof d->msg, "not sent: the campaign is gone from the list");
        return true;
    }
    const char *offer = model_reschedule_offer(t.campaign->provider, t.campaign->state);
    d->msg[0] = '\0';
    if (offer) { /* the steps the model offers, each confirmed first */
        step(app, d, ACTION_PAUSE);
        return true;
    }
    step(app, d, ACTION_RESCHEDULE);
    return d->st != ST_UPDATING; /* sent: the form closes, the status line reports */
}

static bool busy(const win_dlg_t *d)
{
    return d->st == ST_PAUSING || d->st == ST_UPDATING || d->st == ST_RESUMING;
}

static bool win_command(app_t *app, keymap_cmd_t cmd, int key, void *ud)
{
    win_dlg_t *d = ud;
    if (cmd == CMD_CANCEL) {
        if (busy(d))
            app_flash(app, POLLER_SEV_WARN, "reschedule: closed; the steps under way go on");
        else if (d->st != ST_DONE)
            app_flash(app, POLLER_SEV_OK, "reschedule: closed, nothing sent");
        return false;
    }
    if (d->st != ST_EDIT)
        return true; /* loading, or steps under way / done: Esc closes */
    if (cmd == CMD_SUBMIT)
        return submit(app, d);
    d->msg_ok = false;
    if (cmd == CMD_COMPLETE && d->focus == F_ZONE)
        schedule_zones_tab(d->zones, d->field[F_ZONE], sizeof d->field[F_ZONE], d->msg,
                           sizeof d->msg);
    else if (cmd == CMD_COMPLETE || cmd == CMD_NEXT_FIELD)
        d->focus = (d->focus + 1) % F_COUNT;
    else if (cmd == CMD_PREV_FIELD)
        d->focus = (d->focus + F_COUNT - 1) % F_COUNT;
    else
        textedit_key(d->field[d->focus], sizeof d->field[d->focus], key);
    revalidate(d);
    return true;
}

static void win_draw(app_t *app, void *ud)
{
    win_dlg_t *d = ud;
    app_target_t t;
    bool found = app_find_target(app, d->key, &t);
    dlg_lines_t l = {0};
    dlg_lines_add(&l, A_BOLD, "Working window of %s (%s, %s)",
                  found && t.campaign->name ? t.campaign->name : "?",
                  found ? model_provider_label(t.campaign->provider) : "?",
                  found ? model_campaign_state_name(t.campaign->state) : "gone");
    dlg_lines_add(&l, theme_attr(ROLE_DIM), "%s",
                  "Its start cannot move; a reschedule changes when it may call.");
    dlg_lines_add(&l, A_NORMAL, "%s", "");
    if (d->st == ST_LOADING) {
        dlg_lines_add(&l, A_NORMAL, "%s", "reading the campaign's details...");
    } else if (!d->details) {
        dlg_lines_add(&l, theme_attr(ROLE_STATUS_ERROR), "the details could not be read: %s",
                      d->load_error);
        dlg_hint_add(&l, A_NORMAL, HINT_WINDOW_NO_DETAILS);
    } else {
        char zone[64];
        const char *const hints[F_COUNT] = {"HH:MM-HH:MM", "mon-fri, mon,wed,sat, all",
                                            dlg_hint_format(zone, sizeof zone, HINT_WINDOW_ZONE),
                                            "YYYY-MM-DD HH:MM"};
        for (int i = 0; i < F_COUNT; i++)
            dlg_lines_add(&l, d->focus == i ? A_BOLD : A_NORMAL, "%s %s: %s%s   %s",
                          d->focus == i ? ">" : " ", labels[i], d->field[i],
                          d->focus == i && d->st == ST_EDIT ? "_" : "", hints[i]);
        char w[160];
        if (d->valid) {
            window_format(&d->window, w, sizeof w);
            dlg_lines_add(&l, theme_attr(ROLE_STATUS_OK), "  sends: %s%s%s", w,
                          d->window.end_at[0] ? ", ends " : "", d->window.end_at);
        } else {
            dlg_lines_add(&l, theme_attr(ROLE_STATUS_ERROR), "  invalid: %s", d->reason);
        }
        const char *offer =
            found ? model_reschedule_offer(t.campaign->provider, t.campaign->state) : NULL;
        if (offer && d->st == ST_EDIT)
            dlg_hint_add(&l, theme_attr(ROLE_STATUS_WARN), HINT_WINDOW_OFFER,
                         model_provider_label(t.campaign->provider), offer);
    }
    static const char *const doing[] = {"", "", "pausing...", "updating the window...",
                                        "resuming...", ""};
    if (busy(d))
        dlg_lines_add(&l, theme_attr(ROLE_STATUS_WARN), "%s", doing[d->st]);
    dlg_lines_add(&l, A_NORMAL, "%s", "");
    dlg_hint_add(&l, theme_attr(ROLE_DIM), d->st == ST_EDIT ? HINT_WINDOW : HINT_WINDOW_BUSY);
    if (d->msg[0])
        dlg_lines_add(&l, theme_attr(d->msg_ok ? ROLE_STATUS_OK : ROLE_STATUS_WARN), "%s", d->msg);
    dlg_box_draw(app, "reschedule", &l);
}

static void win_close(app_t *app, void *ud)
{
    win_dlg_t *d = ud;
    (void)app;
    d->open = false;
    if (d->op && d->client)
        client_cancel(d->client, d->op);
    d->op = 0;
    schedule_zones_free(d->zones);
    d->zones = NULL;
    /* the details stay while steps are under way: they read them */
    if (!busy(d) && d->details) {
        model_campaign_free(d->details);
        free(d->details);
        d->details = NULL;
    }
}

static const app_modal_t win_modal = {
    .scope = MODAL_BIT_FORM,
    .command = win_command,
    .draw = win_draw,
    .close = win_close,
};

void dlg_window_open(actions_ui_t *ui, app_t *app, const app_target_t *targets, size_t n)
{
    if (busy(&dlg)) {
        app_flash(app, POLLER_SEV_WARN, "reschedule: the last one is still under way");
        return;
    }
    if (dlg.open)
        win_close(app, &dlg);
    if (dlg.details) {
        model_campaign_free(dlg.details);
        free(dlg.details);
    }
    memset(&dlg, 0, sizeof dlg);
    if (n != 1) {
        app_flash(app, POLLER_SEV_WARN,
                  "reschedule: one %s campaign at a time (each has its own window)",
                  n ? model_provider_label(targets[0].campaign->provider) : "");
        return;
    }
    if (!targets[0].client || !targets[0].campaign->id) {
        app_flash(app, POLLER_SEV_ERROR, "reschedule: this profile has no working client");
        return;
    }
    dlg.ui = ui;
    dlg.client = targets[0].client;
    snprintf(dlg.key, sizeof dlg.key, "%s", targets[0].key);
    dlg.zones = schedule_zones_load(NULL);
    dlg.open = true;
    dlg.st = ST_LOADING;
    dlg.op = client_get_campaign(dlg.client, targets[0].campaign->id, on_details, &dlg);
    if (!dlg.op) {
        snprintf(dlg.load_error, sizeof dlg.load_error, "could not queue the read");
        dlg.st = ST_EDIT;
    }
    app_modal_open(app, &win_modal, &dlg);
}
