/* The import's settings form (see import_form.h). */
#include "import_form.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dlg_hint.h"
#include "provider.h"
#include "textedit.h"
#include "theme.h"

static const char *const field_label[IF_COUNT] = {
    [IF_NAME] = "name",
    [IF_AT] = "start",
    [IF_TZ] = "timezone",
    [IF_CONCURRENCY] = "concurrency",
    [IF_RETRY_LIMIT] = "retries",
    [IF_RETRY_WHEN] = "retry when",
    [IF_HOURS] = "working hours",
    [IF_DAYS] = "working days",
    [IF_DAILY_CAP] = "calls per day",
    [IF_CALLER_ID] = "caller number id",
    [IF_AGENT_ID] = "agent id",
};

/* Shown under the focused field: what it takes and what empty means. */
static const char *const field_hint[IF_COUNT] = {
    [IF_NAME] = "the campaign's name as the provider lists it",
    [IF_AT] = "empty = start now, or YYYY-MM-DD HH:MM in the timezone below",
    [IF_TZ] = NULL, /* names its key: HINT_FORM_ZONE, from the keymap */
    [IF_CONCURRENCY] = "calls at once, 1-1000; empty = the provider's default",
    [IF_RETRY_LIMIT] = "tries again after no answer, 0-5; empty = the provider's default",
    [IF_RETRY_WHEN] = "immediately, next_day, or after some hours like 6h (needs retries > 0)",
    [IF_HOURS] = "calls only between, e.g. 09:00-18:00; empty = any time",
    [IF_DAYS] = "e.g. mon-fri or mon,wed,sat; empty = every day",
    [IF_DAILY_CAP] = "at most this many calls a day; empty = no cap",
    [IF_CALLER_ID] = "the id of the number calls come from (required by OmniDimension)",
    [IF_AGENT_ID] = "the agent (Truedy) or app (Sarvam) that speaks; empty = none sent",
};

/* Which offer a field depends on; IF_COUNT-sized, -1 = always shown. */
static int field_offer(import_field_t f)
{
    switch (f) {
    case IF_CONCURRENCY: return UPLOAD_OFFER_CONCURRENCY;
    case IF_RETRY_LIMIT:
    case IF_RETRY_WHEN: return UPLOAD_OFFER_RETRY;
    case IF_HOURS: return UPLOAD_OFFER_HOURS;
    case IF_DAYS: return UPLOAD_OFFER_DAYS;
    case IF_DAILY_CAP: return UPLOAD_OFFER_DAILY_CAP;
    case IF_CALLER_ID: return UPLOAD_OFFER_CALLER_ID;
    default: return -1;
    }
}

/* The file's base name without its extension, fitted to the provider's
 * name rule (provider_name_fit), so the default is always acceptable. */
static void default_name(import_form_t *f, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    provider_name_fit(f->provider, base, n, f->value[IF_NAME], IMPORT_FORM_VALUE_LEN);
}

void import_form_init(import_form_t *f, provider_t p, const char *file_path)
{
    memset(f, 0, sizeof *f);
    f->provider = p;
    for (int i = 0; i < IF_COUNT; i++) {
        int offer = field_offer((import_field_t)i);
        if (i == IF_AGENT_ID && !provider_get(p)->agent_label)
            continue;
        if (offer < 0 || upload_offers(p, (upload_offer_t)offer))
            f->shown[f->nshown++] = (import_field_t)i;
    }
    default_name(f, file_path);
    schedule_local_zone(f->value[IF_TZ], IMPORT_FORM_VALUE_LEN);
    f->zones = schedule_zones_load(NULL);
}

void import_form_free(import_form_t *f)
{
    schedule_zones_free(f->zones);
    f->zones = NULL;
}

import_field_t import_form_focused(const import_form_t *f)
{
    return f->shown[f->focus];
}

static void focus_field(import_form_t *f, import_field_t field)
{
    for (size_t i = 0; i < f->nshown; i++)
        if (f->shown[i] == field)
            f->focus = i;
}

/* Tab on the timezone completes it; when it is already a zone, Tab moves
 * on like elsewhere. */
static bool complete_zone(import_form_t *f)
{
    char *zone = f->value[IF_TZ];
    if (!f->zones || schedule_zone_valid(zone, NULL, 0))
        return false;
    schedule_zones_tab(f->zones, zone, IMPORT_FORM_VALUE_LEN, f->msg, sizeof f->msg);
    return true;
}

bool import_form_command(import_form_t *f, keymap_cmd_t cmd, int key)
{
    if (cmd == CMD_COMPLETE && import_form_focused(f) == IF_TZ && complete_zone(f))
        return true;
    if (cmd == CMD_COMPLETE || cmd == CMD_NEXT_FIELD) {
        f->focus = (f->focus + 1) % f->nshown;
    } else if (cmd == CMD_PREV_FIELD) {
        f->focus = (f->focus + f->nshown - 1) % f->nshown;
    } else if (cmd != CMD_NONE) {
        return false;
    } else {
        return textedit_key(f->value[import_form_focused(f)], IMPORT_FORM_VALUE_LEN, key);
    }
    return true;
}

/* An optional whole number in [lo, hi]; empty gives `empty`. */
static bool read_number(import_form_t *f, import_field_t field, long lo, long hi, int empty,
                        int *out)
{
    const char *s = f->value[field];
    if (!s[0]) {
        *out = empty;
        return true;
    }
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < lo || v > hi) {
        snprintf(f->msg, sizeof f->msg, "%s must be a whole number from %ld to %ld, or empty",
                 field_label[field], lo, hi);
        focus_field(f, field);
        return false;
    }
    *out = (int)v;
    return true;
}

