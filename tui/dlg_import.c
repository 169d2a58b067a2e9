/* The import screen (`i`): file path (Tab completes), the validation
 * report, the campaign settings, then Create with a progress bar. The
 * file is read and checked by csv/import, the settings by api/upload
 * before anything is sent; Esc at any step before Create closes it with
 * nothing uploaded. Once Create is pressed the request is out, so Esc is
 * refused while contacts are uploading (cancelling half-way would leave a
 * campaign with part of its list). */
#include <curses.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "actions_ui.h"
#include "dlg_box.h"
#include "phone.h"
#include "theme.h"
#include "ui.h"
#include "upload.h"

#define KEY_CTRL_U 21
#define KEY_ESC 27
#define PATH_MAX_LEN 1024
#define FIELD_LEN 128
#define SHOWN_REJECTS 5

typedef enum { STEP_PATH, STEP_REPORT, STEP_SETTINGS, STEP_UPLOAD, STEP_DONE } step_t;
typedef enum { F_NAME, F_AT, F_TZ, F_CONC, F_PHONE_ID, F_COUNT } field_t;

static const char *const field_label[F_COUNT] = {
    "name", "start (empty = now, or YYYY-MM-DD HH:MM)", "timezone", "concurrency (empty = default)",
    "caller number id (OmniDimension)"};

typedef struct {
    app_t *app;
    step_t step;
    provider_t provider;
    client_t *client;
    char region[8];
    char path[PATH_MAX_LEN];
    char fields[F_COUNT][FIELD_LEN];
    int focus;
    char msg[512];                  /* why the last Enter was refused */
    import_result_t *result;
    upload_t *upload;
} imp_dlg_t;

static imp_dlg_t dlg;

/* --- path completion ------------------------------------------------------- */

/* Extends the path to the longest prefix shared by every matching entry of
 * its directory; a single directory match gets its '/'. */
static void complete_path(imp_dlg_t *d)
{
    char dir[PATH_MAX_LEN], *slash = strrchr(d->path, '/');
    const char *base = slash ? slash + 1 : d->path;
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - d->path + 1), d->path);
    else
        snprintf(dir, sizeof dir, "./");
    DIR *dp = opendir(dir);
    if (!dp) {
        snprintf(d->msg, sizeof d->msg, "no such directory");
        return;
    }
    size_t blen = strlen(base), common = 0, matches = 0;
    char best[256] = "";
    bool best_dir = false;
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (strncmp(e->d_name, base, blen) != 0 || strcmp(e->d_name, ".") == 0 ||
            strcmp(e->d_name, "..") == 0 || (e->d_name[0] == '.' && blen == 0))
            continue;
        if (matches++ == 0) {
            snprintf(best, sizeof best, "%s", e->d_name);
            common = strlen(best);
            best_dir = e->d_type == DT_DIR;
        } else {
            size_t k = 0;
            while (k < common && best[k] == e->d_name[k])
                k++;
            common = k;
        }
    }
    closedir(dp);
    if (matches == 0) {
        snprintf(d->msg, sizeof d->msg, "no file starts with that");
        return;
    }
    d->msg[0] = '\0';
    size_t keep = (size_t)(base - d->path);
    snprintf(d->path + keep, sizeof d->path - keep, "%.*s%s", (int)common, best,
             matches == 1 && best_dir ? "/" : "");
}

/* --- steps ------------------------------------------------------------------ */

