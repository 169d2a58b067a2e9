/* The actions that carry arguments (OmniDim's manual_retry and
 * concurrency): one request built by the driver's build_action_args, the
 * reply parsed like any action's. Beside client.c, which was full. */
#include <stdio.h>

#include "client.h"
#include "client_ops.h"

unsigned long client_action_args(client_t *c, const char *campaign_id, campaign_state_t state,
                                 action_t action, const api_action_args_t *args,
                                 client_action_fn cb, void *ud)
{
    op_t *o = client_op_new(c, OP_ACTION, ud);
    if (!o)
        return 0;
    o->cb.action = cb;
    o->action = action;
    api_request_t req;
    api_error_t err;
    api_error_clear(&err);
    bool ok = !client_refuse_read_only(c, &err);
    if (ok && !c->drv->build_action_args) {
        char why[256];
        model_action_allowed(c->profile.provider, state, action, why, sizeof why);
        ok = api_error_set(&err, API_ERR_UNSUPPORTED, 0, "%s", why);
    }
    ok = ok && c->drv->build_action_args(&c->ctx, campaign_id, state, action, args, &req, &err);
    return client_op_start(o, ok, &req, &err);
}
