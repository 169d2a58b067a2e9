/* Opening a SQLite database the way every dialtop database is opened:
 * created if absent, WAL journal, a busy timeout, one connection used under
 * the caller's own lock (no SQLite mutexes). The webhook receiver
 * (hooks/hooks_store.c) and dialtop-sim's --state (sim/state_db.c) share it
 * so their durability settings cannot drift apart. */
#ifndef DIALTOP_SQLWAL_H
#define DIALTOP_SQLWAL_H

#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

/* How hard a commit waits for the disk. NORMAL (WAL's default) survives a
 * killed process; FULL also survives a power cut, at an fsync per commit. */
typedef enum { SQLWAL_SYNC_NORMAL, SQLWAL_SYNC_FULL } sqlwal_sync_t;

/* Opens or creates `path` (its directory must exist) in WAL mode. NULL with
 * one line in err: "cannot open PATH: why", or "PATH is not a usable
 * `what`: why" when the file is there but is no SQLite database. */
sqlite3 *sqlwal_open(const char *path, sqlwal_sync_t sync, const char *what, char *err,
                     size_t errlen);

/* Runs a prepared statement that returns no rows, then resets it for the
 * next use. false when the step failed (sqlite3_errmsg says why). */
bool sqlwal_step_done(sqlite3_stmt *st);

#endif
