/* Operator actions: the one path every pause, resume, reschedule and
 * cancel takes, from the console and the CLI alike.
 *
 *   1. Refuse before any request when the session is read-only, when the
 *      model's action table (model_action_allowed) refuses the action in
 *      the campaign's current state on its provider, when a dangerous
 *      action is not confirmed, or when a reschedule target is invalid,
 *      non-existent (DST gap) or past.
 *   2. Otherwise submit through the client exactly once. Actions are never
 *      retried: a failure is reported and the operator decides.
 *   3. Report the backend-confirmed state (re-reading the campaign when the
 *      reply named none) or the typed error. A reply that does not say
 *      whether the action was applied (lost, 5xx, unreadable 2xx) is
 *      "sent, outcome unknown": the campaign is read back and the report
 *      says what it shows; it counts as confirmed when it shows the state
 *      the action wanted. Any other failure is read back too, so "stays"
 *      is only ever said of a state that was read.
 *   4. Append one audit line in every case, refusals included.
 *
 * Strings in a report (campaign name, provider messages) are as received:
 * the console sanitises them before drawing. */
#ifndef DIALTOP_ACTION_H
#define DIALTOP_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "audit.h"
#include "client.h"
#include "model.h"
#include "schedule.h"

typedef struct action_ctx action_ctx_t;

/* `client` is borrowed and must outlive the context. `read_only` adds to
 * the profile's own read_only. `audit_path` NULL = audit_default_path(). */
action_ctx_t *action_ctx_new(client_t *client, bool read_only, const char *audit_path);
/* Forgets actions still in flight: their callbacks will not run. */
void action_ctx_free(action_ctx_t *ctx);

typedef struct {
    /* Reschedule: "YYYY-MM-DD HH:MM[:SS]" wall clock in `tz`. `tz` NULL:
     * the campaign's timezone, else the operator's local zone. */
    const char *at;
    const char *tz;
    /* Dangerous actions (cancel) are refused unless the operator confirmed
     * them (typed `y` in the console, --yes on the command line). */
    bool confirmed;
    /* "now" for the past-time check; 0 = time(NULL). */
    time_t now;
    /* Reschedule where it means the working window (Sarvam,
     * model_reschedule_kind): what to change, NULL = keep the campaign's.
     * hours "HH:MM-HH:MM", days "mon-sat" / "mon,wed,fri", end
     * "YYYY-MM-DD HH:MM" in the zone; `tz` is the window's zone there and
     * `at` is refused (the start cannot move). */
    const char *hours;
    const char *days;
    const char *end;
    /* Retry: reasons as contact-state names (no_answer, busy, failed) and
     * max_retries; concurrency: the new limit. Unused by other actions. */
    api_action_args_t args;
    /* The target state is already reached (a paused campaign to pause):
     * report AUDIT_ALREADY, send nothing. Without it the table refuses. */
    bool if_needed;
} action_params_t;

/* The complete working window a Sarvam reschedule sends: the details
 * merged with what the operator changed. */
typedef struct {
    char start[6], end[6];            /* "HH:MM" */
    unsigned days;                    /* bit 0 = Monday .. bit 6 = Sunday */
    char zone[SCHEDULE_ZONE_MAX];
    char end_at[32];                  /* ISO 8601 UTC, "" = the end stays */
    time_t end_epoch;
} action_window_t;

#define ACTION_ID_MAX 128
#define ACTION_NAME_MAX 256

