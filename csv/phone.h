/* Phone numbers as the carriers see them: E.164 from libphonenumber's
 * metadata (through phonelib.h), with dialtop's rules on top.
 *
 * Accepts what spreadsheets and CRMs produce: spaces, dots, dashes,
 * parentheses, a leading ' (spreadsheet text marker), "tel:", NBSP and
 * zero-width characters. Everything else is the library's: each region's
 * own international prefix (AU 0011, JP 010, SG 001, KE 000, BR 0021, NG
 * 009: "00" and "011" are not special elsewhere) and trunk prefix, the
 * country code written without +, extensions ("x305", "ext. 22", "#22"),
 * and the number ranges of each country. A number is accepted only when
 * it lies in a range of its country (its type is known), and the E.164 is
 * the library's.
 *
 * dialtop's own rules:
 *   - a number that is not valid as written for the region but is a valid
 *     number of another country once a + is put in front ("923418040123"
 *     in NG) is refused, not guessed: "looks like a +92 number; write it
 *     with +";
 *   - letters are dialled only in regions whose convention it is (the
 *     vanity table in phone.c) and only when the result is valid;
 *   - premium-rate and shared-cost numbers are refused unless
 *     PHONE_ALLOW_PREMIUM;
 *   - numbers a spreadsheet turned into floats (1.4E+10, 5551234567.0)
 *     are refused as such: their digits are lost. */
#ifndef DIALTOP_PHONE_H
#define DIALTOP_PHONE_H

#include <stdbool.h>
#include <stddef.h>

#define PHONE_E164_SIZE 17 /* "+" + 15 digits + NUL */
#define PHONE_EXT_SIZE 24

typedef enum {
    PHONE_OK,
    PHONE_EMPTY,        /* nothing but separators */
    PHONE_SPREADSHEET,  /* scientific notation or a trailing .0 */
    PHONE_BAD_CHAR,     /* not a phone number at all */
    PHONE_TOO_SHORT,
    PHONE_TOO_LONG,
    PHONE_BAD_COUNTRY,  /* no such country code, or none and no region */
    PHONE_BAD_LENGTH,   /* a length no number of its country has */
    PHONE_NOT_IN_USE,   /* the length is right but no number range holds it */
    PHONE_WRONG_COUNTRY,/* another country's number written without + */
    PHONE_PREMIUM,      /* premium rate or shared cost, not allowed */
    PHONE_VANITY,       /* letters where the region does not dial letters */
} phone_status_t;

/* Same order as libphonenumber's number types. */
typedef enum {
    PHONE_TYPE_FIXED_LINE,
    PHONE_TYPE_MOBILE,
    PHONE_TYPE_FIXED_OR_MOBILE,
    PHONE_TYPE_TOLL_FREE,
    PHONE_TYPE_PREMIUM_RATE,
    PHONE_TYPE_SHARED_COST,
    PHONE_TYPE_VOIP,
    PHONE_TYPE_PERSONAL,
    PHONE_TYPE_PAGER,
    PHONE_TYPE_UAN,
    PHONE_TYPE_VOICEMAIL,
    PHONE_TYPE_UNKNOWN,
    PHONE_TYPE_COUNT
} phone_type_t;

typedef struct {
    char iso[3];        /* "GB" */
    int cc;             /* 44 */
    bool vanity;        /* letters on the keypad are dialled here (1-800-FLOWERS) */
} phone_region_t;

typedef struct {
    char e164[PHONE_E164_SIZE];
    char ext[PHONE_EXT_SIZE];   /* "" when none */
    phone_type_t type;
} phone_number_t;

#define PHONE_ALLOW_PREMIUM 1u /* flags for phone_normalize */

/* Case-insensitive ISO 3166 alpha-2 lookup among the regions the
 * metadata knows; NULL when unknown. */
const phone_region_t *phone_region_find(const char *iso);
/* Comma-separated list of supported region codes, for help texts. */
const char *phone_region_list(void);

/* "fixed_line", "mobile", "toll_free", "premium_rate", ... */
const char *phone_type_name(phone_type_t t);

/* Normalises `in` (UTF-8, `len` bytes) into `out` (zeroed on failure,
 * its type still set when the number was valid but refused). `region`
 * may be NULL (only international forms then). `why`, when not NULL,
 * receives a sentence naming the fault. */
phone_status_t phone_normalize(const char *in, size_t len, const phone_region_t *region,
                               unsigned flags, phone_number_t *out, char *why, size_t why_len);

#endif
