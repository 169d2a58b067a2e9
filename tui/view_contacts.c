/* One campaign: its summary on top, then its contacts. Without a filter
 * or sort the list is a window onto the sparse page cache (rows appear
 * as their pages arrive, so 100,000 contacts cost what the window shows);
 * with one, it is an index over the rows loaded so far, and says so. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dlg_followup.h"
#include "draw.h"
#include "figure.h"
#include "nav.h"
#include "provider.h"
#include "sanitize.h"
#include "ui.h"

#define SUMMARY_ROWS 4

static const char *row_id(const void *r)
{
    const contact_row_t *c = r;
    return c->m.id ? c->m.id : c->phone;
}

static bool row_matches(const void *r, const char *needle)
{
    const contact_row_t *c = r;
    return table_text_contains(c->phone, needle) || table_text_contains(c->vars, needle) ||
           table_text_contains(model_contact_state_name(c->m.state), needle) ||
           table_text_contains(c->raw_state, needle);
}

static int row_compare(const void *a, const void *b, int col)
{
    const contact_row_t *x = a, *y = b;
    switch (col) {
    case 0: return strcmp(x->phone, y->phone);
    case 1: return strcmp(model_contact_state_name(x->m.state),
                          model_contact_state_name(y->m.state));
    case 2: return (x->m.attempts > y->m.attempts) - (x->m.attempts < y->m.attempts);
    case 3: return (x->m.last_attempt > y->m.last_attempt) - (x->m.last_attempt < y->m.last_attempt);
    default: return (x->m.duration_s > y->m.duration_s) - (x->m.duration_s < y->m.duration_s);
    }
}

static const char *const column_names[] = {"phone", "state", "attempts", "last attempt",
                                           "duration"};
static const table_ops_t contact_ops = {row_id, row_matches, row_compare, 5, column_names, NULL};

static bool indexed(const open_campaign_t *oc)
{
    return oc->table.ops && (oc->table.filter[0] || oc->table.sort_col >= 0 || oc->table.sort_rev);
}

bool contacts_view_wants_all(const app_t *a)
{
    return indexed(&a->oc) && !a->oc.all_stopped;
}

void contacts_view_reindex(app_t *a)
{
    open_campaign_t *oc = &a->oc;
    if (!oc->table.ops)
        table_init(&oc->table, &contact_ops);
    if (oc->gen_seen == oc->cache.generation)
        return;
    size_t n = contacts_loaded_rows(&oc->cache);
    if (n > oc->loaded_cap) {
        const void **nl = realloc(oc->loaded, n * sizeof *nl);
        if (!nl)
            return;
        oc->loaded = nl;
        oc->loaded_cap = n;
    }
    oc->nloaded = contacts_collect(&oc->cache, oc->loaded, oc->loaded_cap);
    table_set_rows(&oc->table, oc->loaded, oc->nloaded);
    oc->gen_seen = oc->cache.generation;
}

/* Contact states grouped for the stacked bar, each with its glyph. */
static const struct {
    const char *label;
    contact_state_t states[3];
} groups[] = {
    {"completed", {CONTACT_COMPLETED, CONTACT_COMPLETED, CONTACT_COMPLETED}},
    {"in progress", {CONTACT_IN_PROGRESS, CONTACT_IN_PROGRESS, CONTACT_IN_PROGRESS}},
    {"queued/retry", {CONTACT_QUEUED, CONTACT_RETRY_SCHEDULED, CONTACT_RETRY_SCHEDULED}},
    {"pending", {CONTACT_PENDING, CONTACT_PENDING, CONTACT_PENDING}},
    {"no answer/busy/vm", {CONTACT_NO_ANSWER, CONTACT_BUSY, CONTACT_VOICEMAIL}},
    {"failed", {CONTACT_FAILED, CONTACT_FAILED, CONTACT_FAILED}},
    {"skipped/cancelled", {CONTACT_SKIPPED, CONTACT_CANCELLED, CONTACT_UNKNOWN}},
};
#define NGROUPS (sizeof groups / sizeof groups[0])

/* Counts by state over every loaded row, recounted only when a page
 * arrived (the cache's generation), not per frame. */
static bool rows_by_state(app_t *a, long out[CONTACT_STATE_COUNT])
{
    open_campaign_t *oc = &a->oc;
    const contacts_t *c = &oc->cache;
    if (!oc->state_counts_valid || oc->state_counts_gen != c->generation) {
        memset(oc->state_counts, 0, sizeof oc->state_counts);
        for (size_t p = 0; p < c->cap; p++)
            if (c->pages[p])
                for (size_t i = 0; i < c->pages[p]->n; i++) {
                    contact_state_t st = c->pages[p]->rows[i].m.state;
                    if ((unsigned)st < CONTACT_STATE_COUNT)
                        oc->state_counts[st]++;
                }
        oc->state_counts_gen = c->generation;
        oc->state_counts_valid = true;
    }
    memcpy(out, oc->state_counts, sizeof oc->state_counts);
    return true;
}

