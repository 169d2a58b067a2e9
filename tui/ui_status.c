/* The three fixed lines: header (where the data comes from), footer (the
 * keys that apply now, generated from the action table) and status
 * (freshness of the data, messages, filter and sort). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "http.h"
#include "action.h"
#include "sanitize.h"
#include "ui.h"

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
        if (a->src[i].client && http_is_insecure(client_http(a->src[i].client)))
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
    view_id_t vid = a->stack[a->depth - 1];
    int x = 1;
    char kb[16];
    /* Actions first: they change things, so the operator should see at a
     * glance which ones the selected campaign allows. */
    const camp_row_t *cur = app_current_campaign(a);
    /* read-only: no action key is offered at all, not even dimmed */
    if ((vid == VIEW_CAMPAIGNS || vid == VIEW_CONTACTS) && !app_read_only(a, cur ? cur->source : 0)) {
        const camp_row_t *row = cur;
        for (int i = 0; i < ACTION_COUNT; i++) {
            const model_action_info_t *info = model_action_info((action_t)i);
            if (!info->per_campaign && vid != VIEW_CAMPAIGNS)
                continue;
            /* retry, concurrency: offered only where the provider has them */
            if (info->provider_specific &&
                !(row && model_action_supported(row->m.provider, info->action)))
                continue;
            int src = row ? row->source : 0;
            bool ok = !app_read_only(a, src);
            if (info->per_campaign) {
                ok = ok && row && model_action_supported(row->m.provider, info->action) &&
                     (model_action_allowed(row->m.provider, row->m.state, info->action, NULL, 0) ||
                      /* the form offers to pause first */
                      (info->action == ACTION_RESCHEDULE && action_reschedule_needs_pause(&row->m)));
            }
            x = put_key(w, x, cols, keymap_key_label(keymap_action_key(&a->keys, info->action),
                                                     kb, sizeof kb),
                        info->name, ok);
        }
        x = draw_text(w, 0, x, 2, "| ", theme_attr(ROLE_DIM));
    }
    static const struct {
        keymap_cmd_t cmd;
        const char *key, *label;
    } hints[] = {
        {CMD_OPEN, "Enter", "open"}, {CMD_BACK, "Esc", "back"}, {CMD_DETAIL, "d", "detail"},
        {CMD_FILTER, "/", "filter"}, {CMD_SORT, "s", "sort"}, {CMD_REFRESH, "r", "refresh"},
        {CMD_HELP, "?", "help"}, {CMD_QUIT, "q", "quit"},
    };
    unsigned bit = app_view(a)->bit;
    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
        if (!(keymap_command_info(hints[i].cmd)->views & bit))
            continue;
        if (hints[i].cmd == CMD_QUIT && a->depth > 1)
            continue;
        x = put_key(w, x, cols, hints[i].key, hints[i].label, true);
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
/* The transport's per-request timeout (the clients use the defaults). */
static double request_timeout_s(void)
{
    http_options_t o;
    http_options_default(&o);
    return (double)o.total_timeout_ms / 1000.0;
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
        *stale = poller_is_stale_at(p, a->now, request_timeout_s());
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
            if (poller_is_stale_at(&s->poll, a->now, request_timeout_s()))
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
    char raw[512], right[160] = "";
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
        if (t->sort_col >= 0)
            o += snprintf(right + o, sizeof right - (size_t)o, "sort %s%s  ",
                          t->ops->column_names[t->sort_col], t->sort_rev ? " desc" : "");
        else if (t->sort_rev)
            o += snprintf(right + o, sizeof right - (size_t)o, "reversed  ");
        if (t == &a->oc.table && contacts_count(&a->oc.cache) > (long)a->oc.nloaded)
            /* say plainly that a filter or sort sees only fetched pages */
            o += snprintf(right + o, sizeof right - (size_t)o, "of %zu loaded (%ld total)  ",
                          a->oc.nloaded, contacts_count(&a->oc.cache));
        if (t == &a->camps && a->marks.n)
            o += snprintf(right + o, sizeof right - (size_t)o, "%zu marked  ", a->marks.n);
        snprintf(right + o, sizeof right - (size_t)o, "%zu/%zu ", t->nindex ? t->sel + 1 : 0,
                 t->nindex);
    }
    if (!t && vid == VIEW_CONTACTS && a->oc.open) {
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
