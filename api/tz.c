/* Time zones from the system's TZif files; see tz.h. */
#include "tz.h"

#include <ctype.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reason.h"
#include "tz_rule.h"

#define DEFAULT_ZONEINFO "/usr/share/zoneinfo"
#define TZIF_MAX_BYTES (1 << 20)   /* real zone files are a few KiB */

int64_t tz_civil_seconds(int year, int month, int day, int hour, int minute, int second)
{
    /* month may be out of 1-12 as with mktime's normalisation */
    int64_t y = year + tz_floor_div(month - 1, 12);
    int m = (int)(month - 1 - tz_floor_div(month - 1, 12) * 12) + 1;
    return tz_days_from_civil(y, m, 1) * 86400 + (int64_t)(day - 1) * 86400 + hour * 3600LL +
           minute * 60LL + second;
}

/* --- TZif ------------------------------------------------------------------ */

typedef struct {
    long utoff;
    bool isdst;
    const char *abbr;      /* into the zone's abbreviation block */
} tz_type_t;

struct tz_zone {
    char name[TZ_NAME_MAX];
    int64_t *trans;        /* transition instants, ascending */
    unsigned char *trans_type;
    size_t ntrans;
    tz_type_t *types;
    size_t ntypes;
    char *abbrs;           /* NUL-separated, NUL-terminated */
    bool has_rule;
    tz_rule_t rule;
    struct tz_zone *next;  /* the cache's list */
};

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

typedef struct {
    uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
} tzif_counts_t;

static bool tzif_header(const unsigned char *p, size_t len, tzif_counts_t *c, char *version)
{
    if (len < 44 || memcmp(p, "TZif", 4) != 0)
        return false;
    *version = (char)p[4];
    c->isutcnt = be32(p + 20);
    c->isstdcnt = be32(p + 24);
    c->leapcnt = be32(p + 28);
    c->timecnt = be32(p + 32);
    c->typecnt = be32(p + 36);
    c->charcnt = be32(p + 40);
    return c->typecnt >= 1 && c->typecnt <= 256 && c->charcnt >= 1 && c->timecnt < 100000 &&
           c->charcnt < 100000 && c->leapcnt < 100000 && c->isutcnt < 100000 &&
           c->isstdcnt < 100000;
}

static size_t tzif_block_len(const tzif_counts_t *c, size_t time_size)
{
    return c->timecnt * time_size + c->timecnt + c->typecnt * 6 + c->charcnt +
           c->leapcnt * (time_size + 4) + c->isstdcnt + c->isutcnt;
}

/* Fills z from one data block (time_size 4 or 8). */
static bool tzif_block(tz_zone_t *z, const unsigned char *p, const tzif_counts_t *c,
                       size_t time_size, char *reason, size_t reason_len)
{
    if (c->leapcnt) {
        reason_fail(reason, reason_len,
                    "zone %s counts leap seconds, which dialtop does not support", z->name);
        return false;
    }
    z->ntrans = c->timecnt;
    z->ntypes = c->typecnt;
    z->trans = calloc(c->timecnt ? c->timecnt : 1, sizeof *z->trans);
    z->trans_type = calloc(c->timecnt ? c->timecnt : 1, 1);
    z->types = calloc(c->typecnt, sizeof *z->types);
    z->abbrs = calloc(c->charcnt + 1, 1);
    if (!z->trans || !z->trans_type || !z->types || !z->abbrs) {
        reason_fail(reason, reason_len, "out of memory");
        return false;
    }
    for (size_t i = 0; i < c->timecnt; i++, p += time_size) {
        z->trans[i] = time_size == 8 ? be64(p) : (int64_t)(int32_t)be32(p);
        if (i > 0 && z->trans[i] <= z->trans[i - 1])
            goto bad;
    }
    for (size_t i = 0; i < c->timecnt; i++, p++) {
        if (*p >= c->typecnt)
            goto bad;
        z->trans_type[i] = *p;
    }
    const unsigned char *types = p;
    p += c->typecnt * 6;
    memcpy(z->abbrs, p, c->charcnt);
    for (size_t i = 0; i < c->typecnt; i++) {
        const unsigned char *t = types + i * 6;
        int32_t off = (int32_t)be32(t);
        if (off <= -89999 || off >= 93600 || t[4] > 1 || t[5] >= c->charcnt)
            goto bad;
        z->types[i].utoff = off;
        z->types[i].isdst = t[4];
        z->types[i].abbr = z->abbrs + t[5];
    }
    return true;
bad:
    reason_fail(reason, reason_len, "zone file for %s is damaged", z->name);
    return false;
}

