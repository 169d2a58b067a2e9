/* Raw status words; see wire.h. The spellings are each dialect's
 * (sim_wire_words_t in its description, after API.md and WIRE.md). */
#include "wire.h"

#include <stddef.h>

#include "dialects.h"

/* The words of the dialect that speaks p; NULL (model.h's names) for a
 * provider the sim does not speak. */
static const sim_wire_words_t *words_of(provider_t p)
{
    sim_dialect_t d;
    return sim_dialect_of(p, &d) ? sim_dialect(d)->words : NULL;
}

const char *wire_campaign_status(provider_t p, campaign_state_t s)
{
    const sim_wire_words_t *w = words_of(p);
    if (w && (unsigned)s < CAMPAIGN_STATE_COUNT && w->campaign[s])
        return w->campaign[s];
    return model_campaign_state_name(s);
}

const char *wire_contact_status(provider_t p, contact_state_t s, bool held)
{
    if ((unsigned)s >= CONTACT_STATE_COUNT)
        s = CONTACT_UNKNOWN;
    if (held && s == CONTACT_PENDING)
        s = CONTACT_QUEUED;
    const sim_wire_words_t *w = words_of(p);
    return w && w->contact[s] ? w->contact[s] : model_contact_state_name(s);
}

bool wire_campaign_filter(provider_t p, const char *text, campaign_state_t *out)
{
    campaign_state_t s = model_campaign_state_from_raw(p, text);
    if (s == CAMPAIGN_UNKNOWN)
        return false;
    *out = s;
    return true;
}

bool wire_contact_filter(provider_t p, const char *text, contact_state_t *out)
{
    contact_state_t s = model_contact_state_from_raw(p, text);
    if (s == CONTACT_UNKNOWN)
        return false;
    /* "queued"/"scheduled" contacts are pending ones not yet dialable */
    *out = s == CONTACT_QUEUED ? CONTACT_PENDING : s;
    return true;
}
