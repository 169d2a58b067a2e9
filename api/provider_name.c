/* The campaign name rule of each provider (provider.h): one checker and
 * one fitter, used by the upload checks, the drivers and the console's
 * default name alike. */
#include "provider.h"

#include <stdio.h>
#include <string.h>

static bool is_control(unsigned char c)
{
    return c < 0x20 || c == 0x7f;
}

/* ASCII letters, digits and '_' (the ASCII half of \w), '-' and ' '. */
static bool is_word_ascii(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == ' ';
}

/* A byte that starts a character (anything but a UTF-8 continuation). */
static bool starts_char(unsigned char c)
{
    return (c & 0xC0) != 0x80;
}

bool provider_name_ok(provider_t p, const char *name, char *reason, size_t reason_len)
{
    const provider_desc_t *d = provider_get(p);
    const provider_name_rule_t *r = d ? &d->name_rule : NULL;
    bool ok = name && name[0];
    size_t chars = 0;
    for (const unsigned char *c = (const unsigned char *)(name ? name : ""); ok && *c; c++) {
        if (r && r->word_chars_only && *c < 0x80 && !is_word_ascii(*c))
            ok = false;
        chars += starts_char(*c);
    }
    if (ok && r && r->max_chars && chars > r->max_chars)
        ok = false;
    if (!ok && reason && reason_len)
        snprintf(reason, reason_len, "%s",
                 name && name[0] && r && r->rule ? r->rule : "the campaign needs a name");
    return ok;
}

void provider_name_fit(provider_t p, const char *text, size_t n, char *out, size_t out_len)
{
    if (!out_len)
        return;
    const provider_desc_t *d = provider_get(p);
    const provider_name_rule_t *r = d ? &d->name_rule : NULL;
    size_t used = 0, chars = 0;
    for (size_t i = 0; i < n && text[i]; i++) {
        unsigned char c = (unsigned char)text[i];
        if (starts_char(c)) {
            if (r && r->max_chars && chars == r->max_chars)
                break;
            /* a whole character or none: its length from the lead byte */
            size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (used + len >= out_len)
                break;
            chars++;
        } else if (used + 1 >= out_len) {
            break;
        }
        bool refused = is_control(c) || (r && r->word_chars_only && c < 0x80 && !is_word_ascii(c));
        out[used++] = refused ? '_' : (char)c;
    }
    out[used] = '\0';
}
