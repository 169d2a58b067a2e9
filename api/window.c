/* The Sarvam working window; see window.h. */
#include "window.h"

#include <stdio.h>
#include <string.h>

#include "jsonget.h"
#include "reason.h"
#include "upload.h"

static const char *const day_short[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

void window_format_days(unsigned days, char *out, size_t len)
{
    size_t used = 0;
    out[0] = '\0';
    for (int d = 0; d < 7 && used < len; d++) {
        if (!(days & (1u << d)))
            continue;
        int last = d;
        while (last + 1 < 7 && (days & (1u << (last + 1))))
            last++;
        used += (size_t)snprintf(out + used, len - used, "%s%s", used ? "," : "", day_short[d]);
        if (last > d && used < len)
            used += (size_t)snprintf(out + used, len - used, "-%s", day_short[last]);
        d = last;
    }
}

void window_format(const action_window_t *w, char *out, size_t len)
{
    char days[40];
    window_format_days(w->days, days, sizeof days);
    snprintf(out, len, "%s-%s %s %s", w->start[0] ? w->start : "?", w->end[0] ? w->end : "?",
             days[0] ? days : "no days", w->zone);
}

bool window_resolve(const model_campaign_t *c, const action_params_t *p, time_t now,
                    action_window_t *out, char *reason, size_t reason_len)
{
    char why[SCHEDULE_REASON_MAX];
    memset(out, 0, sizeof *out);
    snprintf(out->start, sizeof out->start, "%s", c->window_start);
    snprintf(out->end, sizeof out->end, "%s", c->window_end);
    out->days = c->window_days & 0x7fu;
    const char *zone = p && p->tz && *p->tz ? p->tz : c->timezone;
    if (!zone || !*zone)
        return reason_fail(reason, reason_len, "reschedule: the campaign's details give no "
                                               "timezone for its window; give one (--tz)");
    if (!schedule_zone_valid(zone, why, sizeof why))
        return reason_fail(reason, reason_len, "reschedule: %s", why);
    snprintf(out->zone, sizeof out->zone, "%s", zone);
    if (p && p->hours && !upload_parse_hours(p->hours, out->start, out->end, why, sizeof why))
        return reason_fail(reason, reason_len, "reschedule: %s", why);
    if (p && p->days && !upload_parse_days(p->days, &out->days, why, sizeof why))
        return reason_fail(reason, reason_len, "reschedule: %s", why);
    if (p && p->end && *p->end) {
        schedule_t s;
        if (!schedule_resolve(p->end, out->zone, now, &s, why, sizeof why))
            return reason_fail(reason, reason_len, "reschedule: end: %s", why);
        struct tm tm;
        gmtime_r(&s.epoch, &tm);
        strftime(out->end_at, sizeof out->end_at, "%Y-%m-%dT%H:%M:%SZ", &tm);
        out->end_epoch = s.epoch;
    }
    if (!out->start[0] || !out->end[0])
        return reason_fail(reason, reason_len,
                           "reschedule: the campaign's details give no allowed hours, and Sarvam "
                           "replaces the window whole; give them (--hours HH:MM-HH:MM)");
    if (!out->days)
        return reason_fail(reason, reason_len,
                           "reschedule: the campaign's details give no allowed days, and Sarvam "
                           "replaces the window whole; give them (--days mon-fri)");
    bool same = strcmp(out->start, c->window_start) == 0 && strcmp(out->end, c->window_end) == 0 &&
                out->days == (c->window_days & 0x7fu) && c->timezone &&
                strcmp(out->zone, c->timezone) == 0 && !out->end_at[0];
    if (same)
        return reason_fail(reason, reason_len,
                           "reschedule: the working window is already that; nothing to change");
    return true;
}

bool window_readback_matches(const action_window_t *w, const model_campaign_t *back,
                             char *reason, size_t reason_len)
{
    bool ok = strcmp(w->start, back->window_start) == 0 && strcmp(w->end, back->window_end) == 0 &&
              w->days == (back->window_days & 0x7fu) && back->timezone &&
              strcmp(w->zone, back->timezone) == 0;
    time_t end = back->end_at ? jtime_parse(back->end_at) : 0;
    if (w->end_at[0] && end != w->end_epoch)
        ok = false;
    if (ok)
        return true;
    action_window_t now = {0};
    snprintf(now.start, sizeof now.start, "%s", back->window_start);
    snprintf(now.end, sizeof now.end, "%s", back->window_end);
    now.days = back->window_days & 0x7fu;
    snprintf(now.zone, sizeof now.zone, "%s", back->timezone ? back->timezone : "?");
    char held[128];
    window_format(&now, held, sizeof held);
    return reason_fail(reason, reason_len,
                       "reschedule: the provider answered, but reading the campaign back shows "
                       "the window unchanged or different: %s%s%s",
                       held, back->end_at ? ", ends " : "", back->end_at ? back->end_at : "");
}

void window_prefill(const model_campaign_t *c, char *hours, size_t hours_len, char *days,
                    size_t days_len, char *zone, size_t zone_len, char *end, size_t end_len)
{
    if (c->window_start[0] && c->window_end[0])
        snprintf(hours, hours_len, "%s-%s", c->window_start, c->window_end);
    else if (hours_len)
        hours[0] = '\0';
    window_format_days(c->window_days & 0x7fu, days, days_len);
    if (c->timezone && schedule_zone_valid(c->timezone, NULL, 0))
        snprintf(zone, zone_len, "%s", c->timezone);
    else
        schedule_local_zone(zone, zone_len);
    schedule_wall_t w;
    time_t t = c->end_at ? jtime_parse(c->end_at) : 0;
    if (t > 0 && schedule_epoch_to_wall(t, zone, &w, NULL, 0))
        snprintf(end, end_len, "%04d-%02d-%02d %02d:%02d", w.year, w.month, w.day, w.hour,
                 w.minute);
    else if (end_len)
        end[0] = '\0';
}
