/* The webhook receiver (`dialtop hooks`), against the targets:
 *
 *   ingest:  acknowledged (committed) webhooks per second from 8 concurrent
 *            senders, keep-alive, each POST a new attempt; target >= 1,000/s.
 *            Reference in the same run: the same 8 senders on GET /health
 *            (HTTP round trips, no database), interleaved round by round,
 *            so the ratio says what the commit costs on this machine.
 *   summary: GET .../summary of a 100,000-contact campaign over HTTP;
 *            target < 50 ms. Reference: GET /health, interleaved.
 *
 * Each figure is the median and the min over several rounds. The
 * receiver is the real binary ($DIALTOP_BIN hooks) on a fresh database;
 * the 100,000 contacts are filed through the store module itself (the
 * same code the receiver runs), since posting them would take minutes. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>

#include "hooks_child.h"
#include "hooks_store.h"
#include "sarvam_webhook.h"

#define TOKEN "bench-hooks-token-0123456789"
#define SENDERS 8
#define ROUNDS 5
#define INGEST_SECONDS 2.0
#define SUMMARY_CONTACTS 100000
#define SUMMARY_CALLS 40

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t discard(char *p, size_t s, size_t n, void *u)
{
    (void)p;
    (void)u;
    return s * n;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

typedef struct {
    const char *base;
    int id;
    bool post;               /* webhooks, else GET /health */
    double until;
    long ok, bad;
    atomic_long *seq;
} sender_t;

static void *sender(void *arg)
{
    sender_t *s = arg;
    CURL *c = curl_easy_init();
    char url[256], body[512];
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    h = curl_slist_append(h, "Expect:");
    if (s->post)
        snprintf(url, sizeof url, "%s/sarvam/%s", s->base, TOKEN);
    else
        snprintf(url, sizeof url, "%s/health", s->base);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    while (now_s() < s->until) {
        if (s->post) {
            long n = atomic_fetch_add(s->seq, 1);
            snprintf(body, sizeof body,
                     "{\"app_id\":\"app_1\",\"app_version\":1,\"attempt_id\":\"b-%ld\","
                     "\"campaign_id\":\"bench\",\"cohort_id\":\"coh\",\"completion_status\":\"completed\","
                     "\"connectivity_status\":\"connected\",\"next_action_status\":null,"
                     "\"failure_reason\":null,\"user_identifier\":\"u%ld\","
                     "\"user_phone_number\":\"+9190%08ld\",\"agent_phone_number\":\"+918000000000\","
                     "\"duration\":42}",
                     n, n, n % 5000);
            curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        }
        long code = 0;
        if (curl_easy_perform(c) == CURLE_OK &&
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK && code == 200)
            s->ok++;
        else
            s->bad++;
    }
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return NULL;
}

/* One round of 8 senders; requests answered 200 per second. */
static double round_rate(const char *base, bool post, atomic_long *seq, long *bad)
{
    sender_t s[SENDERS];
    pthread_t th[SENDERS];
    double start = now_s();
    for (int i = 0; i < SENDERS; i++) {
        s[i] = (sender_t){.base = base, .id = i, .post = post, .until = start + INGEST_SECONDS,
                          .seq = seq};
        pthread_create(&th[i], NULL, sender, &s[i]);
    }
    long ok = 0;
    for (int i = 0; i < SENDERS; i++) {
        pthread_join(th[i], NULL);
        ok += s[i].ok;
        *bad += s[i].bad;
    }
    return (double)ok / (now_s() - start);
}

static double get_ms(CURL *c, const char *url)
{
    curl_easy_setopt(c, CURLOPT_URL, url);
    double t = now_s();
    long code = 0;
    if (curl_easy_perform(c) != CURLE_OK ||
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code) != CURLE_OK || code != 200)
        return -1;
    return (now_s() - t) * 1000.0;
}

/* Files `n` contacts of campaign "big" (one attempt each, in mixed
 * states) through the store, as the receiver would. */
static bool seed_store(const char *db, long n)
{
    char err[256];
    hooks_store_t *st = hooks_store_open(db, HOOKS_SYNC_NORMAL, err, sizeof err);
    if (!st) {
        fprintf(stderr, "bench_hooks: %s\n", err);
        return false;
    }
    static const char *const conn[] = {"connected", "busy", "no_answer", "connected", "failed"};
    for (long i = 0; i < n; i++) {
        char id[32], phone[32], body[256];
        snprintf(id, sizeof id, "big-%ld", i);
        snprintf(phone, sizeof phone, "+9191%08ld", i);
        snprintf(body, sizeof body,
                 "{\"attempt_id\":\"%s\",\"campaign_id\":\"big\",\"user_phone_number\":\"%s\","
                 "\"completion_status\":\"%s\",\"connectivity_status\":\"%s\"}",
                 id, phone, i % 5 == 0 || i % 5 == 3 ? "completed" : "failed", conn[i % 5]);
        sarvam_webhook_t w;
        char why[64];
        if (sarvam_webhook_parse(body, strlen(body), &w, why, sizeof why) != SARVAM_WEBHOOK_OK ||
            hooks_store_add(st, &w, body, strlen(body), time(NULL), err, sizeof err) !=
                HOOKS_STORE_ADDED) {
            sarvam_webhook_free(&w);
            hooks_store_close(st);
            fprintf(stderr, "bench_hooks: seeding failed at %ld: %s\n", i, err);
            return false;
        }
        sarvam_webhook_free(&w);
    }
    hooks_store_close(st);
    return true;
}

