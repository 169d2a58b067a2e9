/* dialtop pause|resume|reschedule|cancel: read each campaign, act, report. */
#include "window.h"
#include "cmd_action.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "cli_common.h"
#include "cli_opts.h"
#include "client.h"
#include "config.h"
#include "exit_codes.h"
#include "sanitize.h"

typedef struct {
    action_t action;
    const char *profile;
    const char *config_path;
    const char *at;
    const char *tz;
    const char *hours, *days, *end; /* Sarvam's working window */
    bool yes;
    bool json;
    bool read_only;
    bool if_needed;
    const char *name;          /* --name PATTERN: resolved to IDs first */
    const char *reasons;       /* retry: "no_answer,busy" */
    const char *max_retries;
    char *reasons_buf;         /* owns the split reasons */
    api_action_args_t args;
    char **ids;
    int nids;
    char **resolved;           /* IDs --name found, owned */
    size_t nresolved;
} opts_t;

enum { OPT_HELP = 'h', OPT_YES = 'y', OPT_PROFILE = 256, OPT_CONFIG, OPT_AT, OPT_TZ, OPT_HOURS,
       OPT_DAYS, OPT_END, OPT_REASONS, OPT_MAX_RETRIES, OPT_NAME, OPT_IF_NEEDED, OPT_JSON,
       OPT_READ_ONLY };

static const cli_opt_t action_options[] = {
    {"help", 'h', CLI_FLAG, OPT_HELP, NULL, NULL},
    {"profile", 0, CLI_VALUE, OPT_PROFILE, "NAME",
     "profile from the config (default: the first one)"},
    {"config", 0, CLI_VALUE, OPT_CONFIG, "FILE",
     "config file (default: $XDG_CONFIG_HOME/dialtop/config)"},
    {"at", 0, CLI_VALUE, OPT_AT, "TIME", "reschedule: wall-clock time, YYYY-MM-DD HH:MM[:SS]"},
    {"tz", 0, CLI_VALUE, OPT_TZ, "ZONE",
     "reschedule: IANA zone (default: the campaign's, else local)"},
    {"hours", 0, CLI_VALUE, OPT_HOURS, "A-B",
     "reschedule (Sarvam): allowed calling hours, HH:MM-HH:MM"},
    {"days", 0, CLI_VALUE, OPT_DAYS, "DAYS",
     "reschedule (Sarvam): allowed days, mon-fri, mon,wed,sat, all"},
    {"end", 0, CLI_VALUE, OPT_END, "TIME",
     "reschedule (Sarvam): when the campaign ends, YYYY-MM-DD HH:MM\n"
     "Sarvam cannot move a start: its reschedule is the working\n"
     "window, merged with the campaign's, read back afterwards"},
    {"yes", 'y', CLI_FLAG, OPT_YES, NULL, "cancel: confirm; cancel is irreversible"},
    {"reasons", 0, CLI_VALUE, OPT_REASONS, "LIST",
     "retry: which unreached contacts to call again"},
    {"max-retries", 0, CLI_VALUE, OPT_MAX_RETRIES, "N",
     "retry: only contacts retried fewer than N times (1-10)"},
    {"name", 0, CLI_VALUE, OPT_NAME, "PATTERN",
     "act on the campaigns so named (a glob such as \"Onboarding*\"\n"
     "may match several; a plain name on two campaigns is\n"
     "refused, as is a pattern that matches none)"},
    {"if-needed", 0, CLI_FLAG, OPT_IF_NEEDED, NULL,
     "a campaign already there (paused, for pause) is a success:\n"
     "\"already paused\", nothing sent, exit 0"},
    {"json", 0, CLI_FLAG, OPT_JSON, NULL, "one compact JSON object per campaign, one per line"},
    {"read-only", 0, CLI_FLAG, OPT_READ_ONLY, NULL, "refuse every action (nothing is sent)"},
};
#define ACTION_NOPTIONS (sizeof action_options / sizeof *action_options)

