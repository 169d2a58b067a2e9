/* CSV exports an operator opens in a spreadsheet: the rejected rows of an
 * import (to fix and import again) and a campaign's contact statuses.
 *
 * Cells are quoted when they hold a comma, quote, line break or outer
 * space; a cell that begins with = + - @, a TAB or a CR gets a leading '
 * so a spreadsheet shows it as text instead of running it as a formula
 * (the importer strips that ' again from phone numbers). Rows end in CRLF.
 * Bytes that are not valid UTF-8 (and NULs) are written as U+FFFD so the
 * file itself is always clean UTF-8. */
#ifndef DIALTOP_EXPORT_H
#define DIALTOP_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "import.h"
#include "model.h"

/* Header: rejected_line, rejected_reason, then the original columns.
 * Each row: its physical line, "code: message", then its cells exactly as
 * read (a short row stays short, a long one keeps its extra cells), so the
 * operator fixes them and imports the file again (the importer ignores the
 * two rejected_* columns). Returns false on a write error. */
bool export_rejects_csv(FILE *out, const import_result_t *r);

/* Header: phone, state, raw_state, attempts, last_attempt (UTC ISO 8601),
 * duration_s, failure_reason, id, then every context variable key in order
 * of first appearance. Unknown numbers (-1 / 0 time) are empty cells. */
bool export_contacts_csv(FILE *out, const model_contact_t *contacts, size_t n);

/* Header: line, phone, type, extension, then the context columns. One row
 * per accepted contact, as it would be uploaded: the physical line, the
 * E.164 number (written '+... by the formula rule, which the importer
 * strips again), its type (phone_type_name) and extension. Returns false
 * on a write error. */
bool export_clean_csv(FILE *out, const import_result_t *r);

/* Creates `path` for writing, mode 0600, only when nothing exists there
 * (no file, no symlink). NULL with a sentence in `why` otherwise. */
FILE *export_open_new(const char *path, char *why, size_t why_len);

/* Writes one cell with the rules above (no delimiter, no line end). */
bool export_write_cell(FILE *out, const char *s, size_t len);

#endif
