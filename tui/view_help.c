/* Help: generated from the keymap's command list and the model's action
 * table, for the view it was opened from, so it cannot drift from what
 * the keys do. */
#include <stdio.h>
#include <string.h>

#include "dlg_hint.h"
#include "draw.h"
#include "figure.h"
#include "nav.h"
#include "ui.h"
#include "ui_action.h"

#define HELP_MAX_LINES 112

typedef struct {
    char key[24];
    char text[480]; /* help + "  -- now: " + a reason (UI_ACTION_REASON_MAX) */
    attr_t attr;
    bool heading;
} help_line_t;

static size_t build(const app_t *a, help_line_t *out, size_t cap)
{
    size_t n = 0;
    view_id_t from = a->depth >= 2 ? a->stack[a->depth - 2] : VIEW_CAMPAIGNS;
    unsigned bit = from == VIEW_CAMPAIGNS ? VIEW_BIT_CAMPAIGNS
                 : from == VIEW_CONTACTS ? VIEW_BIT_CONTACTS
                                         : VIEW_BIT_DETAIL;
#define HEADING(t)                                                                  \
    do {                                                                            \
        if (n < cap) {                                                              \
            out[n] = (help_line_t){"", "", A_BOLD | A_UNDERLINE, true};             \
            snprintf(out[n++].text, sizeof out[0].text, "%s", t);                   \
        }                                                                           \
    } while (0)
    HEADING("Keys");
    for (int c = CMD_NONE + 1; c < CMD_COUNT && n < cap; c++) {
        const keymap_command_info_t *ci = keymap_command_info((keymap_cmd_t)c);
        /* back: how this help itself is left */
        unsigned scope = c == CMD_BACK ? bit | VIEW_BIT_HELP : bit;
        if (!(ci->scope & scope))
            continue;
        out[n] = (help_line_t){"", "", A_NORMAL, false};
        keymap_command_keys((keymap_cmd_t)c, scope, out[n].key, sizeof out[n].key);
        snprintf(out[n].text, sizeof out[n].text, "%s", ci->help);
        n++;
    }
    if (n < cap)
        out[n++] = (help_line_t){"", "", A_NORMAL, false};
    if (bit & VIEW_BITS_LISTS) {
        HEADING(a->opt.read_only ? "Actions (read-only: all disabled)" : "Actions");
        const camp_row_t *row = app_current_campaign(a);
        for (int i = 0; i < ACTION_COUNT && n < cap; i++) {
            const model_action_info_t *info = model_action_info((action_t)i);
            if (!(keymap_action_scope(info->action) & bit))
                continue;
            char kb[24];
            /* the footer's and the key's own answer, with its reason */
            ui_action_state_t st = ui_action_state(a, row, info->action);
            const char *why = st.enabled ? "" : st.reason;
            out[n] = (help_line_t){"", "", st.enabled ? A_NORMAL : theme_attr(ROLE_KEY_DISABLED),
                                   false};
            snprintf(out[n].key, sizeof out[n].key, "%s",
                     keymap_key_label(keymap_action_key(&a->keys, info->action), kb, sizeof kb));
            snprintf(out[n].text, sizeof out[n].text, "%s%s%s", info->help,
                     why[0] ? "  -- now: " : "", why);
            n++;
        }
    }
    if (from == VIEW_CAMPAIGNS) {
        if (n < cap)
            out[n++] = (help_line_t){"", "", A_NORMAL, false};
        HEADING("Figures: a number is known (0 too); - does not apply; n/a not published; "
                "? first fetch under way");
        bool seen[PROVIDER_COUNT] = {false};
        for (size_t i = 0; i < a->nsrc; i++)
            seen[a->src[i].profile->provider] = true;
        for (int f = 0; f < FIG_COUNT && n < cap; f++) {
            out[n] = (help_line_t){"", "", A_NORMAL, false};
            snprintf(out[n].key, sizeof out[n].key, "%s", figure_title((model_figure_t)f));
            snprintf(out[n].text, sizeof out[n].text, "%s", figure_meaning((model_figure_t)f));
            n++;
            for (int p = 0; p < PROVIDER_COUNT && n < cap; p++) {
                if (!seen[p])
                    continue;
                out[n] = (help_line_t){"", "", theme_attr(ROLE_DIM), false};
                snprintf(out[n].text, sizeof out[n].text, "  %s: %s",
                         model_provider_label((provider_t)p),
                         figure_source((provider_t)p, (model_figure_t)f));
                n++;
            }
        }
        if (n < cap) {
            out[n] = (help_line_t){"", "", A_NORMAL, false};
            snprintf(out[n].key, sizeof out[n].key, "totals");
            snprintf(out[n].text, sizeof out[n].text,
                     "line 2: active campaigns, calls in progress (+? while some RUN is not "
                     "known), calls finished per minute and failures over the last 15 minutes "
                     "(over the time measured so far until then; ? until two polls), then each "
                     "profile's health");
            n++;
        }
        if (n < cap) {
            out[n] = (help_line_t){"", "", A_NORMAL, false};
            snprintf(out[n].key, sizeof out[n].key, "FAIL%%");
            snprintf(out[n].text, sizeof out[n].text,
                     "FAIL / (DONE + FAIL); yellow from %.0f%%, red from %.0f%% (fail_warn_pct, "
                     "fail_alert_pct in the profile)",
                     a->src[0].rules.fail_warn_pct, a->src[0].rules.fail_alert_pct);
            n++;
        }
    }
    if (n < cap)
        out[n++] = (help_line_t){"", "", A_NORMAL, false};
    char mouse[DLG_LINE_LEN];
    HEADING(dlg_hint_format(mouse, sizeof mouse, HINT_HELP_CLOSE));
#undef HEADING
    return n;
}

static void help_draw(app_t *a, WINDOW *w, int rows, int cols)
{
    help_line_t lines[HELP_MAX_LINES];
    size_t n = build(a, lines, HELP_MAX_LINES);
    if (a->help_top + (size_t)rows > n)
        a->help_top = n > (size_t)rows ? n - (size_t)rows : 0;
    /* the key column as wide as its widest ("Esc Left Backspace") */
    int kw = 12;
    for (size_t i = 0; i < n; i++)
        if (!lines[i].heading && (int)strlen(lines[i].key) > kw)
            kw = (int)strlen(lines[i].key);
    for (int i = 0; i < rows && a->help_top + (size_t)i < n; i++) {
        const help_line_t *l = &lines[a->help_top + (size_t)i];
        if (l->heading) {
            draw_text(w, i, 1, cols - 2, l->text, l->attr);
            continue;
        }
        int x = draw_text(w, i, 3, kw, l->key, l->attr | theme_attr(ROLE_KEY));
        draw_text(w, i, x + 1, cols - x - 2, l->text, l->attr);
    }
}

static bool help_command(app_t *a, keymap_cmd_t cmd)
{
    long top = (long)a->help_top;
    if (nav_move(cmd, &top, HELP_MAX_LINES, a->rows - UI_CHROME_ROWS)) {
        a->help_top = (size_t)top;
        return true;
    }
    return false;
}

static void help_wheel(app_t *a, int delta)
{
    long top = (long)a->help_top + delta;
    a->help_top = top < 0 ? 0 : (size_t)top;
}

const view_ops_t view_help = {
    VIEW_HELP, VIEW_BIT_HELP, "Help",
    help_draw, help_command, NULL, help_wheel,
};
