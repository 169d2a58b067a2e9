/* The audit log: JSON lines appended atomically. */
#include "audit.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *audit_outcome_name(audit_outcome_t o)
{
    switch (o) {
    case AUDIT_CONFIRMED:
        return "confirmed";
    case AUDIT_REFUSED:
        return "refused";
    case AUDIT_ALREADY:
        return "already";
    case AUDIT_FAILED:
    default:
        return "failed";
    }
}

char *audit_default_path(void)
{
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    char buf[4096];
    /* The XDG spec says a relative XDG_STATE_HOME is invalid: ignore it. */
    if (state && state[0] == '/')
        snprintf(buf, sizeof buf, "%s/dialtop/audit.log", state);
    else if (home && *home)
        snprintf(buf, sizeof buf, "%s/.local/state/dialtop/audit.log", home);
    else
        return NULL;
    return strdup(buf);
}

static void add_str(cJSON *o, const char *key, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

char *audit_format_line(const audit_entry_t *e)
{
    char when[32];
    struct tm tm;
    time_t t = e->time;
    if (gmtime_r(&t, &tm))
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    else
        snprintf(when, sizeof when, "%lld", (long long)t);

    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "time", when);
    add_str(o, "profile", e->profile);
    add_str(o, "provider", e->provider);
    cJSON *camp = cJSON_AddObjectToObject(o, "campaign");
    if (camp) {
        add_str(camp, "id", e->campaign_id);
        add_str(camp, "name", e->campaign_name);
    }
    add_str(o, "action", e->action);
    cJSON *params = cJSON_AddObjectToObject(o, "params");
    if (params && e->at)
        cJSON_AddStringToObject(params, "at", e->at);
    if (params && e->tz)
        cJSON_AddStringToObject(params, "tz", e->tz);
    if (params && e->args)
        cJSON_AddStringToObject(params, "args", e->args);
    cJSON_AddStringToObject(o, "outcome", audit_outcome_name(e->outcome));
    cJSON_AddBoolToObject(o, "sent", e->sent);
    if (e->outcome == AUDIT_CONFIRMED || e->outcome == AUDIT_ALREADY) {
        cJSON *res = cJSON_AddObjectToObject(o, "result");
        if (res) {
            add_str(res, "state", e->state);
            add_str(res, "raw_state", e->raw_state);
        }
    } else {
        cJSON *err = cJSON_AddObjectToObject(o, "error");
        if (err) {
            add_str(err, "kind", e->error_kind);
            add_str(err, "message", e->error_message);
            if (e->http_status)
                cJSON_AddNumberToObject(err, "http_status", (double)e->http_status);
        }
    }
    char *text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!text)
        return NULL;
    size_t len = strlen(text);
    char *line = malloc(len + 2);
    if (line) {
        memcpy(line, text, len);
        line[len] = '\n';
        line[len + 1] = '\0';
    }
    cJSON_free(text);
    return line;
}

/* mkdir -p of the directory holding `file`, each new level 0700. */
static bool make_parents(const char *file, char *err, size_t err_len)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", file);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return true;
    *slash = '\0';
    for (char *p = dir + 1;; p++) {
        bool end = *p == '\0';
        if (*p == '/' || end) {
            char saved = *p;
            *p = '\0';
            if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
                snprintf(err, err_len, "audit log: cannot create %s: %s", dir, strerror(errno));
                return false;
            }
            *p = saved;
        }
        if (end)
            break;
    }
    return true;
}

bool audit_append(const char *path, const audit_entry_t *e, char *err, size_t err_len)
{
    char *owned = NULL;
    if (!path) {
        path = owned = audit_default_path();
        if (!path) {
            snprintf(err, err_len, "audit log: neither XDG_STATE_HOME nor HOME is set");
            return false;
        }
    }
    bool ok = false;
    char *line = audit_format_line(e);
    if (!line) {
        snprintf(err, err_len, "audit log: out of memory");
        goto out;
    }
    if (!make_parents(path, err, err_len))
        goto out;
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, err_len, "audit log: cannot open %s: %s", path, strerror(errno));
        goto out;
    }
    size_t len = strlen(line);
    ssize_t n = write(fd, line, len);
    if (n < 0)
        snprintf(err, err_len, "audit log: cannot write %s: %s", path, strerror(errno));
    else if ((size_t)n != len)
        snprintf(err, err_len, "audit log: short write to %s (disk full?)", path);
    else
        ok = true;
    if (close(fd) != 0 && ok) {
        snprintf(err, err_len, "audit log: cannot write %s: %s", path, strerror(errno));
        ok = false;
    }
out:
    free(line);
    free(owned);
    return ok;
}
