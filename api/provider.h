/* Provider descriptions: everything dialtop knows about one provider, in
 * one place, as data.
 *
 * Each provider has one description beside its driver
 * (api/providers/omnidim.c, truedy.c, sarvam.c): its names, default URL,
 * status spellings, which action is allowed from which state, what a
 * create takes, the campaign name rule, where each figure comes from, how
 * fast it may be asked, and its driver. The model, the figures, the
 * config, the upload checks, the console and the CLI read these; none of
 * them tests for a particular provider. The registry (providers.c) lists
 * them in providers/list.h order and looks them up by id or name.
 *
 * Ownership: descriptions are static constant data; every pointer handed
 * out lives as long as the program. */
#ifndef DIALTOP_PROVIDER_H
#define DIALTOP_PROVIDER_H

#include <stdbool.h>
#include <stddef.h>

#include "driver.h"
#include "model.h"

#define PROVIDER_BIT(x) (1u << (x))

/* One raw status spelling, already folded (lower case, '_' for ' ' and
 * '-'), and the state it means. Tables end with {NULL, 0}. */
typedef struct {
    const char *raw;
    int state; /* campaign_state_t or contact_state_t, by table */
} provider_status_t;

/* Whether an action exists on the provider, from which states it may run
 * (PROVIDER_BIT(state) each), and what follows. */
typedef struct {
    bool supported;
    const char *unsupported_reason; /* sentence after "<action>: "; set when !supported */
    unsigned from;
    model_next_t next;
} provider_action_rule_t;

/* What a reschedule changes there, and the steps offered from a state
 * where the table refuses it but pausing first would allow it. */
typedef struct {
    model_reschedule_kind_t kind;
    const char *changes;     /* "the start date, time and timezone" */
    const char *offer;       /* "pause, update, resume"; NULL: none */
} provider_reschedule_t;

/* Where a campaign row's figure comes from. FROM_NONE: not in the
 * provider's own records, but computed from the counts by state when
 * something (the webhook receiver) fills them; FROM_NOWHERE: not
 * published by any channel, whatever the counts say. */
typedef enum { FROM_LIST, FROM_LIVE, FROM_NONE, FROM_NOWHERE } provider_figure_origin_t;

typedef struct {
    provider_figure_origin_t origin;
    const char *source;      /* the provider's field, or why there is none */
} provider_figure_t;

/* The campaign name a create accepts. WHY data and one checker
 * (provider_name.c): the upload checks, the driver and the console's
 * default name once kept three copies of Sarvam's rule, and they
 * disagreed on non-ASCII names. */
typedef struct {
    size_t max_chars;        /* characters (UTF-8 sequences), 0 = no provider limit */
    bool word_chars_only;    /* ASCII letters, digits, '_', '-' and ' ' only;
                                non-ASCII passes (\w is Unicode-aware) */
    const char *rule;        /* the refusal, a whole sentence */
} provider_name_rule_t;

/* What the import dialog says while a create is under way: `small` when
 * the list goes in one request, `big` when it goes in chunks (more than
 * driver->add_chunk_max contacts). Text only; the dialog adds the time. */
typedef struct {
    const char *small;
    const char *big;
} provider_upload_steps_t;

/* How a campaign's start time is written: an instant (ISO 8601 with its
 * offset, or UTC), or wall-clock time in the campaign's own zone, UTC when
 * it names none (OmniDim's scheduled_datetime). model_start_epoch() reads
 * either, so the drivers keep the text and the zone as sent. */
typedef enum { START_INSTANT, START_WALL_CLOCK } provider_start_clock_t;

typedef struct provider_desc {
    provider_t id;
    const char *name;                /* "omnidim": config files, audit, JSON */
    const char *label;               /* "OmniDimension": on screen; also accepted
                                        as a name in the config */
    const char *default_base_url;    /* when a profile names none */

    /* --- statuses ------------------------------------------------------ */
    const provider_status_t *campaign_statuses;  /* every one API.md lists */
    provider_start_clock_t start_clock;
    /* Own contact spellings beyond the unified names (which every
     * provider's rows may carry: dialtop-sim serves them). */
    const provider_status_t *contact_statuses;
    /* The provider's spelling of a contact state in its list filter, NULL
     * where it has none (every row comes, filtered here); the whole table
     * NULL: it filters by the unified names (Sarvam's receiver). */
    const char *const *contact_filter;           /* [CONTACT_STATE_COUNT] */

    /* --- actions ------------------------------------------------------- */
    provider_action_rule_t actions[ACTION_COUNT];
    provider_reschedule_t reschedule;

    /* --- create -------------------------------------------------------- */
    unsigned offers;                 /* PROVIDER_BIT(upload_offer_t) each */
    provider_name_rule_t name_rule;
    /* The caller number is required; the sentence that says so. NULL: not
     * required (or not taken at all, see offers). */
    const char *caller_id_required;
    const char *agent_label;         /* "agent id", "app id"; NULL: no agent field */
    int default_concurrency;         /* documented default, 0 = not documented */
    provider_upload_steps_t upload_steps;

    /* --- figures and request budgets ----------------------------------- */
    provider_figure_t figures[FIG_COUNT];
    /* Contact states whose counts the provider's records carry
     * (PROVIDER_BIT(contact_state_t) each); the rest are n/a until the
     * rows themselves are counted. */
    unsigned counted_states;
    /* A count the provider lumps together: on screen instead of the
     * group's own label until every row is loaded (Truedy's `failed`). */
    contact_state_t lumped_state;    /* CONTACT_UNKNOWN: none */
    const char *lumped_label;
    int live_budget_per_min;         /* background per-campaign figures, 0 = none */
    /* Sarvam: contacts and counts come from `dialtop hooks`, so a profile
     * may name a receiver (hooks_url, hooks_public_url). */
    bool uses_receiver;
    /* The profile needs org_id and workspace_id (Sarvam's URLs carry them). */
    bool needs_org_workspace;

    /* Requests, pages, chunk sizes and the rate limit: api/driver.h. */
    const driver_t *driver;
} provider_desc_t;

/* --- the registry (providers.c) ---------------------------------------- */

/* The description of `p`; NULL for a value that names no provider. */
const provider_desc_t *provider_get(provider_t p);
/* Looks a provider up by name or label, case-insensitively. */
const provider_desc_t *provider_by_name(const char *name);
/* "omnidim, truedy or sarvam": for messages that list the choices. */
const char *provider_names_text(void);

/* --- the name rule (provider_name.c) ----------------------------------- */

/* Does `name` keep p's rule? When not and `reason` is not NULL, the
 * rule's sentence. Empty names are refused everywhere. */
bool provider_name_ok(provider_t p, const char *name, char *reason, size_t reason_len);
/* The first `n` bytes of `text` made into a name p accepts (NUL-terminated
 * in `out`): control characters, and where the rule allows only word
 * characters every other ASCII byte, become '_'; cut to the rule's length
 * in characters, never inside a UTF-8 sequence. */
void provider_name_fit(provider_t p, const char *text, size_t n, char *out, size_t out_len);

#endif
