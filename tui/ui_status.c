/* The three fixed lines: header (where the data comes from), footer (the
 * keys that apply now, generated from the action table) and status
 * (freshness of the data, messages, filter and sort). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dlg_hint.h"
#include "draw.h"
#include "action.h"
#include "sanitize.h"
#include "ui.h"
#include "ui_action.h"

/* One word per profile: how its list poll stands. */
static const char *health_word(const source_t *s, attr_t *attr)
{
    if (!s->client) {
        *attr = theme_attr(ROLE_STATUS_ERROR);
        return "off";
    }
    if (s->poll.err.kind == API_ERR_RATE_LIMITED) {
        *attr = theme_attr(ROLE_STATUS_WARN);
        return "429";
    }
    if (s->poll.err.kind != API_OK) {
        *attr = theme_attr(ROLE_STATUS_ERROR);
        return s->poll.last_ok > 0 ? "stale" : "down";
    }
    *attr = theme_attr(ROLE_STATUS_OK);
    return s->poll.last_ok > 0 ? "ok" : "...";
}

/* "5 active  86 calling  41/min  120 failed/15m" over the listed rows;
 * a figure not yet measurable says so rather than showing a guess. */
static void totals_text(const app_t *a, char *out, size_t len)
{
    const totals_t *t = &a->totals;
    char run[32], rate[32], fail[48];
    snprintf(run, sizeof run, "%ld%s calling", t->running, t->running_unknown ? "+?" : "");
    if (t->per_min >= 0)
        snprintf(rate, sizeof rate, "%.0f/min", t->per_min);
    else
        snprintf(rate, sizeof rate, "?/min");
    if (t->failed_window >= 0 && t->window_s >= TOTALS_FAIL_WINDOW_S - 30)
        snprintf(fail, sizeof fail, "%ld failed/15m", t->failed_window);
    else if (t->failed_window >= 0)
        snprintf(fail, sizeof fail, "%ld failed/%.0fm", t->failed_window,
                 t->window_s / 60.0 < 1 ? 1.0 : t->window_s / 60.0);
    else
        snprintf(fail, sizeof fail, "? failed/15m");
    snprintf(out, len, "%ld active   %s   %s   %s", t->active, run, rate, fail);
}

/* Line 2: totals over the listed campaigns, then one health word per
 * profile, then the unread-error mark at the right edge. */
static void draw_totals_line(app_t *a, WINDOW *w, int cols)
{
    const alert_t *al = alerts_newest(&a->alerts);
    if (al) {
        /* an alert outranks the totals until it is acknowledged */
        char buf[400], when[16];
        struct tm tm;
        localtime_r(&al->when, &tm);
        strftime(when, sizeof when, "%H:%M:%S", &tm);
        dlg_hint_format(buf, sizeof buf, HINT_ALERT, when, al->text,
                        a->alerts.unacked > 1 ? " (and more)" : "");
        attr_t ea = theme_attr(ROLE_STATUS_ERROR) | A_REVERSE;
        draw_clear_to_eol(w, 1, 0, ea);
        draw_text(w, 1, 0, cols, buf, ea);
        return;
    }
    attr_t h = theme_attr(ROLE_COLUMNS) & ~A_UNDERLINE;
    char tot[160], unread[48] = "";
    totals_text(a, tot, sizeof tot);
    if (a->log.unread_errors)
        snprintf(unread, sizeof unread, " %zu error%s: M ", a->log.unread_errors,
                 a->log.unread_errors == 1 ? "" : "s");
    int uw = (int)strlen(unread);
    int end = cols - uw;
    int x = draw_text(w, 1, 0, 1, " ", A_NORMAL);
    x = draw_text(w, 1, x, end - x < (int)strlen(tot) ? end - x : (int)strlen(tot), tot, h);
    if (x < end)
        x = draw_text(w, 1, x, end - x < 4 ? end - x : 4, "  | ", theme_attr(ROLE_DIM));
    for (size_t i = 0; i < a->nsrc && x < end; i++) {
        attr_t ha;
        const char *word = health_word(&a->src[i], &ha);
        char one[128];
        snprintf(one, sizeof one, "%s %s  ", a->src[i].profile->name, word);
        char *t = sanitize_text(one);
        if (!t)
            break;
        int tw = sanitize_width(t);
        x = draw_text(w, 1, x, end - x < tw ? end - x : tw, t, ha);
        free(t);
    }
    if (uw)
        draw_text(w, 1, end, uw, unread, theme_attr(ROLE_STATUS_ERROR) | A_REVERSE);
}

