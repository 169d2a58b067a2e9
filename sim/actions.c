/* Action semantics; see actions.h. */
#include "actions.h"

#include "dialer.h"

bool actions_allowed(const store_campaign_t *c, action_t a)
{
    return model_action_allowed(c->provider, c->state, a, NULL, 0);
}

bool actions_pause(store_campaign_t *c, int64_t now)
{
    if (!actions_allowed(c, ACTION_PAUSE))
        return false;
    c->state = CAMPAIGN_PAUSED;
    c->paused_at = c->updated_at = now;
    dialer_touch(c);
    return true;
}

bool actions_resume(store_campaign_t *c, int64_t now)
{
    model_next_t next;
    if (!model_action_next(c->provider, c->state, ACTION_RESUME, &next))
        return false;
    c->state = model_next_resolve(next, c->state, (time_t)c->start_at, (time_t)now);
    c->resumed_at = c->updated_at = now;
    dialer_touch(c);
    return true;
}

bool actions_reschedule(store_campaign_t *c, int64_t now, int64_t start, bool to_scheduled)
{
    if (!actions_allowed(c, ACTION_RESCHEDULE))
        return false;
    for (size_t i = 0; i < c->ncontacts; i++)
        if (c->contacts[i].state == CONTACT_RETRY_SCHEDULED)
            store_contact_set_state(c, &c->contacts[i], CONTACT_PENDING);
    c->start_at = start;
    if (to_scheduled)
        c->state = CAMPAIGN_SCHEDULED;
    c->updated_at = now;
    dialer_touch(c);
    return true;
}

bool actions_cancel(store_campaign_t *c, int64_t now)
{
    if (!actions_allowed(c, ACTION_CANCEL))
        return false;
    for (size_t i = 0; i < c->ncontacts; i++) {
        store_contact_t *k = &c->contacts[i];
        if (k->state == CONTACT_PENDING || k->state == CONTACT_RETRY_SCHEDULED)
            store_contact_set_state(c, k, CONTACT_CANCELLED);
    }
    c->state = CAMPAIGN_CANCELLED;
    c->updated_at = now;
    dialer_touch(c);
    return true;
}

long actions_retry(store_campaign_t *c, int64_t now, unsigned state_mask, int max_retries)
{
    if (!actions_allowed(c, ACTION_RETRY))
        return -1;
    long n = 0;
    for (size_t i = 0; i < c->ncontacts; i++) {
        store_contact_t *k = &c->contacts[i];
        /* attempts - 1 retries so far; max_retries caps them */
        if (!(state_mask & (1u << k->state)) || k->attempts - 1 >= max_retries)
            continue;
        k->failure_reason = NULL;
        store_contact_set_state(c, k, CONTACT_PENDING);
        n++;
    }
    /* a finished campaign dials again; a paused one keeps holding */
    if (n > 0 && c->state == CAMPAIGN_COMPLETED)
        c->state = CAMPAIGN_ACTIVE;
    c->updated_at = now;
    dialer_touch(c);
    return n;
}

bool actions_concurrency(store_campaign_t *c, int64_t now, int limit)
{
    if (!actions_allowed(c, ACTION_CONCURRENCY) || limit < 1)
        return false;
    c->concurrency = limit;
    c->updated_at = now;
    dialer_touch(c);
    return true;
}
