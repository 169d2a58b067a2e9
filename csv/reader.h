/* Streaming CSV record reader on libcsv (strict mode).
 *
 * Reads a file or buffer in chunks, decodes it to UTF-8 (encoding.h),
 * detects the delimiter, and hands each record to a callback with the
 * PHYSICAL line where it starts: line breaks inside quoted fields count,
 * CRLF, LF and CR-only ends are all one break. Blank lines (nothing, only
 * spaces, or only empty fields such as ",,,") are skipped and counted.
 *
 * Faults inside a record (invalid UTF-8, a NUL byte, a field over the size
 * limit) are reported on the record, for the caller to reject that row.
 * Faults that make the rest of the file unreadable stop the run: a file
 * that is not text, malformed quoting, an unterminated quote (found at
 * end of input, or as soon as one quoted field runs past
 * READER_RUNAWAY_FACTOR times the field limit (at least 1 MiB), so a stray quote never
 * swallows the rest of a large file). Unquoted fields lose leading and
 * trailing spaces and tabs (libcsv's behaviour); quoted ones keep them. */
#ifndef DIALTOP_READER_H
#define DIALTOP_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "encoding.h"

#define READER_DEFAULT_FIELD_BYTES (64u * 1024u)
#define READER_RUNAWAY_FACTOR 16u
#define READER_NO_FAULT ((size_t)-1)
/* Fields kept past the first record's count (with max_fields_from_first):
 * enough to show an unquoted delimiter or two in the rejects file. */
#define READER_FIELD_SLACK 16u

typedef struct {
    char delimiter;          /* 0: detect among , ; TAB | */
    bool encoding_forced;    /* use `encoding` for a file without a BOM */
    encoding_t encoding;     /* a BOM always wins over this */
    size_t max_field_bytes;  /* 0: READER_DEFAULT_FIELD_BYTES */
    /* Fields of a record past this many are counted (dropped_fields) but
     * not stored, so one row of a million commas costs no more memory than
     * a normal one. 0: no cap. With max_fields_from_first, every record
     * after the first (the header) is capped at the first one's count plus
     * READER_FIELD_SLACK (and at max_fields when that is lower). */
    size_t max_fields;
    bool max_fields_from_first;
    /* The number of the input's first line; 0 or less: 1. For an input
     * cut from a larger file, so its lines are the file's (and for the
     * tests of what happens past 2^32 lines, which no test can write). */
    long first_line;
    /* Called after each chunk; return false to cancel the run. */
    bool (*progress)(void *ctx, unsigned long long done, unsigned long long total);
    void *progress_ctx;
    /* Called with progress_ctx once a chunk's records were all handed on,
     * before its buffer is reused or freed: also when the run stops inside
     * the chunk, and always before `progress`. A caller that kept stable
     * records (reader_record_t.stable) finishes with them here. Return
     * false to stop the run (READER_ERR_STOPPED). May be NULL: then no
     * record is stable. */
    bool (*chunk_end)(void *ctx);
} reader_options_t;

typedef struct {
    size_t field;            /* 0-based field index, READER_NO_FAULT when none */
    size_t offset;           /* byte offset of the fault inside the field */
    long line;               /* physical line of the faulty byte */
} reader_fault_t;

typedef struct {
    long line;               /* physical line where the record starts (1-based) */
    size_t nfields;          /* fields stored (see dropped_fields) */
    size_t dropped_fields;   /* fields past the cap: counted, not stored */
    char *const *fields;     /* NUL-terminated copies, valid during the callback */
    const size_t *lens;      /* a field may hold a NUL byte: use the length */
    reader_fault_t bad_utf8; /* first invalid UTF-8 byte */
    reader_fault_t nul;      /* first NUL byte */
    reader_fault_t too_long; /* first field over max_field_bytes */
    /* The field bytes lie in the chunk buffer and stay valid, unchanged,
     * until chunk_end returns (the fields and lens arrays do not: they are
     * reused by the next record). Lets a caller put off deciding about a
     * record for a while without copying its cells. */
    bool stable;
} reader_record_t;

typedef enum {
    READER_OK,
    READER_ERR_IO,           /* cannot open or read */
    READER_ERR_NOT_TEXT,     /* binary, UTF-16 without BOM, ... */
    READER_ERR_QUOTE,        /* malformed or unterminated quoting */
    READER_ERR_NOMEM,
    READER_ERR_STOPPED,      /* the record callback returned false */
    READER_ERR_CANCELLED,    /* the progress callback returned false */
} reader_status_t;

typedef struct {
    encoding_t encoding;     /* what was decoded */
    bool bom;                /* a byte-order mark was present */
    char delimiter;
    bool delimiter_detected; /* false when given in the options */
    long blank_lines;
    long records;            /* records handed to the callback */
    unsigned long long bytes;/* input bytes read */
    long error_line;         /* for READER_ERR_QUOTE, 0 otherwise */
    char error[320];         /* sentence for any error status */
} reader_info_t;

/* Returns false to stop the run (READER_ERR_STOPPED). */
typedef bool (*reader_record_fn)(void *ctx, const reader_record_t *rec);

reader_status_t reader_run_file(const char *path, const reader_options_t *opt,
                                reader_record_fn fn, void *ctx, reader_info_t *info);
reader_status_t reader_run_buffer(const void *data, size_t len, const reader_options_t *opt,
                                  reader_record_fn fn, void *ctx, reader_info_t *info);

/* Picks the delimiter among , ; TAB | that splits the first lines of
 * `text` (UTF-8, quotes respected) into the most consistent number of
 * fields. Returns ',' when none splits anything. */
char reader_detect_delimiter(const char *text, size_t len);

#endif