static void read_file(imp_dlg_t *d)
{
    import_options_t opt;
    import_options_init(&opt);
    if (d->region[0])
        opt.region = d->region;
    import_error_t err;
    import_result_t *r = import_file(d->path, &opt, &err);
    if (!r) {
        snprintf(d->msg, sizeof d->msg, "import stopped, nothing imported: %s", err.message);
        return;
    }
    d->result = r;
    d->msg[0] = '\0';
    d->step = STEP_REPORT;
}

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
    upload_settings_init(&s);
    s.name = d->fields[F_NAME];
    s.at = d->fields[F_AT][0] ? d->fields[F_AT] : NULL;
    s.tz = s.at && d->fields[F_TZ][0] ? d->fields[F_TZ] : NULL;
    s.concurrency = atoi(d->fields[F_CONC]);
    if (d->fields[F_CONC][0] && (s.concurrency < 1 || s.concurrency > 1000)) {
        snprintf(d->msg, sizeof d->msg, "concurrency must be 1 to 1000, or empty");
        return;
    }
    s.phone_number_id = d->fields[F_PHONE_ID][0] ? d->fields[F_PHONE_ID] : NULL;
    char reason[UPLOAD_REASON_MAX];
    if (!upload_check(d->provider, &s, time(NULL), reason, sizeof reason)) {
        snprintf(d->msg, sizeof d->msg, "%s", reason);
        return;
    }
    d->upload = upload_start(d->client, d->result, &s, reason, sizeof reason);
    if (!d->upload) {
        snprintf(d->msg, sizeof d->msg, "%s", reason);
        return;
    }
    d->msg[0] = '\0';
    d->step = STEP_UPLOAD;
    upload_on_finish(d->upload, on_upload_done, d);
}

/* --- keys ------------------------------------------------------------------- */

static bool edit_text(char *buf, size_t cap, int key)
{
    size_t n = strlen(buf);
    if (key == KEY_BACKSPACE || key == 127 || key == 8) {
        if (n > 0)
            buf[n - 1] = '\0';
    } else if (key == KEY_CTRL_U) {
        buf[0] = '\0';
    } else if (key >= ' ' && key <= '~' && n + 1 < cap) {
        buf[n] = (char)key;
        buf[n + 1] = '\0';
    } else {
        return false;
    }
    return true;
}

static int fields_shown(const imp_dlg_t *d)
{
    return d->provider == PROVIDER_OMNIDIM ? F_COUNT : F_PHONE_ID;
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
    if (d->step == STEP_DONE)
        return false;
    if (key == KEY_ESC) {
        app_flash(app, POLLER_SEV_OK, "import: closed, nothing uploaded");
        return false;
    }
    switch (d->step) {
    case STEP_PATH:
        if (key == '\t')
            complete_path(d);
        else if (enter && d->path[0])
            read_file(d);
        else
            edit_text(d->path, sizeof d->path, key);
        break;
    case STEP_REPORT:
        if (enter && d->result->accepted > 0)
            d->step = STEP_SETTINGS;
        break;
    case STEP_SETTINGS:
        if (enter) {
            start_upload(d);
        } else if (key == '\t' || key == KEY_DOWN) {
            d->focus = (d->focus + 1) % fields_shown(d);
        } else if (key == KEY_BTAB || key == KEY_UP) {
            d->focus = (d->focus + fields_shown(d) - 1) % fields_shown(d);
        } else {
            edit_text(d->fields[d->focus], FIELD_LEN, key);
        }
        break;
    default:
        break;
    }
    return true;
}

/* --- drawing ---------------------------------------------------------------- */

static const char *delimiter_label(char c)
{
    switch (c) {
    case ',': return "comma";
    case ';': return "semicolon";
    case '\t': return "tab";
    case '|': return "pipe";
    default: return "?";
    }
}

static void lines_report(const imp_dlg_t *d, dlg_lines_t *l)
{
    const import_result_t *r = d->result;
    attr_t dim = theme_attr(ROLE_DIM);
    dlg_lines_add(l, A_NORMAL, "file       %s", d->path);
    dlg_lines_add(l, A_NORMAL, "encoding   %s%s, delimiter %s%s", encoding_name(r->encoding),
                  r->bom ? " (BOM)" : "", delimiter_label(r->delimiter),
                  r->delimiter_detected ? " (detected)" : "");
    dlg_lines_add(l, A_NORMAL, "phone      column %zu \"%s\", region %s", r->phone_index + 1,
                  r->columns[r->phone_index], r->region);
    dlg_lines_add(l, A_BOLD, "rows read  %ld = %ld accepted + %ld rejected", r->rows_read,
                  r->accepted, r->rejected);
    if (r->rejected) {
        char by[256] = "";
        size_t o = 0;
        for (int c = 0; c < IMPORT_CODE_COUNT && o < sizeof by; c++)
            if (r->by_code[c])
                o += (size_t)snprintf(by + o, sizeof by - o, " %s %ld",
                                      import_code_name((import_code_t)c), r->by_code[c]);
        dlg_lines_add(l, theme_attr(ROLE_STATUS_WARN), "rejected  %s (not uploaded)", by);
        size_t shown = r->nrejections < SHOWN_REJECTS ? r->nrejections : SHOWN_REJECTS;
        for (size_t i = 0; i < shown; i++)
            dlg_lines_add(l, dim, "  line %ld: %s: %s", r->rejections[i].line,
                          import_code_name(r->rejections[i].code), r->rejections[i].message);
        if (shown < r->nrejections)
            dlg_lines_add(l, dim, "  ... and %zu more", r->nrejections - shown);
    }
}

