/* The simulated dialer; see dialer.h.
 *
 * Design: the simulation is advanced lazily, to "now", under the simulator
 * mutex at the start of each request, instead of by a ticker thread. The
 * state a client sees is then a pure function of the seed, the actions and
 * the request times, unit tests drive it with a hand-set clock and no
 * thread, and an idle simulator costs nothing. Each campaign is an event
 * loop over its own time line (start time, call ends, due retries,
 * calling-window openings, Sarvam end), so catching up after a long idle
 * gives exactly the result of having ticked all along; next_event lets
 * untouched campaigns be skipped in O(1). */
#include "dialer.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dynbuf.h"
#include "rng.h"
#include "simtime.h"

#define NEVER INT64_MAX

void dialer_config_defaults(dialer_config_t *cfg)
{
    cfg->w_completed = 0.55;
    cfg->w_no_answer = 0.20;
    cfg->w_busy = 0.10;
    cfg->w_voicemail = 0.10;
    cfg->w_failed = 0.05;
    cfg->min_call_s = 15;
    cfg->max_call_s = 150;
    cfg->on_call_end = NULL;
    cfg->on_call_end_ud = NULL;
}

bool dialer_parse_rates(dialer_config_t *cfg, const char *text)
{
    dialer_config_t out = *cfg;
    char *copy = strdup(text ? text : "");
    if (!copy)
        return false;
    bool ok = true;
    char *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(tok, '=');
        if (!eq) {
            ok = false;
            break;
        }
        *eq = '\0';
        char *end;
        double v = strtod(eq + 1, &end);
        if (end == eq + 1 || *end || !(v >= 0) || v > 1e6) {
            ok = false;
            break;
        }
        if (strcmp(tok, "completed") == 0)
            out.w_completed = v;
        else if (strcmp(tok, "no_answer") == 0)
            out.w_no_answer = v;
        else if (strcmp(tok, "busy") == 0)
            out.w_busy = v;
        else if (strcmp(tok, "voicemail") == 0)
            out.w_voicemail = v;
        else if (strcmp(tok, "failed") == 0)
            out.w_failed = v;
        else {
            ok = false;
            break;
        }
    }
    free(copy);
    if (ok && out.w_completed + out.w_no_answer + out.w_busy + out.w_voicemail + out.w_failed <= 0)
        ok = false;
    if (ok)
        *cfg = out;
    return ok;
}

void dialer_touch(store_campaign_t *c)
{
    store_mark_campaign(c); /* an action changed it: its row is saved */
    c->next_event = 0;
    c->retry_min_ok = false;
    c->pend_cursor = 0;
}

static contact_state_t draw_outcome(store_campaign_t *c, const dialer_config_t *cfg)
{
    double w[5] = {cfg->w_completed, cfg->w_no_answer, cfg->w_busy, cfg->w_voicemail,
                   cfg->w_failed};
    static const contact_state_t st[5] = {CONTACT_COMPLETED, CONTACT_NO_ANSWER, CONTACT_BUSY,
                                          CONTACT_VOICEMAIL, CONTACT_FAILED};
    double total = 0;
    for (int i = 0; i < 5; i++)
        total += w[i];
    double x = rng_unit(&c->rng) * total;
    for (int i = 0; i < 5; i++) {
        if (x < w[i])
            return st[i];
        x -= w[i];
    }
    return CONTACT_COMPLETED;
}

static int draw_duration(store_campaign_t *c, contact_state_t outcome, const dialer_config_t *cfg)
{
    switch (outcome) {
    case CONTACT_NO_ANSWER: return rng_range(&c->rng, 25, 45);
    case CONTACT_BUSY: return rng_range(&c->rng, 3, 8);
    case CONTACT_VOICEMAIL: return rng_range(&c->rng, 20, 60);
    case CONTACT_FAILED: return rng_range(&c->rng, 1, 5);
    default: {
        int lo = cfg->min_call_s < 1 ? 1 : cfg->min_call_s;
        return rng_range(&c->rng, lo, cfg->max_call_s < lo ? lo : cfg->max_call_s);
    }
    }
}

static const char *const reasons[] = {"No answer", "Line busy", "Carrier rejected the call",
                                      "Number not reachable", "Call dropped by network",
                                      "Call failed"};

