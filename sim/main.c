/* dialtop-sim: a local backend speaking OmniDimension, Truedy and Sarvam.
 *
 * usage: dialtop-sim [options]
 *   --listen ADDR:PORT     IPv4 address and port (default 127.0.0.1:8765);
 *                          port 0 picks a free one. The first line on
 *                          stdout is "listening on http://ADDR:PORT".
 *   --api-key KEY          required key (Bearer for OmniDim/Truedy,
 *                          X-API-Key for Sarvam). Prefer the environment
 *                          variable DIALTOP_SIM_API_KEY: argv is visible
 *                          to other users. Without a key, any is accepted,
 *                          and only a loopback --listen is allowed.
 *   --speed F              simulated seconds per real second (default 1;
 *                          60 = one minute per second; 0 freezes time)
 *   --seed N               random seed for ids, outcomes and faults (1)
 *   --start-time ISO       simulated time at start (default: now)
 *   --outcomes SPEC        outcome weights, e.g.
 *                          completed=0.55,no_answer=0.2,busy=0.1,voicemail=0.1,failed=0.05
 *   --call-duration A-B    seconds a connected call lasts (default 15-150)
 *   --demo                 load demo campaigns in all three dialects
 *                          (skipped when --state loads an existing file)
 *   --generate N           add N generated campaigns to each dialect
 *   --state FILE           keep the store in FILE, an SQLite database
 *                          (sim/state_db.h): every change is committed
 *                          before its reply, loaded at start; a state
 *                          file in the old JSON format is migrated once
 *                          (kept as FILE.json-v1); a corrupt file is
 *                          refused, never overwritten
 *   --latency-ms N         added latency per provider request
 *   --fail-rate R          share (0..1) of requests answered 500
 *   --fail-actions         every state-changing request answered 500
 *   --rate-limit-burst N   N requests per window, then 429 with the
 *                          provider's reset information
 *   --rate-limit-window S  window length in seconds (default 10)
 *   --truedy-quota N[/S]   Truedy's own rate limit: N requests per S
 *                          seconds (default 100/60, as the provider;
 *                          0 turns it off, for benchmarks)
 *   --drop-rate R          share of connections closed without an answer
 *   --malformed-rate R     share of 2xx bodies cut in half
 *   --webhook-url URL      Sarvam campaigns the sim makes itself (--demo,
 *                          --generate, /_sim/campaigns) post their per-attempt
 *                          webhooks here; API-created ones use their own
 *                          app_config.webhook_config.url
 *                          (or $DIALTOP_SIM_WEBHOOK_URL, kept out of argv
 *                          since the URL holds the receiver's token)
 *   --webhook-tries N      deliveries per attempt before giving up (5)
 *   --webhook-backoff-ms N wait before the 2nd delivery, doubling after (1000)
 *   --help, --version
 *
 * Faults can also be changed at run time: POST /_sim/faults. SIGTERM or
 * SIGINT stops the server after saving the state file. */
#include <arpa/inet.h>
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"
#include "sim.h"
#include "simtime.h"

static const char usage[] =
    "usage: dialtop-sim [options]\n"
    "  --listen ADDR:PORT     address and port (default 127.0.0.1:8765; port 0 = any free)\n"
    "  --api-key KEY          required API key (better: env DIALTOP_SIM_API_KEY);\n"
    "                         needed to --listen off loopback\n"
    "  --speed F              simulated seconds per real second (default 1, 0 freezes)\n"
    "  --seed N               random seed (default 1)\n"
    "  --start-time ISO       simulated time at start (default now)\n"
    "  --outcomes SPEC        e.g. completed=0.55,no_answer=0.2,busy=0.1,voicemail=0.1,failed=0.05\n"
    "  --call-duration A-B    connected call length in seconds (default 15-150)\n"
    "  --demo                 load demo campaigns in all three dialects\n"
    "  --generate N           add N generated campaigns to each dialect\n"
    "  --state FILE           durable state (SQLite; loaded at start, each change committed\n"
    "                         before its reply; an old JSON state file is migrated once)\n"
    "  --latency-ms N         added latency per request\n"
    "  --fail-rate R          share of requests answered 500 (0..1)\n"
    "  --fail-actions         every state-changing request answered 500\n"
    "  --rate-limit-burst N   N requests per window, then 429\n"
    "  --rate-limit-window S  rate-limit window in seconds (default 10)\n"
    "  --truedy-quota N[/S]   Truedy's rate limit, N requests per S s (default 100/60; 0 off)\n"
    "  --drop-rate R          share of connections dropped without an answer (0..1)\n"
    "  --malformed-rate R     share of 2xx bodies cut in half (0..1)\n"
    "  --webhook-url URL      Sarvam webhooks of the sim's own campaigns (--demo, /_sim) go here\n"
    "  --webhook-tries N      deliveries per attempt before giving up (default 5)\n"
    "  --webhook-backoff-ms N wait before the second delivery, doubling after (default 1000)\n"
    "  --help, --version\n"
    "The first stdout line is \"listening on http://ADDR:PORT\".\n"
    "Runtime control: GET /_sim/health, GET /_sim/stats, POST /_sim/faults, POST /_sim/campaigns.\n";

