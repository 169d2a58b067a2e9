/* The campaign list: one row per campaign, formatted only for the rows in
 * the window; filtering and sorting go through the table index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dlg_hint.h"
#include "draw.h"
#include "figure.h"
#include "nav.h"
#include "sanitize.h"
#include "ui.h"

static const char *row_id(const void *r)
{
    return ((const camp_row_t *)r)->key;
}

static bool row_matches(const void *r, const char *needle)
{
    const camp_row_t *c = r;
    return table_text_contains(c->name, needle) ||
           table_text_contains(model_campaign_state_name(c->m.state), needle) ||
           table_text_contains(c->raw_state, needle) || table_text_contains(c->m.id, needle);
}

static double progress_of(const camp_row_t *c)
{
    long done, total;
    if (figure_read(&c->m, FIG_DONE, &done) != FIGURE_KNOWN ||
        figure_read(&c->m, FIG_TOTAL, &total) != FIGURE_KNOWN || total <= 0)
        return -1;
    return (double)done / (double)total;
}

static int cmp_num(double a, double b)
{
    return (a > b) - (a < b);
}

/* Sort columns; "attention" is the default order (see camprows_rank). */
enum { SORT_ATTN, SORT_NAME, SORT_STATE, SORT_PROGRESS, SORT_FAILED, SORT_FAILPCT, SORT_NEXT,
       SORT_COUNT };
static const char *const column_names[SORT_COUNT] = {"attention", "name", "state", "progress",
                                                     "failed", "fail%", "next run"};

static bool row_unknown(const void *r, int col)
{
    const camp_row_t *c = r;
    long v;
    double pct;
    switch (col) {
    case SORT_PROGRESS: return progress_of(c) < 0;
    case SORT_FAILED: return figure_read(&c->m, FIG_FAIL, &v) != FIGURE_KNOWN;
    case SORT_FAILPCT: return !figure_fail_percent(&c->m, &pct);
    case SORT_NEXT: return c->m.scheduled_epoch <= 0;
    default: return false;
    }
}

static int row_compare(const void *a, const void *b, int col)
{
    const camp_row_t *x = a, *y = b;
    long fx = 0, fy = 0;
    double px = 0, py = 0;
    switch (col) {
    case SORT_ATTN: return x->attn - y->attn;
    case SORT_NAME: return strcasecmp(x->name, y->name);
    case SORT_STATE: return strcmp(model_campaign_state_name(x->m.state),
                                   model_campaign_state_name(y->m.state));
    case SORT_PROGRESS: return cmp_num(progress_of(x), progress_of(y));
    case SORT_FAILED:
        figure_read(&x->m, FIG_FAIL, &fx);
        figure_read(&y->m, FIG_FAIL, &fy);
        return cmp_num((double)fx, (double)fy);
    case SORT_FAILPCT:
        figure_fail_percent(&x->m, &px);
        figure_fail_percent(&y->m, &py);
        return cmp_num(px, py);
    default: return cmp_num((double)x->m.scheduled_epoch, (double)y->m.scheduled_epoch);
    }
}

static const table_ops_t camp_ops = {row_id, row_matches, row_compare, SORT_COUNT,
                                     column_names, row_unknown};

void view_campaigns_init_table(app_t *a)
{
    table_init(&a->camps, &camp_ops);
    /* the default order answers "what needs me" first */
    a->camps.sort_col = SORT_ATTN;
}

/* One figure cell: the number, or "-" / dim "n/a" / "?" (figure.h). */
static void draw_figure(WINDOW *w, int y, int x, int width, const camp_row_t *r,
                        model_figure_t f, attr_t base)
{
    long v = 0;
    char buf[32];
    figure_status_t st = figure_read(&r->m, f, &v);
    figure_format(st, v, buf, sizeof buf);
    draw_text_right(w, y, x, width, buf,
                    st == FIGURE_NOT_PUBLISHED || st == FIGURE_NOT_APPLICABLE
                        ? theme_over(base, theme_attr(ROLE_DIM))
                        : base);
}

typedef struct {
    int name, state, bar, done, run, fail, pct, pend, conc, next, profile;
} cols_t;

static cols_t layout_columns(const app_t *a, int width)
{
    /* a 6-column bar beside "done/total" says enough, and leaves the
     * name the room the FAIL% column took */
    cols_t c = {0, 10, 6, 11, 5, 5, 5, 6, 4, 21, a->nsrc > 1 ? 8 : 0};
    int gaps = 11;
    int fixed = 1 + c.state + c.bar + c.done + c.run + c.fail + c.pct + c.pend + c.conc +
                c.next + c.profile + gaps;
    /* narrow terminal: the next-run column goes first, then the bar shrinks */
    if (width - fixed < 20) {
        fixed -= c.next + 1;
        c.next = 0;
    }
    if (width - fixed < 20) {
        fixed -= c.bar - 4;
        c.bar = 4;
    }
    c.name = width - fixed;
    if (c.name < 8)
        c.name = 8;
    return c;
}

