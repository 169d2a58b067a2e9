/* dialtop ls [--profile P | --all-profiles] [--state S] [--json | --csv]
 *            [--watch [SECONDS]]
 *
 * Every page of the list is read; a figure the provider did not give is
 * "?" in the table, null in JSON and an empty cell in CSV, never 0. */
#include "cmd_ls.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli_common.h"
#include "cli_opts.h"
#include "exit_codes.h"
#include "export.h"
#include "list_all.h"
#include "sanitize.h"

typedef struct {
    const char *profile, *config_path;
    bool all, json, csv, watch;
    bool has_state;
    campaign_state_t state;
    double every;
} ls_opts_t;

enum { OPT_HELP = 'h', OPT_ALL = 256, OPT_JSON, OPT_CSV, OPT_WATCH, OPT_PROFILE, OPT_CONFIG,
       OPT_STATE };

static const cli_opt_t ls_options[] = {
    {"help", 'h', CLI_FLAG, OPT_HELP, NULL, NULL},
    {"profile", 0, CLI_VALUE, OPT_PROFILE, "NAME", NULL},
    {"all-profiles", 0, CLI_FLAG, OPT_ALL, NULL, NULL},
    {"config", 0, CLI_VALUE, OPT_CONFIG, "FILE", NULL},
    {"state", 0, CLI_VALUE, OPT_STATE, "STATE",
     "only campaigns in this state (draft, pending, scheduled,\n"
     "active, paused, completed, failed, cancelled, ended)"},
    {"json", 0, CLI_FLAG, OPT_JSON, NULL, "one compact JSON object per line"},
    {"csv", 0, CLI_FLAG, OPT_CSV, NULL, "CSV with a header line (formula-safe cells)"},
    {"watch", 0, CLI_OPTIONAL, OPT_WATCH, "S",
     "reprint every S seconds (default 2) until interrupted"},
};
#define LS_NOPTIONS (sizeof ls_options / sizeof *ls_options)

static void usage(FILE *out)
{
    fputs("usage: dialtop ls [--profile NAME | --all-profiles] [--state STATE]\n"
          "                  [--json | --csv] [--watch [SECONDS]] [--config FILE]\n"
          "\n"
          "One line per campaign, every page of the list: id, name, profile, provider,\n"
          "state, raw state, total, done, in progress, failed, pending, next run (UTC).\n"
          "A figure the provider does not give is ? (null in JSON, empty in CSV).\n"
          "\n",
          out);
    cli_opts_help(out, ls_options, LS_NOPTIONS, 19);
    fputs("\n"
          "exit codes: 0 listed; 1 a profile's list could not be read (the others are\n"
          "still printed); 2 usage, config or profile\n",
          out);
}

static bool parse_state(const char *v, ls_opts_t *o)
{
    int s = 1;
    while (s < CAMPAIGN_STATE_COUNT &&
           strcmp(v, model_campaign_state_name((campaign_state_t)s)) != 0)
        s++;
    if (s == CAMPAIGN_STATE_COUNT) {
        fprintf(stderr, "dialtop: ls: --state \"%s\" is not a campaign state (draft, "
                        "pending, scheduled, active, paused, completed, failed, "
                        "cancelled, ended)\n", v);
        return false;
    }
    o->has_state = true;
    o->state = (campaign_state_t)s;
    return true;
}

