/* Campaign-list figures from extra reads; see list_figures.h. */
#include "list_figures.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A live campaign's cohorts can grow (an upload in chunks): re-read after
 * this long. A final campaign's total never changes. */
#define TOTAL_TTL_S 60.0
/* Cohort reads per list, so a first poll of hundreds of campaigns does
 * not send hundreds of requests at once; the rest come on later polls. */
#define COHORT_READS_PER_LIST 8

typedef struct {
    char *id;
    long total;
    double at;
    bool final;
} total_t;

struct list_figures {
    client_t *c;
    total_t *totals;
    size_t ntotals, cap;
    /* the read in progress */
    model_campaign_t *rows;
    size_t n;
    size_t todo[COHORT_READS_PER_LIST];
    size_t ntodo, next;
    unsigned long http_id;
    bool running;
    bool failed;
    api_error_t err;
    list_figures_fn done;
    void *ud;
};

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

list_figures_t *list_figures_new(client_t *c)
{
    list_figures_t *lf = calloc(1, sizeof *lf);
    if (lf)
        lf->c = c;
    return lf;
}

void list_figures_cancel(list_figures_t *lf)
{
    if (lf && lf->http_id)
        http_cancel(client_http(lf->c), lf->http_id);
    if (lf) {
        lf->http_id = 0;
        lf->running = false;
    }
}

void list_figures_free(list_figures_t *lf)
{
    if (!lf)
        return;
    list_figures_cancel(lf);
    for (size_t i = 0; i < lf->ntotals; i++)
        free(lf->totals[i].id);
    free(lf->totals);
    free(lf);
}

bool list_figures_wanted(const list_figures_t *lf)
{
    const driver_t *d = client_driver(lf->c);
    const driver_ctx_t *ctx = client_driver_ctx(lf->c);
    return d->build_list_figures && ctx->hooks_url && ctx->hooks_url[0];
}

static total_t *find_total(list_figures_t *lf, const char *id)
{
    for (size_t i = 0; i < lf->ntotals; i++)
        if (strcmp(lf->totals[i].id, id) == 0)
            return &lf->totals[i];
    return NULL;
}

static void keep_total(list_figures_t *lf, const model_campaign_t *row, long total)
{
    total_t *t = find_total(lf, row->id);
    if (!t) {
        if (lf->ntotals == lf->cap) {
            size_t cap = lf->cap ? lf->cap * 2 : 32;
            total_t *grown = realloc(lf->totals, cap * sizeof *grown);
            if (!grown)
                return;
            lf->totals = grown;
            lf->cap = cap;
        }
        char *id = strdup(row->id);
        if (!id)
            return;
        t = &lf->totals[lf->ntotals++];
        t->id = id;
    }
    t->total = total;
    t->at = mono_s();
    t->final = model_campaign_state_is_terminal(row->state);
}

static void on_reply(const api_response_t *resp, const api_error_t *neterr, void *ud);

static void finish(list_figures_t *lf)
{
    lf->running = false;
    lf->http_id = 0;
    lf->done(lf->failed ? &lf->err : NULL, lf->ud);
}

static void note_error(list_figures_t *lf, const api_error_t *err)
{
    if (!lf->failed) {
        lf->failed = true;
        lf->err = *err;
    }
}

/* Sends the next read: cohorts for lf->todo[next], then the summaries. */
static void step(list_figures_t *lf)
{
    const driver_t *d = client_driver(lf->c);
    const driver_ctx_t *ctx = client_driver_ctx(lf->c);
    for (;;) {
        api_request_t req;
        api_error_t err;
        api_error_clear(&err);
        bool built;
        if (lf->next < lf->ntodo)
            built = d->build_figures(ctx, lf->rows[lf->todo[lf->next]].id, 0, &req, &err);
        else if (lf->next == lf->ntodo)
            built = d->build_list_figures(ctx, &req, &err);
        else {
            finish(lf);
            return;
        }
        if (built) {
            lf->http_id = http_submit_take(client_http(lf->c), &req, on_reply, lf, &err);
            api_request_free(&req);
            if (lf->http_id)
                return;
        }
        note_error(lf, &err);
        lf->next++;
    }
}

static void on_reply(const api_response_t *resp, const api_error_t *neterr, void *ud)
{
    list_figures_t *lf = ud;
    lf->http_id = 0;
    const driver_t *d = client_driver(lf->c);
    api_error_t err;
    api_error_clear(&err);
    if (neterr) {
        note_error(lf, neterr);
    } else if (lf->next < lf->ntodo) {
        model_campaign_t *row = &lf->rows[lf->todo[lf->next]];
        if (d->parse_figures(resp, 0, row, &err))
            keep_total(lf, row, row->total_contacts);
        else
            note_error(lf, &err);
    } else if (!d->parse_list_figures(resp, lf->rows, lf->n, &err)) {
        note_error(lf, &err);
    }
    lf->next++;
    step(lf);
}

bool list_figures_start(list_figures_t *lf, model_campaign_t *rows, size_t n,
                        list_figures_fn done, void *ud)
{
    if (!lf || lf->running || n == 0 || !list_figures_wanted(lf))
        return false;
    lf->rows = rows;
    lf->n = n;
    lf->ntodo = lf->next = 0;
    lf->failed = false;
    api_error_clear(&lf->err);
    lf->done = done;
    lf->ud = ud;
    double now = mono_s();
    for (size_t i = 0; i < n; i++) {
        if (!rows[i].id)
            continue;
        const total_t *t = find_total(lf, rows[i].id);
        if (t)
            rows[i].total_contacts = t->total;
        bool fresh = t && (t->final || now - t->at < TOTAL_TTL_S);
        if (!fresh && lf->ntodo < COHORT_READS_PER_LIST)
            lf->todo[lf->ntodo++] = i;
    }
    lf->running = true;
    step(lf);
    return true;
}