static void draw_summary(app_t *a, WINDOW *w, int cols, const camp_row_t *r)
{
    char buf[512];
    if (!r) {
        draw_text(w, 0, 1, cols - 2, "campaign no longer listed by the backend", theme_attr(ROLE_STATUS_WARN));
        return;
    }
    int x = draw_text(w, 0, 1, sanitize_width(r->name) < cols / 2 ? sanitize_width(r->name) : cols / 2,
                      r->name, A_BOLD) + 2;
    snprintf(buf, sizeof buf, "%s", model_campaign_state_name(r->m.state));
    x = draw_text(w, 0, x, sanitize_width(buf), buf, theme_campaign_state(r->m.state)) + 1;
    char conc[16] = "?", done[48];
    if (r->m.concurrency >= 0)
        snprintf(conc, sizeof conc, "%d", r->m.concurrency);
    long total = r->m.total_contacts >= 0 ? r->m.total_contacts : a->oc.cache.total;
    if (r->m.completed_contacts >= 0 && total >= 0)
        snprintf(done, sizeof done, "%ld/%ld done", r->m.completed_contacts, total);
    else if (total >= 0)
        snprintf(done, sizeof done, "%ld contacts", total);
    else
        snprintf(done, sizeof done, "contacts: ?");
    snprintf(buf, sizeof buf, "(raw \"%s\")  next run %s  concurrency %s  %s", r->raw_state,
             r->next_run, conc, done);
    draw_text(w, 0, x, cols - x - 1, buf, A_NORMAL);

    long counts[NGROUPS] = {0};
    char glyphs[NGROUPS];
    attr_t attrs[NGROUPS];
    /* With every contact loaded, the summary counts the rows themselves:
     * the one raw -> state mapping the rows show, every state included
     * (a provider's counters lump some together: Truedy's `failed`). */
    const long *by_state = r->m.counts;
    long from_rows[CONTACT_STATE_COUNT];
    bool exact = a->oc.server_state == CONTACT_UNKNOWN && contacts_complete(&a->oc.cache) &&
                 rows_by_state(a, from_rows);
    if (exact)
        by_state = from_rows;
    for (size_t g = 0; g < NGROUPS; g++) {
        contact_state_t first = groups[g].states[0];
        glyphs[g] = theme_contact_glyph(first);
        attrs[g] = theme_contact_state(first);
        for (size_t k = 0; k < 3; k++) {
            if (k > 0 && groups[g].states[k] == groups[g].states[k - 1])
                continue;
            counts[g] += by_state[groups[g].states[k]];
        }
    }
    long any = 0;
    for (size_t g = 0; g < NGROUPS; g++)
        any += counts[g];
    if (exact || r->m.counts_known || any > 0) {
        /* a provider reporting only some counts still gets its bar; the
         * legend says which states were reported */
        draw_stacked(w, 1, 1, cols - 2, counts, glyphs, attrs, NGROUPS);
        int lx = 1;
        for (size_t g = 0; g < NGROUPS; g++) {
            /* a provider's own counter may lump several states (Truedy's
             * `failed`: every contact not reached): until the rows are
             * all loaded, say so */
            const char *label = groups[g].label;
            const provider_desc_t *pd = provider_get(r->m.provider);
            if (!exact && pd && pd->lumped_label && groups[g].states[0] == pd->lumped_state)
                label = pd->lumped_label;
            /* a group none of whose states the provider counts is n/a,
             * not a zero, until the rows themselves are counted */
            bool published = exact || r->m.counts_known;
            for (size_t k = 0; k < 3 && !published; k++)
                published = figure_count_published(r->m.provider, groups[g].states[k]);
            if (published)
                snprintf(buf, sizeof buf, "%c %s %ld  ", glyphs[g], label, counts[g]);
            else
                snprintf(buf, sizeof buf, "%c %s n/a  ", glyphs[g], label);
            int wdt = sanitize_width(buf);
            if (lx + wdt >= cols)
                break;
            lx = draw_text(w, 2, lx, wdt, buf, published ? attrs[g] : theme_attr(ROLE_DIM));
        }
    } else {
        draw_text(w, 1, 1, cols - 2,
                  a->oc.contacts_unavailable[0]
                      ? "counts by contact state: none without a webhook receiver (hooks_url)"
                      : "counts by contact state: not reported by this provider",
                  theme_attr(ROLE_DIM));
    }
    const open_campaign_t *oc = &a->oc;
    double cur = oc->nrate ? oc->rate[oc->nrate - 1] : 0;
    snprintf(buf, sizeof buf, "calls/min %6.1f ", cur);
    x = draw_text(w, 3, 1, sanitize_width(buf), buf, A_NORMAL);
    draw_sparkline(w, 3, x, cols - x - 1 < 60 ? cols - x - 1 : 60, oc->rate, oc->nrate,
                   theme_attr(ROLE_BAR_DONE));
}

