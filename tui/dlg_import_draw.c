/* The import screen's drawing, one function per step (dlg_import.c has
 * the steps and keys). */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dlg_create.h"
#include "dlg_hint.h"
#include "dlg_import_priv.h"
#include "import_view.h"
#include "poller.h"
#include "provider.h"
#include "theme.h"

static void draw_options_hint(const imp_dlg_t *d, dlg_lines_t *l)
{
    char delim[32];
    snprintf(delim, sizeof delim, "%s", d->delimiter ? import_delimiter_name(d->delimiter)
                                                     : "detect");
    dlg_hint_add(l, theme_attr(ROLE_KEY), HINT_IMPORT_OPTIONS, delim,
                 d->cp1252 ? "cp1252" : "detect", d->allow_premium ? "accepted" : "refused");
    /* the region national numbers are read in: chosen, the profile's, or
     * the import's default as the result says */
    const char *region = d->region[0] ? d->region : d->result ? d->result->region : "";
    dlg_hint_add(l, theme_attr(ROLE_KEY), HINT_IMPORT_REGION, region[0] ? region : "default");
}

/* Rows the provider itself refused, by their line in the file. */
static void draw_backend_rejects(const imp_dlg_t *d, const upload_outcome_t *o, int width,
                                 dlg_lines_t *l)
{
    char text[DLG_LINE_LEN];
    int n = snprintf(text, sizeof text, "the provider refused %zu row%s",
                     o->created.contacts_rejected, o->created.contacts_rejected == 1 ? "" : "s");
    for (size_t i = 0; i < o->nrejected_at && n > 0 && (size_t)n < sizeof text - 16; i++) {
        if (o->rejected_at[i] >= (size_t)d->result->accepted)
            continue;
        import_contact_t c;
        import_result_contact(d->result, o->rejected_at[i], &c);
        n += snprintf(text + n, sizeof text - (size_t)n, "%s%ld", i ? ", " : ": lines ", c.line);
    }
    dlg_lines_wrap(l, theme_attr(ROLE_STATUS_WARN), 0, width, text);
}

static void draw_upload(const imp_dlg_t *d, int width, dlg_lines_t *l)
{
    size_t done, total;
    upload_progress(d->upload, &done, &total);
    const char *name = d->form.value[IF_NAME];
    dlg_lines_add(l, A_NORMAL, "campaign \"%s\" on %s", name, model_provider_label(d->provider));
    dlg_lines_bar(l, (long)done, (long)total, "%zu of %zu contacts uploaded", done, total);
    if (d->step == STEP_UPLOAD) {
        const provider_upload_steps_t *steps = &provider_get(d->provider)->upload_steps;
        bool big = total > client_driver(d->client)->add_chunk_max;
        dlg_lines_add(l, A_NORMAL, "%s... %.0f s", big ? steps->big : steps->small,
                      poller_now() - d->upload_started);
        return;
    }
    const upload_outcome_t *o = upload_outcome(d->upload);
    if (o->confirmed)
        dlg_lines_add(l, theme_attr(ROLE_STATUS_OK), "created campaign %s (%s), %zu contacts",
                      o->created.id, model_campaign_state_name(o->created.state),
                      o->contacts_sent);
    else if (o->has_created)
        dlg_lines_add(l, theme_attr(ROLE_STATUS_ERROR),
                      "upload failed: campaign %s has only %zu of %zu contacts: %s",
                      o->created.id, o->contacts_sent, total, o->err.message);
    else
        dlg_lines_add(l, theme_attr(ROLE_STATUS_ERROR), "upload failed, no campaign: %s",
                      o->err.message);
    if (o->has_created && o->created.contacts_rejected > 0)
        draw_backend_rejects(d, o, width, l);
    if (!o->confirmed) {
        char advice[UPLOAD_REASON_MAX + 128];
        upload_advice(o, advice, sizeof advice);
        dlg_lines_wrap(l, theme_attr(ROLE_STATUS_WARN), 0, width, advice);
    }
    if (o->audit_error[0])
        dlg_lines_add(l, theme_attr(ROLE_STATUS_WARN), "%s", o->audit_error);
    if (!o->confirmed && upload_safe_to_retry(o))
        dlg_hint_add(l, theme_attr(ROLE_KEY), HINT_UPLOAD_RETRY);
    else
        dlg_hint_add(l, theme_attr(ROLE_KEY), HINT_UPLOAD_DONE);
}

