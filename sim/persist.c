/* The state's JSON form; see persist.h.
 *
 * The old --state format (version 1, now only read to migrate it): one
 * JSON object {"format":"dialtop-sim-state","version":1, "sim_now",
 * "seed", "next_num":[one per dialect, dialects.h's order],
 * "campaigns":[...]}. Contacts use short keys because a demo store holds
 * tens of thousands of them. 64-bit generator states are hex strings:
 * JSON numbers are doubles. */
#include "persist.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dialer.h"
#include "simtime.h"

static void add_u64(cJSON *o, const char *key, uint64_t v)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%016" PRIx64, v);
    cJSON_AddStringToObject(o, key, buf);
}

static void add_str(cJSON *o, const char *key, const char *s)
{
    if (s)
        cJSON_AddStringToObject(o, key, s);
}

cJSON *persist_contact_json(const store_contact_t *k)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "p", k->phone);
    add_str(o, "fn", k->first_name);
    add_str(o, "ln", k->last_name);
    add_str(o, "em", k->email);
    add_str(o, "ui", k->user_identifier);
    if (k->nvars) {
        cJSON *v = cJSON_AddArrayToObject(o, "v");
        for (size_t i = 0; i < k->nvars; i++) {
            cJSON *pair = cJSON_CreateArray();
            cJSON_AddItemToArray(pair, cJSON_CreateString(k->vars[i].key));
            cJSON_AddItemToArray(pair, cJSON_CreateString(k->vars[i].value));
            cJSON_AddItemToArray(v, pair);
        }
    }
    cJSON_AddStringToObject(o, "s", model_contact_state_name(k->state));
    if (k->state == CONTACT_IN_PROGRESS || k->state == CONTACT_RETRY_SCHEDULED)
        cJSON_AddStringToObject(o, "o", model_contact_state_name(k->outcome));
    if (k->attempts) {
        cJSON_AddNumberToObject(o, "a", k->attempts);
        cJSON_AddNumberToObject(o, "d", k->duration_s);
        cJSON_AddNumberToObject(o, "la", (double)k->last_attempt);
        cJSON_AddNumberToObject(o, "cs", k->call_seq);
    }
    if (k->state == CONTACT_IN_PROGRESS)
        cJSON_AddNumberToObject(o, "ce", (double)k->call_end);
    if (k->state == CONTACT_RETRY_SCHEDULED)
        cJSON_AddNumberToObject(o, "nt", (double)k->next_try);
    add_str(o, "fr", k->failure_reason);
    return o;
}

