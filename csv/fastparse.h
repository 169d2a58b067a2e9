/* A fast path in front of libcsv's csv_parse() for the records contact
 * lists are made of: unquoted fields, and quoted ones closed cleanly.
 *
 * fastparse_feed() is a drop-in for csv_parse() on the same parser: the
 * callbacks get exactly the fields and row ends libcsv would give them
 * (same bytes, lengths and row characters, in the same order, wherever the
 * chunk boundaries fall) and it returns what csv_parse() would. A record
 * it cannot take whole (a quote inside an unquoted field or text after a
 * closing one, a record that runs past the end of the chunk, more than
 * FASTPARSE_MAX_FIELDS fields, a parser set up with space or line-end
 * functions) goes to csv_parse() from its
 * first byte up to a line end, so libcsv still decides everything unusual,
 * its errors included. tests/fuzz/fuzz_fastparse.c holds the two against
 * each other on any bytes, cut into chunks at random.
 *
 * Fields taken by the fast path are handed on IN PLACE, pointing into the
 * caller's buffer, with no copy; with CSV_APPEND_NULL the byte after such
 * a field (its delimiter, line end, closing quote or a trailing blank, all
 * already read) is overwritten with a NUL, as libcsv's own buffer ends each
 * field with one, and a doubled quote inside a quoted field is compacted
 * to one where it stands. So the buffer must be writable and is changed
 * (only in the records handed on in place). `in_place` tells a
 * field callback which kind it got: true, the field lives in the buffer
 * until the caller reuses it; false, in libcsv's buffer, valid only during
 * the callback.
 *
 * Owns nothing: the caller owns the parser (csv_init, csv_fini, csv_free)
 * and the buffer. */
#ifndef DIALTOP_FASTPARSE_H
#define DIALTOP_FASTPARSE_H

#include <csv.h>
#include <stdbool.h>
#include <stddef.h>

/* Fields of one record the fast path holds before handing them on; a wider
 * record goes to libcsv (a contact list has tens of columns). */
#define FASTPARSE_MAX_FIELDS 256

enum { FASTPARSE_PLAIN, FASTPARSE_QUOTED, FASTPARSE_ESCAPES };

typedef void (*fastparse_field_fn)(void *field, size_t len, void *ctx);
typedef void (*fastparse_row_fn)(int c, void *ctx);
/* A record the fast path took whole, handed on at once instead of one
 * on_field call per field and on_row: fields[k] and lens[k] for k < n are
 * what on_field would get, in the same order (in place, NULL where it would
 * get NULL), c what on_row would get. The two arrays are the fast path's,
 * valid during the call; plain_text and clean_text describe the record. */
typedef void (*fastparse_record_fn)(char *const *fields, const size_t *lens, size_t n, int c,
                                    void *ctx);

typedef struct {
    struct csv_parser *parser;
    bool in_place;          /* the field being handed on lies in the caller's buffer */
    /* With in_place: every byte of the record as read (its fields, quotes
     * and delimiters, not its row end) is printable ASCII, 0x20 to 0x7F:
     * no line break, tab, NUL or other control byte and no UTF-8 in any
     * of its fields. Found in one pass over the record, so that a caller
     * that checks each field's bytes can skip the record's fields. */
    bool plain_text;
    /* With in_place: no byte of the record as read is a CR, LF or NUL and
     * its bytes are valid UTF-8 (true whenever plain_text is). What the
     * reader's per-field checks look for, so such a record's fields need
     * none: names with accents are most of the rows plain_text misses. */
    bool clean_text;
    /* With in_place: no byte of the record as read is a NUL and its bytes
     * are valid UTF-8 (true whenever clean_text is): clean text but for
     * line breaks, which only a quoted field holds. line_breaks then
     * counts them (a CRLF once), so that a caller that numbers lines
     * need not look for them field by field. */
    bool valid_text;
    size_t line_breaks;
    /* Optional (NULL after fastparse_init): set it to have the records
     * the fast path takes whole handed on with one call each. Records
     * libcsv reads still go to on_field and on_row. */
    fastparse_record_fn on_record;
    size_t longest;         /* during on_record: its longest field's length (0: all empty) */

    /* what the byte tables were built for; rebuilt when the parser changes */
    unsigned char delim, quote, options;
    bool built, usable;
    unsigned char ends_field[256]; /* delimiter, CR, LF, quote */
    unsigned char blank[256];      /* space and tab, unless one is the delimiter */

    /* the record being read: where each field's bytes are, and whether
     * it was quoted (an empty quoted field is never NULL with
     * CSV_EMPTY_IS_NULL) or holds doubled quotes to compact */
    size_t starts[FASTPARSE_MAX_FIELDS], lens[FASTPARSE_MAX_FIELDS];
    unsigned char kind[FASTPARSE_MAX_FIELDS];
    char *fields[FASTPARSE_MAX_FIELDS]; /* for on_record */
} fastparse_t;

/* Binds to a parser set up with csv_init(); the delimiter, quote and
 * options may still change afterwards (each feed looks). */
void fastparse_init(fastparse_t *f, struct csv_parser *p);

/* csv_parse() over buf[0..len), writable. */
size_t fastparse_feed(fastparse_t *f, unsigned char *buf, size_t len,
                      fastparse_field_fn on_field, fastparse_row_fn on_row, void *ctx);

#endif