static bool tzif_parse(tz_zone_t *z, const unsigned char *buf, size_t len, char *reason,
                       size_t reason_len)
{
    tzif_counts_t c;
    char version;
    if (!tzif_header(buf, len, &c, &version))
        goto bad;
    size_t v1 = 44 + tzif_block_len(&c, 4);
    if (v1 > len)
        goto bad;
    if (version == '\0')
        return tzif_block(z, buf + 44, &c, 4, reason, reason_len);

    /* version 2+: a second header and 64-bit data, then the footer */
    const unsigned char *h2 = buf + v1;
    if (!tzif_header(h2, len - v1, &c, &version))
        goto bad;
    size_t data = 44 + tzif_block_len(&c, 8);
    if (data > len - v1)
        goto bad;
    if (!tzif_block(z, h2 + 44, &c, 8, reason, reason_len))
        return false;
    const char *foot = (const char *)h2 + data;
    size_t flen = len - v1 - data;
    if (flen < 2 || foot[0] != '\n')
        goto bad;
    const char *nl = memchr(foot + 1, '\n', flen - 1);
    if (!nl)
        goto bad;
    size_t rlen = (size_t)(nl - foot - 1);
    if (rlen > 0) {
        char text[128];
        if (rlen >= sizeof text)
            goto bad;
        memcpy(text, foot + 1, rlen);
        text[rlen] = '\0';
        if (!tz_rule_parse(text, &z->rule))
            goto bad;
        z->has_rule = true;
    }
    return true;
bad:
    reason_fail(reason, reason_len, "zone file for %s is not a TZif file dialtop can read",
                z->name);
    return false;
}

/* --- names and the cache ---------------------------------------------------- */

const char *tz_dir(void)
{
    const char *d = getenv("TZDIR");
    return (d && *d) ? d : DEFAULT_ZONEINFO;
}

static bool name_shape_ok(const char *name, char *reason, size_t reason_len)
{
    if (!name || !*name) {
        reason_fail(reason, reason_len, "timezone is empty");
        return false;
    }
    if (strlen(name) >= TZ_NAME_MAX) {
        reason_fail(reason, reason_len, "timezone name is too long");
        return false;
    }
    if (name[0] == '/') {
        reason_fail(reason, reason_len,
                    "timezone must be a zone name such as Europe/Paris, not a path");
        return false;
    }
    for (const char *p = name; *p; p++) {
        if (!isalnum((unsigned char)*p) && !strchr("/_+-.", *p)) {
            reason_fail(reason, reason_len, "timezone name has a character zone names never use");
            return false;
        }
    }
    /* Any component starting with '.' ("..", ".hidden") would step outside
     * the zone database or into files that are not zones. */
    for (const char *p = name; p; p = strchr(p, '/')) {
        if (*p == '/')
            p++;
        if (*p == '.' || *p == '/' || *p == '\0') {
            reason_fail(reason, reason_len, "timezone name has an empty or dot component");
            return false;
        }
    }
    return true;
}

/* Reads the zone file whole; NULL when it is not a regular file that
 * starts with "TZif". */
static unsigned char *read_tzif(const char *name, size_t *len)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", tz_dir(), name) >= sizeof path)
        return NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    unsigned char *buf = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 4 &&
        st.st_size <= TZIF_MAX_BYTES)
        buf = malloc((size_t)st.st_size);
    size_t got = 0;
    while (buf && got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    if (!buf || got < 4 || memcmp(buf, "TZif", 4) != 0) {
        free(buf);
        return NULL;
    }
    *len = got;
    return buf;
}

bool tz_path_is_tzif(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char magic[4];
    ssize_t n = read(fd, magic, sizeof magic);
    close(fd);
    return n == 4 && memcmp(magic, "TZif", 4) == 0;
}

static bool file_is_tzif(const char *name)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", tz_dir(), name) >= sizeof path)
        return false;
    return tz_path_is_tzif(path);
}

bool tz_name_valid(const char *name, char *reason, size_t reason_len)
{
    if (!name_shape_ok(name, reason, reason_len))
        return false;
    if (!file_is_tzif(name)) {
        reason_fail(reason, reason_len,
                    "unknown timezone \"%s\" (try Tab to complete, e.g. Europe/Paris)", name);
        return false;
    }
    return true;
}

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static tz_zone_t *cache;

static void zone_free(tz_zone_t *z)
{
    if (!z)
        return;
    free(z->trans);
    free(z->trans_type);
    free(z->types);
    free(z->abbrs);
    free(z);
}

const tz_zone_t *tz_zone(const char *name, char *reason, size_t reason_len)
{
    if (!name_shape_ok(name, reason, reason_len))
        return NULL;
    pthread_mutex_lock(&cache_lock);
    for (tz_zone_t *z = cache; z; z = z->next) {
        if (strcmp(z->name, name) == 0) {
            pthread_mutex_unlock(&cache_lock);
            return z;
        }
    }
    tz_zone_t *z = NULL;
    size_t len = 0;
    unsigned char *buf = read_tzif(name, &len);
    if (!buf) {
        reason_fail(reason, reason_len,
                    "unknown timezone \"%s\" (try Tab to complete, e.g. Europe/Paris)", name);
    } else if (!(z = calloc(1, sizeof *z))) {
        reason_fail(reason, reason_len, "out of memory");
    } else {
        snprintf(z->name, sizeof z->name, "%s", name);
        if (tzif_parse(z, buf, len, reason, reason_len)) {
            z->next = cache;
            cache = z;
        } else {
            zone_free(z);
            z = NULL;
        }
    }
    free(buf);
    pthread_mutex_unlock(&cache_lock);
    return z;
}