static bool shown(const import_form_t *f, import_field_t field)
{
    for (size_t i = 0; i < f->nshown; i++)
        if (f->shown[i] == field)
            return true;
    return false;
}

static const char *value_or_null(const import_form_t *f, import_field_t field)
{
    return shown(f, field) && f->value[field][0] ? f->value[field] : NULL;
}

/* Checks the fields one by one so the focus lands on the one at fault;
 * upload_check then has the last word on their combination. */
static bool check_fields(import_form_t *f, time_t now, upload_settings_t *s)
{
    char reason[UPLOAD_REASON_MAX];
    if (!f->value[IF_NAME][0]) {
        snprintf(f->msg, sizeof f->msg, "the campaign needs a name");
        focus_field(f, IF_NAME);
        return false;
    }
    bool zoned = s->at || s->hours || s->days;
    if (zoned && !schedule_zone_valid(f->value[IF_TZ], reason, sizeof reason)) {
        snprintf(f->msg, sizeof f->msg, "timezone: %s", reason);
        focus_field(f, IF_TZ);
        return false;
    }
    schedule_t sched;
    if (s->at && !schedule_resolve(s->at, f->value[IF_TZ], now, &sched, reason, sizeof reason)) {
        snprintf(f->msg, sizeof f->msg, "start: %s", reason);
        focus_field(f, IF_AT);
        return false;
    }
    if (!read_number(f, IF_CONCURRENCY, 1, 1000, 0, &s->concurrency) ||
        !read_number(f, IF_RETRY_LIMIT, 0, 5, -1, &s->retry_limit) ||
        !read_number(f, IF_DAILY_CAP, 1, 100000, 0, &s->max_calls_per_day))
        return false;
    char a[6], b[6];
    unsigned mask;
    if (s->hours && !upload_parse_hours(s->hours, a, b, reason, sizeof reason)) {
        snprintf(f->msg, sizeof f->msg, "working hours: %s", reason);
        focus_field(f, IF_HOURS);
        return false;
    }
    if (s->days && !upload_parse_days(s->days, &mask, reason, sizeof reason)) {
        snprintf(f->msg, sizeof f->msg, "working days: %s", reason);
        focus_field(f, IF_DAYS);
        return false;
    }
    const char *when = value_or_null(f, IF_RETRY_WHEN);
    if (when && !upload_parse_retry_schedule(when, &s->retry_schedule, &s->retry_after_hours,
                                             reason, sizeof reason)) {
        snprintf(f->msg, sizeof f->msg, "retry when: %s", reason);
        focus_field(f, IF_RETRY_WHEN);
        return false;
    }
    if (shown(f, IF_CALLER_ID) && !f->value[IF_CALLER_ID][0]) {
        snprintf(f->msg, sizeof f->msg, "OmniDimension needs the caller number id: the id of "
                                        "a number in your OmniDimension account");
        focus_field(f, IF_CALLER_ID);
        return false;
    }
    return true;
}

bool import_form_settings(import_form_t *f, time_t now, upload_settings_t *s)
{
    upload_settings_init(s);
    s->name = f->value[IF_NAME];
    s->at = value_or_null(f, IF_AT);
    s->hours = value_or_null(f, IF_HOURS);
    s->days = value_or_null(f, IF_DAYS);
    /* the zone places the start and the working window alike */
    s->tz = (s->at || s->hours || s->days) && f->value[IF_TZ][0] ? f->value[IF_TZ] : NULL;
    s->phone_number_id = value_or_null(f, IF_CALLER_ID);
    s->agent_id = value_or_null(f, IF_AGENT_ID);
    if (!check_fields(f, now, s))
        return false;
    char reason[UPLOAD_REASON_MAX];
    if (!upload_check(f->provider, s, now, reason, sizeof reason)) {
        snprintf(f->msg, sizeof f->msg, "%s", reason);
        return false;
    }
    f->msg[0] = '\0';
    return true;
}

/* The agent field in the provider's own word (Sarvam: app id). */
static const char *label(const import_form_t *f, import_field_t field)
{
    if (field == IF_AGENT_ID && provider_get(f->provider)->agent_label)
        return provider_get(f->provider)->agent_label;
    return field_label[field];
}

void import_form_lines(const import_form_t *f, time_t now, dlg_lines_t *l)
{
    for (size_t i = 0; i < f->nshown; i++) {
        import_field_t field = f->shown[i];
        bool focused = i == f->focus;
        dlg_lines_add(l, focused ? A_BOLD : A_NORMAL, "%s %-16s %s%s", focused ? ">" : " ",
                      label(f, field), f->value[field], focused ? "_" : "");
        if (field == IF_AT && f->value[IF_AT][0]) {
            schedule_t sched;
            char reason[SCHEDULE_REASON_MAX];
            if (schedule_resolve(f->value[IF_AT], f->value[IF_TZ], now, &sched, reason,
                                 sizeof reason))
                dlg_lines_add(l, theme_attr(ROLE_STATUS_OK), "  %-16s %s", "", sched.preview);
            else
                dlg_lines_add(l, theme_attr(ROLE_STATUS_WARN), "  %-16s %s", "", reason);
        }
    }
    char zone[DLG_LINE_LEN];
    import_field_t focus = import_form_focused(f);
    dlg_lines_add(l, theme_attr(ROLE_DIM), "  %s",
                  focus == IF_TZ ? dlg_hint_format(zone, sizeof zone, HINT_FORM_ZONE)
                                 : field_hint[focus]);
}
