/* The --state promise over real HTTP: SIGKILL during a burst of actions
 * (from one client, then from several at once), restart on the same file,
 * and every acknowledged action is there; a corrupt file is refused at
 * start and left as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "simcall.h"
#include "simhttp.h"
#include "simproc.h"

#define KEY "durable-key"
#define NCAMP 6
static const char *const bearer[] = {"Authorization: Bearer " KEY, NULL};
static char state_path[512];

static simproc_t *start(void)
{
    /* --truedy-quota 0: with one small transaction per action the sim
     * acknowledges thousands a second, and Truedy's 100-a-minute quota
     * would answer 429 long before the kill; this test is about what
     * survives the kill, not the quota */
    const char *args[] = {"--state", state_path, "--speed", "0", "--seed", "5",
                          "--truedy-quota", "0", NULL};
    return simproc_start(KEY, args);
}

typedef struct {
    pid_t pid;
    int delay_ms;
    atomic_int acked;          /* the kill waits for a first acknowledged action */
} killer_t;

static void *killer(void *arg)
{
    killer_t *k = arg;
    struct timespec tick = {0, 1000000L};
    for (int i = 0; i < 20000 && atomic_load(&k->acked) == 0; i++)
        nanosleep(&tick, NULL);
    struct timespec ts = {k->delay_ms / 1000, (long)(k->delay_ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
    kill(k->pid, SIGKILL);
    return NULL;
}

static const char *path_for(int provider_truedy, const char *id, char *buf, size_t len, bool action,
                            bool pause)
{
    if (provider_truedy)
        snprintf(buf, len, "/api/public/v1/batch-calls/%s%s", id, action ? (pause ? "/pause" : "/resume") : "");
    else
        snprintf(buf, len, "/api/v1/calls/bulk_call/%s", id);
    return buf;
}

static void test_kill_during_burst(void **state)
{
    (void)state;
    const char *tmp = getenv("DIALTOP_TEST_TMP");
    snprintf(state_path, sizeof state_path, "%s/durable-%ld.json", tmp ? tmp : "/tmp", (long)getpid());
    unlink(state_path);
    simproc_t *sp = start();
    assert_non_null(sp);
    char ids[NCAMP][64];
    bool paused[NCAMP];
    for (int i = 0; i < NCAMP; i++) {
        char url[512], body[256];
        snprintf(url, sizeof url, "%s/_sim/campaigns", simproc_url(sp));
        snprintf(body, sizeof body, "{\"provider\":\"%s\",\"name\":\"durable %d\",\"status\":\"paused\",\"contacts\":200}",
                 i % 2 ? "truedy" : "omnidim", i);
        simhttp_t r;
        simhttp_request(&r, "POST", url, bearer, body, 0);
        assert_int_equal(r.status, 201);
        snprintf(ids[i], sizeof ids[i], "%s", simcall_str(r.json, "id"));
        simhttp_free(&r);
        paused[i] = true;
    }

    static const int delays[] = {40, 150, 260};
    for (size_t round = 0; round < sizeof delays / sizeof *delays; round++) {
        killer_t k = {simproc_pid(sp), delays[round], 0};
        pthread_t th;
        pthread_create(&th, NULL, killer, &k);
        int inflight = -1, acked = 0;
        for (int n = 0; n < 100000; n++) {
            int i = n % NCAMP;
            char path[256], url[512];
            bool to_pause = !paused[i];
            path_for(i % 2, ids[i], path, sizeof path, true, to_pause);
            snprintf(url, sizeof url, "%s%s", simproc_url(sp), path);
            simhttp_t r;
            inflight = i;
            if (i % 2)
                simhttp_request(&r, "POST", url, bearer, NULL, 0);
            else
                simhttp_request(&r, "PUT", url, bearer, to_pause ? "{\"action\":\"pause\"}" : "{\"action\":\"resume\"}", 0);
            bool ok = r.err == CURLE_OK && (r.status == 200 || r.status == 201);
            if (r.err == CURLE_OK && !ok)
                fail_msg("unexpected status %ld: %s", r.status, r.body ? r.body : "");
            simhttp_free(&r);
            if (!ok)
                break; /* the server died mid-request: this one may or may not have landed */
            paused[i] = to_pause;
            acked++;
            atomic_store(&k.acked, acked);
            inflight = -1;
        }
        pthread_join(th, NULL);
        simproc_kill(sp);
        assert_true(acked > 0);

        sp = start();
        assert_non_null(sp); /* the file is never left corrupt */
        for (int i = 0; i < NCAMP; i++) {
            char path[256], url[512];
            path_for(i % 2, ids[i], path, sizeof path, false, false);
            snprintf(url, sizeof url, "%s%s", simproc_url(sp), path);
            simhttp_t r;
            simhttp_request(&r, "GET", url, bearer, NULL, 0);
            assert_int_equal(r.status, 200);
            const char *st = simcall_str(r.json, i % 2 ? "data.status" : "details.status");
            bool is_paused = strcmp(st, "paused") == 0;
            if (i == inflight)
                paused[i] = is_paused; /* either outcome is honest for the unanswered one */
            else if (is_paused != paused[i])
                fail_msg("round %zu: campaign %s is %s, but the last acknowledged action left it %s",
                         round, ids[i], st, paused[i] ? "paused" : "running");
            simhttp_free(&r);
        }
    }
    assert_int_equal(simproc_stop(sp), 0);
    unlink(state_path);
}

/* Several clients at once, as the group commit sees them: each toggles
 * its own campaign; kill -9 while all are sending; after the restart every
 * campaign is as its client's last acknowledged action left it (the one in
 * flight at the kill may have landed or not). */
#define NCLIENTS 8

typedef struct {
    const char *base;
    char id[64];
    bool paused;               /* as last acknowledged */
    bool inflight;             /* a request was unanswered at the end */
    long bad_status;           /* an answer other than 200, 0 when none */
    atomic_int *acked;
} client_t;

static void *client(void *arg)
{
    client_t *c = arg;
    char url[512];
    snprintf(url, sizeof url, "%s/api/v1/calls/bulk_call/%s", c->base, c->id);
    for (int n = 0; n < 100000; n++) {
        bool to_pause = !c->paused;
        simhttp_t r;
        c->inflight = true;
        simhttp_request(&r, "PUT", url, bearer, to_pause ? "{\"action\":\"pause\"}" : "{\"action\":\"resume\"}", 0);
        bool ok = r.err == CURLE_OK && r.status == 200;
        /* refused at connect: sent after the kill, so never in flight */
        bool answered = r.err == CURLE_OK || r.err == CURLE_COULDNT_CONNECT;
        simhttp_free(&r);
        if (!ok) {
            /* an answer that is not 200 would be a bug; no answer is the kill */
            if (answered)
                c->inflight = false;
            if (r.err == CURLE_OK)
                c->bad_status = r.status; /* checked by the main thread */
            return NULL;
        }
        c->paused = to_pause;
        c->inflight = false;
        atomic_fetch_add(c->acked, 1);
        /* a pause between actions: at the kill most clients wait with an
         * acknowledged state, which must then be there, rather than all
         * having a request in flight that may go either way */
        struct timespec gap = {0, (long)(2 + n % 5) * 1000000L};
        nanosleep(&gap, NULL);
    }
    return NULL;
}

static void test_kill_during_parallel_clients(void **state)
{
    (void)state;
    const char *tmp = getenv("DIALTOP_TEST_TMP");
    snprintf(state_path, sizeof state_path, "%s/parallel-%ld.db", tmp ? tmp : "/tmp", (long)getpid());
    unlink(state_path);
    simproc_t *sp = start();
    assert_non_null(sp);
    client_t cl[NCLIENTS];
    atomic_int acked = 0;
    for (int i = 0; i < NCLIENTS; i++) {
        char url[512], body[256];
        snprintf(url, sizeof url, "%s/_sim/campaigns", simproc_url(sp));
        snprintf(body, sizeof body, "{\"provider\":\"omnidim\",\"name\":\"parallel %d\",\"status\":\"paused\",\"contacts\":50}", i);
        simhttp_t r;
        simhttp_request(&r, "POST", url, bearer, body, 0);
        assert_int_equal(r.status, 201);
        memset(&cl[i], 0, sizeof cl[i]);
        snprintf(cl[i].id, sizeof cl[i].id, "%s", simcall_str(r.json, "id"));
        cl[i].paused = true;
        cl[i].acked = &acked;
        simhttp_free(&r);
    }
    static const int delays[] = {60, 220};
    for (size_t round = 0; round < sizeof delays / sizeof *delays; round++) {
        atomic_store(&acked, 0);
        killer_t k = {simproc_pid(sp), delays[round], 0};
        pthread_t kt, th[NCLIENTS];
        for (int i = 0; i < NCLIENTS; i++) {
            cl[i].base = simproc_url(sp);
            pthread_create(&th[i], NULL, client, &cl[i]);
        }
        /* the kill waits for the clients' first acknowledged actions */
        for (int i = 0; i < 20000 && atomic_load(&acked) < NCLIENTS; i++) {
            struct timespec tick = {0, 1000000L};
            nanosleep(&tick, NULL);
        }
        atomic_store(&k.acked, 1);
        pthread_create(&kt, NULL, killer, &k);
        pthread_join(kt, NULL);
        for (int i = 0; i < NCLIENTS; i++) {
            pthread_join(th[i], NULL);
            if (cl[i].bad_status)
                fail_msg("campaign %s: unexpected status %ld", cl[i].id, cl[i].bad_status);
        }
        simproc_kill(sp);
        assert_true(atomic_load(&acked) >= NCLIENTS);

        sp = start();
        assert_non_null(sp); /* the database is never left corrupt */
        for (int i = 0; i < NCLIENTS; i++) {
            char url[512];
            snprintf(url, sizeof url, "%s/api/v1/calls/bulk_call/%s", simproc_url(sp), cl[i].id);
            simhttp_t r;
            simhttp_request(&r, "GET", url, bearer, NULL, 0);
            assert_int_equal(r.status, 200);
            const char *st = simcall_str(r.json, "details.status");
            bool is_paused = strcmp(st, "paused") == 0;
            if (cl[i].inflight)
                cl[i].paused = is_paused; /* either outcome is honest for the unanswered one */
            else if (is_paused != cl[i].paused)
                fail_msg("round %zu: campaign %s is %s, but its client's last acknowledged action left it %s",
                         round, cl[i].id, st, cl[i].paused ? "paused" : "running");
            simhttp_free(&r);
        }
    }
    assert_int_equal(simproc_stop(sp), 0);
    unlink(state_path);
}

static void test_corrupt_file_refused(void **state)
{
    (void)state;
    const char *tmp = getenv("DIALTOP_TEST_TMP");
    snprintf(state_path, sizeof state_path, "%s/corrupt-%ld.json", tmp ? tmp : "/tmp", (long)getpid());
    static const char junk[] = "{\"format\":\"dialtop-sim-state\",\"version\":1,\"campa";
    FILE *f = fopen(state_path, "wb");
    fputs(junk, f);
    fclose(f);
    char cmd[1200], out[4096];
    snprintf(cmd, sizeof cmd, "\"%s\" --listen 127.0.0.1:0 --state \"%s\" 2>&1", getenv("DIALTOP_SIM_BIN"),
             state_path);
    FILE *p = popen(cmd, "r");
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = '\0';
    int st = pclose(p);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) != 0);
    assert_non_null(strstr(out, "corrupt"));
    assert_null(strstr(out, "listening on"));
    f = fopen(state_path, "rb");
    char back[256];
    n = fread(back, 1, sizeof back - 1, f);
    back[n] = '\0';
    fclose(f);
    assert_string_equal(back, junk);
    unlink(state_path);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_during_burst),
        cmocka_unit_test(test_kill_during_parallel_clients),
        cmocka_unit_test(test_corrupt_file_refused),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