typedef struct {
    action_t action;
    provider_t provider;
    char campaign_id[ACTION_ID_MAX];
    char campaign_name[ACTION_NAME_MAX];
    campaign_state_t before;          /* state the table judged */

    audit_outcome_t outcome;          /* confirmed, refused or failed */
    bool sent;                        /* a request went out */
    /* Sent, but the reply (lost, 5xx, or a 2xx that could not be read)
     * did not say whether it was applied: `state` is what the read-back
     * showed, and the outcome is confirmed only when that is the state the
     * action wanted. */
    bool unknown;
    /* `state` was read from the backend after the action went out (a
     * failed action is only said to "stay" in a state that was read). */
    bool read_back;

    /* confirmed: the backend's state (CAMPAIGN_UNKNOWN only if the reply
     * named none and the re-read failed too; see `message`). */
    campaign_state_t state;
    char raw_state[64];
    /* refused: the reason ("resume: campaign is active, only a paused
     * campaign can be resumed"); failed: the error message; confirmed:
     * the provider's message, "" when none. */
    char message[API_ERROR_MSG_MAX];
    api_error_t error;                /* failed: typed; refused: API_ERR_UNSUPPORTED */

    bool has_schedule;                /* reschedule: the resolved target */
    schedule_t schedule;
    bool has_window;                  /* reschedule of the working window */
    action_window_t window;           /* as sent; confirmed only once read back */

    /* retry and concurrency confirm by reading the campaign back: what it
     * then holds (-1 when unknown). */
    int concurrency;
    long pending;                     /* pending + queued + retry-scheduled */

    char audit_error[256];            /* "" when the audit line was written */
} action_report_t;

typedef void (*action_done_fn)(const action_report_t *report, void *ud);

/* Console form. Returns an id > 0 when the action is in flight: `done`
 * then runs once from inside client_poll(), with the campaign's row
 * showing "<verb_ing>..." (model_action_info(a)->verb_ing) until then.
 * Returns 0 when nothing went out (refused, or the client could not queue
 * the request): `*refused` is filled (and audited) at once and `done`
 * never runs. `campaign` is copied; it may change or go away. */
unsigned long action_submit(action_ctx_t *ctx, const model_campaign_t *campaign,
                            action_t action, const action_params_t *params,
                            action_done_fn done, void *ud, action_report_t *refused);

/* The retry reasons the model knows ("no_answer", "busy", "failed"); a
 * hyphen spelling ("no-answer") is accepted by action_retry_reason(). */
extern const char *const action_retry_reasons[];
/* The canonical reason for `s`, NULL when it is none. */
const char *action_retry_reason(const char *s);

/* CLI form: submits and polls the client until the report is in. */
void action_run(action_ctx_t *ctx, const model_campaign_t *campaign, action_t action,
                const action_params_t *params, action_report_t *out);

/* --- several targets: vet all, then send ------------------------------------ */

/* Every check action_submit() makes before sending, with nothing sent and
 * nothing audited: true when `campaign` would be sent; else `out` holds
 * the refusal. Lets a caller with several targets refuse them all when one
 * is refused ("one bad target sends nothing"). */
bool action_check(action_ctx_t *ctx, const model_campaign_t *campaign, action_t action,
                  const action_params_t *params, action_report_t *out);

/* Records (audits) and reports a refusal decided by the caller: nothing
 * is sent. `reason` is the whole message ("not sent: 999 could not be read"). */
void action_refuse(action_ctx_t *ctx, const model_campaign_t *campaign, action_t action,
                   const action_params_t *params, const char *reason, action_report_t *out);

/* Records (audits) and reports an action whose first read of campaign
 * `id` failed (404, 401, network): failed, nothing sent. */
void action_record_unread(action_ctx_t *ctx, const char *id, action_t action,
                          const action_params_t *params, const api_error_t *err,
                          action_report_t *out);

/* Actions in flight. */
size_t action_pending(const action_ctx_t *ctx);

/* --- what the dialogs need ----------------------------------------------- */

/* Calls a cancel would drop (pending, queued and retry-scheduled contacts),
 * -1 when the campaign's counts are not known. */
long action_cancel_drops(const model_campaign_t *c);

/* True when reschedule is refused in the campaign's state but would be
 * allowed once paused, and pause is allowed now (Truedy and Sarvam PATCH
 * only while scheduled or paused): the form then offers to pause first. */
bool action_reschedule_needs_pause(const model_campaign_t *c);

/* Prefill for the reschedule form: the current schedule as "YYYY-MM-DD
 * HH:MM" in the campaign's zone ("" when it has none), and the zone: the
 * campaign's, else the operator's local one. A wall-clock scheduled_at
 * (OmniDim) is used as sent; an ISO instant is converted into the zone. */
void action_reschedule_prefill(const model_campaign_t *c, char *when, size_t when_len,
                               char *zone, size_t zone_len);

#endif
