/* The civil calendar and the POSIX TZ rule of a TZif footer; see tz_rule.h. */
#include "tz_rule.h"

#include <ctype.h>
#include <string.h>

/* --- the civil calendar ---------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1-12); the
 * classic era-based algorithm, exact for every int year. */
int64_t tz_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void tz_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static bool tz_is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int64_t tz_floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}


/* --- the POSIX TZ rule of the footer ------------------------------------- */



static bool rule_name(const char **p, char *out)
{
    const char *s = *p;
    size_t n = 0;
    if (*s == '<') {
        s++;
        while (*s && *s != '>' && n + 1 < TZ_ABBR_MAX)
            out[n++] = *s++;
        if (*s != '>')
            return false;
        s++;
    } else {
        while (isalpha((unsigned char)*s) && n + 1 < TZ_ABBR_MAX)
            out[n++] = *s++;
    }
    out[n] = '\0';
    *p = s;
    return n >= 1;
}

/* ":NN" (00-59) after the hours or minutes; absent is 0. */
static bool rule_sexagesimal(const char **p, long *out)
{
    const char *s = *p;
    *out = 0;
    if (*s != ':')
        return true;
    if (!isdigit((unsigned char)s[1]) || !isdigit((unsigned char)s[2]))
        return false;
    *out = (s[1] - '0') * 10 + (s[2] - '0');
    *p = s + 3;
    return *out <= 59;
}

/* [+-]hh[:mm[:ss]], hours up to `max_h`. */
static bool rule_hms(const char **p, long max_h, long *out)
{
    const char *s = *p;
    int sign = 1;
    if (*s == '+' || *s == '-')
        sign = *s++ == '-' ? -1 : 1;
    if (!isdigit((unsigned char)*s))
        return false;
    long h = 0, m = 0, sec = 0;
    while (isdigit((unsigned char)*s) && h <= max_h)
        h = h * 10 + (*s++ - '0');
    const char *after_hours = s;
    if (h > max_h || !rule_sexagesimal(&s, &m))
        return false;
    /* seconds only after minutes */
    if (s != after_hours && !rule_sexagesimal(&s, &sec))
        return false;
    *out = sign * (h * 3600 + m * 60 + sec);
    *p = s;
    return true;
}

static bool rule_number(const char **p, int *out)
{
    if (!isdigit((unsigned char)**p))
        return false;
    int v = 0;
    while (isdigit((unsigned char)**p) && v < 1000)
        v = v * 10 + (*(*p)++ - '0');
    *out = v;
    return true;
}

static bool rule_date(const char **p, rule_date_t *d)
{
    const char *s = *p;
    memset(d, 0, sizeof *d);
    d->time = 2 * 3600;   /* POSIX default: 02:00 */
    if (*s == 'J') {
        s++;
        d->kind = DATE_JULIAN_NOLEAP;
        if (!rule_number(&s, &d->n) || d->n < 1 || d->n > 365)
            return false;
    } else if (*s == 'M') {
        s++;
        d->kind = DATE_MONTH_WEEK_DAY;
        if (!rule_number(&s, &d->month) || *s++ != '.' || !rule_number(&s, &d->week) ||
            *s++ != '.' || !rule_number(&s, &d->wday))
            return false;
        if (d->month < 1 || d->month > 12 || d->week < 1 || d->week > 5 || d->wday > 6)
            return false;
    } else {
        d->kind = DATE_ZERO_BASED;
        if (!rule_number(&s, &d->n) || d->n > 365)
            return false;
    }
    if (*s == '/') {
        s++;
        /* RFC 8536 extends the hour range to -167..167 */
        if (!rule_hms(&s, 167, &d->time))
            return false;
    }
    *p = s;
    return true;
}

/* "std offset [dst [offset] [,start[/time],end[/time]]]"; offsets are
 * POSIX's hours west of UTC, stored here as seconds east. */
bool tz_rule_parse(const char *text, tz_rule_t *r)
{
    memset(r, 0, sizeof *r);
    const char *s = text;
    long off;
    if (!rule_name(&s, r->std_abbr) || !rule_hms(&s, 24, &off))
        return false;
    r->std_off = -off;
    if (*s == '\0')
        return true;
    if (!rule_name(&s, r->dst_abbr))
        return false;
    r->has_dst = true;
    r->dst_off = r->std_off + 3600;
    if (*s && *s != ',') {
        if (!rule_hms(&s, 24, &off))
            return false;
        r->dst_off = -off;
    }
    if (*s == '\0') {
        /* no rule given: POSIX leaves it to the implementation; the US rule
         * is what the C library's posixrules file says */
        const char *us = "M3.2.0,M11.1.0";
        return rule_date(&us, &r->start) && *us++ == ',' && rule_date(&us, &r->end);
    }
    if (*s++ != ',' || !rule_date(&s, &r->start) || *s++ != ',' || !rule_date(&s, &r->end))
        return false;
    return *s == '\0';
}

/* Local-midnight day number (since the epoch) of a rule date in year y. */
static int64_t rule_day(const rule_date_t *d, int64_t y)
{
    int64_t jan1 = tz_days_from_civil(y, 1, 1);
    switch (d->kind) {
    case DATE_JULIAN_NOLEAP:
        return jan1 + d->n - 1 + (tz_is_leap(y) && d->n >= 60 ? 1 : 0);
    case DATE_ZERO_BASED:
        return jan1 + d->n;
    case DATE_MONTH_WEEK_DAY:
    default: {
        static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int64_t first = tz_days_from_civil(y, d->month, 1);
        int first_wday = (int)(((first % 7) + 7 + 4) % 7);   /* 1970-01-01 was a Thursday */
        int day = 1 + (d->wday - first_wday + 7) % 7 + (d->week - 1) * 7;
        int len = mdays[d->month - 1] + (d->month == 2 && tz_is_leap(y) ? 1 : 0);
        while (day > len)
            day -= 7;
        return first + day - 1;
    }
    }
}

bool tz_rule_is_dst(const tz_rule_t *r, int64_t t)
{
    if (!r->has_dst)
        return false;
    int64_t y;
    int m, d;
    tz_civil_from_days(tz_floor_div(t + r->std_off, 86400), &y, &m, &d);
    /* the start is given in standard time, the end in daylight time */
    int64_t start = rule_day(&r->start, y) * 86400 + r->start.time - r->std_off;
    int64_t end = rule_day(&r->end, y) * 86400 + r->end.time - r->dst_off;
    if (start < end)
        return start <= t && t < end;
    return !(end <= t && t < start);
}
