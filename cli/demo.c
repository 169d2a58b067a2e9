/* dialtop --demo; see demo.h. */
#include "demo.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "config.h"
#include "hooks_child.h"
#include "owned_tmp.h"
#include "provider.h"
#include "sim_child.h"

/* The demo's webhook receiver: `dialtop hooks` on loopback with a
 * per-run token, its database in the demo's one temporary directory
 * (beside the sim's state), so the demo's Sarvam contacts and counts are
 * the sim's real webhooks. The directory is an owned one (owned_tmp.h):
 * the sim is handed it as its state directory, both children are noted as
 * its owners, and it goes when the demo ends, or at a later start when
 * the console was killed. */
typedef struct {
    hooks_child_t child;
    char dir[PATH_MAX - 32];
    char token[40];
} demo_hooks_t;

static void demo_hooks_stop(demo_hooks_t *h)
{
    hooks_child_stop(&h->child);
    if (h->dir[0])
        owned_tmp_remove(h->dir);
    h->dir[0] = '\0';
}

static bool demo_hooks_start(demo_hooks_t *h, char *err, size_t err_len)
{
    memset(h, 0, sizeof *h);
    /* an owned directory: swept at a later start if we are killed */
    if (!owned_tmp_make(h->dir, sizeof h->dir, err, err_len)) {
        h->dir[0] = '\0';
        return false;
    }
    hooks_child_make_token(h->token, sizeof h->token);
    char db[PATH_MAX], log[PATH_MAX];
    snprintf(db, sizeof db, "%s/hooks.db", h->dir);
    snprintf(log, sizeof log, "%s/hooks.log", h->dir);
    if (!hooks_child_start(&h->child, NULL, db, h->token, log, true, NULL, err, err_len)) {
        demo_hooks_stop(h);
        return false;
    }
    owned_tmp_add_owner(h->dir, h->child.pid); /* it writes there until it ends */
    return true;
}

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

/* One profile per provider the simulator speaks (its dialects, not the
 * registry: a provider it cannot serve has no demo), all on the child's
 * URL with its key. The simulator accepts any org and workspace. */
static bool demo_build_config(config_t *cfg, const sim_child_t *sim, const demo_hooks_t *hooks)
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
        const provider_desc_t *d = provider_get(profiles[i].provider);
        if (d->needs_org_workspace &&
            (!(p->org_id = strdup("demo-org")) || !(p->workspace_id = strdup("demo-ws"))))
            return false;
        if (d->uses_receiver && (!(p->hooks_url = strdup(hooks->child.url)) ||
                                 !(p->hooks_token = strdup(hooks->token))))
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
    demo_hooks_t hooks;
    if (!demo_hooks_start(&hooks, err, sizeof err)) {
        fprintf(stderr, "dialtop: --demo: the webhook receiver: %s\n", err);
        return 1;
    }
    /* The sim posts its Sarvam attempts to the receiver; the URL holds the
     * token, so it goes by environment, not argv. */
    char hook_url[256];
    snprintf(hook_url, sizeof hook_url, "%s/sarvam/%s", hooks.child.url, hooks.token);
    setenv("DIALTOP_SIM_WEBHOOK_URL", hook_url, 1);
    bool started = sim_child_start(&sim, program, hooks.dir, args, err, sizeof err);
    unsetenv("DIALTOP_SIM_WEBHOOK_URL");
    memset(hook_url, 0, sizeof hook_url);
    if (!started) {
        fprintf(stderr, "dialtop: --demo: %s\n", err);
        demo_hooks_stop(&hooks);
        return 1;
    }
    owned_tmp_add_owner(hooks.dir, sim.pid);
    config_t cfg;
    if (!demo_build_config(&cfg, &sim, &hooks)) {
        config_free(&cfg);
        sim_child_stop(&sim);
        demo_hooks_stop(&hooks);
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
    demo_hooks_stop(&hooks);
    return rc;
}
