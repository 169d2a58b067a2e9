/* Untrusted text to displayable text, and column widths (see sanitize.h). */
#include "sanitize.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "dynbuf.h"

/* Strict UTF-8 decode of one character: rejects overlong forms, surrogates
 * and code points past U+10FFFF, so each bad byte is shown on its own.
 * Returns the byte length (0 when invalid). */
static size_t utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp)
{
    unsigned char c = s[0];
    size_t n;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (avail < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

/* wcwidth() only knows non-ASCII in a UTF-8 locale; elsewhere it calls
 * everything unprintable, which must not turn all of a name into escapes. */
static bool locale_is_utf8(void)
{
    return wcwidth((wchar_t)0xE9) == 1;
}

/* Invisible characters that reorder or hide text: shown, never obeyed. */
static bool is_format_hazard(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x200E || cp == 0x200F || cp == 0x061C || cp == 0x2028 ||
           cp == 0x2029 || cp == 0xFEFF;
}

static bool needs_escape(uint32_t cp, bool utf8)
{
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
        return true;
    if (is_format_hazard(cp))
        return true;
    return utf8 && cp >= 0x80 && wcwidth((wchar_t)cp) < 0;
}

static void put_escape(dynbuf_t *b, uint32_t cp)
{
    char tmp[16];
    int n;
    if (cp == '\n')
        n = snprintf(tmp, sizeof tmp, "\\n");
    else if (cp == '\t')
        n = snprintf(tmp, sizeof tmp, "\\t");
    else if (cp == '\r')
        n = snprintf(tmp, sizeof tmp, "\\r");
    else if (cp < 0x80)
        n = snprintf(tmp, sizeof tmp, "\\x%02x", (unsigned)cp);
    else if (cp <= 0xFFFF)
        n = snprintf(tmp, sizeof tmp, "\\u%04x", (unsigned)cp);
    else
        n = snprintf(tmp, sizeof tmp, "\\U%08x", (unsigned)cp);
    dynbuf_addn(b, tmp, (size_t)n);
}

char *sanitize_text_n(const char *in, size_t len)
{
    dynbuf_t b = {0};
    bool utf8 = locale_is_utf8();
    const unsigned char *s = (const unsigned char *)(in ? in : "");
    if (!in)
        len = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (n == 0) {
            char tmp[8];
            int k = snprintf(tmp, sizeof tmp, "\\x%02x", s[i]);
            dynbuf_addn(&b, tmp, (size_t)k);
            i++;
            continue;
        }
        /* Escaping ESC itself defuses a whole CSI/OSC sequence: what
         * follows it is printable text, and an OSC's BEL terminator is a
         * control that gets escaped in turn. */
        if (needs_escape(cp, utf8))
            put_escape(&b, cp);
        else
            dynbuf_addn(&b, (const char *)s + i, n);
        i += n;
    }
    return dynbuf_take(&b); /* "" for empty input; NULL on OOM */
}

char *sanitize_text(const char *in)
{
    return sanitize_text_n(in, in ? strlen(in) : 0);
}

/* Width of one character of sanitised text; unknown widths count as one
 * column so a non-UTF-8 locale still lines up roughly. */
static int char_width(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 0x20 && cp != 0x7F ? 1 : 0;
    int w = wcwidth((wchar_t)cp);
    return w < 0 ? 1 : w;
}

/* Next character of a (presumed sanitised) string; a stray invalid byte
 * is taken as one column-wide unit so the walk always advances. */
static size_t next_char(const char *s, uint32_t *cp)
{
    size_t avail = strnlen(s, 4);
    size_t n = utf8_decode((const unsigned char *)s, avail, cp);
    if (n == 0) {
        *cp = '?';
        return 1;
    }
    return n;
}

int sanitize_width(const char *s)
{
    int w = 0;
    if (!s)
        return 0;
    while (*s) {
        uint32_t cp;
        s += next_char(s, &cp);
        w += char_width(cp);
    }
    return w;
}

static const char *ellipsis(int *width)
{
    *width = 1;
    return locale_is_utf8() ? "\xE2\x80\xA6" : "~";
}

int sanitize_fit(const char *s, int cols, bool pad, char *out, size_t out_len)
{
    if (out_len == 0)
        return 0;
    out[0] = '\0';
    if (!s)
        s = "";
    if (cols <= 0)
        return 0;
    size_t o = 0;
    int used = 0;
    int total = sanitize_width(s);
    int ew;
    const char *ell = ellipsis(&ew);
    int budget = total <= cols ? cols : cols - ew;
    while (*s) {
        uint32_t cp;
        size_t n = next_char(s, &cp);
        int w = char_width(cp);
        if (used + w > budget || o + n >= out_len)
            break;
        memcpy(out + o, s, n);
        o += n;
        used += w;
        s += n;
    }
    if (total > cols) {
        size_t el = strlen(ell);
        if (o + el < out_len) {
            memcpy(out + o, ell, el);
            o += el;
            used += ew;
        }
    }
    while (pad && used < cols && o + 1 < out_len) {
        out[o++] = ' ';
        used++;
    }
    out[o] = '\0';
    return used;
}

int sanitize_fit_right(const char *s, int cols, char *out, size_t out_len)
{
    char tmp[512];
    int w = sanitize_fit(s, cols, false, tmp, sizeof tmp);
    if (out_len == 0)
        return 0;
    size_t o = 0;
    for (int i = w; i < cols && o + 1 < out_len; i++)
        out[o++] = ' ';
    size_t tl = strlen(tmp);
    if (o + tl >= out_len)
        tl = out_len - o - 1;
    memcpy(out + o, tmp, tl);
    out[o + tl] = '\0';
    return cols > w ? cols : w;
}
