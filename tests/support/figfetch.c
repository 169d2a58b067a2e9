/* Test helper: blocking figure reads; see figfetch.h. */
#include "figfetch.h"

#include <stdlib.h>
#include <string.h>

#include "figures.h"

/* --- one campaign with its figures ------------------------------------------ */

typedef struct {
    model_campaign_t *camp;
    api_error_t err;
    bool failed, done;
} one_t;

static void on_one(model_campaign_t *c, const api_error_t *err, void *ud)
{
    one_t *o = ud;
    o->camp = c;
    if (err) {
        o->err = *err;
        o->failed = true;
    }
}

static void on_one_figures(const api_error_t *err, void *ud)
{
    one_t *o = ud;
    o->done = true;
    if (err) {
        o->err = *err;
        o->failed = true;
    }
}

bool figfetch_campaign(client_t *c, const char *id, model_campaign_t **out, api_error_t *err)
{
    *out = NULL;
    one_t o = {0};
    unsigned long op = client_get_campaign(c, id, on_one, &o);
    if (!op || !client_wait(c, op, -1) || o.failed) {
        if (!o.failed)
            api_error_set(&o.err, API_ERR_NETWORK, 0, "the campaign read did not complete");
        *err = o.err;
        return false;
    }
    figures_t *f = figures_new(c);
    if (f && figures_start_one(f, o.camp, on_one_figures, &o)) {
        while (!o.done && client_poll(c, -1, 1000, NULL) >= 0)
            ;
        if (!o.done) {
            o.failed = true;
            api_error_set(&o.err, API_ERR_NETWORK, 0, "the campaign's figures did not complete");
        }
    }
    figures_free(f);
    if (o.failed) {
        *err = o.err;
        model_campaign_free(o.camp);
        free(o.camp);
        return false;
    }
    *out = o.camp;
    return true;
}

bool figfetch_list(client_t *c, model_campaign_t *rows, size_t n, api_error_t *err)
{
    one_t o = {0};
    figures_t *f = figures_new(c);
    if (f && figures_start_list(f, rows, n, on_one_figures, &o)) {
        while (!o.done && client_poll(c, -1, 1000, NULL) >= 0)
            ;
        if (!o.done) {
            o.failed = true;
            api_error_set(&o.err, API_ERR_NETWORK, 0, "the list's figures did not complete");
        }
    }
    figures_free(f);
    if (o.failed)
        *err = o.err;
    return !o.failed;
}
