/* Input text encodings for the contact importer.
 *
 * Everything past this module is UTF-8: a UTF-16 file (with byte-order
 * mark) or a Windows-1252 file is transcoded on the fly, chunk by chunk,
 * so a large file never has to be held in memory twice. Bytes that cannot
 * be decoded are not guessed at: they come out as an invalid UTF-8 byte
 * (0xFF) so the row holding them is rejected as invalid_utf8 with its line,
 * like any other undecodable byte. */
#ifndef DIALTOP_ENCODING_H
#define DIALTOP_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    ENCODING_UTF8,
    ENCODING_UTF16LE,
    ENCODING_UTF16BE,
    ENCODING_CP1252,
    ENCODING_COUNT
} encoding_t;

/* "utf-8", "utf-16le", "utf-16be", "cp1252" */
const char *encoding_name(encoding_t e);
/* Accepts the names above plus common spellings (utf8, windows-1252, ...),
 * case-insensitively. */
bool encoding_from_name(const char *s, encoding_t *out);

/* Looks for a byte-order mark at the start of `p`. Returns its length
 * (0 when none) and sets *out when one is found. */
size_t encoding_detect_bom(const unsigned char *p, size_t n, encoding_t *out);

/* Decides whether the start of a file is text at all. Returns false and
 * writes a sentence to `why` for a known binary signature (PNG, ZIP/XLSX,
 * PDF, ...), for NUL-heavy content, or for UTF-16 without a byte-order mark. */
bool encoding_sniff_text(const unsigned char *p, size_t n, char *why, size_t why_len);

/* Offset of the first byte that does not start a valid, shortest-form
 * UTF-8 sequence (no surrogates, nothing above U+10FFFF), or n when all
 * of p is valid. */
size_t encoding_utf8_invalid_at(const unsigned char *p, size_t n);

/* Streaming transcoder to UTF-8. UTF-8 input is passed through unchanged
 * (validation happens per field, where a line number is known). */
typedef struct {
    encoding_t enc;
    unsigned char pend[4]; /* code units split across chunk boundaries */
    size_t npend;
} encoding_decoder_t;

void encoding_decoder_init(encoding_decoder_t *d, encoding_t enc);
/* Worst-case output size for `n` input bytes. */
size_t encoding_decode_bound(size_t n);
/* Decodes `n` bytes into `out` (at least encoding_decode_bound(n) bytes);
 * returns the number of bytes written. */
size_t encoding_decode(encoding_decoder_t *d, const unsigned char *in, size_t n,
                       unsigned char *out);
/* Flushes a dangling code unit at end of input (written as 0xFF, see top).
 * `out` needs 4 bytes. Returns bytes written. */
size_t encoding_decode_finish(encoding_decoder_t *d, unsigned char *out);

#endif