/* The usage text of the action subcommands, exit codes included. */
static void cmd_action_usage(FILE *out)
{
    fputs("usage: dialtop pause ID...\n"
          "       dialtop resume ID...\n"
          "       dialtop reschedule ID... --at \"YYYY-MM-DD HH:MM\" [--tz ZONE]\n"
          "       dialtop reschedule ID... [--hours HH:MM-HH:MM] [--days mon-sat] [--tz ZONE]\n"
          "                                [--end \"YYYY-MM-DD HH:MM\"]   (Sarvam)\n"
          "       dialtop cancel ID... --yes\n"
          "       dialtop retry ID... --reasons no_answer,busy[,failed] [--max-retries N]\n"
          "       dialtop concurrency ID... N\n"
          "       (instead of IDs: --name PATTERN, a campaign name or a glob)\n"
          "\n"
          "Each campaign is read first, so the provider's transition table judges its\n"
          "current state; a refused action sends nothing. With several IDs, all are\n"
          "read and judged before anything is sent: if one cannot be read or is\n"
          "refused, nothing is sent to any. Actions are never retried; a reply that\n"
          "does not say whether it was applied is answered by reading the campaign back.\n"
          "Every action, refused or not, is appended to the audit log\n"
          "($XDG_STATE_HOME/dialtop/audit.log).\n"
          "\n"
          "options:\n",
          out);
    cli_opts_help(out, action_options, ACTION_NOPTIONS, 19);
    fputs("\n"
          "exit codes:\n"
          "  0  every action was confirmed by the backend\n"
          "  1  failed: a backend or network error (or the campaign could not be read)\n"
          "  2  usage: bad command line, config or profile; nothing was sent\n"
          "  3  refused before any request: state, provider, read-only or bad schedule\n"
          "  (with several IDs the worst wins: usage, then failed, then refused)\n",
          out);
}

static int usage_error(const char *fmt, const char *arg)
{
    fputs("dialtop: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n(dialtop pause --help for usage)\n", stderr);
    return DIALTOP_EXIT_USAGE;
}

/* Retry's reasons and max retries, concurrency's number (the last
 * positional argument); refused for the other actions. */
static int parse_args(opts_t *o, const char *name)
{
    o->args.max_retries = -1;
    if (o->action != ACTION_RETRY && (o->reasons || o->max_retries))
        return usage_error("%s: --reasons and --max-retries belong to retry", name);
    if (o->action == ACTION_RETRY) {
        if (!o->reasons)
            return usage_error("%s: --reasons is required (no_answer, busy, failed)", name);
        if (!(o->reasons_buf = strdup(o->reasons)))
            return usage_error("%s", "out of memory");
        for (char *save = NULL, *tok = strtok_r(o->reasons_buf, ",", &save); tok;
             tok = strtok_r(NULL, ",", &save)) {
            if (o->args.nreasons == API_RETRY_REASONS_MAX)
                return usage_error("%s: too many reasons", name);
            if (!action_retry_reason(tok))
                return usage_error("retry: \"%s\" is not a reason to retry (no_answer, busy, "
                                   "failed)", tok);
            o->args.reasons[o->args.nreasons++] = tok;
        }
        if (o->args.nreasons == 0)
            return usage_error("%s: --reasons is empty", name);
        if (o->max_retries) {
            char *end;
            long v = strtol(o->max_retries, &end, 10);
            if (*end || end == o->max_retries || v < 1 || v > 10)
                return usage_error("retry: --max-retries takes a whole number from 1 to 10, "
                                   "not \"%s\"", o->max_retries);
            o->args.max_retries = (int)v;
        }
    }
    if (o->action == ACTION_CONCURRENCY) {
        if (o->nids == 0 || (o->nids == 1 && !o->name))
            return usage_error("%s: dialtop concurrency ID N: the campaign, then the new limit",
                               name);
        const char *n = o->ids[--o->nids];
        char *end;
        long v = strtol(n, &end, 10);
        if (*end || end == n || v < 1 || v > 100000)
            return usage_error("concurrency: the limit must be a whole number of 1 or more, "
                               "not \"%s\"", n);
        o->args.concurrency = (int)v;
    }
    return 0;
}

