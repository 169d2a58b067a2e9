/* The version-1 JSON state document; see simstate_v1.h. */
#include "simstate_v1.h"

#include <inttypes.h>
#include <stdio.h>

#include "persist.h"

cJSON *simstate_v1_json(const store_t *s, int64_t sim_now)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", PERSIST_JSON_FORMAT);
    cJSON_AddNumberToObject(root, "version", PERSIST_JSON_VERSION);
    cJSON_AddNumberToObject(root, "sim_now", (double)sim_now);
    /* 64 bits do not survive a JSON number (a double): hex, as the
     * loader reads it */
    char seed[24];
    snprintf(seed, sizeof seed, "%016" PRIx64, s->seed);
    cJSON_AddStringToObject(root, "seed", seed);
    cJSON *nn = cJSON_AddArrayToObject(root, "next_num");
    for (int d = 0; d < SIM_DIALECT_COUNT; d++)
        cJSON_AddItemToArray(nn, cJSON_CreateNumber((double)s->next_num[d]));
    cJSON *list = cJSON_AddArrayToObject(root, "campaigns");
    for (int d = 0; d < SIM_DIALECT_COUNT; d++)
        for (size_t i = 0; i < s->by_dialect[d].n; i++)
            cJSON_AddItemToArray(list, persist_campaign_json(s->by_dialect[d].items[i], true));
    return root;
}
