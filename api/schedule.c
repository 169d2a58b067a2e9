/* Schedules: parsing, zone validation, wall clock <-> UTC, completion. */
#include "schedule.h"

#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dynbuf.h"
#include "reason.h"
#include "textscan.h"
#include "tz.h"

/* --- parsing ------------------------------------------------------------ */

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool schedule_parse_wall(const char *text, schedule_wall_t *out, char *reason,
                         size_t reason_len)
{
    schedule_wall_t w = {0};
    const char *p = text ? text : "";
    while (isspace((unsigned char)*p))
        p++;
    bool shaped = textscan_digits(&p, 4, &w.year) && textscan_char(&p, '-') &&
                  textscan_digits(&p, 2, &w.month) && textscan_char(&p, '-') &&
                  textscan_digits(&p, 2, &w.day) &&
                  (textscan_char(&p, ' ') || textscan_char(&p, 'T')) &&
                  textscan_digits(&p, 2, &w.hour) && textscan_char(&p, ':') &&
                  textscan_digits(&p, 2, &w.minute);
    if (shaped && *p == ':')
        shaped = textscan_char(&p, ':') && textscan_digits(&p, 2, &w.second);
    while (shaped && isspace((unsigned char)*p))
        p++;
    if (!shaped || *p != '\0') {
        reason_fail(reason, reason_len, "date and time must look like YYYY-MM-DD HH:MM");
        return false;
    }
    if (w.year < 1970 || w.year > 9999) {
        reason_fail(reason, reason_len, "year %04d is out of range", w.year);
        return false;
    }
    if (w.month < 1 || w.month > 12) {
        reason_fail(reason, reason_len, "month %02d does not exist", w.month);
        return false;
    }
    if (w.day < 1 || w.day > days_in_month(w.year, w.month)) {
        reason_fail(reason, reason_len, "%04d-%02d-%02d is not a calendar date", w.year, w.month,
                    w.day);
        return false;
    }
    if (w.hour > 23 || w.minute > 59 || w.second > 59) {
        reason_fail(reason, reason_len, "%02d:%02d:%02d is not a time of day", w.hour, w.minute,
                    w.second);
        return false;
    }
    *out = w;
    return true;
}

void schedule_format_wall(const schedule_wall_t *w, char *out, size_t out_len)
{
    snprintf(out, out_len, "%04d-%02d-%02d %02d:%02d:%02d", w->year, w->month, w->day,
             w->hour, w->minute, w->second);
}

/* --- zone names ----------------------------------------------------------- */

bool schedule_zone_valid(const char *name, char *reason, size_t reason_len)
{
    return tz_name_valid(name, reason, reason_len);
}

void schedule_local_zone(char *out, size_t out_len)
{
    const char *tz = getenv("TZ");
    if (tz && *tz == ':')
        tz++;
    if (tz && schedule_zone_valid(tz, NULL, 0)) {
        snprintf(out, out_len, "%s", tz);
        return;
    }
    char link[4096];
    ssize_t n = readlink("/etc/localtime", link, sizeof link - 1);
    if (n > 0) {
        link[n] = '\0';
        const char *z = strstr(link, "zoneinfo/");
        if (z && schedule_zone_valid(z + strlen("zoneinfo/"), NULL, 0)) {
            snprintf(out, out_len, "%s", z + strlen("zoneinfo/"));
            return;
        }
    }
    snprintf(out, out_len, "UTC");
}

/* --- conversions (tz.c: no TZ switching) -------------------------------- */

