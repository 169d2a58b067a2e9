/* Upload settings: the parsers shared by the CLI flags and the console
 * form, what each provider offers, and the checks that refuse a setting
 * before anything is sent. */
#include "upload_settings.h"
#include "provider.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define CONCURRENCY_MAX 1000
#define RETRY_HOURS_MAX 720 /* 30 days */
#define DAILY_CAP_MAX 100000
#define ALL_DAYS 0x7fu
#define QUOTE_MAX 24        /* echoed text is cut so a reason stays one line */

/* What a provider's create takes is its description's `offers`
 * (provider.h, from each create reference in API.md). */
bool upload_offers(provider_t p, upload_offer_t o)
{
    const provider_desc_t *d = provider_get(p);
    return d && (unsigned)o < UPLOAD_OFFER_COUNT && (d->offers & PROVIDER_BIT(o));
}

/* `text` made safe to quote in a reason: printable ASCII only, cut short. */
static void quote(const char *text, size_t n, char out[QUOTE_MAX + 4])
{
    size_t j = 0;
    for (size_t i = 0; i < n && text[i]; i++) {
        if (j == QUOTE_MAX) {
            memcpy(out + j, "...", 4);
            return;
        }
        unsigned char ch = (unsigned char)text[i];
        out[j++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
    }
    out[j] = '\0';
}

static const char *skip_space(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* "9:00" or "09:00" at *s; advances past it. Minutes since midnight, -1
 * when it is not a time of day. */
static int read_clock(const char **s)
{
    const char *p = *s;
    int h = 0, digits = 0;
    while (isdigit((unsigned char)*p) && digits < 3)
        h = h * 10 + (*p++ - '0'), digits++;
    if (digits < 1 || digits > 2 || *p != ':' || !isdigit((unsigned char)p[1]) ||
        !isdigit((unsigned char)p[2]) || isdigit((unsigned char)p[3]))
        return -1;
    int m = (p[1] - '0') * 10 + (p[2] - '0');
    if (h > 23 || m > 59)
        return -1;
    *s = p + 3;
    return h * 60 + m;
}

/* Minutes since midnight (0..1439) as "HH:MM". */
static void format_clock(int minutes, char out[6])
{
    int h = minutes / 60, m = minutes % 60;
    out[0] = (char)('0' + h / 10);
    out[1] = (char)('0' + h % 10);
    out[2] = ':';
    out[3] = (char)('0' + m / 10);
    out[4] = (char)('0' + m % 10);
    out[5] = '\0';
}

bool upload_parse_hours(const char *text, char start[6], char end[6], char *reason,
                        size_t reason_len)
{
    const char *p = skip_space(text ? text : "");
    int from = read_clock(&p);
    p = skip_space(p);
    int to = -1;
    if (from >= 0 && *p == '-') {
        p = skip_space(p + 1);
        to = read_clock(&p);
        p = skip_space(p);
    }
    if (from < 0 || to < 0 || *p) {
        snprintf(reason, reason_len, "working hours must look like 09:00-18:00 (24-hour "
                                     "clock, 00:00 to 23:59)");
        return false;
    }
    if (from >= to) {
        snprintf(reason, reason_len, "the window must start before it ends (%02d:%02d-%02d:%02d "
                                     "does not)", from / 60, from % 60, to / 60, to % 60);
        return false;
    }
    format_clock(from, start);
    format_clock(to, end);
    return true;
}

static const char *const DAY_NAMES[7] = {"monday", "tuesday", "wednesday", "thursday",
                                         "friday", "saturday", "sunday"};

/* The day named by text[0..n): "mon" or "monday", any case; -1 if none. */
static int day_index(const char *text, size_t n)
{
    for (int d = 0; d < 7; d++)
        if ((n == 3 || n == strlen(DAY_NAMES[d])) && strncasecmp(text, DAY_NAMES[d], n) == 0)
            return d;
    return -1;
}

static bool bad_day(const char *text, size_t n, char *reason, size_t reason_len)
{
    char q[QUOTE_MAX + 4];
    quote(text, n, q);
    snprintf(reason, reason_len, "unknown day '%s'; use mon..sun, ranges like mon-fri, or all", q);
    return false;
}

/* One comma-separated item: a day, or a range that may wrap past Sunday
 * (fri-mon is Friday to Monday). */
static bool read_day_item(const char *item, size_t n, unsigned *mask, char *reason,
                          size_t reason_len)
{
    while (n && (*item == ' ' || *item == '\t'))
        item++, n--;
    while (n && (item[n - 1] == ' ' || item[n - 1] == '\t'))
        n--;
    if (n == 0) {
        snprintf(reason, reason_len, "a day is missing between the commas; use mon..sun, "
                                     "ranges like mon-fri, or all");
        return false;
    }
    if (n == 3 && strncasecmp(item, "all", 3) == 0) {
        *mask |= ALL_DAYS;
        return true;
    }
    const char *dash = memchr(item, '-', n);
    size_t first_len = dash ? (size_t)(dash - item) : n;
    while (first_len && item[first_len - 1] == ' ')
        first_len--;
    int from = day_index(item, first_len);
    if (from < 0)
        return bad_day(item, first_len, reason, reason_len);
    if (!dash) {
        *mask |= 1u << from;
        return true;
    }
    const char *last = dash + 1;
    size_t last_len = n - (size_t)(last - item);
    while (last_len && *last == ' ')
        last++, last_len--;
    int to = day_index(last, last_len);
    if (to < 0)
        return bad_day(last, last_len, reason, reason_len);
    for (int d = from;; d = (d + 1) % 7) {
        *mask |= 1u << d;
        if (d == to)
            break;
    }
    return true;
}

bool upload_parse_days(const char *text, unsigned *mask, char *reason, size_t reason_len)
{
    unsigned m = 0;
    const char *p = text ? text : "";
    if (!*skip_space(p)) {
        snprintf(reason, reason_len, "no working days given; use mon..sun, ranges like "
                                     "mon-fri, or all");
        return false;
    }
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (!read_day_item(p, n, &m, reason, reason_len))
            return false;
        if (!comma)
            break;
        p = comma + 1;
    }
    *mask = m;
    return true;
}

bool upload_parse_retry_schedule(const char *text, retry_schedule_t *schedule, int *hours,
                                 char *reason, size_t reason_len)
{
    const char *p = skip_space(text ? text : "");
    size_t n = strlen(p);
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    if (n == strlen("immediately") && strncasecmp(p, "immediately", n) == 0) {
        *schedule = RETRY_IMMEDIATELY;
        *hours = 0;
        return true;
    }
    if (n == strlen("next_day") && strncasecmp(p, "next_day", n) == 0) {
        *schedule = RETRY_NEXT_DAY;
        *hours = 0;
        return true;
    }
    long h = 0;
    size_t i = 0;
    for (; i < n && isdigit((unsigned char)p[i]); i++)
        if (h <= RETRY_HOURS_MAX) /* bounded: anything past it is refused anyway */
            h = h * 10 + (p[i] - '0');
    if (i > 0 && i + 1 == n && (p[i] == 'h' || p[i] == 'H')) {
        if (h < 1 || h > RETRY_HOURS_MAX) {
            snprintf(reason, reason_len, "the retry delay must be 1 to %d hours",
                     RETRY_HOURS_MAX);
            return false;
        }
        *schedule = RETRY_SCHEDULED_TIME;
        *hours = (int)h;
        return true;
    }
    snprintf(reason, reason_len, "the retry schedule must be immediately, next_day, or a "
                                 "delay in hours such as 6h");
    return false;
}

static bool given(const char *s)
{
    return s && s[0];
}

static bool refuse_offer(provider_t p, const char *what, char *reason, size_t reason_len)
{
    snprintf(reason, reason_len, "%s's create takes no %s setting", model_provider_label(p),
             what);
    return false;
}

/* Settings a provider's create does not take are refused by name rather
 * than dropped: the operator would believe they apply. */
static bool check_offers(provider_t p, const upload_settings_t *s, char *reason, size_t len)
{
    if (s->concurrency > 0 && !upload_offers(p, UPLOAD_OFFER_CONCURRENCY))
        return refuse_offer(p, "concurrency", reason, len);
    if ((s->retry_limit >= 0 || s->retry_schedule != RETRY_NONE || s->retry_after_hours) &&
        !upload_offers(p, UPLOAD_OFFER_RETRY))
        return refuse_offer(p, "retry", reason, len);
    if (given(s->hours) && !upload_offers(p, UPLOAD_OFFER_HOURS))
        return refuse_offer(p, "working-hours", reason, len);
    if (given(s->days) && !upload_offers(p, UPLOAD_OFFER_DAYS))
        return refuse_offer(p, "working-days", reason, len);
    if (s->max_calls_per_day > 0 && !upload_offers(p, UPLOAD_OFFER_DAILY_CAP))
        return refuse_offer(p, "daily-cap", reason, len);
    return true;
}

static bool check_retry(const upload_settings_t *s, upload_parsed_t *out, char *reason,
                        size_t len)
{
    if (s->retry_schedule != RETRY_NONE && s->retry_limit <= 0) {
        snprintf(reason, len, "a retry schedule needs a retry limit of 1 to 5");
        return false;
    }
    if (s->retry_schedule == RETRY_SCHEDULED_TIME) {
        if (s->retry_after_hours < 1 || s->retry_after_hours > RETRY_HOURS_MAX) {
            snprintf(reason, len, "the retry delay must be 1 to %d hours", RETRY_HOURS_MAX);
            return false;
        }
    } else if (s->retry_after_hours != 0) {
        snprintf(reason, len, "a retry delay in hours goes only with a scheduled retry "
                              "(such as 6h)");
        return false;
    }
    /* RETRY_NONE with retries asked for keeps the behaviour from before
     * the schedule existed: try again at once. */
    out->retry_schedule = s->retry_schedule != RETRY_NONE ? s->retry_schedule
                          : s->retry_limit > 0            ? RETRY_IMMEDIATELY
                                                          : RETRY_NONE;
    out->retry_after_hours = s->retry_schedule == RETRY_SCHEDULED_TIME ? s->retry_after_hours
                                                                       : 0;
    return true;
}

bool upload_settings_has_window(const upload_settings_t *s)
{
    return given(s->hours) || given(s->days);
}

bool upload_settings_resolve(provider_t p, const upload_settings_t *s, upload_parsed_t *out,
                             char *reason, size_t reason_len)
{
    memset(out, 0, sizeof *out);
    if (!check_offers(p, s, reason, reason_len))
        return false;
    if (s->concurrency > CONCURRENCY_MAX) {
        snprintf(reason, reason_len, "the concurrency must be 1 to %d", CONCURRENCY_MAX);
        return false;
    }
    if (!check_retry(s, out, reason, reason_len))
        return false;
    if (given(s->hours) &&
        !upload_parse_hours(s->hours, out->window_start, out->window_end, reason, reason_len))
        return false;
    if (given(s->days) && !upload_parse_days(s->days, &out->working_days, reason, reason_len))
        return false;
    if (s->max_calls_per_day > DAILY_CAP_MAX) {
        snprintf(reason, reason_len, "the daily cap must be 1 to %d calls", DAILY_CAP_MAX);
        return false;
    }
    out->max_calls_per_day = s->max_calls_per_day > 0 ? s->max_calls_per_day : 0;
    if (upload_settings_has_window(s)) {
        if (!given(s->tz))
            schedule_local_zone(out->zone, sizeof out->zone);
        else if (schedule_zone_valid(s->tz, reason, reason_len))
            snprintf(out->zone, sizeof out->zone, "%s", s->tz);
        else
            return false;
    }
    return true;
}
