/* Contact-list import: a CSV file in, accepted contacts and rejected rows
 * out, every input row accounted for (accepted + rejected = rows read;
 * blank lines are counted apart).
 *
 * Used by `dialtop import` (cli/cmd_import.c) and by the console's import
 * screen; the upload reads the accepted contacts from the result, one at a
 * time (import_result_contact / import_contact_to_model), so a chunked
 * upload (Sarvam: 1,000 a call) never builds a second copy of the list.
 *
 * Storage is compact (one arena for all cells, 12 bytes of index per
 * contact, about 17 bytes of dedupe set per number) so a 1,000,000-row
 * file fits in well under twice its size, and the file itself is
 * streamed, never held in memory whole. Lines are kept in 32 bits: a file
 * with a row past line 4,294,967,295 stops the import (IMPORT_ERR_LIMIT).
 *
 * Structural faults return NULL with an import_error_t and no result at
 * all: a file that cannot be read or is not text, malformed or
 * unterminated quoting, no header, no phone column, duplicate header names,
 * more columns or rows than the limits. Anything else is decided per row.
 *
 * Text that does not decode is decided per row when the file is text:
 * the row is rejected as invalid_utf8 with the physical line of the bad
 * byte, the column and the byte's place in the cell (nothing is replaced
 * or guessed; --encoding cp1252 reads Windows files). Only a file that is
 * not text at all (a binary signature such as PNG or XLSX, NUL-heavy
 * content, UTF-16 without a BOM) stops the import.
 *
 * Phones are decided by phone.h (libphonenumber): an extension split off
 * the number becomes the context variable `extension`, the number's type
 * is kept per contact and counted.
 *
 * Columns named rejected_line or rejected_reason are ignored, so the file
 * written by export_rejects_csv() can be fixed and imported again as is. */
#ifndef DIALTOP_IMPORT_H
#define DIALTOP_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "encoding.h"
#include "model.h"
#include "phone.h"

#define IMPORT_DEFAULT_MAX_ROWS 1000000L
#define IMPORT_DEFAULT_MAX_COLUMNS 200L
#define IMPORT_DEFAULT_MAX_FIELD_BYTES (64L * 1024L)
#define IMPORT_DEFAULT_REGION "US"
#define IMPORT_DEFAULT_PREVIEW 10

/* Rejection codes; their names (import_code_name) are the stable strings
 * used in reports, JSON and exports. */
typedef enum {
    IMPORT_INVALID_PHONE,
    IMPORT_MISSING_PHONE,
    IMPORT_DUPLICATE,
    IMPORT_TOO_MANY_FIELDS,
    IMPORT_TOO_FEW_FIELDS,
    IMPORT_FIELD_TOO_LONG,
    IMPORT_INVALID_UTF8,
    IMPORT_NUL_BYTE,
    IMPORT_NOT_IN_SERVICE,  /* the right length, in no number range of its country */
    IMPORT_WRONG_COUNTRY,   /* another country's number written without + */
    IMPORT_PREMIUM_RATE,    /* premium-rate or shared-cost (--allow-premium) */
    IMPORT_VANITY_LETTERS,  /* letters where the region does not dial letters */
    IMPORT_CODE_COUNT
} import_code_t;

/* Why an import stopped with no result. */
typedef enum {
    IMPORT_OK,
    IMPORT_ERR_OPTIONS,     /* bad option value (unknown region, ...) */
    IMPORT_ERR_IO,          /* cannot open or read the file */
    IMPORT_ERR_NOT_TEXT,    /* binary, UTF-16 without BOM, ... */
    IMPORT_ERR_QUOTE,       /* malformed or unterminated quoting */
    IMPORT_ERR_NO_HEADER,   /* empty file */
    IMPORT_ERR_HEADER,      /* duplicate column names */
    IMPORT_ERR_NO_PHONE,    /* no phone column */
    IMPORT_ERR_LIMIT,       /* more rows or columns than allowed */
    IMPORT_ERR_NOMEM,
    IMPORT_ERR_CANCELLED,   /* the progress callback said stop */
} import_status_t;

typedef struct {
    import_status_t status;
    long line;              /* physical line concerned, 0 when none */
    char message[384];
} import_error_t;

