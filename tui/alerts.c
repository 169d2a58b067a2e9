/* Alerts (see alerts.h). */
#include "alerts.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "figure.h"

extern char **environ;

static const char *const kind_names[ALERT_KIND_COUNT] = {"failed", "stalled", "fail_rate",
                                                         "unreachable"};

/* "failed", "stalled"...: DIALTOP_ALERT_KIND for an alert command */
static const char *alerts_kind_name(alert_kind_t k)
{
    return (unsigned)k < ALERT_KIND_COUNT ? kind_names[k] : "unknown";
}

unsigned alerts_row_bits(const camp_row_t *r, const camprows_rules_t *rules)
{
    unsigned bits = 0;
    double pct;
    if (r->m.state == CAMPAIGN_FAILED)
        bits |= 1u << ALERT_FAILED;
    if (camprows_stalled(r, rules))
        bits |= 1u << ALERT_STALLED;
    if (r->m.state == CAMPAIGN_ACTIVE && figure_fail_percent(&r->m, &pct) &&
        pct >= rules->fail_alert_pct)
        bits |= 1u << ALERT_FAIL_RATE;
    return bits;
}

void alerts_add(alerts_t *al, alert_kind_t kind, time_t when, const char *text)
{
    if (al->n == ALERTS_KEEP) {
        memmove(al->items, al->items + 1, (ALERTS_KEEP - 1) * sizeof al->items[0]);
        al->n--;
    }
    alert_t *a = &al->items[al->n++];
    a->kind = kind;
    a->when = when;
    snprintf(a->text, sizeof a->text, "%s", text ? text : "");
    al->unacked++;
}

void alerts_ack(alerts_t *al)
{
    al->unacked = 0;
    al->n = 0;
}

const alert_t *alerts_newest(const alerts_t *al)
{
    return al->unacked && al->n ? &al->items[al->n - 1] : NULL;
}

/* NAME=value into a fresh string (values may hold anything: they are
 * environment values, never parsed by a shell). */
static char *env_pair(const char *name, const char *value)
{
    size_t len = strlen(name) + 1 + (value ? strlen(value) : 0) + 1;
    char *s = malloc(len);
    if (s)
        snprintf(s, len, "%s=%s", name, value ? value : "");
    return s;
}

#define MAX_ARGS 32

bool alerts_notify(alerts_t *al, const char *command, const alert_facts_t *f, char *why,
                   size_t why_len)
{
    alerts_reap(al);
    size_t slot = ALERTS_CHILDREN;
    for (size_t i = 0; i < ALERTS_CHILDREN; i++)
        if (al->children[i] == 0) {
            slot = i;
            break;
        }
    if (slot == ALERTS_CHILDREN) {
        snprintf(why, why_len, "%d notify commands still running", ALERTS_CHILDREN);
        return false;
    }
    /* the config's command line, split on blanks: no shell, no quoting */
    char *line = strdup(command);
    char *argv[MAX_ARGS + 1];
    size_t argc = 0;
    for (char *save = NULL, *tok = line ? strtok_r(line, " \t", &save) : NULL;
         tok && argc < MAX_ARGS; tok = strtok_r(NULL, " \t", &save))
        argv[argc++] = tok;
    argv[argc] = NULL;
    if (!argc) {
        free(line);
        snprintf(why, why_len, "notify_command is empty");
        return false;
    }
    size_t nenv = 0;
    while (environ && environ[nenv])
        nenv++;
    char **envp = calloc(nenv + 8, sizeof *envp);
    char *own[7] = {NULL};
    char pct[32] = "";
    if (f->fail_pct >= 0)
        snprintf(pct, sizeof pct, "%.1f", f->fail_pct);
    bool ok = envp != NULL;
    if (ok) {
        size_t k = 0;
        /* ours first: an inherited DIALTOP_ALERT_* must not shadow them */
        own[0] = env_pair("DIALTOP_ALERT_KIND", alerts_kind_name(f->kind));
        own[1] = env_pair("DIALTOP_ALERT_PROFILE", f->profile);
        own[2] = env_pair("DIALTOP_ALERT_PROVIDER", f->provider);
        own[3] = env_pair("DIALTOP_ALERT_CAMPAIGN_ID", f->campaign_id);
        own[4] = env_pair("DIALTOP_ALERT_CAMPAIGN_NAME", f->campaign_name);
        own[5] = env_pair("DIALTOP_ALERT_STATE", f->state);
        own[6] = env_pair("DIALTOP_ALERT_FAIL_PCT", pct);
        for (size_t i = 0; i < 7; i++) {
            if (!own[i])
                ok = false;
            envp[k++] = own[i];
        }
        for (size_t i = 0; i < nenv; i++)
            if (strncmp(environ[i], "DIALTOP_ALERT_", 14) != 0)
                envp[k++] = environ[i];
        envp[k] = NULL;
    }
    pid_t pid = 0;
    int rc = ENOMEM;
    if (ok) {
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        /* the console owns the terminal: the command gets /dev/null */
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
        rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, envp);
        posix_spawn_file_actions_destroy(&fa);
    }
    if (rc == 0)
        al->children[slot] = pid;
    else
        snprintf(why, why_len, "cannot run %s: %s", argv[0], strerror(rc));
    for (size_t i = 0; i < 7; i++)
        free(own[i]);
    free(envp);
    free(line);
    return rc == 0;
}

void alerts_reap(alerts_t *al)
{
    for (size_t i = 0; i < ALERTS_CHILDREN; i++)
        if (al->children[i] > 0 && waitpid(al->children[i], NULL, WNOHANG) != 0)
            al->children[i] = 0;
}
