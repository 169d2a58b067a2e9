/* dialtop entry point: a headless subcommand when the first argument names
 * one, else the console. Each subcommand is one line in `subcommands`;
 * each console flag one line in `console_options`. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "cli_opts.h"
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

/* The console's own flags: parser and --help lines from this one table
 * (cli_opts.h), as each headless command has its own. */
enum {
    O_HELP = 'h',
    O_VERSION = 256,
    O_PROFILE, O_ALL_PROFILES, O_CONFIG, O_NO_COLOR, O_NO_COLOUR, O_THEME, O_SCRIPT,
    O_READ_ONLY, O_DEMO, O_DEMO_SEED, O_KEYS_MARKDOWN, O_KEYS_MAN,
};

static const cli_opt_t console_options[] = {
    {"profile", 0, CLI_VALUE, O_PROFILE, "NAME", "use this profile from the config (default: the first)"},
    {"all-profiles", 0, CLI_FLAG, O_ALL_PROFILES, NULL, "list campaigns of every profile, tagged by profile"},
    {"config", 0, CLI_VALUE, O_CONFIG, "FILE",
     "read this config instead of $XDG_CONFIG_HOME/dialtop/config"},
    {"no-color", 0, CLI_FLAG, O_NO_COLOR, NULL, "monochrome (also when NO_COLOR is set)"},
    {"no-colour", 0, CLI_FLAG, O_NO_COLOUR, NULL, NULL},
    {"theme", 0, CLI_VALUE, O_THEME, "light|dark", "colours for a light or dark background (default dark)"},
    {"script", 0, CLI_VALUE, O_SCRIPT, "FILE", "keys and commands from FILE, screens dumped as text (tests)"},
    {"read-only", 0, CLI_FLAG, O_READ_ONLY, NULL, "never change a campaign: action keys are disabled"},
    {"demo", 0, CLI_FLAG, O_DEMO, NULL,
     "try it: a private dialtop-sim with campaigns of all three\nproviders, stopped when the console ends"},
    {"demo-seed", 0, CLI_VALUE, O_DEMO_SEED, "N",
     "with --demo: the simulator's seed, for a repeatable demo"},
    /* generators of README's and the man page's keys sections, for make */
    {"keys-markdown", 0, CLI_FLAG, O_KEYS_MARKDOWN, NULL, NULL},
    {"keys-man", 0, CLI_FLAG, O_KEYS_MAN, NULL, NULL},
    {"help", 'h', CLI_FLAG, O_HELP, NULL, "this text"},
    {"version", 0, CLI_FLAG, O_VERSION, NULL, "the program's version"},
};
#define CONSOLE_NOPTIONS (sizeof console_options / sizeof console_options[0])

static void usage(FILE *out)
{
    fprintf(out, "usage: dialtop [options]            the console\n"
                 "       dialtop COMMAND [args]       a headless command\n"
                 "\n"
                 "options:\n");
    cli_opts_help(out, console_options, CONSOLE_NOPTIONS, 21);
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

static const char demo_seed_range[] = "dialtop: --demo-seed takes a whole number from 0 to 2147483647\n";

/* Takes one option's value into o or d. Returns -1 to go on, else an exit
 * status (its message written). */
static int take_console_option(int id, const char *val, app_options_t *o, demo_opts_t *d)
{
    switch (id) {
    case O_HELP: usage(stdout); return 0;
    case O_VERSION: printf("dialtop %s\n", DIALTOP_VERSION); return 0;
    case O_KEYS_MARKDOWN: keys_markdown_print(stdout); return 0;
    case O_KEYS_MAN: keys_man_print(stdout); return 0;
    case O_NO_COLOR:
    case O_NO_COLOUR: o->no_color = true; return -1;
    case O_ALL_PROFILES: o->all_profiles = true; return -1;
    case O_READ_ONLY: o->read_only = true; return -1;
    case O_DEMO: d->demo = true; return -1;
    case O_PROFILE: o->profile = val; return -1;
    case O_CONFIG: o->config_path = val; return -1;
    case O_SCRIPT: o->script_path = val; return -1;
    case O_DEMO_SEED:
        if (!demo_parse_seed(val, &d->seed)) {
            fputs(demo_seed_range, stderr);
            return 2;
        }
        d->seed_set = true;
        return -1;
    case O_THEME:
        if (strcmp(val, "light") == 0) {
            o->theme = THEME_LIGHT;
        } else if (strcmp(val, "dark") == 0) {
            o->theme = THEME_DARK;
        } else {
            fprintf(stderr, "dialtop: --theme takes light or dark, not \"%s\"\n", val);
            return 2;
        }
        return -1;
    default: return -1;
    }
}

/* Console flags. Returns -1 to go on, else an exit status. */
static int parse_console_args(int argc, char **argv, app_options_t *o, demo_opts_t *d)
{
    cli_opts_t p;
    cli_opts_begin(&p, console_options, CONSOLE_NOPTIONS, argc, argv);
    for (int id; (id = cli_opts_next(&p)) != CLI_OPT_END;) {
        if (id == CLI_OPT_WORD || id == CLI_OPT_UNKNOWN) {
            fprintf(stderr, "dialtop: unknown option \"%s\" (see --help)\n", p.text);
            return 2;
        }
        if (id == CLI_OPT_NO_VALUE) {
            /* --demo-seed always said which values it takes */
            if (strncmp(p.text, "--demo-seed", 11) == 0)
                fputs(demo_seed_range, stderr);
            else
                fprintf(stderr, "dialtop: %.*s needs a value (see --help)\n",
                        (int)strcspn(p.text, "="), p.text);
            return 2;
        }
        int rc = take_console_option(id, p.value, o, d);
        if (rc >= 0)
            return rc;
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
