/* What the --state database's two halves share, and nothing else may
 * use: the connection object, its prepared statements and the staged rows.
 * state_db.c owns the commit path (stage rows under the simulator lock,
 * commit them as a group, wake the waiting replies); state_db_load.c owns
 * the file (create, open, load, migrate from JSON, close). The public
 * interface is state_db.h. */
#ifndef DIALTOP_SIM_STATE_DB_IMPL_H
#define DIALTOP_SIM_STATE_DB_IMPL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

/* The meta row "format": written with every commit, checked by the loader. */
#define STATE_DB_FORMAT "dialtop-sim-state"

/* Statements prepared once per connection (state_db_load.c prepares them,
 * the commit path runs them). */
enum { Q_BEGIN, Q_COMMIT, Q_ROLLBACK, Q_META, Q_CAMPAIGN, Q_CONTACT, Q_COUNT };

typedef enum { ROW_META, ROW_CAMPAIGN, ROW_CONTACT } row_kind_t;

/* A row as it was when staged: later changes to the store cannot leak
 * into a commit that a reply for an earlier instant waits on. */
typedef struct {
    row_kind_t kind;
    int dialect;               /* dialects.h's number */
    long num;
    long idx;
    char key[32];              /* meta key, or campaign id */
    char *text;
} row_t;

typedef struct {
    row_t *rows;
    size_t n, cap;
} rows_t;

struct state_db {
    sqlite3 *db;
    sqlite3_stmt *q[Q_COUNT];
    char *path;
    pthread_mutex_t qlock;     /* everything below */
    pthread_cond_t qcond;
    rows_t staged;             /* not yet taken by a committer */
    uint64_t staged_seq;       /* ticket of the last staging */
    uint64_t committed_seq;    /* every ticket up to this is durable */
    uint64_t failed_seq;       /* the last commit that failed covered up to this */
    bool committing;
    char failure[256];
};

void state_db_rows_free(rows_t *r);

#endif
