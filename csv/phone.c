/* E.164 normalisation; the tables live in phone_table.c. */
#include "phone.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MAX_DIGITS 32 /* more than this is refused long before E.164's 15 */

static void say(char *why, size_t why_len, const char *msg)
{
    if (why && why_len)
        snprintf(why, why_len, "%s", msg);
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

/* Length of an invisible or separator character at s (0 when not one). */
static size_t separator_len(const unsigned char *s, size_t n)
{
    switch (s[0]) {
    case ' ': case '\t': case '.': case '-': case '(': case ')': case '/':
        return 1;
    default:
        break;
    }
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2; /* NBSP */
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x8B && s[2] <= 0x8D)
        return 3; /* zero-width space, non-joiner, joiner */
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0xA0)
        return 3; /* word joiner */
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        return 3; /* zero-width no-break space (BOM) */
    return 0;
}

static phone_status_t check_international(const char *num, size_t n, char *why, size_t why_len)
{
    char msg[160];
    if (n == 0) {
        say(why, why_len, "no digits after the international prefix");
        return PHONE_TOO_SHORT;
    }
    if (num[0] == '0') {
        say(why, why_len, "a country code cannot start with 0");
        return PHONE_BAD_COUNTRY;
    }
    if (n < 7) {
        snprintf(msg, sizeof msg, "only %zu digits; E.164 numbers have 7 to 15", n);
        say(why, why_len, msg);
        return PHONE_TOO_SHORT;
    }
    if (n > 15) {
        snprintf(msg, sizeof msg, "%zu digits; E.164 numbers have at most 15", n);
        say(why, why_len, msg);
        return PHONE_TOO_LONG;
    }
    int cclen = phone_cc_length(num, n);
    if (cclen == 0) {
        snprintf(msg, sizeof msg, "no assigned country code starts +%.3s", num);
        say(why, why_len, msg);
        return PHONE_BAD_COUNTRY;
    }
    int cc = 0;
    for (int i = 0; i < cclen; i++)
        cc = cc * 10 + (num[i] - '0');
    const phone_region_t *r = phone_region_by_cc(cc);
    size_t nsn = n - (size_t)cclen;
    if (r && (nsn < (size_t)r->nsn_min || nsn > (size_t)r->nsn_max)) {
        if (r->nsn_min == r->nsn_max)
            snprintf(msg, sizeof msg, "%zu digits after +%d; numbers there have %d", nsn, cc,
                     r->nsn_min);
        else
            snprintf(msg, sizeof msg, "%zu digits after +%d; numbers there have %d to %d", nsn,
                     cc, r->nsn_min, r->nsn_max);
        say(why, why_len, msg);
        return PHONE_BAD_LENGTH;
    }
    if (cc == 1 && (num[1] == '0' || num[1] == '1')) {
        say(why, why_len, "North American area codes start with 2-9");
        return PHONE_BAD_LENGTH;
    }
    return PHONE_OK;
}

phone_status_t phone_normalize(const char *in, size_t len, const phone_region_t *region,
                               char out[PHONE_E164_SIZE], char *why, size_t why_len)
{
    const unsigned char *s = (const unsigned char *)in;
    char msg[160];
    out[0] = '\0';

    /* Trim outer ASCII blanks, then the spreadsheet text marker and tel:. */
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i < len && s[i] == '\'')
        i++;
    if (len - i >= 4 && strncasecmp((const char *)s + i, "tel:", 4) == 0)
        i += 4;
    if (looks_scientific((const char *)s + i, len - i)) {
        say(why, why_len, "a spreadsheet turned it into a number in scientific notation "
                          "(digits are lost): format the column as text and export again");
        return PHONE_SPREADSHEET;
    }
    if (looks_float((const char *)s + i, len - i)) {
        say(why, why_len, "a spreadsheet stored it as a number (trailing .0): "
                          "format the column as text and export again");
        return PHONE_SPREADSHEET;
    }

    char d[MAX_DIGITS + 1];
    size_t nd = 0;
    bool plus = false;
    while (i < len) {
        size_t sep = separator_len(s + i, len - i);
        if (plus && nd > 0 && len - i >= 3 && memcmp(s + i, "(0)", 3) == 0) {
            i += 3; /* "+44 (0)20 ...": the bracketed trunk 0 is not dialled */
        } else if (sep) {
            i += sep;
        } else if (is_digit((char)s[i])) {
            if (nd == MAX_DIGITS) {
                say(why, why_len, "far too many digits for a phone number");
                return PHONE_TOO_LONG;
            }
            d[nd++] = (char)s[i++];
        } else if (s[i] == '+' && nd == 0 && !plus) {
            plus = true;
            i++;
        } else {
            if (s[i] == '+')
                snprintf(msg, sizeof msg, "a + may only start the number");
            else if (s[i] > 0x20 && s[i] < 0x7F)
                snprintf(msg, sizeof msg, "unexpected character '%c'", s[i]);
            else
                snprintf(msg, sizeof msg, "unexpected character (byte 0x%02X)", s[i]);
            say(why, why_len, msg);
            return PHONE_BAD_CHAR;
        }
    }
    d[nd] = '\0';
    if (nd == 0) {
        say(why, why_len, plus ? "no digits after +" : "no digits");
        return plus ? PHONE_TOO_SHORT : PHONE_EMPTY;
    }

    const char *num = d;
    size_t n = nd;
    char buf[MAX_DIGITS + 8];
    if (plus) {
        /* already international */
    } else if (nd >= 2 && d[0] == '0' && d[1] == '0') {
        num += 2, n -= 2;
    } else if (region && region->cc == 1 && nd >= 3 && memcmp(d, "011", 3) == 0) {
        num += 3, n -= 3;
    } else if (!region) {
        say(why, why_len, "no country code (+ or 00) and no default region");
        return PHONE_BAD_COUNTRY;
    } else {
        char cc[8];
        int cclen = snprintf(cc, sizeof cc, "%d", region->cc);
        size_t tl = strlen(region->trunk);
        const char *nsn = d;
        size_t nn = nd;
        bool in_range = nd >= (size_t)region->nsn_min && nd <= (size_t)region->nsn_max;
        if (tl && nd > tl && memcmp(d, region->trunk, tl) == 0 &&
            nd - tl >= (size_t)region->nsn_min) {
            nsn += tl, nn -= tl;
        } else if (!in_range && nd > (size_t)cclen && memcmp(d, cc, (size_t)cclen) == 0 &&
                   nd - (size_t)cclen >= (size_t)region->nsn_min &&
                   nd - (size_t)cclen <= (size_t)region->nsn_max) {
            nsn += cclen, nn -= (size_t)cclen; /* country code written without + */
        }
        if (nn < (size_t)region->nsn_min || nn > (size_t)region->nsn_max) {
            if (region->nsn_min == region->nsn_max)
                snprintf(msg, sizeof msg, "%zu digits; a national number in %s has %d", nn,
                         region->iso, region->nsn_min);
            else
                snprintf(msg, sizeof msg, "%zu digits; a national number in %s has %d to %d",
                         nn, region->iso, region->nsn_min, region->nsn_max);
            say(why, why_len, msg);
            return nn < (size_t)region->nsn_min ? PHONE_TOO_SHORT : PHONE_TOO_LONG;
        }
        snprintf(buf, sizeof buf, "%s%.*s", cc, (int)nn, nsn);
        num = buf;
        n = strlen(buf);
    }
    phone_status_t st = check_international(num, n, why, why_len);
    if (st != PHONE_OK)
        return st;
    out[0] = '+';
    memcpy(out + 1, num, n);
    out[n + 1] = '\0';
    return PHONE_OK;
}
