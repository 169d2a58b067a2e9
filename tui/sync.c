/* The network side of the console: owns the one transport every
 * profile's client shares, starts polls when due (never a second one
 * while one is in flight), waits for keys and every transfer in one wait,
 * routes answers into the store and the contacts cache, and keeps each
 * profile's network state (source_net_t) for the status lines. Nothing
 * here blocks longer than the timeout the loop asks for. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "figure.h"
#include "ui.h"

#define LIST_PAGE_SIZE 100
#define LIST_MAX_CAMPAIGNS 100000
#define CONTACT_PAGE_SIZE 100
#define CONTACT_MAX_PAGES 64
/* A filter over the whole campaign keeps every page, up to this many rows
 * (then it says it covers only those). */
#define CONTACT_ALL_MAX_ROWS 200000
/* How often the status line's "updated Ns ago" ticks. */
#define TICK_MS 1000

static void acc_clear(source_t *s)
{
    for (size_t i = 0; i < s->nacc; i++)
        model_campaign_free(&s->acc[i]);
    free(s->acc);
    s->acc = NULL;
    s->nacc = 0;
}

static void list_done(source_t *s);
static void on_list_figures(const api_error_t *err, void *ud);
static void summary_done(app_t *a, model_campaign_t *c);

/* A backend that does not answer (or answers with errors) ranks its rows
 * up in the attention order; a rate limit or a refused key is said on the
 * status line instead. */
static bool source_unreachable(const source_t *s)
{
    return s->poll.failures > 0 &&
           (s->poll.err.kind == API_ERR_NETWORK || s->poll.err.kind == API_ERR_SERVER);
}

/* Raises an alert for each condition a row newly meets; a row seen for
 * the first time only records them (no alert storm at start). */
void sync_check_alarms(app_t *a, camp_row_t *r)
{
    unsigned bits = alerts_row_bits(r, &a->src[r->source].rules);
    unsigned fresh = r->alarm_known ? bits & ~r->alarm : 0;
    r->alarm = bits;
    r->alarm_known = true;
    for (int k = 0; k < ALERT_KIND_COUNT; k++)
        if (fresh & (1u << k))
            app_raise_alert(a, (alert_kind_t)k, r->source, r);
}

/* Ranks the rows of one profile (all when `source` < 0) and re-sorts. */
static void rank_rows(app_t *a, int source)
{
    for (size_t i = 0; i < a->store.n; i++) {
        camp_row_t *r = a->store.rows[i];
        if (source < 0 || r->source == source) {
            camprows_rank(r, &a->src[r->source].rules, source_unreachable(&a->src[r->source]));
            sync_check_alarms(a, r);
        }
    }
    table_set_rows(&a->camps, (const void *const *)a->store.rows, a->store.n);
    totals_update(&a->totals, &a->store, poller_now());
}

/* A list poll failed (the backend, or storing what it sent): said once
 * per outage, the status line carries it while it lasts. */
static void list_failed(source_t *s, const api_error_t *err)
{
    app_t *a = s->app;
    double now = poller_now();
    acc_clear(s);
    bool was = source_unreachable(s);
    bool first = s->poll.failures == 0;
    poller_failed(&s->poll, err, now);
    if (first) {
        /* the status line says it while it lasts; the log keeps it */
        char t[384], line[512];
        poller_severity_t sev = poller_status_text(&s->poll, now, s->key_source, t, sizeof t);
        snprintf(line, sizeof line, "%s: %s", s->profile->name, t);
        app_log(a, sev, line);
    }
    if (was != source_unreachable(s))
        rank_rows(a, s->index);
    app_dirty(a);
}

static void on_list_progress(const list_all_progress_t *p, void *ud)
{
    source_t *s = ud;
    s->net.list_rows = p->rows;
    s->net.list_pages = p->pages;
    if (p->skipped)
        /* the rest of the page is shown; say what was left out and why */
        app_flash(s->app, POLLER_SEV_WARN, "%zu campaign record%s skipped: %s", p->skipped,
                  p->skipped == 1 ? "" : "s", p->skip_note);
}

/* A list cut at the cap is said in the message log once, when it starts
 * being cut (not on every poll), and again if it stops and starts. */
static void note_cut(source_t *s, bool cut)
{
    if (cut && !s->net.list_cut) {
        char line[256];
        snprintf(line, sizeof line,
                 "%s: the campaign list is cut at the first %zu campaigns (the cap is %zu)",
                 s->profile->name, s->nacc, s->list_cap);
        app_log(s->app, POLLER_SEV_WARN, line);
    }
    s->net.list_cut = cut;
}

