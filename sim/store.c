/* In-memory campaigns and contacts; see store.h. */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "rng.h"

void store_init(store_t *s, uint64_t seed)
{
    memset(s, 0, sizeof *s);
    s->seed = seed;
    for (int d = 0; d < SIM_DIALECT_COUNT; d++)
        s->next_num[d] = sim_dialect((sim_dialect_t)d)->first_num;
}

store_list_t *store_list(store_t *s, provider_t p)
{
    sim_dialect_t d;
    return sim_dialect_of(p, &d) ? &s->by_dialect[d] : NULL;
}

static void contact_free(store_contact_t *k)
{
    free(k->phone);
    free(k->first_name);
    free(k->last_name);
    free(k->email);
    free(k->user_identifier);
    for (size_t i = 0; i < k->nvars; i++) {
        free(k->vars[i].key);
        free(k->vars[i].value);
    }
    free(k->vars);
}

static void store_campaign_free(store_campaign_t *c)
{
    if (!c)
        return;
    free(c->name);
    free(c->failed_reason);
    free(c->agent_id);
    free(c->description);
    free(c->app_config);
    free(c->webhook_url);
    for (size_t i = 0; i < c->ncohorts; i++) {
        free(c->cohorts[i].cohort_id);
        free(c->cohorts[i].name);
    }
    free(c->cohorts);
    for (size_t i = 0; i < c->ncontacts; i++)
        contact_free(&c->contacts[i]);
    free(c->contacts);
    free(c->calls);
    free(c->marked_contacts);
    free(c);
}

void store_free(store_t *s)
{
    for (int d = 0; d < SIM_DIALECT_COUNT; d++) {
        for (size_t i = 0; i < s->by_dialect[d].n; i++)
            store_campaign_free(s->by_dialect[d].items[i]);
        free(s->by_dialect[d].items);
        free(s->by_dialect[d].slots);
    }
    memset(s, 0, sizeof *s);
}

store_campaign_t *store_campaign_new(store_t *s, provider_t p, int64_t now)
{
    store_list_t *l = store_list(s, p);
    if (!l)
        return NULL;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        store_campaign_t **items = realloc(l->items, cap * sizeof *items);
        if (!items)
            return NULL;
        l->items = items;
        l->cap = cap;
    }
    store_campaign_t *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    sim_dialect_t d = (sim_dialect_t)(l - s->by_dialect);
    c->provider = p;
    c->num = s->next_num[d]++;
    /* the id's look is the dialect's ("314", "batch_1a2b3c4d") */
    sim_dialect(d)->campaign_id(c->id, sizeof c->id, c->num, s->seed);
    uint64_t h = rng_mix64((uint64_t)c->num ^ s->seed);
    c->state = CAMPAIGN_PENDING;
    c->concurrency = 1;
    c->created_at = c->updated_at = now;
    c->rng = rng_mix64(h + (uint64_t)p + 1) | 1;
    c->pos = now;
    snprintf(c->timezone, sizeof c->timezone, "UTC");
    c->tracked = s->tracked;
    store_mark_campaign(c);
    l->items[l->n++] = c;
    return c;
}

/* --- the index by id ------------------------------------------------------- */

/* FNV-1a: ids are short and already spread ("314", "batch_1a2b3c4d"). */
static size_t id_hash(const char *id)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *id; id++)
        h = (h ^ (unsigned char)*id) * 0x100000001b3ULL;
    return (size_t)(h ^ (h >> 32));
}

/* Puts c in its slot; a campaign already there under the same id is
 * replaced, so the newest one wins as it did in the linear search. */
static void index_put(store_list_t *l, store_campaign_t *c)
{
    size_t mask = l->nslots - 1;
    for (size_t i = id_hash(c->id) & mask;; i = (i + 1) & mask) {
        if (!l->slots[i] || strcmp(l->slots[i]->id, c->id) == 0) {
            l->slots[i] = c;
            return;
        }
    }
}

/* Takes items[indexed .. n) in, growing the table to keep it at most half
 * full (short probe runs). false on OOM: find then falls back to a walk. */
static bool index_catch_up(store_list_t *l)
{
    if (l->indexed == l->n)
        return true;
    if (l->n * 2 > l->nslots) {
        size_t nslots = l->nslots ? l->nslots : 64;
        while (l->n * 2 > nslots)
            nslots *= 2;
        store_campaign_t **slots = calloc(nslots, sizeof *slots);
        if (!slots)
            return false;
        free(l->slots);
        l->slots = slots;
        l->nslots = nslots;
        l->indexed = 0;
    }
    for (; l->indexed < l->n; l->indexed++)
        index_put(l, l->items[l->indexed]);
    return true;
}

void store_campaign_discard_last(store_t *s, provider_t p)
{
    store_list_t *l = store_list(s, p);
    if (!l || l->n == 0)
        return;
    /* A create that fails is discarded before anything looks it up, so it
     * is rarely in the index; when it is, the index is rebuilt at the next
     * find rather than deleted from (a same-id older campaign would have
     * to come back into its slot). */
    if (l->indexed == l->n && l->nslots) {
        memset(l->slots, 0, l->nslots * sizeof *l->slots);
        l->indexed = 0;
    }
    store_campaign_free(l->items[--l->n]);
    s->next_num[l - s->by_dialect]--;
}