/* 0 when parsed, -1 when --help was printed, else an exit code. */
static int parse_opts(int argc, char **argv, opts_t *o)
{
    memset(o, 0, sizeof *o);
    if (!model_action_from_name(argv[0], &o->action))
        return usage_error("unknown command '%s'", argv[0]);
    o->ids = calloc((size_t)argc, sizeof *o->ids);
    if (!o->ids)
        return usage_error("%s", "out of memory");
    cli_opts_t p;
    cli_opts_begin(&p, action_options, ACTION_NOPTIONS, argc, argv);
    for (int id; (id = cli_opts_next(&p)) != CLI_OPT_END;) {
        switch (id) {
        case CLI_OPT_WORD:
            if (!*p.value)
                return usage_error("%s", "an empty campaign ID");
            o->ids[o->nids++] = (char *)p.value;
            break;
        case OPT_HELP:
            cmd_action_usage(stdout);
            return -1;
        case OPT_YES: o->yes = true; break;
        case OPT_JSON: o->json = true; break;
        case OPT_READ_ONLY: o->read_only = true; break;
        case OPT_IF_NEEDED: o->if_needed = true; break;
        case OPT_NAME: o->name = p.value; break;
        case OPT_REASONS: o->reasons = p.value; break;
        case OPT_MAX_RETRIES: o->max_retries = p.value; break;
        case OPT_PROFILE: o->profile = p.value; break;
        case OPT_CONFIG: o->config_path = p.value; break;
        case OPT_AT: o->at = p.value; break;
        case OPT_TZ: o->tz = p.value; break;
        case OPT_HOURS: o->hours = p.value; break;
        case OPT_DAYS: o->days = p.value; break;
        case OPT_END: o->end = p.value; break;
        case CLI_OPT_NO_VALUE: return usage_error("option '%s' needs a value", p.text);
        default: return usage_error("unknown option '%s'", p.text);
        }
    }
    const char *name = model_action_info(o->action)->name;
    int code = parse_args(o, name);
    if (code)
        return code;
    if (o->nids == 0 && !o->name)
        return usage_error("%s: name at least one campaign ID", name);
    if (o->nids > 0 && o->name)
        return usage_error("%s: name campaigns by ID or by --name, not both", name);
    bool window = o->hours || o->days || o->end;
    if (o->action == ACTION_RESCHEDULE && !o->at && !window && !o->tz)
        return usage_error("%s: --at \"YYYY-MM-DD HH:MM\" is required (on Sarvam: --hours, "
                           "--days, --tz or --end)", name);
    if (o->action != ACTION_RESCHEDULE && (o->at || o->tz || window))
        return usage_error("%s: --at, --tz, --hours, --days and --end belong to reschedule", name);
    if (o->action == ACTION_CANCEL && !o->yes)
        return usage_error("%s: cancel is irreversible and drops every pending call; "
                           "add --yes to confirm",
                           name);
    return 0;
}

/* --- reading a campaign ------------------------------------------------------ */

typedef struct {
    model_campaign_t *camp;
    api_error_t err;
} fetch_t;

static void on_fetch(model_campaign_t *camp, const api_error_t *err, void *ud)
{
    fetch_t *f = ud;
    f->camp = camp;
    if (err)
        f->err = *err;
}

static model_campaign_t *fetch_campaign(client_t *c, const char *id, api_error_t *err)
{
    fetch_t f = {NULL, {0}};
    api_error_clear(&f.err);
    api_error_set(&f.err, API_ERR_NETWORK, 0, "no reply");
    unsigned long op = client_get_campaign(c, id, on_fetch, &f);
    if (op && client_wait(c, op, -1) && f.camp)
        return f.camp;
    *err = f.err;
    return NULL;
}

/* --- reporting ---------------------------------------------------------------- */

