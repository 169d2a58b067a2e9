/* The network side of the console: starts polls when due (never a second
 * one while one is in flight), waits for keys and transfers together, and
 * routes answers into the store and the contacts cache. Nothing here
 * blocks longer than the timeout the loop asks for. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui.h"

#define LIST_PAGE_SIZE 100
#define LIST_MAX_CAMPAIGNS 20000
#define CONTACT_PAGE_SIZE 100
#define CONTACT_MAX_PAGES 64
/* How often the status line's "updated Ns ago" ticks. */
#define TICK_MS 1000

static void acc_clear(source_t *s)
{
    for (size_t i = 0; i < s->nacc; i++)
        model_campaign_free(&s->acc[i]);
    free(s->acc);
    s->acc = NULL;
    s->nacc = s->capacc = 0;
}

static bool acc_take(source_t *s, api_campaign_page_t *pg)
{
    if (s->nacc + pg->n > s->capacc) {
        size_t cap = s->capacc ? s->capacc * 2 : 64;
        while (cap < s->nacc + pg->n)
            cap *= 2;
        model_campaign_t *n = realloc(s->acc, cap * sizeof *n);
        if (!n)
            return false;
        s->acc = n;
        s->capacc = cap;
    }
    for (size_t i = 0; i < pg->n; i++)
        camprows_move_campaign(&s->acc[s->nacc++], &pg->items[i]);
    return true;
}

static void on_list(api_campaign_page_t *pg, const api_error_t *err, void *ud);
static void list_done(source_t *s);
static void on_list_figures(const api_error_t *err, void *ud);
static void summary_done(app_t *a, model_campaign_t *c);

static void list_request(app_t *a, int i, const api_page_t *page)
{
    source_t *s = &a->src[i];
    s->app = a;
    s->index = i;
    s->op = client_list_campaigns(s->client, page, NULL, on_list, s);
}

static void on_list(api_campaign_page_t *pg, const api_error_t *err, void *ud)
{
    source_t *s = ud; /* a->src is allocated once, so this outlives the operation */
    app_t *a = s->app;
    double now = poller_now();
    s->op = 0;
    if (err) {
        acc_clear(s);
        poller_failed(&s->poll, err, now);
        app_dirty(a);
        return;
    }
    if (pg->skipped)
        /* the rest of the page is shown; say what was left out and why */
        app_flash(a, POLLER_SEV_WARN, "%zu campaign record%s skipped: %s", pg->skipped,
                  pg->skipped == 1 ? "" : "s", pg->skip_note);
    bool ok = acc_take(s, pg);
    bool more = ok && !pg->next.end && pg->n > 0 && s->nacc < LIST_MAX_CAMPAIGNS;
    api_page_t next = pg->next;
    api_campaign_page_free(pg);
    free(pg);
    if (more) {
        list_request(a, s->index, &next);
        return;
    }
    /* Figures the list lacks (Sarvam: cohorts totals, receiver counts)
     * are read before the rows replace the old ones. */
    if (!s->figs)
        s->figs = figures_new(s->client);
    if (s->figs && figures_start_list(s->figs, s->acc, s->nacc, on_list_figures, s))
        return;
    list_done(s);
}

static void list_done(source_t *s)
{
    app_t *a = s->app;
    double now = poller_now();
    camprows_replace_source(&a->store, s->index, s->acc, s->nacc, now, time(NULL));
    acc_clear(s);
    table_set_rows(&a->camps, (const void *const *)a->store.rows, a->store.n);
    poller_succeeded(&s->poll, now);
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
        done = c->completed_contacts;
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
    camprows_update_one(&a->store, oc->source, c, now, time(NULL));
    model_campaign_free(c);
    free(c);
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
    contacts_store_page(&oc->cache, idx, pg, now);
    api_contact_page_free(pg);
    free(pg);
    long first = oc->top / oc->cache.page_size;
    long last = (oc->top + oc->rows_visible) / oc->cache.page_size;
    contacts_evict(&oc->cache, first - 2, last + 2, CONTACT_MAX_PAGES);
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

static void tick_open(app_t *a, double now)
{
    open_campaign_t *oc = &a->oc;
    if (!oc->open)
        return;
    client_t *cl = a->src[oc->source].client;
    if (poller_due(&oc->poll, now)) {
        poller_started(&oc->poll, now);
        oc->summary_op = client_get_campaign(cl, oc->id, on_summary, a);
    }
    if (oc->page_op || now < oc->page_retry_at || oc->contacts_unavailable[0])
        return;
    api_page_t pg;
    long idx = contacts_next_fetch(&oc->cache, oc->top, oc->top + oc->rows_visible, now,
                                   oc->poll.interval_s, &pg);
    if (idx < 0)
        return;
    oc->page_loading = idx;
    oc->page_op = client_list_contacts(cl, oc->id, &pg, NULL, on_page, a);
}

/* --- the loop's side ------------------------------------------------------ */

void sync_start(app_t *a)
{
    double now = poller_now();
    for (size_t i = 0; i < a->nsrc; i++)
        poller_init(&a->src[i].poll,
                  a->src[i].profile->poll_interval_s > 0 ? a->src[i].profile->poll_interval_s
                                                         : CONFIG_POLL_DEFAULT_S,
                  now);
}

void sync_tick(app_t *a, double now)
{
    for (size_t i = 0; i < a->nsrc; i++) {
        source_t *s = &a->src[i];
        if (!s->client || !poller_due(&s->poll, now))
            continue;
        poller_started(&s->poll, now);
        api_page_t first;
        api_page_first(&first, LIST_PAGE_SIZE);
        list_request(a, (int)i, &first);
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
    return t;
}

bool sync_wait(app_t *a, long timeout_ms)
{
    /* Several profiles mean several transports: all but one are driven
     * without waiting, and the wait is shortened while they have work. */
    client_t *main = NULL;
    bool others_busy = false;
    for (size_t i = 0; i < a->nsrc; i++) {
        client_t *c = a->src[i].client;
        if (!c)
            continue;
        if (!main) {
            main = c;
            continue;
        }
        client_poll(c, -1, 0, NULL);
        if (client_pending(c) > 0)
            others_busy = true;
    }
    if (others_busy && timeout_ms > 25)
        timeout_ms = 25;
    bool ready = false;
    if (main) {
        if (client_poll(main, STDIN_FILENO, (int)timeout_ms, &ready) < 0)
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
        figures_free(a->src[i].figs);
        a->src[i].figs = NULL;
        acc_clear(&a->src[i]);
        client_free(a->src[i].client);
        a->src[i].client = NULL;
    }
}