typedef struct {
    int phone, state, att, last, dur, vars, fail;
} ccols_t;

static ccols_t contact_columns(int width)
{
    ccols_t c = {16, 15, 4, 16, 6, 0, 0};
    int rest = width - (1 + c.phone + c.state + c.att + c.last + c.dur + 6);
    c.vars = rest * 3 / 5;
    c.fail = rest - c.vars - 1;
    return c;
}

static void draw_contact(app_t *a, WINDOW *w, int y, const contact_row_t *r, bool sel,
                         const ccols_t *c, int width)
{
    attr_t base = sel ? theme_attr(ROLE_SELECTED) : A_NORMAL;
    draw_clear_to_eol(w, y, 0, base);
    if (!r) {
        draw_text(w, y, 1, width - 2, "loading...", theme_over(base, theme_attr(ROLE_DIM)));
        return;
    }
    bool changed = r->changed_at > 0 && a->now - r->changed_at < CAMPROWS_CHANGED_MARK_S;
    char buf[64];
    draw_text(w, y, 0, 1, changed ? "*" : " ", changed ? theme_over(base, theme_attr(ROLE_CHANGED)) : base);
    int x = draw_text(w, y, 1, c->phone, r->phone, base) + 1;
    const char *st = r->m.state == CONTACT_UNKNOWN ? r->raw_state
                                                   : model_contact_state_name(r->m.state);
    x = draw_text(w, y, x, c->state, st, theme_over(base, theme_contact_state(r->m.state))) + 1;
    snprintf(buf, sizeof buf, r->m.attempts >= 0 ? "%d" : "?", r->m.attempts);
    x = draw_text_right(w, y, x, c->att, buf, base) + 1;
    x = draw_text(w, y, x, c->last, r->last_attempt, base) + 1;
    if (r->m.duration_s > 0)
        snprintf(buf, sizeof buf, "%d:%02d", r->m.duration_s / 60, r->m.duration_s % 60);
    else
        snprintf(buf, sizeof buf, "-");
    x = draw_text_right(w, y, x, c->dur, buf, base) + 1;
    x = draw_text(w, y, x, c->vars, r->vars, base) + 1;
    draw_text(w, y, x, c->fail, r->failure, theme_over(base, theme_attr(ROLE_STATUS_ERROR)));
}

static int list_rows(const app_t *a)
{
    return a->rows - UI_CHROME_ROWS - SUMMARY_ROWS - 1;
}

static void contacts_draw(app_t *a, WINDOW *w, int rows, int cols)
{
    open_campaign_t *oc = &a->oc;
    const camp_row_t *r = camprows_find(&a->store, oc->key);
    draw_summary(a, w, cols, r);
    ccols_t c = contact_columns(cols);
    attr_t t = theme_attr(ROLE_COLUMNS);
    int y = SUMMARY_ROWS;
    draw_clear_to_eol(w, y, 0, t);
    int x = draw_text(w, y, 1, c.phone, "PHONE", t) + 1;
    x = draw_text(w, y, x, c.state, "STATE", t) + 1;
    x = draw_text_right(w, y, x, c.att, "ATT", t) + 1;
    x = draw_text(w, y, x, c.last, "LAST ATTEMPT", t) + 1;
    x = draw_text_right(w, y, x, c.dur, "DUR", t) + 1;
    x = draw_text(w, y, x, c.vars, "CONTEXT", t) + 1;
    draw_text(w, y, x, c.fail, "FAILURE", t);
    int height = rows - SUMMARY_ROWS - 1;
    oc->rows_visible = height;
    contacts_view_reindex(a);
    if (indexed(oc)) {
        table_update(&oc->table);
        table_scroll_into_view(&oc->table, (size_t)height);
        for (int i = 0; i < height; i++) {
            size_t pos = oc->table.top + (size_t)i;
            const contact_row_t *cr = table_row_at(&oc->table, pos);
            if (!cr)
                break;
            draw_contact(a, w, y + 1 + i, cr, pos == oc->table.sel, &c, cols);
        }
        return;
    }
    long count = contacts_count(&oc->cache);
    if (oc->contacts_unavailable[0] && contacts_loaded_rows(&oc->cache) == 0) {
        /* said once, plainly, and nothing more is requested (sync.c) */
        draw_text(w, y + 2, 2, cols - 4, oc->contacts_unavailable, theme_attr(ROLE_DIM));
        return;
    }
    if (count == 0) {
        draw_text(w, y + 2, 2, cols - 4,
                  oc->cache.end_seen ? "no contacts in this campaign" : "loading contacts...",
                  theme_attr(ROLE_DIM));
        return;
    }
    if (oc->sel >= count)
        oc->sel = count - 1;
    nav_scroll_into_view(oc->sel, &oc->top, count, height);
    for (int i = 0; i < height && oc->top + i < count; i++)
        draw_contact(a, w, y + 1 + i, contacts_row(&oc->cache, oc->top + i),
                     oc->top + i == oc->sel, &c, cols);
}

