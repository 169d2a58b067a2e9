/* The import screen (`i`), one step after another:
 *
 *   file path (Tab completes)
 *   -> reading (on a thread, with a bar; Esc stops it)
 *   -> preview: detected layout and the first rows; d/e/p change the
 *      delimiter, encoding or phone column and read the file again
 *   -> report: accepted/rejected by reason, every rejected row browsable,
 *      x writes them to a CSV to fix
 *   -> settings: only those the provider's create call takes
 *   -> review: everything the create will do; Enter creates, anything else
 *      goes back (a name the profile has, or a file imported before, asks)
 *   -> Create: a bar while contacts upload, then the outcome.
 *
 * The target profile is chosen on the first step (Up/Down; default the
 * selected row's), the phone region on the preview (r).
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
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "actions_ui.h"
#include "dlg_box.h"
#include "dlg_create.h"
#include "export.h"
#include "import_form.h"
#include "import_job.h"
#include "import_review.h"
#include "import_view.h"
#include "nav.h"
#include "path_complete.h"
#include "phone.h"
#include "textedit.h"
#include "theme.h"
#include "ui.h"
#include "upload.h"
#include "upload_journal.h"

#include "dlg_import_priv.h"

static imp_dlg_t dlg;

/* --- target profile and region ---------------------------------------------- */

static void set_target(imp_dlg_t *d, const app_target_t *t)
{
    d->client = t->client;
    d->profile = t->profile;
    d->provider = t->profile->provider;
    d->source = (size_t)t->source;
    if (!d->region_chosen) {
        d->region[0] = '\0';
        if (t->profile->region && phone_region_find(t->profile->region))
            snprintf(d->region, sizeof d->region, "%s", t->profile->region);
    }
}

/* Up/Down on the first step: the next profile the console shows. */
static void next_profile(imp_dlg_t *d, int step)
{
    long n = (long)app_source_count(d->app);
    for (long k = 1; k < n; k++) {
        app_target_t t;
        long i = (((long)d->source + step * k) % n + n) % n;
        if (app_source_target(d->app, (size_t)i, &t) && t.client && t.profile) {
            set_target(d, &t);
            if (d->form_ready) /* another provider offers other fields */
                import_form_free(&d->form);
            d->form_ready = false;
            return;
        }
    }
}

