/* The load of bench/bench_sim_state.sh: N clients, each on its own
 * keep-alive connection and its own OmniDimension campaign (1,000
 * contacts, so none completes within a 5-minute run), pausing and resuming
 * it as fast as the sim answers for S seconds. Prints "started" when the
 * campaigns exist and the clients start, then "acked A errors E seconds S
 * transport_errors T" where A counts the 200 answers (each an acknowledged
 * change, committed before the answer when the sim has --state), E every
 * other outcome and T those without an answer.
 *
 * usage: bench_sim_clients URL KEY CLIENTS SECONDS. Run with no arguments
 * (as `make bench` runs every bench_* binary) it says what it is for and
 * exits 0. */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

typedef struct {
    const char *base;
    const char *auth;
    double until;
    char id[64];
    long timeout_ms;           /* BENCH_TIMEOUT_MS: overload on purpose */
    long acked, errors, transport;
} client_t;

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct {
    char buf[4096];
    size_t len;
} sink_t;

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    sink_t *s = ud;
    size_t take = size * n;
    size_t room = sizeof s->buf - 1 - s->len;
    memcpy(s->buf + s->len, p, take < room ? take : room);
    s->len += take < room ? take : room;
    s->buf[s->len] = '\0';
    return size * n;
}

/* One request on the client's own handle (kept alive); the status, or 0. */
static long call(CURL *h, struct curl_slist *hdrs, const char *method, const char *url,
                 const char *body, long timeout_ms, sink_t *out)
{
    out->len = 0;
    out->buf[0] = '\0';
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body ? body : "");
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(h, CURLOPT_FORBID_REUSE, getenv("BENCH_FRESH_CONNECTIONS") ? 1L : 0L);
    if (curl_easy_perform(h) != CURLE_OK)
        return 0;
    long st = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &st);
    return st;
}

static void *run_client(void *arg)
{
    client_t *c = arg;
    CURL *h = curl_easy_init();
    struct curl_slist *hdrs = curl_slist_append(NULL, c->auth);
    hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
    char url[512];
    sink_t out;
    snprintf(url, sizeof url, "%s/api/v1/calls/bulk_call/%s", c->base, c->id);
    for (bool pause = true; mono() < c->until; pause = !pause) {
        long st = call(h, hdrs, "PUT", url, pause ? "{\"action\":\"pause\"}" : "{\"action\":\"resume\"}",
                       c->timeout_ms, &out);
        if (st == 200) {
            c->acked++;
        } else {
            c->errors++;
            if (c->errors == 1 && getenv("BENCH_SHOW_ERRORS"))
                fprintf(stderr, "%s %s: %ld %s\n", url, pause ? "pause" : "resume", st, out.buf);
        }
        if (st == 0)
            c->transport++;
    }
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(h);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        puts("bench_sim_clients: the load of bench/bench_sim_state.sh "
             "(usage: bench_sim_clients URL KEY CLIENTS SECONDS)");
        return 0;
    }
    int n = atoi(argv[3]);
    double seconds = atof(argv[4]);
    if (n < 1 || n > 1000 || seconds <= 0) {
        fprintf(stderr, "bench_sim_clients: CLIENTS 1..1000 and SECONDS > 0\n");
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    char auth[256];
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", argv[2]);
    client_t *cs = calloc((size_t)n, sizeof *cs);
    pthread_t *th = calloc((size_t)n, sizeof *th);
    if (!cs || !th)
        return 1;
    /* every client its own running campaign, so its pause and resume
     * always alternate validly (no 409 from another client's action) */
    CURL *h = curl_easy_init();
    struct curl_slist *hdrs = curl_slist_append(NULL, auth);
    char url[512];
    snprintf(url, sizeof url, "%s/_sim/campaigns", argv[1]);
    for (int i = 0; i < n; i++) {
        sink_t out;
        char body[160];
        snprintf(body, sizeof body,
                 "{\"provider\":\"omnidim\",\"name\":\"bench %d\",\"status\":\"active\",\"contacts\":%ld}", i,
                 getenv("BENCH_CONTACTS") ? atol(getenv("BENCH_CONTACTS")) : 1000L);
        long st = call(h, hdrs, "POST", url, body, 30000L, &out);
        cJSON *j = cJSON_Parse(out.buf);
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "id");
        if (st != 201 || !cJSON_IsString(id)) {
            fprintf(stderr, "bench_sim_clients: creating a campaign: %ld %s\n", st, out.buf);
            return 1;
        }
        snprintf(cs[i].id, sizeof cs[i].id, "%s", id->valuestring);
        cJSON_Delete(j);
    }
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(h);

    /* the sampler of bench_sim_state.sh counts RSS growth from here */
    printf("started\n");
    fflush(stdout);
    double t0 = mono();
    for (int i = 0; i < n; i++) {
        cs[i].base = argv[1];
        cs[i].auth = auth;
        cs[i].until = t0 + seconds;
        cs[i].timeout_ms = getenv("BENCH_TIMEOUT_MS") ? atol(getenv("BENCH_TIMEOUT_MS")) : 30000L;
        pthread_create(&th[i], NULL, run_client, &cs[i]);
    }
    long acked = 0, errors = 0, transport = 0;
    for (int i = 0; i < n; i++) {
        pthread_join(th[i], NULL);
        acked += cs[i].acked;
        errors += cs[i].errors;
        transport += cs[i].transport;
    }
    printf("acked %ld errors %ld seconds %.3f transport_errors %ld\n", acked, errors, mono() - t0, transport);
    free(cs);
    free(th);
    curl_global_cleanup();
    return 0;
}
