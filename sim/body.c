/* Body field readers; see body.h. WHY a module: Truedy, Sarvam, OmniDim
 * and /_sim/campaigns each had their own copy of these checks and of the
 * JSON-to-text rule for contact variables; the copies must not drift
 * apart (the TUI shows those variables, users read those messages). */
#include "body.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reply.h"
#include "simtime.h"

static char *value_text(const cJSON *v)
{
    if (cJSON_IsString(v))
        return strdup(v->valuestring);
    if (cJSON_IsNull(v))
        return strdup("");
    if (cJSON_IsNumber(v)) {
        char buf[64];
        double d = v->valuedouble;
        if (d == (double)(long long)d && d > -1e15 && d < 1e15)
            snprintf(buf, sizeof buf, "%lld", (long long)d);
        else
            snprintf(buf, sizeof buf, "%.17g", d);
        return strdup(buf);
    }
    return cJSON_PrintUnformatted(v);
}

bool body_read_int(sim_ctx_t *ctx, const cJSON *v, const char *field, int min, int max, int def,
                   int *out)
{
    if (!v || cJSON_IsNull(v)) {
        *out = def;
        return true;
    }
    if (!cJSON_IsNumber(v) || v->valuedouble != v->valueint || v->valueint < min || v->valueint > max) {
        reply_field(ctx, "body", field, "must be an integer from %d to %d", min, max);
        return false;
    }
    *out = v->valueint;
    return true;
}

bool body_add_vars(store_contact_t *k, const cJSON *obj, const char *skip)
{
    const cJSON *v;
    if (!cJSON_IsObject(obj))
        return true;
    cJSON_ArrayForEach(v, obj)
    {
        if (skip && strcmp(v->string, skip) == 0)
            continue;
        char *text = value_text(v);
        bool ok = text && store_contact_add_var(k, v->string, text);
        free(text);
        if (!ok)
            return false;
    }
    return true;
}

bool body_read_tz(sim_ctx_t *ctx, const cJSON *v, const char *field, const char *example, char *out,
                  size_t len)
{
    if (!v || cJSON_IsNull(v))
        return true;
    if (!cJSON_IsString(v) || !simtime_tz_valid(v->valuestring)) {
        if (example)
            reply_field(ctx, "body", field, "must be a known IANA timezone such as %s", example);
        else
            reply_field(ctx, "body", field, "must be a known IANA timezone");
        return false;
    }
    snprintf(out, len, "%s", v->valuestring);
    return true;
}

bool body_read_hhmm(sim_ctx_t *ctx, const cJSON *v, const char *field, char out[6])
{
    if (!v || cJSON_IsNull(v))
        return true;
    if (!cJSON_IsString(v) || !simtime_hhmm_valid(v->valuestring)) {
        reply_field(ctx, "body", field, "must be a time HH:MM");
        return false;
    }
    snprintf(out, 6, "%s", v->valuestring);
    return true;
}