static void on_list(list_all_t *l, const api_error_t *err, void *ud)
{
    source_t *s = ud; /* a->src is allocated once, so this outlives the walk */
    s->list = NULL;
    s->list_requests = list_all_requests(l);
    s->net.list_rows = s->net.list_pages = 0;
    if (err) {
        list_all_free(l);
        list_failed(s, err);
        return;
    }
    bool cut = list_all_cut(l);
    acc_clear(s);
    s->acc = list_all_take_campaigns(l, &s->nacc);
    list_all_free(l);
    note_cut(s, cut);
    /* Figures the list lacks (Sarvam: cohorts totals, receiver counts)
     * are read before the rows replace the old ones. */
    if (!s->figs)
        s->figs = figures_new(s->client);
    if (s->figs && figures_start_list(s->figs, s->acc, s->nacc, on_list_figures, s))
        return;
    list_done(s);
}

static void list_start(app_t *a, int i)
{
    source_t *s = &a->src[i];
    s->app = a;
    s->index = i;
    list_all_spec_t spec = {.kind = LIST_ALL_CAMPAIGNS, .page_size = LIST_PAGE_SIZE,
                            .max_rows = s->list_cap};
    s->list = list_all_start(s->client, &spec, on_list_progress, on_list, s);
    if (!s->list) {
        api_error_t err;
        api_error_set(&err, API_ERR_PARSE, 0, "out of memory: the campaign list was not read");
        list_failed(s, &err);
    }
}

static void list_done(source_t *s)
{
    app_t *a = s->app;
    double now = poller_now();
    if (!camprows_replace_source(&a->store, s->index, s->acc, s->nacc, now, s->poll.started,
                                 time(NULL))) {
        /* the rows on screen are the previous poll's: a failed poll says so */
        api_error_t err;
        api_error_set(&err, API_ERR_PARSE, 0,
                      "out of memory: the campaign list could not be stored");
        list_failed(s, &err);
        return;
    }
    acc_clear(s);
    if (s->poll.failures > 0) {
        char line[256];
        snprintf(line, sizeof line, "%s: backend answers again", s->profile->name);
        app_log(a, POLLER_SEV_OK, line);
    }
    poller_succeeded(&s->poll, now);
    /* A provider with a published limit (Truedy: 100/min) gets a poll no
     * more often than its pages fit under it: a list of 20,000 batches is
     * 200 pages, so it refreshes every two minutes, not every 2 s, and the
     * status line's "updated Ns ago" says how fresh it is. */
    int limit = client_driver(s->client)->requests_per_min;
    if (limit > 0) {
        double cycle = (double)s->list_requests * 60.0 / (limit * 0.9);
        if (s->poll.next_due < s->poll.started + cycle)
            s->poll.next_due = s->poll.started + cycle;
    }
    rank_rows(a, s->index);
    app_dirty(a);
}

/* A failed figures read leaves those figures unknown ("?"); the list
 * itself arrived, so the poll still succeeded. Why they are unknown is
 * said once per new reason (the receiver down, its token refused), not on
 * every poll. */
static void on_list_figures(const api_error_t *err, void *ud)
{
    source_t *s = ud;
    if (err && strcmp(s->figs_error, err->message) != 0)
        app_flash(s->app, POLLER_SEV_WARN, "%s: counts unknown: %s", s->profile->name,
                  err->message);
    snprintf(s->figs_error, sizeof s->figs_error, "%s", err ? err->message : "");
    list_done(s);
}

/* --- the open campaign ---------------------------------------------------- */

/* The campaign's figures (Sarvam: cohorts total, receiver counts) are in,
 * or failed: a failed read fails the poll, naming what failed. */
static void on_summary_figures(const api_error_t *err, void *ud)
{
    app_t *a = ud;
    open_campaign_t *oc = &a->oc;
    model_campaign_t *c = oc->pending;
    oc->pending = NULL;
    if (err) {
        model_campaign_free(c);
        free(c);
        poller_failed(&oc->poll, err, poller_now());
        app_dirty(a);
        return;
    }
    summary_done(a, c);
}

static void on_summary(model_campaign_t *c, const api_error_t *err, void *ud)
{
    app_t *a = ud;
    open_campaign_t *oc = &a->oc;
    double now = poller_now();
    oc->summary_op = 0;
    if (err) {
        poller_failed(&oc->poll, err, now);
        app_dirty(a);
        return;
    }
    if (!oc->figs)
        oc->figs = figures_new(a->src[oc->source].client);
    oc->pending = c;
    if (oc->figs && figures_start_one(oc->figs, c, on_summary_figures, a))
        return;
    oc->pending = NULL;
    summary_done(a, c);
}

