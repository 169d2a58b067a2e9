/* Tolerant JSON getters: see jsonget.h for what "tolerant" means here. */
#include "jsonget.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textscan.h"

const cJSON *jget(const cJSON *obj, const char *key)
{
    if (!cJSON_IsObject(obj) || !key)
        return NULL;
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

const cJSON *jget_object(const cJSON *obj, const char *key)
{
    const cJSON *v = jget(obj, key);
    return cJSON_IsObject(v) ? v : NULL;
}

const cJSON *jget_array(const cJSON *obj, const char *key)
{
    const cJSON *v = jget(obj, key);
    return cJSON_IsArray(v) ? v : NULL;
}

/* Numbers print as integers when they are whole, so an id 314 stays "314". */
static char *number_text(double d)
{
    char buf[64];
    if (!isfinite(d))
        return NULL;
    if (d == floor(d) && fabs(d) < 1e15)
        snprintf(buf, sizeof buf, "%.0f", d);
    else
        snprintf(buf, sizeof buf, "%.17g", d);
    return strdup(buf);
}

/* The text of a value itself (as jget_str, for array elements). */
static char *jvalue_str(const cJSON *v)
{
    if (cJSON_IsString(v) && v->valuestring && v->valuestring[0])
        return strdup(v->valuestring);
    if (cJSON_IsNumber(v))
        return number_text(v->valuedouble);
    if (cJSON_IsTrue(v))
        return strdup("true");
    return NULL;
}

char *jget_str(const cJSON *obj, const char *key)
{
    return jvalue_str(jget(obj, key));
}

bool jget_str_buf(const cJSON *obj, const char *key, char *buf, size_t len)
{
    if (!buf || len == 0)
        return false;
    buf[0] = '\0';
    char *s = jget_str(obj, key);
    if (!s)
        return false;
    snprintf(buf, len, "%s", s);
    free(s);
    return true;
}

char *jget_id(const cJSON *obj, const char *key)
{
    const cJSON *v = jget(obj, key);
    if (cJSON_IsNumber(v)) {
        if (!isfinite(v->valuedouble) || v->valuedouble != floor(v->valuedouble))
            return NULL;
        return number_text(v->valuedouble);
    }
    if (cJSON_IsString(v) && v->valuestring && v->valuestring[0])
        return strdup(v->valuestring);
    return NULL;
}

bool jnum_text(const char *s, long lo, long hi, long *out, bool *over)
{
    if (over)
        *over = false;
    if (!s)
        return false;
    while (isspace((unsigned char)*s))
        s++;
    if (!*s)
        return false;
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    while (isspace((unsigned char)*end))
        end++;
    if (end == s || *end)
        return false;
    if ((errno == ERANGE && n == LONG_MAX) || (!errno && n > hi)) {
        if (over)
            *over = true;
        return false;
    }
    if (errno || n < lo)
        return false;
    *out = n;
    return true;
}

bool jnum_whole(const cJSON *v, long lo, long hi, long *out)
{
    if (cJSON_IsNumber(v)) {
        double d = v->valuedouble;
        /* compared as doubles first: the cast happens only in range */
        if (!isfinite(d) || d != floor(d) || d < (double)lo || d > (double)hi)
            return false;
        *out = (long)d;
        return true;
    }
    if (cJSON_IsString(v) && v->valuestring)
        return jnum_text(v->valuestring, lo, hi, out, NULL);
    return false;
}

long jnum_add_count(long a, long b)
{
    if (a < 0)
        a = 0;
    if (b < 0)
        b = 0;
    return a > JNUM_COUNT_MAX - b ? JNUM_COUNT_MAX : a + b;
}

long jget_long(const cJSON *obj, const char *key, long dflt)
{
    long n;
    return jnum_whole(jget(obj, key), -JNUM_LONG_MAX, JNUM_LONG_MAX, &n) ? n : dflt;
}

long jget_count(const cJSON *obj, const char *key, long dflt)
{
    long n;
    return jnum_whole(jget(obj, key), 0, JNUM_COUNT_MAX, &n) ? n : dflt;
}

bool jget_bool(const cJSON *obj, const char *key, bool dflt)
{
    const cJSON *v = jget(obj, key);
    if (cJSON_IsBool(v))
        return cJSON_IsTrue(v);
    if (cJSON_IsNumber(v))
        return v->valuedouble != 0;
    if (cJSON_IsString(v) && v->valuestring) {
        if (strcmp(v->valuestring, "true") == 0)
            return true;
        if (strcmp(v->valuestring, "false") == 0)
            return false;
    }
    return dflt;
}

static time_t make_utc(int y, int mo, int d, int h, int mi, int s)
{
    if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
        s > 60)
        return 0;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    time_t t = timegm(&tm);
    return t < 0 ? 0 : t;
}