cJSON *persist_campaign_json(const store_campaign_t *c, bool with_contacts)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "provider", model_provider_name(c->provider));
    cJSON_AddNumberToObject(o, "num", (double)c->num);
    cJSON_AddStringToObject(o, "id", c->id);
    cJSON_AddStringToObject(o, "name", c->name ? c->name : "");
    cJSON_AddStringToObject(o, "state", model_campaign_state_name(c->state));
    cJSON_AddBoolToObject(o, "is_scheduled", c->is_scheduled);
    cJSON_AddNumberToObject(o, "start_at", (double)c->start_at);
    cJSON_AddNumberToObject(o, "end_at", (double)c->end_at);
    cJSON_AddStringToObject(o, "timezone", c->timezone);
    cJSON_AddNumberToObject(o, "concurrency", c->concurrency);
    cJSON_AddNumberToObject(o, "retry_limit", c->retry_limit);
    cJSON_AddNumberToObject(o, "retry_schedule", c->retry_schedule);
    cJSON_AddNumberToObject(o, "retry_days", c->retry_days);
    cJSON_AddNumberToObject(o, "retry_hours", c->retry_hours);
    cJSON_AddNumberToObject(o, "created_at", (double)c->created_at);
    cJSON_AddNumberToObject(o, "updated_at", (double)c->updated_at);
    cJSON_AddNumberToObject(o, "paused_at", (double)c->paused_at);
    cJSON_AddNumberToObject(o, "resumed_at", (double)c->resumed_at);
    add_str(o, "failed_reason", c->failed_reason);
    cJSON_AddStringToObject(o, "window_start", c->window_start);
    cJSON_AddStringToObject(o, "window_end", c->window_end);
    cJSON_AddNumberToObject(o, "window_days", c->window_days);
    cJSON_AddNumberToObject(o, "max_calls_per_day", c->max_calls_per_day);
    cJSON_AddNumberToObject(o, "day_start", (double)c->day_start);
    cJSON_AddNumberToObject(o, "calls_today", c->calls_today);
    add_str(o, "agent_id", c->agent_id);
    add_str(o, "description", c->description);
    add_str(o, "app_config", c->app_config);
    add_u64(o, "rng", c->rng);
    cJSON_AddNumberToObject(o, "pos", (double)c->pos);
    cJSON_AddNumberToObject(o, "call_seq", c->call_seq);
    cJSON *cohorts = cJSON_AddArrayToObject(o, "cohorts");
    for (size_t i = 0; i < c->ncohorts; i++) {
        const store_cohort_t *h = &c->cohorts[i];
        cJSON *co = cJSON_CreateObject();
        cJSON_AddStringToObject(co, "id", h->cohort_id);
        cJSON_AddStringToObject(co, "name", h->name);
        cJSON_AddNumberToObject(co, "created_at", (double)h->created_at);
        cJSON_AddNumberToObject(co, "total", (double)h->total);
        cJSON_AddNumberToObject(co, "valid", (double)h->valid);
        cJSON_AddNumberToObject(co, "rejected", (double)h->rejected);
        cJSON_AddItemToArray(cohorts, co);
    }
    if (!with_contacts)
        return o;
    cJSON *contacts = cJSON_AddArrayToObject(o, "contacts");
    for (size_t i = 0; i < c->ncontacts; i++)
        cJSON_AddItemToArray(contacts, persist_contact_json(&c->contacts[i]));
    return o;
}

void persist_fsync_dir(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return;
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(copy);
}

/* --- load -------------------------------------------------------------------- */

typedef persist_loader_t loader_t;

static bool fail(loader_t *L, const char *what)
{
    if (!L->failed)
        snprintf(L->err, L->errlen, "state file %s is corrupt (%s); refusing to start, the file was left untouched",
                 L->path, what);
    L->failed = true;
    return false;
}

static bool get_num(loader_t *L, const cJSON *o, const char *key, double min, double max, double *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsNumber(v) || v->valuedouble < min || v->valuedouble > max)
        return fail(L, key);
    *out = v->valuedouble;
    return true;
}

static bool get_i64(loader_t *L, const cJSON *o, const char *key, int64_t *out)
{
    double d;
    if (!get_num(L, o, key, -1e15, 1e15, &d))
        return false;
    *out = (int64_t)d;
    return true;
}

static bool get_int(loader_t *L, const cJSON *o, const char *key, int min, int max, int *out)
{
    double d;
    if (!get_num(L, o, key, min, max, &d))
        return false;
    *out = (int)d;
    return true;
}

/* Optional string: absent is NULL; present must be a string. */
static bool get_opt_str(loader_t *L, const cJSON *o, const char *key, char **out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v)
        return true;
    if (!cJSON_IsString(v))
        return fail(L, key);
    return store_set_str(out, v->valuestring) || fail(L, "out of memory");
}

static bool get_buf(loader_t *L, const cJSON *o, const char *key, char *out, size_t len)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsString(v) || strlen(v->valuestring) >= len)
        return fail(L, key);
    memcpy(out, v->valuestring, strlen(v->valuestring) + 1);
    return true;
}

/* The campaign settings were added over time: a state file written before
 * one existed loads with that setting off (absent = default; present must
 * still be valid). */
static bool get_int_opt(loader_t *L, const cJSON *o, const char *key, int min, int max, int *out)
{
    if (!cJSON_GetObjectItemCaseSensitive(o, key)) {
        *out = 0;
        return true;
    }
    return get_int(L, o, key, min, max, out);
}

static bool get_i64_opt(loader_t *L, const cJSON *o, const char *key, int64_t *out)
{
    if (!cJSON_GetObjectItemCaseSensitive(o, key)) {
        *out = 0;
        return true;
    }
    return get_i64(L, o, key, out);
}