static void import_draw(app_t *app, void *ud)
{
    imp_dlg_t *d = ud;
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
    case STEP_REPORT:
        lines_report(d, &l);
        dlg_lines_add(&l, A_NORMAL, "%s", "");
        if (d->result->accepted > 0)
            dlg_lines_add(&l, key, "Enter settings (uploads the %ld accepted)  Esc close",
                          d->result->accepted);
        else
            dlg_lines_add(&l, key, "no contact accepted, nothing to upload  Esc close");
        break;
    case STEP_SETTINGS:
        dlg_lines_add(&l, A_NORMAL, "%ld contacts from %s", d->result->accepted, d->path);
        for (int f = 0; f < fields_shown(d); f++)
            dlg_lines_add(&l, f == d->focus ? A_REVERSE : A_NORMAL, "%s: %s%s", field_label[f],
                          d->fields[f], f == d->focus ? "_" : "");
        dlg_lines_add(&l, key, "Enter create  Tab/Up/Down field  Esc close, nothing uploaded");
        break;
    case STEP_UPLOAD:
    case STEP_DONE: {
        size_t done, total;
        upload_progress(d->upload, &done, &total);
        dlg_lines_add(&l, A_NORMAL, "campaign \"%s\": %zu of %zu contacts uploaded",
                      d->fields[F_NAME], done, total);
        if (d->step == STEP_UPLOAD) {
            dlg_lines_add(&l, A_NORMAL, "creating...");
            break;
        }
        const upload_outcome_t *o = upload_outcome(d->upload);
        if (o->confirmed)
            dlg_lines_add(&l, theme_attr(ROLE_STATUS_OK), "created campaign %s (%s), %zu contacts",
                          o->created.id, model_campaign_state_name(o->created.state),
                          o->contacts_sent);
        else if (o->has_created)
            dlg_lines_add(&l, theme_attr(ROLE_STATUS_ERROR),
                          "upload failed: campaign %s has only %zu of %zu contacts: %s",
                          o->created.id, o->contacts_sent, total, o->err.message);
        else
            dlg_lines_add(&l, theme_attr(ROLE_STATUS_ERROR), "upload failed, no campaign: %s",
                          o->err.message);
        if (o->audit_error[0])
            dlg_lines_add(&l, theme_attr(ROLE_STATUS_WARN), "%s", o->audit_error);
        dlg_lines_add(&l, key, "any key closes");
        break;
    }
    }
    if (d->msg[0])
        dlg_lines_add(&l, theme_attr(ROLE_STATUS_WARN), "%s", d->msg);
    dlg_box_draw(app, "import contacts", &l);
}

static void import_close(app_t *app, void *ud)
{
    (void)app;
    imp_dlg_t *d = ud;
    upload_free(d->upload);
    d->upload = NULL;
    import_result_free(d->result);
    d->result = NULL;
}

static const app_modal_t import_modal = {import_key, import_draw, import_close};

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
    if (target->profile->region && phone_region_find(target->profile->region))
        snprintf(dlg.region, sizeof dlg.region, "%s", target->profile->region);
    schedule_local_zone(dlg.fields[F_TZ], FIELD_LEN);
    app_modal_open(app, &import_modal, &dlg);
}
