/* `dialtop followup ID --states S,... --name N`: a new campaign from the
 * contacts of a finished (or running) one in the given states, with their
 * context variables, on the same or another profile, through the same
 * settings checks and upload path as an import. */
#include "cmd_followup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "cli_common.h"
#include "config.h"
#include "exit_codes.h"
#include "followup.h"
#include "list_all.h"
#include "sanitize.h"
#include "upload_args.h"

#define SHOWN_ROWS 10

typedef struct {
    const char *id, *states_text, *profile, *to_profile, *config_path;
    bool dry_run, json;
    unsigned mask;
    upload_settings_t s;
} args_t;

static void usage(FILE *f)
{
    fprintf(f, "usage: dialtop followup ID --states no_answer,busy,failed [--profile P]\n"
               "         [--to-profile P2] [--dry-run] [--json] [--config FILE]\n%s"
               "A new campaign from the contacts of campaign ID in those states, with their\n"
               "context variables, on --to-profile (default: the same profile). --dry-run\n"
               "shows the count and the first rows; nothing is sent.\n"
               "exit: 0 created and confirmed (or the dry run), 1 a request failed,\n"
               "      2 usage, 3 refused (no contact in those states, read-only profile)\n",
            upload_args_usage);
}

static void print_clean(FILE *f, const char *s)
{
    char *clean = sanitize_text(s ? s : "");
    fputs(clean ? clean : "?", f);
    free(clean);
}

enum { OPT_HELP = 'h', OPT_DRY_RUN = 256, OPT_JSON, OPT_STATES, OPT_PROFILE, OPT_TO_PROFILE,
       OPT_CONFIG };

/* The synopsis in usage() is the help: the settings flags share theirs
 * (upload_args_usage) with import. */
static const cli_opt_t followup_options[] = {
    {"help", 'h', CLI_FLAG, OPT_HELP, NULL, NULL},
    {"dry-run", 0, CLI_FLAG, OPT_DRY_RUN, NULL, NULL},
    {"json", 0, CLI_FLAG, OPT_JSON, NULL, NULL},
    {"states", 0, CLI_VALUE, OPT_STATES, "S,...", NULL},
    {"profile", 0, CLI_VALUE, OPT_PROFILE, "P", NULL},
    {"to-profile", 0, CLI_VALUE, OPT_TO_PROFILE, "P2", NULL},
    {"config", 0, CLI_VALUE, OPT_CONFIG, "FILE", NULL},
    UPLOAD_ARGS_OPTIONS,
};
#define FOLLOWUP_NOPTIONS (sizeof followup_options / sizeof *followup_options)

static int parse_args(int argc, char **argv, args_t *a)
{
    memset(a, 0, sizeof *a);
    upload_settings_init(&a->s);
    cli_opts_t p;
    cli_opts_begin(&p, followup_options, FOLLOWUP_NOPTIONS, argc, argv);
    for (int id; (id = cli_opts_next(&p)) != CLI_OPT_END;) {
        switch (id) {
        case OPT_HELP:
            usage(stdout);
            return DIALTOP_EXIT_OK;
        case OPT_DRY_RUN: a->dry_run = true; break;
        case OPT_JSON: a->json = true; break;
        case OPT_STATES: a->states_text = p.value; break;
        case OPT_PROFILE: a->profile = p.value; break;
        case OPT_TO_PROFILE: a->to_profile = p.value; break;
        case OPT_CONFIG: a->config_path = p.value; break;
        case CLI_OPT_WORD:
            if (a->id) {
                fprintf(stderr, "dialtop followup: one campaign at a time (%s and %s)\n", a->id,
                        p.value);
                return DIALTOP_EXIT_USAGE;
            }
            a->id = p.value;
            break;
        case CLI_OPT_NO_VALUE:
        case CLI_OPT_UNKNOWN: return upload_args_refuse("followup", id, p.text, usage);
        default:
            if (!upload_args_take("followup", id, p.value, &a->s))
                return DIALTOP_EXIT_USAGE;
            break;
        }
    }
    char reason[256];
    if (!a->id) {
        fprintf(stderr, "dialtop followup: no campaign ID given\n");
        usage(stderr);
        return DIALTOP_EXIT_USAGE;
    }
    if (!a->states_text) {
        fprintf(stderr, "dialtop followup: --states is required (e.g. no_answer,busy,failed)\n");
        return DIALTOP_EXIT_USAGE;
    }
    if (!followup_parse_states(a->states_text, &a->mask, reason, sizeof reason)) {
        fprintf(stderr, "dialtop followup: --states: %s\n", reason);
        return DIALTOP_EXIT_USAGE;
    }
    if (!a->dry_run && !a->s.name) {
        fprintf(stderr, "dialtop followup: creating needs --name (or --dry-run to only "
                        "count); nothing was sent\n");
        return DIALTOP_EXIT_USAGE;
    }
    return -1;
}

