/* The campaign census control endpoint; see census.h. */
#include "census.h"

#include <stdlib.h>
#include <string.h>

#include "reply.h"
#include "wire.h"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static long distinct_phones(const store_campaign_t *c)
{
    if (c->ncontacts == 0)
        return 0;
    const char **v = malloc(c->ncontacts * sizeof *v);
    if (!v)
        return -1;
    for (size_t i = 0; i < c->ncontacts; i++)
        v[i] = c->contacts[i].phone;
    qsort(v, c->ncontacts, sizeof *v, cmp_str);
    long n = 1;
    for (size_t i = 1; i < c->ncontacts; i++)
        n += strcmp(v[i - 1], v[i]) != 0;
    free(v);
    return n;
}

bool census_handle(sim_ctx_t *ctx, const char *rest)
{
    reply_path_t p;
    reply_path_split(&p, rest);
    if (p.n != 4 || strcmp(p.seg[0], "campaigns") != 0 || strcmp(p.seg[3], "census") != 0)
        return false;
    ctx->route = "sim.census";
    provider_t prov;
    store_campaign_t *c = NULL;
    if (model_provider_from_name(p.seg[1], &prov))
        c = store_campaign_find(&ctx->sim->store, prov, p.seg[2]);
    if (!c) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddStringToObject(root, "error", "no such campaign");
        reply_json(ctx, 404, root);
        return true;
    }
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "id", c->id);
    cJSON_AddStringToObject(root, "status", wire_campaign_status(prov, c->state));
    cJSON_AddNumberToObject(root, "contacts", (double)c->ncontacts);
    cJSON_AddNumberToObject(root, "distinct_phones", (double)distinct_phones(c));
    cJSON_AddNumberToObject(root, "calls_dialed", (double)c->attempts_total);
    reply_json(ctx, 200, root);
    return true;
}
