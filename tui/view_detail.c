/* Every field the backend sent for one campaign or contact: its JSON
 * pretty-printed, each line sanitised, plus the raw status spelled out. */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "nav.h"
#include "sanitize.h"
#include "ui.h"

void detail_clear(detail_t *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->lines[i]);
    free(d->lines);
    memset(d, 0, sizeof *d);
}

static void add_line(detail_t *d, const char *raw, size_t len)
{
    char **nl = realloc(d->lines, (d->n + 1) * sizeof *nl);
    if (!nl)
        return;
    d->lines = nl;
    /* cJSON indents with tabs; tabs would become visible \t escapes */
    char *buf = malloc(len * 2 + 1);
    if (!buf)
        return;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (raw[i] == '\t') {
            buf[o++] = ' ';
            buf[o++] = ' ';
        } else {
            buf[o++] = raw[i];
        }
    }
    char *s = sanitize_text_n(buf, o);
    free(buf);
    if (s)
        d->lines[d->n++] = s;
}

static void add_text(detail_t *d, const char *text)
{
    const char *p = text;
    while (p && *p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        add_line(d, p, len);
        p = nl ? nl + 1 : NULL;
    }
}

void detail_show_json(app_t *a, const char *title, const char *raw_json,
                      const char *const *extra, size_t nextra)
{
    detail_t *d = &a->detail;
    detail_clear(d);
    char head[512];
    snprintf(head, sizeof head, "%s", title ? title : "(unnamed)");
    add_line(d, head, strlen(head));
    for (size_t i = 0; i < nextra; i++)
        add_line(d, extra[i], strlen(extra[i]));
    add_line(d, "", 0);
    cJSON *j = raw_json ? cJSON_Parse(raw_json) : NULL;
    char *pretty = j ? cJSON_Print(j) : NULL;
    if (pretty)
        add_text(d, pretty);
    else if (raw_json)
        add_text(d, raw_json); /* not JSON: shown as received, sanitised */
    else
        add_line(d, "(the backend sent no record)", 28);
    free(pretty);
    cJSON_Delete(j);
}

void detail_show_lines(app_t *a, const char *title, const char *const *lines, size_t n)
{
    detail_t *d = &a->detail;
    detail_clear(d);
    add_line(d, title, strlen(title));
    for (size_t i = 0; i < n; i++)
        add_line(d, lines[i], strlen(lines[i]));
}

static void detail_draw(app_t *a, WINDOW *w, int rows, int cols)
{
    detail_t *d = &a->detail;
    long top = (long)d->top;
    nav_scroll_into_view(top, &top, (long)d->n, rows);
    if (d->n > (size_t)rows && top > (long)d->n - rows)
        top = (long)d->n - rows;
    d->top = top < 0 ? 0 : (size_t)top;
    for (int i = 0; i < rows && d->top + (size_t)i < d->n; i++)
        draw_text(w, i, 1, cols - 2, d->lines[d->top + (size_t)i], i == 0 && d->top == 0 ? A_BOLD : A_NORMAL);
}

static bool detail_command(app_t *a, keymap_cmd_t cmd)
{
    detail_t *d = &a->detail;
    int rows = a->rows - UI_CHROME_ROWS;
    long top = (long)d->top;
    long max = d->n > (size_t)rows ? (long)d->n - rows : 0;
    /* In a text view moving the cursor is scrolling. */
    if (cmd == CMD_DOWN || cmd == CMD_HALF_DOWN || cmd == CMD_PAGE_DOWN || cmd == CMD_BOTTOM ||
        cmd == CMD_UP || cmd == CMD_HALF_UP || cmd == CMD_PAGE_UP || cmd == CMD_TOP) {
        nav_move(cmd, &top, max + 1, rows);
        d->top = (size_t)top;
        return true;
    }
    if (cmd == CMD_DETAIL) {
        app_pop_view(a);
        return true;
    }
    return false;
}

static void detail_wheel(app_t *a, int delta)
{
    detail_t *d = &a->detail;
    long top = (long)d->top + delta;
    d->top = top < 0 ? 0 : (size_t)top;
}

const view_ops_t view_detail = {
    VIEW_DETAIL, VIEW_BIT_DETAIL, "Detail",
    detail_draw, detail_command, NULL, detail_wheel,
};
