/* dialtop-sim's option table; see sim_opts.h. */
#include "sim_opts.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli_opts.h"
#include "dialer.h"
#include "server.h"
#include "simtime.h"

enum {
    O_HELP = 'h',
    O_VERSION = 256,
    O_LISTEN, O_API_KEY, O_SPEED, O_SEED, O_START_TIME, O_OUTCOMES, O_CALL_DURATION,
    O_DEMO, O_GENERATE, O_STATE, O_LATENCY, O_FAIL_RATE, O_FAIL_ACTIONS, O_BURST,
    O_WINDOW, O_TRUEDY_QUOTA, O_DROP_RATE, O_MALFORMED_RATE, O_WEBHOOK_URL,
    O_WEBHOOK_TRIES, O_WEBHOOK_BACKOFF,
};

/* One row per flag: how getopt_long reads it, its --help line, and the
 * sentence that refuses a value it cannot take (NULL when every value is
 * taken: an empty one is refused by cli_opts as missing). */
typedef struct {
    cli_opt_t opt;
    const char *expect;
} sim_opt_t;

static const sim_opt_t table[] = {
    {{"listen", 0, CLI_VALUE, O_LISTEN, "ADDR:PORT",
      "address and port (default 127.0.0.1:8765; port 0 = any free)"},
     "expected IPV4:PORT such as 127.0.0.1:0"},
    {{"api-key", 0, CLI_VALUE, O_API_KEY, "KEY",
      "required API key (better: env DIALTOP_SIM_API_KEY);\nneeded to --listen off loopback"},
     NULL},
    {{"speed", 0, CLI_VALUE, O_SPEED, "F",
      "simulated seconds per real second (default 1, 0 freezes)"},
     "expected a number from 0 to 1000000"},
    {{"seed", 0, CLI_VALUE, O_SEED, "N", "random seed (default 1)"},
     "expected a non-negative integer"},
    {{"start-time", 0, CLI_VALUE, O_START_TIME, "ISO", "simulated time at start (default now)"},
     "expected an ISO 8601 time such as 2026-01-05T09:00:00Z"},
    {{"outcomes", 0, CLI_VALUE, O_OUTCOMES, "SPEC",
      "e.g. completed=0.55,no_answer=0.2,busy=0.1,voicemail=0.1,failed=0.05"},
     "expected name=weight pairs (completed, no_answer, busy, voicemail, failed)"},
    {{"call-duration", 0, CLI_VALUE, O_CALL_DURATION, "A-B",
      "connected call length in seconds (default 15-150)"},
     "expected MIN-MAX seconds such as 15-150"},
    {{"demo", 0, CLI_FLAG, O_DEMO, NULL, "load demo campaigns in all three dialects"}, NULL},
    {{"generate", 0, CLI_VALUE, O_GENERATE, "N", "add N generated campaigns to each dialect"},
     "expected 0 to 1000000"},
    {{"state", 0, CLI_VALUE, O_STATE, "FILE",
      "durable state (SQLite; loaded at start, each change committed\n"
      "before its reply; an old JSON state file is migrated once)"},
     NULL},
    {{"latency-ms", 0, CLI_VALUE, O_LATENCY, "N", "added latency per request"},
     "expected 0 to 60000"},
    {{"fail-rate", 0, CLI_VALUE, O_FAIL_RATE, "R", "share of requests answered 500 (0..1)"},
     "expected a number from 0 to 1"},
    {{"fail-actions", 0, CLI_FLAG, O_FAIL_ACTIONS, NULL,
      "every state-changing request answered 500"}, NULL},
    {{"rate-limit-burst", 0, CLI_VALUE, O_BURST, "N", "N requests per window, then 429"},
     "expected 0 to 1000000"},
    {{"rate-limit-window", 0, CLI_VALUE, O_WINDOW, "S", "rate-limit window in seconds (default 10)"},
     "expected 1 to 3600 seconds"},
    {{"truedy-quota", 0, CLI_VALUE, O_TRUEDY_QUOTA, "N[/S]",
      "Truedy's rate limit, N requests per S s (default 100/60; 0 off)"},
     "expected N or N/SECONDS (0 to 1000000 per 1 to 3600 s)"},
    {{"drop-rate", 0, CLI_VALUE, O_DROP_RATE, "R",
      "share of connections dropped without an answer (0..1)"},
     "expected a number from 0 to 1"},
    {{"malformed-rate", 0, CLI_VALUE, O_MALFORMED_RATE, "R", "share of 2xx bodies cut in half (0..1)"},
     "expected a number from 0 to 1"},
    {{"webhook-url", 0, CLI_VALUE, O_WEBHOOK_URL, "URL",
      "Sarvam webhooks of the sim's own campaigns (--demo, /_sim) go here"},
     "expected an http:// or https:// URL"},
    {{"webhook-tries", 0, CLI_VALUE, O_WEBHOOK_TRIES, "N",
      "deliveries per attempt before giving up (default 5)"},
     "expected 1 to 20"},
    {{"webhook-backoff-ms", 0, CLI_VALUE, O_WEBHOOK_BACKOFF, "N",
      "wait before the second delivery, doubling after (default 1000)"},
     "expected 10 to 600000"},
    {{"help", 'h', CLI_FLAG, O_HELP, NULL, "this text"}, NULL},
    {{"version", 0, CLI_FLAG, O_VERSION, NULL, "the program's version"}, NULL},
};
#define NOPTS (sizeof table / sizeof table[0])

