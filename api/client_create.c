/* The creation operations of the client layer: a campaign with its
 * contacts (Sarvam's cohorts chained in client.c), and for big lists the
 * contacts added afterwards and a draft started. */
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "client_ops.h"

unsigned long client_create(client_t *c, const api_create_spec_t *spec, client_create_fn cb,
                            void *ud)
{
    return client_create_after(c, spec, 0, cb, ud);
}

unsigned long client_create_after(client_t *c, const api_create_spec_t *spec, long delay_ms,
                                  client_create_fn cb, void *ud)
{
    op_build_t b;
    op_t *o = client_op_begin(c, OP_CREATE, ud, &b);
    if (!o)
        return 0;
    o->cb.create = cb;
    o->spec = spec;
    if (delay_ms > 0)
        o->send_at_ms = client_mono_ms() + delay_ms;
    char reason[API_ERROR_MSG_MAX] = "";
    bool allowed = model_action_allowed(c->profile.provider, CAMPAIGN_UNKNOWN, ACTION_CREATE,
                                        reason, sizeof reason);
    bool ok = client_may_write(c, allowed ? NULL : reason, &b.err) &&
              c->drv->build_create(&c->ctx, spec, &b.req, &b.err);
    return client_op_start(o, ok, &b);
}

unsigned long client_add_contacts(client_t *c, const api_create_spec_t *spec,
                                  const char *campaign_id, size_t first, size_t last,
                                  long delay_ms, client_chunk_fn cb, void *ud)
{
    op_build_t b;
    op_t *o = client_op_begin(c, OP_ADD, ud, &b);
    if (!o)
        return 0;
    o->cb.add = cb;
    o->spec = spec;
    if (delay_ms > 0)
        o->send_at_ms = client_mono_ms() + delay_ms;
    char why[API_ERROR_MSG_MAX];
    snprintf(why, sizeof why, "%s takes contacts only with the campaign",
             model_provider_name(c->profile.provider));
    bool ok = client_may_write(c, c->drv->build_add_contacts ? NULL : why, &b.err) &&
              c->drv->build_add_contacts(&c->ctx, spec, campaign_id, first, last, &b.req,
                                         &b.err);
    return client_op_start(o, ok, &b);
}

unsigned long client_start_draft(client_t *c, const char *campaign_id, client_action_fn cb,
                                 void *ud)
{
    op_build_t b;
    op_t *o = client_op_begin(c, OP_START, ud, &b);
    if (!o)
        return 0;
    o->cb.action = cb;
    char why[API_ERROR_MSG_MAX];
    snprintf(why, sizeof why, "%s has no drafts to start",
             model_provider_name(c->profile.provider));
    bool ok = client_may_write(c, c->drv->build_start ? NULL : why, &b.err) &&
              c->drv->build_start(&c->ctx, campaign_id, &b.req, &b.err);
    return client_op_start(o, ok, &b);
}

bool client_create_progress(const client_t *c, unsigned long op, bool *created,
                            size_t *chunks_done, size_t *chunks_total)
{
    for (const op_t *o = c->ops; o; o = o->next) {
        if (o->id == op && o->kind == OP_CREATE) {
            *created = o->created.id[0] != '\0';
            *chunks_done = o->chunk;
            *chunks_total = o->nchunks;
            return true;
        }
    }
    return false;
}