const char *dialer_reason_intern(const char *text)
{
    for (size_t i = 0; i < sizeof reasons / sizeof *reasons; i++)
        if (strcmp(reasons[i], text) == 0)
            return reasons[i];
    return reasons[5];
}

static const char *failure_text(store_campaign_t *c, contact_state_t outcome)
{
    switch (outcome) {
    case CONTACT_NO_ANSWER: return reasons[0];
    case CONTACT_BUSY: return reasons[1];
    case CONTACT_FAILED: return reasons[2 + rng_next(&c->rng) % 3];
    default: return NULL;
    }
}

static bool ensure_calls(store_campaign_t *c)
{
    if (c->ncalls < c->calls_cap)
        return true;
    size_t *calls = dyn_grow(c->calls, &c->calls_cap, c->ncalls + 1, sizeof *calls, 8);
    if (!calls)
        return false;
    c->calls = calls;
    return true;
}

/* After a load the in-progress list is rebuilt from the contacts. */
static void rebuild_calls(store_campaign_t *c)
{
    if ((long)c->ncalls == c->counts[CONTACT_IN_PROGRESS])
        return;
    c->ncalls = 0;
    for (size_t i = 0; i < c->ncontacts; i++)
        if (c->contacts[i].state == CONTACT_IN_PROGRESS && ensure_calls(c))
            c->calls[c->ncalls++] = i;
}

static void start_call(store_campaign_t *c, size_t idx, int64_t t, const dialer_config_t *cfg)
{
    if (!ensure_calls(c))
        return; /* out of memory: the contact simply waits */
    store_contact_t *k = &c->contacts[idx];
    k->outcome = draw_outcome(c, cfg);
    k->call_end = t + draw_duration(c, k->outcome, cfg);
    store_contact_add_attempt(c, k);
    k->last_attempt = t;
    k->call_seq = ++c->call_seq;
    k->failure_reason = NULL;
    store_contact_set_state(c, k, CONTACT_IN_PROGRESS);
    c->calls[c->ncalls++] = idx;
}

static bool retryable(contact_state_t s)
{
    return s == CONTACT_NO_ANSWER || s == CONTACT_BUSY || s == CONTACT_FAILED;
}

static int64_t retry_time(const store_campaign_t *c, int64_t t)
{
    switch (c->retry_schedule) {
    case RETRY_NEXT_DAY: return t + 86400;
    case RETRY_SCHEDULED_TIME: return t + (int64_t)c->retry_days * 86400 + (int64_t)c->retry_hours * 3600;
    default: return t;
    }
}

static void end_call(store_campaign_t *c, size_t slot, const dialer_config_t *cfg)
{
    store_contact_t *k = &c->contacts[c->calls[slot]];
    c->calls[slot] = c->calls[--c->ncalls];
    k->duration_s = (int)(k->call_end - k->last_attempt);
    bool live = c->state != CAMPAIGN_CANCELLED && c->state != CAMPAIGN_COMPLETED &&
                c->state != CAMPAIGN_ENDED && c->state != CAMPAIGN_FAILED;
    if (live && retryable(k->outcome) && c->retry_schedule != RETRY_NONE &&
        k->attempts <= c->retry_limit) {
        k->next_try = retry_time(c, k->call_end);
        k->failure_reason = failure_text(c, k->outcome);
        store_contact_set_state(c, k, CONTACT_RETRY_SCHEDULED);
        if (!c->retry_min_ok || k->next_try < c->retry_min)
            c->retry_min = k->next_try;
        c->retry_min_ok = true;
    } else {
        k->failure_reason = failure_text(c, k->outcome);
        store_contact_set_state(c, k, k->outcome);
    }
    if (cfg->on_call_end)
        cfg->on_call_end(cfg->on_call_end_ud, c, k);
}

/* Due retries go back to pending, ahead of the dial cursor if need be. */
static void release_retries(store_campaign_t *c, int64_t t)
{
    int64_t min = NEVER;
    for (size_t i = 0; i < c->ncontacts; i++) {
        store_contact_t *k = &c->contacts[i];
        if (k->state != CONTACT_RETRY_SCHEDULED)
            continue;
        if (k->next_try <= t) {
            store_contact_set_state(c, k, CONTACT_PENDING);
            if (i < c->pend_cursor)
                c->pend_cursor = i;
        } else if (k->next_try < min) {
            min = k->next_try;
        }
    }
    c->retry_min = min;
    c->retry_min_ok = true;
}

