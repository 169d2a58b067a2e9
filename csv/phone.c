/* Phone numbers: cleaning what spreadsheets add, then libphonenumber
 * (phonelib.h) decides, then dialtop's rules (phone.h). */
#include "phone.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "phonelib.h"

#define MAX_INPUT 128 /* bytes after cleaning; a phone cell is never this long */

static const char *const type_names[PHONE_TYPE_COUNT] = {
    [PHONE_TYPE_FIXED_LINE] = "fixed_line",   [PHONE_TYPE_MOBILE] = "mobile",
    [PHONE_TYPE_FIXED_OR_MOBILE] = "fixed_or_mobile",
    [PHONE_TYPE_TOLL_FREE] = "toll_free",     [PHONE_TYPE_PREMIUM_RATE] = "premium_rate",
    [PHONE_TYPE_SHARED_COST] = "shared_cost", [PHONE_TYPE_VOIP] = "voip",
    [PHONE_TYPE_PERSONAL] = "personal",       [PHONE_TYPE_PAGER] = "pager",
    [PHONE_TYPE_UAN] = "uan",                 [PHONE_TYPE_VOICEMAIL] = "voicemail",
    [PHONE_TYPE_UNKNOWN] = "unknown",
};

/* Calling codes whose subscribers dial letters on the keypad (NANP's
 * 1-800-FLOWERS, Australia's 13 FLOWERS); elsewhere letters in a number
 * are a mistake, never converted. */
static const int vanity_cc[] = {1, 61};

const char *phone_type_name(phone_type_t t)
{
    return (unsigned)t < PHONE_TYPE_COUNT ? type_names[t] : "unknown";
}

/* The regions, from the metadata, built once. */
#define MAX_REGIONS 320
static phone_region_t regions[MAX_REGIONS];
static size_t nregions;
static pthread_once_t regions_once = PTHREAD_ONCE_INIT;

/* The fast path's copy of the metadata first: the library's own answers
 * would construct its PhoneNumberUtil, which an import whose numbers all
 * take the fast path never needs otherwise. */
static const char *region_list(void)
{
    const char *l = phonelib_fast_region_list();
    return l ? l : phonelib_region_list();
}

static int region_cc(const char *iso)
{
    int cc = phonelib_fast_region_cc(iso);
    return cc >= 0 ? cc : phonelib_region_cc(iso);
}

static void regions_build(void)
{
    const char *list = region_list();
    for (const char *p = list; p && p[0] && p[1] && nregions < MAX_REGIONS;) {
        phone_region_t *r = &regions[nregions];
        r->iso[0] = p[0], r->iso[1] = p[1], r->iso[2] = '\0';
        r->cc = region_cc(r->iso);
        for (size_t i = 0; i < sizeof vanity_cc / sizeof vanity_cc[0]; i++)
            r->vanity |= r->cc == vanity_cc[i];
        if (r->cc > 0)
            nregions++;
        p += 2;
        if (*p == ',')
            p++;
    }
}

const phone_region_t *phone_region_find(const char *iso)
{
    pthread_once(&regions_once, regions_build);
    for (size_t i = 0; iso && i < nregions; i++)
        if (strcasecmp(iso, regions[i].iso) == 0)
            return &regions[i];
    return NULL;
}

const char *phone_region_list(void)
{
    const char *l = region_list();
    return l ? l : "";
}

static void say(char *why, size_t why_len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(char *why, size_t why_len, const char *fmt, ...)
{
    if (!why || !why_len)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, why_len, fmt, ap);
    va_end(ap);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* "1.4E+10", "1,4e10", "15551234567E0": a float, its low digits gone. */
static bool looks_scientific(const char *s, size_t n)
{
    size_t i = 0, d = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    while (i < n && is_digit(s[i]))
        i++, d++;
    if (i < n && (s[i] == '.' || s[i] == ','))
        for (i++; i < n && is_digit(s[i]); i++)
            d++;
    if (d == 0 || i >= n || (s[i] != 'e' && s[i] != 'E'))
        return false;
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    size_t e = 0;
    while (i < n && is_digit(s[i]))
        i++, e++;
    return e > 0 && i == n;
}

/* "5551234567.0": a number cell formatted with decimals. */
static bool looks_float(const char *s, size_t n)
{
    size_t i = 0, d = 0;
    if (i < n && s[i] == '+')
        i++;
    while (i < n && is_digit(s[i]))
        i++, d++;
    if (d < 6 || i >= n || s[i] != '.')
        return false;
    size_t z = 0;
    for (i++; i < n && s[i] == '0'; i++)
        z++;
    return z > 0 && i == n;
}

/* Length of an invisible character at s (0 when not one); NBSP is a
 * space to the library and is turned into one by the caller. */
static size_t invisible_len(const unsigned char *s, size_t n)
{
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x8B && s[2] <= 0x8D)
        return 3; /* zero-width space, non-joiner, joiner */
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0xA0)
        return 3; /* word joiner */
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        return 3; /* zero-width no-break space (BOM) */
    return 0;
}

