/* Dialog key lines from the keymap (see dlg_hint.h). */
#include "dlg_hint.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "textedit.h"

static const dlg_hint_info_t hints[DLG_HINT_COUNT] = {
#define DLG_HINT_ROW(id, scope, args, text) [id] = {scope, args, text},
    DLG_HINTS(DLG_HINT_ROW)
#undef DLG_HINT_ROW
};

const dlg_hint_info_t *dlg_hint_info(dlg_hint_id_t id)
{
    return (unsigned)id < DLG_HINT_COUNT ? &hints[id] : &hints[0];
}

/* Is `label` one of the space-separated words of `labels`? */
static bool has_label(const char *labels, const char *label, size_t len)
{
    for (const char *p = labels; *p;) {
        size_t n = strcspn(p, " ");
        if (n == len && strncmp(p, label, len) == 0)
            return true;
        p += n;
        p += strspn(p, " ");
    }
    return false;
}

/* The label for "{name}" or "{name=Label}" (`ref`, `len` bytes, without
 * the braces) in `scope`; "?" when the keymap does not bear it out. */
static const char *key_for(const char *ref, size_t len, unsigned scope, char *buf, size_t cap)
{
    const char *eq = memchr(ref, '=', len);
    size_t name_len = eq ? (size_t)(eq - ref) : len;
    snprintf(buf, cap, "?");
    if (name_len == strlen("clear-field") && strncmp(ref, "clear-field", name_len) == 0) {
        /* the fields' own editing key, which reaches the field because no
         * command takes it in a dialog (test_dlg_hint) */
        if (!eq)
            keymap_key_label(TEXTEDIT_KEY_CLEAR, buf, cap);
        return buf;
    }
    keymap_cmd_t cmd = keymap_command_named(ref, name_len);
    if (cmd == CMD_NONE)
        return buf;
    if (eq) {
        char labels[96];
        keymap_command_keys(cmd, scope, labels, sizeof labels);
        size_t want = len - name_len - 1;
        if (has_label(labels, eq + 1, want))
            snprintf(buf, cap, "%.*s", (int)want, eq + 1);
        return buf;
    }
    int key = keymap_command_key(cmd, scope);
    if (key)
        keymap_key_label(key, buf, cap);
    return buf;
}

const char *dlg_hint_template(dlg_hint_id_t id, char *buf, size_t len)
{
    const dlg_hint_info_t *h = dlg_hint_info(id);
    size_t o = 0;
    if (!len)
        return buf;
    for (const char *p = h->text; *p && o + 1 < len; p++) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (!close) {
            buf[o++] = *p;
            continue;
        }
        char label[32];
        key_for(p + 1, (size_t)(close - p - 1), h->scope, label, sizeof label);
        for (const char *q = label; *q && o + 2 < len; q++) {
            if (*q == '%')
                buf[o++] = '%'; /* the result is printf text */
            buf[o++] = *q;
        }
        p = close;
    }
    buf[o] = '\0';
    return buf;
}

static const char *vformat(char *buf, size_t len, dlg_hint_id_t id, va_list ap)
{
    char fmt[DLG_LINE_LEN];
    dlg_hint_template(id, fmt, sizeof fmt);
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
    /* the template's conversions are the table's `args` (test_dlg_hint) */
    vsnprintf(buf, len, fmt, ap);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
    return buf;
}

const char *dlg_hint_format(char *buf, size_t len, dlg_hint_id_t id, ...)
{
    va_list ap;
    va_start(ap, id);
    vformat(buf, len, id, ap);
    va_end(ap);
    return buf;
}

void dlg_hint_add(dlg_lines_t *l, attr_t a, dlg_hint_id_t id, ...)
{
    char line[DLG_LINE_LEN];
    va_list ap;
    va_start(ap, id);
    vformat(line, sizeof line, id, ap);
    va_end(ap);
    dlg_lines_add(l, a, "%s", line);
}
