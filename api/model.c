/* The unified model: state names, raw-status mapping and the action
 * table. What differs by provider is data in its description (provider.h);
 * this file holds the logic that reads it. */
#include "model.h"
#include "jsonget.h"
#include "provider.h"
#include "schedule.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reason.h"

#define BIT PROVIDER_BIT

static const char *const campaign_state_names[CAMPAIGN_STATE_COUNT] = {
    "unknown", "draft", "pending", "scheduled", "active", "paused",
    "completed", "failed", "cancelled", "ended",
};

static const char *const contact_state_names[CONTACT_STATE_COUNT] = {
    "unknown", "pending", "queued", "in_progress", "completed", "no_answer",
    "busy", "voicemail", "failed", "skipped", "retry_scheduled", "cancelled",
};

const char *model_provider_name(provider_t p)
{
    const provider_desc_t *d = provider_get(p);
    return d ? d->name : "unknown";
}

const char *model_provider_label(provider_t p)
{
    const provider_desc_t *d = provider_get(p);
    return d ? d->label : "unknown provider";
}

bool model_provider_from_name(const char *s, provider_t *out)
{
    const provider_desc_t *d = provider_by_name(s);
    if (d)
        *out = d->id;
    return d != NULL;
}

const char *model_campaign_state_name(campaign_state_t s)
{
    return (unsigned)s < CAMPAIGN_STATE_COUNT ? campaign_state_names[s] : "unknown";
}

const char *model_contact_state_name(contact_state_t s)
{
    return (unsigned)s < CONTACT_STATE_COUNT ? contact_state_names[s] : "unknown";
}

bool model_campaign_state_is_terminal(campaign_state_t s)
{
    return s == CAMPAIGN_COMPLETED || s == CAMPAIGN_FAILED || s == CAMPAIGN_CANCELLED ||
           s == CAMPAIGN_ENDED;
}

/* Providers spell one status several ways ("In Progress", "no-answer",
 * "in_progress"): fold case, treat space and hyphen as underscore, trim. */
static void fold_status(const char *raw, char *out, size_t out_len)
{
    size_t n = 0;
    while (*raw && isspace((unsigned char)*raw))
        raw++;
    for (; *raw && n + 1 < out_len; raw++) {
        unsigned char ch = (unsigned char)*raw;
        out[n++] = (ch == ' ' || ch == '-') ? '_' : (char)tolower(ch);
    }
    /* Trailing blanks became underscores; no vocabulary ends in one. */
    while (n > 0 && out[n - 1] == '_')
        n--;
    out[n] = '\0';
}

static int lookup(const provider_status_t *table, const char *folded, int unknown)
{
    for (; table && table->raw; table++)
        if (strcmp(table->raw, folded) == 0)
            return table->state;
    return unknown;
}

campaign_state_t model_campaign_state_from_raw(provider_t p, const char *raw)
{
    char folded[64];
    const provider_desc_t *d = provider_get(p);
    if (!raw || !d)
        return CAMPAIGN_UNKNOWN;
    fold_status(raw, folded, sizeof folded);
    return (campaign_state_t)lookup(d->campaign_statuses, folded, CAMPAIGN_UNKNOWN);
}

contact_state_t model_contact_state_from_raw(provider_t p, const char *raw)
{
    char folded[64];
    const provider_desc_t *d = provider_get(p);
    if (!raw || !d)
        return CONTACT_UNKNOWN;
    fold_status(raw, folded, sizeof folded);
    int s = lookup(d->contact_statuses, folded, CONTACT_UNKNOWN);
    if (s != CONTACT_UNKNOWN)
        return (contact_state_t)s;
    for (int i = 1; i < CONTACT_STATE_COUNT; i++)
        if (strcmp(folded, contact_state_names[i]) == 0)
            return (contact_state_t)i;
    return CONTACT_UNKNOWN;
}

/* A wall-clock start read as UTC would put a New York start hours off and
 * break "is the start still ahead" (model_next_resolve). */