/* What plain_cell counts for a byte, in three fields of a sum: digits
 * (bits 0-7), dots (bits 8-15: the '.' is the only byte of the
 * spreadsheet shapes such a cell can hold) and the bytes taken at all
 * (bits 16-23: digits, the separators ' ', '-', '(', ')', '/', the dot). Any
 * other byte (a '+' too: the one allowed, first, is taken before the
 * loop) counts for nothing, so that a cell is plain when every byte was
 * taken. One load and one add a byte, no branch: the tests and branches
 * of a byte cost twice that, and a phone cell is never long enough for a
 * field to overflow (MAX_INPUT < 256). */
#define CELL_D ((1u << 16) | 1u)        /* a digit */
#define CELL_S (1u << 16)               /* a separator */
#define CELL_P ((1u << 16) | (1u << 8)) /* the dot */
static const uint32_t cell_count[256] = {
    ['0'] = CELL_D, ['1'] = CELL_D, ['2'] = CELL_D, ['3'] = CELL_D, ['4'] = CELL_D,
    ['5'] = CELL_D, ['6'] = CELL_D, ['7'] = CELL_D, ['8'] = CELL_D, ['9'] = CELL_D,
    [' '] = CELL_S, ['-'] = CELL_S, ['('] = CELL_S, [')'] = CELL_S, ['/'] = CELL_S,
    ['.'] = CELL_P,
};
_Static_assert(MAX_INPUT < 256, "plain_cell's counts fit in 8 bits");

/* The usual cell, only digits and those separators (a + first): its
 * digits to `digits`, the shape phonelib_fast takes (a cell cleaned byte
 * by byte is read by it too). A plain cell is not copied: its cleaned
 * text is the cell as it is, and plain_copy makes it when it is needed,
 * on the rarer ways. False for any other cell, which takes the longer
 * way; n is at most MAX_INPUT. *dot_out: a '.' among them. */
static bool plain_cell(const unsigned char *s, size_t n, char *digits, size_t *nd_out,
                       bool *dot_out)
{
    size_t start = n && s[0] == '+';
    uint32_t sum = 0;
    /* each byte is stored where the next digit goes, and counted: a digit
     * moves that place on, anything else is written over */
    for (size_t i = start; i < n; i++) {
        digits[sum & 0xFF] = (char)s[i];
        sum += cell_count[s[i]];
    }
    if ((sum >> 16) != n - start)
        return false;
    size_t nd = sum & 0xFF;
    digits[nd] = '\0';
    *nd_out = nd;
    *dot_out = (sum >> 8) & 0xFF;
    return true;
}

/* The cleaned text of a plain cell: the cell itself. */
static void plain_copy(const unsigned char *s, size_t n, char *clean)
{
    memcpy(clean, s, n);
    clean[n] = '\0';
}

