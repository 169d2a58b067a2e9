/* The import's review screen and the contacts' census; see import_review.h. */
#include "import_review.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "dlg_hint.h"
#include "provider.h"
#include "schedule.h"
#include "theme.h"

/* Where a calling code's numbers ring. A country across several zones
 * names its eastern and western ends, and the window must suit both.
 * +1 is the NANP: US first (the census counts it as US). */
typedef struct {
    const char *cc;
    const char *iso;
    const char *east, *west;      /* west NULL: one zone */
} cc_zone_t;

static const cc_zone_t zones[] = {
    {"1", "US", "America/New_York", "America/Los_Angeles"},
    {"1", "CA", "America/Toronto", "America/Vancouver"},
    {"7", "RU", "Europe/Moscow", "Asia/Vladivostok"},
    {"20", "EG", "Africa/Cairo", NULL},
    {"27", "ZA", "Africa/Johannesburg", NULL},
    {"31", "NL", "Europe/Amsterdam", NULL},
    {"33", "FR", "Europe/Paris", NULL},
    {"34", "ES", "Europe/Madrid", NULL},
    {"39", "IT", "Europe/Rome", NULL},
    {"44", "GB", "Europe/London", NULL},
    {"49", "DE", "Europe/Berlin", NULL},
    {"52", "MX", "America/Mexico_City", "America/Tijuana"},
    {"55", "BR", "America/Sao_Paulo", "America/Manaus"},
    {"61", "AU", "Australia/Sydney", "Australia/Perth"},
    {"62", "ID", "Asia/Jakarta", "Asia/Jayapura"},
    {"63", "PH", "Asia/Manila", NULL},
    {"64", "NZ", "Pacific/Auckland", NULL},
    {"65", "SG", "Asia/Singapore", NULL},
    {"81", "JP", "Asia/Tokyo", NULL},
    {"91", "IN", "Asia/Kolkata", NULL},
    {"92", "PK", "Asia/Karachi", NULL},
    {"234", "NG", "Africa/Lagos", NULL},
    {"254", "KE", "Africa/Nairobi", NULL},
    {"353", "IE", "Europe/Dublin", NULL},
    {"880", "BD", "Asia/Dhaka", NULL},
    {"971", "AE", "Asia/Dubai", NULL},
};
#define NZONES (sizeof zones / sizeof *zones)
_Static_assert(NZONES <= REVIEW_COUNTRIES, "census slots");

/* Calm hours at the contact's end (a common rule for outbound calls). */
#define CALM_START_MIN (8 * 60)
#define CALM_END_MIN (21 * 60)
/* The estimate's stated assumption: no provider reports an average. */
#define ASSUMED_CALL_MIN 2

static int zone_of_phone(const char *phone)
{
    if (!phone || phone[0] != '+')
        return -1;
    int best = -1;
    size_t best_len = 0;
    for (size_t i = 0; i < NZONES; i++) {
        size_t n = strlen(zones[i].cc);
        if (n > best_len && strncmp(phone + 1, zones[i].cc, n) == 0) {
            best = (int)i;
            best_len = n;
        }
    }
    return best;
}

void import_review_census_add(import_census_t *c, const char *phone)
{
    int z = zone_of_phone(phone);
    if (z >= 0)
        c->n[z]++;
    else
        c->unknown++;
    c->total++;
}

void import_review_census(const import_result_t *r, import_census_t *c)
{
    memset(c, 0, sizeof *c);
    for (long i = 0; i < r->accepted; i++) {
        import_contact_t k;
        import_result_contact(r, (size_t)i, &k);
        import_review_census_add(c, k.phone);
    }
}

static int zone_of_region(const char *iso)
{
    for (size_t i = 0; iso && i < NZONES; i++)
        if (strcasecmp(zones[i].iso, iso) == 0)
            return (int)i;
    return -1;
}