/* --- conversions -------------------------------------------------------------- */

/* Offset, DST flag and abbreviation in force at t. */
static void zone_at(const tz_zone_t *z, int64_t t, long *off, bool *isdst, const char **abbr)
{
    if (z->ntrans == 0 || t < z->trans[0]) {
        /* before the first transition (or none): the zone's first type,
         * unless only the footer rule describes it */
        if (z->ntrans == 0 && z->has_rule)
            goto rule;
        /* RFC 8536 names type 0; the C library takes the first standard
         * type, which tzdata's zic makes the same one */
        size_t i = 0;
        while (i < z->ntypes && z->types[i].isdst)
            i++;
        if (i == z->ntypes)
            i = 0;
        *off = z->types[i].utoff;
        *isdst = z->types[i].isdst;
        *abbr = z->types[i].abbr;
        return;
    }
    if (t >= z->trans[z->ntrans - 1] && z->has_rule)
        goto rule;
    size_t lo = 0, hi = z->ntrans;   /* last transition <= t */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (z->trans[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    const tz_type_t *ty = &z->types[z->trans_type[lo]];
    *off = ty->utoff;
    *isdst = ty->isdst;
    *abbr = ty->abbr;
    return;
rule:
    if (tz_rule_is_dst(&z->rule, t)) {
        *off = z->rule.dst_off;
        *isdst = true;
        *abbr = z->rule.dst_abbr;
    } else {
        *off = z->rule.std_off;
        *isdst = false;
        *abbr = z->rule.std_abbr;
    }
}

long tz_offset_at(const tz_zone_t *z, int64_t t)
{
    long off;
    bool dst;
    const char *abbr;
    zone_at(z, t, &off, &dst, &abbr);
    return off;
}

bool tz_localtime(const tz_zone_t *z, int64_t t, struct tm *out)
{
    long off;
    bool dst;
    const char *abbr;
    zone_at(z, t, &off, &dst, &abbr);
    int64_t local = t + off;
    int64_t days = tz_floor_div(local, 86400);
    int64_t secs = local - days * 86400;
    int64_t y;
    int m, d;
    tz_civil_from_days(days, &y, &m, &d);
    if (y - 1900 > 2147483647LL || y - 1900 < -2147483647LL)
        return false;
    memset(out, 0, sizeof *out);
    out->tm_year = (int)(y - 1900);
    out->tm_mon = m - 1;
    out->tm_mday = d;
    out->tm_hour = (int)(secs / 3600);
    out->tm_min = (int)(secs / 60 % 60);
    out->tm_sec = (int)(secs % 60);
    out->tm_wday = (int)(((days % 7) + 7 + 4) % 7);
    out->tm_yday = (int)(days - tz_days_from_civil(y, 1, 1));
    out->tm_isdst = dst;
    out->tm_gmtoff = off;
    out->tm_zone = abbr;
    return true;
}

static bool wall_equal(const struct tm *a, const struct tm *w)
{
    return a->tm_year == w->tm_year && a->tm_mon == w->tm_mon && a->tm_mday == w->tm_mday &&
           a->tm_hour == w->tm_hour && a->tm_min == w->tm_min && a->tm_sec == w->tm_sec;
}

/* Every instant whose wall clock equals `wall` is naive - offset for some
 * offset in force near it; offsets are sampled two days either side,
 * wider than any transition's reach. WHY not mktime's tm_isdst guess: it
 * misses transitions that change the offset without changing the DST flag. */
int tz_local_to_utc(const tz_zone_t *z, const struct tm *wall, int64_t found[2],
                    int64_t *after_gap)
{
    int64_t naive = tz_civil_seconds(wall->tm_year + 1900, wall->tm_mon + 1, wall->tm_mday,
                                     wall->tm_hour, wall->tm_min, wall->tm_sec);
    long offsets[5];
    int noff = 0;
    for (int d = -2; d <= 2; d++) {
        long off = tz_offset_at(z, naive + (int64_t)d * 86400);
        bool seen = false;
        for (int i = 0; i < noff; i++)
            seen = seen || offsets[i] == off;
        if (!seen)
            offsets[noff++] = off;
    }
    int n = 0;
    for (int i = 0; i < noff && n < 2; i++) {
        int64_t cand = naive - offsets[i];
        struct tm tm;
        if (tz_localtime(z, cand, &tm) && wall_equal(&tm, wall) && !(n == 1 && found[0] == cand))
            found[n++] = cand;
    }
    if (n == 2 && found[1] < found[0]) {
        int64_t t = found[0];
        found[0] = found[1];
        found[1] = t;
    }
    if (n == 0 && after_gap) {
        /* Read with the offset in force before the jump, the instant lands
         * just past the gap, which is the time to suggest. */
        *after_gap = naive - tz_offset_at(z, naive - 86400);
    }
    return n;
}