static const char *program(void)
{
    const char *bin = getenv("DIALTOP_BIN");
    return bin && *bin ? bin : "build/dialtop";
}

static void bench_ingest(const char *dir, const char *sync_mode, int rounds)
{
    char db[600], err[256];
    snprintf(db, sizeof db, "%s/ingest-%s.db", dir, sync_mode);
    const char *extra[] = {"--sync", sync_mode, NULL};
    hooks_child_t h;
    if (!hooks_child_start(&h, program(), db, TOKEN, NULL, true, extra, err, sizeof err)) {
        printf("hooks_ingest: the receiver did not start: %s\n", err);
        return;
    }
    atomic_long seq = 0;
    double ing[ROUNDS], ref[ROUNDS];
    long bad = 0, refbad = 0;
    for (int r = 0; r < rounds; r++) { /* interleaved: reference, then webhooks */
        ref[r] = round_rate(h.url, false, &seq, &refbad);
        ing[r] = round_rate(h.url, true, &seq, &bad);
    }
    hooks_child_stop(&h);
    double mi = ing[0], mr = ref[0];
    for (int r = 1; r < rounds; r++) {
        mi = ing[r] < mi ? ing[r] : mi;
        mr = ref[r] < mr ? ref[r] : mr;
    }
    double med_i = median(ing, rounds), med_r = median(ref, rounds);
    printf("hooks_ingest (--sync %s): %.0f committed webhooks/s median, %.0f min, over %d "
           "rounds of %.0f s, %d senders (target >= 1000: %s); %ld not acknowledged\n",
           sync_mode, med_i, mi, rounds, INGEST_SECONDS, SENDERS,
           med_i >= 1000 ? "met" : "NOT met", bad);
    printf("hooks_ingest (--sync %s): reference GET /health %.0f/s median, %.0f min; "
           "ratio committed/health %.2f\n",
           sync_mode, med_r, mr, med_i / med_r);
}

static void bench_summary(const char *dir)
{
    char db[600], err[256];
    snprintf(db, sizeof db, "%s/summary.db", dir);
    double t0 = now_s();
    if (!seed_store(db, SUMMARY_CONTACTS))
        return;
    double seeded = now_s() - t0;
    hooks_child_t h;
    if (!hooks_child_start(&h, program(), db, TOKEN, NULL, true, NULL, err, sizeof err)) {
        printf("hooks_summary: the receiver did not start: %s\n", err);
        return;
    }
    CURL *c = curl_easy_init();
    struct curl_slist *hd = curl_slist_append(NULL, "Authorization: Bearer " TOKEN);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hd);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    char sum_url[300], health_url[300], page_url[300];
    snprintf(sum_url, sizeof sum_url, "%s/sarvam/campaigns/big/summary", h.url);
    snprintf(health_url, sizeof health_url, "%s/health", h.url);
    snprintf(page_url, sizeof page_url, "%s/sarvam/campaigns/big/attempts?offset=99900&limit=100",
             h.url);
    double s[SUMMARY_CALLS], r[SUMMARY_CALLS], p[SUMMARY_CALLS];
    bool ok = true;
    for (int i = 0; i < SUMMARY_CALLS && ok; i++) { /* interleaved */
        r[i] = get_ms(c, health_url);
        s[i] = get_ms(c, sum_url);
        p[i] = get_ms(c, page_url);
        ok = r[i] >= 0 && s[i] >= 0 && p[i] >= 0;
    }
    curl_slist_free_all(hd);
    curl_easy_cleanup(c);
    hooks_child_stop(&h);
    if (!ok) {
        printf("hooks_summary: a request failed\n");
        return;
    }
    double smin = s[0], rmin = r[0], pmin = p[0];
    for (int i = 1; i < SUMMARY_CALLS; i++) {
        smin = s[i] < smin ? s[i] : smin;
        rmin = r[i] < rmin ? r[i] : rmin;
        pmin = p[i] < pmin ? p[i] : pmin;
    }
    double sm = median(s, SUMMARY_CALLS), rm = median(r, SUMMARY_CALLS),
           pm = median(p, SUMMARY_CALLS);
    printf("hooks_summary (100,000 contacts): %.2f ms median, %.2f ms min over %d GETs "
           "(target < 50 ms: %s); reference GET /health %.2f ms median, %.2f min; "
           "ratio %.1f\n",
           sm, smin, SUMMARY_CALLS, sm < 50 ? "met" : "NOT met", rm, rmin, sm / rm);
    printf("hooks_page (last page of 100 of 100,000): %.2f ms median, %.2f ms min\n", pm, pmin);
    printf("hooks_seed: 100,000 attempts filed through the store in %.1f s (%.0f/s, one "
           "transaction each, in process)\n",
           seeded, SUMMARY_CONTACTS / seeded);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    umask(077); /* the receiver refuses a database others can read */
    curl_global_init(CURL_GLOBAL_DEFAULT);
    char dir[] = "/tmp/dialtop-bench-hooks.XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    bench_ingest(dir, "full", ROUNDS); /* the default */
    bench_ingest(dir, "normal", 3);
    bench_summary(dir);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_hooks: could not remove %s\n", dir);
    curl_global_cleanup();
    return 0;
}