static void print_vars(const model_contact_t *c)
{
    for (size_t v = 0; v < c->nvars; v++) {
        printf("%s", v ? ", " : "  ");
        print_clean(stdout, c->vars[v].key);
        putchar('=');
        print_clean(stdout, c->vars[v].value);
    }
}

static cJSON *list_json(const args_t *a, const followup_list_t *l)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "source", a->id);
    cJSON_AddNumberToObject(o, "source_contacts", (double)l->source_total);
    cJSON_AddNumberToObject(o, "count", (double)l->n);
    cJSON *by = cJSON_AddObjectToObject(o, "by_state");
    for (int s = 1; s < CONTACT_STATE_COUNT; s++)
        if (a->mask & (1u << s))
            cJSON_AddNumberToObject(by, model_contact_state_name((contact_state_t)s),
                                    (double)l->by_state[s]);
    cJSON *rows = cJSON_AddArrayToObject(o, "first");
    for (size_t i = 0; i < l->n && i < SHOWN_ROWS; i++) {
        const model_contact_t *c = &l->items[i];
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "phone", c->phone);
        cJSON_AddStringToObject(r, "state", model_contact_state_name(c->state));
        cJSON *vars = cJSON_AddObjectToObject(r, "vars");
        for (size_t v = 0; v < c->nvars; v++)
            if (c->vars[v].key)
                cJSON_AddStringToObject(vars, c->vars[v].key,
                                        c->vars[v].value ? c->vars[v].value : "");
        cJSON_AddItemToArray(rows, r);
    }
    return o;
}

static void print_list(const args_t *a, const followup_list_t *l)
{
    printf("source     campaign ");
    print_clean(stdout, a->id);
    printf(": %zu contacts read\n", l->source_total);
    printf("follow-up  %zu contact%s:", l->n, l->n == 1 ? "" : "s");
    for (int s = 1; s < CONTACT_STATE_COUNT; s++)
        if (a->mask & (1u << s))
            printf(" %s %ld", model_contact_state_name((contact_state_t)s), l->by_state[s]);
    putchar('\n');
    for (size_t i = 0; i < l->n && i < SHOWN_ROWS; i++) {
        const model_contact_t *c = &l->items[i];
        printf("  ");
        print_clean(stdout, c->phone);
        printf("  %s", model_contact_state_name(c->state));
        print_vars(c);
        putchar('\n');
    }
    if (l->n > SHOWN_ROWS)
        printf("  ... and %zu more\n", l->n - SHOWN_ROWS);
}

static void on_progress(size_t done, size_t total, void *ud)
{
    (void)ud;
    if (done)
        fprintf(stderr, "dialtop followup: uploaded %zu of %zu contacts\n", done, total);
}

static int upload(const args_t *a, const config_profile_t *dst, client_t *dc,
                  const followup_list_t *l, cJSON *json)
{
    char reason[UPLOAD_REASON_MAX];
    upload_t *u = upload_start_list(dc, followup_contact_at, l, l->n, &a->s, reason,
                                    sizeof reason);
    if (!u) {
        fprintf(stderr, "dialtop followup: ");
        print_clean(stderr, reason);
        fprintf(stderr, "; nothing created\n");
        return DIALTOP_EXIT_REFUSED;
    }
    upload_wait(u, a->json ? NULL : on_progress, NULL);
    const upload_outcome_t *o = upload_outcome(u);
    int rc = o->confirmed ? DIALTOP_EXIT_OK : DIALTOP_EXIT_FAILED;
    if (json) {
        cJSON *up = cJSON_AddObjectToObject(json, "upload");
        cJSON_AddBoolToObject(up, "confirmed", o->confirmed);
        cJSON_AddStringToObject(up, "profile", dst->name);
        if (o->has_created) {
            cJSON_AddStringToObject(up, "campaign_id", o->created.id);
            cJSON_AddStringToObject(up, "state", model_campaign_state_name(o->created.state));
        }
        cJSON_AddNumberToObject(up, "contacts_uploaded", (double)o->contacts_sent);
        if (!o->confirmed)
            cJSON_AddStringToObject(up, "message", o->err.message);
    }
    if (o->confirmed && !json) {
        printf("created    campaign ");
        print_clean(stdout, o->created.id);
        printf(" on profile ");
        print_clean(stdout, dst->name);
        printf(", state %s, %zu contact%s uploaded\n", model_campaign_state_name(o->created.state),
               o->contacts_sent, o->contacts_sent == 1 ? "" : "s");
    } else if (!o->confirmed) {
        char advice[UPLOAD_REASON_MAX + 128];
        upload_advice(o, advice, sizeof advice);
        fprintf(stderr, "dialtop followup: upload failed: ");
        print_clean(stderr, o->err.message);
        fprintf(stderr, "\ndialtop followup: ");
        print_clean(stderr, advice);
        fputc('\n', stderr);
    }
    upload_free(u);
    return rc;
}

