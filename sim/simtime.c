/* Time text for dialtop-sim; see simtime.h.
 *
 * Zone conversion goes through tz.c, which reads the system's TZif files
 * itself: no TZ switching, so the request threads and the dialer convert
 * at the same time without a lock. Everything else is UTC via timegm and
 * gmtime_r. */
#include "simtime.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tz.h"

bool simtime_tz_valid(const char *name)
{
    return tz_name_valid(name, NULL, 0);
}

/* Wall time tm in zone tz -> epoch (to_epoch), or epoch -> wall time. A
 * wall time in a DST gap is read as the instant just after the jump and
 * one that occurs twice as the earlier, as mktime does. */
static bool tz_convert(const char *tz, struct tm *tm, time_t *t, bool to_epoch)
{
    const tz_zone_t *z = tz_zone(tz, NULL, 0);
    if (!z)
        return false;
    if (!to_epoch)
        return tz_localtime(z, (int64_t)*t, tm);
    int64_t found[2], after_gap = 0;
    int n = tz_local_to_utc(z, tm, found, &after_gap);
    *t = (time_t)(n > 0 ? found[0] : after_gap);
    return true;
}

static bool digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

static int num(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* "YYYY-MM-DD?HH:MM:SS" with sep at index 10; fills tm and checks that the
 * date exists (Feb 30 is refused, not normalised). */
static bool parse_ymdhms(const char *s, char sep, struct tm *tm)
{
    if (strlen(s) < 19 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
        !digits(s + 8, 2) || s[10] != sep || !digits(s + 11, 2) || s[13] != ':' ||
        !digits(s + 14, 2) || s[16] != ':' || !digits(s + 17, 2))
        return false;
    memset(tm, 0, sizeof *tm);
    tm->tm_year = num(s, 4) - 1900;
    tm->tm_mon = num(s + 5, 2) - 1;
    tm->tm_mday = num(s + 8, 2);
    tm->tm_hour = num(s + 11, 2);
    tm->tm_min = num(s + 14, 2);
    tm->tm_sec = num(s + 17, 2);
    if (tm->tm_year < 70 || tm->tm_mon < 0 || tm->tm_mon > 11 || tm->tm_mday < 1 ||
        tm->tm_hour > 23 || tm->tm_min > 59 || tm->tm_sec > 59)
        return false;
    struct tm check = *tm, back;
    time_t t = timegm(&check);
    if (!gmtime_r(&t, &back))
        return false;
    return back.tm_mday == tm->tm_mday && back.tm_mon == tm->tm_mon;
}

bool simtime_local_parse(const char *text, const char *tz, int64_t *out)
{
    struct tm tm;
    if (!text || strlen(text) != 19 || !parse_ymdhms(text, ' ', &tm))
        return false;
    time_t t;
    if (!tz_convert(tz, &tm, &t, true))
        return false;
    *out = (int64_t)t;
    return true;
}

bool simtime_local_format(int64_t t, const char *tz, char out[20])
{
    struct tm tm;
    time_t tt = (time_t)t;
    if (!tz_convert(tz, &tm, &tt, false))
        return false;
    strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
    return true;
}

bool simtime_local_parts(int64_t t, const char *tz, int *wday, int *sec_of_day)
{
    struct tm tm;
    time_t tt = (time_t)t;
    if (!tz_convert(tz, &tm, &tt, false))
        return false;
    *wday = tm.tm_wday == 0 ? 7 : tm.tm_wday;
    *sec_of_day = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
    return true;
}

bool simtime_iso_parse(const char *text, const char *tz, int64_t *out)
{
    struct tm tm;
    if (!text || !parse_ymdhms(text, 'T', &tm))
        return false;
    const char *p = text + 19;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (*p == '\0') {
        time_t t;
        if (!tz || strcmp(tz, "UTC") == 0) {
            t = timegm(&tm);
        } else if (!tz_convert(tz, &tm, &t, true)) {
            return false;
        }
        *out = (int64_t)t;
        return true;
    }
    int64_t offset = 0;
    if (*p == 'Z' || *p == 'z') {
        if (p[1])
            return false;
    } else if ((*p == '+' || *p == '-') && digits(p + 1, 2) && p[3] == ':' && digits(p + 4, 2) &&
               p[6] == '\0') {
        int h = num(p + 1, 2), m = num(p + 4, 2);
        if (h > 23 || m > 59)
            return false;
        offset = (h * 3600 + m * 60) * (*p == '-' ? -1 : 1);
    } else {
        return false;
    }
    *out = (int64_t)timegm(&tm) - offset;
    return true;
}

void simtime_iso_format(int64_t t, char out[24])
{
    struct tm tm;
    time_t tt = (time_t)t;
    gmtime_r(&tt, &tm);
    strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void simtime_omni_format(int64_t t, char out[20])
{
    struct tm tm;
    time_t tt = (time_t)t;
    gmtime_r(&tt, &tm);
    strftime(out, 20, "%m/%d/%Y %H:%M:%S", &tm);
}

bool simtime_hhmm_valid(const char *s)
{
    return s && strlen(s) == 5 && digits(s, 2) && s[2] == ':' && digits(s + 3, 2) &&
           num(s, 2) < 24 && num(s + 3, 2) < 60;
}
