/* The console's network side (tui/sync.c) without a screen, against a
 * running dialtop-sim: the campaign list poll through list_all, the list
 * cut at the cap said once in the message log, the rows failing to be
 * stored (camprows_replace_source made to fail: this binary links with
 * --wrap, see the Makefile) failing the poll with the old rows kept, and
 * a backend failing after a good poll. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simhttp.h"
#include "simproc.h"
#include "ui.h"

#define KEY "sync-list-key"
#define CAMPAIGNS 250 /* OmniDimension campaigns the sim makes */

/* --wrap=camprows_replace_source: fails while `replace_fails` is set. */
bool __real_camprows_replace_source(camprows_t *s, int source, model_campaign_t *items,
                                    size_t n, double now, double asked_at, time_t wall);
bool __wrap_camprows_replace_source(camprows_t *s, int source, model_campaign_t *items,
                                    size_t n, double now, double asked_at, time_t wall);
static bool replace_fails;

bool __wrap_camprows_replace_source(camprows_t *s, int source, model_campaign_t *items,
                                    size_t n, double now, double asked_at, time_t wall)
{
    if (replace_fails)
        return false;
    return __real_camprows_replace_source(s, source, items, n, now, asked_at, wall);
}

typedef struct {
    simproc_t *sp;
    config_profile_t prof;
    app_t *a;
} fix_t;

static app_t app; /* as app_run's: one console per process */

static int setup(void **state)
{
    fix_t *f = calloc(1, sizeof *f);
    const char *args[] = {"--generate", "250", "--speed", "0", NULL};
    f->sp = simproc_start(KEY, args);
    if (!f->sp)
        return -1;
    setenv("SYNC_LIST_KEY", KEY, 1);
    f->prof.name = "omni";
    f->prof.provider = PROVIDER_OMNIDIM;
    f->prof.base_url = (char *)simproc_url(f->sp);
    f->prof.api_key_env = "SYNC_LIST_KEY";
    f->prof.poll_interval_s = 1;
    app_t *a = f->a = &app;
    memset(a, 0, sizeof *a);
    a->src = calloc(1, sizeof *a->src);
    a->src[0].profile = &f->prof;
    a->nsrc = 1;
    char err[256];
    a->src[0].client = sync_client_new(a, &f->prof, err, sizeof err);
    if (!a->src[0].client)
        return -1;
    camprows_init(&a->store);
    totals_init(&a->totals);
    view_campaigns_init_table(a);
    sync_start(a);
    replace_fails = false;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fix_t *f = *state;
    app_t *a = f->a;
    sync_stop(a);
    table_free(&a->camps);
    camprows_free(&a->store);
    msglog_free(&a->log);
    free(a->src);
    simproc_stop(f->sp);
    free(f);
    return 0;
}

/* Runs the console's loop (without keys or drawing) until `done` holds,
 * at most 30 s. Each poll is asked for at once, as the refresh key does,
 * instead of waiting out the 1 s interval: what is checked is what a poll
 * does, not when it comes. */
static void run_until(app_t *a, bool (*done)(const app_t *a, const void *arg), const void *arg)
{
    double until = poller_now() + 30;
    while (!done(a, arg) && poller_now() < until) {
        if (!a->src[0].poll.in_flight)
            sync_refresh_now(a);
        sync_tick(a, poller_now());
        sync_wait(a, sync_timeout_ms(a, poller_now()) > 50 ? 50 : 0);
    }
    assert_true(done(a, arg));
}

static bool polled_ok_after(const app_t *a, const void *arg)
{
    return a->src[0].poll.last_ok > *(const double *)arg && a->src[0].poll.failures == 0;
}

static bool failed(const app_t *a, const void *arg)
{
    (void)arg;
    return a->src[0].poll.failures > 0;
}

/* Waits for the next good list poll. */
static void next_good_poll(app_t *a)
{
    double since = a->src[0].poll.last_ok;
    run_until(a, polled_ok_after, &since);
}

/* Message-log lines holding `text`. */
static int log_lines(const app_t *a, const char *text)
{
    int n = 0;
    for (size_t i = 0; i < msglog_count(&a->log); i++)
        if (strstr(msglog_at(&a->log, i)->text, text))
            n++;
    return n;
}

static void test_list_poll(void **state)
{
    fix_t *f = *state;
    app_t *a = f->a;
    next_good_poll(a);
    assert_int_equal(a->store.n, CAMPAIGNS);
    assert_null(a->src[0].list);
    assert_false(a->src[0].net.list_cut);
    assert_int_equal(log_lines(a, "cut at"), 0);
}

static void test_cut_said_once(void **state)
{
    fix_t *f = *state;
    app_t *a = f->a;
    a->src[0].list_cap = 150;
    next_good_poll(a);
    /* the page that reached the cap is kept whole */
    assert_int_equal(a->store.n, 200);
    assert_true(a->src[0].net.list_cut);
    assert_int_equal(log_lines(a, "omni: the campaign list is cut at the first 200 campaigns"),
                     1);
    next_good_poll(a);
    assert_int_equal(log_lines(a, "cut at"), 1); /* not again on every poll */
    a->src[0].list_cap = 1000;
    next_good_poll(a);
    assert_int_equal(a->store.n, CAMPAIGNS);
    assert_false(a->src[0].net.list_cut);
    a->src[0].list_cap = 100;
    next_good_poll(a);
    assert_int_equal(log_lines(a, "cut at"), 2); /* cut anew: said anew */
}

static void test_store_failure(void **state)
{
    fix_t *f = *state;
    app_t *a = f->a;
    next_good_poll(a);
    assert_int_equal(a->store.n, CAMPAIGNS);
    replace_fails = true;
    run_until(a, failed, NULL);
    /* the poll failed, saying why; the rows on screen are the last good ones */
    assert_int_equal(a->src[0].poll.err.kind, API_ERR_PARSE);
    assert_int_equal(log_lines(a, "omni: "), 1);
    assert_int_equal(log_lines(a, "could not be stored"), 1);
    assert_int_equal(a->store.n, CAMPAIGNS);
    assert_int_equal(a->src[0].nacc, 0); /* nothing held over */
    replace_fails = false;
    next_good_poll(a);
    assert_int_equal(log_lines(a, "omni: backend answers again"), 1);
}

static void test_backend_failure(void **state)
{
    fix_t *f = *state;
    app_t *a = f->a;
    next_good_poll(a);
    char url[256];
    snprintf(url, sizeof url, "%s/_sim/faults", simproc_url(f->sp));
    static const char *const h[] = {"X-Sim-Key: " KEY, "Content-Type: application/json", NULL};
    simhttp_t r;
    simhttp_request(&r, "POST", url, h, "{\"fail_rate\": 1}", 0);
    assert_int_equal(r.status, 200);
    simhttp_free(&r);
    run_until(a, failed, NULL);
    assert_int_equal(a->src[0].poll.err.kind, API_ERR_SERVER);
    assert_int_equal(a->store.n, CAMPAIGNS);
    assert_null(a->src[0].list);
    assert_int_equal(a->src[0].nacc, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_list_poll, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cut_said_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backend_failure, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
