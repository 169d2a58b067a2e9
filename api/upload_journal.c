/* The upload journal: JSON lines, appended and fsync'd one at a time. */
#include "upload_journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "jsonget.h"
#include "xdg_path.h"

struct upload_journal {
    int fd;
};

bool upload_journal_hash_file(const char *path, uint64_t *hash, char *err, size_t err_len)
{
    /* A FIFO or a device was read once by the import and cannot be read
     * again (opening a FIFO would even wait for a writer): no identity. */
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, err_len, "%s is not a regular file: it has no content hash", path);
        return false;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_len, "cannot read %s: %s", path, strerror(errno));
        return false;
    }
    uint64_t h = 0xcbf29ce484222325ULL;
    unsigned char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        for (size_t i = 0; i < n; i++)
            h = (h ^ buf[i]) * 0x100000001b3ULL;
    bool ok = !ferror(f);
    fclose(f);
    if (!ok) {
        snprintf(err, err_len, "cannot read %s", path);
        return false;
    }
    *hash = h;
    return true;
}

bool upload_journal_path(uint64_t hash, const char *profile, char *out, size_t out_len)
{
    char base[3072];
    if (!xdg_path(XDG_STATE, "uploads", base, sizeof base))
        return false;
    /* A profile name is the operator's text: keep it to a file-name-safe
     * subset so it can never leave the directory. */
    char safe[64];
    size_t k = 0;
    for (const char *p = profile ? profile : ""; *p && k + 1 < sizeof safe; p++) {
        char ch = *p;
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
        safe[k++] = ok ? ch : '_';
    }
    safe[k] = '\0';
    int n = snprintf(out, out_len, "%s/%016llx-%s.journal", base, (unsigned long long)hash,
                     safe);
    return n > 0 && (size_t)n < out_len;
}

static size_t get_size(const cJSON *o, const char *key)
{
    long v = jget_long(o, key, 0);
    return v > 0 ? (size_t)v : 0;
}

static void apply_line(upload_journal_state_t *st, const cJSON *o)
{
    char ev[32] = "";
    jget_str_buf(o, "event", ev, sizeof ev);
    if (strcmp(ev, "begin") == 0) {
        memset(st, 0, sizeof *st);
        st->found = true;
        jget_str_buf(o, "name", st->name, sizeof st->name);
        jget_str_buf(o, "provider", st->provider, sizeof st->provider);
        st->contacts = get_size(o, "contacts");
    } else if (!st->found) {
        return;
    } else if (strcmp(ev, "creating") == 0) {
        st->creating = true;
    } else if (strcmp(ev, "created") == 0) {
        st->created = true;
        jget_str_buf(o, "id", st->campaign_id, sizeof st->campaign_id);
        st->draft = jget_bool(o, "draft", false);
        st->held = jget_str_buf(o, "hold_until", st->hold_when, sizeof st->hold_when);
        jget_str_buf(o, "hold_zone", st->hold_zone, sizeof st->hold_zone);
        st->acked = get_size(o, "upto");
        st->accepted = get_size(o, "accepted");
        st->rejected = get_size(o, "rejected");
        st->sending = false;
    } else if (strcmp(ev, "sending") == 0) {
        st->sending = true;
        st->send_first = get_size(o, "from");
        st->send_last = get_size(o, "to");
    } else if (strcmp(ev, "acked") == 0) {
        st->sending = false;
        st->acked = get_size(o, "upto");
        st->accepted = get_size(o, "accepted");
        st->rejected = get_size(o, "rejected");
    } else if (strcmp(ev, "started") == 0) {
        st->started = true;
    } else if (strcmp(ev, "done") == 0) {
        st->done = true;
    } else if (strcmp(ev, "nothing_created") == 0) {
        st->nothing_created = true;
    }
}

void upload_journal_read(const char *path, upload_journal_state_t *st)
{
    memset(st, 0, sizeof *st);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[2048];
    while (fgets(line, sizeof line, f)) {
        if (!strchr(line, '\n'))
            break; /* torn by a kill mid-write (or absurdly long): stop here */
        cJSON *o = cJSON_Parse(line);
        if (o)
            apply_line(st, o);
        cJSON_Delete(o);
    }
    fclose(f);
}

