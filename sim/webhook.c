/* Outgoing webhook deliveries; see webhook.h. */
#include "webhook.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "curl_lazy.h"
#include "dynbuf.h"

typedef struct hook {
    char *campaign, *attempt_id, *url, *payload;
    int tries;                 /* made so far in this round */
    double due;                /* monotonic seconds */
    bool queued, running;
    bool again;                /* a retry named while being sent: one more round after */
    struct hook *qnext;
} hook_t;

struct webhooks {
    webhooks_config_t cfg;
    pthread_mutex_t lock;      /* guards everything below */
    pthread_cond_t wake;
    hook_t **all;              /* every attempt posted, for retry */
    size_t n, cap;
    hook_t *head, *tail;       /* the queue, oldest first */
    long queued, delivered, failed_tries, gave_up;
    bool started, stop;
    atomic_bool stopping;      /* read by a POST in flight, without the lock */
    pthread_t thread;
    void (*tick)(void *ud);
    void *tick_ud;
};

static double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void webhooks_config_defaults(webhooks_config_t *cfg)
{
    cfg->tries = 5;
    cfg->backoff_ms = 1000;
    cfg->timeout_ms = 5000;
    cfg->tick_ms = 200;
    cfg->remember = 100000;
}

webhooks_t *webhooks_new(const webhooks_config_t *cfg)
{
    webhooks_t *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    if (cfg)
        w->cfg = *cfg;
    else
        webhooks_config_defaults(&w->cfg);
    if (w->cfg.tries < 1)
        w->cfg.tries = 1;
    if (w->cfg.tick_ms < 10)
        w->cfg.tick_ms = 10;
    if (w->cfg.remember < 10)
        w->cfg.remember = 10;
    pthread_mutex_init(&w->lock, NULL);
    /* the thread waits on a monotonic clock: a wall-clock jump must not
     * stall deliveries */
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&w->wake, &ca);
    pthread_condattr_destroy(&ca);
    return w;
}

static void hook_free(hook_t *h)
{
    free(h->campaign);
    free(h->attempt_id);
    free(h->url);
    free(h->payload);
    free(h);
}

static void webhooks_stop(webhooks_t *w);

void webhooks_free(webhooks_t *w)
{
    if (!w)
        return;
    webhooks_stop(w);
    for (size_t i = 0; i < w->n; i++)
        hook_free(w->all[i]);
    free(w->all);
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    free(w);
}

/* Caller holds the lock. */
static void enqueue(webhooks_t *w, hook_t *h, double due)
{
    h->due = due;
    h->queued = true;
    h->qnext = NULL;
    if (w->tail)
        w->tail->qnext = h;
    else
        w->head = h;
    w->tail = h;
    w->queued++;
    pthread_cond_signal(&w->wake);
}

/* Forgets the oldest tenth of the settled attempts (not queued, not
 * being sent). Caller holds the lock. */
static void forget_oldest(webhooks_t *w)
{
    size_t drop = w->n / 10 + 1, kept = 0, dropped = 0;
    for (size_t i = 0; i < w->n; i++) {
        hook_t *h = w->all[i];
        if (dropped < drop && !h->queued && !h->running) {
            hook_free(h);
            dropped++;
        } else {
            w->all[kept++] = h;
        }
    }
    w->n = kept;
}

bool webhooks_post(webhooks_t *w, const char *campaign, const char *attempt_id, const char *url,
                   const char *payload)
{
    hook_t *h = calloc(1, sizeof *h);
    if (!h)
        return false;
    h->campaign = strdup(campaign);
    h->attempt_id = strdup(attempt_id);
    h->url = strdup(url);
    h->payload = strdup(payload);
    if (!h->campaign || !h->attempt_id || !h->url || !h->payload) {
        hook_free(h);
        return false;
    }
    pthread_mutex_lock(&w->lock);
    if ((long)w->n >= w->cfg.remember)
        forget_oldest(w);
    hook_t **all = dyn_grow(w->all, &w->cap, w->n + 1, sizeof *all, 64);
    if (!all) {
        pthread_mutex_unlock(&w->lock);
        hook_free(h);
        return false;
    }
    w->all = all;
    w->all[w->n++] = h;
    enqueue(w, h, mono_now());
    pthread_mutex_unlock(&w->lock);
    return true;
}

size_t webhooks_retry(webhooks_t *w, const char *campaign, const char *const *ids, size_t n)
{
    size_t queued = 0;
    double now = mono_now();
    pthread_mutex_lock(&w->lock);
    for (size_t i = 0; i < n; i++) {
        /* newest first: a retry is most often for a recent attempt */
        for (size_t j = w->n; j-- > 0;) {
            hook_t *h = w->all[j];
            if (strcmp(h->attempt_id, ids[i]) != 0 || strcmp(h->campaign, campaign) != 0)
                continue;
            if (h->running) {
                /* the receiver may already have this copy; the retry was
                 * accepted, so it gets one more, as a fresh round */
                if (!h->again)
                    queued++;
                h->again = true;
            } else if (!h->queued) { /* queued already: named twice, or still trying */
                h->tries = 0;
                enqueue(w, h, now);
                queued++;
            }
            break;
        }
    }
    pthread_mutex_unlock(&w->lock);
    return queued;
}

static size_t discard(void *data, size_t size, size_t n, void *ud)
{
    (void)data;
    (void)ud;
    return size * n;
}