static void draw_failed(const imp_dlg_t *d, int width, dlg_lines_t *l)
{
    dlg_lines_add(l, A_NORMAL, "file       %s", d->path);
    if (d->err.line)
        dlg_lines_add(l, theme_attr(ROLE_STATUS_ERROR), "import stopped at line %ld, nothing "
                      "imported:", d->err.line);
    else
        dlg_lines_add(l, theme_attr(ROLE_STATUS_ERROR), "import stopped, nothing imported:");
    dlg_lines_wrap(l, theme_attr(ROLE_STATUS_ERROR), 2, width, d->err.message);
    if (d->err.status == IMPORT_ERR_NO_PHONE)
        dlg_hint_add(l, A_NORMAL, HINT_IMPORT_NO_PHONE);
    dlg_lines_add(l, A_NORMAL, "%s", "");
    draw_options_hint(d, l);
    dlg_hint_add(l, theme_attr(ROLE_KEY), HINT_IMPORT_FAILED);
}

static void draw_report(imp_dlg_t *d, int rows, dlg_lines_t *l)
{
    const import_result_t *r = d->result;
    import_view_layout(r, d->path, l);
    import_view_summary(r, l);
    int avail = rows - 2 - REPORT_CHROME;
    d->rej_rows = avail < 3 ? 3 : (size_t)avail;
    if (d->rej_rows > DLG_LINES_MAX - REPORT_CHROME)
        d->rej_rows = DLG_LINES_MAX - REPORT_CHROME;
    import_view_rejects(r, d->rej_top, d->rej_cursor, d->rej_rows, l);
    dlg_lines_add(l, A_NORMAL, "%s", "");
    if (r->nrejections)
        dlg_hint_add(l, theme_attr(ROLE_KEY), HINT_IMPORT_BROWSE);
    if (r->accepted > 0)
        dlg_hint_add(l, theme_attr(ROLE_KEY), HINT_IMPORT_REPORT, r->accepted);
    else
        dlg_hint_add(l, theme_attr(ROLE_KEY), HINT_IMPORT_NONE_ACCEPTED);
}

void dlg_import_draw(app_t *app, void *ud)
{
    imp_dlg_t *d = ud;
    int rows, cols;
    app_screen_size(app, &rows, &cols);
    /* inside the box's frame and margins; wrapped prose stops at 100 so a
     * wide terminal still reads it as lines, the preview table may go on */
    int table_width = cols - 8;
    int text_width = table_width < 100 ? table_width : 100;
    dlg_lines_t l;
    memset(&l, 0, sizeof l);
    attr_t key = theme_attr(ROLE_KEY);
    switch (d->step) {
    case STEP_PATH: {
        dlg_lines_add(&l, A_NORMAL, "Contact list (CSV) to import into a new %s campaign:",
                      model_provider_label(d->provider));
        char other[64] = "";
        if (app_source_count(d->app) > 1)
            dlg_hint_format(other, sizeof other, HINT_PICK_PROFILE);
        dlg_lines_add(&l, A_NORMAL, "profile: %s (%s)%s%s", d->profile->name,
                      model_provider_label(d->provider), other[0] ? "  " : "", other);
        dlg_lines_add(&l, A_BOLD, "file: %s_", d->path);
        dlg_hint_add(&l, key, HINT_IMPORT_PATH);
        break;
    }
    case STEP_READING: {
        unsigned long long done, total;
        import_job_progress(d->job, &done, &total);
        import_view_reading(d->path, done, total, &l);
        dlg_hint_add(&l, key, HINT_IMPORT_READING);
        break;
    }
    case STEP_FAILED: draw_failed(d, text_width, &l); break;
    case STEP_PREVIEW:
        import_view_layout(d->result, d->path, &l);
        dlg_lines_add(&l, A_NORMAL, "%s", "");
        import_view_preview(d->result, d->first_col, table_width, &l);
        dlg_lines_add(&l, A_NORMAL, "%s", "");
        draw_options_hint(d, &l);
        dlg_hint_add(&l, key, HINT_IMPORT_PREVIEW);
        break;
    case STEP_REPORT: draw_report(d, rows, &l); break;
    case STEP_SETTINGS:
        dlg_lines_add(&l, A_NORMAL, "%ld contacts from %s into a new %s campaign",
                      d->result->accepted, d->path, model_provider_label(d->provider));
        dlg_create_settings_lines(&l, &d->form, HINT_IMPORT_SETTINGS);
        break;
    case STEP_REVIEW: {
        upload_settings_t s;
        import_review_t v;
        bool ok = dlg_import_review_of(d, &s, &v);
        dlg_create_review_lines(&l, ok ? &v : NULL, d->form.msg, d->asking, text_width);
        break;
    }
    case STEP_UPLOAD:
    case STEP_DONE: draw_upload(d, text_width, &l); break;
    }
    if (d->msg[0])
        dlg_lines_add(&l, theme_attr(ROLE_STATUS_WARN), "%s", d->msg);
    dlg_box_draw(app, "import contacts", &l);
}