static void print_human(const action_report_t *r)
{
    char *name = sanitize_text(r->campaign_name);
    char *msg = sanitize_text(r->message);
    char *id = sanitize_text(r->campaign_id);
    const char *act = model_action_info(r->action)->name;
    bool ok = r->outcome == AUDIT_CONFIRMED || r->outcome == AUDIT_ALREADY;
    FILE *out = ok ? stdout : stderr;
    fprintf(out, "%s %s", act, id ? id : "?");
    if (name && *name)
        fprintf(out, " \"%s\"", name);
    fprintf(out, " (%s): ", model_provider_name(r->provider));
    if (r->outcome == AUDIT_CONFIRMED && r->unknown) {
        /* "sent, outcome unknown (...); read back: paused" */
        fprintf(out, "%s", msg ? msg : "");
        if (r->has_schedule)
            fprintf(out, "; starts %s %s %s", r->schedule.when, r->schedule.zone,
                    r->schedule.preview);
    } else if (r->outcome == AUDIT_CONFIRMED) {
        fprintf(out, "confirmed, now %s", model_campaign_state_name(r->state));
        if (r->has_schedule)
            fprintf(out, "; starts %s %s %s", r->schedule.when, r->schedule.zone,
                    r->schedule.preview);
        /* what the read-back holds, not what the reply claimed */
        if (r->action == ACTION_CONCURRENCY && r->concurrency >= 0)
            fprintf(out, "; concurrency %d", r->concurrency);
        if (r->action == ACTION_RETRY && r->pending >= 0)
            fprintf(out, "; %ld contacts pending", r->pending);
        if (r->has_window) {
            char w[160];
            window_format(&r->window, w, sizeof w);
            fprintf(out, "; window %s%s%s (read back)", w, r->window.end_at[0] ? ", ends " : "",
                    r->window.end_at);
        }
        if (msg && *msg)
            fprintf(out, " (%s)", msg);
    } else if (r->outcome == AUDIT_ALREADY) {
        fprintf(out, "%s, nothing sent", msg ? msg : "");
    } else if (r->outcome == AUDIT_REFUSED) {
        fprintf(out, "refused, nothing sent: %s", msg ? msg : "");
        const char *offer = r->action == ACTION_RESCHEDULE
                                ? model_reschedule_offer(r->provider, r->before) : NULL;
        if (offer)
            fprintf(out, " (pause it first: dialtop pause %s; %s's way: %s)", id ? id : "ID",
                    model_provider_label(r->provider), offer);
    } else {
        fprintf(out, "failed (%s", api_error_kind_name(r->error.kind));
        if (r->error.http_status)
            fprintf(out, ", HTTP %ld", r->error.http_status);
        fprintf(out, "): %s", msg ? msg : "");
        /* "stays" only of a state read after the action went out */
        if (r->read_back && r->state == r->before)
            fprintf(out, "; state stays %s", model_campaign_state_name(r->state));
        else if (!r->read_back && r->sent)
            fprintf(out, "; state not read back");
    }
    fputc('\n', out);
    free(name);
    free(msg);
    free(id);
}

static cJSON *report_json(const action_report_t *r)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "id", r->campaign_id);
    cJSON_AddStringToObject(o, "name", r->campaign_name);
    cJSON_AddStringToObject(o, "provider", model_provider_name(r->provider));
    cJSON_AddStringToObject(o, "action", model_action_info(r->action)->name);
    cJSON_AddStringToObject(o, "outcome", audit_outcome_name(r->outcome));
    cJSON_AddBoolToObject(o, "sent", r->sent);
    if (r->unknown)
        cJSON_AddBoolToObject(o, "outcome_unknown", true);
    if (r->read_back)
        cJSON_AddBoolToObject(o, "read_back", true);
    cJSON_AddStringToObject(o, "state_before", model_campaign_state_name(r->before));
    cJSON_AddStringToObject(o, "state", model_campaign_state_name(r->state));
    if (r->outcome == AUDIT_CONFIRMED || r->outcome == AUDIT_ALREADY)
        cJSON_AddStringToObject(o, "raw_state", r->raw_state);
    if (r->action == ACTION_CONCURRENCY && r->concurrency >= 0)
        cJSON_AddNumberToObject(o, "concurrency", r->concurrency);
    if (r->action == ACTION_RETRY && r->pending >= 0)
        cJSON_AddNumberToObject(o, "pending", (double)r->pending);
    cJSON_AddStringToObject(o, "message", r->message);
    if (r->has_window) {
        char days[40];
        window_format_days(r->window.days, days, sizeof days);
        cJSON *w = cJSON_AddObjectToObject(o, "window");
        cJSON_AddStringToObject(w, "start", r->window.start);
        cJSON_AddStringToObject(w, "end", r->window.end);
        cJSON_AddStringToObject(w, "days", days);
        cJSON_AddStringToObject(w, "tz", r->window.zone);
        if (r->window.end_at[0])
            cJSON_AddStringToObject(w, "end_at", r->window.end_at);
    }
    if (r->has_schedule) {
        cJSON_AddStringToObject(o, "at", r->schedule.when);
        cJSON_AddStringToObject(o, "tz", r->schedule.zone);
        cJSON_AddNumberToObject(o, "epoch", (double)r->schedule.epoch);
    }
    if (r->outcome != AUDIT_CONFIRMED && r->outcome != AUDIT_ALREADY) {
        cJSON *e = cJSON_AddObjectToObject(o, "error");
        if (e) {
            cJSON_AddStringToObject(e, "kind", r->outcome == AUDIT_REFUSED
                                                   ? "refused"
                                                   : api_error_kind_name(r->error.kind));
            cJSON_AddStringToObject(e, "message", r->message);
            if (r->error.http_status)
                cJSON_AddNumberToObject(e, "http_status", (double)r->error.http_status);
        }
    }
    return o;
}

