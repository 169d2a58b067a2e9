/* dialtop --demo; see demo.h. */
#include "demo.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "sim_child.h"

bool demo_parse_seed(const char *s, long *out)
{
    if (!s || !*s || *s == '-' || *s == '+')
        return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < 0 || v > 2147483647L)
        return false;
    *out = v;
    return true;
}

/* One profile per provider, all on the child's URL with its key. The
 * simulator accepts any Sarvam org and workspace. */
static bool demo_build_config(config_t *cfg, const sim_child_t *sim)
{
    static const struct {
        const char *name;
        provider_t provider;
    } profiles[] = {
        {"omnidim", PROVIDER_OMNIDIM},
        {"truedy", PROVIDER_TRUEDY},
        {"sarvam", PROVIDER_SARVAM},
    };
    memset(cfg, 0, sizeof *cfg);
    for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++) {
        config_profile_t *p = config_add_profile(cfg, profiles[i].name, profiles[i].provider,
                                                 sim->url);
        if (!p || !(p->api_key = strdup(sim->api_key)))
            return false;
        p->poll_interval_s = CONFIG_POLL_MIN_S;
        if (profiles[i].provider == PROVIDER_SARVAM &&
            (!(p->org_id = strdup("demo-org")) || !(p->workspace_id = strdup("demo-ws"))))
            return false;
    }
    return true;
}

int demo_run(const app_options_t *o, long seed)
{
    char program[PATH_MAX];
    if (!sim_child_find_program(program, sizeof program)) {
        fprintf(stderr, "dialtop: --demo needs dialtop-sim, which is neither in "
                        "$DIALTOP_SIM_BIN, beside dialtop, nor in $PATH\n");
        return 1;
    }
    char seed_text[24];
    snprintf(seed_text, sizeof seed_text, "%ld", seed);
    const char *args[] = {"--demo", "--seed", seed_text, "--speed", DEMO_SIM_SPEED, NULL};
    sim_child_t sim;
    char err[256];
    if (!sim_child_start(&sim, program, NULL, args, err, sizeof err)) {
        fprintf(stderr, "dialtop: --demo: %s\n", err);
        return 1;
    }
    config_t cfg;
    if (!demo_build_config(&cfg, &sim)) {
        config_free(&cfg);
        sim_child_stop(&sim);
        fprintf(stderr, "dialtop: --demo: out of memory\n");
        return 1;
    }
    app_options_t opt = *o;
    opt.config = &cfg;
    opt.config_path = NULL;
    opt.profile = NULL;
    opt.all_profiles = true;
    int rc = app_run(&opt);
    config_free(&cfg); /* empty unless app_run failed before taking it */
    sim_child_stop(&sim);
    return rc;
}
