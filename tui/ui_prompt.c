/* The `/` filter prompt: a modal on the status line that filters as the
 * operator types (the index is rebuilt per keystroke, i.e. only when the
 * filter changes). Enter keeps the filter, Esc restores the previous one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dlg_hint.h"
#include "draw.h"
#include "sanitize.h"
#include "textedit.h"
#include "ui.h"

typedef struct {
    table_t *table;
    char text[TABLE_FILTER_MAX];
    char before[TABLE_FILTER_MAX];
} prompt_t;

static prompt_t prompt;

static bool prompt_command(app_t *a, keymap_cmd_t cmd, int key, void *ud)
{
    prompt_t *p = ud;
    if (cmd == CMD_CANCEL) {
        table_set_filter(p->table, p->before);
        return false;
    }
    if (cmd == CMD_SUBMIT)
        return false;
    if (!textedit_key(p->text, sizeof p->text, key))
        return true;
    table_set_filter(p->table, p->text);
    app_dirty(a);
    return true;
}

static void prompt_draw(app_t *a, void *ud)
{
    prompt_t *p = ud;
    WINDOW *w = app_status_window(a);
    int rows, cols;
    app_screen_size(a, &rows, &cols);
    (void)rows;
    werase(w);
    char *s = sanitize_text(p->text);
    int x = draw_text(w, 0, 0, 8, "filter /", theme_attr(ROLE_KEY));
    x = draw_text(w, 0, x, sanitize_width(s), s, A_BOLD);
    x = draw_text(w, 0, x, 1, "_", A_BLINK);
    char hint[64];
    dlg_hint_format(hint, sizeof hint, HINT_PROMPT);
    draw_text(w, 0, x + 2, cols - x - 3, hint, theme_attr(ROLE_DIM));
    free(s);
    wnoutrefresh(w);
}

static const app_modal_t prompt_modal = {
    .scope = MODAL_BIT_TEXT,
    .command = prompt_command,
    .draw = prompt_draw,
};

void ui_prompt_filter(app_t *a, table_t *t)
{
    memset(&prompt, 0, sizeof prompt);
    prompt.table = t;
    snprintf(prompt.before, sizeof prompt.before, "%s", t->filter);
    snprintf(prompt.text, sizeof prompt.text, "%s", t->filter);
    app_modal_open(a, &prompt_modal, &prompt);
}
