/* Input decoding: BOM detection, "is this text" sniffing, UTF-8
 * validation and streaming transcoding of UTF-16 and Windows-1252. */
#include "encoding.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* What an undecodable unit turns into: never valid in UTF-8, so the row
 * holding it is rejected with its line rather than silently altered. */
#define BAD_BYTE 0xFF

static const char *const names[ENCODING_COUNT] = {
    [ENCODING_UTF8] = "utf-8",
    [ENCODING_UTF16LE] = "utf-16le",
    [ENCODING_UTF16BE] = "utf-16be",
    [ENCODING_CP1252] = "cp1252",
};

const char *encoding_name(encoding_t e)
{
    return (unsigned)e < ENCODING_COUNT ? names[e] : "?";
}

bool encoding_from_name(const char *s, encoding_t *out)
{
    static const struct {
        const char *name;
        encoding_t enc;
    } aliases[] = {
        {"utf-8", ENCODING_UTF8},       {"utf8", ENCODING_UTF8},
        {"utf-16le", ENCODING_UTF16LE}, {"utf16le", ENCODING_UTF16LE},
        {"utf-16be", ENCODING_UTF16BE}, {"utf16be", ENCODING_UTF16BE},
        {"cp1252", ENCODING_CP1252},    {"windows-1252", ENCODING_CP1252},
        {"win1252", ENCODING_CP1252},
    };
    if (!s)
        return false;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (strcasecmp(s, aliases[i].name) == 0) {
            *out = aliases[i].enc;
            return true;
        }
    }
    return false;
}

size_t encoding_detect_bom(const unsigned char *p, size_t n, encoding_t *out)
{
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        *out = ENCODING_UTF8;
        return 3;
    }
    /* FF FE 00 00 is UTF-32LE: left to encoding_sniff_text to refuse. */
    if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE && !(n >= 4 && p[2] == 0 && p[3] == 0)) {
        *out = ENCODING_UTF16LE;
        return 2;
    }
    if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        *out = ENCODING_UTF16BE;
        return 2;
    }
    return 0;
}

bool encoding_sniff_text(const unsigned char *p, size_t n, char *why, size_t why_len)
{
    static const struct {
        const char *magic;
        size_t len;
        const char *what;
    } sigs[] = {
        {"\x89PNG\r\n\x1a\n", 8, "a PNG image"},
        {"PK\x03\x04", 4, "a ZIP archive (an .xlsx workbook? save it as CSV)"},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, "an old Excel/Office file (save it as CSV)"},
        {"%PDF-", 5, "a PDF document"},
        {"GIF8", 4, "a GIF image"},
        {"\xFF\xD8\xFF", 3, "a JPEG image"},
        {"\x1F\x8B", 2, "gzip-compressed data (decompress it first)"},
        {"\x7F" "ELF", 4, "an executable"},
        {"\xFF\xFE\x00\x00", 4, "UTF-32 text (save it as UTF-8)"},
        {"\x00\x00\xFE\xFF", 4, "UTF-32 text (save it as UTF-8)"},
    };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        if (n >= sigs[i].len && memcmp(p, sigs[i].magic, sigs[i].len) == 0) {
            snprintf(why, why_len, "not a text file: it is %s", sigs[i].what);
            return false;
        }
    }
    size_t sample = n < 4096 ? n : 4096;
    size_t nul = 0, nul_odd = 0, ctl = 0;
    for (size_t i = 0; i < sample; i++) {
        unsigned char c = p[i];
        if (c == 0) {
            nul++;
            nul_odd += i & 1;
        } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) {
            ctl++;
        }
    }
    /* ASCII text in UTF-16 without a BOM: every other byte is NUL. */
    if (sample >= 8 && nul * 3 >= sample) {
        bool le = nul_odd * 10 >= nul * 9, be = nul_odd * 10 <= nul;
        if (le || be) {
            snprintf(why, why_len,
                     "not readable text: it looks like UTF-16%s without a byte-order mark "
                     "(save it as UTF-8, or UTF-16 with BOM)", le ? "LE" : "BE");
            return false;
        }
    }
    /* A stray NUL is a row-level fault (nul_byte); many of them, or many
     * other control bytes, mean the file is not text at all. */
    if (nul > 8 || (sample >= 1024 && nul * 100 > sample) || (sample >= 64 && ctl * 10 > sample)) {
        snprintf(why, why_len,
                 "not a text file: %zu NUL and %zu control bytes in its first %zu bytes",
                 nul, ctl, sample);
        return false;
    }
    return true;
}