bool import_review_default_zone(const import_census_t *c, const char *region, char *zone,
                                size_t zone_len, char *why, size_t why_len)
{
    int top = -1;
    for (size_t i = 0; i < NZONES; i++)
        if (c->n[i] > 0 && (top < 0 || c->n[i] > c->n[top]))
            top = (int)i;
    const char *multi = "";
    if (top >= 0 && c->n[top] * 2 > c->total) {
        if (zones[top].west)
            multi = "; it spans several zones, the window is checked at both ends";
        snprintf(zone, zone_len, "%s", zones[top].east);
        snprintf(why, why_len, "%ld%% of the contacts are in %s (%s%s)",
                 c->n[top] * 100 / c->total, zones[top].iso, zones[top].east, multi);
        return true;
    }
    int z = zone_of_region(region);
    if (z >= 0) {
        snprintf(zone, zone_len, "%s", zones[z].east);
        snprintf(why, why_len, "no country holds most contacts: the profile's region %s (%s)",
                 zones[z].iso, zones[z].east);
        return true;
    }
    return false;
}

/* --- the window at the contacts' end -------------------------------------- */

static const char *campaign_zone(const upload_settings_t *s, char *buf, size_t len)
{
    if (s->tz && s->tz[0])
        return s->tz;
    schedule_local_zone(buf, len);
    return buf;
}

/* The window's first day in the campaign's zone: the start's, else today. */
static bool window_epochs(const import_review_t *v, const char *zone, time_t *e1, time_t *e2)
{
    char h1[6] = "00:00", h2[6] = "24:00", reason[128];
    if (v->s->hours && v->s->hours[0] &&
        !upload_parse_hours(v->s->hours, h1, h2, reason, sizeof reason))
        return false;
    schedule_wall_t day;
    time_t t = v->now;
    schedule_t sched;
    if (v->s->at && schedule_resolve(v->s->at, zone, v->now, &sched, reason, sizeof reason))
        t = sched.epoch;
    if (!schedule_epoch_to_wall(t, zone, &day, NULL, 0))
        return false;
    schedule_wall_t w = day;
    w.second = 0;
    w.hour = (h1[0] - '0') * 10 + (h1[1] - '0');
    w.minute = (h1[3] - '0') * 10 + (h1[4] - '0');
    if (!schedule_wall_to_epoch(&w, zone, e1, NULL, reason, sizeof reason))
        return false;
    int mins = ((h2[0] - '0') * 10 + (h2[1] - '0')) * 60 + (h2[3] - '0') * 10 + (h2[4] - '0') -
               (w.hour * 60 + w.minute);
    *e2 = *e1 + (time_t)mins * 60;
    return true;
}

/* Does [e1, e2) fall outside the calm hours in `zone`? */
static bool outside_calm(time_t e1, time_t e2, const char *zone, int *m1_out)
{
    schedule_wall_t w;
    if (!schedule_epoch_to_wall(e1, zone, &w, NULL, 0))
        return false;
    int m1 = w.hour * 60 + w.minute;
    long m2 = m1 + (long)(e2 - e1) / 60;
    *m1_out = m1;
    return m1 < CALM_START_MIN || m2 > CALM_END_MIN;
}

/* "for 62% of the contacts the window falls outside 08:00-21:00 their
 * time ..." when it does for more than half of those located; false
 * (and "" in `out`) otherwise. */
static bool import_review_window_warning(const import_review_t *v, char *out, size_t len)
{
    out[0] = '\0';
    char zbuf[SCHEDULE_ZONE_MAX];
    const char *zone = campaign_zone(v->s, zbuf, sizeof zbuf);
    time_t e1, e2;
    if (!window_epochs(v, zone, &e1, &e2))
        return false;
    long located = 0, outside = 0;
    int worst = -1, worst_m1 = 0;
    for (size_t i = 0; i < NZONES; i++) {
        long n = v->census->n[i];
        if (n == 0)
            continue;
        located += n;
        int m1 = 0, m1w = 0;
        bool bad = outside_calm(e1, e2, zones[i].east, &m1);
        if (zones[i].west && outside_calm(e1, e2, zones[i].west, &m1w)) {
            bad = true;
            m1 = m1w;
        }
        if (bad) {
            outside += n;
            if (worst < 0 || n > v->census->n[worst]) {
                worst = (int)i;
                worst_m1 = m1;
            }
        }
    }
    if (located == 0 || outside * 2 <= located)
        return false;
    long span = (long)(e2 - e1) / 60;
    int s1 = worst_m1, s2 = (int)((worst_m1 + span) % (24 * 60));
    snprintf(out, len, "for %ld%% of the contacts the window falls outside 08:00-21:00 their "
             "time (%s: %02d:%02d-%02d:%02d there)%s", outside * 100 / located,
             zones[worst].iso, s1 / 60, s1 % 60, s2 / 60, s2 % 60,
             v->s->hours && v->s->hours[0] ? "" : "; no working hours means any time of day");
    return true;
}