void ui_draw_header(app_t *a, WINDOW *w, int cols)
{
    attr_t h = theme_attr(ROLE_HEADER);
    char buf[512];
    const view_ops_t *v = app_view(a);
    if (a->nsrc == 1) {
        const config_profile_t *p = a->src[0].profile;
        snprintf(buf, sizeof buf, " dialtop %s | profile %s | %s | %s | %s", DIALTOP_VERSION,
                 p->name, p->base_url, model_provider_label(p->provider), v->title);
    } else {
        int o = snprintf(buf, sizeof buf, " dialtop %s | %zu profiles:", DIALTOP_VERSION,
                         a->nsrc);
        for (size_t i = 0; i < a->nsrc && o < (int)sizeof buf - 40; i++)
            o += snprintf(buf + o, sizeof buf - (size_t)o, " %s(%s)", a->src[i].profile->name,
                          model_provider_name(a->src[i].profile->provider));
        snprintf(buf + o, sizeof buf - (size_t)o, " | %s", v->title);
    }
    /* Profile names and URLs come from the operator's own config, but a
     * copied config is untrusted text too. */
    char *s = sanitize_text(buf);
    bool insecure = false;
    for (size_t i = 0; i < a->nsrc; i++)
        if (a->src[i].net.insecure)
            insecure = true;
    bool ro = a->opt.read_only;
    int tag = (insecure ? 15 : 0) + (ro ? 11 : 0);
    draw_text(w, 0, 0, cols - tag, s, h);
    int x = cols - tag;
    if (insecure)
        x = draw_text(w, 0, x, 15, " INSECURE TLS ", theme_attr(ROLE_STATUS_ERROR) | A_REVERSE);
    if (ro)
        draw_text(w, 0, x, 11, " READ-ONLY", h | A_BOLD);
    free(s);
    draw_totals_line(a, w, cols);
}

static int put_key(WINDOW *w, int x, int cols, const char *key, const char *label,
                   bool enabled)
{
    int need = sanitize_width(key) + 1 + sanitize_width(label) + 2;
    if (x + need > cols)
        return x;
    attr_t ka = enabled ? theme_attr(ROLE_KEY) : theme_attr(ROLE_KEY_DISABLED);
    attr_t la = enabled ? A_NORMAL : theme_attr(ROLE_KEY_DISABLED);
    x = draw_text(w, 0, x, sanitize_width(key), key, ka);
    x = draw_text(w, 0, x, 1, " ", la);
    x = draw_text(w, 0, x, sanitize_width(label), label, la);
    return draw_text(w, 0, x, 2, "  ", A_NORMAL);
}

void ui_draw_footer(app_t *a, WINDOW *w, int cols)
{
    int x = 1;
    char kb[24];
    unsigned bit = app_view(a)->bit;
    /* Actions first: they change things, so the operator should see at a
     * glance which ones the selected campaign allows. Offered and enabled
     * are the dispatch's own answer (ui_action.h); read-only offers none. */
    if (bit & VIEW_BITS_LISTS) {
        const camp_row_t *row = app_current_campaign(a);
        bool any = false;
        for (int i = 0; i < ACTION_COUNT; i++) {
            ui_action_state_t st = ui_action_state(a, row, (action_t)i);
            if (!st.offered)
                continue;
            any = true;
            x = put_key(w, x, cols, keymap_key_label(keymap_action_key(&a->keys, (action_t)i),
                                                     kb, sizeof kb),
                        model_action_info((action_t)i)->name, st.enabled);
        }
        if (any)
            x = draw_text(w, 0, x, 2, "| ", theme_attr(ROLE_DIM));
    }
    /* then the commands placed in the footer, as the keymap has them */
    for (int place = 1; place < CMD_COUNT; place++)
        for (int c = CMD_NONE + 1; c < CMD_COUNT; c++) {
            const keymap_command_info_t *ci = keymap_command_info((keymap_cmd_t)c);
            if (ci->foot != place || !(ci->scope & bit))
                continue;
            if (c == CMD_QUIT && a->depth > 1)
                continue;
            int key = keymap_command_key((keymap_cmd_t)c, bit);
            x = put_key(w, x, cols, keymap_key_label(key, kb, sizeof kb), ci->label, true);
        }
}

static attr_t sev_attr(poller_severity_t s)
{
    switch (s) {
    case POLLER_SEV_BUSY: return theme_attr(ROLE_STATUS_BUSY);
    case POLLER_SEV_WARN: return theme_attr(ROLE_STATUS_WARN);
    case POLLER_SEV_ERROR: return theme_attr(ROLE_STATUS_ERROR);
    default: return theme_attr(ROLE_STATUS_OK);
    }
}

/* The freshness of what is on screen: the open campaign's when it is
 * open, else the worst of the profiles'. */
/* The profile's per-request timeout, which its client was made with. */
static double request_timeout_s(const source_t *s)
{
    return (double)s->profile->request_timeout_s;
}

static poller_severity_t freshness(app_t *a, char *out, size_t len, bool *stale)
{
    char tmp[384];
    poller_severity_t worst = POLLER_SEV_OK;
    out[0] = '\0';
    *stale = false;
    if (a->oc.open) {
        const source_t *s = &a->src[a->oc.source];
        const poller_t *p = &a->oc.poll;
        worst = poller_status_text(p, a->now, s->key_source, out, len);
        *stale = poller_is_stale_at(p, a->now, request_timeout_s(s));
        return worst;
    }
    for (size_t i = 0; i < a->nsrc; i++) {
        const source_t *s = &a->src[i];
        poller_severity_t sev;
        if (!s->client) {
            snprintf(tmp, sizeof tmp, "%s", s->error);
            sev = POLLER_SEV_ERROR;
        } else {
            sev = poller_status_text(&s->poll, a->now, s->key_source, tmp, sizeof tmp);
            if (poller_is_stale_at(&s->poll, a->now, request_timeout_s(s)))
                *stale = true;
        }
        if (a->nsrc == 1) {
            snprintf(out, len, "%s", tmp);
            return sev;
        }
        if (i == 0 || sev > worst) {
            worst = sev;
            snprintf(out, len, "%s: %s", s->profile->name, tmp);
        }
    }
    return worst;
}