time_t model_start_epoch(provider_t p, const char *text, const char *zone)
{
    const provider_desc_t *d = provider_get(p);
    if (!text)
        return 0;
    if (!d || d->start_clock == START_INSTANT)
        return jtime_parse(text);
    schedule_wall_t w;
    time_t t = 0;
    if (!schedule_parse_wall(text, &w, NULL, 0))
        return 0;
    if (!zone || !*zone)
        zone = "UTC";
    if (!schedule_zone_valid(zone, NULL, 0) || !schedule_wall_to_epoch(&w, zone, &t, NULL, NULL, 0))
        return 0;
    return t;
}

/* Sarvam reports each attempt with three statuses. The contact's state
 * is one cell of this table: rows by connectivity_status, columns by
 * completion_status; a non-null next_action_status (retry, reschedule,
 * business_retry, ... any follow-up Sarvam names) overrides the cell, since
 * the contact is then not final. "null" is the JSON null (or absent),
 * "other" a word not in Sarvam's published list: shown raw, never guessed,
 * except where connectivity alone already says what happened. */
enum { SV_CONNECTED, SV_BUSY, SV_NO_ANSWER, SV_CONN_FAILED, SV_CONN_NULL, SV_CONN_OTHER,
       SV_CONN_COUNT };
enum { SV_COMPLETED, SV_PARTIAL, SV_COMP_FAILED, SV_COMP_NULL, SV_COMP_OTHER, SV_COMP_COUNT };

static const char *const sarvam_connectivity_words[] = {"connected", "busy", "no_answer",
                                                        "failed"};
static const char *const sarvam_completion_words[] = {"completed", "partial", "failed"};

static const contact_state_t sarvam_attempt_table[SV_CONN_COUNT][SV_COMP_COUNT] = {
    /*                completed          partial            failed          null                 other */
    [SV_CONNECTED] = {CONTACT_COMPLETED, CONTACT_COMPLETED, CONTACT_FAILED, CONTACT_IN_PROGRESS, CONTACT_IN_PROGRESS},
    [SV_BUSY] = {CONTACT_BUSY, CONTACT_BUSY, CONTACT_BUSY, CONTACT_BUSY, CONTACT_BUSY},
    [SV_NO_ANSWER] = {CONTACT_NO_ANSWER, CONTACT_NO_ANSWER, CONTACT_NO_ANSWER, CONTACT_NO_ANSWER, CONTACT_NO_ANSWER},
    [SV_CONN_FAILED] = {CONTACT_FAILED, CONTACT_FAILED, CONTACT_FAILED, CONTACT_FAILED, CONTACT_FAILED},
    [SV_CONN_NULL] = {CONTACT_COMPLETED, CONTACT_COMPLETED, CONTACT_FAILED, CONTACT_UNKNOWN, CONTACT_UNKNOWN},
    [SV_CONN_OTHER] = {CONTACT_COMPLETED, CONTACT_COMPLETED, CONTACT_FAILED, CONTACT_UNKNOWN, CONTACT_UNKNOWN},
};

/* Index of `raw` among `words`; `null_index` for NULL or "", the one after
 * it for anything else. */
static int sarvam_word(const char *raw, const char *const *words, int nwords, int null_index)
{
    char folded[64];
    if (!raw || !raw[0])
        return null_index;
    fold_status(raw, folded, sizeof folded);
    if (!folded[0] || strcmp(folded, "null") == 0)
        return null_index;
    for (int i = 0; i < nwords; i++)
        if (strcmp(folded, words[i]) == 0)
            return i;
    return null_index + 1;
}

contact_state_t model_sarvam_attempt_state(const char *completion, const char *connectivity,
                                           const char *next_action)
{
    if (next_action && next_action[0]) {
        char folded[64];
        fold_status(next_action, folded, sizeof folded);
        if (folded[0] && strcmp(folded, "null") != 0)
            return CONTACT_RETRY_SCHEDULED;
    }
    int row = sarvam_word(connectivity, sarvam_connectivity_words, 4, SV_CONN_NULL);
    int col = sarvam_word(completion, sarvam_completion_words, 3, SV_COMP_NULL);
    return sarvam_attempt_table[row][col];
}

/* --- the action table ------------------------------------------------------ */