bool schedule_wall_to_epoch(const schedule_wall_t *w, const char *zone, time_t *out,
                            bool *ambiguous, char *reason, size_t reason_len)
{
    const tz_zone_t *z = tz_zone(zone, reason, reason_len);
    if (!z)
        return false;
    struct tm wall = {0};
    wall.tm_year = w->year - 1900;
    wall.tm_mon = w->month - 1;
    wall.tm_mday = w->day;
    wall.tm_hour = w->hour;
    wall.tm_min = w->minute;
    wall.tm_sec = w->second;
    int64_t found[2] = {0, 0};
    int64_t after_gap = 0;
    int n = tz_local_to_utc(z, &wall, found, &after_gap);
    if (n == 0) {
        struct tm next;
        if (tz_localtime(z, after_gap, &next))
            reason_fail(reason, reason_len,
                        "%04d-%02d-%02d %02d:%02d does not exist in %s: the clocks jump over it "
                        "(the next valid time is %02d:%02d)",
                        w->year, w->month, w->day, w->hour, w->minute, zone, next.tm_hour,
                        next.tm_min);
        else
            reason_fail(reason, reason_len, "%04d-%02d-%02d %02d:%02d does not exist in %s",
                        w->year, w->month, w->day, w->hour, w->minute, zone);
        return false;
    }
    *out = (time_t)found[0];
    if (ambiguous)
        *ambiguous = n == 2;
    return true;
}

bool schedule_epoch_to_wall(time_t t, const char *zone, schedule_wall_t *out, char *abbrev,
                            size_t abbrev_len)
{
    const tz_zone_t *z = tz_zone(zone, NULL, 0);
    struct tm tm;
    if (!z || !tz_localtime(z, (int64_t)t, &tm))
        return false;
    if (abbrev && abbrev_len)
        snprintf(abbrev, abbrev_len, "%s", tm.tm_zone);
    out->year = tm.tm_year + 1900;
    out->month = tm.tm_mon + 1;
    out->day = tm.tm_mday;
    out->hour = tm.tm_hour;
    out->minute = tm.tm_min;
    out->second = tm.tm_sec;
    return true;
}

/* The instant in the operator's local time, for the preview:
 * "= Fri 25 Dec 16:00 CET, local" (the year is added when it is not the
 * year of `now`). */
static void schedule_format_preview(time_t t, time_t now, char *out, size_t out_len)
{
    struct tm tm, tnow;
    if (!localtime_r(&t, &tm) || !localtime_r(&now, &tnow)) {
        snprintf(out, out_len, "= (time out of range)");
        return;
    }
    char buf[64];
    strftime(buf, sizeof buf,
             tm.tm_year == tnow.tm_year ? "%a %d %b %H:%M %Z" : "%a %d %b %Y %H:%M %Z", &tm);
    snprintf(out, out_len, "= %s, local", buf);
}

static void describe_ago(time_t secs, char *out, size_t len)
{
    if (secs < 120)
        snprintf(out, len, "%lds ago", (long)secs);
    else if (secs < 2 * 3600)
        snprintf(out, len, "%ld min ago", (long)(secs / 60));
    else if (secs < 2 * 86400)
        snprintf(out, len, "%ld h ago", (long)(secs / 3600));
    else
        snprintf(out, len, "%ld days ago", (long)(secs / 86400));
}

bool schedule_resolve(const char *when, const char *zone, time_t now, schedule_t *out,
                      char *reason, size_t reason_len)
{
    schedule_t s;
    memset(&s, 0, sizeof s);
    if (!schedule_parse_wall(when, &s.wall, reason, reason_len))
        return false;
    if (!schedule_zone_valid(zone, reason, reason_len))
        return false;
    snprintf(s.zone, sizeof s.zone, "%s", zone);
    if (!schedule_wall_to_epoch(&s.wall, zone, &s.epoch, &s.ambiguous, reason, reason_len))
        return false;
    schedule_format_wall(&s.wall, s.when, sizeof s.when);
    if (s.epoch <= now) {
        char ago[32];
        describe_ago(now - s.epoch, ago, sizeof ago);
        reason_fail(reason, reason_len, "%.16s %s is in the past (%s)", s.when, zone, ago);
        return false;
    }
    schedule_format_preview(s.epoch, now, s.preview, sizeof s.preview);
    *out = s;
    return true;
}

/* --- zone completion -------------------------------------------------------- */

struct schedule_zones {
    char **names;
    size_t n, cap;
};

static bool zones_add(schedule_zones_t *z, const char *name)
{
    char **grown = dyn_grow(z->names, &z->cap, z->n + 1, sizeof *grown, 512);
    if (!grown)
        return false;
    z->names = grown;
    char *copy = strdup(name);
    if (!copy)
        return false;
    z->names[z->n++] = copy;
    return true;
}

/* `rel` is the path below the root ("" at the top). Depth is bounded so a
 * symlink loop in a strange zoneinfo tree cannot recurse forever. */