static int parse(int argc, char **argv, ls_opts_t *o)
{
    memset(o, 0, sizeof *o);
    cli_opts_t p;
    cli_opts_begin(&p, ls_options, LS_NOPTIONS, argc, argv);
    for (int id; (id = cli_opts_next(&p)) != CLI_OPT_END;) {
        switch (id) {
        case OPT_HELP:
            usage(stdout);
            return -1;
        case OPT_ALL: o->all = true; break;
        case OPT_JSON: o->json = true; break;
        case OPT_CSV: o->csv = true; break;
        case OPT_WATCH:
            if (!cli_watch_value(p.value, &o->every))
                return DIALTOP_EXIT_USAGE;
            o->watch = true;
            break;
        case OPT_PROFILE: o->profile = p.value; break;
        case OPT_CONFIG: o->config_path = p.value; break;
        case OPT_STATE:
            if (!parse_state(p.value, o))
                return DIALTOP_EXIT_USAGE;
            break;
        default: return cli_refuse_option("ls", id, p.text);
        }
    }
    if (o->all && o->profile) {
        fprintf(stderr, "dialtop: ls: --profile and --all-profiles exclude each other\n");
        return DIALTOP_EXIT_USAGE;
    }
    if (o->json && o->csv) {
        fprintf(stderr, "dialtop: ls: --json and --csv exclude each other\n");
        return DIALTOP_EXIT_USAGE;
    }
    return 0;
}

/* One campaign with the profile it came from. */
typedef struct {
    model_campaign_t *c;
    const char *profile;
} row_t;

#define NCOLS 12
static const char *const titles[NCOLS] = {"ID", "NAME", "PROFILE", "PROVIDER", "STATE", "RAW",
                                          "TOTAL", "DONE", "RUN", "FAIL", "PEND", "NEXT RUN"};
static const char *const csv_titles[NCOLS] = {"id", "name", "profile", "provider", "state",
                                              "raw_state", "total", "done", "in_progress",
                                              "failed", "pending", "next_run"};

static void num(char *out, size_t len, long v, bool csv)
{
    if (v >= 0)
        snprintf(out, len, "%ld", v);
    else
        snprintf(out, len, "%s", csv ? "" : "?");
}

/* The twelve cells of one row as text. */
static void cells_of(const row_t *r, time_t now, bool csv, char cell[NCOLS][64],
                     const char *text[NCOLS])
{
    const model_campaign_t *c = r->c;
    text[0] = c->id ? c->id : "";
    text[1] = c->name ? c->name : "";
    text[2] = r->profile;
    text[3] = model_provider_name(c->provider);
    text[4] = model_campaign_state_name(c->state);
    text[5] = c->raw_state ? c->raw_state : "";
    num(cell[6], 64, c->total_contacts, csv);
    num(cell[7], 64, c->completed_contacts, csv);
    num(cell[8], 64, cli_count(c, CONTACT_IN_PROGRESS), csv);
    num(cell[9], 64, cli_count(c, CONTACT_FAILED), csv);
    num(cell[10], 64, cli_pending(c), csv);
    cli_next_run(c, now, cell[11], 64);
    if (!csv && !cell[11][0])
        snprintf(cell[11], 64, "-");
    for (int k = 6; k < NCOLS; k++)
        text[k] = cell[k];
}

static void print_table(const row_t *rows, size_t n, time_t now)
{
    int w[NCOLS];
    char cell[NCOLS][64];
    const char *text[NCOLS];
    for (int k = 0; k < NCOLS; k++)
        w[k] = cli_width(titles[k]);
    for (size_t i = 0; i < n; i++) {
        cells_of(&rows[i], now, false, cell, text);
        for (int k = 0; k < NCOLS; k++) {
            char *clean = sanitize_text(text[k]);
            int cw = cli_width(clean);
            free(clean);
            if (k == 1 && cw > 40)
                cw = 40; /* a long name is not cut, the column just stops growing */
            if (cw > w[k])
                w[k] = cw;
        }
    }
    for (int k = 0; k < NCOLS; k++) {
        cli_cell(stdout, titles[k], k == NCOLS - 1 ? 0 : w[k], k >= 6 && k <= 10);
        fputs(k == NCOLS - 1 ? "\n" : "  ", stdout);
    }
    bool unknown = false;
    for (size_t i = 0; i < n; i++) {
        cells_of(&rows[i], now, false, cell, text);
        for (int k = 0; k < NCOLS; k++) {
            unknown = unknown || strcmp(text[k], "?") == 0;
            cli_cell(stdout, text[k], k == NCOLS - 1 ? 0 : w[k], k >= 6 && k <= 10);
            fputs(k == NCOLS - 1 ? "\n" : "  ", stdout);
        }
    }
    /* a figure is known or says why not */
    if (unknown)
        fputs("? = not in the provider's list; dialtop show ID reads the campaign's own "
              "figures\n", stdout);
}

