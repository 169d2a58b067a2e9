/* What the console holds between polls: campaign rows (from one or more
 * profiles) with their display strings sanitised once, on arrival.
 *
 * A refresh replaces one profile's rows wholesale; a row whose state
 * differs from the same id's previous state gets `changed_at` set so the
 * view can mark it for a few seconds. */
#ifndef DIALTOP_CAMPROWS_H
#define DIALTOP_CAMPROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "model.h"

#define CAMPROWS_CHANGED_MARK_S 4.0
/* How long a list poll keeps the full counts of a detail poll (see
 * carry_counts in camprows.c). */
#define CAMPROWS_COUNTS_KEEP_S 10.0

typedef struct {
    model_campaign_t m;     /* as parsed, owned (raw strings unsanitised) */
    int source;             /* index of the profile it came from */
    char *key;              /* "source/id": unique across profiles */
    /* sanitised for display */
    char *name;
    char *raw_state;
    char *next_run;         /* next start in the campaign's timezone, or "-" */
    char *failure;
    double changed_at;      /* monotonic seconds, 0 = not recently changed */
    double counts_at;       /* when the details' full counts came, 0 = never */
    size_t pos;             /* index in camprows_t.rows (kept by the index) */
    double live_at;         /* when OmniDim's live-status last came, 0 = never */
    /* When an action's read-back set the state (monotonic, 0 = never): a
     * poll asked before then may predate the action, so its state does not
     * replace the read-back's (camprows_set_read_back). */
    double read_back_at;
    int still_polls;        /* polls in a row an active campaign with calls
                               to make made no progress (see camprows_rank) */
    int attn;               /* attention rank: 0 = needs the operator first */
    unsigned alarm;         /* alert conditions met at the last check (alerts.h) */
    bool alarm_known;       /* checked before: a new bit is a transition */
} camp_row_t;

/* What makes a row need attention (config-settable thresholds). */
typedef struct {
    double fail_warn_pct;   /* FAIL% at or over this: coloured, ranked up */
    double fail_alert_pct;  /* and over this: ranked with failed campaigns */
    int stall_polls;        /* polls without progress before "stalled" */
} camprows_rules_t;


/* Why a row ranks where it does, most urgent first. */
typedef enum {
    ATTN_FAILED,        /* campaign failed, stalled, failure rate over alert */
    ATTN_UNREACHABLE,   /* its profile's backend does not answer */
    ATTN_FAIL_WARN,     /* failure rate over the warning threshold */
    ATTN_RUNNING,       /* active */
    ATTN_WAITING,       /* paused, scheduled, pending */
    ATTN_QUIET,         /* draft, unknown */
    ATTN_DONE,          /* completed, cancelled, ended */
} camprows_attn_t;



typedef struct {
    camp_row_t **rows;
    size_t n;
    /* Open-addressing hash of key -> row, rebuilt on every merge (O(n)),
     * so a poll of 50,000 campaigns does not look each one up by a scan
     * and the draw's lookups (marks, the open campaign) cost O(1).
     * `nslots` is a power of two at least twice n; NULL slots are empty. */
    camp_row_t **slots;
    size_t nslots;
} camprows_t;

/* Ranks a row (sets r->attn); `unreachable` is its profile's state. */
void camprows_rank(camp_row_t *r, const camprows_rules_t *rules, bool unreachable);
/* True when the row has counted as stalled under `rules`. */
bool camprows_stalled(const camp_row_t *r, const camprows_rules_t *rules);
/* Merges OmniDim live-status figures (`live`: state, counts and figures
 * only) into the row with `key`; false when no such row. */
bool camprows_apply_live(camprows_t *s, const char *key, const model_campaign_t *live,
                         double now, double asked_at);

void camprows_init(camprows_t *s);
void camprows_free(camprows_t *s);

/* Replaces the rows of `source` with `items` (moved in: the caller's
 * array elements are left initialised-empty and the array is its own to
 * free). `now` is monotonic, `wall` the wall clock for "next run".
 * `asked_at` (monotonic) is when the poll that read `items` was asked: a
 * row whose state an action read back after that keeps it. The same holds
 * for camprows_update_one and camprows_apply_live. */
bool camprows_replace_source(camprows_t *s, int source, model_campaign_t *items,
                          size_t n, double now, double asked_at, time_t wall);

/* Replaces one row's campaign (a detail refresh) by source and id. */
bool camprows_update_one(camprows_t *s, int source, model_campaign_t *c, double now,
                      double asked_at, time_t wall);
/* An action's read-back: the row's state is `state` (and the provider's
 * word `raw`, when given) from `now` on, until a poll asked after `now`
 * says otherwise. False when no such row. */
bool camprows_set_read_back(camprows_t *s, const char *key, campaign_state_t state,
                            const char *raw, double now);

/* The row with `key` ("source/id"), or NULL. O(1) on average. */
camp_row_t *camprows_find(const camprows_t *s, const char *key);

/* Formats `epoch` as local time in IANA zone `tz` ("2026-11-24 09:00 IST").
 * A missing or implausible zone name falls back to UTC, named as such. */
void camprows_format_in_zone(time_t epoch, const char *tz, char *out, size_t len);

#endif
