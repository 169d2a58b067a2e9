/* The sim's list of dialects; see dialects.h. */
#include "dialects.h"

#include <string.h>

#include "sim_internal.h"

#define OMNIDIM_PREFIX "/api/v1"
#define TRUEDY_PREFIX "/api/public/v1"
#define SARVAM_PREFIX "/api/scheduling/v1/orgs/"

bool sim_path_under(const char *path, const char *prefix, const char **rest)
{
    size_t n = strlen(prefix);
    if (strncmp(path, prefix, n) != 0 || (path[n] != '\0' && path[n] != '/'))
        return false;
    *rest = path + n;
    return true;
}

static bool route_omnidim(const char *path, const char **rest)
{
    return sim_path_under(path, OMNIDIM_PREFIX, rest);
}

static bool route_truedy(const char *path, const char **rest)
{
    return sim_path_under(path, TRUEDY_PREFIX, rest);
}

/* "/api/scheduling/v1/orgs/{org}/workspaces/{ws}/rest": any org and ws.
 * Anything else under /api/scheduling/ is Sarvam's, malformed. */
static bool route_sarvam(const char *path, const char **rest)
{
    if (strncmp(path, "/api/scheduling/", 16) != 0)
        return false;
    *rest = NULL;
    size_t n = strlen(SARVAM_PREFIX);
    if (strncmp(path, SARVAM_PREFIX, n) != 0)
        return true;
    const char *p = path + n;
    size_t org = strcspn(p, "/");
    if (org == 0 || strncmp(p + org, "/workspaces/", 12) != 0)
        return true;
    p += org + 12;
    size_t ws = strcspn(p, "/");
    if (ws != 0)
        *rest = p + ws;
    return true;
}

static const sim_dialect_desc_t dialects[SIM_DIALECT_COUNT] = {
    /* OmniDim ids look like the docs' (314); the others are hex. */
    [SIM_OMNIDIM] = {SIM_OMNIDIM, PROVIDER_OMNIDIM, 301, SIM_AUTH_BEARER, route_omnidim, dialect_omnidim},
    [SIM_TRUEDY] = {SIM_TRUEDY, PROVIDER_TRUEDY, 1, SIM_AUTH_BEARER, route_truedy, dialect_truedy},
    [SIM_SARVAM] = {SIM_SARVAM, PROVIDER_SARVAM, 1, SIM_AUTH_X_API_KEY, route_sarvam, dialect_sarvam},
};

const sim_dialect_desc_t *sim_dialect(sim_dialect_t d)
{
    return (int)d >= 0 && d < SIM_DIALECT_COUNT ? &dialects[d] : NULL;
}

bool sim_dialect_of(provider_t p, sim_dialect_t *out)
{
    for (int d = 0; d < SIM_DIALECT_COUNT; d++) {
        if (dialects[d].provider == p) {
            *out = (sim_dialect_t)d;
            return true;
        }
    }
    return false;
}

const sim_dialect_desc_t *sim_dialect_route(const char *path, const char **rest)
{
    for (int d = 0; d < SIM_DIALECT_COUNT; d++)
        if (dialects[d].route(path, rest))
            return &dialects[d];
    *rest = NULL;
    return NULL;
}

void sim_dialect_names(char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int d = 0; d < SIM_DIALECT_COUNT && used < n; d++) {
        const char *sep = d == 0 ? "" : d == SIM_DIALECT_COUNT - 1 ? " or " : ", ";
        int w = snprintf(buf + used, n - used, "%s%s", sep, model_provider_name(dialects[d].provider));
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
