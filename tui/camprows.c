/* Campaign rows with sanitised display strings (see store.h). */
#include "camprows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"
#include "sanitize.h"
#include "tz.h"

void camprows_init(camprows_t *s)
{
    s->rows = NULL;
    s->n = 0;
    s->slots = NULL;
    s->nslots = 0;
}

/* FNV-1a: keys are short ("0/314", "1/batch_c3d4"); nothing adversarial
 * can do worse than a long probe, since the table is rebuilt per merge. */
static size_t key_hash(const char *k)
{
    size_t h = (size_t)14695981039346656037ULL;
    for (const unsigned char *p = (const unsigned char *)k; *p; p++) {
        h ^= *p;
        h *= (size_t)1099511628211ULL;
    }
    return h;
}

/* Rebuilds the index over s->rows. On allocation failure the index is
 * dropped and lookups fall back to a scan: slower, never wrong. */
static void index_rebuild(camprows_t *s)
{
    size_t want = 16;
    while (want < s->n * 2)
        want *= 2;
    if (want != s->nslots) {
        free(s->slots);
        s->slots = calloc(want, sizeof *s->slots);
        s->nslots = s->slots ? want : 0;
    } else {
        memset(s->slots, 0, want * sizeof *s->slots);
    }
    for (size_t i = 0; i < s->n; i++)
        s->rows[i]->pos = i;
    if (!s->slots)
        return;
    for (size_t i = 0; i < s->n; i++) {
        size_t j = key_hash(s->rows[i]->key) & (s->nslots - 1);
        while (s->slots[j])
            j = (j + 1) & (s->nslots - 1);
        s->slots[j] = s->rows[i];
    }
}

static void row_free(camp_row_t *r)
{
    if (!r)
        return;
    model_campaign_free(&r->m);
    free(r->key);
    free(r->name);
    free(r->raw_state);
    free(r->next_run);
    free(r->failure);
    free(r);
}

void camprows_free(camprows_t *s)
{
    for (size_t i = 0; i < s->n; i++)
        row_free(s->rows[i]);
    free(s->rows);
    free(s->slots);
    camprows_init(s);
}

/* Moves *src into *dst (dst is overwritten, src re-initialised). */
static void camprows_move_campaign(model_campaign_t *dst, model_campaign_t *src)
{
    *dst = *src;
    model_campaign_init(src);
}

/* In the campaign's own zone when it names one (tz.c vets the name before
 * any file is opened, so a hostile backend cannot point it at another
 * file), else in UTC; tz.c never switches the process's TZ. */
void camprows_format_in_zone(time_t epoch, const char *tz, char *out, size_t len)
{
    const tz_zone_t *z = tz ? tz_zone(tz, NULL, 0) : NULL;
    if (!z)
        z = tz_zone("UTC", NULL, 0);
    struct tm tm;
    if (!z || !tz_localtime(z, (int64_t)epoch, &tm)) {
        snprintf(out, len, "?");
        return;
    }
    strftime(out, len, "%Y-%m-%d %H:%M %Z", &tm);
}

static camp_row_t *row_new(int source, model_campaign_t *c, time_t wall)
{
    camp_row_t *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    camprows_move_campaign(&r->m, c);
    r->source = source;
    char key[256];
    snprintf(key, sizeof key, "%d/%s", source, r->m.id ? r->m.id : "");
    r->key = strdup(key);
    r->name = sanitize_text(r->m.name ? r->m.name : "(unnamed)");
    r->raw_state = sanitize_text(r->m.raw_state ? r->m.raw_state : "");
    r->failure = r->m.failure_reason ? sanitize_text(r->m.failure_reason) : NULL;
    char when[96] = "-";
    if (r->m.scheduled_epoch > wall && !model_campaign_state_is_terminal(r->m.state))
        camprows_format_in_zone(r->m.scheduled_epoch, r->m.timezone, when, sizeof when);
    r->next_run = strdup(when);
    if (!r->key || !r->name || !r->raw_state || !r->next_run) {
        row_free(r);
        return NULL;
    }
    return r;
}

/* Where `key` sits in the index, NULL when absent or no index. */
static camp_row_t **slot_of(const camprows_t *s, const char *key)
{
    if (!s->nslots)
        return NULL;
    for (size_t j = key_hash(key) & (s->nslots - 1); s->slots[j];
         j = (j + 1) & (s->nslots - 1))
        if (strcmp(s->slots[j]->key, key) == 0)
            return &s->slots[j];
    return NULL;
}

camp_row_t *camprows_find(const camprows_t *s, const char *key)
{
    if (!s->nslots) {
        for (size_t i = 0; i < s->n; i++)
            if (strcmp(s->rows[i]->key, key) == 0)
                return s->rows[i];
        return NULL;
    }
    camp_row_t **slot = slot_of(s, key);
    return slot ? *slot : NULL;
}

