/* Raw status words; see wire.h. Spellings follow API.md and WIRE.md. */
#include "wire.h"

#include <stddef.h>

const char *wire_campaign_status(provider_t p, campaign_state_t s)
{
    if (s == CAMPAIGN_ACTIVE)
        return p == PROVIDER_OMNIDIM ? "in_progress" : p == PROVIDER_TRUEDY ? "running" : "active";
    if (p == PROVIDER_SARVAM && s == CAMPAIGN_COMPLETED)
        return "ended";
    return model_campaign_state_name(s);
}

const char *wire_contact_status(provider_t p, contact_state_t s, bool held)
{
    static const char *const omnidim[CONTACT_STATE_COUNT] = {
        [CONTACT_UNKNOWN] = "unknown", [CONTACT_PENDING] = "Pending",
        [CONTACT_QUEUED] = "Pending", [CONTACT_IN_PROGRESS] = "In Progress",
        [CONTACT_COMPLETED] = "completed", [CONTACT_NO_ANSWER] = "no-answer",
        [CONTACT_BUSY] = "busy", [CONTACT_VOICEMAIL] = "voicemail_detected",
        [CONTACT_FAILED] = "Failed", [CONTACT_SKIPPED] = "Skipped",
        [CONTACT_RETRY_SCHEDULED] = "retry_scheduled", [CONTACT_CANCELLED] = "cancelled",
    };
    static const char *const truedy[CONTACT_STATE_COUNT] = {
        [CONTACT_UNKNOWN] = "unknown", [CONTACT_PENDING] = "pending",
        [CONTACT_QUEUED] = "scheduled", [CONTACT_IN_PROGRESS] = "calling",
        [CONTACT_COMPLETED] = "completed", [CONTACT_NO_ANSWER] = "no_answer",
        [CONTACT_BUSY] = "busy", [CONTACT_VOICEMAIL] = "voicemail",
        [CONTACT_FAILED] = "failed", [CONTACT_SKIPPED] = "skipped",
        [CONTACT_RETRY_SCHEDULED] = "retry_scheduled", [CONTACT_CANCELLED] = "cancelled",
    };
    if ((unsigned)s >= CONTACT_STATE_COUNT)
        s = CONTACT_UNKNOWN;
    if (held && s == CONTACT_PENDING)
        s = CONTACT_QUEUED;
    switch (p) {
    case PROVIDER_OMNIDIM: return omnidim[s];
    case PROVIDER_TRUEDY: return truedy[s];
    default: return model_contact_state_name(s);
    }
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