static const model_action_info_t action_infos[ACTION_COUNT] = {
    {ACTION_PAUSE, "pause", "pausing", "paused", 'p',
     "pause: hold queued calls; calls in progress finish", false, true, false},
    {ACTION_RESUME, "resume", "resuming", "resumed", 'R',
     "resume: continue a paused campaign", false, true, false},
    {ACTION_RESCHEDULE, "reschedule", "rescheduling", "rescheduled", 't',
     "reschedule: move the start (Sarvam: change the working window)", false, true, false},
    {ACTION_CANCEL, "cancel", "cancelling", "cancelled", 'X',
     "cancel: stop for good and drop pending calls (asks first)", true, true, false},
    {ACTION_CREATE, "create", "creating", "created", 'i',
     "import: create a campaign from a CSV contact list", false, false, false},
    {ACTION_RETRY, "retry", "retrying", "retried", 'T',
     "retry: call again the contacts that did not connect, in the same campaign", false, true,
     true},
    {ACTION_CONCURRENCY, "concurrency", "setting", "changed", 'c',
     "concurrency: change how many calls run at once, even while running", false, true, true},
};

const model_action_info_t *model_action_info(action_t a)
{
    return (unsigned)a < ACTION_COUNT ? &action_infos[a] : NULL;
}

bool model_action_from_name(const char *s, action_t *out)
{
    if (!s)
        return false;
    for (int a = 0; a < ACTION_COUNT; a++) {
        if (strcasecmp(s, action_infos[a].name) == 0) {
            *out = (action_t)a;
            return true;
        }
    }
    return false;
}

/* Each provider's rules are its description's `actions` (provider.h). */
static const provider_action_rule_t *rule_for(provider_t p, action_t a)
{
    const provider_desc_t *d = provider_get(p);
    if (!d || (unsigned)a >= ACTION_COUNT)
        return NULL;
    return &d->actions[a];
}

bool model_action_supported(provider_t p, action_t a)
{
    const provider_action_rule_t *r = rule_for(p, a);
    return r && r->supported;
}

/* "scheduled or active", "pending, scheduled, active or paused" */
static void list_states(unsigned mask, char *out, size_t len)
{
    int total = 0, seen = 0;
    for (int s = 0; s < CAMPAIGN_STATE_COUNT; s++)
        total += (mask & BIT(s)) != 0;
    out[0] = '\0';
    for (int s = 0; s < CAMPAIGN_STATE_COUNT; s++) {
        if (!(mask & BIT(s)))
            continue;
        const char *sep = seen == 0 ? "" : (seen == total - 1 ? " or " : ", ");
        size_t used = strlen(out);
        snprintf(out + used, len - used, "%s%s", sep, campaign_state_names[s]);
        seen++;
    }
}

bool model_action_allowed(provider_t p, campaign_state_t s, action_t a, char *reason,
                          size_t reason_len)
{
    const provider_action_rule_t *r = rule_for(p, a);
    char buf[256];
    const char *name = r ? action_infos[a].name : "action";

    if (!r) {
        snprintf(buf, sizeof buf, "%s: not a known action or provider", name);
    } else if (!r->supported) {
        snprintf(buf, sizeof buf, "%s: %s", name, r->unsupported_reason);
    } else if (a == ACTION_CREATE) {
        return true;
    } else if ((unsigned)s < CAMPAIGN_STATE_COUNT && (r->from & BIT(s))) {
        return true;
    } else if (s == CAMPAIGN_UNKNOWN || (unsigned)s >= CAMPAIGN_STATE_COUNT) {
        snprintf(buf, sizeof buf,
                 "%s: campaign state is unknown; refresh, or check it with the provider", name);
    } else if (model_campaign_state_is_terminal(s)) {
        snprintf(buf, sizeof buf, "%s: campaign is %s, which is final", name,
                 campaign_state_names[s]);
    } else {
        char allowed[128];
        list_states(r->from, allowed, sizeof allowed);
        snprintf(buf, sizeof buf, "%s: campaign is %s, only %s %s campaign can be %s", name,
                 campaign_state_names[s], strchr("aeiou", allowed[0]) ? "an" : "a", allowed,
                 action_infos[a].past);
    }
    return reason_fail(reason, reason_len, "%s", buf);
}

bool model_action_next(provider_t p, campaign_state_t s, action_t a, model_next_t *next)
{
    if (!model_action_allowed(p, s, a, NULL, 0))
        return false;
    if (next)
        *next = rule_for(p, a)->next;
    return true;
}