store_campaign_t *store_campaign_find(store_t *s, provider_t p, const char *id)
{
    store_list_t *l = store_list(s, p);
    if (!l)
        return NULL;
    if (!index_catch_up(l)) {
        for (size_t i = l->n; i-- > 0;)
            if (strcmp(l->items[i]->id, id) == 0)
                return l->items[i];
        return NULL;
    }
    if (!l->nslots)
        return NULL;
    size_t mask = l->nslots - 1;
    for (size_t i = id_hash(id) & mask; l->slots[i]; i = (i + 1) & mask)
        if (strcmp(l->slots[i]->id, id) == 0)
            return l->slots[i];
    return NULL;
}

store_contact_t *store_contact_add(store_campaign_t *c, const char *phone)
{
    if (c->ncontacts == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        store_contact_t *k = realloc(c->contacts, cap * sizeof *k);
        if (!k)
            return NULL;
        c->contacts = k;
        c->cap = cap;
    }
    store_contact_t *k = &c->contacts[c->ncontacts];
    memset(k, 0, sizeof *k);
    k->phone = strdup(phone);
    if (!k->phone)
        return NULL;
    k->state = CONTACT_PENDING;
    c->ncontacts++;
    c->counts[CONTACT_PENDING]++;
    store_mark_contact(c, k);
    return k;
}

bool store_contact_add_var(store_contact_t *k, const char *key, const char *value)
{
    store_var_t *v = realloc(k->vars, (k->nvars + 1) * sizeof *v);
    if (!v)
        return false;
    k->vars = v;
    v[k->nvars].key = strdup(key);
    v[k->nvars].value = strdup(value);
    if (!v[k->nvars].key || !v[k->nvars].value) {
        free(v[k->nvars].key);
        free(v[k->nvars].value);
        return false;
    }
    k->nvars++;
    return true;
}

void store_contact_set_state(store_campaign_t *c, store_contact_t *k, contact_state_t st)
{
    c->counts[k->state]--;
    c->counts[st]++;
    k->state = st;
    store_mark_contact(c, k);
}

void store_contact_add_attempt(store_campaign_t *c, store_contact_t *k)
{
    c->contacts_called += k->attempts == 0;
    k->attempts++;
    c->attempts_total++;
}

/* The counters as the contacts say they should be. */
static void count_contacts(const store_campaign_t *c, long counts[CONTACT_STATE_COUNT],
                           long *attempts, long *called)
{
    memset(counts, 0, CONTACT_STATE_COUNT * sizeof *counts);
    *attempts = *called = 0;
    for (size_t i = 0; i < c->ncontacts; i++) {
        const store_contact_t *k = &c->contacts[i];
        counts[k->state]++;
        *attempts += k->attempts;
        *called += k->attempts > 0;
    }
}

void store_recount(store_t *s)
{
    for (int d = 0; d < SIM_DIALECT_COUNT; d++)
        for (size_t i = 0; i < s->by_dialect[d].n; i++) {
            store_campaign_t *c = s->by_dialect[d].items[i];
            count_contacts(c, c->counts, &c->attempts_total, &c->contacts_called);
        }
}

bool store_campaign_verify(const store_campaign_t *c, char *why, size_t whylen)
{
    long counts[CONTACT_STATE_COUNT], attempts, called;
    count_contacts(c, counts, &attempts, &called);
    for (int st = 0; st < CONTACT_STATE_COUNT; st++)
        if (counts[st] != c->counts[st]) {
            snprintf(why, whylen, "campaign %s: %ld contacts are %s, the counter says %ld", c->id,
                     counts[st], model_contact_state_name((contact_state_t)st), c->counts[st]);
            return false;
        }
    if (attempts != c->attempts_total) {
        snprintf(why, whylen, "campaign %s: the contacts made %ld attempts, the counter says %ld",
                 c->id, attempts, c->attempts_total);
        return false;
    }
    if (called != c->contacts_called) {
        snprintf(why, whylen, "campaign %s: %ld contacts were called, the counter says %ld", c->id,
                 called, c->contacts_called);
        return false;
    }
    return true;
}

bool store_set_str(char **dst, const char *src)
{
    char *copy = NULL;
    if (src && !(copy = strdup(src)))
        return false;
    free(*dst);
    *dst = copy;
    return true;
}

size_t store_total_campaigns(const store_t *s)
{
    size_t n = 0;
    for (int d = 0; d < SIM_DIALECT_COUNT; d++)
        n += s->by_dialect[d].n;
    return n;
}

bool store_campaign_set_app_config(store_campaign_t *c, char *text)
{
    cJSON *cfg = text ? cJSON_Parse(text) : NULL;
    const cJSON *wh = cJSON_GetObjectItemCaseSensitive(cfg, "webhook_config");
    const cJSON *url = cJSON_GetObjectItemCaseSensitive(wh, "url");
    bool ok = store_set_str(&c->webhook_url,
                            cJSON_IsString(url) && url->valuestring[0] ? url->valuestring : NULL);
    cJSON_Delete(cfg);
    if (!ok) {
        free(text);
        return false;
    }
    free(c->app_config);
    c->app_config = text;
    return true;
}
