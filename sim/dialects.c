/* The sim's list of dialects; see dialects.h. */
#include "dialects.h"

#include <string.h>

#include "sim_internal.h"

bool sim_path_under(const char *path, const char *prefix, const char **rest)
{
    size_t n = strlen(prefix);
    if (strncmp(path, prefix, n) != 0 || (path[n] != '\0' && path[n] != '/'))
        return false;
    *rest = path + n;
    return true;
}

/* Indexed by the state file's numbers; each description is in its
 * dialect's file. */
static const sim_dialect_desc_t *const dialects[SIM_DIALECT_COUNT] = {
    [SIM_OMNIDIM] = &sim_omnidim_dialect,
    [SIM_TRUEDY] = &sim_truedy_dialect,
    [SIM_SARVAM] = &sim_sarvam_dialect,
};

const sim_dialect_desc_t *sim_dialect(sim_dialect_t d)
{
    return (int)d >= 0 && d < SIM_DIALECT_COUNT ? dialects[d] : NULL;
}

bool sim_dialect_of(provider_t p, sim_dialect_t *out)
{
    for (int d = 0; d < SIM_DIALECT_COUNT; d++) {
        if (dialects[d]->provider == p) {
            *out = (sim_dialect_t)d;
            return true;
        }
    }
    return false;
}

const sim_dialect_desc_t *sim_dialect_for(provider_t p)
{
    sim_dialect_t d;
    return dialects[sim_dialect_of(p, &d) ? d : 0];
}

const sim_dialect_desc_t *sim_dialect_route(const char *path, const char **rest)
{
    for (int d = 0; d < SIM_DIALECT_COUNT; d++)
        if (dialects[d]->route(path, rest))
            return dialects[d];
    *rest = NULL;
    return NULL;
}

void sim_dialect_names(char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int d = 0; d < SIM_DIALECT_COUNT && used < n; d++) {
        const char *sep = d == 0 ? "" : d == SIM_DIALECT_COUNT - 1 ? " or " : ", ";
        int w = snprintf(buf + used, n - used, "%s%s", sep, model_provider_name(dialects[d]->provider));
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

int sim_dialects_unserved(FILE *out)
{
    int n = 0;
    sim_dialect_t d;
    for (int p = 0; p < PROVIDER_COUNT; p++) {
        if (sim_dialect_of((provider_t)p, &d))
            continue;
        fprintf(out, "dialtop-sim: %s (%s) has no dialect in this simulator; its requests are not served\n",
                model_provider_label((provider_t)p), model_provider_name((provider_t)p));
        n++;
    }
    return n;
}
