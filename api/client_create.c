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
    op_t *o = client_op_new(c, OP_CREATE, ud);
    if (!o)
        return 0;
    o->cb.create = cb;
    o->spec = spec;
    if (delay_ms > 0)
        o->send_at_ms = client_mono_ms() + delay_ms;
    api_request_t req;
    api_error_t err;
    api_error_clear(&err);
    char reason[API_ERROR_MSG_MAX] = "";
    bool ok = !client_refuse_read_only(c, &err);
    if (ok && !model_action_allowed(c->profile.provider, CAMPAIGN_UNKNOWN, ACTION_CREATE, reason,
                                    sizeof reason))
        ok = api_error_set(&err, API_ERR_UNSUPPORTED, 0, "%s", reason);
    if (ok)
        ok = c->drv->build_create(&c->ctx, spec, &req, &err);
    return client_op_start(o, ok, &req, &err);
}

unsigned long client_add_contacts(client_t *c, const api_create_spec_t *spec,
                                  const char *campaign_id, size_t first, size_t last,
                                  long delay_ms, client_chunk_fn cb, void *ud)
{
    op_t *o = client_op_new(c, OP_ADD, ud);
    if (!o)
        return 0;
    o->cb.add = cb;
    o->spec = spec;
    if (delay_ms > 0)
        o->send_at_ms = client_mono_ms() + delay_ms;
    api_request_t req;
    api_error_t err;
    api_error_clear(&err);
    bool ok = !client_refuse_read_only(c, &err);
    if (ok && !c->drv->build_add_contacts)
        ok = api_error_set(&err, API_ERR_UNSUPPORTED, 0, "%s takes contacts only with the "
                           "campaign", model_provider_name(c->profile.provider));
    if (ok)
        ok = c->drv->build_add_contacts(&c->ctx, spec, campaign_id, first, last, &req, &err);
    return client_op_start(o, ok, &req, &err);
}

unsigned long client_start_draft(client_t *c, const char *campaign_id, client_action_fn cb,
                                 void *ud)
{
    op_t *o = client_op_new(c, OP_START, ud);
    if (!o)
        return 0;
    o->cb.action = cb;
    api_request_t req;
    api_error_t err;
    api_error_clear(&err);
    bool ok = !client_refuse_read_only(c, &err);
    if (ok && !c->drv->build_start)
        ok = api_error_set(&err, API_ERR_UNSUPPORTED, 0, "%s has no drafts to start",
                           model_provider_name(c->profile.provider));
    if (ok)
        ok = c->drv->build_start(&c->ctx, campaign_id, &req, &err);
    return client_op_start(o, ok, &req, &err);
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