static bool get_buf_opt(loader_t *L, const cJSON *o, const char *key, char *out, size_t len)
{
    if (!cJSON_GetObjectItemCaseSensitive(o, key)) {
        out[0] = '\0';
        return true;
    }
    return get_buf(L, o, key, out, len);
}

static bool get_u64(loader_t *L, const cJSON *o, const char *key, uint64_t *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    char *end;
    if (!cJSON_IsString(v) || !*v->valuestring)
        return fail(L, key);
    *out = strtoull(v->valuestring, &end, 16);
    return *end == '\0' || fail(L, key);
}

static bool contact_state(const char *name, contact_state_t *out)
{
    for (int i = 1; i < CONTACT_STATE_COUNT; i++) {
        if (name && strcmp(name, model_contact_state_name((contact_state_t)i)) == 0) {
            *out = (contact_state_t)i;
            return true;
        }
    }
    return false;
}

bool persist_load_contact(loader_t *L, store_campaign_t *c, const cJSON *o)
{
    const cJSON *phone = cJSON_GetObjectItemCaseSensitive(o, "p");
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(o, "s");
    const cJSON *out = cJSON_GetObjectItemCaseSensitive(o, "o");
    const cJSON *fr = cJSON_GetObjectItemCaseSensitive(o, "fr");
    contact_state_t s, oc = CONTACT_UNKNOWN;
    if (!cJSON_IsObject(o) || !cJSON_IsString(phone))
        return fail(L, "contact phone");
    if (!cJSON_IsString(st) || !contact_state(st->valuestring, &s))
        return fail(L, "contact state");
    if (out && (!cJSON_IsString(out) || !contact_state(out->valuestring, &oc)))
        return fail(L, "contact outcome");
    if (fr && !cJSON_IsString(fr))
        return fail(L, "contact failure reason");
    store_contact_t *k = store_contact_add(c, phone->valuestring);
    if (!k)
        return fail(L, "out of memory");
    if (!get_opt_str(L, o, "fn", &k->first_name) || !get_opt_str(L, o, "ln", &k->last_name) ||
        !get_opt_str(L, o, "em", &k->email) || !get_opt_str(L, o, "ui", &k->user_identifier))
        return false;
    const cJSON *vars = cJSON_GetObjectItemCaseSensitive(o, "v"), *pair;
    if (vars && !cJSON_IsArray(vars))
        return fail(L, "contact variables");
    cJSON_ArrayForEach(pair, vars)
    {
        const cJSON *key = cJSON_GetArrayItem(pair, 0), *val = cJSON_GetArrayItem(pair, 1);
        if (!cJSON_IsString(key) || !cJSON_IsString(val))
            return fail(L, "contact variable");
        if (!store_contact_add_var(k, key->valuestring, val->valuestring))
            return fail(L, "out of memory");
    }
    if (cJSON_GetObjectItemCaseSensitive(o, "a")) {
        int64_t la, cs;
        if (!get_int(L, o, "a", 0, 1000, &k->attempts) || !get_int(L, o, "d", 0, 1 << 30, &k->duration_s) ||
            !get_i64(L, o, "la", &la) || !get_i64(L, o, "cs", &cs))
            return false;
        k->last_attempt = la;
        k->call_seq = (uint32_t)cs;
    }
    if (s == CONTACT_IN_PROGRESS && !get_i64(L, o, "ce", &k->call_end))
        return false;
    if (s == CONTACT_RETRY_SCHEDULED && !get_i64(L, o, "nt", &k->next_try))
        return false;
    if ((s == CONTACT_IN_PROGRESS || s == CONTACT_RETRY_SCHEDULED) && oc == CONTACT_UNKNOWN)
        return fail(L, "contact outcome");
    k->outcome = oc;
    k->failure_reason = fr ? dialer_reason_intern(fr->valuestring) : NULL;
    store_contact_set_state(c, k, s);
    return true;
}

