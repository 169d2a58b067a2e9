/* Figures from extra reads; see figures.h. */
#include "figures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dynbuf.h"

/* A live campaign's cohorts can grow (an upload in chunks): re-read after
 * this long. A final campaign's total never changes. */
#define TOTAL_TTL_S 60.0
/* Cohort reads per list, so a first poll of hundreds of campaigns does
 * not send hundreds of requests at once; the rest come on later polls. */
#define COHORT_READS_PER_LIST 8
#define STEPS_MAX (COHORT_READS_PER_LIST + 1)
/* Pages of one part at most (Sarvam: 100 cohorts a page, so 1,000 pages
 * are 100,000 cohorts of up to 1,000 contacts). */
#define PAGES_MAX 1000

typedef struct {
    char *id;
    long total;
    double at;
    bool final;
} total_t;

/* One request of a read: a figures part of one row, or the list's. */
typedef struct {
    size_t row;
    size_t part;
    bool list;
} read_step_t;

struct figures {
    client_t *c;
    total_t *totals; /* list reads only */
    size_t ntotals, cap;
    /* the read in progress */
    model_campaign_t *rows;
    size_t n;
    read_step_t steps[STEPS_MAX];
    size_t nsteps, next;
    long offset;                 /* the page of the current step */
    int pages;                   /* pages read for the current step */
    bool keep_totals;
    bool to_receiver;            /* the request in flight goes to the webhook receiver */
    unsigned long http_id;
    bool running, failed;
    api_error_t err;
    figures_fn done;
    void *ud;
};

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

figures_t *figures_new(client_t *c)
{
    figures_t *f = calloc(1, sizeof *f);
    if (f)
        f->c = c;
    return f;
}

/* Stops a read in flight; its callback does not run. */
static void figures_cancel(figures_t *f)
{
    if (!f)
        return;
    if (f->http_id)
        http_cancel(client_http(f->c), f->http_id);
    f->http_id = 0;
    f->running = false;
}

void figures_free(figures_t *f)
{
    if (!f)
        return;
    figures_cancel(f);
    for (size_t i = 0; i < f->ntotals; i++)
        free(f->totals[i].id);
    free(f->totals);
    free(f);
}

static bool has_receiver(const figures_t *f)
{
    const driver_ctx_t *ctx = client_driver_ctx(f->c);
    return ctx->hooks_url && ctx->hooks_url[0];
}

/* True when the client's provider has figures for a list / one campaign
 * (Sarvam: a receiver for the list; the cohorts at least for one). */
static bool figures_wanted_list(const figures_t *f)
{
    return f && client_driver(f->c)->build_list_figures && has_receiver(f);
}

static bool figures_wanted_one(const figures_t *f)
{
    const driver_t *d = f ? client_driver(f->c) : NULL;
    return d && d->figure_parts && d->figure_parts(client_driver_ctx(f->c)) > 0;
}

static total_t *find_total(figures_t *f, const char *id)
{
    for (size_t i = 0; i < f->ntotals; i++)
        if (strcmp(f->totals[i].id, id) == 0)
            return &f->totals[i];
    return NULL;
}

static void keep_total(figures_t *f, const model_campaign_t *row)
{
    total_t *t = find_total(f, row->id);
    if (!t) {
        total_t *grown = dyn_grow(f->totals, &f->cap, f->ntotals + 1, sizeof *grown, 32);
        if (!grown)
            return;
        f->totals = grown;
        char *id = strdup(row->id);
        if (!id)
            return;
        t = &f->totals[f->ntotals++];
        t->id = id;
    }
    t->total = row->total_contacts;
    t->at = mono_s();
    t->final = model_campaign_state_is_terminal(row->state);
}

static void note_error(figures_t *f, const api_error_t *err)
{
    if (!f->failed) {
        f->failed = true;
        f->err = *err;
    }
}

static void on_reply(const api_response_t *resp, const api_error_t *neterr, void *ud);