static bool make_parents(const char *file, char *err, size_t err_len)
{
    char dir[4096];
    if (xdg_make_parents(file, dir, sizeof dir))
        return true;
    snprintf(err, err_len, "upload journal: cannot create %s: %s", dir, strerror(errno));
    return false;
}

upload_journal_t *upload_journal_open(const char *path, char *err, size_t err_len)
{
    if (!make_parents(path, err, err_len))
        return NULL;
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, err_len, "upload journal: cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    upload_journal_t *j = malloc(sizeof *j);
    if (!j) {
        close(fd);
        snprintf(err, err_len, "out of memory");
        return NULL;
    }
    j->fd = fd;
    return j;
}

void upload_journal_close(upload_journal_t *j)
{
    if (!j)
        return;
    close(j->fd);
    free(j);
}

/* Writes `o` (consumed) as one line and waits until it is on disk. */
static bool put(upload_journal_t *j, cJSON *o)
{
    if (!j) {
        cJSON_Delete(o);
        return true; /* no journal asked for */
    }
    char *text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!text)
        return false;
    size_t len = strlen(text);
    char *line = malloc(len + 2);
    bool ok = line != NULL;
    if (ok) {
        memcpy(line, text, len);
        line[len] = '\n';
        size_t off = 0;
        while (ok && off < len + 1) {
            ssize_t w = write(j->fd, line + off, len + 1 - off);
            if (w < 0 && errno == EINTR)
                continue;
            ok = w > 0;
            off += w > 0 ? (size_t)w : 0;
        }
        ok = ok && fsync(j->fd) == 0;
    }
    free(line);
    cJSON_free(text);
    return ok;
}

static cJSON *event(const char *name)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "event", name);
    return o;
}

bool upload_journal_begin(upload_journal_t *j, const char *name, const char *provider,
                          size_t contacts)
{
    cJSON *o = event("begin");
    cJSON_AddStringToObject(o, "name", name ? name : "");
    cJSON_AddStringToObject(o, "provider", provider ? provider : "");
    cJSON_AddNumberToObject(o, "contacts", (double)contacts);
    return put(j, o);
}

bool upload_journal_creating(upload_journal_t *j)
{
    return put(j, event("creating"));
}

bool upload_journal_created(upload_journal_t *j, const char *id, bool draft,
                            const char *hold_when, const char *hold_zone, size_t acked,
                            size_t accepted, size_t rejected)
{
    cJSON *o = event("created");
    cJSON_AddStringToObject(o, "id", id);
    cJSON_AddBoolToObject(o, "draft", draft);
    if (hold_when)
        cJSON_AddStringToObject(o, "hold_until", hold_when);
    if (hold_when && hold_zone)
        cJSON_AddStringToObject(o, "hold_zone", hold_zone);
    cJSON_AddNumberToObject(o, "upto", (double)acked);
    cJSON_AddNumberToObject(o, "accepted", (double)accepted);
    cJSON_AddNumberToObject(o, "rejected", (double)rejected);
    return put(j, o);
}

bool upload_journal_sending(upload_journal_t *j, size_t first, size_t last)
{
    cJSON *o = event("sending");
    cJSON_AddNumberToObject(o, "from", (double)first);
    cJSON_AddNumberToObject(o, "to", (double)last);
    return put(j, o);
}

bool upload_journal_acked(upload_journal_t *j, size_t upto, size_t accepted, size_t rejected)
{
    cJSON *o = event("acked");
    cJSON_AddNumberToObject(o, "upto", (double)upto);
    cJSON_AddNumberToObject(o, "accepted", (double)accepted);
    cJSON_AddNumberToObject(o, "rejected", (double)rejected);
    return put(j, o);
}

bool upload_journal_started(upload_journal_t *j)
{
    return put(j, event("started"));
}

bool upload_journal_done(upload_journal_t *j)
{
    return put(j, event("done"));
}

bool upload_journal_nothing_created(upload_journal_t *j)
{
    return put(j, event("nothing_created"));
}