/* A number taken as valid: dialtop's last rules, then the copy out. */
static phone_status_t accept(const phonelib_number_t *pn, unsigned flags, phone_number_t *out,
                             char *why, size_t why_len)
{
    /* the library's strings are NUL-padded (phonelib.h): the byte at
     * PHONE_E164_SIZE - 1 is set only when the E.164 form does not fit,
     * and fixed-size copies replace strlen and memcpy calls a number */
    if (pn->e164[PHONE_E164_SIZE - 1]) {
        say(why, why_len, "more than 15 digits");
        return PHONE_TOO_LONG;
    }
    out->type = (phone_type_t)pn->type;
    if ((pn->type == PHONELIB_PREMIUM_RATE || pn->type == PHONELIB_SHARED_COST) &&
        !(flags & PHONE_ALLOW_PREMIUM)) {
        say(why, why_len, "%s is a %s number: calls to it cost extra (--allow-premium "
            "accepts it)", pn->e164, pn->type == PHONELIB_PREMIUM_RATE ? "premium-rate"
                                                                   : "shared-cost");
        return PHONE_PREMIUM;
    }
    _Static_assert(sizeof out->e164 <= sizeof pn->e164, "the E.164 form is copied whole");
    _Static_assert(sizeof out->ext == sizeof pn->ext, "the extension is copied whole");
    memcpy(out->e164, pn->e164, sizeof out->e164);
    memcpy(out->ext, pn->ext, sizeof out->ext);
    out->ext[sizeof out->ext - 1] = '\0';
    return PHONE_OK;
}

/* Where the number proper ends: before the extension the library split
 * off ("x305", "ext. 22", "#22"), so that the letters of "ext" are not
 * taken for vanity letters. */
static size_t main_part_len(const char *s, const char *ext)
{
    size_t n = strlen(s), el = strlen(ext);
    if (!el)
        return n;
    /* the extension's digits are the last ones in the string */
    size_t end = n;
    while (end > 0 && !is_digit(s[end - 1]))
        end--;
    if (end < el)
        return n;
    end -= el;
    while (end > 0 && !is_digit(s[end - 1]))
        end--;
    return end;
}

/* Letters are dialled where the number's calling code (or, when it did
 * not parse, the region's) has keypad letters. */
static bool vanity_allowed(const phonelib_number_t *pn, const phone_region_t *region)
{
    int cc = pn->parse == PHONELIB_PARSED ? pn->cc : region ? region->cc : 0;
    for (size_t i = 0; i < sizeof vanity_cc / sizeof vanity_cc[0]; i++)
        if (cc == vanity_cc[i])
            return true;
    return false;
}

static bool has_letters(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (isalpha((unsigned char)s[i]))
            return true;
    return false;
}

static bool has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_digit(s[i]))
            return true;
    return false;
}

/* "+92 341 8040123" style for messages: the calling code alone. */
static phone_status_t wrong_country(const char *clean, size_t n, const phone_region_t *region,
                                    char *why, size_t why_len)
{
    char plus[MAX_INPUT + 2];
    size_t k = 0;
    plus[k++] = '+';
    for (size_t i = 0; i < n; i++)
        if (is_digit(clean[i]))
            plus[k++] = clean[i];
    plus[k] = '\0';
    if (k < 2)
        return PHONE_OK;
    phonelib_number_t other;
    int fast = phonelib_fast(plus + 1, k - 1, true, "ZZ", &other);
    if (fast < 0 && !phonelib_parse(plus, "ZZ", &other))
        return PHONE_OK;
    if (other.parse != PHONELIB_PARSED || !other.valid || other.cc == region->cc)
        return PHONE_OK;
    say(why, why_len, "not a number in %s; looks like a +%d number; write it with + (%s)",
        region->iso, other.cc, other.region);
    return PHONE_WRONG_COUNTRY;
}

