/* dialtop show ID [--profile P] [--json] [--watch [SECONDS]]
 *
 * Every field the model holds for the campaign, as read now from the
 * provider (its detail endpoint), with the raw record it came from. */
#include "cmd_show.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli_common.h"
#include "cli_opts.h"
#include "exit_codes.h"
#include "sanitize.h"

typedef struct {
    const char *profile, *config_path, *id, *name;
    bool json, watch;
    double every;
    client_t *client;
} show_opts_t;

enum { OPT_HELP = 'h', OPT_JSON = 256, OPT_WATCH, OPT_PROFILE, OPT_CONFIG, OPT_NAME };

static const cli_opt_t show_options[] = {
    {"help", 'h', CLI_FLAG, OPT_HELP, NULL, NULL},
    {"name", 0, CLI_VALUE, OPT_NAME, "NAME", "the campaign by name instead of ID (a glob)"},
    {"profile", 0, CLI_VALUE, OPT_PROFILE, "NAME",
     "use this profile from the config (default: the first)"},
    {"config", 0, CLI_VALUE, OPT_CONFIG, "FILE", "read this config instead of the default one"},
    {"json", 0, CLI_FLAG, OPT_JSON, NULL, "one compact JSON object on one line"},
    {"watch", 0, CLI_OPTIONAL, OPT_WATCH, "S",
     "reprint every S seconds (default 2) until interrupted"},
};
#define SHOW_NOPTIONS (sizeof show_options / sizeof *show_options)

static void usage(FILE *out)
{
    fputs("usage: dialtop show ID|--name NAME [--profile NAME] [--json] [--watch [SECONDS]]\n"
          "\n"
          "Every field of one campaign as the provider has it now: state and raw\n"
          "status, counts by contact state, schedule and zone, settings, failure\n"
          "reason, and the raw record (--json: one compact object on one line).\n"
          "A figure the provider does not give is ? (null in JSON).\n"
          "\n",
          out);
    cli_opts_help(out, show_options, SHOW_NOPTIONS, 19);
    fputs("\n"
          "exit codes: 0 shown; 1 the campaign could not be read; 2 usage\n",
          out);
}

static int parse(int argc, char **argv, show_opts_t *o)
{
    memset(o, 0, sizeof *o);
    cli_opts_t p;
    cli_opts_begin(&p, show_options, SHOW_NOPTIONS, argc, argv);
    for (int id; (id = cli_opts_next(&p)) != CLI_OPT_END;) {
        switch (id) {
        case OPT_HELP:
            usage(stdout);
            return -1;
        case OPT_JSON: o->json = true; break;
        case OPT_WATCH:
            if (!cli_watch_value(p.value, &o->every))
                return DIALTOP_EXIT_USAGE;
            o->watch = true;
            break;
        case OPT_PROFILE: o->profile = p.value; break;
        case OPT_NAME: o->name = p.value; break;
        case OPT_CONFIG: o->config_path = p.value; break;
        case CLI_OPT_WORD:
            if (!cli_campaign_word("show", &o->id, p.value))
                return DIALTOP_EXIT_USAGE;
            break;
        default: return cli_refuse_option("show", id, p.text);
        }
    }
    if (!cli_campaign_named("show", o->id, o->name))
        return DIALTOP_EXIT_USAGE;
    return 0;
}

typedef struct {
    model_campaign_t *camp;
    api_error_t err;
} got_t;

static void on_get(model_campaign_t *camp, const api_error_t *err, void *ud)
{
    got_t *g = ud;
    g->camp = camp;
    if (err)
        g->err = *err;
}

static const char *retry_name(retry_schedule_t r)
{
    switch (r) {
    case RETRY_IMMEDIATELY: return "immediately";
    case RETRY_NEXT_DAY: return "next_day";
    case RETRY_SCHEDULED_TIME: return "scheduled_time";
    default: return "none";
    }
}

static void line(const char *key, const char *value)
{
    printf("%-16s ", key);
    cli_cell(stdout, value && *value ? value : "?", 0, false);
    fputc('\n', stdout);
}

static void line_num(const char *key, long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    line(key, v >= 0 ? buf : "?");
}