static int worse(int code, audit_outcome_t o)
{
    if (o == AUDIT_FAILED)
        return DIALTOP_EXIT_FAILED;
    if (o == AUDIT_REFUSED && code == DIALTOP_EXIT_OK)
        return DIALTOP_EXIT_REFUSED;
    return code;
}

/* The first ID that failed its read or its vetting, for the others' reason. */
static int first_bad(const opts_t *o, model_campaign_t **camps, const bool *ok)
{
    for (int i = 0; i < o->nids; i++)
        if (!camps[i] || !ok[i])
            return i;
    return -1;
}

/* README: "every ID is read first, then acted on". All targets are read
 * and vetted before anything is sent; one that cannot be read or is
 * refused means nothing is sent to any of them (each still gets its audit
 * line and its report). */
static int run(const opts_t *o, client_t *client)
{
    /* --tz alone is a window change on Sarvam, but where a reschedule
     * moves the start it still needs the start: a usage error, as before */
    if (o->action == ACTION_RESCHEDULE && !o->at && !o->hours && !o->days && !o->end &&
        model_reschedule_kind(client_profile(client)->provider) == RESCHEDULE_MOVES_START)
        return usage_error("%s: --at \"YYYY-MM-DD HH:MM\" is required", "reschedule");
    action_ctx_t *ctx = action_ctx_new(client, o->read_only, NULL);
    model_campaign_t **camps = calloc((size_t)o->nids, sizeof *camps);
    action_report_t *reps = calloc((size_t)o->nids, sizeof *reps);
    bool *ok = calloc((size_t)o->nids, sizeof *ok);
    if (!ctx || !camps || !reps || !ok) {
        fprintf(stderr, "dialtop: out of memory\n");
        action_ctx_free(ctx);
        free(camps);
        free(reps);
        free(ok);
        return DIALTOP_EXIT_FAILED;
    }
    provider_t p = client_profile(client)->provider;
    action_params_t params = {.at = o->at, .tz = o->tz, .confirmed = o->yes, .hours = o->hours,
                              .days = o->days, .end = o->end, .args = o->args,
                              .if_needed = o->if_needed};
    /* What a reschedule changes is the provider's (Sarvam: the window,
     * never the start): a mismatch is refused before even the read. */
    bool fits = o->action != ACTION_RESCHEDULE ||
                model_reschedule_fits(p, o->at || model_reschedule_kind(p) == RESCHEDULE_MOVES_START,
                                      o->hours || o->days || o->end ||
                                          (o->tz && model_reschedule_kind(p) == RESCHEDULE_SETS_WINDOW),
                                      NULL, 0);
    for (int i = 0; i < o->nids; i++) {
        api_error_t err;
        api_error_clear(&err);
        if (!fits) {
            /* no read: a stub of the provider, refused by the table's
             * sentence whatever its state (nothing sent, audited below) */
            camps[i] = calloc(1, sizeof *camps[i]);
            if (camps[i]) {
                model_campaign_init(camps[i]);
                camps[i]->provider = p;
                camps[i]->id = strdup(o->ids[i]);
            }
        } else {
            camps[i] = fetch_campaign(client, o->ids[i], &err);
        }
        if (camps[i])
            ok[i] = action_check(ctx, camps[i], o->action, &params, &reps[i]);
        else
            reps[i].error = err;
    }
    int bad = first_bad(o, camps, ok);
    int code = DIALTOP_EXIT_OK;
    for (int i = 0; i < o->nids; i++) {
        action_report_t r;
        if (!camps[i]) {
            action_record_unread(ctx, o->ids[i], o->action, &params, &reps[i].error, &r);
        } else if (!ok[i]) {
            action_run(ctx, camps[i], o->action, &params, &r); /* refused again, audited */
        } else if (bad >= 0) {
            char why[API_ERROR_MSG_MAX];
            snprintf(why, sizeof why, "campaign %.60s %s, so no target was acted on",
                     o->ids[bad], camps[bad] ? "was refused" : "could not be read");
            action_refuse(ctx, camps[i], o->action, &params, why, &r);
        } else {
            action_run(ctx, camps[i], o->action, &params, &r);
        }
        if (r.audit_error[0])
            fprintf(stderr, "dialtop: warning: %s\n", r.audit_error);
        code = worse(code, r.outcome);
        /* --json: one compact object per campaign and line, as it happens */
        if (o->json)
            cli_json_line(stdout, report_json(&r));
        else
            print_human(&r);
        fflush(stdout);
        if (camps[i]) {
            model_campaign_free(camps[i]);
            free(camps[i]);
        }
    }
    free(camps);
    free(reps);
    free(ok);
    action_ctx_free(ctx);
    return code;
}