static int64_t retry_min(store_campaign_t *c)
{
    if (c->counts[CONTACT_RETRY_SCHEDULED] == 0)
        return NEVER;
    if (!c->retry_min_ok) {
        int64_t min = NEVER;
        for (size_t i = 0; i < c->ncontacts; i++)
            if (c->contacts[i].state == CONTACT_RETRY_SCHEDULED && c->contacts[i].next_try < min)
                min = c->contacts[i].next_try;
        c->retry_min = min;
        c->retry_min_ok = true;
    }
    return c->retry_min;
}

static int hhmm_seconds(const char *s, int def)
{
    if (!s[0])
        return def;
    return ((s[0] - '0') * 10 + (s[1] - '0')) * 3600 + ((s[3] - '0') * 10 + (s[4] - '0')) * 60;
}

/* Truedy start_time/end_time/working_days and Sarvam allowed_schedule:
 * may the campaign dial at t (its own timezone)? When not, *next_open is
 * the next time worth checking (the window's next opening; a day that is
 * not allowed is skipped on that later check). */
static bool in_window(const store_campaign_t *c, int64_t t, int64_t *next_open)
{
    if (!c->window_start[0] && !c->window_end[0] && !c->window_days)
        return true;
    int wday, sec;
    if (!simtime_local_parts(t, c->timezone, &wday, &sec))
        return true; /* an unusable zone never blocks dialing */
    int open = hhmm_seconds(c->window_start, 0), close = hhmm_seconds(c->window_end, 86400);
    bool day_ok = !c->window_days || (c->window_days & (1u << wday));
    bool hours_ok = open < close ? sec >= open && sec < close : sec >= open || sec < close;
    if (day_ok && hours_ok)
        return true;
    int64_t wait = sec < open ? open - sec : 86400 - sec + open;
    *next_open = t + (wait < 60 ? 60 : wait);
    return false;
}

/* Truedy's max_calls_per_day, counted per local day in the campaign's
 * timezone. When the day's calls are used up, *next is the next local
 * midnight (an hour later at least, for the 25-hour day of a DST change). */
static bool under_daily_cap(store_campaign_t *c, int64_t t, int64_t *next)
{
    int wday, sec;
    if (simtime_local_parts(t, c->timezone, &wday, &sec) && t - sec != c->day_start) {
        c->day_start = t - sec;
        c->calls_today = 0;
    }
    if (c->calls_today < c->max_calls_per_day)
        return true;
    int64_t midnight = c->day_start + 86400;
    int64_t when = midnight > t ? midnight : t + 3600;
    if (when < *next)
        *next = when;
    return false;
}

static bool is_open(campaign_state_t s)
{
    return s == CAMPAIGN_PENDING || s == CAMPAIGN_SCHEDULED || s == CAMPAIGN_ACTIVE ||
           s == CAMPAIGN_PAUSED || s == CAMPAIGN_DRAFT;
}

