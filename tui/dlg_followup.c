/* The follow-up screen (F), one step after another:
 *
 *   states and target profile (Up/Down)
 *   -> reading: every contact of the campaign, page by page, a bar
 *   -> settings: the import's form for the target provider, with the
 *      chosen contacts counted by state
 *   -> review (import_review.c); Enter creates, anything else goes back
 *   -> create: the import's upload path (upload_start_list).
 *
 * Esc before Enter on the review closes it with nothing created. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dlg_box.h"
#include "dlg_create.h"
#include "dlg_hint.h"
#include "dlg_followup.h"
#include "dynbuf.h"
#include "followup.h"
#include "import_form.h"
#include "import_review.h"
#include "poller.h"
#include "textedit.h"
#include "theme.h"
#include "ui.h"
#include "upload.h"

#define DEFAULT_STATES "no_answer,busy,failed"
#define SHOWN_ROWS 3
#define RATE_WAITS_MAX 100

typedef enum { FU_STATES, FU_READING, FU_SETTINGS, FU_REVIEW, FU_UPLOAD, FU_DONE } fu_step_t;

typedef struct {
    app_t *app;
    fu_step_t step;
    /* the campaign followed up */
    client_t *src_client;
    char src_id[128], src_name[128], src_profile[64];
    /* the new campaign's profile */
    size_t source;
    const config_profile_t *profile;
    client_t *client;
    char states[96];
    unsigned mask;
    /* reading */
    model_contact_t *all;
    size_t nall, cap;
    api_page_t page;
    unsigned long op;
    int rate_waits;
    followup_list_t list;
    bool have_list;
    import_census_t census;
    import_form_t form;
    bool form_ready;
    char from[192];
    char name_taken[128];
    bool asking;
    upload_t *upload;
    char msg[320];
} fu_dlg_t;

static fu_dlg_t fu;

static void drop_contacts(fu_dlg_t *d)
{
    for (size_t i = 0; i < d->nall; i++)
        model_contact_free(&d->all[i]);
    free(d->all);
    d->all = NULL;
    d->nall = d->cap = 0;
    if (d->have_list)
        followup_list_free(&d->list);
    d->have_list = false;
}

static void set_target(fu_dlg_t *d, const app_target_t *t)
{
    d->source = (size_t)t->source;
    d->profile = t->profile;
    d->client = t->client;
}

static void next_profile(fu_dlg_t *d, int step)
{
    long n = (long)app_source_count(d->app);
    for (long k = 1; k < n; k++) {
        app_target_t t;
        long i = (((long)d->source + step * k) % n + n) % n;
        if (app_source_target(d->app, (size_t)i, &t) && t.client && t.profile) {
            set_target(d, &t);
            return;
        }
    }
}

/* --- reading ---------------------------------------------------------------- */

static void read_page(fu_dlg_t *d);

/* Every contact read: the chosen ones become the list, the settings open. */
static void finish_read(fu_dlg_t *d)
{
    size_t dropped = 0;
    model_contact_t *all = d->all;
    size_t n = d->nall;
    d->all = NULL;
    d->nall = d->cap = 0;
    if (!followup_select(&d->list, all, n, d->mask, &dropped)) {
        snprintf(d->msg, sizeof d->msg, "out of memory");
        d->step = FU_STATES;
        return;
    }
    d->have_list = true;
    memset(&d->census, 0, sizeof d->census);
    for (size_t i = 0; i < d->list.n; i++)
        import_review_census_add(&d->census, d->list.items[i].phone);
    if (d->form_ready)
        import_form_free(&d->form);
    import_form_init(&d->form, d->profile->provider, d->src_name);
    d->form_ready = true;
    snprintf(d->form.value[IF_NAME], IMPORT_FORM_VALUE_LEN, "%.100s follow-up", d->src_name);
    char zone[SCHEDULE_ZONE_MAX], why[200];
    if (import_review_default_zone(&d->census, d->profile->region, zone, sizeof zone, why,
                                   sizeof why)) {
        snprintf(d->form.value[IF_TZ], IMPORT_FORM_VALUE_LEN, "%s", zone);
        snprintf(d->form.msg, sizeof d->form.msg, "timezone: %s", why);
    }
    snprintf(d->from, sizeof d->from, "campaign %.60s (%.40s) of %zu contacts", d->src_id,
             d->src_profile, d->list.source_total);
    d->step = FU_SETTINGS;
}