static void carry_mark(camp_row_t *r, const camp_row_t *old, double now)
{
    if (!old)
        return;
    if (old->m.state != r->m.state || strcmp(old->raw_state, r->raw_state) != 0)
        r->changed_at = now;
    else if (old->changed_at > 0 && now - old->changed_at < CAMPROWS_CHANGED_MARK_S)
        r->changed_at = old->changed_at;
}

/* The row's state and the provider's word for it (kept raw, and
 * sanitised for display); false, nothing changed, when out of memory. */
static bool set_state(camp_row_t *r, campaign_state_t state, const char *raw_state)
{
    char *raw = strdup(raw_state), *shown = sanitize_text(raw_state);
    if (!raw || !shown) {
        free(raw);
        free(shown);
        return false;
    }
    free(r->m.raw_state);
    free(r->raw_state);
    r->m.raw_state = raw;
    r->raw_state = shown;
    r->m.state = state;
    return true;
}

/* A poll asked before an action's read-back came may hold the state from
 * before the action (a list walk in flight while the pause went out): the
 * read-back is the newer fact, so the row keeps it until a poll asked
 * after it. Without this a stale poll turned a confirmed resume back into
 * "paused" on screen, and the next key sent a resume the backend refused. */
static bool read_back_newer(const camp_row_t *r, double asked_at)
{
    return r->read_back_at > 0 && r->read_back_at > asked_at;
}

static void carry_read_back(camp_row_t *r, const camp_row_t *old, double asked_at)
{
    /* out of memory: the poll's state, as before */
    if (old && read_back_newer(old, asked_at) &&
        set_state(r, old->m.state, old->m.raw_state ? old->m.raw_state : ""))
        r->read_back_at = old->read_back_at;
}

/* A list row often reports only some counts by contact state (OmniDim's
 * list has no in-progress or failed counts); the campaign's details,
 * polled while its contacts are open, have them all. Keeping the detailed
 * counts the list does not report stops the summary bars from flickering
 * between the two on every list poll; the next detail poll corrects them. */
static void carry_counts(camp_row_t *r, const camp_row_t *old, double now)
{
    if (!old || r->m.counts_known || old->counts_at <= 0 ||
        now - old->counts_at > CAMPROWS_COUNTS_KEEP_S)
        return;
    for (int st = 0; st < CONTACT_STATE_COUNT; st++)
        if (r->m.counts[st] == 0)
            r->m.counts[st] = old->m.counts[st];
    r->m.counts_known = true;
    r->counts_at = old->counts_at;
}

/* The states a live-status summary counts (omnidim_live.h). */
static bool live_names_state(contact_state_t st)
{
    return st == CONTACT_PENDING || st == CONTACT_IN_PROGRESS || st == CONTACT_COMPLETED ||
           st == CONTACT_FAILED || st == CONTACT_BUSY || st == CONTACT_NO_ANSWER;
}

/* Figures of a per-campaign live-status poll survive the list polls that
 * do not carry them (OmniDim's list has no calls in progress), so RUN
 * does not fall back to "?" every two seconds; the next live poll
 * corrects them. Progress is tracked for the "stalled" rank. */
static void carry_live(camp_row_t *r, const camp_row_t *old)
{
    if (!old)
        return;
    r->alarm = old->alarm;
    r->alarm_known = old->alarm_known;
    if (old->live_at > 0) {
        r->live_at = old->live_at;
        for (int f = 0; f <= FIG_PEND; f++)
            if (r->m.fig[f] < 0)
                r->m.fig[f] = old->m.fig[f];
        if (!r->m.counts_known)
            for (int st = 0; st < CONTACT_STATE_COUNT; st++)
                if (r->m.counts[st] == 0 && live_names_state((contact_state_t)st))
                    r->m.counts[st] = old->m.counts[st];
    }
    /* Stalled: nothing moves at all (no call finished, failed or started)
     * while calls wait. A long call is not a stall: another one starting
     * or ending elsewhere in the campaign moves a figure. */
    bool moved = false, known = false;
    static const model_figure_t watched[] = {FIG_DONE, FIG_FAIL, FIG_PEND, FIG_RUN};
    for (size_t i = 0; i < sizeof watched / sizeof watched[0]; i++) {
        long v0, v1;
        if (figure_read(&old->m, watched[i], &v0) == FIGURE_KNOWN &&
            figure_read(&r->m, watched[i], &v1) == FIGURE_KNOWN) {
            known = true;
            moved = moved || v0 != v1;
        }
    }
    long pend;
    if (known && !moved && r->m.state == CAMPAIGN_ACTIVE && old->m.state == CAMPAIGN_ACTIVE &&
        figure_read(&r->m, FIG_PEND, &pend) == FIGURE_KNOWN && pend > 0)
        r->still_polls = old->still_polls + 1;
    else
        r->still_polls = 0;
}

bool camprows_stalled(const camp_row_t *r, const camprows_rules_t *rules)
{
    return r->m.state == CAMPAIGN_ACTIVE && r->still_polls >= rules->stall_polls;
}

