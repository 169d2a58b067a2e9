/* The campaign settings form of the import screen: one field per setting
 * the provider's create call takes (upload_offers), so an operator never
 * fills in something that would be dropped. Turns the text into an
 * upload_settings_t with the same parsers and checks as `dialtop import`,
 * so both refuse the same things with the same words. */
#ifndef DIALTOP_IMPORT_FORM_H
#define DIALTOP_IMPORT_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "dlg_box.h"
#include "keymap.h"
#include "model.h"
#include "schedule.h"
#include "upload.h"

#define IMPORT_FORM_VALUE_LEN 128

typedef enum {
    IF_NAME,
    IF_AT,
    IF_TZ,
    IF_CONCURRENCY,
    IF_RETRY_LIMIT,
    IF_RETRY_WHEN,
    IF_HOURS,
    IF_DAYS,
    IF_DAILY_CAP,
    IF_CALLER_ID,
    IF_AGENT_ID,
    IF_COUNT
} import_field_t;

typedef struct {
    provider_t provider;
    char value[IF_COUNT][IMPORT_FORM_VALUE_LEN];
    import_field_t shown[IF_COUNT];
    size_t nshown;
    size_t focus;                 /* index into shown */
    schedule_zones_t *zones;      /* for Tab on the timezone; may be NULL */
    char msg[UPLOAD_REASON_MAX + 64]; /* why the last Enter was refused, or a hint */
} import_form_t;

/* `file_path` gives the default campaign name (its base name, made to fit
 * the provider's name rule). */
void import_form_init(import_form_t *f, provider_t p, const char *file_path);
void import_form_free(import_form_t *f);

/* Editing and moving: `cmd` is what the key means in a form's scope
 * (MODAL_BIT_FORM: Tab completes the timezone or moves on, Up/Down and
 * S-Tab move), CMD_NONE for text (^U clears). False when neither is the
 * form's (Enter, Esc). */
bool import_form_command(import_form_t *f, keymap_cmd_t cmd, int key);

/* The settings as typed, checked (upload_check included). False with
 * f->msg set and the focus on the field at fault when it is known.
 * The strings in `out` point into the form. */
bool import_form_settings(import_form_t *f, time_t now, upload_settings_t *out);

/* The fields, the focused one marked, with a hint line for it and the
 * start time previewed in the operator's zone. */
void import_form_lines(const import_form_t *f, time_t now, dlg_lines_t *l);

import_field_t import_form_focused(const import_form_t *f);

#endif
