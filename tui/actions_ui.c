/* Action keys in the console (see actions_ui.h). Pause and resume go out
 * at once; cancel and reschedule open a dialog first. One action context
 * per profile, made on first use, because each borrows that profile's
 * client. Nothing here retries: a failure is shown and the operator
 * decides. */
#include "actions_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_SOURCES 64

typedef struct inflight inflight_t;

struct actions_ui {
    action_ctx_t *ctx[MAX_SOURCES];
    inflight_t *inflight;           /* list, so a quit mid-action frees them */
};

/* Several campaigns hit by one key: summed up when the last one is in. */
typedef struct {
    size_t left, confirmed, failed;
} batch_t;

/* One action in flight: what its callback needs once the row may be gone. */
struct inflight {
    inflight_t *next, *prev;
    actions_ui_t *ui;
    app_t *app;
    batch_t *batch;                 /* NULL for a single campaign */
    char key[256];
    actions_ui_after_fn after;
    void *after_ud;
};

static void inflight_unlink(inflight_t *f)
{
    if (f->prev)
        f->prev->next = f->next;
    else
        f->ui->inflight = f->next;
    if (f->next)
        f->next->prev = f->prev;
}

/* Unlinks and frees `f`, and its batch when it was the batch's last. */
static void inflight_free(inflight_t *f)
{
    inflight_unlink(f);
    if (f->batch && --f->batch->left == 0)
        free(f->batch);
    free(f);
}

actions_ui_t *actions_ui_new(void)
{
    return calloc(1, sizeof(actions_ui_t));
}

void actions_ui_free(actions_ui_t *ui)
{
    if (!ui)
        return;
    actions_ui_on_close(NULL, ui);
    free(ui);
}

/* Before the console frees its clients: the contexts borrow them. The
 * in-flight records are freed with them (their callbacks never run). */
void actions_ui_on_close(app_t *app, void *ud)
{
    (void)app;
    actions_ui_t *ui = ud;
    for (size_t i = 0; i < MAX_SOURCES; i++) {
        action_ctx_free(ui->ctx[i]);
        ui->ctx[i] = NULL;
    }
    while (ui->inflight)
        inflight_free(ui->inflight);
}

static action_ctx_t *ctx_for(actions_ui_t *ui, app_t *app, const app_target_t *t)
{
    if (t->source < 0 || t->source >= MAX_SOURCES || !t->client)
        return NULL;
    if (!ui->ctx[t->source])
        ui->ctx[t->source] = action_ctx_new(t->client, app_read_only(app, t->source), NULL);
    return ui->ctx[t->source];
}

static void on_done(const action_report_t *r, void *ud)
{
    inflight_t *f = ud;
    app_t *app = f->app;
    const model_action_info_t *info = model_action_info(r->action);
    app_set_row_note(app, f->key, NULL);
    if (r->outcome == AUDIT_CONFIRMED && r->unknown) {
        /* known only from the read-back: say so, not "confirmed" */
        app_set_row_state(app, f->key, r->state, r->raw_state[0] ? r->raw_state : NULL);
        app_flash(app, POLLER_SEV_WARN, "%s %s: %s", info->name, r->campaign_name, r->message);
    } else if (r->outcome == AUDIT_CONFIRMED) {
        app_set_row_state(app, f->key, r->state, r->raw_state[0] ? r->raw_state : NULL);
        app_flash(app, POLLER_SEV_OK, "%s %s (confirmed, now %s)", info->past, r->campaign_name,
                  r->state == CAMPAIGN_UNKNOWN ? r->raw_state
                                               : model_campaign_state_name(r->state));
    } else if (r->unknown) {
        /* short enough for the status line; the audit log has the detail */
        app_flash(app, POLLER_SEV_ERROR, "%s %s failed: %s: sent, outcome unknown; %s%s "
                  "(not retried)", info->name, r->campaign_name,
                  api_error_kind_name(r->error.kind), r->read_back ? "read back: " : "",
                  r->read_back ? model_campaign_state_name(r->state) : "the read-back failed");
    } else {
        app_flash(app, POLLER_SEV_ERROR, "%s %s failed: %s: %s (not retried)", info->name,
                  r->campaign_name, api_error_kind_name(r->error.kind), r->message);
    }
    /* the action happened; a missing audit line must not pass silently */
    if (r->audit_error[0])
        app_flash(app, POLLER_SEV_ERROR, "%s %s: %s, but the audit log failed: %s", info->name,
                  r->campaign_name, r->outcome == AUDIT_CONFIRMED ? "confirmed" : "failed",
                  r->audit_error);
    batch_t *b = f->batch;
    if (b) {
        b->confirmed += r->outcome == AUDIT_CONFIRMED;
        b->failed += r->outcome != AUDIT_CONFIRMED;
        if (b->left == 1) {
            if (b->failed)
                app_flash(app, POLLER_SEV_ERROR, "%s: %zu confirmed, %zu failed (not retried; "
                          "the audit log has each error)", info->name, b->confirmed, b->failed);
            else
                app_flash(app, POLLER_SEV_OK, "%s %zu campaigns (confirmed)", info->past,
                          b->confirmed);
        }
    }
    if (f->after)
        f->after(app, r, f->after_ud);
    inflight_free(f);
    /* the rest of the row (counts, next run) as the backend has it now */
    app_refresh_now(app);
}

