/* The receiver's database: the one module that owns it.
 *
 * SQLite in WAL mode. Each attempt is a small unit of work (the attempt as
 * received, its contact's latest state and attempt count, the per-state
 * counters) in its own savepoint; attempts arriving together share one
 * commit (group commit), and each is answered 2xx only after the commit
 * that holds it, so an acknowledged attempt survives kill -9. Counters are
 * kept per campaign and state as the attempts arrive, so a summary of a
 * 100,000-contact campaign reads a dozen rows, never the contacts.
 *
 * One connection, used under one lock: libmicrohttpd calls in from several
 * threads, and SQLite takes one writer at a time anyway. */
#ifndef DIALTOP_HOOKS_STORE_H
#define DIALTOP_HOOKS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "model.h"
#include "must_use.h"
#include "sarvam_webhook.h"

typedef struct hooks_store hooks_store_t;

/* How hard a commit waits for the disk. NORMAL (WAL's default) survives a
 * killed process; FULL also survives a power cut, at an fsync per commit. */
typedef enum { HOOKS_SYNC_NORMAL, HOOKS_SYNC_FULL } hooks_sync_t;

/* Opens or creates the database at `path` (its directory must exist).
 * NULL with one line in `err` on failure. */
MUST_USE hooks_store_t *hooks_store_open(const char *path, hooks_sync_t sync, char *err, size_t err_len);
void hooks_store_close(hooks_store_t *s);

typedef enum {
    HOOKS_STORE_ADDED,
    HOOKS_STORE_DUPLICATE,   /* this attempt_id was stored before: nothing changed */
    HOOKS_STORE_FAILED,      /* not stored (disk full, I/O error): `err` says why */
} hooks_store_result_t;

/* Files one attempt (parsed from `body`, which is stored as received) and
 * commits before returning. */
hooks_store_result_t hooks_store_add(hooks_store_t *s, const sarvam_webhook_t *w,
                                     const char *body, size_t body_len, time_t now,
                                     char *err, size_t err_len);

typedef struct {
    long contacts;                      /* distinct numbers heard of */
    long attempts;                      /* attempts stored */
    long by_state[CONTACT_STATE_COUNT]; /* contacts by their latest attempt's state */
    time_t updated_at;                  /* last attempt stored, 0 when none */
} hooks_summary_t;

/* A campaign the receiver has never heard of has an all-zero summary. */
bool hooks_store_summary(hooks_store_t *s, const char *campaign_id, hooks_summary_t *out,
                         char *err, size_t err_len);

/* One page of contacts (their latest attempts), in the order first heard
 * of, as Sarvam's list envelope {items, total, limit, offset,
 * next_page_uri, prev_page_uri}. `state` filters (CONTACT_UNKNOWN: all).
 * `self_path` is the request path, for the page URIs. Caller frees. */
char *hooks_store_page_json(hooks_store_t *s, const char *campaign_id, long offset,
                            long limit, contact_state_t state, const char *self_path,
                            char *err, size_t err_len);

/* Every campaign's summary, as {items:[summary...]} (caller frees). */
char *hooks_store_summaries_json(hooks_store_t *s, char *err, size_t err_len);

/* A summary as the receiver's JSON object (caller frees). */
char *hooks_summary_json(const char *campaign_id, const hooks_summary_t *sum);

#endif