static void opts_free(opts_t *o)
{
    free(o->ids);
    free(o->reasons_buf);
    for (size_t i = 0; i < o->nresolved; i++)
        free(o->resolved[i]);
    free(o->resolved);
}

int cmd_action_main(int argc, char **argv)
{
    opts_t o;
    int code = parse_opts(argc, argv, &o);
    if (code != 0) {
        opts_free(&o);
        return code < 0 ? DIALTOP_EXIT_OK : code;
    }
    config_t cfg;
    char err[512];
    if (!config_load(&cfg, o.config_path, err, sizeof err)) {
        fprintf(stderr, "dialtop: %s\n", err);
        opts_free(&o);
        return DIALTOP_EXIT_USAGE;
    }
    const config_profile_t *prof = config_find_profile(&cfg, o.profile);
    client_t *client = NULL;
    char notice[256];
    if (prof && config_insecure_notice(prof, notice, sizeof notice))
        fprintf(stderr, "dialtop: %s\n", notice);
    if (!prof) {
        fprintf(stderr, "dialtop: no profile named '%s'", o.profile ? o.profile : "");
        for (size_t i = 0; i < cfg.nprofiles; i++)
            fprintf(stderr, "%s%s", i ? ", " : " (profiles: ", cfg.profiles[i].name);
        fprintf(stderr, "%s\n", cfg.nprofiles ? ")" : "");
        code = DIALTOP_EXIT_USAGE;
    } else if (!(client = cli_client_new(prof, err, sizeof err))) {
        fprintf(stderr, "dialtop: %s\n", err);
        code = DIALTOP_EXIT_USAGE;
    } else if (o.name && (code = cli_resolve_name(client, o.name, &o.resolved,
                                                  &o.nresolved)) != 0) {
        /* none, ambiguous, or the list unreadable: nothing sent */
    } else {
        char **given = o.ids;
        if (o.name) {
            o.ids = o.resolved;
            o.nids = (int)o.nresolved;
        }
        code = run(&o, client);
        o.ids = given;
    }
    client_free(client);
    config_free(&cfg);
    opts_free(&o);
    return code;
}