/* What reschedule changes is each provider's `reschedule` (provider.h):
 * the words both refusals are made of, and the steps offered from an
 * active campaign. */
model_reschedule_kind_t model_reschedule_kind(provider_t p)
{
    const provider_desc_t *d = provider_get(p);
    return d ? d->reschedule.kind : RESCHEDULE_MOVES_START;
}

bool model_reschedule_fits(provider_t p, bool moves_start, bool sets_window, char *reason,
                           size_t reason_len)
{
    const provider_desc_t *d = provider_get(p);
    if (!d)
        return false;
    const provider_reschedule_t *r = &d->reschedule;
    char buf[256];
    if (r->kind == RESCHEDULE_SETS_WINDOW && moves_start)
        snprintf(buf, sizeof buf, "reschedule: %s cannot move a campaign's start; it changes %s",
                 d->label, r->changes);
    else if (r->kind == RESCHEDULE_MOVES_START && sets_window)
        snprintf(buf, sizeof buf, "reschedule: %s has no working window to change; it moves %s",
                 d->label, r->changes);
    else if (!moves_start && !sets_window)
        snprintf(buf, sizeof buf, "reschedule: say what to change: %s on %s",
                 r->changes, d->label);
    else
        return true;
    return reason_fail(reason, reason_len, "%s", buf);
}

const char *model_reschedule_offer(provider_t p, campaign_state_t s)
{
    const provider_desc_t *d = provider_get(p);
    if (!d || model_action_allowed(p, s, ACTION_RESCHEDULE, NULL, 0) ||
        !model_action_allowed(p, s, ACTION_PAUSE, NULL, 0) ||
        !model_action_allowed(p, CAMPAIGN_PAUSED, ACTION_RESCHEDULE, NULL, 0))
        return NULL;
    return d->reschedule.offer;
}

campaign_state_t model_next_resolve(model_next_t n, campaign_state_t current, time_t start,
                                    time_t now)
{
    switch (n.kind) {
    case NEXT_STATE:
        return n.state;
    case NEXT_BY_START_TIME:
        return (start != 0 && start > now) ? CAMPAIGN_SCHEDULED : CAMPAIGN_ACTIVE;
    case NEXT_UNCHANGED:
    default:
        return current;
    }
}

/* --- lifetime ---------------------------------------------------------------- */

void model_campaign_init(model_campaign_t *c)
{
    memset(c, 0, sizeof *c);
    c->state = CAMPAIGN_UNKNOWN;
    c->total_contacts = -1;
    c->completed_contacts = -1;
    for (int f = 0; f <= FIG_PEND; f++)
        c->fig[f] = -1;
    c->concurrency = -1;
    c->retry_limit = -1;
}

void model_campaign_free(model_campaign_t *c)
{
    if (!c)
        return;
    free(c->id);
    free(c->name);
    free(c->raw_state);
    free(c->scheduled_at);
    free(c->timezone);
    free(c->created_at);
    free(c->failure_reason);
    free(c->raw_json);
    free(c->end_at);
    model_campaign_init(c);
}

void model_contact_init(model_contact_t *c)
{
    memset(c, 0, sizeof *c);
    c->state = CONTACT_UNKNOWN;
    c->attempts = -1;
    c->duration_s = -1;
}

void model_contact_free(model_contact_t *c)
{
    if (!c)
        return;
    free(c->id);
    free(c->phone);
    free(c->raw_state);
    for (size_t i = 0; i < c->nvars; i++) {
        free(c->vars[i].key);
        free(c->vars[i].value);
    }
    free(c->vars);
    free(c->failure_reason);
    free(c->raw_json);
    model_contact_init(c);
}

bool model_contact_add_var(model_contact_t *c, const char *key, const char *value)
{
    model_var_t *grown = realloc(c->vars, (c->nvars + 1) * sizeof *grown);
    if (!grown)
        return false;
    c->vars = grown;
    char *k = strdup(key ? key : "");
    char *v = strdup(value ? value : "");
    if (!k || !v) {
        free(k);
        free(v);
        return false;
    }
    c->vars[c->nvars].key = k;
    c->vars[c->nvars].value = v;
    c->nvars++;
    return true;
}
