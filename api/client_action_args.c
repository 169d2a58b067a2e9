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
    op_build_t b;
    op_t *o = client_op_begin(c, OP_ACTION, ud, &b);
    if (!o)
        return 0;
    o->cb.action = cb;
    o->action = action;
    char why[256] = "";
    if (!c->drv->build_action_args) /* the model's sentence for what this provider lacks */
        model_action_allowed(c->profile.provider, state, action, why, sizeof why);
    bool ok = client_may_write(c, c->drv->build_action_args ? NULL : why, &b.err) &&
              c->drv->build_action_args(&c->ctx, campaign_id, state, action, args, &b.req,
                                        &b.err);
    return client_op_start(o, ok, &b);
}