static void on_page(api_contact_page_t *page, const api_error_t *err, void *ud)
{
    fu_dlg_t *d = ud;
    d->op = 0;
    app_dirty(d->app);
    if (err && err->kind == API_ERR_RATE_LIMITED && d->rate_waits++ < RATE_WAITS_MAX) {
        /* Truedy allows 100 requests a minute: the same page after the reset */
        long s = err->retry_after_s > 0 ? err->retry_after_s : 1;
        snprintf(d->msg, sizeof d->msg, "rate limited: reading on in %ld s", s);
        client_hold_next(d->src_client, s * 1000L);
        read_page(d);
        return;
    }
    if (err) {
        snprintf(d->msg, sizeof d->msg, "reading the contacts failed, nothing created: %s",
                 err->message);
        drop_contacts(d);
        d->step = FU_STATES;
        return;
    }
    model_contact_t *grown = dyn_grow(d->all, &d->cap, d->nall + page->n, sizeof *grown, 1024);
    if (!grown) {
        api_contact_page_free(page);
        free(page);
        snprintf(d->msg, sizeof d->msg, "out of memory reading the contacts");
        drop_contacts(d);
        d->step = FU_STATES;
        return;
    }
    d->all = grown;
    size_t got = page->n;
    if (got)
        memcpy(d->all + d->nall, page->items, got * sizeof *page->items);
    d->nall += got;
    free(page->items); /* the records moved over */
    page->items = NULL;
    page->n = 0;
    api_page_t next = page->next;
    api_contact_page_free(page);
    free(page);
    /* an empty page that claims more is treated as the end (as the CLI's
     * fetch does), so a backend that never ends cannot loop forever */
    d->msg[0] = '\0';
    if (next.end || got == 0) {
        finish_read(d);
        return;
    }
    d->page = next;
    read_page(d);
}

static void read_page(fu_dlg_t *d)
{
    d->op = client_list_contacts(d->src_client, d->src_id, &d->page, NULL, on_page, d);
}

static void start_read(fu_dlg_t *d)
{
    char reason[256];
    if (!followup_parse_states(d->states, &d->mask, reason, sizeof reason)) {
        snprintf(d->msg, sizeof d->msg, "%s", reason);
        return;
    }
    drop_contacts(d);
    api_page_first(&d->page, 100);
    d->rate_waits = 0;
    d->msg[0] = '\0';
    d->step = FU_READING;
    read_page(d);
}

/* --- review and create -------------------------------------------------------- */

/* dlg_create_review_fn: `ud` is the dialog */
static bool review_of(void *ud, upload_settings_t *s, import_review_t *v)
{
    fu_dlg_t *d = ud;
    time_t now = time(NULL);
    if (!import_form_settings(&d->form, now, s))
        return false;
    *v = (import_review_t){
        .profile = d->profile->name,
        .provider = d->profile->provider,
        .from = d->from,
        .accepted = (long)d->list.n,
        .rejected = 0,
        .census = &d->census,
        .s = s,
        .now = now,
        .name_taken_id = d->name_taken[0] ? d->name_taken : NULL,
        .imported_as = NULL,
    };
    return true;
}

static void on_upload_done(void *ud)
{
    fu_dlg_t *d = ud;
    d->step = FU_DONE;
    app_refresh_now(d->app);
    app_dirty(d->app);
}

static void start_upload(fu_dlg_t *d)
{
    upload_settings_t s;
    d->step = FU_SETTINGS;
    if (!import_form_settings(&d->form, time(NULL), &s))
        return;
    char reason[UPLOAD_REASON_MAX];
    d->upload = upload_start_list(d->client, followup_contact_at, &d->list, d->list.n, &s, reason,
                                  sizeof reason);
    if (!d->upload) {
        snprintf(d->form.msg, sizeof d->form.msg, "%s", reason);
        return;
    }
    d->step = FU_UPLOAD;
    upload_on_finish(d->upload, on_upload_done, d);
}

static void key_settings(fu_dlg_t *d, keymap_cmd_t cmd, int key)
{
    upload_settings_t s;
    if (cmd != CMD_SUBMIT) {
        import_form_command(&d->form, cmd, key);
        return;
    }
    if (d->list.n == 0) {
        snprintf(d->form.msg, sizeof d->form.msg, "no contact in those states: nothing to create");
        return;
    }
    if (d->profile->read_only) {
        char keys[32];
        dlg_hint_format(d->form.msg, sizeof d->form.msg, HINT_FOLLOWUP_READ_ONLY, d->profile->name,
                        dlg_hint_format(keys, sizeof keys, HINT_PROFILE_KEYS));
        return;
    }
    if (!import_form_settings(&d->form, time(NULL), &s))
        return;
    const char *id = app_campaign_named(d->app, (int)d->source, s.name);
    snprintf(d->name_taken, sizeof d->name_taken, "%s", id ? id : "");
    d->asking = false;
    d->form.msg[0] = '\0';
    d->step = FU_REVIEW;
}