size_t encoding_utf8_invalid_at(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            i++;
            /* ASCII runs (most of a contact list) 8 bytes at a time */
            while (i + 8 <= n) {
                uint64_t w;
                memcpy(&w, p + i, 8);
                if (w & 0x8080808080808080ULL)
                    break;
                i += 8;
            }
            continue;
        }
        size_t len;
        unsigned lo = 0x80, hi = 0xBF; /* allowed range of the 2nd byte */
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0; /* overlong */
            else if (c == 0xED)
                hi = 0x9F; /* surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F; /* above U+10FFFF */
        } else {
            return i;
        }
        if (i + len > n || p[i + 1] < lo || p[i + 1] > hi)
            return i;
        for (size_t k = 2; k < len; k++)
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
        i += len;
    }
    return n;
}

/* Windows-1252 0x80..0x9F; 0 marks the five undefined bytes. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static size_t put_utf8(unsigned long cp, unsigned char *out)
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | (cp >> 6));
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (cp >> 12));
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (cp >> 18));
    out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

void encoding_decoder_init(encoding_decoder_t *d, encoding_t enc)
{
    memset(d, 0, sizeof *d);
    d->enc = enc;
}

size_t encoding_decode_bound(size_t n)
{
    return 3 * n + 8;
}

static size_t decode_cp1252(const unsigned char *in, size_t n, unsigned char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = in[i];
        if (c < 0x80) {
            out[o++] = c;
        } else if (c < 0xA0) {
            unsigned short cp = cp1252_high[c - 0x80];
            if (cp)
                o += put_utf8(cp, out + o);
            else
                out[o++] = BAD_BYTE;
        } else {
            o += put_utf8(c, out + o);
        }
    }
    return o;
}

static size_t decode_utf16(encoding_decoder_t *d, const unsigned char *in, size_t n,
                           unsigned char *out)
{
    size_t np = d->npend, total = np + n, i = 0, o = 0;
    bool le = d->enc == ENCODING_UTF16LE;
#define BYTE_AT(k) ((k) < np ? d->pend[k] : in[(k) - np])
#define UNIT_AT(k) (le ? (unsigned)(BYTE_AT(k) | BYTE_AT((k) + 1) << 8) \
                       : (unsigned)(BYTE_AT(k) << 8 | BYTE_AT((k) + 1)))
    while (i + 2 <= total) {
        unsigned u = UNIT_AT(i);
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 4 > total)
                break; /* the low half is in the next chunk */
            unsigned u2 = UNIT_AT(i + 2);
            if (u2 >= 0xDC00 && u2 <= 0xDFFF) {
                o += put_utf8(0x10000 + ((unsigned long)(u - 0xD800) << 10) + (u2 - 0xDC00), out + o);
                i += 4;
            } else {
                out[o++] = BAD_BYTE;
                i += 2;
            }
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            out[o++] = BAD_BYTE;
            i += 2;
        } else {
            o += put_utf8(u, out + o);
            i += 2;
        }
    }
    unsigned char rest[4];
    size_t nrest = total - i;
    for (size_t k = 0; k < nrest; k++)
        rest[k] = BYTE_AT(i + k);
#undef UNIT_AT
#undef BYTE_AT
    memcpy(d->pend, rest, nrest);
    d->npend = nrest;
    return o;
}

size_t encoding_decode(encoding_decoder_t *d, const unsigned char *in, size_t n,
                       unsigned char *out)
{
    switch (d->enc) {
    case ENCODING_UTF16LE:
    case ENCODING_UTF16BE:
        return decode_utf16(d, in, n, out);
    case ENCODING_CP1252:
        return decode_cp1252(in, n, out);
    default:
        memcpy(out, in, n);
        return n;
    }
}

size_t encoding_decode_finish(encoding_decoder_t *d, unsigned char *out)
{
    if (d->npend == 0)
        return 0;
    d->npend = 0;
    out[0] = BAD_BYTE;
    return 1;
}
