/* The unified campaign model: what the console shows, whatever the provider.
 *
 * Every provider's raw status string is kept beside the normalised state.
 * The action table (model.c) is the single place that answers "is this
 * action allowed in this state on this provider", for the keymap, the
 * footer, the help screen, the headless commands and the drivers alike. */
#ifndef DIALTOP_MODEL_H
#define DIALTOP_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "must_use.h"

/* One value per provider in providers/list.h; what each one is (names,
 * statuses, rules, offers...) is its description, api/provider.h. */
typedef enum {
#define PROVIDER_ITEM(ID, file) PROVIDER_##ID,
#include "providers/list.h"
#undef PROVIDER_ITEM
    PROVIDER_COUNT
} provider_t;

typedef enum {
    CAMPAIGN_UNKNOWN, /* raw status not recognised: shown as such, never guessed */
    CAMPAIGN_DRAFT,
    CAMPAIGN_PENDING,
    CAMPAIGN_SCHEDULED,
    CAMPAIGN_ACTIVE,
    CAMPAIGN_PAUSED,
    CAMPAIGN_COMPLETED,
    CAMPAIGN_FAILED,
    CAMPAIGN_CANCELLED,
    CAMPAIGN_ENDED,
    CAMPAIGN_STATE_COUNT
} campaign_state_t;

typedef enum {
    CONTACT_UNKNOWN,
    CONTACT_PENDING,
    CONTACT_QUEUED,
    CONTACT_IN_PROGRESS,
    CONTACT_COMPLETED,
    CONTACT_NO_ANSWER,
    CONTACT_BUSY,
    CONTACT_VOICEMAIL,
    CONTACT_FAILED,
    CONTACT_SKIPPED,
    CONTACT_RETRY_SCHEDULED,
    CONTACT_CANCELLED,
    CONTACT_STATE_COUNT
} contact_state_t;

typedef enum {
    ACTION_PAUSE,
    ACTION_RESUME,
    ACTION_RESCHEDULE,
    ACTION_CANCEL,
    ACTION_CREATE,
    ACTION_RETRY,       /* re-queue the contacts that did not connect (OmniDim) */
    ACTION_CONCURRENCY, /* change the dialer's limit, even while running (OmniDim) */
    ACTION_COUNT
} action_t;

/* When a campaign is retried after an unanswered call (OmniDim's
 * auto_retry_schedule; the others map onto it). */
typedef enum {
    RETRY_NONE,
    RETRY_IMMEDIATELY,
    RETRY_NEXT_DAY,
    RETRY_SCHEDULED_TIME
} retry_schedule_t;

typedef struct {
    char *key;
    char *value;
} model_var_t;

/* The figures a campaign row shows (api/figure.h says which are known,
 * which do not apply and which a provider does not publish). */
typedef enum {
    FIG_RUN,    /* calls in progress */
    FIG_FAIL,   /* contacts not reached (failed, busy, no answer) */
    FIG_PEND,   /* contacts still to call (pending, queued, retry scheduled) */
    FIG_DONE,   /* completed contacts */
    FIG_TOTAL,  /* contacts in the campaign */
    FIG_CONC,   /* concurrent call limit */
    FIG_COUNT
} model_figure_t;

typedef struct {
    char *id;                  /* provider id as text ("314", "batch_c3d4") */
    char *name;
    provider_t provider;
    campaign_state_t state;
    char *raw_state;           /* exactly as the provider sent it */

    /* Counts by contact state; counts_known is false when the provider
     * gave only a subset (e.g. a list row), so the UI can say "?" */
    long counts[CONTACT_STATE_COUNT];
    bool counts_known;
    long total_contacts;       /* -1 when unknown */
    long completed_contacts;   /* -1 when unknown; completed calls for progress */
    /* RUN, FAIL and PEND as the provider published them (a list field or
     * OmniDim's live-status); -1 when the reply had no such field.
     * DONE, TOTAL and CONC live in the fields above and below. */
    long fig[FIG_PEND + 1];

    char *scheduled_at;        /* provider's text, "YYYY-MM-DD HH:MM:SS" or ISO */
    char *timezone;            /* IANA name, NULL when not given */
    time_t scheduled_epoch;    /* 0 when unknown */
    char *created_at;
    time_t created_epoch;      /* 0 when unknown */

    int concurrency;           /* -1 when unknown */
    int retry_limit;           /* -1 when unknown */
    retry_schedule_t retry_schedule;

    char *failure_reason;      /* NULL when none (OmniDim's `false` included) */
    char *raw_json;            /* the record as received, for the detail view */

    /* Sarvam's allowed_schedule (the working window) and end_timestamp,
     * from the campaign's details; "" / 0 / NULL when not given. */
    char window_start[6], window_end[6]; /* "HH:MM" */
    unsigned window_days;      /* bit 0 = Monday .. bit 6 = Sunday */
    char *end_at;              /* provider's text (ISO), NULL when none */
} model_campaign_t;

