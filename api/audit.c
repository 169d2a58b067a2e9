/* The audit log: JSON lines appended atomically. */
#include "audit.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <pwd.h>
#include <unistd.h>

#include "redact.h"
#include "xdg_path.h"

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
    return xdg_path_dup(XDG_STATE, "audit.log");
}

/* Every string is redacted here, whoever filled it: the log is a file
 * others may read later, and a provider message may quote the key. */
static void add_str(cJSON *o, const char *key, const char *v)
{
    char *clean = v ? redact_dup(v) : NULL;
    if (clean)
        cJSON_AddStringToObject(o, key, clean);
    else
        cJSON_AddNullToObject(o, key);
    free(clean);
}

const char *audit_actor(void)
{
    static char actor[320];
    if (actor[0])
        return actor;
    char user[64] = "", host[256] = "";
    struct passwd pw, *res = NULL;
    char buf[1024];
    if (getpwuid_r(geteuid(), &pw, buf, sizeof buf, &res) == 0 && res && res->pw_name)
        snprintf(user, sizeof user, "%s", res->pw_name);
    else
        snprintf(user, sizeof user, "uid%ld", (long)geteuid());
    if (gethostname(host, sizeof host) != 0 || !host[0])
        snprintf(host, sizeof host, "unknown-host");
    host[sizeof host - 1] = '\0';
    snprintf(actor, sizeof actor, "%s@%s", user, host);
    return actor;
}

/* Code point of the UTF-8 sequence at s (n bytes left) and its length;
 * 0 length when invalid. */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t len = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (!len || len > n)
        return 0;
    unsigned c = s[0] & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    static const unsigned min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < min[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

/* Characters a terminal acts on or reorders: shown as escapes. */
static bool dangerous(unsigned cp)
{
    return cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E ||
           cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* The printed JSON with every dangerous character as a \uXXXX escape
 * (the same string to a JSON reader) and invalid UTF-8 as \ufffd. cJSON
 * already escapes C0 controls. */
static char *escape_line(const char *text)
{
    size_t len = strlen(text);
    char *out = malloc(len * 6 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (n == 0) {
            memcpy(out + o, "\\ufffd", 6);
            o += 6;
            i++;
        } else if (dangerous(cp)) {
            o += (size_t)sprintf(out + o, "\\u%04x", cp);
            i += n;
        } else {
            memcpy(out + o, s + i, n);
            o += n;
            i += n;
        }
    }
    out[o] = '\0';
    return out;
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
    add_str(o, "by", audit_actor());
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
    if (params && e->source_file)
        add_str(params, "source_file", e->source_file);
    if (params && e->settings)
        add_str(params, "settings", e->settings);
    if (params && e->has_rows) {
        cJSON *rows = cJSON_AddObjectToObject(params, "rows");
        if (rows) {
            cJSON_AddNumberToObject(rows, "read", (double)e->rows_read);
            cJSON_AddNumberToObject(rows, "accepted", (double)e->rows_accepted);
            cJSON_AddNumberToObject(rows, "rejected", (double)e->rows_rejected);
        }
    }
    cJSON_AddStringToObject(o, "outcome", audit_outcome_name(e->outcome));
    cJSON_AddBoolToObject(o, "sent", e->sent);
    if (e->insecure)
        cJSON_AddBoolToObject(o, "insecure_tls", true);
    if (e->unknown)
        cJSON_AddBoolToObject(o, "outcome_unknown", true);
    if (e->outcome == AUDIT_CONFIRMED || e->outcome == AUDIT_ALREADY) {
        cJSON *res = cJSON_AddObjectToObject(o, "result");
        if (res) {
            add_str(res, "state", e->state);
            add_str(res, "raw_state", e->raw_state);
            if (e->note)
                add_str(res, "how", e->note);
        }
    } else {
        if (e->state) {
            cJSON *rb = cJSON_AddObjectToObject(o, "read_back");
            if (rb) {
                add_str(rb, "state", e->state);
                add_str(rb, "raw_state", e->raw_state);
            }
        }
        cJSON *err = cJSON_AddObjectToObject(o, "error");
        if (err) {
            add_str(err, "kind", e->error_kind);
            add_str(err, "message", e->error_message);
            if (e->http_status)
                cJSON_AddNumberToObject(err, "http_status", (double)e->http_status);
        }
    }
    char *raw = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    char *text = raw ? escape_line(raw) : NULL;
    cJSON_free(raw);
    if (!text)
        return NULL;
    size_t len = strlen(text);
    char *line = malloc(len + 2);
    if (line) {
        memcpy(line, text, len);
        line[len] = '\n';
        line[len + 1] = '\0';
    }
    free(text);
    return line;
}

static bool make_parents(const char *file, char *err, size_t err_len)
{
    char dir[4096];
    if (xdg_make_parents(file, dir, sizeof dir))
        return true;
    snprintf(err, err_len, "audit log: cannot create %s: %s", dir, strerror(errno));
    return false;
}

/* The directory holding the log, refused when group or others may write
 * it (they could replace or delete the log). */
static bool dir_private(const char *file, char *err, size_t err_len)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", file);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    struct stat st;
    if (stat(dir, &st) != 0) {
        snprintf(err, err_len, "audit log: cannot read %s: %s", dir, strerror(errno));
        return false;
    }
    /* A sticky directory (/tmp) lets others create files but not replace ours. */
    if ((st.st_mode & 022) && !(st.st_mode & S_ISVTX)) {
        snprintf(err, err_len, "audit log: directory %s is writable by others; fix it: "
                 "chmod go-w %s", dir, dir);
        return false;
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
    if (!make_parents(path, err, err_len) || !dir_private(path, err, err_len))
        goto out;
    /* Never through a symlink: it could point the record anywhere. */
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        if (errno == ELOOP)
            snprintf(err, err_len, "audit log: %s is a symbolic link; refusing to follow it "
                     "(remove it: rm %s)", path, path);
        else
            snprintf(err, err_len, "audit log: cannot open %s: %s", path, strerror(errno));
        goto out;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, err_len, "audit log: %s is not a regular file", path);
        close(fd);
        goto out;
    }
    if (st.st_mode & 022) {
        snprintf(err, err_len, "audit log: %s is writable by others, so its lines prove "
                 "nothing; fix it: chmod 600 %s", path, path);
        close(fd);
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
