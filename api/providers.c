/* The provider registry: every description, in providers/list.h order,
 * looked up by id or by name. */
#include "provider.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define PROVIDER_ITEM(ID, file) extern const provider_desc_t provider_##file;
#include "providers/list.h"
#undef PROVIDER_ITEM

static const provider_desc_t *const registry[PROVIDER_COUNT] = {
#define PROVIDER_ITEM(ID, file) [PROVIDER_##ID] = &provider_##file,
#include "providers/list.h"
#undef PROVIDER_ITEM
};

const provider_desc_t *provider_get(provider_t p)
{
    return (unsigned)p < PROVIDER_COUNT ? registry[p] : NULL;
}

const provider_desc_t *provider_by_name(const char *name)
{
    if (!name)
        return NULL;
    for (int p = 0; p < PROVIDER_COUNT; p++)
        if (strcasecmp(name, registry[p]->name) == 0 || strcasecmp(name, registry[p]->label) == 0)
            return registry[p];
    return NULL;
}

/* Built once from the registry so a new provider is listed without
 * anyone editing a message. */
const char *provider_names_text(void)
{
    static char text[256];
    if (text[0])
        return text;
    size_t used = 0;
    for (int p = 0; p < PROVIDER_COUNT && used < sizeof text; p++) {
        const char *sep = p == 0 ? "" : p == PROVIDER_COUNT - 1 ? " or " : ", ";
        int n = snprintf(text + used, sizeof text - used, "%s%s", sep, registry[p]->name);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    return text;
}
