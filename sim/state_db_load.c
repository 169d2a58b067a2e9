/* The --state database's file: create, open, load, migrate from the JSON
 * format, close; see state_db.h. The commit path is in state_db.c. */
#include "state_db.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "persist.h"
#include "sqlwal.h"
#include "state_db_impl.h"

/* 'dtsm': a database of another program (the receiver's, say) given as
 * --state is refused instead of having tables added to it. */
#define APP_ID 0x6474736d
#define SCHEMA_VERSION 1

/* Keys are the dialect's number (dialects.h; the column is called
 * provider, as it was when dialect and provider numbers were one) and the
 * campaign's sequence number, which the store never reuses once a
 * campaign is kept; the row is the JSON object persist.c reads back with
 * every field checked. */
static const char *const schema =
    "PRAGMA application_id=1685353325;" /* APP_ID in decimal */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE campaigns(provider INTEGER NOT NULL, num INTEGER NOT NULL, id TEXT NOT NULL,"
    "  row TEXT NOT NULL, PRIMARY KEY(provider, num)) WITHOUT ROWID;"
    "CREATE TABLE contacts(provider INTEGER NOT NULL, num INTEGER NOT NULL, idx INTEGER NOT NULL,"
    "  row TEXT NOT NULL, PRIMARY KEY(provider, num, idx)) WITHOUT ROWID;"
    "PRAGMA user_version=1;";

static const char *const sql[Q_COUNT] = {
    [Q_BEGIN] = "BEGIN IMMEDIATE",
    [Q_COMMIT] = "COMMIT",
    [Q_ROLLBACK] = "ROLLBACK",
    [Q_META] = "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)",
    [Q_CAMPAIGN] = "INSERT OR REPLACE INTO campaigns(provider, num, id, row) VALUES(?1, ?2, ?3, ?4)",
    [Q_CONTACT] = "INSERT OR REPLACE INTO contacts(provider, num, idx, row) VALUES(?1, ?2, ?3, ?4)",
};

/* path + suffix in out; false when it does not fit. */
static bool side_path(char *out, size_t n, const char *path, const char *suffix)
{
    int w = snprintf(out, n, "%s%s", path, suffix);
    return w >= 0 && (size_t)w < n;
}

static void unlink_db(const char *path)
{
    char side[4200];
    unlink(path);
    if (side_path(side, sizeof side, path, "-wal"))
        unlink(side);
    if (side_path(side, sizeof side, path, "-shm"))
        unlink(side);
}

static bool prepare_all(state_db_t *db, char *err, size_t errlen)
{
    for (int i = 0; i < Q_COUNT; i++) {
        if (sqlite3_prepare_v2(db->db, sql[i], -1, &db->q[i], NULL) != SQLITE_OK) {
            snprintf(err, errlen, "state file %s: %s", db->path, sqlite3_errmsg(db->db));
            return false;
        }
    }
    return true;
}

static void close_conn(state_db_t *db)
{
    for (int i = 0; i < Q_COUNT; i++) {
        sqlite3_finalize(db->q[i]);
        db->q[i] = NULL;
    }
    /* the last connection's close folds the WAL back into the file */
    sqlite3_close(db->db);
    db->db = NULL;
}

static void db_free(state_db_t *db)
{
    close_conn(db);
    state_db_rows_free(&db->staged);
    pthread_mutex_destroy(&db->qlock);
    pthread_cond_destroy(&db->qcond);
    free(db->path);
    free(db);
}

/* A connection object for file, opened the way every connection to the
 * state is (sqlwal: WAL, full sync). NULL only when out of memory, with
 * err saying so about path (the name the user gave; file may be the
 * temporary beside it). A connection SQLite refused is db->db == NULL
 * with why saying why: creating and opening word that failure each their
 * own way. */
static state_db_t *db_connect(const char *file, const char *path, char *err, size_t errlen, char *why,
                              size_t whylen)
{
    state_db_t *db = calloc(1, sizeof *db);
    if (!db || !(db->path = strdup(file))) {
        free(db);
        snprintf(err, errlen, "state file %s: out of memory", path);
        return NULL;
    }
    pthread_mutex_init(&db->qlock, NULL);
    pthread_cond_init(&db->qcond, NULL);
    db->db = sqlwal_open(file, SQLWAL_SYNC_FULL, "database", why, whylen);
    return db;
}

/* A new database holding all of s, built beside path and renamed over it,
 * so a kill at any moment leaves no half-made file where the state goes
 * (an empty file there would be refused as corrupt at the next start). */
static bool create_file(const char *path, store_t *s, int64_t sim_now, char *err, size_t errlen)
{
    char tmp[4200];
    if (!side_path(tmp, sizeof tmp, path, ".new")) {
        snprintf(err, errlen, "cannot save state file %s: the name is too long", path);
        return false;
    }
    unlink_db(tmp);
    /* mode 600 as the JSON file had: the rows hold webhook URLs with the
     * receiver's token; SQLite gives its -wal and -shm the file's mode */
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, errlen, "cannot save state file %s: %s", path, strerror(errno));
        return false;
    }
    close(fd);
    char why[512];
    state_db_t *db = db_connect(tmp, path, err, errlen, why, sizeof why);
    if (!db)
        return false;
    char *msg = NULL;
    bool ok = db->db && sqlite3_exec(db->db, schema, NULL, NULL, &msg) == SQLITE_OK;
    if (db->db && !ok)
        snprintf(why, sizeof why, "%s", msg ? msg : sqlite3_errmsg(db->db));
    sqlite3_free(msg);
    ok = ok && prepare_all(db, why, sizeof why);
    if (ok) {
        store_track(s, true);
        bool staged;
        uint64_t t = state_db_stage(db, s, sim_now, true, &staged);
        ok = staged && state_db_wait(db, t, why, sizeof why);
        if (!staged)
            snprintf(why, sizeof why, "out of memory");
    }
    /* everything into the file itself before it is renamed: a WAL left
     * beside the temporary name would not follow it */
    if (ok && sqlite3_exec(db->db, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(why, sizeof why, "%s", sqlite3_errmsg(db->db));
        ok = false;
    }
    close_conn(db);
    db_free(db);
    if (ok && rename(tmp, path) != 0) {
        snprintf(why, sizeof why, "%s", strerror(errno));
        ok = false;
    }
    if (!ok) {
        unlink_db(tmp);
        snprintf(err, errlen, "cannot save state file %s: %s", path, why);
        return false;
    }
    persist_fsync_dir(path);
    return true;
}