phone_status_t phone_normalize(const char *in, size_t len, const phone_region_t *region,
                               unsigned flags, phone_number_t *out, char *why, size_t why_len)
{
    const unsigned char *s = (const unsigned char *)in;
    memset(out, 0, sizeof *out);
    out->type = PHONE_TYPE_UNKNOWN;
    if (why && why_len)
        why[0] = '\0';

    /* Trim outer ASCII blanks, then the spreadsheet text marker and tel:. */
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i < len && s[i] == '\'')
        i++;
    /* by hand, not strncasecmp: every row comes here, and the libc call
     * (locale-aware) cost 1.6% of a 10M-row import */
    if (len - i >= 4 && (s[i] | 0x20) == 't' && (s[i + 1] | 0x20) == 'e' &&
        (s[i + 2] | 0x20) == 'l' && s[i + 3] == ':')
        i += 4;
    char clean[MAX_INPUT + 1], plain[MAX_INPUT + 1];
    size_t n = 0, nd = 0;
    bool dot = false;
    /* the usual cell first: without a '.' (and it has no 'e') it cannot
     * be either spreadsheet shape, and the two scans below are skipped */
    bool is_plain = len - i <= MAX_INPUT && plain_cell(s + i, len - i, plain, &nd, &dot);
    if ((!is_plain || dot) && looks_scientific((const char *)s + i, len - i)) {
        say(why, why_len, "a spreadsheet turned it into a number in scientific notation "
                          "(digits are lost): format the column as text and export again");
        return PHONE_SPREADSHEET;
    }
    if ((!is_plain || dot) && looks_float((const char *)s + i, len - i)) {
        say(why, why_len, "a spreadsheet stored it as a number (trailing .0): "
                          "format the column as text and export again");
        return PHONE_SPREADSHEET;
    }

    bool any = false, plus = false;
    /* The fast path's answer (phonelib_fast), asked as soon as the digits
     * are known: with digits (nd > 0) none of the checks before it below
     * can refuse the cell. -1: not decided, or not asked. */
    phonelib_number_t pn;
    int fast = -1;
    if (is_plain) {
        n = len - i;
        any = nd > 0;       /* no letters in such a cell */
        plus = s[i] == '+';
        /* most numbers: valid on the fast path, and none of the checks
         * below can refuse them but accept's */
        if (nd && region && (fast = phonelib_fast(plain, nd, plus, region->iso, &pn)) == 1)
            return accept(&pn, flags, out, why, why_len);
        plain_copy(s + i, n, clean);
    } else {
        /* byte by byte: invisible characters dropped, NBSP a space (both
         * start with a byte past ASCII: an ASCII byte skips their tests) */
        while (i < len) {
            if (s[i] >= 0x80) {
                size_t inv = invisible_len(s + i, len - i);
                if (inv) {
                    i += inv;
                    continue;
                }
            }
            if (n == MAX_INPUT) {
                say(why, why_len, "far too long for a phone number");
                return PHONE_TOO_LONG;
            }
            if (s[i] >= 0x80 && len - i >= 2 && s[i] == 0xC2 && s[i + 1] == 0xA0) {
                clean[n++] = ' '; /* NBSP */
                i += 2;
                continue;
            }
            if (s[i] == '\0') {
                say(why, why_len, "a NUL byte");
                return PHONE_BAD_CHAR;
            }
            char c = (char)s[i++];
            any |= is_digit(c) || isalpha((unsigned char)c);
            plus |= c == '+' && !any;
            clean[n++] = c;
        }
        clean[n] = '\0';
        /* the cleaned text in the usual shape: its digits; 0 for any other */
        bool cleaned_dot;
        if (!plain_cell((const unsigned char *)clean, n, plain, &nd, &cleaned_dot))
            nd = 0;
        if (nd && region) {
            fast = phonelib_fast(plain, nd, clean[0] == '+', region->iso, &pn);
        } else if (region) {
            /* letters the library converts (or drops) in a shape it reads
             * for certain: the fast path then decides on its digits, and
             * the library (its construction alone ~31M instructions) is
             * not needed for a vanity number. plain stays empty (nd 0):
             * the checks below look at the letters in clean. */
            char keyed[MAX_INPUT + 1];
            size_t nk = phonelib_fast_keypad(clean, n, keyed, sizeof keyed);
            if (nk)
                fast = phonelib_fast(keyed, nk, clean[0] == '+', region->iso, &pn);
        }
    }
    if (!any) {
        bool only_separators = true;
        for (size_t k = 0; k < n; k++)
            only_separators &= strchr(" \t.-()/", clean[k]) != NULL;
        if (only_separators && !plus) {
            say(why, why_len, "no digits");
            return PHONE_EMPTY;
        }
        say(why, why_len, plus ? "no digits after +" : "no digits");
        return plus ? PHONE_TOO_SHORT : PHONE_BAD_CHAR;
    }

    /* Letters and no ASCII digit ("n/a", "none"): the check after the
     * library's answer refuses it whatever that answer is (no digits in
     * the number's part), so the library (its first call constructs
     * PhoneNumberUtil; each call costs about a hundred fast numbers) is
     * not asked. */
    if (!nd && !has_digit(clean, n)) {
        say(why, why_len, "not a phone number (no digits)");
        return PHONE_BAD_CHAR;
    }

    if (fast >= 0) {
        /* decided from the library's metadata without its parser */
    } else if (!phonelib_parse(clean, region ? region->iso : "ZZ", &pn)) {
        say(why, why_len, "out of memory while checking the number");
        return PHONE_BAD_CHAR;
    }
    bool international = plus || pn.source == PHONELIB_FROM_PLUS || pn.source == PHONELIB_FROM_IDD;
    if (pn.parse == PHONELIB_PARSED)
        international = international && pn.source != PHONELIB_FROM_REGION &&
                        pn.source != PHONELIB_FROM_DIGITS;
    size_t main_len = n;
    bool letters = false, digits = true;
    if (!nd || pn.ext[0]) {
        /* (digits and separators alone, no extension: all of it is the
         * number, with digits and no letters; no need to look again) */
        main_len = main_part_len(clean, pn.ext);
        letters = has_letters(clean, main_len);
        digits = false;
        for (size_t k = 0; k < main_len; k++)
            digits |= is_digit(clean[k]);
    }
    if (!digits) {
        say(why, why_len, "not a phone number (no digits)");
        return PHONE_BAD_CHAR;
    }
    if (letters && !vanity_allowed(&pn, region)) {
        say(why, why_len, "letters in the number; %s does not dial letters (vanity numbers "
            "are converted only where keypads carry them: NANP, AU)",
            pn.parse == PHONELIB_PARSED && strcmp(pn.region, "ZZ") != 0 ? pn.region
            : region ? region->iso : "this region");
        return PHONE_VANITY;
    }
    if (!international && region && !letters && (pn.parse != PHONELIB_PARSED || !pn.valid)) {
        phone_status_t w = wrong_country(clean, main_len, region, why, why_len);
        if (w != PHONE_OK)
            return w;
    }
    switch (pn.parse) {
    case PHONELIB_PARSED:
        break;
    case PHONELIB_BAD_COUNTRY_CODE:
        if (!region && !plus)
            say(why, why_len, "no country code (+) and no default region");
        else
            say(why, why_len, "no country has this calling code");
        return PHONE_BAD_COUNTRY;
    case PHONELIB_NOT_A_NUMBER:
        say(why, why_len, "not a phone number");
        return PHONE_BAD_CHAR;
    case PHONELIB_TOO_SHORT_AFTER_IDD:
        say(why, why_len, "too few digits after the international prefix");
        return PHONE_TOO_SHORT;
    case PHONELIB_TOO_SHORT_NSN:
        say(why, why_len, "too few digits for a phone number");
        return PHONE_TOO_SHORT;
    case PHONELIB_TOO_LONG_NSN:
        say(why, why_len, "too many digits for a phone number");
        return PHONE_TOO_LONG;
    default:
        say(why, why_len, "could not be checked");
        return PHONE_BAD_CHAR;
    }
    if (!pn.valid) {
        switch (pn.length) {
        case PHONELIB_LEN_TOO_SHORT:
            say(why, why_len, "%s has too few digits for a number of +%d", pn.e164, pn.cc);
            return PHONE_TOO_SHORT;
        case PHONELIB_LEN_TOO_LONG:
            say(why, why_len, "%s has too many digits for a number of +%d", pn.e164, pn.cc);
            return PHONE_TOO_LONG;
        case PHONELIB_LEN_INVALID:
        case PHONELIB_POSSIBLE_LOCAL:
            say(why, why_len, "%s: no number of +%d has this many digits%s", pn.e164, pn.cc,
                pn.length == PHONELIB_POSSIBLE_LOCAL ? " (an area code missing?)" : "");
            return PHONE_BAD_LENGTH;
        case PHONELIB_LEN_BAD_COUNTRY:
            say(why, why_len, "no country has the calling code of %s", pn.e164);
            return PHONE_BAD_COUNTRY;
        default:
            say(why, why_len, "%s is in no number range of +%d: not a number in service",
                pn.e164, pn.cc);
            return PHONE_NOT_IN_USE;
        }
    }
    return accept(&pn, flags, out, why, why_len);
}
