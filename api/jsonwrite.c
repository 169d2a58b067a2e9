/* JSON string writer for streamed request bodies. */
#include "jsonwrite.h"

#include <stddef.h>

/* Length of the valid UTF-8 sequence at p (1-4), or 0 when the bytes there
 * are not one: overlong forms, surrogates and code points past U+10FFFF
 * are refused as RFC 3629 says. */
static size_t utf8_valid_len(const unsigned char *p)
{
    unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    return n;
}

/* The escape for byte c, or NULL when it goes out as is. */
static const char *escape_of(unsigned char c, char tmp[8])
{
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: break;
    }
    if (c >= 0x20)
        return NULL;
    static const char hex[] = "0123456789abcdef";
    tmp[0] = '\\', tmp[1] = 'u', tmp[2] = '0', tmp[3] = '0';
    tmp[4] = hex[c >> 4], tmp[5] = hex[c & 0xF], tmp[6] = '\0';
    return tmp;
}

void jsonwrite_string(dynbuf_t *b, const char *s)
{
    dynbuf_addn(b, "\"", 1);
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    const unsigned char *run = p; /* start of bytes not yet written */
    while (*p) {
        char tmp[8];
        const char *esc = escape_of(*p, tmp);
        size_t n = esc ? 1 : utf8_valid_len(p);
        if (!esc && n > 0) {
            p += n;
            continue;
        }
        dynbuf_addn(b, (const char *)run, (size_t)(p - run));
        dynbuf_add(b, esc ? esc : "\\ufffd");
        p++;
        run = p;
    }
    dynbuf_addn(b, (const char *)run, (size_t)(p - run));
    dynbuf_addn(b, "\"", 1);
}

void jsonwrite_member(dynbuf_t *b, bool *first, const char *key, const char *value)
{
    if (!*first)
        dynbuf_addn(b, ",", 1);
    *first = false;
    jsonwrite_string(b, key);
    dynbuf_addn(b, ":", 1);
    jsonwrite_string(b, value);
}
