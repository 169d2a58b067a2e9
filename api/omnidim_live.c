/* OmniDimension live-status (see omnidim_live.h; API.md section 1). */
#include "omnidim_live.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drvutil.h"
#include "jsonget.h"

#define P PROVIDER_OMNIDIM
#define AUTH "Authorization: Bearer %s"

bool omnidim_build_live(const driver_ctx_t *ctx, const char *id, api_request_t *out,
                        api_error_t *err)
{
    if (!drv_need_id(id, "campaign", err))
        return false;
    dynbuf_t b = {0};
    /* note the prefix: bulk-call, not calls/bulk_call */
    drv_url_id(&b, ctx, "/api/v1/bulk-call/", id, "/live-status");
    return drv_request(out, HTTP_GET, dynbuf_take(&b), AUTH, ctx->api_key, NULL, err);
}

/* A count from the summary (clamped like every provider number):
 * -1 when absent, negative or not a number. */
static long count_of(const cJSON *summary, const char *key)
{
    return jget_count(summary, key, -1);
}

static long sum_known(long a, long b, long c)
{
    if (a < 0 && b < 0 && c < 0)
        return -1;
    return jnum_add_count(jnum_add_count(a > 0 ? a : 0, b > 0 ? b : 0), c > 0 ? c : 0);
}

bool omnidim_parse_live(const api_response_t *resp, model_campaign_t *out, api_error_t *err)
{
    model_campaign_init(out);
    out->provider = P;
    cJSON *j = drv_accept(P, resp, err);
    if (!j)
        return false;
    const cJSON *summary = jget_object(j, "summary");
    if (!summary) {
        cJSON_Delete(j);
        return drv_shape_error(P, err, "no \"summary\" object in the live-status reply");
    }
    out->raw_state = jget_str(j, "campaign_status");
    if (out->raw_state)
        out->state = model_campaign_state_from_raw(P, out->raw_state);
    out->id = jget_id(j, "bulk_call_id");
    long queued = count_of(summary, "queued"), running = count_of(summary, "in_progress");
    long done = count_of(summary, "completed"), failed = count_of(summary, "failed");
    long busy = count_of(summary, "busy"), no_answer = count_of(summary, "no_answer");
    out->total_contacts = count_of(summary, "total_contacts");
    out->completed_contacts = done;
    out->fig[FIG_RUN] = running;
    out->fig[FIG_PEND] = queued;
    out->fig[FIG_FAIL] = sum_known(failed, busy, no_answer);
    /* "queued" is what the list calls total_pending_calls: kept under
     * pending so the two sources fill the same bar segment */
    out->counts[CONTACT_PENDING] = queued > 0 ? queued : 0;
    out->counts[CONTACT_IN_PROGRESS] = running > 0 ? running : 0;
    out->counts[CONTACT_COMPLETED] = done > 0 ? done : 0;
    out->counts[CONTACT_FAILED] = failed > 0 ? failed : 0;
    out->counts[CONTACT_BUSY] = busy > 0 ? busy : 0;
    out->counts[CONTACT_NO_ANSWER] = no_answer > 0 ? no_answer : 0;
    cJSON_Delete(j);
    return true;
}
