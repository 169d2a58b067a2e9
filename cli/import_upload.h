/* The upload half of `dialtop import FILE` (without --dry-run): opens the
 * profile's client, runs api/upload.h to completion with progress on
 * stderr, and reports the campaign (human text on stdout, or fields added
 * to the --json report). */
#ifndef DIALTOP_IMPORT_UPLOAD_H
#define DIALTOP_IMPORT_UPLOAD_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "import.h"
#include "upload.h"

/* Returns the exit code: DIALTOP_EXIT_OK only when the backend confirmed
 * the campaign; DIALTOP_EXIT_FAILED on a backend or network failure;
 * DIALTOP_EXIT_USAGE when the client cannot be opened or the settings are
 * refused. `json` (may be NULL) receives an "upload" object instead of
 * the human lines. */
/* Points s->journal_path at the upload journal of `file` (its content)
 * for `profile` (buffer `path`), and with `resume` takes the campaign
 * name from it when none was given (buffer `name`). False with one line
 * on stderr when the file cannot be read or no state directory is known. */
bool import_upload_journal(const char *file, const config_profile_t *profile, bool resume,
                           upload_settings_t *s, char *path, size_t path_len, char *name,
                           size_t name_len);

int import_upload_run(const config_profile_t *profile, const import_result_t *r,
                      const upload_settings_t *s, cJSON *json);

#endif