size_t actions_ui_submit(actions_ui_t *ui, app_t *app, action_t action,
                         const app_target_t *targets, size_t n, const action_params_t *params,
                         actions_ui_after_fn after, void *after_ud)
{
    const model_action_info_t *info = model_action_info(action);
    size_t sent = 0, nrefused = 0;
    char refused[512] = "", first[ACTION_NAME_MAX] = "";
    batch_t *batch = n > 1 ? calloc(1, sizeof *batch) : NULL;
    for (size_t i = 0; i < n; i++) {
        const app_target_t *t = &targets[i];
        action_report_t rep;
        inflight_t *f = calloc(1, sizeof *f);
        action_ctx_t *ctx = f ? ctx_for(ui, app, t) : NULL;
        unsigned long id = 0;
        if (ctx) {
            f->ui = ui;
            f->app = app;
            snprintf(f->key, sizeof f->key, "%s", t->key);
            f->after = after;
            f->after_ud = after_ud;
            f->batch = batch;
            id = action_submit(ctx, t->campaign, action, params, on_done, f, &rep);
        } else {
            memset(&rep, 0, sizeof rep);
            snprintf(rep.message, sizeof rep.message, "%s",
                     f ? "this profile has no working client" : "out of memory");
        }
        if (id) {
            f->next = ui->inflight;
            if (f->next)
                f->next->prev = f;
            ui->inflight = f;
            char note[64];
            snprintf(note, sizeof note, "%s...", info->verb_ing);
            app_set_row_note(app, t->key, note);
            if (batch)
                batch->left++;
            if (!sent++)
                snprintf(first, sizeof first, "%s", t->campaign->name ? t->campaign->name : "");
            continue;
        }
        free(f);
        size_t o = strlen(refused);
        if (o < sizeof refused)
            snprintf(refused + o, sizeof refused - o, "%s%s (%s)", nrefused ? "; " : "",
                     t->campaign->name ? t->campaign->name : "?", rep.message);
        nrefused++;
    }
    if (batch && !batch->left)
        free(batch);
    if (nrefused)
        app_flash(app, POLLER_SEV_WARN, "%s: %zu refused, nothing sent for them: %s", info->name,
                  nrefused, refused);
    else if (sent == 1)
        app_flash(app, POLLER_SEV_BUSY, "%s %s...", info->verb_ing, first);
    else if (sent > 1)
        app_flash(app, POLLER_SEV_BUSY, "%s %zu campaigns...", info->verb_ing, sent);
    return sent;
}

void actions_ui_on_action(app_t *app, action_t action, const app_target_t *targets, size_t n,
                          void *ud)
{
    actions_ui_t *ui = ud;
    bool hidden = false;
    for (size_t i = 0; i < n; i++)
        hidden = hidden || targets[i].hidden;
    /* Several campaigns, or one the operator cannot see: ask first. The
     * cancel dialog is itself that question (and wants the count typed). */
    if ((n > 1 || hidden) && action != ACTION_CANCEL && action != ACTION_CREATE) {
        dlg_bulk_open(ui, app, action, targets, n);
        return;
    }
    actions_ui_proceed(ui, app, action, targets, n);
}

void actions_ui_proceed(actions_ui_t *ui, app_t *app, action_t action,
                        const app_target_t *targets, size_t n)
{
    action_params_t now = {0};
    switch (action) {
    case ACTION_PAUSE:
    case ACTION_RESUME:
        actions_ui_submit(ui, app, action, targets, n, &now, NULL, NULL);
        break;
    case ACTION_CANCEL:
        dlg_cancel_open(ui, app, targets, n);
        break;
    case ACTION_RESCHEDULE:
        /* what a reschedule changes is the provider's (the model's table) */
        if (n && model_reschedule_kind(targets[0].campaign->provider) == RESCHEDULE_SETS_WINDOW)
            dlg_window_open(ui, app, targets, n);
        else
            dlg_reschedule_open(ui, app, targets, n);
        break;
    case ACTION_CREATE:
        dlg_import_open(app, &targets[0]);
        break;
    case ACTION_RETRY:
    case ACTION_CONCURRENCY:
        dlg_tune_open(ui, app, action, targets, n);
        break;
    default:
        app_flash(app, POLLER_SEV_WARN, "%s: not available in this build",
                  model_action_info(action)->name);
        break;
    }
}

void actions_ui_on_refused(app_t *app, action_t action, const app_target_t *target,
                           const char *reason, void *ud)
{
    (void)ud;
    const model_campaign_t *c = target->campaign;
    audit_entry_t e = {0};
    e.time = time(NULL);
    e.profile = target->profile ? target->profile->name : NULL;
    e.insecure = target->profile && target->profile->insecure;
    e.provider = model_provider_name(c->provider);
    e.campaign_id = c->id;
    e.campaign_name = c->name;
    e.action = model_action_info(action)->name;
    e.outcome = AUDIT_REFUSED;
    e.sent = false;
    e.error_kind = api_error_kind_name(API_ERR_UNSUPPORTED);
    e.error_message = reason;
    char err[256];
    if (!audit_append(NULL, &e, err, sizeof err))
        app_flash(app, POLLER_SEV_ERROR, "%s", err);
}