static const contact_row_t *selected_contact(const app_t *a)
{
    const open_campaign_t *oc = &a->oc;
    if (indexed(oc))
        return table_selected(&oc->table);
    return contacts_row(&oc->cache, oc->sel);
}

static bool contacts_command(app_t *a, keymap_cmd_t cmd)
{
    open_campaign_t *oc = &a->oc;
    contacts_view_reindex(a);
    if (indexed(oc)) {
        long pos = (long)oc->table.sel;
        if (nav_move(cmd, &pos, (long)table_count(&oc->table), list_rows(a))) {
            table_select(&oc->table, (size_t)pos);
            return true;
        }
    } else if (nav_move(cmd, &oc->sel, contacts_count(&oc->cache), list_rows(a))) {
        nav_scroll_into_view(oc->sel, &oc->top, contacts_count(&oc->cache), list_rows(a));
        oc->walk_stopped = false; /* a new place to go */
        return true;
    }
    const contact_row_t *r = selected_contact(a);
    switch (cmd) {
    case CMD_DETAIL:
        if (r) {
            char l1[256];
            snprintf(l1, sizeof l1, "state: %s   raw status: \"%s\"",
                     model_contact_state_name(r->m.state), r->m.raw_state ? r->m.raw_state : "");
            const char *extra[] = {l1};
            detail_show_json(a, r->m.phone, r->m.raw_json, extra, 1);
            app_push_view(a, VIEW_DETAIL);
        }
        return true;
    case CMD_FILTER:
        oc->all_stopped = false; /* a new filter covers the whole campaign again */
        ui_prompt_filter(a, &oc->table);
        return true;
    case CMD_SORT:
        oc->all_stopped = false;
        table_cycle_sort(&oc->table);
        return true;
    case CMD_REVERSE:
        oc->all_stopped = false;
        table_toggle_reverse(&oc->table);
        return true;
    case CMD_BACK:
        if (oc->walking) {
            /* Esc stops a walk to a far page: the selection goes to the
             * farthest page reachable at once */
            oc->walking = false;
            oc->walk_stopped = true;
            long row = contacts_reachable_row(&oc->cache);
            oc->sel = row;
            oc->top = row;
            app_flash(a, POLLER_SEV_WARN, "stopped paging at row %ld", row + 1);
            return true;
        }
        /* Esc first stops a whole-campaign load; the next goes back */
        if (contacts_view_wants_all(a) && !contacts_complete(&oc->cache)) {
            oc->all_stopped = true;
            app_flash(a, POLLER_SEV_WARN, "stopped loading: the filter covers the %zu contacts loaded",
                      contacts_loaded_rows(&oc->cache));
            return true;
        }
        return false;
    case CMD_OPEN:
        return true;
    case CMD_FOLLOWUP: {
        app_target_t t;
        if (a->opt.read_only)
            app_flash(a, POLLER_SEV_WARN, "follow-up: read-only console, nothing is created");
        else if (app_find_target(a, oc->key, &t))
            dlg_followup_open(a, &t, oc->table.filter);
        else
            app_flash(a, POLLER_SEV_WARN, "follow-up: the campaign is not listed any more");
        return true;
    }
    default:
        return false;
    }
}

static void contacts_click(app_t *a, int row)
{
    open_campaign_t *oc = &a->oc;
    int i = row - SUMMARY_ROWS - 1;
    if (i < 0)
        return;
    if (indexed(oc)) {
        table_select(&oc->table, oc->table.top + (size_t)i);
    } else if (oc->top + i < contacts_count(&oc->cache)) {
        oc->sel = oc->top + i;
    }
}

static void contacts_wheel(app_t *a, int delta)
{
    open_campaign_t *oc = &a->oc;
    if (indexed(oc)) {
        table_move(&oc->table, delta);
        return;
    }
    long count = contacts_count(&oc->cache);
    oc->sel += delta;
    if (oc->sel >= count)
        oc->sel = count - 1;
    if (oc->sel < 0)
        oc->sel = 0;
}

const view_ops_t view_contacts = {
    VIEW_CONTACTS, VIEW_BIT_CONTACTS, "Contacts",
    contacts_draw, contacts_command, contacts_click, contacts_wheel,
};