/* "HH:MM:SS" or "HH:MM", then optional fraction. */
static bool read_clock(const char **p, int *h, int *mi, int *s)
{
    *s = 0;
    if (!textscan_digits(p, 2, h) || !textscan_char(p, ':') || !textscan_digits(p, 2, mi))
        return false;
    if (**p == ':') {
        (*p)++;
        if (!textscan_digits(p, 2, s))
            return false;
    }
    if (**p == '.' || **p == ',') {
        (*p)++;
        if (!isdigit((unsigned char)**p))
            return false;
        while (isdigit((unsigned char)**p))
            (*p)++;
    }
    return true;
}

/* "Z", "+HH:MM", "+HHMM", "+HH" or nothing (UTC); seconds east of UTC. */
static bool read_offset(const char **p, long *off)
{
    *off = 0;
    if (**p == 'Z' || **p == 'z') {
        (*p)++;
        return true;
    }
    if (**p != '+' && **p != '-')
        return true;
    int sign = **p == '-' ? -1 : 1;
    (*p)++;
    int oh, om = 0;
    if (!textscan_digits(p, 2, &oh))
        return false;
    if (**p == ':')
        (*p)++;
    if (isdigit((unsigned char)**p) && !textscan_digits(p, 2, &om))
        return false;
    if (oh > 23 || om > 59)
        return false;
    *off = sign * (oh * 3600L + om * 60L);
    return true;
}

time_t jtime_parse(const char *s)
{
    if (!s)
        return 0;
    while (isspace((unsigned char)*s))
        s++;
    const char *p = s;
    int y, mo, d, h = 0, mi = 0, sec = 0;
    long off = 0;
    if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) && p[2] == '/') {
        /* OmniDim: MM/DD/YYYY HH:MM:SS */
        if (!textscan_digits(&p, 2, &mo) || !textscan_char(&p, '/') ||
            !textscan_digits(&p, 2, &d) || !textscan_char(&p, '/') ||
            !textscan_digits(&p, 4, &y))
            return 0;
        if (*p == ' ') {
            p++;
            if (!read_clock(&p, &h, &mi, &sec))
                return 0;
        }
    } else {
        if (!textscan_digits(&p, 4, &y) || !textscan_char(&p, '-') ||
            !textscan_digits(&p, 2, &mo) || !textscan_char(&p, '-') ||
            !textscan_digits(&p, 2, &d))
            return 0;
        if (*p == 'T' || *p == 't' || *p == ' ') {
            p++;
            if (!read_clock(&p, &h, &mi, &sec) || !read_offset(&p, &off))
                return 0;
        }
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p)
        return 0;
    time_t t = make_utc(y, mo, d, h, mi, sec);
    if (t == 0)
        return 0;
    t -= off;
    return t > 0 ? t : 0;
}

time_t jget_time(const cJSON *obj, const char *key)
{
    const cJSON *v = jget(obj, key);
    if (cJSON_IsString(v))
        return jtime_parse(v->valuestring);
    /* Epoch seconds, as some SDKs send. */
    if (cJSON_IsNumber(v) && v->valuedouble > 0 && v->valuedouble < 253402300800.0)
        return (time_t)v->valuedouble;
    return 0;
}

char *jprint(const cJSON *v)
{
    return v ? cJSON_PrintUnformatted(v) : NULL;
}
