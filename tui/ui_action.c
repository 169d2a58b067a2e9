/* Action states (see ui_action.h). */
#include "ui_action.h"

#include <stdio.h>

#include "action.h"
#include "ui.h"

/* The view whose keys the state is for: help explains the one below it. */
static unsigned keys_view_bit(const app_t *a)
{
    int top = a->depth - 1;
    if (top > 0 && a->stack[top] == VIEW_HELP)
        top--;
    switch (a->stack[top]) {
    case VIEW_CAMPAIGNS: return VIEW_BIT_CAMPAIGNS;
    case VIEW_CONTACTS: return VIEW_BIT_CONTACTS;
    case VIEW_DETAIL: return VIEW_BIT_DETAIL;
    default: return VIEW_BIT_HELP;
    }
}

ui_action_state_t ui_action_state(const app_t *a, const camp_row_t *row, action_t act)
{
    ui_action_state_t st = {false, false, ""};
    const model_action_info_t *info = model_action_info(act);
    if (!info)
        return st;
    int src = row ? row->source : 0;
    provider_t prov = row ? row->m.provider : a->src[src].profile->provider;
    bool here = (keymap_action_scope(act) & keys_view_bit(a)) != 0;
    bool read_only = app_read_only(a, src);
    /* retry, concurrency: offered only where the provider has them */
    bool has = !info->provider_specific || (row && model_action_supported(prov, act));
    st.offered = here && !read_only && has;
    if (read_only)
        snprintf(st.reason, sizeof st.reason, "%s: read-only, actions are disabled", info->name);
    else if (!info->per_campaign && !model_action_supported(prov, act))
        snprintf(st.reason, sizeof st.reason, "%s: %s does not offer it", info->name,
                 model_provider_label(prov));
    else if (!info->per_campaign)
        st.enabled = true;
    else if (!row)
        snprintf(st.reason, sizeof st.reason, "%s: no campaign selected", info->name);
    else if (act == ACTION_RESCHEDULE && action_reschedule_needs_pause(&row->m))
        st.enabled = true; /* the form says so and offers to pause first */
    /* the table's sentence also covers what the provider does not offer */
    else if (!model_action_allowed(prov, row->m.state, act, st.reason, sizeof st.reason)) {
        if (!st.reason[0])
            snprintf(st.reason, sizeof st.reason, "%s: not allowed in this state", info->name);
    } else
        st.enabled = true;
    return st;
}