typedef struct {
    persist_loader_t L;
    state_db_t *db;
} load_t;

static bool corrupt(load_t *ld, const char *what)
{
    if (!ld->L.failed)
        snprintf(ld->L.err, ld->L.errlen,
                 "state file %s is corrupt (%s); refusing to start, the file was left untouched",
                 ld->db->path, what);
    ld->L.failed = true;
    return false;
}

static bool load_meta(load_t *ld, store_t *s, int64_t *sim_now)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(ld->db->db, "SELECT key, value FROM meta", -1, &st, NULL) != SQLITE_OK)
        return corrupt(ld, sqlite3_errmsg(ld->db->db));
    int seen = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(st, 0);
        const char *v = (const char *)sqlite3_column_text(st, 1);
        char *end = NULL;
        if (!k || !v)
            continue;
        if (strcmp(k, "format") == 0) {
            seen |= strcmp(v, STATE_DB_FORMAT) == 0 ? 1 : 0;
        } else if (strcmp(k, "sim_now") == 0) {
            *sim_now = strtoll(v, &end, 10);
            seen |= *end == '\0' && *v ? 2 : 0;
        } else if (strcmp(k, "seed") == 0) {
            s->seed = strtoull(v, &end, 16);
            seen |= *end == '\0' && *v ? 4 : 0;
        } else if (strncmp(k, "next_num.", 9) == 0) {
            provider_t p;
            sim_dialect_t d;
            long n = strtol(v, &end, 10);
            if (!model_provider_from_name(k + 9, &p) || !sim_dialect_of(p, &d) || *end || n < 1)
                continue;
            s->next_num[d] = n;
            seen |= 8 << d;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return corrupt(ld, sqlite3_errmsg(ld->db->db));
    int all = 1 | 2 | 4;
    for (int d = 0; d < SIM_DIALECT_COUNT; d++)
        all |= 8 << d;
    return seen == all || corrupt(ld, "meta rows");
}