static bool load_campaign(loader_t *L, store_t *s, const cJSON *o, store_campaign_t **out)
{
    const cJSON *prov = cJSON_GetObjectItemCaseSensitive(o, "provider");
    const cJSON *state = cJSON_GetObjectItemCaseSensitive(o, "state");
    provider_t p;
    sim_dialect_t d;
    if (!cJSON_IsObject(o) || !cJSON_IsString(prov) || !model_provider_from_name(prov->valuestring, &p))
        return fail(L, "campaign provider");
    /* a provider dialtop knows but this sim does not speak */
    if (!sim_dialect_of(p, &d))
        return fail(L, "campaign of a provider this simulator does not speak");
    store_list_t *l = &s->by_dialect[d];
    long keep = s->next_num[d];
    store_campaign_t *c = store_campaign_new(s, p, 0);
    s->next_num[d] = keep;
    if (!c)
        return fail(L, "out of memory");
    double num;
    int sched = 0;
    campaign_state_t cs = CAMPAIGN_UNKNOWN;
    for (int i = 1; i < CAMPAIGN_STATE_COUNT && cJSON_IsString(state); i++)
        if (strcmp(state->valuestring, model_campaign_state_name((campaign_state_t)i)) == 0)
            cs = (campaign_state_t)i;
    if (cs == CAMPAIGN_UNKNOWN)
        return fail(L, "campaign state");
    c->state = cs;
    const cJSON *is_sched = cJSON_GetObjectItemCaseSensitive(o, "is_scheduled");
    if (!cJSON_IsBool(is_sched))
        return fail(L, "is_scheduled");
    c->is_scheduled = cJSON_IsTrue(is_sched);
    int days = 0;
    if (!get_num(L, o, "num", 1, 1e12, &num) || !get_buf(L, o, "id", c->id, sizeof c->id) ||
        !get_opt_str(L, o, "name", &c->name) || !c->name ||
        !get_i64(L, o, "start_at", &c->start_at) || !get_i64(L, o, "end_at", &c->end_at) ||
        !get_buf(L, o, "timezone", c->timezone, sizeof c->timezone) ||
        !get_int(L, o, "concurrency", 1, 1000, &c->concurrency) ||
        !get_int(L, o, "retry_limit", 0, 5, &c->retry_limit) ||
        !get_int_opt(L, o, "retry_schedule", RETRY_NONE, RETRY_SCHEDULED_TIME, &sched) ||
        !get_int_opt(L, o, "retry_days", 0, 100000, &c->retry_days) ||
        !get_int_opt(L, o, "retry_hours", 0, 1000000, &c->retry_hours) ||
        !get_i64(L, o, "created_at", &c->created_at) || !get_i64(L, o, "updated_at", &c->updated_at) ||
        !get_i64(L, o, "paused_at", &c->paused_at) || !get_i64(L, o, "resumed_at", &c->resumed_at) ||
        !get_opt_str(L, o, "failed_reason", &c->failed_reason) ||
        !get_buf_opt(L, o, "window_start", c->window_start, sizeof c->window_start) ||
        !get_buf_opt(L, o, "window_end", c->window_end, sizeof c->window_end) ||
        !get_int_opt(L, o, "window_days", 0, 255, &days) ||
        !get_int_opt(L, o, "max_calls_per_day", 0, 1 << 30, &c->max_calls_per_day) ||
        !get_i64_opt(L, o, "day_start", &c->day_start) ||
        !get_int_opt(L, o, "calls_today", 0, 1 << 30, &c->calls_today) ||
        !get_opt_str(L, o, "agent_id", &c->agent_id) || !get_opt_str(L, o, "description", &c->description) ||
        !get_opt_str(L, o, "app_config", &c->app_config) || !get_u64(L, o, "rng", &c->rng) ||
        !get_i64(L, o, "pos", &c->pos))
        return L->failed ? false : fail(L, "campaign name");
    char *cfg = c->app_config;
    c->app_config = NULL;
    if (!store_campaign_set_app_config(c, cfg))
        return fail(L, "app_config");
    c->num = (long)num;
    c->retry_schedule = (retry_schedule_t)sched;
    c->window_days = (unsigned)days;
    /* the dialer reads these as HH:MM without checking again */
    if ((c->window_start[0] && !simtime_hhmm_valid(c->window_start)) ||
        (c->window_end[0] && !simtime_hhmm_valid(c->window_end)))
        return fail(L, "window");
    double seq;
    if (!get_num(L, o, "call_seq", 0, 4294967295.0, &seq))
        return false;
    c->call_seq = (uint32_t)seq;
    for (size_t i = 0; i + 1 < l->n; i++)
        if (strcmp(l->items[i]->id, c->id) == 0)
            return fail(L, "duplicate campaign id");
    const cJSON *cohorts = cJSON_GetObjectItemCaseSensitive(o, "cohorts"), *h;
    const cJSON *contacts = cJSON_GetObjectItemCaseSensitive(o, "contacts"), *k;
    /* a database row carries no contacts: they are rows of their own */
    if (!cJSON_IsArray(cohorts) || (L->contacts_apart ? contacts != NULL : !cJSON_IsArray(contacts)))
        return fail(L, "campaign lists");
    cJSON_ArrayForEach(h, cohorts)
    {
        store_cohort_t *hs = realloc(c->cohorts, (c->ncohorts + 1) * sizeof *hs);
        if (!hs)
            return fail(L, "out of memory");
        c->cohorts = hs;
        store_cohort_t *x = &hs[c->ncohorts++];
        memset(x, 0, sizeof *x);
        int64_t t, v, r;
        if (!get_opt_str(L, h, "id", &x->cohort_id) || !get_opt_str(L, h, "name", &x->name) ||
            !x->cohort_id || !x->name || !get_i64(L, h, "created_at", &x->created_at) ||
            !get_i64(L, h, "total", &t) || !get_i64(L, h, "valid", &v) || !get_i64(L, h, "rejected", &r))
            return L->failed ? false : fail(L, "cohort");
        x->total = (long)t;
        x->valid = (long)v;
        x->rejected = (long)r;
    }
    cJSON_ArrayForEach(k, contacts) if (!persist_load_contact(L, c, k)) return false;
    c->next_event = 0;
    if (c->num >= s->next_num[d])
        s->next_num[d] = c->num + 1;
    *out = c;
    return true;
}

