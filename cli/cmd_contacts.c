/* dialtop contacts ID [--state S] [--json | --csv FILE] [--profile P]
 *
 * Every contact of the whole campaign, every page. --state asks the
 * provider to filter (in its own spelling, where it has the state) and
 * checks each row again here, so a provider that ignores the filter, or
 * has no value for that state, still yields only that state. --csv writes a new file only: O_EXCL|O_NOFOLLOW, mode 600,
 * formula-safe cells (csv/export); an existing file is never touched. */
#include "cmd_contacts.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_common.h"
#include "cli_opts.h"
#include "exit_codes.h"
#include "export.h"
#include "list_all.h"
#include "provider.h"
#include "sanitize.h"

typedef struct {
    const char *profile, *config_path, *id, *name, *csv_path;
    bool json, has_state;
    contact_state_t state;
} contacts_opts_t;

enum { OPT_HELP = 'h', OPT_JSON = 256, OPT_PROFILE, OPT_CONFIG, OPT_NAME, OPT_CSV, OPT_STATE };

static const cli_opt_t contacts_options[] = {
    {"help", 'h', CLI_FLAG, OPT_HELP, NULL, NULL},
    {"name", 0, CLI_VALUE, OPT_NAME, "NAME", NULL},
    {"profile", 0, CLI_VALUE, OPT_PROFILE, "NAME", NULL},
    {"config", 0, CLI_VALUE, OPT_CONFIG, "FILE", NULL},
    {"state", 0, CLI_VALUE, OPT_STATE, "STATE",
     "only contacts in this state (pending, queued, in_progress,\n"
     "completed, no_answer, busy, voicemail, failed, skipped,\n"
     "retry_scheduled, cancelled)"},
    {"json", 0, CLI_FLAG, OPT_JSON, NULL, "one compact JSON object per contact per line"},
    {"csv", 0, CLI_VALUE, OPT_CSV, "FILE",
     "write a new CSV file (never overwrites; mode 600;\n"
     "cells a spreadsheet would run as formulas are quoted)"},
};
#define CONTACTS_NOPTIONS (sizeof contacts_options / sizeof *contacts_options)

static void usage(FILE *out)
{
    fputs("usage: dialtop contacts ID|--name NAME [--state STATE] [--json | --csv FILE]\n"
          "                           [--profile NAME] [--config FILE]\n"
          "\n"
          "Every contact of the campaign, all pages: phone, state, raw state,\n"
          "attempts, last attempt (UTC), duration, failure reason, variables.\n"
          "\n",
          out);
    cli_opts_help(out, contacts_options, CONTACTS_NOPTIONS, 18);
    fputs("\n"
          "exit codes: 0 listed; 1 the contacts could not be read or written;\n"
          "2 usage, or FILE exists\n",
          out);
}

static bool parse_state(const char *v, contacts_opts_t *o)
{
    int s = 1;
    while (s < CONTACT_STATE_COUNT &&
           strcmp(v, model_contact_state_name((contact_state_t)s)) != 0)
        s++;
    if (s == CONTACT_STATE_COUNT) {
        fprintf(stderr, "dialtop: contacts: --state \"%s\" is not a contact state "
                        "(pending, queued, in_progress, completed, no_answer, busy, "
                        "voicemail, failed, skipped, retry_scheduled, cancelled)\n",
                v);
        return false;
    }
    o->has_state = true;
    o->state = (contact_state_t)s;
    return true;
}