static void summary_done(app_t *a, model_campaign_t *c)
{
    open_campaign_t *oc = &a->oc;
    double now = poller_now();
    /* calls finished per minute, from the growth of finished contacts */
    long done = 0;
    if (c->counts_known) {
        static const contact_state_t fin[] = {CONTACT_COMPLETED, CONTACT_NO_ANSWER,
                                              CONTACT_BUSY, CONTACT_VOICEMAIL,
                                              CONTACT_FAILED};
        for (size_t i = 0; i < sizeof fin / sizeof fin[0]; i++)
            done += c->counts[fin[i]];
    } else {
        long failed;
        done = c->completed_contacts;
        if (done >= 0 && figure_read(c, FIG_FAIL, &failed) == FIGURE_KNOWN)
            done += failed;
    }
    if (done >= 0 && oc->last_done_t > 0 && done >= oc->last_done && now > oc->last_done_t) {
        double per_min = (double)(done - oc->last_done) * 60.0 / (now - oc->last_done_t);
        if (oc->nrate == RATE_SAMPLES) {
            memmove(oc->rate, oc->rate + 1, (RATE_SAMPLES - 1) * sizeof oc->rate[0]);
            oc->nrate--;
        }
        oc->rate[oc->nrate++] = per_min;
    }
    oc->last_done = done;
    oc->last_done_t = now;
    /* a live summary carries figures only: merged into the row, which
     * keeps its name and settings from the list */
    if (client_has_live(a->src[oc->source].client))
        camprows_apply_live(&a->store, oc->key, c, now, oc->poll.started);
    else
        camprows_update_one(&a->store, oc->source, c, now, oc->poll.started, time(NULL));
    model_campaign_free(c);
    free(c);
    camp_row_t *row = camprows_find(&a->store, oc->key);
    if (row) {
        camprows_rank(row, &a->src[row->source].rules, false);
        sync_check_alarms(a, row);
    }
    table_set_rows(&a->camps, (const void *const *)a->store.rows, a->store.n);
    poller_succeeded(&oc->poll, now);
    app_dirty(a);
}

static void on_page(api_contact_page_t *pg, const api_error_t *err, void *ud)
{
    app_t *a = ud;
    open_campaign_t *oc = &a->oc;
    double now = poller_now();
    long idx = oc->page_loading;
    oc->page_op = 0;
    oc->page_loading = -1;
    if (err && err->kind == API_ERR_UNSUPPORTED) {
        /* no request could even be built: asking again would change nothing */
        snprintf(oc->contacts_unavailable, sizeof oc->contacts_unavailable, "%s", err->message);
        app_dirty(a);
        return;
    }
    if (err) {
        oc->page_failures++;
        double wait = oc->poll.interval_s * (oc->page_failures < 4 ? 1 << oc->page_failures : 16);
        if (err->kind == API_ERR_RATE_LIMITED && err->retry_after_s > 0)
            wait = (double)err->retry_after_s;
        oc->page_retry_at = now + wait;
        app_flash(a, POLLER_SEV_WARN, "contacts page %ld: %s", idx + 1, err->message);
        return;
    }
    oc->page_failures = 0;
    long first_page = oc->top / oc->cache.page_size;
    long last_page = (oc->top + oc->rows_visible) / oc->cache.page_size;
    if (oc->walking && idx < first_page && !contacts_view_wants_all(a)) {
        /* passing through on the way to a far page: its cursor, no rows,
         * and a redraw of the progress at most once a second */
        contacts_pass_page(&oc->cache, idx, pg);
        api_contact_page_free(pg);
        free(pg);
        oc->walk_page = idx;
        if (now - oc->walk_drawn_at >= 1.0) {
            oc->walk_drawn_at = now;
            app_dirty(a);
        }
        return;
    }
    oc->walking = false;
    contacts_store_page(&oc->cache, idx, pg, now);
    api_contact_page_free(pg);
    free(pg);
    if (contacts_view_wants_all(a)) {
        /* the filter covers every page: none is dropped, up to a cap */
        if (contacts_loaded_rows(&oc->cache) >= CONTACT_ALL_MAX_ROWS) {
            oc->all_stopped = true;
            app_flash(a, POLLER_SEV_WARN, "contacts: the filter covers the first %d loaded",
                      CONTACT_ALL_MAX_ROWS);
        }
    } else {
        contacts_evict(&oc->cache, first_page - 2, last_page + 2, CONTACT_MAX_PAGES);
    }
    app_dirty(a);
}