store_campaign_t *persist_load_campaign(loader_t *L, store_t *s, const cJSON *o)
{
    store_campaign_t *c = NULL;
    return load_campaign(L, s, o, &c) ? c : NULL;
}

int persist_load(const char *path, store_t *s, int64_t *sim_now, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return 0;
        snprintf(err, errlen, "cannot read state file %s: %s; refusing to start", path, strerror(errno));
        return -1;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 65536 > cap) {
            cap = cap ? cap * 2 : 1 << 20;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                snprintf(err, errlen, "state file %s: out of memory", path);
                return -1;
            }
            buf = nb;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    bool read_err = ferror(f);
    fclose(f);
    if (read_err) {
        free(buf);
        snprintf(err, errlen, "cannot read state file %s; refusing to start", path);
        return -1;
    }
    loader_t L = {err, errlen, path, false, false};
    cJSON *root = cJSON_ParseWithLength(buf, len);
    free(buf);
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "campaigns"), *c;
    const cJSON *nn = cJSON_GetObjectItemCaseSensitive(root, "next_num");
    double version;
    if (!root)
        fail(&L, "not valid JSON");
    else if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, PERSIST_JSON_FORMAT) != 0)
        fail(&L, "not a dialtop-sim state file");
    else if (!get_num(&L, root, "version", PERSIST_JSON_VERSION, PERSIST_JSON_VERSION, &version) ||
             !get_i64(&L, root, "sim_now", sim_now) || !get_u64(&L, root, "seed", &s->seed))
        ;
    else if (!cJSON_IsArray(list) || !cJSON_IsArray(nn) || cJSON_GetArraySize(nn) != SIM_DIALECT_COUNT)
        fail(&L, "campaign list");
    else {
        for (int d = 0; d < SIM_DIALECT_COUNT; d++) {
            const cJSON *v = cJSON_GetArrayItem(nn, d);
            if (!cJSON_IsNumber(v) || v->valuedouble < 1) {
                fail(&L, "next_num");
                break;
            }
            s->next_num[d] = (long)v->valuedouble;
        }
        if (!L.failed) {
            cJSON_ArrayForEach(c, list) if (!persist_load_campaign(&L, s, c)) break;
        }
    }
    cJSON_Delete(root);
    if (L.failed) {
        uint64_t seed = s->seed;
        store_free(s);
        store_init(s, seed);
        return -1;
    }
    return 1;
}