void ui_draw_status(app_t *a, WINDOW *w, int cols)
{
    char raw[512], right[160] = "", stop[32];
    bool stale;
    poller_severity_t sev = freshness(a, raw, sizeof raw, &stale);
    char *text = sanitize_text(raw);
    int x = 0;
    if (stale)
        x = draw_text(w, 0, x, 7, "STALE ", theme_attr(ROLE_STATUS_ERROR) | A_REVERSE);
    /* right side: what the list is showing */
    table_t *t = NULL;
    view_id_t vid = a->stack[a->depth - 1];
    if (vid == VIEW_CAMPAIGNS)
        t = &a->camps;
    else if (vid == VIEW_CONTACTS && (a->oc.table.filter[0] || a->oc.table.sort_col >= 0 ||
                                      a->oc.table.sort_rev))
        t = &a->oc.table;
    if (t && t->ops) {
        int o = 0;
        if (t->filter[0])
            o += snprintf(right + o, sizeof right - (size_t)o, "filter \"%s\"  ", t->filter);
        /* the campaign list's default order (attention) goes unsaid */
        if (t->sort_col >= 0 && !(t == &a->camps && t->sort_col == 0 && !t->sort_rev))
            o += snprintf(right + o, sizeof right - (size_t)o, "sort %s%s  ",
                          t->ops->column_names[t->sort_col], t->sort_rev ? " desc" : "");
        else if (t->sort_rev)
            o += snprintf(right + o, sizeof right - (size_t)o, "reversed  ");
        if (t == &a->oc.table) {
            /* say plainly how much of the campaign a filter or sort sees */
            const contacts_t *cc = &a->oc.cache;
            size_t loaded = contacts_loaded_rows(cc);
            long count = contacts_count(cc);
            if (a->oc.server_state != CONTACT_UNKNOWN && contacts_complete(cc))
                o += snprintf(right + o, sizeof right - (size_t)o,
                              "complete: all %zu (server-side filter)  ", loaded);
            else if (contacts_complete(cc))
                o += snprintf(right + o, sizeof right - (size_t)o, "complete: all %zu  ", loaded);
            else if (a->oc.all_stopped)
                o += snprintf(right + o, sizeof right - (size_t)o,
                              "of %zu loaded (%ld%s total, stopped)  ", loaded, count,
                              cc->total < 0 ? "+" : "");
            else
                o += snprintf(right + o, sizeof right - (size_t)o, "loading %zu/%ld%s, %s  ",
                              loaded, count, cc->total < 0 ? "+" : "",
                              dlg_hint_format(stop, sizeof stop, HINT_STOP_LOADING));
        }
        if (t == &a->camps && a->marks.n)
            o += snprintf(right + o, sizeof right - (size_t)o, "%zu marked  ", a->marks.n);
        snprintf(right + o, sizeof right - (size_t)o, "%zu/%zu ", t->nindex ? t->sel + 1 : 0,
                 t->nindex);
    }
    if (!t && vid == VIEW_CONTACTS && a->oc.open && a->oc.walking) {
        const open_campaign_t *oc = &a->oc;
        snprintf(right, sizeof right, "paging to row %ld: page %ld of %ld, %s ", oc->sel + 1,
                 oc->walk_page + 1, oc->walk_to + 1,
                 dlg_hint_format(stop, sizeof stop, HINT_STOP_LOADING));
    } else if (!t && vid == VIEW_CONTACTS && a->oc.open) {
        long count = contacts_count(&a->oc.cache);
        snprintf(right, sizeof right, "%ld/%ld%s ", count ? a->oc.sel + 1 : 0, count,
                 a->oc.cache.total < 0 && !a->oc.cache.end_seen ? "+" : "");
    }
    char *rs = sanitize_text(right);
    int rw = sanitize_width(rs);
    int room = cols - x - rw - 1;
    if (a->flash[0] && a->now < a->flash_until) {
        int tw = sanitize_width(text);
        if (tw > room / 2)
            tw = room / 2;
        x = draw_text(w, 0, x, tw, text, sev_attr(sev));
        x = draw_text(w, 0, x, 3, " | ", A_NORMAL);
        x = draw_text(w, 0, x, cols - x - rw - 1, a->flash, sev_attr(a->flash_sev));
    } else {
        x = draw_text(w, 0, x, room, text, sev_attr(sev));
    }
    draw_text_right(w, 0, cols - rw - 1, rw, rs, A_NORMAL);
    free(text);
    free(rs);
}