/* Applies everything that happens at time t; returns the next event. */
static int64_t step(store_campaign_t *c, int64_t t, const dialer_config_t *cfg)
{
    const sim_dialect_desc_t *dialect = sim_dialect_for(c->provider);
    bool ends = dialect->ends_at_end_time && c->end_at;
    if (ends && c->end_at <= t && is_open(c->state)) {
        /* end_timestamp passed: Sarvam ends the campaign by itself */
        c->state = CAMPAIGN_ENDED;
        c->updated_at = t;
        for (size_t i = 0; i < c->ncontacts; i++) {
            store_contact_t *k = &c->contacts[i];
            if (k->state == CONTACT_PENDING || k->state == CONTACT_RETRY_SCHEDULED)
                store_contact_set_state(c, k, CONTACT_SKIPPED);
        }
    }
    if (c->state == CAMPAIGN_PENDING)
        c->state = c->start_at > t ? CAMPAIGN_SCHEDULED : CAMPAIGN_ACTIVE;
    if (c->state == CAMPAIGN_SCHEDULED && c->start_at <= t) {
        c->state = CAMPAIGN_ACTIVE;
        c->updated_at = t;
    }
    for (size_t i = 0; i < c->ncalls;) {
        if (c->contacts[c->calls[i]].call_end <= t)
            end_call(c, i, cfg); /* moves the last slot into i */
        else
            i++;
    }
    if (c->counts[CONTACT_RETRY_SCHEDULED] > 0 && retry_min(c) <= t)
        release_retries(c, t);
    int64_t window_next = NEVER;
    bool may_dial = c->state == CAMPAIGN_ACTIVE && c->counts[CONTACT_PENDING] > 0 &&
                    in_window(c, t, &window_next);
    if (may_dial && c->max_calls_per_day > 0)
        may_dial = under_daily_cap(c, t, &window_next);
    if (c->state == CAMPAIGN_ACTIVE) {
        int limit = c->concurrency < 1 ? 1 : c->concurrency;
        while (may_dial && (int)c->ncalls < limit && c->counts[CONTACT_PENDING] > 0) {
            if (c->max_calls_per_day > 0 && c->calls_today >= c->max_calls_per_day) {
                under_daily_cap(c, t, &window_next);
                break;
            }
            while (c->pend_cursor < c->ncontacts &&
                   c->contacts[c->pend_cursor].state != CONTACT_PENDING)
                c->pend_cursor++;
            if (c->pend_cursor >= c->ncontacts) {
                c->pend_cursor = 0; /* counts say one exists: rescan once */
                continue;
            }
            start_call(c, c->pend_cursor, t, cfg);
            c->calls_today++;
        }
        if (c->ncontacts > 0 && c->counts[CONTACT_PENDING] == 0 &&
            c->counts[CONTACT_RETRY_SCHEDULED] == 0 && c->ncalls == 0) {
            c->state = dialect->finished;
            c->updated_at = t;
        }
    }

    int64_t next = NEVER;
    for (size_t i = 0; i < c->ncalls; i++)
        if (c->contacts[c->calls[i]].call_end < next)
            next = c->contacts[c->calls[i]].call_end;
    if (c->state == CAMPAIGN_SCHEDULED && c->start_at < next)
        next = c->start_at;
    int64_t r = retry_min(c);
    if (r < next)
        next = r;
    if (ends && is_open(c->state) && c->end_at < next)
        next = c->end_at;
    if (window_next < next)
        next = window_next;
    return next <= t ? t + 1 : next;
}

/* The campaign fields a step may change; pos alone does not count: a
 * campaign re-stepped from an older pos over a stretch where nothing
 * happened ends up the same, so an idle advance writes no row. */
typedef struct {
    campaign_state_t state;
    int64_t updated_at, day_start;
    int calls_today;
    uint64_t rng;
    uint32_t call_seq;
} step_sig_t;

static step_sig_t step_sig(const store_campaign_t *c)
{
    return (step_sig_t){c->state, c->updated_at, c->day_start, c->calls_today, c->rng, c->call_seq};
}

static bool sig_equal(step_sig_t a, step_sig_t b)
{
    return a.state == b.state && a.updated_at == b.updated_at && a.day_start == b.day_start &&
           a.calls_today == b.calls_today && a.rng == b.rng && a.call_seq == b.call_seq;
}

void dialer_advance(store_campaign_t *c, int64_t now, const dialer_config_t *cfg)
{
    if (c->next_event > now)
        return;
    step_sig_t before = step_sig(c);
    rebuild_calls(c);
    /* everything up to pos is done; a touched campaign re-steps at pos */
    int64_t t = c->next_event < c->pos ? c->pos : c->next_event;
    if (t > now)
        t = now;
    for (;;) {
        int64_t next = step(c, t, cfg);
        if (next > now) {
            c->next_event = next;
            break;
        }
        t = next;
    }
    c->pos = now;
    if (!sig_equal(before, step_sig(c)))
        store_mark_campaign(c);
}

int64_t dialer_advance_all(store_t *s, int64_t now, const dialer_config_t *cfg, bool *moved)
{
    int64_t min = NEVER;
    for (int d = 0; d < SIM_DIALECT_COUNT; d++) {
        store_list_t *l = &s->by_dialect[d];
        for (size_t i = 0; i < l->n; i++) {
            store_campaign_t *c = l->items[i];
            if (c->next_event <= now) {
                dialer_advance(c, now, cfg);
                if (moved)
                    *moved = true;
            }
            if (c->next_event < min)
                min = c->next_event;
        }
    }
    return min;
}
