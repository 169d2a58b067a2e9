/* dialtop-sim's --state database: the one module that owns it.
 *
 * SQLite in WAL mode (opened as the webhook receiver's is, api/sqlwal.c).
 * One row per campaign, one per contact, a few meta rows (clock, seed, id
 * counters); each row holds the object persist.c writes for it. After
 * every request the rows the store marked as changed (store_marks.c) are
 * staged, under the simulator lock, as copies; the reply then waits until
 * a commit holds them. Requests that arrive together share one commit
 * (group commit, as the receiver does), so 50 clients pay for a few
 * fsyncs, not 50, and a change to one contact of a 1M-contact campaign
 * writes one row. kill -9 at any moment leaves the last commit whole.
 *
 * A --state file in the old JSON format (version 1, whole store rewritten
 * per change) is migrated once at start: loaded and checked as before,
 * written to a new database beside it, which then replaces it; the JSON
 * file is kept as FILE.json-v1. A corrupt JSON file is refused as before
 * and never touched.
 *
 * Staging and waiting may come from any thread; one connection is used by
 * one committer at a time. */
#ifndef DIALTOP_SIM_STATE_DB_H
#define DIALTOP_SIM_STATE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

typedef struct state_db state_db_t;

/* Opens path into the empty store s: loads an existing database, migrates
 * an old JSON file, or creates a new database when there is no file.
 * *loaded is true when there was a state to load. Afterwards s is tracked
 * (store_track): its changes are marked for state_db_stage. NULL with one
 * sentence in err when the file is unusable (then it was not modified) or
 * cannot be created. */
state_db_t *state_db_open(const char *path, store_t *s, int64_t *sim_now, bool *loaded,
                          char *err, size_t errlen);
/* Commits whatever is staged, then closes (the WAL is folded back into the
 * file). NULL is fine. */
void state_db_close(state_db_t *db);

/* Under the simulator lock: copies every marked row of s (and the meta
 * rows when anything was marked or `force`) into the next commit and
 * clears the marks. Returns the ticket a reply waits on: it also covers
 * rows staged earlier, so a reply never shows state that is not durable.
 * false in *ok on out of memory (the marks stay; nothing is lost). */
uint64_t state_db_stage(state_db_t *db, store_t *s, int64_t sim_now, bool force, bool *ok);

/* Outside the simulator lock: returns once a commit holds everything up to
 * ticket (committing it if nobody else is). false with err when that
 * commit failed (the rows stay staged and are retried by the next one). */
bool state_db_wait(state_db_t *db, uint64_t ticket, char *err, size_t errlen);

#endif
