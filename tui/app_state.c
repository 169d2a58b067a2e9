/* The console's state as the views, the dialogs and the action layer read
 * and change it: the app_* calls of app.h and ui.h. Owns the view stack,
 * the status-line message (and its copy in the message log), the open
 * modal, and the rows' marks, notes and confirmed states; the loop in
 * app.c only draws what these leave marked dirty. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "redact.h"
#include "sanitize.h"
#include "ui.h"

#define FLASH_S 4.0

static const view_ops_t *const views[VIEW_COUNT] = {
    [VIEW_CAMPAIGNS] = &view_campaigns,
    [VIEW_CONTACTS] = &view_contacts,
    [VIEW_DETAIL] = &view_detail,
    [VIEW_HELP] = &view_help,
};

void app_dirty(app_t *a)
{
    a->dirty = true;
}

void app_flash(app_t *a, poller_severity_t sev, const char *fmt, ...)
{
    char raw[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    redact_buf(raw, sizeof raw);
    char *s = sanitize_text(raw);
    snprintf(a->flash, sizeof a->flash, "%s", s ? s : "");
    free(s);
    a->flash_sev = sev;
    /* an error stays until the operator has pressed a key after it */
    a->flash_until = sev == POLLER_SEV_ERROR ? HUGE_VAL : poller_now() + FLASH_S;
    msglog_add(&a->log, time(NULL), (int)sev, sev == POLLER_SEV_ERROR, a->flash);
    a->dirty = true;
}

void app_modal_open(app_t *a, const app_modal_t *modal, void *ud)
{
    a->modal = modal;
    a->modal_ud = ud;
    a->dirty = true;
}

void app_refresh_now(app_t *a)
{
    sync_refresh_now(a);
}

bool app_read_only(const app_t *a, int source)
{
    return a->opt.read_only ||
           (source >= 0 && (size_t)source < a->nsrc && a->src[source].profile->read_only);
}

const char *app_action_key_label(const app_t *a, action_t act, char *buf, size_t len)
{
    return keymap_key_label(keymap_action_key(&a->keys, act), buf, len);
}

void *app_status_window(app_t *a)
{
    return a->w_status;
}

void app_screen_size(const app_t *a, int *rows, int *cols)
{
    *rows = a->rows;
    *cols = a->cols;
}

const view_ops_t *app_view(const app_t *a)
{
    return views[a->stack[a->depth - 1]];
}

void app_push_view(app_t *a, view_id_t v)
{
    if (a->depth < VIEW_STACK_MAX)
        a->stack[a->depth++] = v;
    a->dirty = true;
}

void app_pop_view(app_t *a)
{
    if (a->depth <= 1)
        return;
    view_id_t leaving = a->stack[--a->depth];
    if (leaving == VIEW_CONTACTS)
        sync_close_campaign(a);
    a->dirty = true;
}

const camp_row_t *app_current_campaign(const app_t *a)
{
    for (int i = a->depth - 1; i >= 0; i--) {
        if (a->stack[i] == VIEW_CONTACTS && a->oc.open)
            return camprows_find(&a->store, a->oc.key);
        if (a->stack[i] == VIEW_CAMPAIGNS)
            return table_selected(&a->camps);
    }
    return NULL;
}

bool app_find_target(app_t *a, const char *key, app_target_t *out)
{
    const camp_row_t *row = camprows_find(&a->store, key);
    if (!row)
        return false;
    out->campaign = &row->m;
    out->key = row->key;
    out->profile = a->src[row->source].profile;
    out->client = a->src[row->source].client;
    out->source = row->source;
    out->hidden = false;
    return true;
}

void app_remark(app_t *a, const char *key)
{
    if (camprows_find(&a->store, key) && !rowset_has(&a->marks, key) &&
        !rowset_put(&a->marks, key, NULL))
        app_log(a, POLLER_SEV_ERROR, "out of memory: the campaign could not be marked again");
    a->dirty = true;
}

void app_set_row_state(app_t *a, const char *key, campaign_state_t state, const char *raw)
{
    camprows_set_read_back(&a->store, key, state, raw, poller_now());
    a->dirty = true;
}

void app_set_row_note(app_t *a, const char *key, const char *note)
{
    if (note) {
        if (!rowset_put(&a->notes, key, note))
            app_log(a, POLLER_SEV_ERROR, "out of memory: the campaign's note was not kept");
    } else {
        rowset_remove(&a->notes, key);
    }
    a->dirty = true;
}


size_t app_source_count(const app_t *a)
{
    return a->nsrc;
}

bool app_source_target(const app_t *a, size_t i, app_target_t *out)
{
    if (i >= a->nsrc)
        return false;
    *out = (app_target_t){NULL, NULL, a->src[i].profile, a->src[i].client, (int)i, false};
    return true;
}

const char *app_campaign_named(const app_t *a, int source, const char *name)
{
    for (size_t i = 0; i < a->store.n; i++) {
        const camp_row_t *r = a->store.rows[i];
        if (r->source == source && r->m.name && name && strcmp(r->m.name, name) == 0)
            return r->m.id;
    }
    return NULL;
}