/* A receiver that hangs must not hold up the sim's exit. */
static int abort_on_stop(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)dt;
    (void)dn;
    (void)ut;
    (void)un;
    return atomic_load(&((webhooks_t *)ud)->stopping) ? 1 : 0;
}

/* One POST; true on a 2xx answer. No lock held. */
static bool deliver(webhooks_t *w, CURL *curl, const webhooks_config_t *cfg, const hook_t *h)
{
    struct curl_slist *hdr = curl_slist_append(NULL, "Content-Type: application/json");
    if (!hdr)
        return false;
    curl_easy_setopt(curl, CURLOPT_URL, h->url);
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, h->payload);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)strlen(h->payload));
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "dialtop-sim webhooks");
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)cfg->timeout_ms);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, (long)cfg->timeout_ms);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(curl, CURLOPT_PROXY, ""); /* the receiver, not an env proxy */
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, abort_on_stop);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, w);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
#endif
    long status = 0;
    CURLcode rc = curl_easy_perform(curl);
    if (rc == CURLE_OK)
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(hdr);
    return rc == CURLE_OK && status >= 200 && status < 300;
}

/* The first queued delivery that is due, unlinked; else NULL and *next
 * the earliest due time. Caller holds the lock. */
static hook_t *take_due(webhooks_t *w, double now, double *next)
{
    hook_t *prev = NULL;
    for (hook_t *h = w->head; h; prev = h, h = h->qnext) {
        if (h->due > now) {
            if (h->due < *next)
                *next = h->due;
            continue;
        }
        if (prev)
            prev->qnext = h->qnext;
        else
            w->head = h->qnext;
        if (w->tail == h)
            w->tail = prev;
        h->qnext = NULL;
        return h;
    }
    return NULL;
}

static void *run(void *arg)
{
    webhooks_t *w = arg;
    /* made with the first hook due, not here: a sim that sends no webhook
     * never loads libcurl (curl_lazy.h) */
    CURL *curl = NULL;
    bool told = false;
    double last_tick = 0;
    pthread_mutex_lock(&w->lock);
    while (!w->stop) {
        double now = mono_now();
        if (w->tick && now - last_tick >= w->cfg.tick_ms / 1000.0) {
            last_tick = now;
            pthread_mutex_unlock(&w->lock);
            w->tick(w->tick_ud); /* takes the sim lock, may post */
            pthread_mutex_lock(&w->lock);
            continue;
        }
        double next = last_tick + w->cfg.tick_ms / 1000.0;
        hook_t *h = take_due(w, now, &next);
        if (h) {
            h->running = true;
            pthread_mutex_unlock(&w->lock);
            if (!curl && !(curl = curl_easy_init()) && !told) {
                /* once; every try then fails and is counted as one */
                const char *no_curl = curl_lazy_unavailable();
                fprintf(stderr, "dialtop-sim: webhooks cannot be sent: %s\n",
                        no_curl ? no_curl : "curl_easy_init failed");
                told = true;
            }
            bool ok = curl && deliver(w, curl, &w->cfg, h);
            pthread_mutex_lock(&w->lock);
            h->running = false;
            h->queued = false;
            w->queued--;
            h->tries++;
            if (ok)
                w->delivered++;
            else
                w->failed_tries++;
            if (h->again) { /* named again while this try ran: a fresh round */
                h->again = false;
                h->tries = 0;
                enqueue(w, h, mono_now());
            } else if (!ok) {
                if (h->tries < w->cfg.tries) {
                    double wait = w->cfg.backoff_ms / 1000.0 * (double)(1L << (h->tries - 1 < 20 ? h->tries - 1 : 20));
                    enqueue(w, h, mono_now() + wait);
                } else {
                    w->gave_up++;
                }
            }
            continue;
        }
        double wait = next - now;
        if (wait < 0.001)
            wait = 0.001;
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        long ns = ts.tv_nsec + (long)((wait - (long)wait) * 1e9);
        ts.tv_sec += (time_t)wait + ns / 1000000000L;
        ts.tv_nsec = ns % 1000000000L;
        pthread_cond_timedwait(&w->wake, &w->lock, &ts);
    }
    pthread_mutex_unlock(&w->lock);
    if (curl)
        curl_easy_cleanup(curl);
    return NULL;
}

bool webhooks_start(webhooks_t *w, void (*tick)(void *ud), void *ud)
{
    if (w->started)
        return true;
    /* libcurl's global init is the loader's, on first use (curl_lazy.h) */
    w->tick = tick;
    w->tick_ud = ud;
    w->stop = false;
    atomic_store(&w->stopping, false);
    if (pthread_create(&w->thread, NULL, run, w) != 0)
        return false;
    w->started = true;
    return true;
}

static void webhooks_stop(webhooks_t *w)
{
    if (!w || !w->started)
        return;
    pthread_mutex_lock(&w->lock);
    w->stop = true;
    atomic_store(&w->stopping, true);
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    w->started = false;
}

void webhooks_stats(webhooks_t *w, webhooks_stats_t *out)
{
    pthread_mutex_lock(&w->lock);
    out->queued = w->queued;
    out->delivered = w->delivered;
    out->failed_tries = w->failed_tries;
    out->gave_up = w->gave_up;
    out->remembered = (long)w->n;
    pthread_mutex_unlock(&w->lock);
}
