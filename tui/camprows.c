/* Campaign rows with sanitised display strings (see store.h). */
#include "camprows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"
#include "tz.h"

void camprows_init(camprows_t *s)
{
    s->rows = NULL;
    s->n = 0;
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
    s->rows = NULL;
    s->n = 0;
}

void camprows_move_campaign(model_campaign_t *dst, model_campaign_t *src)
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

camp_row_t *camprows_find(const camprows_t *s, const char *key)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->rows[i]->key, key) == 0)
            return s->rows[i];
    return NULL;
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
    return true;
}

bool camprows_update_one(camprows_t *s, int source, model_campaign_t *c, double now,
                      time_t wall)
{
    camp_row_t *r = row_new(source, c, wall);
    if (!r)
        return false;
    for (size_t i = 0; i < s->n; i++) {
        if (strcmp(s->rows[i]->key, r->key) == 0) {
            carry_mark(r, s->rows[i], now);
            if (r->m.counts_known)
                r->counts_at = now;
            else
                carry_counts(r, s->rows[i], now);
            row_free(s->rows[i]);
            s->rows[i] = r;
            return true;
        }
    }
    row_free(r);
    return false;
}