/* cli_opts reads a plain array of cli_opt_t. */
static void plain_table(cli_opt_t out[NOPTS])
{
    for (size_t i = 0; i < NOPTS; i++)
        out[i] = table[i].opt;
}

void sim_opts_usage(FILE *out)
{
    cli_opt_t opts[NOPTS];
    plain_table(opts);
    fputs("usage: dialtop-sim [options]\n", out);
    cli_opts_help(out, opts, NOPTS, 25);
    fputs("The first stdout line is \"listening on http://ADDR:PORT\".\n"
          "Runtime control: GET /_sim/health, GET /_sim/stats, POST /_sim/faults, "
          "POST /_sim/campaigns.\n",
          out);
}

static bool is_http_url(const char *s)
{
    return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

void sim_opts_defaults(sim_opts_t *o)
{
    memset(o, 0, sizeof *o);
    sim_config_defaults(&o->cfg);
    snprintf(o->addr, sizeof o->addr, "%s", "127.0.0.1");
    o->port = 8765;
    const char *key = getenv("DIALTOP_SIM_API_KEY");
    if (key && *key)
        o->cfg.api_key = key;
    /* The webhook URL carries the receiver's token in its path, so
     * `dialtop --demo` hands it over here rather than in argv (ps shows
     * argv); --webhook-url still wins. */
    const char *hook = getenv("DIALTOP_SIM_WEBHOOK_URL");
    if (hook && is_http_url(hook))
        o->cfg.webhook_url = hook;
}

static bool parse_double(const char *s, double min, double max, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (!*s || errno || *end || !(v >= min && v <= max))
        return false;
    *out = v;
    return true;
}

static bool parse_long(const char *s, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || errno || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

/* parse_long into an int field. */
static bool parse_int(const char *s, long min, long max, int *out)
{
    long n;
    if (!parse_long(s, min, max, &n))
        return false;
    *out = (int)n;
    return true;
}

static bool parse_call_duration(const char *v, dialer_config_t *d)
{
    int a, b;
    char tail;
    if (sscanf(v, "%d-%d%c", &a, &b, &tail) != 2 || a < 1 || b < a || b > 86400)
        return false;
    d->min_call_s = a;
    d->max_call_s = b;
    return true;
}

/* N or N/SECONDS. */
static bool parse_quota(const char *v, sim_config_t *cfg)
{
    char num[32];
    const char *slash = strchr(v, '/');
    long n, w = 60;
    snprintf(num, sizeof num, "%.*s", slash ? (int)(slash - v) : (int)strlen(v), v);
    if (!parse_long(num, 0, 1000000, &n) || (slash && !parse_long(slash + 1, 1, 3600, &w)))
        return false;
    cfg->truedy_quota = (int)n;
    cfg->truedy_quota_window_s = (int)w;
    return true;
}

/* Takes the value v of option id into o; false when it cannot. */
static bool take_value(sim_opts_t *o, int id, const char *v)
{
    sim_config_t *c = &o->cfg;
    long n;
    switch (id) {
    case O_LISTEN: return server_parse_listen(v, o->addr, sizeof o->addr, &o->port);
    case O_API_KEY: c->api_key = v; return true;
    case O_SPEED: return parse_double(v, 0, 1e6, &c->speed);
    case O_SEED:
        if (!parse_long(v, 0, 2147483647L, &n))
            return false;
        c->seed = (uint64_t)n;
        return true;
    case O_START_TIME: return simtime_iso_parse(v, NULL, &c->start_time) && c->start_time > 0;
    case O_OUTCOMES: return dialer_parse_rates(&c->dialer, v);
    case O_CALL_DURATION: return parse_call_duration(v, &c->dialer);
    case O_GENERATE: return parse_long(v, 0, 1000000, &o->generate);
    case O_STATE: c->state_path = v; return true;
    case O_LATENCY: return parse_int(v, 0, 60000, &c->faults.latency_ms);
    case O_FAIL_RATE: return parse_double(v, 0, 1, &c->faults.fail_rate);
    case O_BURST: return parse_int(v, 0, 1000000, &c->faults.rate_limit_burst);
    case O_WINDOW: return parse_int(v, 1, 3600, &c->faults.rate_limit_window_s);
    case O_TRUEDY_QUOTA: return parse_quota(v, c);
    case O_DROP_RATE: return parse_double(v, 0, 1, &c->faults.drop_rate);
    case O_MALFORMED_RATE: return parse_double(v, 0, 1, &c->faults.malformed_rate);
    case O_WEBHOOK_URL:
        c->webhook_url = v;
        return is_http_url(v);
    case O_WEBHOOK_TRIES: return parse_int(v, 1, 20, &c->webhooks.tries);
    case O_WEBHOOK_BACKOFF: return parse_int(v, 10, 600000, &c->webhooks.backoff_ms);
    default: return false;
    }
}

static const sim_opt_t *by_id(int id)
{
    for (size_t i = 0; i < NOPTS; i++)
        if (table[i].opt.id == id)
            return &table[i];
    return NULL;
}

static int bad(FILE *err, const char *flag, const char *why)
{
    fprintf(err, "dialtop-sim: %s: %s (see --help)\n", flag, why);
    return SIM_OPTS_BAD;
}

int sim_opts_parse(sim_opts_t *o, int argc, char **argv, FILE *out, FILE *err)
{
    cli_opt_t opts[NOPTS];
    plain_table(opts);
    cli_opts_t p;
    cli_opts_begin(&p, opts, NOPTS, argc, argv);
    for (int id; (id = cli_opts_next(&p)) != CLI_OPT_END;) {
        if (id == CLI_OPT_WORD || id == CLI_OPT_UNKNOWN)
            return bad(err, p.text, "unknown option");
        if (id == CLI_OPT_NO_VALUE)
            return bad(err, p.text, "needs a value");
        const sim_opt_t *s = by_id(id);
        if (id == O_HELP) {
            sim_opts_usage(out);
            return SIM_OPTS_DONE;
        } else if (id == O_VERSION) {
            fprintf(out, "dialtop-sim %s\n", DIALTOP_VERSION);
            return SIM_OPTS_DONE;
        } else if (id == O_DEMO) {
            o->demo = true;
        } else if (id == O_FAIL_ACTIONS) {
            o->cfg.faults.fail_actions = true;
        } else if (!s || !take_value(o, id, p.value)) {
            char flag[64];
            snprintf(flag, sizeof flag, "--%s", s ? s->opt.name : "?");
            return bad(err, flag, s && s->expect ? s->expect : "unknown option");
        }
    }
    return SIM_OPTS_RUN;
}
