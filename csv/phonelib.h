/* A C view of Google's libphonenumber (C++), the validator of record for
 * phone numbers: parsing with each region's own international and
 * national prefixes, validity against the number ranges of the metadata,
 * number types and the E.164 form all come from the library, never from a
 * table kept by hand here. phone.c applies dialtop's rules on top.
 *
 * Safe to call from several threads (the library's PhoneNumberUtil is a
 * read-only singleton once built). */
#ifndef DIALTOP_PHONELIB_H
#define DIALTOP_PHONELIB_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PHONELIB_E164_SIZE 24 /* '+' and up to 17 national digits, as parsed */
#define PHONELIB_EXT_SIZE 24

/* Why a string did not parse (libphonenumber's ErrorType). */
typedef enum {
    PHONELIB_PARSED,
    PHONELIB_BAD_COUNTRY_CODE,
    PHONELIB_NOT_A_NUMBER,
    PHONELIB_TOO_SHORT_AFTER_IDD,
    PHONELIB_TOO_SHORT_NSN,
    PHONELIB_TOO_LONG_NSN,
    PHONELIB_FAILED,            /* out of memory inside the library */
} phonelib_parse_t;

/* How the country code was found (libphonenumber's CountryCodeSource). */
typedef enum {
    PHONELIB_FROM_PLUS,         /* "+44 ..." */
    PHONELIB_FROM_IDD,          /* the region's international prefix: "0011 44 ..." in AU */
    PHONELIB_FROM_DIGITS,       /* the region's own code without +: "4930..." in DE */
    PHONELIB_FROM_REGION,       /* a national number */
} phonelib_source_t;

/* Same order as libphonenumber's PhoneNumberType. */
typedef enum {
    PHONELIB_FIXED_LINE,
    PHONELIB_MOBILE,
    PHONELIB_FIXED_OR_MOBILE,
    PHONELIB_TOLL_FREE,
    PHONELIB_PREMIUM_RATE,
    PHONELIB_SHARED_COST,
    PHONELIB_VOIP,
    PHONELIB_PERSONAL,
    PHONELIB_PAGER,
    PHONELIB_UAN,
    PHONELIB_VOICEMAIL,
    PHONELIB_UNKNOWN,
} phonelib_type_t;

/* Same order as libphonenumber's ValidationResult (length checks). */
typedef enum {
    PHONELIB_POSSIBLE,
    PHONELIB_POSSIBLE_LOCAL,
    PHONELIB_LEN_BAD_COUNTRY,
    PHONELIB_LEN_TOO_SHORT,
    PHONELIB_LEN_INVALID,
    PHONELIB_LEN_TOO_LONG,
} phonelib_length_t;

typedef struct {
    phonelib_parse_t parse;
    phonelib_source_t source;
    int cc;                         /* country calling code */
    char e164[PHONELIB_E164_SIZE];  /* "+" cc national number */
    char ext[PHONELIB_EXT_SIZE];    /* "" when none */
    char region[4];                 /* the number's region ("GB"; "001" non-geographic;
                                       "ZZ" when none) */
    bool valid;                     /* in a number range of its country */
    phonelib_type_t type;
    phonelib_length_t length;
} phonelib_number_t;

/* Parses `text` (UTF-8, NUL-terminated) as written in `region`
 * ("ZZ": only international forms). False only when the library failed
 * (out of memory); a string that is not a number is out->parse. */
bool phonelib_parse(const char *text, const char *region, phonelib_number_t *out);

/* The fast path (phonefast.cc) for `digits` (ASCII digits only, `len` of
 * them) written with or without a leading + in `region` ("ZZ" with the +
 * form only): 1 valid, 0 parsed but not valid, *out then filled exactly as
 * phonelib_parse would fill it (no extension); -1 when phonelib_parse must
 * decide (a parse error, or a step the fast path does not take). */
int phonelib_fast(const char *digits, size_t len, bool plus, const char *region,
                   phonelib_number_t *out);

/* phonelib_region_list and phonelib_region_cc's answers, read from the
 * metadata the fast path loads anyway: an import whose numbers all take
 * the fast path then never constructs the library's PhoneNumberUtil (31M
 * instructions, as many as the dynamic loader's work). NULL / -1 when the
 * metadata could not be loaded (ask the library). test_phone_fast holds
 * them to the library's answers. */
const char *phonelib_fast_region_list(void);
int phonelib_fast_region_cc(const char *region);

/* The metadata's countries as the fast path reads them, for the tests and
 * benchmarks that hold digit_dfa to PCRE2 on every pattern of the
 * metadata: country i's region ("001" for a non-geographic code) and its
 * national-number patterns in pats[] in the order of its automaton's
 * accept bits (by phonelib_type_t, the general desc last at
 * PHONELIB_UNKNOWN; "" where it has none). NULL when i is past the last
 * one or the metadata could not be loaded. */
#define PHONELIB_FAST_PATTERNS (PHONELIB_UNKNOWN + 1)
const char *phonelib_fast_country_patterns(size_t i, const char *pats[PHONELIB_FAST_PATTERNS]);

/* For the test of the fast path without its automata (what a country
 * whose pattern digit_dfa refuses runs): false makes every country
 * prepared afterwards match its national-number patterns by PCRE2 alone.
 * True (the default) otherwise. */
void phonelib_fast_use_automata(bool on);

/* The calling code of an ISO 3166 region (case as given: "GB"); 0 when
 * the library has no metadata for it. */
int phonelib_region_cc(const char *region);

/* Supported regions, sorted, as one comma-separated list ("AC,AD,...");
 * built once. NULL when out of memory. */
const char *phonelib_region_list(void);

#ifdef __cplusplus
}
#endif

#endif
