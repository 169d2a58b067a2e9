/* list_all against a running dialtop-sim: every page in order with its
 * progress, the row cap (the list said cut), cancelling mid-walk (no
 * callback after), a page failing mid-way (the walk fails, nothing kept),
 * a 429 waited out, and two profiles' walks on one shared transport
 * moved by polling one of them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "list_all.h"
#include "simhttp.h"
#include "simproc.h"

#define KEY "list-all-key"
#define CAMPAIGNS 250 /* OmniDimension campaigns the sim makes: 3 pages of 100 */

typedef struct {
    simproc_t *sp;
    config_profile_t prof;
    http_transport_t *t;
    client_t *c;
} fix_t;

/* What the callbacks saw. */
typedef struct {
    int progress_calls;
    size_t rows_seen[16];
    int done_calls;
    bool failed;
    api_error_t err;
    list_all_t *ended;
    void (*on_progress)(void *fix);
    void *fix;
} seen_t;

static void on_progress(const list_all_progress_t *p, void *ud)
{
    seen_t *s = ud;
    if (s->progress_calls < 16)
        s->rows_seen[s->progress_calls] = p->rows;
    s->progress_calls++;
    if (s->on_progress)
        s->on_progress(s->fix);
}

static void on_done(list_all_t *l, const api_error_t *err, void *ud)
{
    seen_t *s = ud;
    s->done_calls++;
    s->ended = l;
    if (err) {
        s->failed = true;
        s->err = *err;
    }
}

static fix_t *start(const char *const *extra)
{
    fix_t *f = calloc(1, sizeof *f);
    const char *args[12] = {"--generate", "250", "--speed", "0"};
    size_t n = 4;
    for (size_t i = 0; extra && extra[i] && n < 11; i++)
        args[n++] = extra[i];
    args[n] = NULL;
    f->sp = simproc_start(KEY, args);
    assert_non_null(f->sp);
    setenv("LIST_ALL_KEY", KEY, 1);
    f->prof.name = "omni";
    f->prof.provider = PROVIDER_OMNIDIM;
    f->prof.base_url = (char *)simproc_url(f->sp);
    f->prof.api_key_env = "LIST_ALL_KEY";
    f->prof.poll_interval_s = 2;
    f->t = http_transport_new();
    assert_non_null(f->t);
    /* no transport retries: a failed page fails at once */
    http_options_t o;
    http_options_default(&o);
    o.max_retries = 0;
    char err[256];
    f->c = client_new_on(f->t, &f->prof, &o, err, sizeof err);
    assert_non_null(f->c);
    return f;
}

static void stop(fix_t *f)
{
    client_free(f->c);
    http_transport_free(f->t);
    assert_int_equal(simproc_stop(f->sp), 0);
    free(f);
}

/* Polls until `s` saw the end, at most `ms`. */
static void run_to_end(fix_t *f, seen_t *s, int ms)
{
    for (int waited = 0; s->done_calls == 0 && waited < ms; waited += 100)
        assert_true(http_transport_poll(f->t, -1, 100, NULL) >= 0);
    assert_int_equal(s->done_calls, 1);
}

static void free_campaigns(model_campaign_t *rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        model_campaign_free(&rows[i]);
    free(rows);
}

static void test_every_page(void **state)
{
    (void)state;
    fix_t *f = start(NULL);
    seen_t s = {0};
    list_all_spec_t spec = {.kind = LIST_ALL_CAMPAIGNS, .page_size = 100};
    list_all_t *l = list_all_start(f->c, &spec, on_progress, on_done, &s);
    assert_non_null(l);
    assert_int_equal(s.progress_calls, 0); /* nothing reports from the start */
    run_to_end(f, &s, 30000);
    assert_false(s.failed);
    assert_ptr_equal(s.ended, l);
    assert_int_equal(s.progress_calls, 3);
    assert_int_equal(s.rows_seen[0], 100);
    assert_int_equal(s.rows_seen[1], 200);
    assert_int_equal(s.rows_seen[2], CAMPAIGNS);
    assert_false(list_all_cut(l));
    assert_int_equal(list_all_requests(l), 3);
    size_t n;
    model_campaign_t *rows = list_all_take_campaigns(l, &n);
    assert_int_equal(n, CAMPAIGNS);
    /* every campaign once */
    for (size_t i = 0; i < n; i++) {
        assert_non_null(rows[i].id);
        for (size_t j = i + 1; j < n; j++)
            assert_string_not_equal(rows[i].id, rows[j].id);
    }
    list_all_free(l);
    free_campaigns(rows, n);
    stop(f);
}

static void test_cap_cuts(void **state)
{
    (void)state;
    fix_t *f = start(NULL);
    seen_t s = {0};
    list_all_spec_t spec = {.kind = LIST_ALL_CAMPAIGNS, .page_size = 100, .max_rows = 150};
    list_all_t *l = list_all_start(f->c, &spec, on_progress, on_done, &s);
    run_to_end(f, &s, 30000);
    assert_false(s.failed);
    assert_true(list_all_cut(l));
    /* the page that reached the cap is kept whole; no page after it */
    assert_int_equal(s.progress_calls, 2);
    size_t n;
    model_campaign_t *rows = list_all_take_campaigns(l, &n);
    assert_int_equal(n, 200);
    list_all_free(l);
    free_campaigns(rows, n);
    /* a cap the list does not reach cuts nothing */
    seen_t s2 = {0};
    spec.max_rows = CAMPAIGNS + 1;
    l = list_all_start(f->c, &spec, on_progress, on_done, &s2);
    run_to_end(f, &s2, 30000);
    assert_false(list_all_cut(l));
    list_all_free(l);
    stop(f);
}

