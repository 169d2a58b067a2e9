/* dialtop entry point: a headless subcommand when the first argument names
 * one, else the console. Each subcommand is one line in `subcommands`. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "actions_ui.h"
#include "cmd_action.h"
#include "cmd_followup.h"
#include "cmd_import.h"
#include "cmd_ls.h"
#include "cmd_show.h"
#include "cmd_contacts.h"
#include "cmd_hooks.h"
#include "demo.h"
#include "keys_markdown.h"
#include "process_guard.h"
#include "welcome.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv); /* argv[0] is the subcommand */
    const char *help;
} subcommand_t;

static const subcommand_t subcommands[] = {
    {"pause", cmd_action_main, "pause campaigns: dialtop pause ID..."},
    {"resume", cmd_action_main, "resume paused campaigns: dialtop resume ID..."},
    {"reschedule", cmd_action_main, "dialtop reschedule ID --at \"YYYY-MM-DD HH:MM\" --tz ZONE"},
    {"cancel", cmd_action_main, "cancel for good: dialtop cancel ID... --yes"},
    {"retry", cmd_action_main, "call the unreached again: dialtop retry ID --reasons no_answer,busy"},
    {"concurrency", cmd_action_main, "change calls at once: dialtop concurrency ID N"},
    {"ls", cmd_ls, "list campaigns: dialtop ls [--all-profiles] [--state S] [--json|--csv]"},
    {"show", cmd_show, "every field of one campaign: dialtop show ID [--json] [--watch]"},
    {"contacts", cmd_contacts, "a campaign's contacts: dialtop contacts ID [--state S] [--json|--csv F]"},
    {"import", cmd_import, "check or upload a contact list: dialtop import FILE [--dry-run] --name N"},
    {"hooks", cmd_hooks, "receive Sarvam's webhooks: dialtop hooks --listen ADDR:PORT --db PATH"},
    {"followup", cmd_followup, "a new campaign from the unreached: dialtop followup ID --states no_answer,busy --name N"},
    {NULL, NULL, NULL},
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: dialtop [options]            the console\n"
            "       dialtop COMMAND [args]       a headless command\n"
            "\n"
            "options:\n"
            "  --profile NAME     use this profile from the config (default: the first)\n"
            "  --all-profiles     list campaigns of every profile, tagged by profile\n"
            "  --config FILE      read this config instead of $XDG_CONFIG_HOME/dialtop/config\n"
            "  --no-color         monochrome (also when NO_COLOR is set)\n"
            "  --theme light|dark colours for a light or dark background (default dark)\n"
            "  --script FILE      keys and commands from FILE, screens dumped as text (tests)\n"
            "  --read-only        never change a campaign: action keys are disabled\n"
            "  --demo             try it: a private dialtop-sim with campaigns of all three\n"
            "                     providers, stopped when the console ends\n"
            "  --demo-seed N      with --demo: the simulator's seed, for a repeatable demo\n"
            "  --help, --version\n");
    for (const subcommand_t *s = subcommands; s->name; s++) {
        if (s == subcommands)
            fprintf(out, "\ncommands:\n");
        fprintf(out, "  %-18s %s\n", s->name, s->help);
    }
    fprintf(out, "\nWith no config file the console talks to dialtop-sim on loopback.\n"
                 "See dialtop(1) for the config file, keys and exit codes.\n");
}

typedef struct {
    bool demo;
    bool seed_set;
    long seed;
} demo_opts_t;

/* Console flags. Returns -1 to go on, else an exit status. */
static int parse_console_args(int argc, char **argv, app_options_t *o, demo_opts_t *d)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            printf("dialtop %s\n", DIALTOP_VERSION);
            return 0;
        } else if (strcmp(a, "--no-color") == 0 || strcmp(a, "--no-colour") == 0) {
            o->no_color = true;
        } else if (strcmp(a, "--all-profiles") == 0) {
            o->all_profiles = true;
        } else if (strcmp(a, "--read-only") == 0) {
            o->read_only = true;
        } else if (strcmp(a, "--demo") == 0) {
            d->demo = true;
        } else if (strcmp(a, "--keys-markdown") == 0) {
            keys_markdown_print(stdout);
            return 0;
        } else if (strcmp(a, "--keys-man") == 0) {
            keys_man_print(stdout);
            return 0;
        } else if (strcmp(a, "--demo-seed") == 0) {
            if (!val || !demo_parse_seed(val, &d->seed)) {
                fprintf(stderr, "dialtop: --demo-seed takes a whole number from 0 to "
                                "2147483647\n");
                return 2;
            }
            d->seed_set = true;
            i++;
        } else if (strcmp(a, "--profile") == 0 || strcmp(a, "--config") == 0 ||
                   strcmp(a, "--theme") == 0 || strcmp(a, "--script") == 0) {
            if (!val) {
                fprintf(stderr, "dialtop: %s needs a value (see --help)\n", a);
                return 2;
            }
            i++;
            if (strcmp(a, "--profile") == 0) {
                o->profile = val;
            } else if (strcmp(a, "--config") == 0) {
                o->config_path = val;
            } else if (strcmp(a, "--script") == 0) {
                o->script_path = val;
            } else if (strcmp(val, "light") == 0) {
                o->theme = THEME_LIGHT;
            } else if (strcmp(val, "dark") == 0) {
                o->theme = THEME_DARK;
            } else {
                fprintf(stderr, "dialtop: --theme takes light or dark, not \"%s\"\n", val);
                return 2;
            }
        } else {
            fprintf(stderr, "dialtop: unknown option \"%s\" (see --help)\n", a);
            return 2;
        }
    }
    if (o->all_profiles && o->profile) {
        fprintf(stderr, "dialtop: --profile and --all-profiles exclude each other\n");
        return 2;
    }
    if (d->seed_set && !d->demo) {
        fprintf(stderr, "dialtop: --demo-seed goes with --demo\n");
        return 2;
    }
    if (d->demo && (o->profile || o->config_path || o->all_profiles)) {
        fprintf(stderr, "dialtop: --demo makes its own profiles: drop --profile, --config "
                        "and --all-profiles\n");
        return 2;
    }
    return -1;
}

int main(int argc, char **argv)
{
    /* first: no key may reach a core file, no SIGPIPE may kill us */
    process_guard_apply();
    if (argc > 1 && argv[1][0] != '-') {
        for (const subcommand_t *s = subcommands; s->name; s++)
            if (strcmp(argv[1], s->name) == 0)
                return s->run(argc - 1, argv + 1);
        fprintf(stderr, "dialtop: unknown command \"%s\" (see --help)\n", argv[1]);
        return 2;
    }
    app_options_t o;
    memset(&o, 0, sizeof o);
    o.theme = THEME_DARK;
    demo_opts_t d = {false, false, 0};
    int rc = parse_console_args(argc, argv, &o, &d);
    if (rc >= 0)
        return rc;
    if (!d.demo && welcome_needed(o.config_path, o.profile)) {
        welcome_print(stdout);
        return 0;
    }
    actions_ui_t *ui = actions_ui_new();
    if (!ui) {
        fprintf(stderr, "dialtop: out of memory\n");
        return 1;
    }
    o.on_action = actions_ui_on_action;
    o.on_close = actions_ui_on_close;
    o.on_refused = actions_ui_on_refused;
    o.on_action_ud = ui;
    if (d.demo)
        rc = demo_run(&o, d.seed_set ? d.seed : (long)(time(NULL) & 0x7fffffff));
    else
        rc = app_run(&o);
    actions_ui_free(ui);
    return rc;
}