/* Opens the client of `p`, or says why not. */
static client_t *open_client(const config_profile_t *p)
{
    char err[512];
    client_t *c = cli_client_new(p, err, sizeof err);
    if (!c) {
        fprintf(stderr, "dialtop followup: ");
        print_clean(stderr, err);
        fputc('\n', stderr);
    }
    return c;
}

static int run(args_t *a, const config_profile_t *src, const config_profile_t *dst)
{
    char reason[UPLOAD_REASON_MAX];
    if (!a->dry_run) {
        if (dst->read_only) {
            fprintf(stderr, "dialtop followup: profile '%s' is read-only; nothing was sent\n",
                    dst->name);
            return DIALTOP_EXIT_REFUSED;
        }
        if (!upload_check(dst->provider, &a->s, time(NULL), reason, sizeof reason)) {
            fprintf(stderr, "dialtop followup: ");
            print_clean(stderr, reason);
            fprintf(stderr, "; nothing was sent\n");
            return DIALTOP_EXIT_USAGE;
        }
    }
    client_t *sc = open_client(src);
    if (!sc)
        return DIALTOP_EXIT_USAGE;
    model_contact_t *all = NULL;
    size_t n = 0, dropped = 0;
    api_error_t err;
    if (!list_all_contacts_wait(sc, a->id, NULL, &all, &n, &err)) {
        fprintf(stderr, "dialtop followup: reading campaign ");
        print_clean(stderr, a->id);
        fprintf(stderr, ": ");
        print_clean(stderr, err.message);
        fprintf(stderr, "; nothing created\n");
        client_free(sc);
        return DIALTOP_EXIT_FAILED;
    }
    followup_list_t l;
    if (!followup_select(&l, all, n, a->mask, &dropped)) {
        fprintf(stderr, "dialtop followup: out of memory\n");
        client_free(sc);
        return DIALTOP_EXIT_FAILED;
    }
    cJSON *json = a->json ? list_json(a, &l) : NULL;
    if (!a->json)
        print_list(a, &l);
    if (dropped)
        fprintf(stderr, "dialtop followup: %zu contact%s in those states had no phone number "
                        "and are left out\n", dropped, dropped == 1 ? "" : "s");
    int rc = DIALTOP_EXIT_OK;
    if (a->dry_run) {
        if (!a->json)
            printf("dry run: nothing created\n");
    } else if (l.n == 0) {
        fprintf(stderr, "dialtop followup: no contact in those states: nothing created\n");
        rc = DIALTOP_EXIT_REFUSED;
    } else {
        fflush(stdout);
        client_t *dc = dst == src ? sc : open_client(dst);
        rc = dc ? upload(a, dst, dc, &l, json) : DIALTOP_EXIT_USAGE;
        if (dc && dc != sc)
            client_free(dc);
    }
    if (json) {
        char *s = cJSON_PrintUnformatted(json);
        if (s)
            puts(s);
        free(s);
        cJSON_Delete(json);
    }
    followup_list_free(&l);
    client_free(sc);
    return rc;
}

int cmd_followup(int argc, char **argv)
{
    args_t a;
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0)
        return rc;
    config_t cfg = {0};
    char err[512];
    if (!config_load(&cfg, a.config_path, err, sizeof err)) {
        fprintf(stderr, "dialtop followup: %s\n", err);
        return DIALTOP_EXIT_USAGE;
    }
    const config_profile_t *src = config_find_profile(&cfg, a.profile);
    const config_profile_t *dst = a.to_profile ? config_find_profile(&cfg, a.to_profile) : src;
    if (!src || !dst) {
        fprintf(stderr, "dialtop followup: no profile named '%s'\n",
                !src ? (a.profile ? a.profile : "") : a.to_profile);
        config_free(&cfg);
        return DIALTOP_EXIT_USAGE;
    }
    rc = run(&a, src, dst);
    config_free(&cfg);
    return rc;
}
