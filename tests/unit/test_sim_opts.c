/* dialtop-sim's option table (sim/sim_opts.c): --help lists exactly the
 * flags the parser takes, values land in the configuration, and a bad
 * flag or value is refused with one sentence naming the flag. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_opts.h"

typedef struct {
    int rc;
    char out[4096];
    char err[512];
} run_t;

/* Parses args (NULL-terminated; argv[0] added) into o, with stdout and
 * stderr captured as text. */
static run_t parse(sim_opts_t *o, const char *const *args)
{
    char *argv[32] = {"dialtop-sim"};
    int argc = 1;
    for (; args[argc - 1]; argc++)
        argv[argc] = (char *)args[argc - 1];
    run_t r = {0};
    FILE *out = fmemopen(r.out, sizeof r.out - 1, "w");
    FILE *err = fmemopen(r.err, sizeof r.err - 1, "w");
    assert_non_null(out);
    assert_non_null(err);
    unsetenv("DIALTOP_SIM_API_KEY");
    unsetenv("DIALTOP_SIM_WEBHOOK_URL");
    sim_opts_defaults(o);
    r.rc = sim_opts_parse(o, argc, argv, out, err);
    fclose(out);
    fclose(err);
    return r;
}

static void usage_text(char *buf, size_t len)
{
    FILE *f = fmemopen(buf, len - 1, "w");
    assert_non_null(f);
    memset(buf, 0, len);
    sim_opts_usage(f);
    fclose(f);
}

static void test_help_is_the_usage(void **state)
{
    (void)state;
    sim_opts_t o;
    char usage[4096];
    usage_text(usage, sizeof usage);
    run_t r = parse(&o, (const char *[]){"--help", NULL});
    assert_int_equal(r.rc, SIM_OPTS_DONE);
    assert_string_equal(r.out, usage);
    assert_string_equal(r.err, "");
    r = parse(&o, (const char *[]){"-h", NULL});
    assert_int_equal(r.rc, SIM_OPTS_DONE);
    assert_string_equal(r.out, usage);
    assert_non_null(strstr(usage, "usage: dialtop-sim [options]\n"));
    assert_non_null(strstr(usage, "\n  --listen ADDR:PORT     address and port (default "
                                  "127.0.0.1:8765; port 0 = any free)\n"));
    assert_non_null(strstr(usage, "\n  --api-key KEY          required API key (better: env "
                                  "DIALTOP_SIM_API_KEY);\n                         needed to "
                                  "--listen off loopback\n"));
    assert_non_null(strstr(usage, "\n  --truedy-quota N[/S]   Truedy's rate limit"));
    assert_non_null(strstr(usage, "\nThe first stdout line is \"listening on http://ADDR:PORT\".\n"));
}

/* Every "--flag" the help lists is one the parser takes (with a value
 * when the help shows one), and the help lists all 23 of them. */
static void test_every_listed_flag_parses(void **state)
{
    (void)state;
    char usage[4096];
    usage_text(usage, sizeof usage);
    /* a value each option accepts, by its help's value name */
    static const struct {
        const char *flag, *value;
    } good[] = {
        {"--listen", "127.0.0.1:0"}, {"--start-time", "2026-01-05T09:00:00Z"},
        {"--outcomes", "completed=1"}, {"--call-duration", "1-2"},
        {"--webhook-url", "http://127.0.0.1:9/x"}, {"--truedy-quota", "0"},
        {"--api-key", "k"}, {"--state", "f"}, {"--webhook-backoff-ms", "10"},
    };
    int listed = 0;
    for (const char *line = usage; (line = strstr(line, "\n  --")); line++) {
        char flag[64], meta[32] = "";
        int n = sscanf(line + 3, "%63s %31s", flag, meta);
        assert_true(n >= 1);
        bool has_value = n == 2 && strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ", meta[0]) && meta[0];
        const char *value = "1";
        for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
            if (strcmp(good[i].flag, flag) == 0)
                value = good[i].value;
        sim_opts_t o;
        run_t r = parse(&o, (const char *[]){flag, has_value ? value : NULL, NULL});
        if (r.rc == SIM_OPTS_BAD)
            fail_msg("%s %s: %s", flag, has_value ? value : "", r.err);
        listed++;
    }
    assert_int_equal(listed, 23);
}

static void test_values_land(void **state)
{
    (void)state;
    sim_opts_t o;
    run_t r = parse(&o, (const char *[]){"--listen", "127.0.0.2:0", "--seed", "7", "--speed=60",
                                         "--demo", "--generate", "3", "--fail-actions",
                                         "--truedy-quota", "5/30", "--latency-ms", "250",
                                         "--call-duration", "5-9", "--state", "s.db",
                                         "--webhook-tries", "4", NULL});
    assert_int_equal(r.rc, SIM_OPTS_RUN);
    assert_string_equal(r.err, "");
    assert_string_equal(o.addr, "127.0.0.2");
    assert_int_equal(o.port, 0);
    assert_int_equal(o.cfg.seed, 7);
    assert_true(o.cfg.speed == 60);
    assert_true(o.demo);
    assert_int_equal(o.generate, 3);
    assert_true(o.cfg.faults.fail_actions);
    assert_int_equal(o.cfg.truedy_quota, 5);
    assert_int_equal(o.cfg.truedy_quota_window_s, 30);
    assert_int_equal(o.cfg.faults.latency_ms, 250);
    assert_int_equal(o.cfg.dialer.min_call_s, 5);
    assert_int_equal(o.cfg.dialer.max_call_s, 9);
    assert_string_equal(o.cfg.state_path, "s.db");
    assert_int_equal(o.cfg.webhooks.tries, 4);

    /* nothing given: the documented defaults */
    r = parse(&o, (const char *[]){NULL});
    assert_int_equal(r.rc, SIM_OPTS_RUN);
    assert_string_equal(o.addr, "127.0.0.1");
    assert_int_equal(o.port, 8765);
    assert_null(o.cfg.api_key);
    assert_int_equal(o.cfg.truedy_quota, 100);
    assert_int_equal(o.cfg.truedy_quota_window_s, 60);
}

