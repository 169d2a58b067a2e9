/* Phone numbers to E.164 ("+" and 7 to 15 digits, the first 1-9, with an
 * ITU-assigned country code).
 *
 * Accepts what spreadsheets and CRMs produce: spaces, dots, dashes,
 * parentheses, a leading ' (spreadsheet text marker), "tel:", NBSP and
 * zero-width characters are removed; "+" or "00" (and "011" when the
 * default region is in the NANP) start an international number; anything
 * else is national and takes the default region's country code after its
 * trunk prefix is dropped (GB/IN/DE "0", NANP "1", RU "8", ...). A
 * national number that already starts with the region's country code and
 * is too long to be national (e.g. 919876543210 in IN) is read as
 * international. Numbers a spreadsheet has turned into floats
 * (1.4E+10, 5551234567.0) are refused as such: their digits are lost. */
#ifndef DIALTOP_PHONE_H
#define DIALTOP_PHONE_H

#include <stdbool.h>
#include <stddef.h>

#define PHONE_E164_SIZE 17 /* "+" + 15 digits + NUL */

typedef enum {
    PHONE_OK,
    PHONE_EMPTY,        /* nothing but separators */
    PHONE_SPREADSHEET,  /* scientific notation or a trailing .0 */
    PHONE_BAD_CHAR,     /* letters or other characters */
    PHONE_TOO_SHORT,
    PHONE_TOO_LONG,
    PHONE_BAD_COUNTRY,  /* no ITU country code, or a leading 0 after + */
    PHONE_BAD_LENGTH,   /* wrong number of digits for its country */
} phone_status_t;

typedef struct {
    const char *iso;    /* "GB" */
    int cc;             /* 44 */
    const char *trunk;  /* "0"; "" when the country has none */
    int nsn_min, nsn_max; /* digits after the country code */
} phone_region_t;

/* Case-insensitive ISO 3166 alpha-2 lookup; NULL when not in the table. */
const phone_region_t *phone_region_find(const char *iso);
/* The first region using this calling code (for length checks). */
const phone_region_t *phone_region_by_cc(int cc);
/* Comma-separated list of supported region codes, for help texts. */
const char *phone_region_list(void);

/* Is `cc` a country code assigned in ITU-T E.164? */
bool phone_cc_assigned(int cc);
/* Length (1-3) of the country code at the start of `digits`, 0 if none. */
int phone_cc_length(const char *digits, size_t n);

/* Normalises `in` (UTF-8, `len` bytes) into `out`. `region` may be NULL
 * (no national numbers then). `why`, when not NULL, receives a sentence
 * naming the fault. */
phone_status_t phone_normalize(const char *in, size_t len, const phone_region_t *region,
                               char out[PHONE_E164_SIZE], char *why, size_t why_len);

#endif