static void draw_titles(WINDOW *w, const cols_t *c, int width)
{
    attr_t t = theme_attr(ROLE_COLUMNS);
    draw_clear_to_eol(w, 0, 0, t);
    int x = 1;
    x = draw_text(w, 0, x, c->name, "NAME", t) + 1;
    if (c->profile)
        x = draw_text(w, 0, x, c->profile, "PROFILE", t) + 1;
    x = draw_text(w, 0, x, c->state, "STATE", t) + 1;
    x = draw_text(w, 0, x, c->bar + 1 + c->done, "PROGRESS", t) + 1;
    x = draw_text_right(w, 0, x, c->run, "RUN", t) + 1;
    x = draw_text_right(w, 0, x, c->fail, "FAIL", t) + 1;
    x = draw_text_right(w, 0, x, c->pct, "FAIL%", t) + 1;
    x = draw_text_right(w, 0, x, c->pend, "PEND", t) + 1;
    x = draw_text_right(w, 0, x, c->conc, "CONC", t) + 1;
    if (c->next)
        draw_text(w, 0, x, width - x, "NEXT RUN", t);
}

static void draw_row(app_t *a, WINDOW *w, int y, const camp_row_t *r, bool sel,
                     const cols_t *c, int width)
{
    attr_t base = sel ? theme_attr(ROLE_SELECTED) : A_NORMAL;
    bool changed = r->changed_at > 0 && a->now - r->changed_at < CAMPROWS_CHANGED_MARK_S;
    char buf[64];
    draw_clear_to_eol(w, y, 0, base);
    bool marked = rowset_has(&a->marks, r->key);
    /* a mark outranks the change star: it decides what the next key hits */
    if (marked)
        draw_text(w, y, 0, 1, "+", theme_over(base, A_BOLD | theme_attr(ROLE_KEY)));
    else
        draw_text(w, y, 0, 1, changed ? "*" : " ",
                  changed ? theme_over(base, theme_attr(ROLE_CHANGED)) : base);
    int x = 1;
    x = draw_text(w, y, x, c->name, r->name,
                  changed ? theme_over(base, theme_attr(ROLE_CHANGED)) : base) + 1;
    if (c->profile)
        x = draw_text(w, y, x, c->profile, a->src[r->source].profile->name, base) + 1;
    const char *st = model_campaign_state_name(r->m.state);
    const char *note = rowset_note(&a->notes, r->key);
    const camprows_rules_t *rules = &a->src[r->source].rules;
    bool stalled = camprows_stalled(r, rules);
    if (note)
        snprintf(buf, sizeof buf, "%s", note);
    else if (r->m.state == CAMPAIGN_UNKNOWN)
        snprintf(buf, sizeof buf, "?%s", r->raw_state);
    else if (stalled)
        snprintf(buf, sizeof buf, "stalled");
    else
        snprintf(buf, sizeof buf, "%s", st);
    attr_t sa = note ? theme_attr(ROLE_STATUS_BUSY)
              : stalled ? theme_attr(ROLE_STATUS_ERROR)
                        : theme_campaign_state(r->m.state);
    x = draw_text(w, y, x, c->state, buf, theme_over(base, sa)) + 1;
    long done = -1, total = -1;
    figure_status_t sd = figure_read(&r->m, FIG_DONE, &done);
    figure_status_t stt = figure_read(&r->m, FIG_TOTAL, &total);
    /* no bar without both figures: the cell beside it says why */
    if (sd == FIGURE_KNOWN && stt == FIGURE_KNOWN && total > 0)
        draw_progress(w, y, x, c->bar, done, total, theme_over(base, theme_attr(ROLE_BAR_DONE)),
                      theme_over(base, theme_attr(ROLE_BAR_TODO)));
    else
        draw_text(w, y, x, c->bar, "", base);
    x += c->bar + 1;
    if (sd == FIGURE_KNOWN && stt == FIGURE_KNOWN) {
        snprintf(buf, sizeof buf, "%ld/%ld", done, total);
        x = draw_text(w, y, x, c->done, buf, base) + 1;
    } else {
        figure_format(sd == FIGURE_KNOWN ? stt : sd, 0, buf, sizeof buf);
        x = draw_text(w, y, x, c->done, buf, theme_over(base, theme_attr(ROLE_DIM))) + 1;
    }
    draw_figure(w, y, x, c->run, r, FIG_RUN, base);
    x += c->run + 1;
    draw_figure(w, y, x, c->fail, r, FIG_FAIL, base);
    x += c->fail + 1;
    double pct;
    if (figure_fail_percent(&r->m, &pct)) {
        snprintf(buf, sizeof buf, "%.0f%%", pct);
        attr_t pa = pct >= rules->fail_alert_pct  ? theme_attr(ROLE_STATUS_ERROR)
                    : pct >= rules->fail_warn_pct ? theme_attr(ROLE_STATUS_WARN)
                                                    : 0;
        draw_text_right(w, y, x, c->pct, buf, pa ? theme_over(base, pa) : base);
    } else {
        long f, d;
        figure_status_t fs = figure_read(&r->m, FIG_FAIL, &f);
        figure_status_t ds = figure_read(&r->m, FIG_DONE, &d);
        figure_status_t why = fs != FIGURE_KNOWN ? fs : ds;
        if (why == FIGURE_KNOWN)
            snprintf(buf, sizeof buf, "-"); /* nothing attempted yet */
        else
            figure_format(why, 0, buf, sizeof buf);
        draw_text_right(w, y, x, c->pct, buf, theme_over(base, theme_attr(ROLE_DIM)));
    }
    x += c->pct + 1;
    draw_figure(w, y, x, c->pend, r, FIG_PEND, base);
    x += c->pend + 1;
    draw_figure(w, y, x, c->conc, r, FIG_CONC, base);
    x += c->conc + 1;
    if (c->next)
        draw_text(w, y, x, width - x, r->next_run, base);
}