static void test_environment_then_flags(void **state)
{
    (void)state;
    char *argv[] = {"dialtop-sim", "--api-key", "from-flag", NULL};
    setenv("DIALTOP_SIM_API_KEY", "from-env", 1);
    setenv("DIALTOP_SIM_WEBHOOK_URL", "http://127.0.0.1:9/hook", 1);
    sim_opts_t o;
    sim_opts_defaults(&o);
    assert_string_equal(o.cfg.api_key, "from-env");
    assert_string_equal(o.cfg.webhook_url, "http://127.0.0.1:9/hook");
    assert_int_equal(sim_opts_parse(&o, 3, argv, stdout, stderr), SIM_OPTS_RUN);
    assert_string_equal(o.cfg.api_key, "from-flag");
    /* not a URL: ignored, as before */
    setenv("DIALTOP_SIM_WEBHOOK_URL", "ftp://x", 1);
    sim_opts_defaults(&o);
    assert_null(o.cfg.webhook_url);
    unsetenv("DIALTOP_SIM_API_KEY");
    unsetenv("DIALTOP_SIM_WEBHOOK_URL");
}

/* One sentence on stderr naming the flag, exit status 2, nothing on stdout. */
static void refused(const char *const *args, const char *message)
{
    sim_opts_t o;
    run_t r = parse(&o, args);
    assert_int_equal(r.rc, SIM_OPTS_BAD);
    assert_string_equal(r.err, message);
    assert_string_equal(r.out, "");
}

static void test_bad_flags(void **state)
{
    (void)state;
    refused((const char *[]){"--bogus", NULL}, "dialtop-sim: --bogus: unknown option (see --help)\n");
    /* whole names only: a prefix is not guessed */
    refused((const char *[]){"--spe", "3", NULL}, "dialtop-sim: --spe: unknown option (see --help)\n");
    refused((const char *[]){"stray", NULL}, "dialtop-sim: stray: unknown option (see --help)\n");
    refused((const char *[]){"--speed", NULL}, "dialtop-sim: --speed: needs a value (see --help)\n");
    refused((const char *[]){"--state", "", NULL}, "dialtop-sim: --state: needs a value (see --help)\n");
    refused((const char *[]){"--speed", "fast", NULL},
            "dialtop-sim: --speed: expected a number from 0 to 1000000 (see --help)\n");
    refused((const char *[]){"--fail-rate=2", NULL},
            "dialtop-sim: --fail-rate: expected a number from 0 to 1 (see --help)\n");
    refused((const char *[]){"--listen", "localhost", NULL},
            "dialtop-sim: --listen: expected IPV4:PORT such as 127.0.0.1:0 (see --help)\n");
    refused((const char *[]){"--truedy-quota", "5/0", NULL},
            "dialtop-sim: --truedy-quota: expected N or N/SECONDS (0 to 1000000 per 1 to 3600 s) "
            "(see --help)\n");
    refused((const char *[]){"--call-duration", "9-5", NULL},
            "dialtop-sim: --call-duration: expected MIN-MAX seconds such as 15-150 (see --help)\n");
    refused((const char *[]){"--webhook-url", "ftp://x", NULL},
            "dialtop-sim: --webhook-url: expected an http:// or https:// URL (see --help)\n");
    refused((const char *[]){"--seed", "-1", NULL},
            "dialtop-sim: --seed: expected a non-negative integer (see --help)\n");
    refused((const char *[]){"--demo=yes", NULL}, "dialtop-sim: --demo=yes: unknown option (see --help)\n");
    /* the first bad flag stops the parse: later ones are not read */
    refused((const char *[]){"--seed", "x", "--bogus", NULL},
            "dialtop-sim: --seed: expected a non-negative integer (see --help)\n");
}

static void test_version(void **state)
{
    (void)state;
    sim_opts_t o;
    run_t r = parse(&o, (const char *[]){"--version", NULL});
    assert_int_equal(r.rc, SIM_OPTS_DONE);
    assert_string_equal(r.out, "dialtop-sim " DIALTOP_VERSION "\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_is_the_usage),
        cmocka_unit_test(test_every_listed_flag_parses),
        cmocka_unit_test(test_values_land),
        cmocka_unit_test(test_environment_then_flags),
        cmocka_unit_test(test_bad_flags),
        cmocka_unit_test(test_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
