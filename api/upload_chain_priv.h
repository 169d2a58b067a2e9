/* What upload_chain.c and upload_chain_resume.c share. Not for any other
 * file. */
#ifndef DIALTOP_UPLOAD_CHAIN_PRIV_H
#define DIALTOP_UPLOAD_CHAIN_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "schedule.h"
#include "upload_chain.h"

/* The uploader keeps to this share of the provider's rate, leaving the
 * rest to the console's polling of the same organisation. */
#define PACE_SHARE_NUM 8
#define PACE_SHARE_DEN 10
#define PACE_WINDOW_MS 60000LL
#define PACE_SLOTS 256
/* 429s in a row on one chunk before giving up (each waits the reset). */
#define RATE_TRIES_MAX 30
/* Unknown outcomes settled by a read-back in a row before giving up. */
#define SETTLE_TRIES_MAX 3
/* A provider without drafts (Truedy) gets the batch scheduled this far
 * ahead while the list uploads, then moved to the operator's start: a
 * run killed halfway leaves a batch that has not dialed, with a week to
 * resume it (or pause it). */
#define HOLD_SECONDS (7L * 86400L)

typedef enum { STEP_CREATE, STEP_ADD, STEP_SETTLE, STEP_START, STEP_RELEASE, STEP_VERIFY } step_t;

struct upload_chain {
    client_t *c;
    const driver_t *d;
    const api_create_spec_t *spec;
    api_create_spec_t first;      /* spec cut to the first chunk */
    upload_journal_t *j;
    client_create_fn cb;
    void *ud;
    unsigned long op;
    step_t step;
    size_t chunk;                 /* contacts a call */
    size_t acked;                 /* contacts [0, acked) confirmed */
    size_t send_last;             /* the chunk in flight or in doubt: [acked, send_last) */
    bool in_doubt;
    api_created_t created;
    bool draft, started;
    bool held, released;
    bool finding;                 /* resume: did a create whose reply was lost make one? */          /* no drafts: scheduled at hold_when until released */
    char hold_when[SCHEDULE_WHEN_MAX];
    char zone[SCHEDULE_ZONE_MAX];
    char release_when[SCHEDULE_WHEN_MAX];
    int rate_tries, settle_tries;
    long long sends[PACE_SLOTS];  /* when the last requests left (ring) */
    size_t nsends, sendpos, budget;
    size_t rejected_at[CHUNK_REJECTS_KEPT];
    size_t nrejected_at;
    char note[512];
};

/* Reports once (journals "done" on success, notes where a failed
 * campaign stands). */
void chain_finish(upload_chain_t *ch, const api_error_t *err);
/* A 429: the next request waits its reset; false after too many. */
bool chain_wait_rate(upload_chain_t *ch, const api_error_t *err);
void chain_send_create(upload_chain_t *ch, long delay_ms);

/* upload_chain_resume.c: the chain set from the journal (false with `e`
 * when it cannot go on), and the look for a lost create's campaign. */
bool chain_resume_from(upload_chain_t *ch, const upload_journal_state_t *r, api_error_t *e);
void chain_find(upload_chain_t *ch);

#endif
