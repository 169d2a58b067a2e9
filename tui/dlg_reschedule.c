/* The reschedule form: date and time ("YYYY-MM-DD HH:MM", prefilled with
 * the current schedule) and an IANA zone (prefilled with the campaign's,
 * else the operator's; Tab completes it from zoneinfo). Every keystroke
 * re-resolves both, so the form always shows either the instant in the
 * operator's local time or why it would be refused; Enter is refused
 * while it is invalid.
 *
 * Truedy and Sarvam reschedule only while scheduled or paused: for an
 * active campaign there the form says so and ^P pauses it first; the form
 * stays open and Enter reschedules once the pause is confirmed. */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "actions_ui.h"
#include "dlg_box.h"
#include "dlg_hint.h"
#include "textedit.h"
#include "theme.h"

#define RS_MAX 16

typedef struct {
    bool open;
    actions_ui_t *ui;
    char keys[RS_MAX][256];
    size_t n;
    char title[160];
    char when[SCHEDULE_WHEN_MAX + 8];
    char zone[SCHEDULE_ZONE_MAX];
    int focus;                      /* 0 date and time, 1 zone */
    schedule_zones_t *zones;
    bool valid;
    schedule_t sched;
    char reason[SCHEDULE_REASON_MAX];
    char msg[1024];                 /* last outcome inside the form */
    size_t pausing;                 /* pauses in flight from ^P */
} rs_dlg_t;

static rs_dlg_t dlg;

static void revalidate(rs_dlg_t *d)
{
    d->reason[0] = '\0';
    d->valid = schedule_resolve(d->when, d->zone, time(NULL), &d->sched, d->reason,
                                sizeof d->reason);
}

/* The targets as they are now, and how many of them need a pause first. */
static size_t current(app_t *app, const rs_dlg_t *d, app_target_t *t, size_t *need_pause)
{
    size_t n = 0;
    *need_pause = 0;
    for (size_t i = 0; i < d->n; i++)
        if (app_find_target(app, d->keys[i], &t[n])) {
            if (action_reschedule_needs_pause(t[n].campaign))
                (*need_pause)++;
            n++;
        }
    return n;
}

static void after_pause(app_t *app, const action_report_t *r, void *ud)
{
    rs_dlg_t *d = ud;
    (void)app;
    if (!d->open)
        return;
    if (d->pausing)
        d->pausing--;
    if (r->outcome == AUDIT_CONFIRMED)
        dlg_hint_format(d->msg, sizeof d->msg, HINT_RESCHEDULE_PAUSED, r->campaign_name);
    else
        snprintf(d->msg, sizeof d->msg, "pause %s failed: %s: %s", r->campaign_name,
                 api_error_kind_name(r->error.kind), r->message);
}

static void pause_first(app_t *app, rs_dlg_t *d)
{
    app_target_t t[RS_MAX], need[RS_MAX];
    size_t np, m = 0;
    size_t n = current(app, d, t, &np);
    for (size_t i = 0; i < n; i++)
        if (action_reschedule_needs_pause(t[i].campaign))
            need[m++] = t[i];
    if (m == 0) {
        snprintf(d->msg, sizeof d->msg, "no pause needed");
        return;
    }
    action_params_t p = {0};
    d->pausing += actions_ui_submit(d->ui, app, ACTION_PAUSE, need, m, &p, after_pause, d);
    snprintf(d->msg, sizeof d->msg, "%s", d->pausing ? "pausing first..." : "pause refused");
}

static bool submit(app_t *app, rs_dlg_t *d)
{
    app_target_t t[RS_MAX];
    size_t np;
    size_t n = current(app, d, t, &np);
    revalidate(d);
    if (!d->valid) {
        snprintf(d->msg, sizeof d->msg, "not sent: %s", d->reason);
        return true;
    }
    if (d->pausing || np) {
        char first[64];
        snprintf(d->msg, sizeof d->msg, "not sent: %s", d->pausing ? "the pause is in flight"
                 : dlg_hint_format(first, sizeof first, HINT_RESCHEDULE_NOT_PAUSED));
        return true;
    }
    action_params_t p = {0};
    p.at = d->when;
    p.tz = d->zone;
    actions_ui_submit(d->ui, app, ACTION_RESCHEDULE, t, n, &p, NULL, NULL);
    return false;
}

