/* The import screen (`i`), one step after another:
 *
 *   file path (Tab completes)
 *   -> reading (on a thread, with a bar; Esc stops it)
 *   -> preview: detected layout and the first rows; d/e/p change the
 *      delimiter, encoding or phone column and read the file again
 *   -> report: accepted/rejected by reason, every rejected row browsable,
 *      x writes them to a CSV to fix
 *   -> settings: only those the provider's create call takes
 *   -> Create: a bar while contacts upload, then the outcome.
 *
 * Esc at any step before Create closes it with nothing uploaded. Once
 * Create is pressed the request is out, so Esc is refused while contacts
 * are uploading (stopping half-way would leave a campaign with part of its
 * list). The file is checked by csv/import and the settings by api/upload,
 * the same code `dialtop import` runs. */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "actions_ui.h"
#include "dlg_box.h"
#include "export.h"
#include "import_form.h"
#include "import_job.h"
#include "import_view.h"
#include "path_complete.h"
#include "phone.h"
#include "textedit.h"
#include "theme.h"
#include "ui.h"
#include "upload.h"

#define KEY_ESC 27
#define PATH_MAX_LEN 1024
/* lines of the box that are not the rejected-rows window */
#define REPORT_CHROME 14

typedef enum {
    STEP_PATH,
    STEP_READING,
    STEP_FAILED,   /* the read stopped; options may still be changed */
    STEP_PREVIEW,
    STEP_REPORT,
    STEP_SETTINGS,
    STEP_UPLOAD,
    STEP_DONE
} step_t;

typedef struct {
    app_t *app;
    step_t step;
    provider_t provider;
    client_t *client;
    char region[8];
    char path[PATH_MAX_LEN];
    /* how to read the file: 0 / false / -1 = detect */
    char delimiter;
    bool cp1252;
    bool allow_premium;         /* m: accept premium-rate and shared-cost numbers */
    long phone_index;
    import_job_t *job;
    import_error_t err;           /* STEP_FAILED */
    import_result_t *result;
    size_t first_col;             /* preview's horizontal scroll */
    size_t rej_top, rej_cursor, rej_rows;
    import_form_t form;
    bool form_ready;
    upload_t *upload;
    double upload_started;
    char msg[UPLOAD_REASON_MAX + PATH_MAX_LEN];
} imp_dlg_t;

static imp_dlg_t dlg;

/* --- reading ---------------------------------------------------------------- */

static void start_read(imp_dlg_t *d)
{
    import_options_t opt;
    import_options_init(&opt);
    if (d->region[0])
        opt.region = d->region;
    opt.delimiter = d->delimiter;
    opt.encoding_forced = d->cp1252;
    opt.encoding = d->cp1252 ? ENCODING_CP1252 : ENCODING_UTF8;
    opt.phone_index = d->phone_index;
    opt.allow_premium = d->allow_premium;
    char reason[256];
    /* the result read before stays until this read ends: p cycles on its
     * columns even while the next read runs */
    import_job_free(d->job);
    d->job = import_job_start(d->path, &opt, reason, sizeof reason);
    if (!d->job) {
        snprintf(d->msg, sizeof d->msg, "%s", reason);
        return;
    }
    d->msg[0] = '\0';
    memset(&d->err, 0, sizeof d->err);
    d->step = STEP_READING;
}

/* The read finished: a result goes to the preview, a fault is shown with
 * the options still changeable. */
static void finish_read(imp_dlg_t *d)
{
    import_result_free(d->result);
    d->result = import_job_take(d->job, &d->err);
    import_job_free(d->job);
    d->job = NULL;
    if (!d->result) {
        d->step = STEP_FAILED;
        return;
    }
    d->first_col = 0;
    d->rej_top = d->rej_cursor = 0;
    d->step = STEP_PREVIEW;
}

/* d / e / p on the preview or a failed read: change one reading option and
 * read the file again with it. */
static bool change_option(imp_dlg_t *d, int key)
{
    static const char delimiters[] = {0, ',', ';', '\t', '|'};
    size_t nd = sizeof delimiters;
    if (key == 'd') {
        size_t i = 0;
        while (i < nd && delimiters[i] != d->delimiter)
            i++;
        d->delimiter = delimiters[(i + 1) % nd];
    } else if (key == 'e') {
        d->cp1252 = !d->cp1252;
    } else if (key == 'm') {
        d->allow_premium = !d->allow_premium; /* the CLI's --allow-premium */
    } else if (key == 'p') {
        /* from the choice already made, even while its read runs */
        long now = d->phone_index;
        if (now < 0 && d->result)
            now = (long)d->result->phone_index;
        if (d->result && d->result->ncolumns > 0)
            d->phone_index = (now + 1) % (long)d->result->ncolumns;
        else if (d->phone_index < 0 || d->err.status == IMPORT_ERR_NO_PHONE)
            d->phone_index = 0; /* none found, or past the last column: from the first */
        else
            d->phone_index++;
    } else if (key == 'a') {
        /* back to detecting everything */
        d->delimiter = 0;
        d->cp1252 = false;
        d->phone_index = -1;
    } else {
        return false;
    }
    start_read(d);
    return true;
}