typedef struct {
    char *id;
    char *phone;               /* E.164 as sent by the provider */
    contact_state_t state;
    char *raw_state;
    model_var_t *vars;         /* context variables */
    size_t nvars;
    int attempts;              /* -1 when unknown */
    time_t last_attempt;       /* 0 when never / unknown */
    int duration_s;            /* -1 when unknown */
    char *failure_reason;
    char *raw_json;
} model_contact_t;

/* --- names -------------------------------------------------------------- */
const char *model_provider_name(provider_t p);        /* "omnidim" */
const char *model_provider_label(provider_t p);       /* "OmniDimension" */
bool model_provider_from_name(const char *s, provider_t *out);
const char *model_campaign_state_name(campaign_state_t s); /* "active" */
const char *model_contact_state_name(contact_state_t s);   /* "no_answer" */
bool model_campaign_state_is_terminal(campaign_state_t s);

/* --- raw status mapping (case-insensitive; ' ' and '-' equal '_') ------- */
campaign_state_t model_campaign_state_from_raw(provider_t p, const char *raw);
contact_state_t model_contact_state_from_raw(provider_t p, const char *raw);
/* The instant a campaign starts, from its start time as the provider
 * writes it (provider.h: start_clock) and the campaign's zone (NULL: UTC);
 * 0 when the text, or a wall-clock time's zone, cannot be read: unknown
 * rather than guessed. */
time_t model_start_epoch(provider_t p, const char *text, const char *zone);
/* Sarvam reports per attempt: completion_status, connectivity_status and
 * next_action_status (NULL when final). Any may be NULL. */
contact_state_t model_sarvam_attempt_state(const char *completion,
                                           const char *connectivity,
                                           const char *next_action);

/* --- the action table ---------------------------------------------------- */
typedef struct {
    action_t action;
    const char *name;          /* "pause" */
    const char *verb_ing;      /* "pausing" (row shows "pausing...") */
    const char *past;          /* "paused" */
    int default_key;           /* 'p' */
    const char *help;          /* one line for help screen and footer */
    bool dangerous;            /* needs typed confirmation */
    bool per_campaign;         /* acts on a selected campaign (create does not) */
    /* Offered by some providers only: the footer leaves it out where the
     * provider lacks it instead of showing it disabled. */
    bool provider_specific;
} model_action_info_t;

const model_action_info_t *model_action_info(action_t a);
bool model_action_from_name(const char *s, action_t *out);

/* What follows an allowed action. NEXT_BY_START_TIME: scheduled if the
 * campaign's start is still ahead, else active (resume on Truedy/OmniDim).
 * NEXT_UNCHANGED: the state stays (a PATCH reschedule while paused). */
typedef enum {
    NEXT_STATE,
    NEXT_BY_START_TIME,
    NEXT_UNCHANGED
} model_next_kind_t;

typedef struct {
    model_next_kind_t kind;
    campaign_state_t state;    /* for NEXT_STATE */
} model_next_t;

/* Is `a` allowed on a campaign of provider `p` in state `s`? When refused
 * and `reason` is not NULL, writes a human sentence such as
 * "resume: campaign is active, only a paused campaign can be resumed".
 * For ACTION_CREATE the state is ignored. `next` (may be NULL) receives
 * what follows when allowed. */
bool model_action_allowed(provider_t p, campaign_state_t s, action_t a,
                          char *reason, size_t reason_len);
bool model_action_next(provider_t p, campaign_state_t s, action_t a,
                       model_next_t *next);
/* True when the provider offers the action at all (Truedy: no cancel). */
bool model_action_supported(provider_t p, action_t a);

/* What a reschedule changes on a provider: the start (OmniDim, Truedy),
 * or the working window (Sarvam, whose start cannot move). */
typedef enum {
    RESCHEDULE_MOVES_START,
    RESCHEDULE_SETS_WINDOW
} model_reschedule_kind_t;

model_reschedule_kind_t model_reschedule_kind(provider_t p);
/* Does a reschedule that moves the start (moves_start) and/or sets the
 * working window (sets_window) fit what provider p changes? When not and
 * `reason` is not NULL, a sentence such as "reschedule: Sarvam cannot
 * move a campaign's start; it changes the working window (hours, days,
 * timezone, end)". */
bool model_reschedule_fits(provider_t p, bool moves_start, bool sets_window, char *reason,
                           size_t reason_len);
/* The steps a reschedule takes from state s when the table refuses it
 * there but allows it once paused ("pause, update, resume" on Sarvam, as
 * its guide says); NULL when it needs none or cannot be reached so. */
const char *model_reschedule_offer(provider_t p, campaign_state_t s);

/* Resolve a model_next_t to a state given the campaign's start time. */
campaign_state_t model_next_resolve(model_next_t n, campaign_state_t current,
                                    time_t start, time_t now);

/* --- lifetime ------------------------------------------------------------ */
void model_campaign_init(model_campaign_t *c);
void model_campaign_free(model_campaign_t *c); /* frees members, not c */
void model_contact_init(model_contact_t *c);
void model_contact_free(model_contact_t *c);
/* Appends a context variable (copies both strings). Returns false on OOM. */
MUST_USE bool model_contact_add_var(model_contact_t *c, const char *key, const char *value);

#endif