static void key_review(fu_dlg_t *d, keymap_cmd_t cmd)
{
    switch (dlg_create_review_key(&d->asking, cmd, review_of, d)) {
    case DLG_CREATE_UPLOAD: start_upload(d); break;
    case DLG_CREATE_BACK: d->step = FU_SETTINGS; break;
    case DLG_CREATE_WAIT: break;
    }
}

/* The keymap of each step: states typed (Up/Down the profile), a form,
 * a review answered with Enter or y. */
static unsigned fu_scope(void *ud)
{
    const fu_dlg_t *d = ud;
    switch (d->step) {
    case FU_STATES: return MODAL_BIT_PICK;
    case FU_SETTINGS: return MODAL_BIT_FORM;
    default: return MODAL_BIT_CONFIRM;
    }
}

static bool fu_command(app_t *app, keymap_cmd_t cmd, int key, void *ud)
{
    fu_dlg_t *d = ud;
    app_dirty(app);
    if (d->step == FU_UPLOAD)
        return true; /* the campaign is being created: it cannot stop half-way */
    if (d->step == FU_DONE)
        return false;
    if (cmd == CMD_CANCEL) {
        app_flash(app, POLLER_SEV_OK, "follow-up: closed, nothing created");
        return false;
    }
    switch (d->step) {
    case FU_STATES:
        if (cmd == CMD_SUBMIT)
            start_read(d);
        else if (cmd == CMD_PREV_PROFILE || cmd == CMD_NEXT_PROFILE)
            next_profile(d, cmd == CMD_PREV_PROFILE ? -1 : 1);
        else if (cmd == CMD_NONE)
            textedit_key(d->states, sizeof d->states, key);
        break;
    case FU_SETTINGS: key_settings(d, cmd, key); break;
    case FU_REVIEW: key_review(d, cmd); break;
    default: break;
    }
    return true;
}

static bool fu_tick(app_t *app, void *ud)
{
    (void)app;
    fu_dlg_t *d = ud;
    return d->step == FU_READING || d->step == FU_UPLOAD;
}

/* --- drawing ------------------------------------------------------------------ */

static void draw_chosen(const fu_dlg_t *d, dlg_lines_t *l)
{
    char by[160] = "";
    for (int s = 1; s < CONTACT_STATE_COUNT; s++) {
        if (!(d->mask & (1u << s)))
            continue;
        size_t k = strlen(by);
        snprintf(by + k, sizeof by - k, "%s%s %ld", k ? ", " : "",
                 model_contact_state_name((contact_state_t)s), d->list.by_state[s]);
    }
    dlg_lines_add(l, A_NORMAL, "%zu of %zu contacts of %s (%s) into a new %s campaign on %s",
                  d->list.n, d->list.source_total, d->src_name, by,
                  model_provider_label(d->profile->provider), d->profile->name);
    for (size_t i = 0; i < d->list.n && i < SHOWN_ROWS; i++) {
        const model_contact_t *c = &d->list.items[i];
        char vars[160] = "";
        for (size_t v = 0; v < c->nvars; v++) {
            size_t k = strlen(vars);
            snprintf(vars + k, sizeof vars - k, "%s%s=%s", v ? ", " : "", c->vars[v].key,
                     c->vars[v].value ? c->vars[v].value : "");
        }
        dlg_lines_add(l, A_NORMAL, "  %s  %s  %s", c->phone, model_contact_state_name(c->state),
                      vars);
    }
}

static void draw_outcome(const fu_dlg_t *d, int width, dlg_lines_t *l)
{
    size_t done, total;
    upload_progress(d->upload, &done, &total);
    dlg_lines_bar(l, (long)done, (long)total, "%zu of %zu contacts uploaded", done, total);
    if (d->step == FU_UPLOAD)
        return;
    const upload_outcome_t *o = upload_outcome(d->upload);
    if (o->confirmed) {
        dlg_lines_add(l, theme_attr(ROLE_STATUS_OK), "created campaign %s (%s) on %s, %zu "
                      "contacts", o->created.id, model_campaign_state_name(o->created.state),
                      d->profile->name, o->contacts_sent);
    } else {
        char advice[UPLOAD_REASON_MAX + 128];
        upload_advice(o, advice, sizeof advice);
        dlg_lines_add(l, theme_attr(ROLE_STATUS_ERROR), "follow-up failed: %s", o->err.message);
        dlg_lines_wrap(l, theme_attr(ROLE_STATUS_WARN), 0, width, advice);
    }
    dlg_hint_add(l, theme_attr(ROLE_KEY), HINT_UPLOAD_DONE);
}

