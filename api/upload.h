/* Upload: turns a validated import into a campaign on the backend.
 *
 * Shared by `dialtop import FILE` and the console's import screen, so both
 * refuse the same bad settings before anything is sent, send exactly the
 * accepted contacts, and write the same audit line.
 *
 *   upload_settings_t s; upload_settings_init(&s); s.name = "...";
 *   if (!upload_check(provider, &s, time(NULL), reason, sizeof reason)) ...
 *   upload_t *u = upload_start(client, result, &s, reason, sizeof reason);
 *   ... client_poll() from the main loop (or upload_wait()) ...
 *   if (upload_finished(u)) { const upload_outcome_t *o = upload_outcome(u); }
 *   upload_free(u);
 *
 * The import result and the client must outlive the upload.
 *
 * Big lists (OmniDim always, Truedy past one call) go through
 * upload_chain.h: created with the first chunk as a draft (OmniDim) or
 * held a week ahead (Truedy), the rest added in chunks under 16 MiB and
 * paced under the provider's rate, then started or released; with
 * s.journal_path each step is journalled (upload_journal.h) so that
 * s.resume continues an interrupted upload without sending twice. */
#ifndef DIALTOP_UPLOAD_H
#define DIALTOP_UPLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "client.h"
#include "import.h"
#include "schedule.h"

#define UPLOAD_REASON_MAX 256

typedef struct {
    const char *name;             /* required */
    const char *at;               /* "YYYY-MM-DD HH:MM[:SS]"; NULL = start now */
    const char *tz;               /* IANA zone for `at`; NULL = the operator's zone */
    int concurrency;              /* <= 0: provider default */
    int retry_limit;              /* -1: provider default; else 0..5 */
    /* With retry_limit > 0: when an unanswered contact is tried again.
     * RETRY_NONE here means "provider default" (immediately, as before). */
    retry_schedule_t retry_schedule;
    int retry_after_hours;        /* RETRY_SCHEDULED_TIME: hours to wait, 1..720 */
    const char *hours;            /* working window "HH:MM-HH:MM" in the campaign's zone;
                                     NULL or "" = provider default (around the clock) */
    const char *days;             /* working days: "mon-fri", "mon,wed,sat", "all";
                                     NULL or "" = provider default (every day) */
    int max_calls_per_day;        /* Truedy's daily cap; <= 0: no cap */
    const char *phone_number_id;  /* OmniDim caller number (required there) */
    const char *agent_id;         /* Truedy agent_id, Sarvam app_id */
    const char *audit_path;       /* NULL = the default audit log */
    const char *source_file;      /* the contact list, for the audit line; NULL = none */
    /* Big lists (upload_chain.h): the journal that makes an interrupted
     * upload resumable (NULL: none), and whether to continue the upload
     * it describes instead of creating a campaign. */
    const char *journal_path;
    bool resume;
} upload_settings_t;

void upload_settings_init(upload_settings_t *s);

/* Which campaign settings a provider's create call takes, so the console
 * shows only those fields and upload_check refuses the others by name
 * (a setting silently dropped would be a lie to the operator). */
typedef enum {
    UPLOAD_OFFER_CONCURRENCY,
    UPLOAD_OFFER_RETRY,           /* retry_limit, retry_schedule, retry_after_hours */
    UPLOAD_OFFER_HOURS,           /* working window */
    UPLOAD_OFFER_DAYS,            /* working days */
    UPLOAD_OFFER_DAILY_CAP,       /* max_calls_per_day */
    UPLOAD_OFFER_CALLER_ID,       /* phone_number_id */
    UPLOAD_OFFER_COUNT
} upload_offer_t;

bool upload_offers(provider_t p, upload_offer_t o);

/* Shared parsers for the CLI flags and the console form; false with one
 * sentence in `reason`. "09:00-18:00" -> "09:00", "18:00" (start before
 * end). "mon-fri" / "mon,wed,sat" / "all" (case-insensitive, also full
 * day names) -> bit 0 = Monday .. bit 6 = Sunday. "immediately",
 * "next_day", "6h" (after 6 hours) -> schedule + hours. */
bool upload_parse_hours(const char *text, char start[6], char end[6], char *reason,
                        size_t reason_len);
bool upload_parse_days(const char *text, unsigned *mask, char *reason, size_t reason_len);
bool upload_parse_retry_schedule(const char *text, retry_schedule_t *schedule, int *hours,
                                 char *reason, size_t reason_len);

/* Everything knowable before a request: the name (Sarvam's rule
 * ^[\w\- ]{1,50}$, others non-empty and at most 200 bytes), the schedule
 * (a real, future time in a real zone), the retry settings, the working
 * window and days, a setting the provider does not offer, OmniDim's
 * caller number. False with one sentence in `reason`. */
bool upload_check(provider_t p, const upload_settings_t *s, time_t now, char *reason,
                  size_t reason_len);

typedef struct upload upload_t;

typedef struct {
    bool confirmed;               /* the backend confirmed the campaign and every chunk */
    bool has_created;             /* created.id is set (also on a mid-way chunk failure) */
    api_created_t created;
    api_error_t err;              /* when !confirmed */
    size_t contacts_sent;         /* contacts the backend accepted before any failure */
    size_t rejected_at[CHUNK_REJECTS_KEPT]; /* list positions of rows the backend refused */
    size_t nrejected_at;
    char note[512];               /* where a failed big-list upload left the campaign */
    char audit_error[UPLOAD_REASON_MAX]; /* "" when the audit line was written */
} upload_outcome_t;

/* Checks (upload_check), submits the creation; the drivers read the
 * accepted contacts from `r` one at a time as they write them. NULL with
 * `reason` when refused before sending; a refusal is audited too (outcome
 * refused, nothing sent). */
upload_t *upload_start(client_t *c, const import_result_t *r, const upload_settings_t *s,
                       char *reason, size_t reason_len);

/* The same for any list: contacts 0..ncontacts-1 read through `reader`
 * from `src` (which must outlive the upload), e.g. a follow-up's. */
upload_t *upload_start_list(client_t *c, api_contact_reader_t reader, const void *src,
                            size_t ncontacts, const upload_settings_t *s, char *reason,
                            size_t reason_len);

/* Progress for a bar: contacts confirmed so far of the total. */
void upload_progress(const upload_t *u, size_t *done, size_t *total);
bool upload_finished(const upload_t *u);
/* Valid once finished. */
const upload_outcome_t *upload_outcome(const upload_t *u);

/* After a failed upload: one sentence on what the operator can do next,
 * shared by the console and `dialtop import`. A reply lost to the network
 * or a 5xx may come after the provider made the campaign (a create is
 * never retried), so those say to look at the list before trying again.
 * "" for a confirmed upload. */
void upload_advice(const upload_outcome_t *o, char *out, size_t out_len);

/* True when the failure proves nothing was created (the provider refused
 * the request), so trying again cannot make a second campaign. */
bool upload_safe_to_retry(const upload_outcome_t *o);

/* `fn` runs once, from inside client_poll(), when the upload finishes
 * (the console redraws and refreshes its list then). */
void upload_on_finish(upload_t *u, void (*fn)(void *ud), void *ud);

/* Blocking: polls the client until finished, calling `progress` (may be
 * NULL) whenever the figure changes. */
typedef void (*upload_progress_fn)(size_t done, size_t total, void *ud);
void upload_wait(upload_t *u, upload_progress_fn progress, void *ud);

/* Cancels a creation still running (nothing further is sent) and frees. */
void upload_free(upload_t *u);

#endif