/* r on the preview: the next region national numbers are read in. */
static bool next_region(imp_dlg_t *d)
{
    static const char *const regions[] = {"US", "CA", "GB", "IE", "IN", "DE", "FR", "ES",
                                          "IT", "NL", "AU", "NZ", "BR", "MX", "ZA", "NG",
                                          "KE", "AE", "SG", "PH", "PK", "BD", "JP", "ID"};
    size_t n = sizeof regions / sizeof *regions, at = n - 1;
    /* from the region in force: chosen, the profile's, or the import's default */
    const char *now = d->region[0] ? d->region : d->result ? d->result->region : "";
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(regions[i], now) == 0)
            at = i;
    for (size_t k = 1; k <= n; k++) {
        const char *r = regions[(at + k) % n];
        if (phone_region_find(r)) {
            snprintf(d->region, sizeof d->region, "%s", r);
            d->region_chosen = true;
            return true;
        }
    }
    return false;
}

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
    d->hash_ok = import_job_hash(d->job, &d->hash);
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
static bool change_option(imp_dlg_t *d, keymap_cmd_t cmd)
{
    static const char delimiters[] = {0, ',', ';', '\t', '|'};
    size_t nd = sizeof delimiters;
    if (cmd == CMD_DELIMITER) {
        size_t i = 0;
        while (i < nd && delimiters[i] != d->delimiter)
            i++;
        d->delimiter = delimiters[(i + 1) % nd];
    } else if (cmd == CMD_ENCODING) {
        d->cp1252 = !d->cp1252;
    } else if (cmd == CMD_PREMIUM) {
        d->allow_premium = !d->allow_premium; /* the CLI's --allow-premium */
    } else if (cmd == CMD_PHONE_COLUMN) {
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
    } else if (cmd == CMD_REGION) {
        if (!next_region(d))
            return false;
    } else if (cmd == CMD_REDETECT) {
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

/* j, PgDn, G... on the rejected rows: the lists' own movement (nav.h);
 * a page is the rows the box shows. */
static bool move_reject_cursor(imp_dlg_t *d, keymap_cmd_t cmd)
{
    long n = (long)d->result->nrejections;
    int rows = d->rej_rows ? (int)d->rej_rows : 1;
    long pos = (long)d->rej_cursor, top = (long)d->rej_top;
    if (!nav_move(cmd, &pos, n, rows + 1))
        return false;
    if (n > 0) {
        nav_scroll_into_view(pos, &top, n, rows);
        d->rej_cursor = (size_t)pos;
        d->rej_top = (size_t)top;
    }
    return true;
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

bool dlg_import_review_of(imp_dlg_t *d, upload_settings_t *s, import_review_t *v)
{
    time_t now = time(NULL);
    if (!import_form_settings(&d->form, now, s))
        return false;
    *v = (import_review_t){
        .profile = d->profile->name,
        .provider = d->provider,
        .from = d->path,
        .accepted = d->result->accepted,
        .rejected = d->result->rejected,
        .census = &d->census,
        .s = s,
        .now = now,
        .name_taken_id = d->name_taken[0] ? d->name_taken : NULL,
        .imported_as = d->imported_as[0] ? d->imported_as : NULL,
    };
    return true;
}

/* Enter on the settings: the review, with what it must ask about. */
static void open_review(imp_dlg_t *d)
{
    upload_settings_t s;
    if (!import_form_settings(&d->form, time(NULL), &s))
        return;
    const char *id = app_campaign_named(d->app, (int)d->source, s.name);
    snprintf(d->name_taken, sizeof d->name_taken, "%s", id ? id : "");
    d->imported_as[0] = d->journal[0] = '\0';
    if (d->hash_ok &&
        upload_journal_path(d->hash, d->profile->name, d->journal, sizeof d->journal)) {
        upload_journal_state_t st;
        upload_journal_read(d->journal, &st);
        if (st.found && st.created)
            snprintf(d->imported_as, sizeof d->imported_as, "%s", st.campaign_id);
    }
    d->asking = false;
    d->form.msg[0] = '\0';
    d->step = STEP_REVIEW;
}

static void start_upload(imp_dlg_t *d)
{
    upload_settings_t s;
    time_t now = time(NULL);
    d->step = STEP_SETTINGS; /* where a refusal is shown */
    if (!import_form_settings(&d->form, now, &s))
        return;
    s.journal_path = d->journal[0] ? d->journal : NULL;
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

static void key_path(imp_dlg_t *d, keymap_cmd_t cmd, int key)
{
    if (cmd == CMD_COMPLETE) {
        path_complete(d->path, sizeof d->path, d->msg, sizeof d->msg);
    } else if (cmd == CMD_PREV_PROFILE || cmd == CMD_NEXT_PROFILE) {
        next_profile(d, cmd == CMD_PREV_PROFILE ? -1 : 1);
    } else if (cmd == CMD_SUBMIT && d->path[0]) {
        if (d->form_ready) /* another file: its own default name */
            import_form_free(&d->form);
        d->form_ready = false;
        d->delimiter = 0;
        d->cp1252 = false;
        d->phone_index = -1;
        d->allow_premium = false;
        start_read(d);
    } else if (cmd == CMD_NONE) {
        textedit_key(d->path, sizeof d->path, key);
    }
}

static void key_preview(imp_dlg_t *d, keymap_cmd_t cmd)
{
    if (cmd == CMD_SUBMIT) {
        d->step = STEP_REPORT;
    } else if (cmd == CMD_RIGHT) {
        if (d->first_col + 1 < d->result->ncolumns)
            d->first_col++;
    } else if (cmd == CMD_LEFT) {
        if (d->first_col > 0)
            d->first_col--;
    } else if (cmd == CMD_BACK) {
        d->step = STEP_PATH;
    } else {
        change_option(d, cmd);
    }
}

static void key_report(imp_dlg_t *d, keymap_cmd_t cmd)
{
    d->msg[0] = '\0';
    if (cmd == CMD_SUBMIT) {
        if (d->result->accepted <= 0)
            return;
        if (!d->form_ready) {
            import_form_init(&d->form, d->provider, d->path);
            d->form_ready = true;
            /* the zone where the contacts are, not the machine's */
            char zone[SCHEDULE_ZONE_MAX], why[200];
            import_review_census(d->result, &d->census);
            if (import_review_default_zone(&d->census, d->region, zone, sizeof zone, why,
                                           sizeof why)) {
                snprintf(d->form.value[IF_TZ], IMPORT_FORM_VALUE_LEN, "%s", zone);
                snprintf(d->form.msg, sizeof d->form.msg, "timezone: %s", why);
            }
        }
        d->step = STEP_SETTINGS;
    } else if (move_reject_cursor(d, cmd)) {
        /* moved */
    } else if (cmd == CMD_WRITE_REJECTS && d->result->nrejections > 0) {
        export_rejects(d);
    } else if (cmd == CMD_BACK) {
        d->step = STEP_PREVIEW;
    }
}

static bool review_fn(void *ud, upload_settings_t *s, import_review_t *v)
{
    return dlg_import_review_of(ud, s, v);
}

/* Enter creates; anything else goes back. A duplicate asks first. */
static void key_review(imp_dlg_t *d, keymap_cmd_t cmd)
{
    switch (dlg_create_review_key(&d->asking, cmd, review_fn, d)) {
    case DLG_CREATE_UPLOAD: start_upload(d); break;
    case DLG_CREATE_BACK: d->step = STEP_SETTINGS; break;
    case DLG_CREATE_WAIT: break;
    }
}

/* The keymap of each step (keymap.h): a path typed, how to read the file,
 * the rejected rows, the settings form, the review's answer. */
static unsigned import_scope(void *ud)
{
    const imp_dlg_t *d = ud;
    switch (d->step) {
    case STEP_PATH: return MODAL_BIT_PICK;
    case STEP_READING:
    case STEP_FAILED:
    case STEP_PREVIEW: return MODAL_BIT_PREVIEW;
    case STEP_REPORT: return MODAL_BIT_LIST;
    case STEP_SETTINGS: return MODAL_BIT_FORM;
    default: return MODAL_BIT_CONFIRM;
    }
}

static bool import_command(app_t *app, keymap_cmd_t cmd, int key, void *ud)
{
    imp_dlg_t *d = ud;
    app_dirty(app);
    if (d->step == STEP_UPLOAD) {
        if (cmd == CMD_CANCEL)
            snprintf(d->msg, sizeof d->msg, "the campaign is being created; it cannot be "
                                            "stopped half-way");
        return true;
    }
    if (d->step == STEP_DONE) {
        /* refused by the provider, so nothing exists: fix and try again */
        const upload_outcome_t *o = upload_outcome(d->upload);
        if (cmd == CMD_SUBMIT && !o->confirmed && upload_safe_to_retry(o)) {
            upload_free(d->upload);
            d->upload = NULL;
            d->step = STEP_SETTINGS;
            return true;
        }
        return false;
    }
    if (cmd == CMD_CANCEL) {
        app_flash(app, POLLER_SEV_OK, "import: closed, nothing uploaded");
        return false;
    }
    switch (d->step) {
    case STEP_PATH: key_path(d, cmd, key); break;
    case STEP_READING:
        /* typed ahead of a read: the newest choice wins, the read under
         * way is dropped */
        change_option(d, cmd);
        break;
    case STEP_FAILED:
        if (cmd == CMD_SUBMIT || cmd == CMD_BACK)
            d->step = STEP_PATH;
        else
            change_option(d, cmd);
        break;
    case STEP_PREVIEW: key_preview(d, cmd); break;
    case STEP_REPORT: key_report(d, cmd); break;
    case STEP_SETTINGS:
        if (cmd == CMD_SUBMIT)
            open_review(d);
        else
            import_form_command(&d->form, cmd, key);
        break;
    case STEP_REVIEW: key_review(d, cmd); break;
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
    .scope = MODAL_BIT_PICK,
    .scope_now = import_scope,
    .command = import_command,
    .draw = dlg_import_draw,
    .close = import_close,
    .tick = import_tick,
};

void dlg_import_open(app_t *app, const app_target_t *target)
{
    if (!target->client || !target->profile) {
        app_flash(app, POLLER_SEV_WARN, "import: no provider connection to create it on");
        return;
    }
    memset(&dlg, 0, sizeof dlg);
    dlg.app = app;
    set_target(&dlg, target);
    dlg.phone_index = -1;
    app_modal_open(app, &import_modal, &dlg);
}