/* Sends the next step's request; runs `done` after the last. */
static void step(figures_t *f)
{
    const driver_t *d = client_driver(f->c);
    const driver_ctx_t *ctx = client_driver_ctx(f->c);
    for (; f->next < f->nsteps; f->next++) {
        const read_step_t *s = &f->steps[f->next];
        api_request_t req;
        api_error_t err;
        api_error_clear(&err);
        bool built = s->list ? d->build_list_figures(ctx, &req, &err)
                             : d->build_figures(ctx, f->rows[s->row].id, s->part, f->offset,
                                                &req, &err);
        if (built) {
            f->to_receiver = ctx->hooks_url && req.url &&
                             strncmp(req.url, ctx->hooks_url, strlen(ctx->hooks_url)) == 0;
            f->http_id = http_submit_take(client_http(f->c), &req, on_reply, f, &err);
            api_request_free(&req);
            if (f->http_id)
                return;
        }
        note_error(f, &err);
        f->offset = 0;
        f->pages = 0;
    }
    f->running = false;
    f->http_id = 0;
    f->done(f->failed ? &f->err : NULL, f->ud);
}

static void on_reply(const api_response_t *resp, const api_error_t *neterr, void *ud)
{
    figures_t *f = ud;
    f->http_id = 0;
    const driver_t *d = client_driver(f->c);
    const read_step_t *s = &f->steps[f->next];
    api_error_t err;
    api_error_clear(&err);
    if (neterr) {
        err = *neterr;
        /* name the receiver: the provider itself may well be reachable */
        if (f->to_receiver) {
            char msg[API_ERROR_MSG_MAX + 32];
            snprintf(msg, sizeof msg, "hooks receiver: %s", neterr->message);
            memcpy(err.message, msg, sizeof err.message - 1);
            err.message[sizeof err.message - 1] = '\0';
        }
        note_error(f, &err);
    } else if (s->list) {
        if (!d->parse_list_figures(resp, f->rows, f->n, &err))
            note_error(f, &err);
    } else {
        long next_offset = 0;
        if (d->parse_figures(resp, s->part, f->offset, &f->rows[s->row], &next_offset, &err)) {
            /* another page of the same part: the same step again */
            if (next_offset > f->offset && ++f->pages < PAGES_MAX) {
                f->offset = next_offset;
                step(f);
                return;
            }
            if (next_offset > f->offset) /* a list that never ends: not a total */
                f->rows[s->row].total_contacts = -1;
            if (f->keep_totals && s->part == 0)
                keep_total(f, &f->rows[s->row]);
        } else {
            note_error(f, &err);
        }
    }
    f->offset = 0;
    f->pages = 0;
    f->next++;
    step(f);
}

static void begin(figures_t *f, model_campaign_t *rows, size_t n, figures_fn done, void *ud)
{
    f->rows = rows;
    f->n = n;
    f->next = 0;
    f->offset = 0;
    f->pages = 0;
    f->failed = false;
    api_error_clear(&f->err);
    f->done = done;
    f->ud = ud;
    f->running = true;
}

bool figures_start_list(figures_t *f, model_campaign_t *rows, size_t n, figures_fn done,
                        void *ud)
{
    if (!f || f->running || n == 0 || !figures_wanted_list(f))
        return false;
    begin(f, rows, n, done, ud);
    f->keep_totals = true;
    f->nsteps = 0;
    double now = mono_s();
    for (size_t i = 0; i < n; i++) {
        if (!rows[i].id)
            continue;
        const total_t *t = find_total(f, rows[i].id);
        if (t)
            rows[i].total_contacts = t->total;
        bool fresh = t && (t->final || now - t->at < TOTAL_TTL_S);
        if (!fresh && f->nsteps < COHORT_READS_PER_LIST)
            f->steps[f->nsteps++] = (read_step_t){i, 0, false};
    }
    f->steps[f->nsteps++] = (read_step_t){0, 0, true};
    step(f);
    return true;
}

bool figures_start_one(figures_t *f, model_campaign_t *c, figures_fn done, void *ud)
{
    if (!f || f->running || !c || !c->id || !figures_wanted_one(f))
        return false;
    begin(f, c, 1, done, ud);
    f->keep_totals = false;
    size_t parts = client_driver(f->c)->figure_parts(client_driver_ctx(f->c));
    f->nsteps = 0;
    for (size_t p = 0; p < parts && p < STEPS_MAX; p++)
        f->steps[f->nsteps++] = (read_step_t){0, p, false};
    step(f);
    return true;
}