/* --- rejected rows ------------------------------------------------------------ */

static void move_reject_cursor(imp_dlg_t *d, long delta)
{
    size_t n = d->result->nrejections;
    if (n == 0)
        return;
    long c = (long)d->rej_cursor + delta;
    c = c < 0 ? 0 : c >= (long)n ? (long)n - 1 : c;
    d->rej_cursor = (size_t)c;
    size_t rows = d->rej_rows ? d->rej_rows : 1;
    if (d->rej_cursor < d->rej_top)
        d->rej_top = d->rej_cursor;
    else if (d->rej_cursor >= d->rej_top + rows)
        d->rej_top = d->rej_cursor - rows + 1;
}

/* Writes the rejected rows next to the file as NAME.rejects.csv (or
 * NAME.rejects-2.csv ...: never over an existing file). */
static void export_rejects(imp_dlg_t *d)
{
    char base[PATH_MAX_LEN], out[PATH_MAX_LEN + 32];
    snprintf(base, sizeof base, "%s", d->path);
    char *dot = strrchr(base, '.'), *slash = strrchr(base, '/');
    if (dot && (!slash || dot > slash + 1))
        *dot = '\0';
    int fd = -1;
    for (int k = 1; k < 100 && fd < 0; k++) {
        if (k == 1)
            snprintf(out, sizeof out, "%s.rejects.csv", base);
        else
            snprintf(out, sizeof out, "%s.rejects-%d.csv", base, k);
        fd = open(out, O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        snprintf(d->msg, sizeof d->msg, "rejected rows not written: %s: %s", out,
                 strerror(errno));
        return;
    }
    FILE *f = fdopen(fd, "w");
    bool ok = f && export_rejects_csv(f, d->result);
    if (f)
        ok = fclose(f) == 0 && ok;
    else
        close(fd);
    if (!ok) {
        unlink(out);
        snprintf(d->msg, sizeof d->msg, "rejected rows not written: %s: write failed", out);
        return;
    }
    snprintf(d->msg, sizeof d->msg, "wrote %zu rejected rows to %s (fix them, import again)",
             d->result->nrejections, out);
}

/* --- upload --------------------------------------------------------------------- */

static void on_upload_done(void *ud)
{
    imp_dlg_t *d = ud;
    d->step = STEP_DONE;
    app_refresh_now(d->app);
    app_dirty(d->app);
}

static void start_upload(imp_dlg_t *d)
{
    upload_settings_t s;
    time_t now = time(NULL);
    if (!import_form_settings(&d->form, now, &s))
        return;
    s.source_file = d->path;
    char reason[UPLOAD_REASON_MAX];
    d->upload = upload_start(d->client, d->result, &s, reason, sizeof reason);
    if (!d->upload) {
        snprintf(d->form.msg, sizeof d->form.msg, "%s", reason);
        return;
    }
    d->msg[0] = '\0';
    d->step = STEP_UPLOAD;
    d->upload_started = poller_now();
    upload_on_finish(d->upload, on_upload_done, d);
}

/* --- keys ------------------------------------------------------------------- */

static void key_path(imp_dlg_t *d, int key, bool enter)
{
    if (key == '\t') {
        path_complete(d->path, sizeof d->path, d->msg, sizeof d->msg);
    } else if (enter && d->path[0]) {
        if (d->form_ready) /* another file: its own default name */
            import_form_free(&d->form);
        d->form_ready = false;
        d->delimiter = 0;
        d->cp1252 = false;
        d->phone_index = -1;
        d->allow_premium = false;
        start_read(d);
    } else {
        textedit_key(d->path, sizeof d->path, key);
    }
}

static void key_preview(imp_dlg_t *d, int key, bool enter)
{
    if (enter) {
        d->step = STEP_REPORT;
    } else if (key == KEY_RIGHT || key == 'l') {
        if (d->first_col + 1 < d->result->ncolumns)
            d->first_col++;
    } else if (key == KEY_LEFT || key == 'h') {
        if (d->first_col > 0)
            d->first_col--;
    } else if (textedit_is_backspace(key)) {
        d->step = STEP_PATH;
    } else {
        change_option(d, key);
    }
}

static void key_report(imp_dlg_t *d, int key, bool enter)
{
    long page = d->rej_rows ? (long)d->rej_rows : 1;
    d->msg[0] = '\0';
    if (enter) {
        if (d->result->accepted <= 0)
            return;
        if (!d->form_ready) {
            import_form_init(&d->form, d->provider, d->path);
            d->form_ready = true;
        }
        d->step = STEP_SETTINGS;
    } else if (key == KEY_DOWN || key == 'j') {
        move_reject_cursor(d, 1);
    } else if (key == KEY_UP || key == 'k') {
        move_reject_cursor(d, -1);
    } else if (key == KEY_NPAGE || key == ' ') {
        move_reject_cursor(d, page);
    } else if (key == KEY_PPAGE) {
        move_reject_cursor(d, -page);
    } else if (key == KEY_HOME || key == 'g') {
        move_reject_cursor(d, -(long)d->result->nrejections);
    } else if (key == KEY_END || key == 'G') {
        move_reject_cursor(d, (long)d->result->nrejections);
    } else if (key == 'x' && d->result->nrejections > 0) {
        export_rejects(d);
    } else if (textedit_is_backspace(key)) {
        d->step = STEP_PREVIEW;
    }
}

static bool import_key(app_t *app, int key, void *ud)
{
    imp_dlg_t *d = ud;
    bool enter = key == '\n' || key == '\r' || key == KEY_ENTER;
    app_dirty(app);
    if (d->step == STEP_UPLOAD) {
        if (key == KEY_ESC)
            snprintf(d->msg, sizeof d->msg, "the campaign is being created; it cannot be "
                                            "stopped half-way");
        return true;
    }
    if (d->step == STEP_DONE) {
        /* refused by the provider, so nothing exists: fix and try again */
        const upload_outcome_t *o = upload_outcome(d->upload);
        if (enter && !o->confirmed && upload_safe_to_retry(o)) {
            upload_free(d->upload);
            d->upload = NULL;
            d->step = STEP_SETTINGS;
            return true;
        }
        return false;
    }
    if (key == KEY_ESC) {
        app_flash(app, POLLER_SEV_OK, "import: closed, nothing uploaded");
        return false;
    }
    switch (d->step) {
    case STEP_PATH: key_path(d, key, enter); break;
    case STEP_READING:
        /* typed ahead of a read: the newest choice wins, the read under
         * way is dropped */
        change_option(d, key);
        break;
    case STEP_FAILED:
        if (enter || textedit_is_backspace(key))
            d->step = STEP_PATH;
        else
            change_option(d, key);
        break;
    case STEP_PREVIEW: key_preview(d, key, enter); break;
    case STEP_REPORT: key_report(d, key, enter); break;
    case STEP_SETTINGS:
        if (enter)
            start_upload(d);
        else
            import_form_key(&d->form, key);
        break;
    default: break;
    }
    return true;
}

static bool import_tick(app_t *app, void *ud)
{
    imp_dlg_t *d = ud;
    if (d->step == STEP_READING && import_job_done(d->job)) {
        finish_read(d);
        app_dirty(app);
    }
    return d->step == STEP_READING || d->step == STEP_UPLOAD;
}

/* --- drawing ---------------------------------------------------------------- */

static void draw_options_hint(const imp_dlg_t *d, dlg_lines_t *l)
{
    char delim[32];
    snprintf(delim, sizeof delim, "%s", d->delimiter ? import_delimiter_name(d->delimiter)
                                                     : "detect");
    dlg_lines_add(l, theme_attr(ROLE_KEY),
                  "d delimiter (%s)  e encoding (%s)  p phone column  a detect all  "
                  "m premium numbers (%s)", delim, d->cp1252 ? "cp1252" : "detect",
                  d->allow_premium ? "accepted" : "refused");
}

static void draw_upload(const imp_dlg_t *d, int width, dlg_lines_t *l)
{
    size_t done, total;
    upload_progress(d->upload, &done, &total);
    const char *name = d->form.value[IF_NAME];
    dlg_lines_add(l, A_NORMAL, "campaign \"%s\" on %s", name, model_provider_label(d->provider));
    dlg_lines_bar(l, (long)done, (long)total, "%zu of %zu contacts uploaded", done, total);
    if (d->step == STEP_UPLOAD) {
        if (d->provider == PROVIDER_SARVAM)
            dlg_lines_add(l, A_NORMAL, "creating, then sending contacts %d at a time... %.0f s",
                          DRIVER_CHUNK_MAX, poller_now() - d->upload_started);
        else
            dlg_lines_add(l, A_NORMAL, "creating: all contacts go in one request... %.0f s",
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
    if (!o->confirmed) {
        char advice[UPLOAD_REASON_MAX + 128];
        upload_advice(o, advice, sizeof advice);
        dlg_lines_wrap(l, theme_attr(ROLE_STATUS_WARN), 0, width, advice);
    }
    if (o->audit_error[0])
        dlg_lines_add(l, theme_attr(ROLE_STATUS_WARN), "%s", o->audit_error);
    if (!o->confirmed && upload_safe_to_retry(o))
        dlg_lines_add(l, theme_attr(ROLE_KEY), "Enter back to the settings  any other key closes");
    else
        dlg_lines_add(l, theme_attr(ROLE_KEY), "any key closes");
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
        dlg_lines_add(l, A_NORMAL, "p takes the phone numbers from a column you choose "
                                   "(column 1, then p again for the next)");
    dlg_lines_add(l, A_NORMAL, "%s", "");
    draw_options_hint(d, l);
    dlg_lines_add(l, theme_attr(ROLE_KEY), "Enter another file  Esc close");
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
        dlg_lines_add(l, theme_attr(ROLE_KEY),
                      "Up/Down PgUp/PgDn g/G browse  x write rejected rows to a CSV");
    if (r->accepted > 0)
        dlg_lines_add(l, theme_attr(ROLE_KEY),
                      "Enter settings (uploads the %ld accepted)  Backspace preview  Esc close",
                      r->accepted);
    else
        dlg_lines_add(l, theme_attr(ROLE_KEY),
                      "no contact accepted, nothing to upload  Backspace preview  Esc close");
}

static void import_draw(app_t *app, void *ud)
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
    case STEP_PATH:
        dlg_lines_add(&l, A_NORMAL, "Contact list (CSV) to import into a new %s campaign:",
                      model_provider_label(d->provider));
        dlg_lines_add(&l, A_BOLD, "file: %s_", d->path);
        dlg_lines_add(&l, key, "Enter read  Tab complete  ^U clear  Esc close");
        break;
    case STEP_READING: {
        unsigned long long done, total;
        import_job_progress(d->job, &done, &total);
        import_view_reading(d->path, done, total, &l);
        dlg_lines_add(&l, key, "Esc stop reading and close");
        break;
    }
    case STEP_FAILED: draw_failed(d, text_width, &l); break;
    case STEP_PREVIEW:
        import_view_layout(d->result, d->path, &l);
        dlg_lines_add(&l, A_NORMAL, "%s", "");
        import_view_preview(d->result, d->first_col, table_width, &l);
        dlg_lines_add(&l, A_NORMAL, "%s", "");
        draw_options_hint(d, &l);
        dlg_lines_add(&l, key, "Enter validation report  Backspace file  Esc close");
        break;
    case STEP_REPORT: draw_report(d, rows, &l); break;
    case STEP_SETTINGS:
        dlg_lines_add(&l, A_NORMAL, "%ld contacts from %s into a new %s campaign",
                      d->result->accepted, d->path, model_provider_label(d->provider));
        dlg_lines_add(&l, A_NORMAL, "%s", "");
        import_form_lines(&d->form, time(NULL), &l);
        dlg_lines_add(&l, A_NORMAL, "%s", "");
        dlg_lines_add(&l, key, "Enter create  Tab/Up/Down field  ^U clear  Esc close, "
                               "nothing uploaded");
        if (d->form.msg[0])
            dlg_lines_add(&l, theme_attr(ROLE_STATUS_WARN), "%s", d->form.msg);
        break;
    case STEP_UPLOAD:
    case STEP_DONE: draw_upload(d, text_width, &l); break;
    }
    if (d->msg[0])
        dlg_lines_add(&l, theme_attr(ROLE_STATUS_WARN), "%s", d->msg);
    dlg_box_draw(app, "import contacts", &l);
}

static void import_close(app_t *app, void *ud)
{
    (void)app;
    imp_dlg_t *d = ud;
    import_job_free(d->job);
    d->job = NULL;
    upload_free(d->upload);
    d->upload = NULL;
    import_result_free(d->result);
    d->result = NULL;
    if (d->form_ready)
        import_form_free(&d->form);
    d->form_ready = false;
}

static const app_modal_t import_modal = {
    .key = import_key, .draw = import_draw, .close = import_close, .tick = import_tick};

void dlg_import_open(app_t *app, const app_target_t *target)
{
    if (!target->client || !target->profile) {
        app_flash(app, POLLER_SEV_WARN, "import: no provider connection to create it on");
        return;
    }
    memset(&dlg, 0, sizeof dlg);
    dlg.app = app;
    dlg.client = target->client;
    dlg.provider = target->profile->provider;
    dlg.phone_index = -1;
    if (target->profile->region && phone_region_find(target->profile->region))
        snprintf(dlg.region, sizeof dlg.region, "%s", target->profile->region);
    app_modal_open(app, &import_modal, &dlg);
}