static void print_csv(const row_t *rows, size_t n, time_t now)
{
    for (int k = 0; k < NCOLS; k++) {
        export_write_cell(stdout, csv_titles[k], strlen(csv_titles[k]));
        fputs(k == NCOLS - 1 ? "\r\n" : ",", stdout);
    }
    char cell[NCOLS][64];
    const char *text[NCOLS];
    for (size_t i = 0; i < n; i++) {
        cells_of(&rows[i], now, true, cell, text);
        for (int k = 0; k < NCOLS; k++) {
            export_write_cell(stdout, text[k], strlen(text[k]));
            fputs(k == NCOLS - 1 ? "\r\n" : ",", stdout);
        }
    }
}

typedef struct {
    const ls_opts_t *o;
    cli_profiles_t *p;
} run_t;

static int ls_once(void *ud)
{
    run_t *run = ud;
    const ls_opts_t *o = run->o;
    int code = DIALTOP_EXIT_OK;
    row_t *rows = NULL;
    size_t nrows = 0;
    model_campaign_t **lists = calloc(run->p->n, sizeof *lists);
    size_t *counts = calloc(run->p->n, sizeof *counts);
    if (!lists || !counts) {
        free(lists);
        free(counts);
        fprintf(stderr, "dialtop: out of memory\n");
        return DIALTOP_EXIT_FAILED;
    }
    for (size_t i = 0; i < run->p->n; i++) {
        api_error_t err;
        api_error_clear(&err);
        const char *name = run->p->profiles[i]->name;
        if (!list_all_campaigns_wait(run->p->clients[i], NULL, &lists[i], &counts[i], &err)) {
            if (cli_watch_interrupted())
                break;
            char *msg = sanitize_text(err.message);
            fprintf(stderr, "dialtop: ls: profile '%s': %s: %s\n", name,
                    api_error_kind_name(err.kind), msg ? msg : "");
            free(msg);
            code = DIALTOP_EXIT_FAILED;
            continue;
        }
        cli_cache_ids(name, lists[i], counts[i]);
        row_t *grown = realloc(rows, (nrows + counts[i] + 1) * sizeof *rows);
        if (!grown)
            continue;
        rows = grown;
        for (size_t k = 0; k < counts[i]; k++)
            if (!o->has_state || lists[i][k].state == o->state)
                rows[nrows++] = (row_t){&lists[i][k], name};
    }
    time_t now = time(NULL);
    bool cut = cli_watch_interrupted(); /* Ctrl-C: half a list is not printed */
    if (!cut && o->json)
        for (size_t i = 0; i < nrows; i++)
            cli_json_line(stdout, cli_campaign_json(rows[i].c, rows[i].profile, now));
    else if (!cut && o->csv)
        print_csv(rows, nrows, now);
    else if (!cut)
        print_table(rows, nrows, now);
    for (size_t i = 0; i < run->p->n; i++) {
        for (size_t k = 0; k < counts[i]; k++)
            model_campaign_free(&lists[i][k]);
        free(lists[i]);
    }
    free(lists);
    free(counts);
    free(rows);
    return code;
}

int cmd_ls(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    ls_opts_t o;
    int code = parse(argc, argv, &o);
    if (code)
        return code < 0 ? DIALTOP_EXIT_OK : code;
    cli_profiles_t p;
    code = cli_profiles_open(&p, o.config_path, o.profile, o.all);
    if (code)
        return code;
    run_t run = {&o, &p};
    code = o.watch ? cli_watch(o.every, o.json, ls_once, &run) : ls_once(&run);
    cli_profiles_close(&p);
    return code;
}
