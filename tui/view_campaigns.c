/* The campaign list: one row per campaign, formatted only for the rows in
 * the window; filtering and sorting go through the table index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "draw.h"
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
    if (c->m.total_contacts <= 0 || c->m.completed_contacts < 0)
        return -1;
    return (double)c->m.completed_contacts / (double)c->m.total_contacts;
}

static int cmp_num(double a, double b)
{
    return (a > b) - (a < b);
}

static int row_compare(const void *a, const void *b, int col)
{
    const camp_row_t *x = a, *y = b;
    switch (col) {
    case 0: return strcasecmp(x->name, y->name);
    case 1: return strcmp(model_campaign_state_name(x->m.state),
                          model_campaign_state_name(y->m.state));
    case 2: return cmp_num(progress_of(x), progress_of(y));
    case 3: return cmp_num((double)x->m.counts[CONTACT_FAILED],
                           (double)y->m.counts[CONTACT_FAILED]);
    default: return cmp_num((double)x->m.scheduled_epoch, (double)y->m.scheduled_epoch);
    }
}

static const char *const column_names[] = {"name", "state", "progress", "failed", "next run"};
static const table_ops_t camp_ops = {row_id, row_matches, row_compare, 5, column_names};

void view_campaigns_init_table(app_t *a)
{
    table_init(&a->camps, &camp_ops);
}

static void fmt_count(const camp_row_t *c, long v, char *out, size_t len)
{
    if (!c->m.counts_known && v <= 0)
        snprintf(out, len, "?");
    else
        snprintf(out, len, "%ld", v);
}

typedef struct {
    int name, state, bar, done, run, fail, pend, conc, next, profile;
} cols_t;

static cols_t layout_columns(const app_t *a, int width)
{
    cols_t c = {0, 10, 10, 11, 5, 5, 6, 4, 21, a->nsrc > 1 ? 10 : 0};
    int gaps = 10;
    int fixed = 1 + c.state + c.bar + c.done + c.run + c.fail + c.pend + c.conc + c.next +
                c.profile + gaps;
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
        draw_text(w, y, 0, 1, "+", base | A_BOLD | theme_attr(ROLE_KEY));
    else
        draw_text(w, y, 0, 1, changed ? "*" : " ", base | theme_attr(ROLE_CHANGED));
    int x = 1;
    x = draw_text(w, y, x, c->name, r->name, base | (changed ? theme_attr(ROLE_CHANGED) : 0)) + 1;
    if (c->profile)
        x = draw_text(w, y, x, c->profile, a->src[r->source].profile->name, base) + 1;
    const char *st = model_campaign_state_name(r->m.state);
    const char *note = rowset_note(&a->notes, r->key);
    if (note)
        snprintf(buf, sizeof buf, "%s", note);
    else if (r->m.state == CAMPAIGN_UNKNOWN)
        snprintf(buf, sizeof buf, "?%s", r->raw_state);
    else
        snprintf(buf, sizeof buf, "%s", st);
    x = draw_text(w, y, x, c->state, buf,
                  base | (note ? theme_attr(ROLE_STATUS_BUSY) : theme_campaign_state(r->m.state))) + 1;
    draw_progress(w, y, x, c->bar, r->m.completed_contacts, r->m.total_contacts,
                  base | theme_attr(ROLE_BAR_DONE), base | theme_attr(ROLE_BAR_TODO));
    x += c->bar + 1;
    if (r->m.total_contacts >= 0 && r->m.completed_contacts >= 0)
        snprintf(buf, sizeof buf, "%ld/%ld", r->m.completed_contacts, r->m.total_contacts);
    else
        snprintf(buf, sizeof buf, "?");
    x = draw_text(w, y, x, c->done, buf, base) + 1;
    fmt_count(r, r->m.counts[CONTACT_IN_PROGRESS], buf, sizeof buf);
    x = draw_text_right(w, y, x, c->run, buf, base) + 1;
    fmt_count(r, r->m.counts[CONTACT_FAILED], buf, sizeof buf);
    x = draw_text_right(w, y, x, c->fail, buf, base) + 1;
    fmt_count(r, r->m.counts[CONTACT_PENDING] + r->m.counts[CONTACT_QUEUED] +
                     r->m.counts[CONTACT_RETRY_SCHEDULED], buf, sizeof buf);
    x = draw_text_right(w, y, x, c->pend, buf, base) + 1;
    if (r->m.concurrency >= 0)
        snprintf(buf, sizeof buf, "%d", r->m.concurrency);
    else
        snprintf(buf, sizeof buf, "?");
    x = draw_text_right(w, y, x, c->conc, buf, base) + 1;
    if (c->next)
        draw_text(w, y, x, width - x, r->next_run, base);
}

static int list_height(const app_t *a)
{
    return a->rows - 3 - 1;
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
        const char *msg = t->filter[0] ? "no campaign matches the filter (/ to change, Esc in the prompt to clear)"
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
            const char *extra[] = {l1, l2};
            detail_show_json(a, r->m.name, r->m.raw_json, extra, 2);
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