static void test_cancel(void **state)
{
    (void)state;
    fix_t *f = start(NULL);
    seen_t s = {0};
    list_all_spec_t spec = {.kind = LIST_ALL_CAMPAIGNS, .page_size = 100};
    list_all_t *l = list_all_start(f->c, &spec, on_progress, on_done, &s);
    for (int waited = 0; s.progress_calls == 0 && waited < 30000; waited += 100)
        assert_true(http_transport_poll(f->t, -1, 100, NULL) >= 0);
    assert_int_equal(s.progress_calls, 1);
    assert_int_equal(client_pending(f->c), 1); /* the second page is asked for */
    list_all_free(l);
    assert_int_equal(client_pending(f->c), 0);
    for (int i = 0; i < 10; i++)
        assert_true(http_transport_poll(f->t, -1, 50, NULL) >= 0);
    assert_int_equal(s.progress_calls, 1);
    assert_int_equal(s.done_calls, 0);
    stop(f);
}

static void set_fail_rate(void *fix)
{
    fix_t *f = fix;
    char url[256];
    snprintf(url, sizeof url, "%s/_sim/faults", simproc_url(f->sp));
    static const char *const h[] = {"X-Sim-Key: " KEY, "Content-Type: application/json", NULL};
    simhttp_t r;
    simhttp_request(&r, "POST", url, h, "{\"fail_rate\": 1}", 0);
    assert_int_equal(r.status, 200);
    simhttp_free(&r);
}

static void test_page_fails_midway(void **state)
{
    (void)state;
    fix_t *f = start(NULL);
    /* after the first page, the backend answers every request 500 */
    seen_t s = {.on_progress = set_fail_rate};
    s.fix = f;
    list_all_spec_t spec = {.kind = LIST_ALL_CAMPAIGNS, .page_size = 100};
    list_all_t *l = list_all_start(f->c, &spec, on_progress, on_done, &s);
    run_to_end(f, &s, 30000);
    assert_true(s.failed);
    assert_int_equal(s.err.kind, API_ERR_SERVER);
    assert_int_equal(s.progress_calls, 1);
    size_t n = 99;
    assert_null(list_all_take_campaigns(l, &n)); /* the first page is not passed off as all */
    assert_int_equal(n, 0);
    list_all_free(l);
    stop(f);
}

static void test_rate_limit_waited(void **state)
{
    (void)state;
    /* one request per 1 s window: a page asked for right after another
     * meets a 429 */
    static const char *const limit[] = {"--rate-limit-burst", "1", "--rate-limit-window", "1",
                                        NULL};
    fix_t *f = start(limit);
    seen_t s = {0};
    list_all_spec_t spec = {.kind = LIST_ALL_CAMPAIGNS, .page_size = 100, .rate_waits = 5};
    list_all_t *l = list_all_start(f->c, &spec, on_progress, on_done, &s);
    run_to_end(f, &s, 30000);
    assert_false(s.failed);
    assert_int_equal(s.progress_calls, 3);
    assert_true(list_all_requests(l) > 3); /* the refused page was asked again */
    list_all_free(l);
    /* without waits the 429 ends the walk, for the caller to schedule */
    seen_t s2 = {0};
    spec.rate_waits = 0;
    l = list_all_start(f->c, &spec, on_progress, on_done, &s2);
    run_to_end(f, &s2, 30000);
    assert_true(s2.failed);
    assert_int_equal(s2.err.kind, API_ERR_RATE_LIMITED);
    list_all_free(l);
    stop(f);
}

/* Two profiles on one transport: polling through either moves both. */
static void test_shared_transport(void **state)
{
    (void)state;
    fix_t *f = start(NULL);
    config_profile_t truedy = f->prof;
    truedy.name = "truedy";
    truedy.provider = PROVIDER_TRUEDY;
    char err[256];
    client_t *c2 = client_new_on(f->t, &truedy, NULL, err, sizeof err);
    assert_non_null(c2);
    seen_t a = {0}, b = {0};
    list_all_spec_t spec = {.kind = LIST_ALL_CAMPAIGNS, .page_size = 100};
    list_all_t *la = list_all_start(f->c, &spec, NULL, on_done, &a);
    list_all_t *lb = list_all_start(c2, &spec, NULL, on_done, &b);
    for (int waited = 0; (!a.done_calls || !b.done_calls) && waited < 30000; waited += 100)
        assert_true(client_poll(f->c, -1, 100, NULL) >= 0);
    assert_int_equal(a.done_calls, 1);
    assert_int_equal(b.done_calls, 1);
    assert_false(a.failed);
    assert_false(b.failed);
    size_t na, nb;
    model_campaign_t *ra = list_all_take_campaigns(la, &na);
    model_campaign_t *rb = list_all_take_campaigns(lb, &nb);
    assert_int_equal(na, CAMPAIGNS);
    assert_int_equal(nb, CAMPAIGNS);
    assert_int_equal(rb[0].provider, PROVIDER_TRUEDY);
    free_campaigns(ra, na);
    free_campaigns(rb, nb);
    list_all_free(la);
    list_all_free(lb);
    client_free(c2);
    stop(f);
}

/* The blocking form the CLI uses: the same rows. */
static void test_wait(void **state)
{
    (void)state;
    fix_t *f = start(NULL);
    model_campaign_t *rows;
    size_t n;
    api_error_t e;
    assert_true(list_all_campaigns_wait(f->c, NULL, &rows, &n, &e));
    assert_int_equal(n, CAMPAIGNS);
    free_campaigns(rows, n);
    stop(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_page),
        cmocka_unit_test(test_cap_cuts),
        cmocka_unit_test(test_cancel),
        cmocka_unit_test(test_page_fails_midway),
        cmocka_unit_test(test_rate_limit_waited),
        cmocka_unit_test(test_shared_transport),
        cmocka_unit_test(test_wait),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
