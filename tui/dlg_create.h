/* The last steps every dialog that creates a campaign shares (the import,
 * i, and the follow-up, F): the settings form, then the review, answered
 * with Enter, or with y when the review asks first (a duplicate name, a
 * start outside the calling hours). Owns how those two steps are drawn
 * and how the review's answer is read, so both dialogs say and do the
 * same; each dialog keeps its own state and upload. */
#ifndef DIALTOP_DLG_CREATE_H
#define DIALTOP_DLG_CREATE_H

#include <stdbool.h>

#include "dlg_box.h"
#include "dlg_hint.h"
#include "import_form.h"
#include "import_review.h"
#include "keymap.h"

/* The settings step below the dialog's own heading: a blank line, the
 * form, its key line (`hint`: what Esc leaves behind differs) and the
 * form's message. */
void dlg_create_settings_lines(dlg_lines_t *l, const import_form_t *form, dlg_hint_id_t hint);

/* The review step: the review of `v` (NULL when the settings could not be
 * read: then `why`), and its key line, the question when `asking`. */
void dlg_create_review_lines(dlg_lines_t *l, const import_review_t *v, const char *why,
                             bool asking, int width);

/* Fills *v (and its settings *s) for the review; false when the form's
 * settings do not read (the form says why). */
typedef bool (*dlg_create_review_fn)(void *ud, upload_settings_t *s, import_review_t *v);

typedef enum {
    DLG_CREATE_WAIT,     /* asked: the next key answers */
    DLG_CREATE_BACK,     /* back to the settings */
    DLG_CREATE_UPLOAD,   /* create it now */
} dlg_create_next_t;

/* A key on the review: Enter creates, or asks first when the review says
 * so, and then only y creates; any other key goes back to the settings.
 * `*asking` is the dialog's own flag. */
dlg_create_next_t dlg_create_review_key(bool *asking, keymap_cmd_t cmd,
                                        dlg_create_review_fn review, void *ud);

#endif