void sync_open_campaign(app_t *a, const camp_row_t *row)
{
    open_campaign_t *oc = &a->oc;
    sync_close_campaign(a);
    source_t *s = &a->src[row->source];
    if (!s->client)
        return;
    oc->open = true;
    oc->source = row->source;
    snprintf(oc->key, sizeof oc->key, "%s", row->key);
    oc->id = strdup(row->m.id ? row->m.id : "");
    contacts_init(&oc->cache, CONTACT_PAGE_SIZE, client_driver(s->client)->contact_page_style);
    poller_init(&oc->poll, s->profile->poll_interval_s, poller_now());
    oc->page_loading = -1;
    oc->server_state = CONTACT_UNKNOWN;
    oc->sel = oc->top = 0;
    oc->rows_visible = 20;
    oc->gen_seen = (unsigned long)-1;
}

void sync_close_campaign(app_t *a)
{
    open_campaign_t *oc = &a->oc;
    if (!oc->open)
        return;
    client_t *cl = a->src[oc->source].client;
    if (cl && oc->summary_op)
        client_cancel(cl, oc->summary_op);
    if (cl && oc->page_op)
        client_cancel(cl, oc->page_op);
    figures_free(oc->figs);
    if (oc->pending) {
        model_campaign_free(oc->pending);
        free(oc->pending);
    }
    contacts_free(&oc->cache);
    table_free(&oc->table);
    free(oc->loaded);
    free(oc->id);
    memset(oc, 0, sizeof *oc);
}

/* The state a contacts filter names exactly ("failed", "no_answer"), when
 * the provider can filter by it; CONTACT_UNKNOWN otherwise. */
static contact_state_t server_filter_state(const app_t *a)
{
    const open_campaign_t *oc = &a->oc;
    const driver_t *d = client_driver(a->src[oc->source].client);
    if (!oc->table.ops || !oc->table.filter[0] || !d->contact_filter_value)
        return CONTACT_UNKNOWN;
    for (int s = CONTACT_UNKNOWN + 1; s < CONTACT_STATE_COUNT; s++)
        if (strcmp(oc->table.filter, model_contact_state_name((contact_state_t)s)) == 0)
            return d->contact_filter_value((contact_state_t)s) ? (contact_state_t)s
                                                               : CONTACT_UNKNOWN;
    return CONTACT_UNKNOWN;
}

static void tick_open(app_t *a, double now)
{
    open_campaign_t *oc = &a->oc;
    if (!oc->open)
        return;
    client_t *cl = a->src[oc->source].client;
    contact_state_t want = server_filter_state(a);
    if (want != oc->server_state) {
        /* the cache holds either every contact or one state's: start over */
        if (oc->page_op)
            client_cancel(cl, oc->page_op);
        oc->page_op = 0;
        oc->page_loading = -1;
        contacts_free(&oc->cache);
        contacts_init(&oc->cache, CONTACT_PAGE_SIZE, client_driver(cl)->contact_page_style);
        oc->server_state = want;
        oc->sel = oc->top = 0;
        oc->all_stopped = oc->walking = oc->walk_stopped = false;
        oc->state_counts_valid = false;
        oc->gen_seen = (unsigned long)-1;
        oc->page_retry_at = 0;
    }
    const char *status_filter =
        want != CONTACT_UNKNOWN ? client_driver(cl)->contact_filter_value(want) : NULL;
    if (poller_due(&oc->poll, now)) {
        poller_started(&oc->poll, now);
        /* OmniDim: live-status, not the detail with its whole contact list */
        oc->summary_op = client_get_live(cl, oc->id, on_summary, a);
    }
    if (oc->page_op || now < oc->page_retry_at || oc->contacts_unavailable[0])
        return;
    api_page_t pg;
    long idx = contacts_next_fetch(&oc->cache, oc->top, oc->top + oc->rows_visible, now,
                                   oc->poll.interval_s, &pg);
    /* nothing visible due: a filter or sort loads the rest, page by page
     * (never refetching a loaded one) */
    if (idx < 0 && contacts_view_wants_all(a) && !contacts_complete(&oc->cache)) {
        long count = contacts_count(&oc->cache);
        idx = contacts_next_fetch(&oc->cache, 0, count > 0 ? count - 1 : 0, now, 1e12, &pg);
    }
    if (idx < 0)
        return;
    /* a page before the window: walking cursor pages toward it */
    long first_page = oc->top / oc->cache.page_size;
    if (idx < first_page && !contacts_view_wants_all(a)) {
        if (oc->walk_stopped)
            return;
        oc->walking = true;
        oc->walk_to = first_page;
    }
    oc->page_loading = idx;
    oc->page_op = client_list_contacts(cl, oc->id, &pg, status_filter, on_page, a);
}