static bool parse_row(load_t *ld, sqlite3_stmt *st, int col, cJSON **out)
{
    const char *text = (const char *)sqlite3_column_text(st, col);
    *out = text ? cJSON_Parse(text) : NULL;
    return *out || corrupt(ld, "a row is not valid JSON");
}

static bool load_campaigns(load_t *ld, store_t *s)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(ld->db->db, "SELECT provider, num, row FROM campaigns ORDER BY provider, num",
                           -1, &st, NULL) != SQLITE_OK)
        return corrupt(ld, sqlite3_errmsg(ld->db->db));
    int rc;
    while (!ld->L.failed && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        cJSON *o;
        if (!parse_row(ld, st, 2, &o))
            break;
        store_campaign_t *c = persist_load_campaign(&ld->L, s, o);
        cJSON_Delete(o);
        sim_dialect_t d;
        if (c && (!sim_dialect_of(c->provider, &d) || (int)d != sqlite3_column_int(st, 0) ||
                  c->num != sqlite3_column_int64(st, 1)))
            corrupt(ld, "campaign key");
    }
    if (!ld->L.failed && rc != SQLITE_DONE)
        corrupt(ld, sqlite3_errmsg(ld->db->db));
    sqlite3_finalize(st);
    return !ld->L.failed;
}

/* The campaigns of one dialect are in num order: binary search. */
static store_campaign_t *find_num(const store_t *s, int dialect, long num)
{
    if (dialect < 0 || dialect >= SIM_DIALECT_COUNT)
        return NULL;
    const store_list_t *l = &s->by_dialect[dialect];
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->items[mid]->num < num)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < l->n && l->items[lo]->num == num ? l->items[lo] : NULL;
}

static bool load_contacts(load_t *ld, store_t *s)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(ld->db->db,
                           "SELECT provider, num, idx, row FROM contacts ORDER BY provider, num, idx", -1,
                           &st, NULL) != SQLITE_OK)
        return corrupt(ld, sqlite3_errmsg(ld->db->db));
    store_campaign_t *c = NULL;
    int cd = -1; /* c's dialect */
    int rc;
    while (!ld->L.failed && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int d = sqlite3_column_int(st, 0);
        long num = (long)sqlite3_column_int64(st, 1);
        if (!c || cd != d || c->num != num) {
            c = find_num(s, d, num);
            cd = d;
        }
        if (!c) {
            corrupt(ld, "a contact of no campaign");
            break;
        }
        /* contacts are only ever appended: their indices have no gaps */
        if (sqlite3_column_int64(st, 2) != (sqlite3_int64)c->ncontacts) {
            corrupt(ld, "contact rows out of sequence");
            break;
        }
        cJSON *o;
        if (!parse_row(ld, st, 3, &o))
            break;
        persist_load_contact(&ld->L, c, o);
        cJSON_Delete(o);
    }
    if (!ld->L.failed && rc != SQLITE_DONE)
        corrupt(ld, sqlite3_errmsg(ld->db->db));
    sqlite3_finalize(st);
    return !ld->L.failed;
}