/* --- the screen -------------------------------------------------------------- */

static void relative(time_t t, time_t now, char *out, size_t len)
{
    long d = (long)(t - now);
    if (d < 60)
        snprintf(out, len, "in less than a minute");
    else if (d < 3600)
        snprintf(out, len, "in %ld min", d / 60);
    else if (d < 86400)
        snprintf(out, len, "in %ld h %ld min", d / 3600, d % 3600 / 60);
    else
        snprintf(out, len, "in %ld d %ld h", d / 86400, d % 86400 / 3600);
}

static void start_lines(const import_review_t *v, dlg_lines_t *l)
{
    char zbuf[SCHEDULE_ZONE_MAX], reason[SCHEDULE_REASON_MAX], rel[48];
    const char *zone = campaign_zone(v->s, zbuf, sizeof zbuf);
    schedule_t sched;
    if (!v->s->at || !v->s->at[0]) {
        dlg_lines_add(l, A_NORMAL, "start         now: it may dial as soon as it is created");
        return;
    }
    if (!schedule_resolve(v->s->at, zone, v->now, &sched, reason, sizeof reason)) {
        dlg_lines_add(l, theme_attr(ROLE_STATUS_ERROR), "start         %s", reason);
        return;
    }
    relative(sched.epoch, v->now, rel, sizeof rel);
    dlg_lines_add(l, A_NORMAL, "start         %s %s (the campaign's zone)", sched.when, zone);
    dlg_lines_add(l, A_NORMAL, "              %s; %s", sched.preview, rel);
}

/* One setting: its value, or what the provider does without it. */
static void setting(dlg_lines_t *l, const char *label, const char *value, const char *dflt)
{
    if (value && value[0])
        dlg_lines_add(l, A_NORMAL, "%-13s %s", label, value);
    else
        dlg_lines_add(l, A_NORMAL, "%-13s %s", label, dflt);
}

static void number_setting(dlg_lines_t *l, const char *label, long v, bool set, const char *dflt)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    setting(l, label, set ? buf : NULL, dflt);
}

static void settings_lines(const import_review_t *v, dlg_lines_t *l)
{
    const upload_settings_t *s = v->s;
    provider_t p = v->provider;
    char zbuf[SCHEDULE_ZONE_MAX], win[320];
    const char *zone = campaign_zone(s, zbuf, sizeof zbuf);
    if (upload_offers(p, UPLOAD_OFFER_HOURS) || upload_offers(p, UPLOAD_OFFER_DAYS)) {
        snprintf(win, sizeof win, "%s, %s, %s", s->hours && s->hours[0] ? s->hours : "any time",
                 s->days && s->days[0] ? s->days : "every day", zone);
        dlg_lines_add(l, A_NORMAL, "%-13s %s", "window", win);
    } else {
        dlg_lines_add(l, A_NORMAL, "%-13s %s takes no working window: any time", "window",
                      model_provider_label(p));
    }
    if (upload_offers(p, UPLOAD_OFFER_CONCURRENCY))
        number_setting(l, "concurrency", s->concurrency, s->concurrency > 0,
                       provider_get(p)->default_concurrency == 1
                           ? "provider default (1 at a time)"
                           : "provider default (not documented)");
    if (upload_offers(p, UPLOAD_OFFER_RETRY)) {
        number_setting(l, "retries", s->retry_limit, s->retry_limit >= 0,
                       "provider default (0: no retry)");
        setting(l, "retry when",
                s->retry_schedule == RETRY_IMMEDIATELY  ? "immediately"
                : s->retry_schedule == RETRY_NEXT_DAY   ? "next day"
                : s->retry_schedule == RETRY_SCHEDULED_TIME ? "after a wait (hours)"
                                                         : NULL,
                "provider default (immediately)");
    }
    if (upload_offers(p, UPLOAD_OFFER_DAILY_CAP))
        number_setting(l, "calls per day", s->max_calls_per_day, s->max_calls_per_day > 0,
                       "no cap");
    if (upload_offers(p, UPLOAD_OFFER_CALLER_ID))
        setting(l, "caller number", s->phone_number_id, "none (required)");
    if (provider_get(p)->agent_label)
        setting(l, "agent id", s->agent_id, "none sent (the provider's default agent)");
}

