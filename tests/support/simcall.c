/* Unit-test helper for sim_handle; see simcall.h. */
#include "simcall.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

sim_t *simcall_new(void)
{
    sim_config_t cfg;
    sim_config_defaults(&cfg);
    cfg.api_key = SIMCALL_KEY;
    cfg.speed = 0;
    cfg.start_time = SIMCALL_T0;
    /* Unit tests send hundreds of requests in a moment; Truedy's own rate
     * limit is tested on its own (test_sim_bulk). */
    cfg.truedy_quota = 0;
    char err[256];
    sim_t *sim = sim_new(&cfg, err, sizeof err);
    if (sim)
        sim_set_time(sim, SIMCALL_T0);
    return sim;
}

cJSON *sim_call_full(sim_t *sim, const char *method, const char *url, const char *body,
                     bool auth, int *status, sim_response_t *resp)
{
    sim_request_t req;
    sim_response_t local;
    sim_response_t *r = resp ? resp : &local;
    if (!sim_request_parse(&req, method, url, body)) {
        *status = -1;
        return NULL;
    }
    if (auth) {
        req.authorization = "Bearer " SIMCALL_KEY;
        req.x_api_key = SIMCALL_KEY;
    }
    sim_handle(sim, &req, r);
    sim_request_free(&req);
    *status = r->status;
    cJSON *json = r->body ? cJSON_ParseWithLength(r->body, r->body_len) : NULL;
    if (!resp)
        sim_response_free(&local);
    return json;
}

cJSON *sim_call(sim_t *sim, const char *method, const char *url, const char *body, int *status)
{
    return sim_call_full(sim, method, url, body, true, status, NULL);
}

const char *simcall_make(sim_t *sim, const char *provider, const char *status, int contacts)
{
    static char id[64];
    char body[256];
    int code;
    snprintf(body, sizeof body, "{\"provider\":\"%s\",\"name\":\"Test %s\",\"status\":\"%s\",\"contacts\":%d}",
             provider, status, status, contacts);
    cJSON *r = sim_call(sim, "POST", "/_sim/campaigns", body, &code);
    const char *got = simcall_str(r, "id");
    snprintf(id, sizeof id, "%s", code == 201 && got ? got : "");
    cJSON_Delete(r);
    return id;
}

const cJSON *simcall_get(const cJSON *root, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    const cJSON *cur = root;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ".", &save); tok && cur; tok = strtok_r(NULL, ".", &save)) {
        if (cJSON_IsArray(cur)) {
            char *end;
            long i = strtol(tok, &end, 10);
            cur = *end ? NULL : cJSON_GetArrayItem(cur, (int)i);
        } else {
            cur = cJSON_GetObjectItemCaseSensitive(cur, tok);
        }
    }
    return cur;
}

const char *simcall_str(const cJSON *root, const char *path)
{
    const cJSON *v = simcall_get(root, path);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

double simcall_num(const cJSON *root, const char *path)
{
    const cJSON *v = simcall_get(root, path);
    return cJSON_IsNumber(v) ? v->valuedouble : -1e300;
}
