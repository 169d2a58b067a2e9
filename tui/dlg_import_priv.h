/* What the import screen's two files share (dlg_import.c: steps and keys;
 * dlg_import_draw.c: drawing). Not for any other file. */
#ifndef DIALTOP_DLG_IMPORT_PRIV_H
#define DIALTOP_DLG_IMPORT_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "dlg_box.h"
#include "import.h"
#include "import_form.h"
#include "import_job.h"
#include "import_review.h"
#include "upload.h"
#include "upload_journal.h"

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
    STEP_REVIEW,
    STEP_UPLOAD,
    STEP_DONE
} step_t;

typedef struct {
    app_t *app;
    step_t step;
    provider_t provider;
    client_t *client;
    const config_profile_t *profile;
    size_t source;                /* the target profile's index in the console */
    char region[8];
    bool region_chosen;           /* r on the preview: the profile's no longer applies */
    import_census_t census;       /* where the accepted contacts are */
    uint64_t hash;                /* the file's content hash, when hash_ok */
    bool hash_ok;
    char journal[4096];           /* this file's upload journal for the profile, "" none */
    char imported_as[UPLOAD_JOURNAL_ID_MAX]; /* the file went there before: campaign id */
    char name_taken[128];         /* a listed campaign with the chosen name: its id */
    bool asking;                  /* the review asks before creating a duplicate */
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

/* The review of what the form now says; false (with the form's message)
 * when the settings no longer pass (a start time gone by). */
bool dlg_import_review_of(imp_dlg_t *d, upload_settings_t *s, import_review_t *v);
void dlg_import_draw(app_t *app, void *ud);

#endif