static int parse(int argc, char **argv, contacts_opts_t *o)
{
    memset(o, 0, sizeof *o);
    cli_opts_t p;
    cli_opts_begin(&p, contacts_options, CONTACTS_NOPTIONS, argc, argv);
    for (int id; (id = cli_opts_next(&p)) != CLI_OPT_END;) {
        switch (id) {
        case OPT_HELP:
            usage(stdout);
            return -1;
        case OPT_JSON: o->json = true; break;
        case OPT_PROFILE: o->profile = p.value; break;
        case OPT_NAME: o->name = p.value; break;
        case OPT_CONFIG: o->config_path = p.value; break;
        case OPT_CSV: o->csv_path = p.value; break;
        case OPT_STATE:
            if (!parse_state(p.value, o))
                return DIALTOP_EXIT_USAGE;
            break;
        case CLI_OPT_WORD:
            if (!cli_campaign_word("contacts", &o->id, p.value))
                return DIALTOP_EXIT_USAGE;
            break;
        default: return cli_refuse_option("contacts", id, p.text);
        }
    }
    if (!cli_campaign_named("contacts", o->id, o->name))
        return DIALTOP_EXIT_USAGE;
    if (o->json && o->csv_path) {
        fprintf(stderr, "dialtop: contacts: --json and --csv exclude each other\n");
        return DIALTOP_EXIT_USAGE;
    }
    return 0;
}

/* The provider's own spelling of a contact state for its list filter
 * (its description's contact_filter), NULL where the provider has no such
 * value: then every row comes and is filtered here. A provider without
 * the table (Sarvam's rows come from dialtop's own receiver) speaks the
 * unified names. Whatever the provider sends back is checked again. */
static const char *provider_filter(provider_t p, contact_state_t s)
{
    const provider_desc_t *d = provider_get(p);
    if (!d || (unsigned)s >= CONTACT_STATE_COUNT)
        return NULL;
    return d->contact_filter ? d->contact_filter[s] : model_contact_state_name(s);
}

static void iso(time_t t, char *out, size_t len)
{
    struct tm tm;
    if (t > 0 && gmtime_r(&t, &tm))
        strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
    else if (len)
        out[0] = '\0';
}

static cJSON *contact_json(const model_contact_t *k)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    char when[32];
    iso(k->last_attempt, when, sizeof when);
    cJSON_AddItemToObject(o, "id", k->id ? cJSON_CreateString(k->id) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "phone", k->phone ? cJSON_CreateString(k->phone) : cJSON_CreateNull());
    cJSON_AddStringToObject(o, "state", model_contact_state_name(k->state));
    cJSON_AddItemToObject(o, "raw_state",
                          k->raw_state ? cJSON_CreateString(k->raw_state) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "attempts", k->attempts >= 0 ? cJSON_CreateNumber(k->attempts)
                                                          : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "last_attempt", when[0] ? cJSON_CreateString(when)
                                                     : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "duration_s", k->duration_s >= 0 ? cJSON_CreateNumber(k->duration_s)
                                                              : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "failure_reason", k->failure_reason
                                                   ? cJSON_CreateString(k->failure_reason)
                                                   : cJSON_CreateNull());
    cJSON *vars = cJSON_AddObjectToObject(o, "vars");
    for (size_t i = 0; vars && i < k->nvars; i++)
        cJSON_AddStringToObject(vars, k->vars[i].key, k->vars[i].value);
    return o;
}

static void print_table(const model_contact_t *k, size_t n)
{
    static const char *const titles[] = {"PHONE", "STATE", "RAW", "TRIES", "LAST ATTEMPT",
                                         "REASON"};
    int w[6];
    for (int c = 0; c < 6; c++)
        w[c] = cli_width(titles[c]);
    char tries[16], when[32];
    for (size_t i = 0; i < n; i++) {
        int pw = k[i].phone ? cli_width(k[i].phone) : 1;
        int rw = k[i].raw_state ? cli_width(k[i].raw_state) : 1;
        w[0] = pw > w[0] ? pw : w[0];
        w[2] = rw > w[2] && rw < 24 ? rw : w[2];
    }
    w[1] = 15;
    w[4] = 20;
    for (int c = 0; c < 6; c++) {
        cli_cell(stdout, titles[c], c == 5 ? 0 : w[c], c == 3);
        fputs(c == 5 ? "\n" : "  ", stdout);
    }
    for (size_t i = 0; i < n; i++) {
        snprintf(tries, sizeof tries, "%d", k[i].attempts);
        iso(k[i].last_attempt, when, sizeof when);
        const char *cells[6] = {k[i].phone ? k[i].phone : "?",
                                model_contact_state_name(k[i].state),
                                k[i].raw_state ? k[i].raw_state : "?",
                                k[i].attempts >= 0 ? tries : "?",
                                when[0] ? when : "-",
                                k[i].failure_reason ? k[i].failure_reason : ""};
        for (int c = 0; c < 6; c++) {
            cli_cell(stdout, cells[c], c == 5 ? 0 : w[c], c == 3);
            fputs(c == 5 ? "\n" : "  ", stdout);
        }
    }
}