typedef struct {
    char delimiter;             /* 0: detect among , ; TAB | */
    bool encoding_forced;       /* false: UTF-8 unless a BOM says otherwise */
    encoding_t encoding;        /* ENCODING_CP1252 for Windows-1252 files */
    const char *phone_column;   /* NULL: detect (case-insensitive) */
    long phone_index;           /* >= 0: this 0-based column is the phone column, whatever
                                   its name (the console picks one when none is recognised);
                                   -1: phone_column or detection */
    const char *region;         /* ISO code for national numbers; NULL: "US" */
    bool allow_premium;         /* accept premium-rate and shared-cost numbers */
    long max_rows;              /* data rows; 0: IMPORT_DEFAULT_MAX_ROWS */
    long max_columns;           /* 0: IMPORT_DEFAULT_MAX_COLUMNS */
    long max_field_bytes;       /* 0: IMPORT_DEFAULT_MAX_FIELD_BYTES */
    size_t preview_rows;        /* data rows kept raw for a preview */
    long first_line;            /* the number of the input's first line; 0 or less: 1 (an input
                                   cut from a larger file keeps that file's lines) */
    /* Accepted rows are decided, counted and typed but not stored (a dry
     * run that writes no clean list): import_result_contact() then has no
     * contact to give (import_result_has_contacts() is false). Rejections
     * and the preview are kept as usual. */
    bool count_only;
    /* Called after each chunk read (bytes so far, file size); return false
     * to cancel (IMPORT_ERR_CANCELLED). May be NULL. */
    bool (*progress)(void *ctx, unsigned long long done, unsigned long long total);
    void *progress_ctx;
} import_options_t;

/* One input row as it was read (cells are NUL-terminated copies). */
typedef struct {
    long line;                  /* physical line where the row starts */
    size_t ncells;
    const char *const *cells;
    const size_t *lens;
} import_row_t;

typedef struct {
    long line;                  /* physical line of the fault */
    size_t column;              /* 1-based field, 0 when the whole row */
    const char *column_name;    /* header name, NULL when beyond the header */
    import_code_t code;
    const char *message;        /* one sentence, includes the cell when useful */
    long first_line;            /* IMPORT_DUPLICATE: line of the kept row */
    import_row_t row;           /* the original cells, for export */
} import_rejection_t;

typedef struct {
    long line;                  /* preview: the row's line */
    bool accepted;
    import_code_t code;         /* when !accepted */
    phone_type_t type;          /* the number's type when it was a valid number (also when
                                   refused as premium_rate or duplicate), else unknown */
    import_row_t row;
} import_preview_t;

typedef struct import_store import_store_t; /* private */

typedef struct {
    /* what was read and how */
    encoding_t encoding;
    bool bom;
    char delimiter;
    bool delimiter_detected;
    char region[3];
    size_t ncolumns;
    const char *const *columns; /* header names, as written (trimmed) */
    size_t phone_index;         /* 0-based index of the phone column */
    bool phone_detected;        /* false when named in the options */

    /* accounting: accepted + rejected == rows_read */
    long rows_read;
    long accepted;
    long rejected;
    long blank_lines;
    long by_code[IMPORT_CODE_COUNT];
    long by_type[PHONE_TYPE_COUNT]; /* accepted numbers by type */
    const char *extension_var;  /* the context variable extensions go to ("extension",
                                   or "phone_extension" when the file has an extension
                                   column) */

    size_t nrejections;
    const import_rejection_t *rejections; /* in file order */
    size_t npreview;
    const import_preview_t *preview;

    import_store_t *store;
} import_result_t;

/* An accepted contact; pointers stay valid until import_result_free. */
typedef struct {
    const char *phone;          /* E.164 */
    phone_type_t type;
    long line;
    const char *cells_;         /* private: packed variable cells */
} import_contact_t;

void import_options_init(import_options_t *o);

import_result_t *import_file(const char *path, const import_options_t *opt, import_error_t *err);
import_result_t *import_buffer(const void *data, size_t len, const import_options_t *opt,
                               import_error_t *err);
void import_result_free(import_result_t *r);

const char *import_code_name(import_code_t c);       /* "invalid_phone" */
const char *import_status_name(import_status_t s);   /* "no_phone_column" */
/* "comma", "semicolon", "tab", "pipe"; "?" for anything else */
const char *import_delimiter_name(char delimiter);

/* False when the import ran with count_only: the accepted rows were
 * counted, not kept. */
bool import_result_has_contacts(const import_result_t *r);
/* Accepted contact i (0 <= i < accepted), in file order; only when
 * import_result_has_contacts(). */
void import_result_contact(const import_result_t *r, size_t i, import_contact_t *out);
/* Walks the contact's context variables in column order, skipping empty
 * cells:
 *     import_var_iter_t it = import_contact_vars(r, &c);
 *     while (import_var_next(r, &it, &key, &value)) ...            */
typedef struct {
    const char *next_;
    size_t index_;
} import_var_iter_t;
import_var_iter_t import_contact_vars(const import_result_t *r, const import_contact_t *c);
bool import_var_next(const import_result_t *r, import_var_iter_t *it, const char **key,
                     const char **value);
/* Number of non-empty variables of contact c. */
size_t import_contact_var_count(const import_result_t *r, const import_contact_t *c);
/* Fills a model_contact_t (phone, vars; state pending) for the upload.
 * Free it with model_contact_free. False when out of memory. */
bool import_contact_to_model(const import_result_t *r, size_t i, model_contact_t *out);

#endif