static void fu_draw(app_t *app, void *ud)
{
    fu_dlg_t *d = ud;
    int rows, cols;
    app_screen_size(app, &rows, &cols);
    int width = cols - 8 < 100 ? cols - 8 : 100;
    dlg_lines_t l;
    memset(&l, 0, sizeof l);
    attr_t key = theme_attr(ROLE_KEY);
    switch (d->step) {
    case FU_STATES: {
        dlg_lines_add(&l, A_NORMAL, "A new campaign from the contacts of %s (%s) in these "
                      "states:", d->src_name, d->src_profile);
        dlg_lines_add(&l, A_BOLD, "states: %s_", d->states);
        char other[64] = "";
        if (app_source_count(app) > 1)
            dlg_hint_format(other, sizeof other, HINT_PICK_PROFILE);
        dlg_lines_add(&l, A_NORMAL, "on profile: %s (%s)%s%s", d->profile->name,
                      model_provider_label(d->profile->provider), other[0] ? "  " : "", other);
        dlg_hint_add(&l, key, HINT_FOLLOWUP_STATES);
        break;
    }
    case FU_READING:
        dlg_lines_bar(&l, (long)d->nall, -1, "reading the contacts of %s: %zu so far",
                      d->src_name, d->nall);
        dlg_hint_add(&l, key, HINT_FOLLOWUP_READING);
        break;
    case FU_SETTINGS:
        draw_chosen(d, &l);
        dlg_create_settings_lines(&l, &d->form, HINT_FOLLOWUP_SETTINGS);
        break;
    case FU_REVIEW: {
        upload_settings_t s;
        import_review_t v;
        bool ok = review_of(d, &s, &v);
        dlg_create_review_lines(&l, ok ? &v : NULL, d->form.msg, d->asking, width);
        break;
    }
    case FU_UPLOAD:
    case FU_DONE: draw_outcome(d, width, &l); break;
    }
    if (d->msg[0])
        dlg_lines_wrap(&l, theme_attr(ROLE_STATUS_WARN), 0, width, d->msg);
    dlg_box_draw(app, "follow-up campaign", &l);
}

static void fu_close(app_t *app, void *ud)
{
    (void)app;
    fu_dlg_t *d = ud;
    if (d->op)
        client_cancel(d->src_client, d->op);
    d->op = 0;
    upload_free(d->upload);
    d->upload = NULL;
    drop_contacts(d);
    if (d->form_ready)
        import_form_free(&d->form);
    d->form_ready = false;
}

static const app_modal_t fu_modal = {
    .scope = MODAL_BIT_PICK,
    .scope_now = fu_scope,
    .command = fu_command,
    .draw = fu_draw,
    .close = fu_close,
    .tick = fu_tick,
};

/* The filter names a contact state ("no_answer", "busy"): that one. */
static void default_states(const char *filter, char *out, size_t len)
{
    unsigned mask;
    char reason[128];
    if (filter && filter[0] && followup_parse_states(filter, &mask, reason, sizeof reason))
        snprintf(out, len, "%s", filter);
    else
        snprintf(out, len, "%s", DEFAULT_STATES);
}

void dlg_followup_open(app_t *app, const app_target_t *source, const char *filter)
{
    if (!source->client || !source->profile || !source->campaign) {
        app_flash(app, POLLER_SEV_WARN, "follow-up: no campaign open");
        return;
    }
    memset(&fu, 0, sizeof fu);
    fu.app = app;
    fu.src_client = source->client;
    snprintf(fu.src_id, sizeof fu.src_id, "%s", source->campaign->id ? source->campaign->id : "");
    snprintf(fu.src_name, sizeof fu.src_name, "%s",
             source->campaign->name ? source->campaign->name : fu.src_id);
    snprintf(fu.src_profile, sizeof fu.src_profile, "%s", source->profile->name);
    set_target(&fu, source);
    default_states(filter, fu.states, sizeof fu.states);
    app_modal_open(app, &fu_modal, &fu);
}