static void print_text(const model_campaign_t *c, const char *profile)
{
    char buf[64];
    line("id", c->id);
    line("name", c->name);
    line("profile", profile);
    line("provider", model_provider_name(c->provider));
    line("state", model_campaign_state_name(c->state));
    line("raw state", c->raw_state);
    line_num("total", c->total_contacts);
    line_num("done", c->completed_contacts);
    for (int s = 1; s < CONTACT_STATE_COUNT; s++)
        line_num(model_contact_state_name((contact_state_t)s),
                 cli_count(c, (contact_state_t)s));
    line("scheduled at", c->scheduled_at);
    line("timezone", c->timezone);
    cli_next_run(c, time(NULL), buf, sizeof buf);
    line("next run", buf[0] ? buf : "-");
    line("created at", c->created_at);
    line_num("concurrency", c->concurrency);
    line_num("retry limit", c->retry_limit);
    line("retry schedule", retry_name(c->retry_schedule));
    line("failure reason", c->failure_reason ? c->failure_reason : "-");
    line("raw record", c->raw_json);
}

static cJSON *show_json(const model_campaign_t *c, const char *profile)
{
    cJSON *o = cli_campaign_json(c, profile, time(NULL));
    if (!o)
        return NULL;
    cJSON *counts = cJSON_AddObjectToObject(o, "counts");
    for (int s = 1; counts && s < CONTACT_STATE_COUNT; s++) {
        long v = cli_count(c, (contact_state_t)s);
        if (v < 0)
            cJSON_AddNullToObject(counts, model_contact_state_name((contact_state_t)s));
        else
            cJSON_AddNumberToObject(counts, model_contact_state_name((contact_state_t)s),
                                    (double)v);
    }
    cJSON_AddItemToObject(o, "scheduled_at", c->scheduled_at ? cJSON_CreateString(c->scheduled_at)
                                                              : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "timezone", c->timezone ? cJSON_CreateString(c->timezone)
                                                      : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "created_at", c->created_at ? cJSON_CreateString(c->created_at)
                                                          : cJSON_CreateNull());
    if (c->concurrency >= 0)
        cJSON_AddNumberToObject(o, "concurrency", c->concurrency);
    else
        cJSON_AddNullToObject(o, "concurrency");
    if (c->retry_limit >= 0)
        cJSON_AddNumberToObject(o, "retry_limit", c->retry_limit);
    else
        cJSON_AddNullToObject(o, "retry_limit");
    cJSON_AddStringToObject(o, "retry_schedule", retry_name(c->retry_schedule));
    cJSON_AddItemToObject(o, "failure_reason", c->failure_reason
                                                   ? cJSON_CreateString(c->failure_reason)
                                                   : cJSON_CreateNull());
    cJSON *raw = c->raw_json ? cJSON_Parse(c->raw_json) : NULL;
    cJSON_AddItemToObject(o, "raw", raw ? raw : cJSON_CreateNull());
    return o;
}

static int show_once(void *ud)
{
    show_opts_t *o = ud;
    got_t g = {NULL, {0}};
    api_error_clear(&g.err);
    api_error_set(&g.err, API_ERR_NETWORK, 0, "no reply");
    unsigned long op = client_get_campaign(o->client, o->id, on_get, &g);
    if (!op || !client_wait(o->client, op, -1) || !g.camp) {
        if (cli_watch_interrupted())
            return DIALTOP_EXIT_OK;
        char *msg = sanitize_text(g.err.message);
        fprintf(stderr, "dialtop: show %s: %s: %s\n", o->id, api_error_kind_name(g.err.kind),
                msg ? msg : "");
        free(msg);
        return DIALTOP_EXIT_FAILED;
    }
    const char *profile = client_profile(o->client)->name;
    if (o->json)
        cli_json_line(stdout, show_json(g.camp, profile));
    else
        print_text(g.camp, profile);
    model_campaign_free(g.camp);
    free(g.camp);
    return DIALTOP_EXIT_OK;
}

int cmd_show(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    show_opts_t o;
    int code = parse(argc, argv, &o);
    if (code)
        return code < 0 ? DIALTOP_EXIT_OK : code;
    cli_profiles_t p;
    code = cli_profiles_open(&p, o.config_path, o.profile, false);
    if (code)
        return code;
    o.client = p.clients[0];
    char *found = NULL;
    if (o.name && (code = cli_resolve_one(o.client, o.name, &found)) != 0) {
        cli_profiles_close(&p);
        return code;
    }
    if (found)
        o.id = found;
    code = o.watch ? cli_watch(o.every, o.json, show_once, &o) : show_once(&o);
    cli_profiles_close(&p);
    free(found);
    return code;
}