/* --- the loop's side ------------------------------------------------------ */

client_t *sync_client_new(app_t *a, const config_profile_t *p, char *err, size_t err_len)
{
    if (!a->transport && !(a->transport = http_transport_new())) {
        const char *why = http_transport_unavailable(); /* libcurl missing: what to install */
        snprintf(err, err_len, "%s", why ? why : "could not start the HTTP transport");
        return NULL;
    }
    return client_new_on(a->transport, p, NULL, err, err_len);
}

void sync_start(app_t *a)
{
    double now = poller_now();
    for (size_t i = 0; i < a->nsrc; i++) {
        const config_profile_t *p = a->src[i].profile;
        a->src[i].rules = (camprows_rules_t){p->fail_warn_pct, p->fail_alert_pct, p->stall_polls};
        client_t *c = a->src[i].client;
        a->src[i].net.insecure = c && http_is_insecure(client_http(c));
        a->src[i].list_cap = LIST_MAX_CAMPAIGNS;
    }
    for (size_t i = 0; i < a->nsrc; i++)
        poller_init(&a->src[i].poll,
                  a->src[i].profile->poll_interval_s > 0 ? a->src[i].profile->poll_interval_s
                                                         : CONFIG_POLL_DEFAULT_S,
                  now);
}

/* A backend unreachable for over a minute is an alert, once per outage. */
static void tick_down(app_t *a, source_t *s, double now)
{
    if (!source_unreachable(s)) {
        s->down_since = 0;
        s->down_alerted = false;
        return;
    }
    if (s->down_since <= 0)
        s->down_since = now;
    if (!s->down_alerted && now - s->down_since > ALERTS_UNREACHABLE_S) {
        s->down_alerted = true;
        app_raise_alert(a, ALERT_UNREACHABLE, s->index, NULL);
    }
}

void sync_tick(app_t *a, double now)
{
    alerts_reap(&a->alerts);
    for (size_t i = 0; i < a->nsrc; i++) {
        source_t *s = &a->src[i];
        s->index = (int)i;
        tick_down(a, s, now);
        sync_live_tick(a, s, now);
        if (!s->client || !poller_due(&s->poll, now))
            continue;
        poller_started(&s->poll, now);
        list_start(a, (int)i);
    }
    tick_open(a, now);
}

void sync_refresh_now(app_t *a)
{
    double now = poller_now();
    for (size_t i = 0; i < a->nsrc; i++)
        poller_request_now(&a->src[i].poll, now);
    if (a->oc.open) {
        poller_request_now(&a->oc.poll, now);
        a->oc.page_retry_at = 0;
    }
}

long sync_timeout_ms(const app_t *a, double now)
{
    long t = TICK_MS;
    for (size_t i = 0; i < a->nsrc; i++) {
        if (!a->src[i].client)
            continue;
        long d = poller_ms_until_due(&a->src[i].poll, now);
        if (d >= 0 && d < t)
            t = d;
    }
    if (a->oc.open) {
        long d = poller_ms_until_due(&a->oc.poll, now);
        if (d >= 0 && d < t)
            t = d;
    }
    long d = sync_live_timeout_ms(a, now);
    return d < t ? d : t;
}

bool sync_wait(app_t *a, long timeout_ms)
{
    /* The one wait: a key, any profile's transfer or timer, or the
     * loop's own timeout, whichever comes first. */
    bool ready = false;
    if (a->transport) {
        if (http_transport_poll(a->transport, STDIN_FILENO, (int)timeout_ms, &ready) < 0)
            ready = true; /* let the loop run; the transport reports errors */
        return ready;
    }
    struct pollfd pfd = {STDIN_FILENO, POLLIN, 0};
    return poll(&pfd, 1, (int)timeout_ms) > 0;
}

void sync_stop(app_t *a)
{
    sync_close_campaign(a);
    for (size_t i = 0; i < a->nsrc; i++) {
        list_all_free(a->src[i].list);
        a->src[i].list = NULL;
        figures_free(a->src[i].figs);
        a->src[i].figs = NULL;
        acc_clear(&a->src[i]);
        client_free(a->src[i].client);
        a->src[i].client = NULL;
    }
    http_transport_free(a->transport);
    a->transport = NULL;
}