static int pragma_int(sqlite3 *db, const char *sqltext)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(db, sqltext, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Opens the database at path and loads it into s. */
static state_db_t *open_existing(const char *path, store_t *s, int64_t *sim_now, bool load, char *err,
                                 size_t errlen)
{
    char why[512];
    state_db_t *db = db_connect(path, path, err, errlen, why, sizeof why);
    if (!db)
        return NULL;
    if (!db->db) {
        snprintf(err, errlen, "cannot read state file %s (%s); refusing to start", path, why);
        db_free(db);
        return NULL;
    }
    int app = pragma_int(db->db, "PRAGMA application_id");
    int version = pragma_int(db->db, "PRAGMA user_version");
    if (app != APP_ID) {
        snprintf(err, errlen, "state file %s is an SQLite database of another program; refusing to "
                              "start, the file was left untouched", path);
        db_free(db);
        return NULL;
    }
    if (version != SCHEMA_VERSION) {
        snprintf(err, errlen, "state file %s has schema version %d, this dialtop-sim reads version "
                              "%d; refusing to start, the file was left untouched", path, version,
                 SCHEMA_VERSION);
        db_free(db);
        return NULL;
    }
    load_t ld = {{err, errlen, path, false, true}, db};
    if (load && (!load_meta(&ld, s, sim_now) || !load_campaigns(&ld, s) || !load_contacts(&ld, s))) {
        uint64_t seed = s->seed;
        store_free(s);
        store_init(s, seed);
        db_free(db);
        return NULL;
    }
    /* writable now, not on the first action (which would change memory
     * and then answer 500) */
    if (!prepare_all(db, err, errlen) || !sqlwal_step_done(db->q[Q_BEGIN]) ||
        !sqlwal_step_done(db->q[Q_COMMIT])) {
        snprintf(err, errlen, "cannot save state file %s: %s", path, sqlite3_errmsg(db->db));
        db_free(db);
        return NULL;
    }
    return db;
}

static const char sqlite_magic[16] = "SQLite format 3";

state_db_t *state_db_open(const char *path, store_t *s, int64_t *sim_now, bool *loaded,
                          char *err, size_t errlen)
{
    *loaded = false;
    char head[16] = {0};
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno != ENOENT) {
        snprintf(err, errlen, "cannot read state file %s: %s; refusing to start", path, strerror(errno));
        return NULL;
    }
    if (fd < 0) {
        /* a fresh start: the empty store, as a database */
        if (!create_file(path, s, *sim_now, err, errlen))
            return NULL;
        store_track(s, false);
        return open_existing(path, s, sim_now, false, err, errlen);
    }
    ssize_t got = read(fd, head, sizeof head);
    close(fd);
    if (got == (ssize_t)sizeof head && memcmp(head, sqlite_magic, sizeof head) == 0) {
        state_db_t *db = open_existing(path, s, sim_now, true, err, errlen);
        if (db) {
            *loaded = true;
            store_track(s, false);
        }
        return db;
    }
    /* The JSON format (version 1): checked by its own loader, which
     * refuses a corrupt file without touching it; then migrated once. */
    if (persist_load(path, s, sim_now, err, errlen) < 0)
        return NULL;
    char backup[4200];
    if (!side_path(backup, sizeof backup, path, ".json-v1")) {
        snprintf(err, errlen, "cannot migrate state file %s: the name is too long", path);
        return NULL;
    }
    unlink(backup);
    if (link(path, backup) != 0) {
        snprintf(err, errlen, "cannot migrate state file %s: cannot keep the JSON file as %s (%s); "
                              "refusing to start, the file was left untouched", path, backup,
                 strerror(errno));
        return NULL;
    }
    if (!create_file(path, s, *sim_now, err, errlen))
        return NULL;
    fprintf(stderr, "dialtop-sim: state file %s migrated from JSON to SQLite; the JSON file is kept as %s\n",
            path, backup);
    *loaded = true;
    store_track(s, false);
    return open_existing(path, s, sim_now, false, err, errlen);
}

void state_db_close(state_db_t *db)
{
    if (!db)
        return;
    char err[256];
    pthread_mutex_lock(&db->qlock);
    uint64_t t = db->staged_seq;
    pthread_mutex_unlock(&db->qlock);
    if (!state_db_wait(db, t, err, sizeof err))
        fprintf(stderr, "dialtop-sim: %s\n", err);
    db_free(db);
}