static bool rs_command(app_t *app, keymap_cmd_t cmd, int key, void *ud)
{
    rs_dlg_t *d = ud;
    char *field = d->focus ? d->zone : d->when;
    size_t cap = d->focus ? sizeof d->zone : sizeof d->when;
    if (cmd == CMD_CANCEL) {
        app_flash(app, POLLER_SEV_OK, "reschedule: closed, nothing sent");
        return false;
    }
    if (cmd == CMD_SUBMIT)
        return submit(app, d);
    if (cmd == CMD_PAUSE_FIRST) {
        pause_first(app, d);
        return true;
    }
    if (cmd == CMD_COMPLETE && d->focus == 1)
        schedule_zones_tab(d->zones, d->zone, sizeof d->zone, d->msg, sizeof d->msg);
    else if (cmd == CMD_COMPLETE || cmd == CMD_NEXT_FIELD || cmd == CMD_PREV_FIELD)
        d->focus = !d->focus;
    else
        textedit_key(field, cap, key);
    revalidate(d);
    return true;
}

static void rs_draw(app_t *app, void *ud)
{
    rs_dlg_t *d = ud;
    app_target_t t[RS_MAX];
    size_t np;
    size_t n = current(app, d, t, &np);
    dlg_lines_t l = {0};
    if (d->n == 1 && n == 1) /* its state may change under the form (^P) */
        dlg_lines_add(&l, A_BOLD, "Reschedule %s (%s, %s)",
                      t[0].campaign->name ? t[0].campaign->name : "?",
                      model_provider_label(t[0].campaign->provider),
                      model_campaign_state_name(t[0].campaign->state));
    else
        dlg_lines_add(&l, A_BOLD, "%s", d->title);
    dlg_lines_add(&l, A_NORMAL, "%s", "");
    dlg_lines_add(&l, d->focus == 0 ? A_BOLD : A_NORMAL, "%s date and time: %s%s",
                  d->focus == 0 ? ">" : " ", d->when, d->focus == 0 ? "_" : "");
    dlg_lines_add(&l, d->focus == 1 ? A_BOLD : A_NORMAL, "%s timezone:      %s%s",
                  d->focus == 1 ? ">" : " ", d->zone, d->focus == 1 ? "_" : "");
    if (d->valid)
        dlg_lines_add(&l, theme_attr(ROLE_STATUS_OK), "  %s%s", d->sched.preview,
                      d->sched.ambiguous ? " (occurs twice: the earlier one)" : "");
    else
        dlg_lines_add(&l, theme_attr(ROLE_STATUS_ERROR), "  invalid: %s", d->reason);
    if (np) {
        dlg_lines_add(&l, A_NORMAL, "%s", "");
        if (n == 1)
            dlg_lines_add(&l, theme_attr(ROLE_STATUS_WARN),
                          "%s reschedules only while scheduled or paused; this one is %s.",
                          model_provider_label(t[0].campaign->provider),
                          model_campaign_state_name(t[0].campaign->state));
        else
            dlg_lines_add(&l, theme_attr(ROLE_STATUS_WARN),
                          "%zu of %zu are active where rescheduling needs scheduled or paused.",
                          np, n);
        dlg_hint_add(&l, theme_attr(ROLE_STATUS_WARN), HINT_RESCHEDULE_PAUSE);
    }
    dlg_lines_add(&l, A_NORMAL, "%s", "");
    dlg_hint_add(&l, theme_attr(ROLE_DIM), HINT_RESCHEDULE);
    if (d->msg[0])
        dlg_lines_add(&l, theme_attr(ROLE_STATUS_WARN), "%s", d->msg);
    dlg_box_draw(app, "reschedule", &l);
}

static void rs_close(app_t *app, void *ud)
{
    rs_dlg_t *d = ud;
    (void)app;
    d->open = false;
    schedule_zones_free(d->zones);
    d->zones = NULL;
}

static const app_modal_t rs_modal = {
    .scope = MODAL_BIT_FORM | MODAL_BIT_SCHEDULE,
    .command = rs_command,
    .draw = rs_draw,
    .close = rs_close,
};

void dlg_reschedule_open(actions_ui_t *ui, app_t *app, const app_target_t *targets, size_t n)
{
    if (dlg.open)
        rs_close(app, &dlg);
    memset(&dlg, 0, sizeof dlg);
    if (n == 0 || n > RS_MAX) {
        app_flash(app, POLLER_SEV_WARN, "reschedule: at most %d campaigns at once", RS_MAX);
        return;
    }
    dlg.ui = ui;
    for (size_t i = 0; i < n; i++)
        snprintf(dlg.keys[dlg.n++], sizeof dlg.keys[0], "%s", targets[i].key);
    const model_campaign_t *c = targets[0].campaign;
    snprintf(dlg.title, sizeof dlg.title, "Reschedule %zu campaigns to the same time", n);
    action_reschedule_prefill(c, dlg.when, sizeof dlg.when, dlg.zone, sizeof dlg.zone);
    dlg.zones = schedule_zones_load(NULL);
    dlg.open = true;
    revalidate(&dlg);
    app_modal_open(app, &rs_modal, &dlg);
}