static void estimate_line(const import_review_t *v, dlg_lines_t *l)
{
    long conc = v->s->concurrency;
    if (conc <= 0)
        conc = provider_get(v->provider)->default_concurrency; /* documented, else 0 */
    if (conc <= 0) {
        dlg_lines_add(l, A_NORMAL, "%-13s unknown: %s does not document how many calls it "
                      "makes at once%s", "estimate", model_provider_label(v->provider),
                      upload_offers(v->provider, UPLOAD_OFFER_CONCURRENCY)
                          ? " (set a concurrency)" : "");
        return;
    }
    long minutes = (v->accepted * ASSUMED_CALL_MIN + conc - 1) / conc;
    char when[64];
    if (minutes < 60)
        snprintf(when, sizeof when, "about %ld min", minutes);
    else
        snprintf(when, sizeof when, "about %ld h %ld min", minutes / 60, minutes % 60);
    char h1[6], h2[6], reason[128], per_day[64] = "";
    if (v->s->hours && v->s->hours[0] &&
        upload_parse_hours(v->s->hours, h1, h2, reason, sizeof reason)) {
        long open = ((h2[0] - '0') * 10 + (h2[1] - '0')) * 60 + (h2[3] - '0') * 10 +
                    (h2[4] - '0') - ((h1[0] - '0') * 10 + (h1[1] - '0')) * 60 -
                    (h1[3] - '0') * 10 - (h1[4] - '0');
        if (open > 0)
            snprintf(per_day, sizeof per_day, ", %ld working day%s of %ld h %02ld", 
                     (minutes + open - 1) / open, (minutes + open - 1) / open == 1 ? "" : "s",
                     open / 60, open % 60);
    }
    dlg_lines_add(l, A_NORMAL, "%-13s %s of calling at %ld at a time%s, if calls average "
                  "%d min (retries not counted)", "estimate", when, conc, per_day,
                  ASSUMED_CALL_MIN);
}

bool import_review_must_ask(const import_review_t *v)
{
    return v->name_taken_id || v->imported_as;
}

void import_review_lines(const import_review_t *v, int width, dlg_lines_t *l)
{
    attr_t warn = theme_attr(ROLE_STATUS_WARN);
    dlg_hint_add(l, A_BOLD, HINT_REVIEW_TITLE);
    dlg_lines_add(l, A_NORMAL, "%s", "");
    dlg_lines_add(l, A_NORMAL, "%-13s %s (%s)", "profile", v->profile,
                  model_provider_label(v->provider));
    dlg_lines_add(l, A_NORMAL, "%-13s %s", "name", v->s->name);
    dlg_lines_add(l, A_NORMAL, "%-13s %ld accepted, %ld rejected (left out) from %s",
                  "contacts", v->accepted, v->rejected, v->from);
    start_lines(v, l);
    settings_lines(v, l);
    estimate_line(v, l);
    char msg[320];
    if (import_review_window_warning(v, msg, sizeof msg))
        dlg_lines_wrap(l, warn, 0, width, msg);
    if (v->name_taken_id) {
        snprintf(msg, sizeof msg, "profile %s already has a campaign named \"%s\" (%s)",
                 v->profile, v->s->name, v->name_taken_id);
        dlg_lines_wrap(l, warn, 0, width, msg);
    }
    if (v->imported_as) {
        snprintf(msg, sizeof msg, "this file was already imported to profile %s (campaign %s)",
                 v->profile, v->imported_as);
        dlg_lines_wrap(l, warn, 0, width, msg);
    }
    dlg_lines_add(l, A_NORMAL, "%s", "");
}
