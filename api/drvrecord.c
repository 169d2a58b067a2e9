/* Field-map record parsing shared by the drivers. */
#include "drvrecord.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drvutil.h"
#include "jsonget.h"

/* A number too big for the model's int reads as unknown, like a missing one. */
static int to_int(long v)
{
    return v < INT_MIN || v > INT_MAX ? -1 : (int)v;
}

/* A key the map leaves NULL needs no test below: jget() answers NULL for
 * it, so every getter returns its "absent" value. */
bool drv_parse_campaign(provider_t p, const drv_campaign_fields_t *f, const cJSON *rec,
                        size_t index, model_campaign_t *c, api_error_t *err)
{
    model_campaign_init(c);
    c->provider = p;
    char what[96];
    if (!cJSON_IsObject(rec)) {
        snprintf(what, sizeof what, "%s record %zu is not an object", f->noun, index + 1);
        return drv_shape_error(p, err, what);
    }
    c->id = jget_id(rec, f->id);
    if (!c->id) {
        model_campaign_free(c);
        snprintf(what, sizeof what, "%s record %zu has no %s", f->noun, index + 1, f->id);
        return drv_shape_error(p, err, what);
    }
    c->name = jget_str(rec, f->name);
    drv_set_campaign_state(c, p, jget_str(rec, f->status));
    c->total_contacts = jget_count(rec, f->total, -1);
    c->completed_contacts = jget_count(rec, f->completed, -1);
    c->scheduled_at = jget_str(rec, f->scheduled_at);
    c->timezone = jget_str(rec, f->timezone);
    /* the model converts, by the provider's start_clock: drivers keep the
     * text and the zone as sent */
    c->scheduled_epoch = model_start_epoch(p, c->scheduled_at, c->timezone);
    c->created_at = jget_str(rec, f->created_at);
    c->created_epoch = jtime_parse(c->created_at);
    c->concurrency = to_int(jget_long(rec, f->concurrency, -1));
    c->retry_limit = to_int(jget_long(rec, f->retry_limit, -1));
    c->failure_reason = jget_str(rec, f->failure);
    if (f->extra)
        f->extra(rec, c);
    c->raw_json = jprint(rec);
    if (!c->raw_json) {
        model_campaign_free(c);
        return api_error_set(err, API_ERR_PARSE, 0, "out of memory reading a %s", f->noun);
    }
    return true;
}

static bool add_named_vars(model_contact_t *c, const cJSON *rec, const char *const *named)
{
    bool ok = true;
    for (size_t i = 0; ok && named && named[i]; i++) {
        char *v = jget_str(rec, named[i]);
        if (v)
            ok = model_contact_add_var(c, named[i], v);
        free(v);
    }
    return ok;
}

static bool drv_parse_contact(provider_t p, const drv_contact_fields_t *f, const cJSON *rec,
                              size_t index, model_contact_t *c, api_error_t *err)
{
    model_contact_init(c);
    char what[96];
    if (!cJSON_IsObject(rec)) {
        snprintf(what, sizeof what, "%s row %zu is not an object", f->noun, index + 1);
        return drv_shape_error(p, err, what);
    }
    c->phone = jget_str(rec, f->phone);
    c->id = jget_id(rec, f->id);
    if (!c->id && f->id_alt)
        c->id = jget_id(rec, f->id_alt);
    if (!c->id && c->phone)
        c->id = strdup(c->phone);
    if (!c->id) {
        model_contact_free(c);
        snprintf(what, sizeof what, "%s row %zu has neither id nor number", f->noun, index + 1);
        return drv_shape_error(p, err, what);
    }
    if (f->read_state) {
        f->read_state(rec, c);
    } else {
        c->raw_state = jget_str(rec, f->status);
        c->state = c->raw_state ? model_contact_state_from_raw(p, c->raw_state) : CONTACT_UNKNOWN;
    }
    c->attempts = to_int(jget_long(rec, f->attempts, -1));
    c->last_attempt = jget_time(rec, f->last_attempt);
    c->duration_s = to_int(jget_long(rec, f->duration, -1));
    c->failure_reason = jget_str(rec, f->failure);
    c->raw_json = jprint(rec);
    bool ok = c->raw_json && add_named_vars(c, rec, f->named_vars) &&
              drv_add_vars(c, jget_object(rec, f->vars_object), f->named_vars);
    if (!ok) {
        model_contact_free(c);
        return api_error_set(err, API_ERR_PARSE, 0, "out of memory reading %s", f->nouns);
    }
    return true;
}

static long e_status(const api_error_t *err)
{
    return err ? err->http_status : 0;
}