void camprows_rank(camp_row_t *r, const camprows_rules_t *rules, bool unreachable)
{
    double pct = 0;
    bool has_pct = figure_fail_percent(&r->m, &pct);
    bool live = !model_campaign_state_is_terminal(r->m.state);
    /* a failure rate matters while calls are being made: a paused
     * campaign is one the operator already stopped */
    bool dialing = r->m.state == CAMPAIGN_ACTIVE;
    if (r->m.state == CAMPAIGN_FAILED || camprows_stalled(r, rules) ||
        (dialing && has_pct && pct >= rules->fail_alert_pct))
        r->attn = ATTN_FAILED;
    else if (unreachable)
        r->attn = ATTN_UNREACHABLE;
    else if (dialing && has_pct && pct >= rules->fail_warn_pct)
        r->attn = ATTN_FAIL_WARN;
    else if (r->m.state == CAMPAIGN_ACTIVE)
        r->attn = ATTN_RUNNING;
    else if (r->m.state == CAMPAIGN_PAUSED || r->m.state == CAMPAIGN_SCHEDULED ||
             r->m.state == CAMPAIGN_PENDING)
        r->attn = ATTN_WAITING;
    else if (live)
        r->attn = ATTN_QUIET;
    else
        r->attn = ATTN_DONE;
}

bool camprows_set_read_back(camprows_t *s, const char *key, campaign_state_t state,
                            const char *raw, double now)
{
    camp_row_t *r = camprows_find(s, key);
    if (!r)
        return false;
    if (state == CAMPAIGN_UNKNOWN)
        return true; /* nothing known to hold against a poll */
    if (!raw || !set_state(r, state, raw))
        r->m.state = state; /* the word stays the last poll's */
    r->changed_at = now;
    r->read_back_at = now;
    return true;
}

bool camprows_apply_live(camprows_t *s, const char *key, const model_campaign_t *live,
                         double now, double asked_at)
{
    camp_row_t *r = camprows_find(s, key);
    if (!r)
        return false;
    model_campaign_t *m = &r->m;
    for (int f = 0; f <= FIG_PEND; f++)
        if (live->fig[f] >= 0)
            m->fig[f] = live->fig[f];
    if (live->total_contacts >= 0)
        m->total_contacts = live->total_contacts;
    if (live->completed_contacts >= 0)
        m->completed_contacts = live->completed_contacts;
    if (live->counts_known) {
        memcpy(m->counts, live->counts, sizeof m->counts);
        m->counts_known = true;
        r->counts_at = now;
    } else {
        /* a partial summary: the states it names, the rest as they were */
        for (int st = 0; st < CONTACT_STATE_COUNT; st++)
            if (live->counts[st] > 0 || live_names_state((contact_state_t)st))
                m->counts[st] = live->counts[st];
    }
    if (!read_back_newer(r, asked_at) && live->state != CAMPAIGN_UNKNOWN &&
        live->state != m->state && live->raw_state && set_state(r, live->state, live->raw_state))
        r->changed_at = now;
    r->live_at = now;
    return true;
}

bool camprows_replace_source(camprows_t *s, int source, model_campaign_t *items,
                          size_t n, double now, double asked_at, time_t wall)
{
    size_t keep = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->rows[i]->source != source)
            keep++;
    camp_row_t **nr = calloc(keep + n + 1, sizeof *nr);
    if (!nr)
        return false;
    size_t k = 0;
    /* Profiles in config order, each in its provider's order: a poll of
     * one profile never moves another profile's rows. */
    for (size_t i = 0; i < s->n; i++)
        if (s->rows[i]->source < source)
            nr[k++] = s->rows[i];
    for (size_t i = 0; i < n; i++) {
        camp_row_t *r = row_new(source, &items[i], wall);
        if (!r)
            continue;
        const camp_row_t *old = camprows_find(s, r->key);
        carry_read_back(r, old, asked_at);
        carry_mark(r, old, now);
        carry_counts(r, old, now);
        carry_live(r, old);
        nr[k++] = r;
    }
    for (size_t i = 0; i < s->n; i++)
        if (s->rows[i]->source > source)
            nr[k++] = s->rows[i];
    for (size_t i = 0; i < s->n; i++)
        if (s->rows[i]->source == source)
            row_free(s->rows[i]);
    free(s->rows);
    s->rows = nr;
    s->n = k;
    index_rebuild(s);
    return true;
}

bool camprows_update_one(camprows_t *s, int source, model_campaign_t *c, double now,
                      double asked_at, time_t wall)
{
    camp_row_t *r = row_new(source, c, wall);
    if (!r)
        return false;
    camp_row_t *old = camprows_find(s, r->key);
    if (!old) {
        row_free(r);
        return false;
    }
    carry_read_back(r, old, asked_at);
    carry_mark(r, old, now);
    if (r->m.counts_known)
        r->counts_at = now;
    else
        carry_counts(r, old, now);
    carry_live(r, old);
    r->attn = old->attn;
    r->pos = old->pos;
    s->rows[r->pos] = r;
    camp_row_t **slot = slot_of(s, r->key);
    if (slot)
        *slot = r;
    row_free(old);
    return true;
}