int cmd_contacts(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    contacts_opts_t o;
    int code = parse(argc, argv, &o);
    if (code)
        return code < 0 ? DIALTOP_EXIT_OK : code;
    /* The file first: an existing one is refused before any request. */
    FILE *csv = NULL;
    if (o.csv_path) {
        int fd = open(o.csv_path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0) {
            fprintf(stderr, "dialtop: contacts: cannot create %s: %s%s\n", o.csv_path,
                    strerror(errno), errno == EEXIST ? " (it is never overwritten)" : "");
            return errno == EEXIST ? DIALTOP_EXIT_USAGE : DIALTOP_EXIT_FAILED;
        }
        if (!(csv = fdopen(fd, "w"))) {
            close(fd);
            unlink(o.csv_path);
            fprintf(stderr, "dialtop: contacts: out of memory\n");
            return DIALTOP_EXIT_FAILED;
        }
    }
    cli_profiles_t p;
    code = cli_profiles_open(&p, o.config_path, o.profile, false);
    model_contact_t *k = NULL;
    size_t n = 0;
    char *found = NULL;
    if (!code && o.name && (code = cli_resolve_one(p.clients[0], o.name, &found)) == 0)
        o.id = found;
    if (!code) {
        api_error_t err;
        api_error_clear(&err);
        const char *filter =
            o.has_state ? provider_filter(client_profile(p.clients[0])->provider, o.state) : NULL;
        if (!list_all_contacts_wait(p.clients[0], o.id, filter, &k, &n, &err)) {
            char *msg = sanitize_text(err.message);
            fprintf(stderr, "dialtop: contacts %s: %s: %s\n", o.id,
                    api_error_kind_name(err.kind), msg ? msg : "");
            free(msg);
            code = DIALTOP_EXIT_FAILED;
        }
    }
    /* the provider's filter, checked again: keep only that state */
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (o.has_state && k[i].state != o.state) {
            model_contact_free(&k[i]);
            continue;
        }
        k[kept++] = k[i];
    }
    if (!code) {
        if (csv) {
            if (!export_contacts_csv(csv, k, kept) || fflush(csv) != 0) {
                fprintf(stderr, "dialtop: contacts: cannot write %s: %s\n", o.csv_path,
                        strerror(errno));
                code = DIALTOP_EXIT_FAILED;
            } else {
                fprintf(stderr, "%zu contacts written to %s\n", kept, o.csv_path);
            }
        } else if (o.json) {
            for (size_t i = 0; i < kept; i++)
                cli_json_line(stdout, contact_json(&k[i]));
        } else {
            print_table(k, kept);
        }
    }
    if (csv && fclose(csv) != 0 && !code) {
        fprintf(stderr, "dialtop: contacts: cannot write %s: %s\n", o.csv_path, strerror(errno));
        code = DIALTOP_EXIT_FAILED;
    }
    /* a file we created and could not fill is not left looking complete */
    if (csv && code)
        unlink(o.csv_path);
    for (size_t i = 0; i < kept; i++)
        model_contact_free(&k[i]);
    free(k);
    cli_profiles_close(&p); /* also after a failed open: it left p empty */
    free(found);
    return code;
}