static int bad(const char *flag, const char *why)
{
    fprintf(stderr, "dialtop-sim: %s: %s (see --help)\n", flag, why);
    return 2;
}

/* 127.0.0.0/8: only this machine can connect. */
static bool addr_is_loopback(const char *addr)
{
    struct in_addr a;
    return inet_pton(AF_INET, addr, &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

static bool parse_double(const char *s, double min, double max, double *out)
{
    char *end;
    errno = 0;
    double v = s ? strtod(s, &end) : 0;
    if (!s || !*s || errno || *end || !(v >= min && v <= max))
        return false;
    *out = v;
    return true;
}

static bool parse_long(const char *s, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || !*s || errno || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

int main(int argc, char **argv)
{
    /* One thread per connection: glibc would give each its own malloc
     * arena (up to 8 per core), each keeping what it freed, so RSS grew
     * with every new client under load. Two arenas hold it flat; the
     * requests are serialised by the simulator lock anyway. */
    mallopt(M_ARENA_MAX, 2);
    sim_config_t cfg;
    sim_config_defaults(&cfg);
    char addr[64] = "127.0.0.1";
    int port = 8765;
    bool demo = false;
    long generate = 0;
    const char *key = getenv("DIALTOP_SIM_API_KEY");
    if (key && *key)
        cfg.api_key = key;
    /* The webhook URL carries the receiver's token in its path, so
     * `dialtop --demo` hands it over here rather than in argv (ps shows
     * argv); --webhook-url still wins. */
    const char *hook_env = getenv("DIALTOP_SIM_WEBHOOK_URL");
    if (hook_env && (strncmp(hook_env, "http://", 7) == 0 || strncmp(hook_env, "https://", 8) == 0))
        cfg.webhook_url = hook_env;

    for (int i = 1; i < argc; i++) {
        const char *f = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        double d;
        long n;
        if (strcmp(f, "--help") == 0 || strcmp(f, "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (strcmp(f, "--version") == 0) {
            printf("dialtop-sim %s\n", DIALTOP_VERSION);
            return 0;
        } else if (strcmp(f, "--demo") == 0) {
            demo = true;
            continue;
        } else if (strcmp(f, "--fail-actions") == 0) {
            cfg.faults.fail_actions = true;
            continue;
        }
        static const char *const with_value[] = {
            "--listen", "--api-key", "--speed", "--seed", "--start-time", "--outcomes",
            "--call-duration", "--generate", "--state", "--latency-ms", "--fail-rate",
            "--rate-limit-burst", "--rate-limit-window", "--truedy-quota", "--drop-rate",
            "--malformed-rate", "--webhook-url", "--webhook-tries", "--webhook-backoff-ms", NULL};
        bool known = false;
        for (const char *const *k = with_value; *k && !known; k++)
            known = strcmp(f, *k) == 0;
        if (!known)
            return bad(f, "unknown option");
        if (!v)
            return bad(f, "needs a value");
        i++;
        if (strcmp(f, "--listen") == 0) {
            if (!server_parse_listen(v, addr, sizeof addr, &port))
                return bad(f, "expected IPV4:PORT such as 127.0.0.1:0");
        } else if (strcmp(f, "--api-key") == 0) {
            if (!*v)
                return bad(f, "empty key");
            cfg.api_key = v;
        } else if (strcmp(f, "--speed") == 0) {
            if (!parse_double(v, 0, 1e6, &cfg.speed))
                return bad(f, "expected a number from 0 to 1000000");
        } else if (strcmp(f, "--seed") == 0) {
            if (!parse_long(v, 0, 2147483647L, &n))
                return bad(f, "expected a non-negative integer");
            cfg.seed = (uint64_t)n;
        } else if (strcmp(f, "--start-time") == 0) {
            if (!simtime_iso_parse(v, NULL, &cfg.start_time) || cfg.start_time <= 0)
                return bad(f, "expected an ISO 8601 time such as 2026-01-05T09:00:00Z");
        } else if (strcmp(f, "--outcomes") == 0) {
            if (!dialer_parse_rates(&cfg.dialer, v))
                return bad(f, "expected name=weight pairs (completed, no_answer, busy, voicemail, failed)");
        } else if (strcmp(f, "--call-duration") == 0) {
            int a, b;
            char tail;
            if (sscanf(v, "%d-%d%c", &a, &b, &tail) != 2 || a < 1 || b < a || b > 86400)
                return bad(f, "expected MIN-MAX seconds such as 15-150");
            cfg.dialer.min_call_s = a;
            cfg.dialer.max_call_s = b;
        } else if (strcmp(f, "--generate") == 0) {
            if (!parse_long(v, 0, 1000000, &generate))
                return bad(f, "expected 0 to 1000000");
        } else if (strcmp(f, "--state") == 0) {
            if (!*v)
                return bad(f, "empty file name");
            cfg.state_path = v;
        } else if (strcmp(f, "--latency-ms") == 0) {
            if (!parse_long(v, 0, 60000, &n))
                return bad(f, "expected 0 to 60000");
            cfg.faults.latency_ms = (int)n;
        } else if (strcmp(f, "--fail-rate") == 0) {
            if (!parse_double(v, 0, 1, &cfg.faults.fail_rate))
                return bad(f, "expected a number from 0 to 1");
        } else if (strcmp(f, "--rate-limit-burst") == 0) {
            if (!parse_long(v, 0, 1000000, &n))
                return bad(f, "expected 0 to 1000000");
            cfg.faults.rate_limit_burst = (int)n;
        } else if (strcmp(f, "--rate-limit-window") == 0) {
            if (!parse_long(v, 1, 3600, &n))
                return bad(f, "expected 1 to 3600 seconds");
            cfg.faults.rate_limit_window_s = (int)n;
        } else if (strcmp(f, "--truedy-quota") == 0) {
            char num[32];
            const char *slash = strchr(v, '/');
            long w = 60;
            snprintf(num, sizeof num, "%.*s", slash ? (int)(slash - v) : (int)strlen(v), v);
            bool ok = parse_long(num, 0, 1000000, &n) &&
                      (!slash || parse_long(slash + 1, 1, 3600, &w));
            if (!ok)
                return bad(f, "expected N or N/SECONDS (0 to 1000000 per 1 to 3600 s)");
            cfg.truedy_quota = (int)n;
            cfg.truedy_quota_window_s = (int)w;
        } else if (strcmp(f, "--drop-rate") == 0) {
            if (!parse_double(v, 0, 1, &cfg.faults.drop_rate))
                return bad(f, "expected a number from 0 to 1");
        } else if (strcmp(f, "--malformed-rate") == 0) {
            if (!parse_double(v, 0, 1, &d))
                return bad(f, "expected a number from 0 to 1");
            cfg.faults.malformed_rate = d;
        } else if (strcmp(f, "--webhook-url") == 0) {
            if (strncmp(v, "http://", 7) != 0 && strncmp(v, "https://", 8) != 0)
                return bad(f, "expected an http:// or https:// URL");
            cfg.webhook_url = v;
        } else if (strcmp(f, "--webhook-tries") == 0) {
            if (!parse_long(v, 1, 20, &n))
                return bad(f, "expected 1 to 20");
            cfg.webhooks.tries = (int)n;
        } else if (strcmp(f, "--webhook-backoff-ms") == 0) {
            if (!parse_long(v, 10, 600000, &n))
                return bad(f, "expected 10 to 600000");
            cfg.webhooks.backoff_ms = (int)n;
        } else {
            return bad(f, "unknown option");
        }
    }

    /* Reachable from other machines: the provider APIs and the /_sim/
     * control endpoints (faults, campaigns) would take anyone's request. */
    if (!addr_is_loopback(addr)) {
        if (!cfg.api_key) {
            fprintf(stderr, "dialtop-sim: --listen %s is reachable from other machines; set a "
                            "key first (DIALTOP_SIM_API_KEY, or --api-key)\n", addr);
            return 2;
        }
        fprintf(stderr, "dialtop-sim: warning: listening on %s, reachable from other machines: "
                        "anyone with the key can use the provider APIs and the /_sim/ control "
                        "endpoints (faults, campaigns, stats)\n", addr);
    }

    char err[1024];
    sim_t *sim = sim_new(&cfg, err, sizeof err);
    if (!sim) {
        fprintf(stderr, "dialtop-sim: %s\n", err);
        return 1;
    }
    bool fresh = !sim_loaded_state(sim);
    if ((demo && fresh && !sim_load_demo(sim)) || (generate > 0 && fresh && !sim_generate(sim, generate))) {
        fprintf(stderr, "dialtop-sim: could not create the demo campaigns (out of memory or state file not writable)\n");
        sim_free(sim);
        return 1;
    }

    /* Block the stop signals before any server thread exists, so they are
     * taken only here by sigwait; SIGPIPE from a vanished client or a
     * closed stdout must not kill the server. */
    signal(SIGPIPE, SIG_IGN);
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);

    server_t *srv = server_start(sim, addr, port, err, sizeof err);
    if (!srv) {
        fprintf(stderr, "dialtop-sim: %s\n", err);
        sim_free(sim);
        return 1;
    }
    if (!sim_start_webhooks(sim)) {
        fprintf(stderr, "dialtop-sim: could not start the webhook delivery thread\n");
        server_stop(srv);
        sim_free(sim);
        return 1;
    }
    printf("listening on http://%s:%d\n", addr, server_port(srv));
    fflush(stdout);
    if (!cfg.api_key)
        fprintf(stderr, "dialtop-sim: no API key set; every request is accepted\n");

    int sig = 0;
    sigwait(&stop, &sig);
    server_stop(srv);
    int rc = 0;
    if (!sim_save(sim, err, sizeof err)) {
        fprintf(stderr, "dialtop-sim: %s\n", err);
        rc = 1;
    }
    sim_free(sim);
    return rc;
}
