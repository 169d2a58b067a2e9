/* In-memory campaigns and contacts; see store.h. */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

void store_init(store_t *s, uint64_t seed)
{
    memset(s, 0, sizeof *s);
    s->seed = seed;
    /* OmniDim ids look like the docs' (314); the others are hex. */
    s->next_num[PROVIDER_OMNIDIM] = 301;
    s->next_num[PROVIDER_TRUEDY] = 1;
    s->next_num[PROVIDER_SARVAM] = 1;
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

void store_campaign_free(store_campaign_t *c)
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
    for (int p = 0; p < PROVIDER_COUNT; p++) {
        for (size_t i = 0; i < s->by_provider[p].n; i++)
            store_campaign_free(s->by_provider[p].items[i]);
        free(s->by_provider[p].items);
    }
    memset(s, 0, sizeof *s);
}

/* Hex ids must look random but be reproducible: bijective mixes of the
 * sequence number and the seed, so two campaigns never collide. */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* Each step is a bijection on 32 bits, so ids never collide. */
static uint32_t mix32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

store_campaign_t *store_campaign_new(store_t *s, provider_t p, int64_t now)
{
    store_list_t *l = &s->by_provider[p];
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
    c->provider = p;
    c->num = s->next_num[p]++;
    uint64_t h = mix64((uint64_t)c->num ^ s->seed);
    switch (p) {
    case PROVIDER_OMNIDIM:
        snprintf(c->id, sizeof c->id, "%ld", c->num);
        break;
    case PROVIDER_TRUEDY:
        /* the low 32 bits are a bijection of num for a fixed seed */
        snprintf(c->id, sizeof c->id, "batch_%08x", (unsigned)mix32((uint32_t)c->num ^ (uint32_t)s->seed));
        break;
    default:
        snprintf(c->id, sizeof c->id, "cmp_%016llx", (unsigned long long)h);
        break;
    }
    c->state = CAMPAIGN_PENDING;
    c->concurrency = 1;
    c->created_at = c->updated_at = now;
    c->rng = mix64(h + (uint64_t)p + 1) | 1;
    c->pos = now;
    snprintf(c->timezone, sizeof c->timezone, "UTC");
    c->tracked = s->tracked;
    store_mark_campaign(c);
    l->items[l->n++] = c;
    return c;
}

void store_campaign_discard_last(store_t *s, provider_t p)
{
    store_list_t *l = &s->by_provider[p];
    if (l->n == 0)
        return;
    store_campaign_free(l->items[--l->n]);
    s->next_num[p]--;
}

store_campaign_t *store_campaign_find(const store_t *s, provider_t p, const char *id)
{
    const store_list_t *l = &s->by_provider[p];
    for (size_t i = l->n; i-- > 0;)
        if (strcmp(l->items[i]->id, id) == 0)
            return l->items[i];
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
    for (int p = 0; p < PROVIDER_COUNT; p++)
        n += s->by_provider[p].n;
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
