/* Campaign rows with sanitised display strings (see store.h). */
#include "camprows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"

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

void camprows_move_campaign(model_campaign_t *dst, model_campaign_t *src)
{
    *dst = *src;
    model_campaign_init(src);
}

/* Only plain zone names reach TZ: no absolute paths, no "..", so a hostile
 * backend cannot point the C library at an arbitrary file. */
static bool zone_name_ok(const char *tz)
{
    if (!tz || !*tz || tz[0] == '/' || strstr(tz, "..") || strlen(tz) > 64)
        return false;
    for (const char *p = tz; *p; p++) {
        char c = *p;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '_' || c == '-' || c == '+'))
            return false;
    }
    return true;
}

/* Formatting in a zone means switching TZ, which touches the environment
 * other threads (libcurl's resolver) may read: do it once per distinct
 * (time, zone), not on every poll. */
#define ZONE_CACHE 32
static struct {
    time_t epoch;
    char zone[65];
    char text[64];
} zone_cache[ZONE_CACHE];
static size_t zone_cache_next;

void camprows_format_in_zone(time_t epoch, const char *tz, char *out, size_t len)
{
    const char *zone = zone_name_ok(tz) ? tz : "UTC";
    for (size_t i = 0; i < ZONE_CACHE; i++) {
        if (zone_cache[i].text[0] && zone_cache[i].epoch == epoch &&
            strcmp(zone_cache[i].zone, zone) == 0) {
            snprintf(out, len, "%s", zone_cache[i].text);
            return;
        }
    }
    char *saved = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
    setenv("TZ", zone, 1);
    tzset();
    struct tm tm;
    localtime_r(&epoch, &tm);
    strftime(out, len, "%Y-%m-%d %H:%M %Z", &tm);
    if (saved) {
        setenv("TZ", saved, 1);
        free(saved);
    } else {
        unsetenv("TZ");
    }
    tzset();
    size_t slot = zone_cache_next++ % ZONE_CACHE;
    zone_cache[slot].epoch = epoch;
    snprintf(zone_cache[slot].zone, sizeof zone_cache[slot].zone, "%s", zone);
    snprintf(zone_cache[slot].text, sizeof zone_cache[slot].text, "%s", out);
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

bool camprows_replace_source(camprows_t *s, int source, model_campaign_t *items,
                          size_t n, double now, time_t wall)
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
        carry_mark(r, old, now);
        carry_counts(r, old, now);
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
                      time_t wall)
{
    camp_row_t *r = row_new(source, c, wall);
    if (!r)
        return false;
    camp_row_t *old = camprows_find(s, r->key);
    if (!old) {
        row_free(r);
        return false;
    }
    carry_mark(r, old, now);
    if (r->m.counts_known)
        r->counts_at = now;
    else
        carry_counts(r, old, now);
    r->pos = old->pos;
    s->rows[r->pos] = r;
    camp_row_t **slot = slot_of(s, r->key);
    if (slot)
        *slot = r;
    row_free(old);
    return true;
}