static bool zones_walk(schedule_zones_t *z, const char *root, const char *rel, int depth)
{
    char path[4096];
    snprintf(path, sizeof path, "%s%s%s", root, *rel ? "/" : "", rel);
    DIR *d = opendir(path);
    if (!d)
        return true;
    bool ok = true;
    struct dirent *e;
    while (ok && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (depth == 0 && (strcmp(e->d_name, "posix") == 0 || strcmp(e->d_name, "right") == 0))
            continue; /* duplicate trees of the same zones */
        char sub[1024];
        int len = snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        if (len < 0 || (size_t)len >= sizeof sub)
            continue;
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", root, sub);
        struct stat st;
        if (stat(full, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            if (depth < 4)
                ok = zones_walk(z, root, sub, depth + 1);
        } else if (len < SCHEDULE_ZONE_MAX && tz_path_is_tzif(full) &&
                   strcmp(sub, "posixrules") != 0 && strcmp(sub, "localtime") != 0) {
            ok = zones_add(z, sub);
        }
    }
    closedir(d);
    return ok;
}

static int cmp_zone(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    int c = strcasecmp(x, y);
    return c ? c : strcmp(x, y);
}

schedule_zones_t *schedule_zones_load(const char *dir)
{
    schedule_zones_t *z = calloc(1, sizeof *z);
    if (!z)
        return NULL;
    if (!zones_walk(z, dir ? dir : tz_dir(), "", 0)) {
        schedule_zones_free(z);
        return NULL;
    }
    if (z->n)
        qsort(z->names, z->n, sizeof *z->names, cmp_zone);
    return z;
}

void schedule_zones_free(schedule_zones_t *z)
{
    if (!z)
        return;
    for (size_t i = 0; i < z->n; i++)
        free(z->names[i]);
    free(z->names);
    free(z);
}

size_t schedule_zones_count(const schedule_zones_t *z)
{
    return z ? z->n : 0;
}

const char *schedule_zones_name(const schedule_zones_t *z, size_t i)
{
    return z && i < z->n ? z->names[i] : NULL;
}

size_t schedule_zones_match(const schedule_zones_t *z, const char *prefix, size_t *first)
{
    size_t plen = prefix ? strlen(prefix) : 0;
    *first = 0;
    if (!z)
        return 0;
    /* Lower bound: the first name not ordered before the prefix. */
    size_t lo = 0, hi = z->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strncasecmp(z->names[mid], prefix ? prefix : "", plen) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < z->n && strncasecmp(z->names[end], prefix ? prefix : "", plen) == 0)
        end++;
    *first = lo;
    return end - lo;
}

bool schedule_zones_complete(const schedule_zones_t *z, const char *prefix, char *out,
                             size_t out_len)
{
    size_t first;
    size_t n = schedule_zones_match(z, prefix, &first);
    if (n == 0 || out_len == 0)
        return false;
    const char *a = z->names[first];
    size_t common = strlen(a);
    for (size_t i = first + 1; i < first + n; i++) {
        size_t k = 0;
        while (k < common && z->names[i][k] &&
               tolower((unsigned char)z->names[i][k]) == tolower((unsigned char)a[k]))
            k++;
        common = k;
    }
    if (common >= out_len)
        common = out_len - 1;
    memcpy(out, a, common);
    out[common] = '\0';
    return true;
}

bool schedule_zones_tab(const schedule_zones_t *z, char *zone, size_t cap, char *msg,
                        size_t msg_len)
{
    char out[SCHEDULE_ZONE_MAX];
    size_t first;
    size_t count = schedule_zones_match(z, zone, &first);
    if (!schedule_zones_complete(z, zone, out, sizeof out)) {
        reason_fail(msg, msg_len, "no zone starts with \"%s\"", zone);
        return false;
    }
    snprintf(zone, cap, "%s", out);
    if (count > 1)
        reason_fail(msg, msg_len, "%zu zones match: %s, %s%s", count, schedule_zones_name(z, first),
                    schedule_zones_name(z, first + 1), count > 2 ? ", ..." : "");
    else if (msg && msg_len)
        msg[0] = '\0';
    return true;
}