/* One loop for both kinds of page: `parse` reads element i into `item`. */
typedef bool (*record_fn)(provider_t p, const void *fields, const cJSON *rec, size_t index,
                          void *item, api_error_t *err);

static bool campaign_record(provider_t p, const void *fields, const cJSON *rec, size_t index,
                            void *item, api_error_t *err)
{
    return drv_parse_campaign(p, fields, rec, index, item, err);
}

static bool contact_record(provider_t p, const void *fields, const cJSON *rec, size_t index,
                           void *item, api_error_t *err)
{
    return drv_parse_contact(p, fields, rec, index, item, err);
}

/* Fills *items / *n. One unusable record (no id, not an object) is left
 * out and counted in *skipped, with the first reason in `note`: it must
 * not empty the whole page (a page with no usable record at all fails). Out of memory fails the page, with the
 * records read so far left in place for the caller's typed free. */
static bool parse_records(provider_t p, const void *fields, const char *nouns,
                          const cJSON *records, size_t size, record_fn parse, void **items,
                          size_t *n, size_t *skipped, char *note, size_t note_len,
                          api_error_t *err)
{
    size_t count = (size_t)cJSON_GetArraySize(records);
    *items = count ? calloc(count, size) : NULL;
    *n = 0;
    *skipped = 0;
    note[0] = '\0';
    if (count && !*items)
        return api_error_set(err, API_ERR_PARSE, 0, "out of memory reading %s", nouns);
    const cJSON *rec;
    size_t index = 0;
    cJSON_ArrayForEach(rec, records)
    {
        api_error_t e;
        api_error_clear(&e);
        e.http_status = err ? err->http_status : 0;
        if (parse(p, fields, rec, index++, (char *)*items + *n * size, &e)) {
            (*n)++;
            continue;
        }
        if (strncmp(e.message, "out of memory", 13) == 0) {
            if (err)
                *err = e;
            return false;
        }
        /* the slot was freed by the parser and is reused by the next one */
        if ((*skipped)++ == 0)
            snprintf(note, note_len, "%s", e.message);
    }
    if (*n == 0 && *skipped > 0) {
        /* Nothing usable at all: the reply is not what it seems to be. */
        api_error_set(err, API_ERR_PARSE, e_status(err), "%s", note);
        return false;
    }
    return true;
}

bool drv_parse_campaign_list(provider_t p, const drv_campaign_fields_t *f,
                             const cJSON *records, api_campaign_page_t *out, api_error_t *err)
{
    void *items = NULL;
    bool ok = parse_records(p, f, f->nouns, records, sizeof *out->items, campaign_record,
                            &items, &out->n, &out->skipped, out->skip_note,
                            sizeof out->skip_note, err);
    out->items = items;
    if (!ok)
        api_campaign_page_free(out);
    return ok;
}

bool drv_parse_contact_list(provider_t p, const drv_contact_fields_t *f, const cJSON *records,
                            api_contact_page_t *out, api_error_t *err)
{
    void *items = NULL;
    bool ok = parse_records(p, f, f->nouns, records, sizeof *out->items, contact_record, &items,
                            &out->n, &out->skipped, out->skip_note, sizeof out->skip_note, err);
    out->items = items;
    if (!ok)
        api_contact_page_free(out);
    return ok;
}

int drv_page_limit(const api_page_t *page, int dflt, int max)
{
    int limit = page ? page->limit : 0;
    if (limit <= 0)
        return dflt;
    return limit > max ? max : limit;
}

long drv_page_offset(const api_page_t *page)
{
    return page && page->offset > 0 ? page->offset : 0;
}

void drv_next_offset(const api_page_t *page, int limit, size_t n, long total, int more,
                     api_page_t *next)
{
    long offset = drv_page_offset(page);
    api_page_first(next, page ? page->limit : 0);
    next->offset = offset + (long)n;
    if (more >= 0)
        next->end = !more || n == 0;
    else if (total >= 0)
        next->end = next->offset >= total || n == 0;
    else
        next->end = n < (size_t)limit;
}

bool drv_read_created(provider_t p, const cJSON *obj, const char *id_key,
                      const char *status_key, const char *no_id, api_created_t *out,
                      api_error_t *err)
{
    char *id = jget_id(obj, id_key);
    if (!id)
        return drv_shape_error(p, err, no_id);
    snprintf(out->id, sizeof out->id, "%s", id);
    free(id);
    char *st = jget_str(obj, status_key);
    out->state = st ? model_campaign_state_from_raw(p, st) : CAMPAIGN_UNKNOWN;
    snprintf(out->raw_state, sizeof out->raw_state, "%s", st ? st : "");
    free(st);
    return true;
}