static int list_height(const app_t *a)
{
    return a->rows - UI_CHROME_ROWS - 1;
}

static void campaigns_draw(app_t *a, WINDOW *w, int rows, int cols)
{
    table_t *t = &a->camps;
    table_update(t);
    int height = rows - 1;
    table_scroll_into_view(t, (size_t)height);
    cols_t c = layout_columns(a, cols);
    draw_titles(w, &c, cols);
    if (table_count(t) == 0) {
        char none[DLG_LINE_LEN];
        dlg_hint_format(none, sizeof none, HINT_NO_MATCH);
        const char *msg = t->filter[0] ? none
                        : a->src[0].poll.last_ok > 0 ? "no campaigns on this backend"
                                                     : "loading campaigns...";
        draw_text(w, 2, 2, cols - 4, msg, theme_attr(ROLE_DIM));
        return;
    }
    for (int i = 0; i < height; i++) {
        size_t pos = t->top + (size_t)i;
        const camp_row_t *r = table_row_at(t, pos);
        if (!r)
            break;
        draw_row(a, w, i + 1, r, pos == t->sel, &c, cols);
    }
}

static bool campaigns_command(app_t *a, keymap_cmd_t cmd)
{
    table_t *t = &a->camps;
    long pos = (long)t->sel;
    if (nav_move(cmd, &pos, (long)table_count(t), list_height(a))) {
        table_select(t, (size_t)pos);
        return true;
    }
    const camp_row_t *r = table_selected(t);
    switch (cmd) {
    case CMD_OPEN:
        if (r) {
            sync_open_campaign(a, r);
            if (a->oc.open)
                app_push_view(a, VIEW_CONTACTS);
            else
                app_flash(a, POLLER_SEV_ERROR, "%s", a->src[r->source].error);
        }
        return true;
    case CMD_DETAIL:
        if (r) {
            char l1[256], l2[256];
            snprintf(l1, sizeof l1, "provider: %s   id: %s", model_provider_label(r->m.provider),
                     r->m.id ? r->m.id : "?");
            snprintf(l2, sizeof l2, "state: %s   raw status: \"%s\"",
                     model_campaign_state_name(r->m.state), r->m.raw_state ? r->m.raw_state : "");
            /* each figure as the row shows it, and where it comes from or
             * why the provider does not give it */
            char lf[FIG_COUNT][320];
            const char *extra[2 + FIG_COUNT] = {l1, l2};
            for (int f = 0; f < FIG_COUNT; f++) {
                long v = 0;
                char cell[32];
                figure_status_t st = figure_read(&r->m, (model_figure_t)f, &v);
                figure_format(st, v, cell, sizeof cell);
                snprintf(lf[f], sizeof lf[f], "%-5s %-6s %s", figure_title((model_figure_t)f),
                         cell,
                         st == FIGURE_NOT_APPLICABLE ? "does not apply to a finished campaign"
                         : st == FIGURE_LOADING      ? "first fetch under way"
                                                     : figure_source(r->m.provider,
                                                                     (model_figure_t)f));
                extra[2 + f] = lf[f];
            }
            detail_show_json(a, r->m.name, r->m.raw_json, extra, 2 + FIG_COUNT);
            app_push_view(a, VIEW_DETAIL);
        }
        return true;
    case CMD_FILTER:
        ui_prompt_filter(a, t);
        return true;
    case CMD_SORT:
        table_cycle_sort(t);
        return true;
    case CMD_REVERSE:
        table_toggle_reverse(t);
        return true;
    default:
        return false;
    }
}

static void campaigns_click(app_t *a, int row)
{
    if (row < 1)
        return;
    table_select(&a->camps, a->camps.top + (size_t)(row - 1));
}

static void campaigns_wheel(app_t *a, int delta)
{
    table_move(&a->camps, delta);
}

const view_ops_t view_campaigns = {
    VIEW_CAMPAIGNS, VIEW_BIT_CAMPAIGNS, "Campaigns",
    campaigns_draw, campaigns_command, campaigns_click, campaigns_wheel,
};
