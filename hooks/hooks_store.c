/* The receiver's SQLite store; see hooks_store.h. */
#include "hooks_store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "dynbuf.h"
#include "sqlwal.h"


/* The contact's state is stored by name, not by enum value, so a model
 * that grows a state never reinterprets an old database. */
static const char *const schema =
    "CREATE TABLE IF NOT EXISTS attempts("
    "  attempt_id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, phone TEXT NOT NULL,"
    "  state TEXT NOT NULL, received_at INTEGER NOT NULL, body TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS contacts("
    "  id INTEGER PRIMARY KEY, campaign_id TEXT NOT NULL, phone TEXT NOT NULL,"
    "  state TEXT NOT NULL, attempts INTEGER NOT NULL, last_attempt_id TEXT NOT NULL,"
    "  updated_at INTEGER NOT NULL, UNIQUE(campaign_id, phone));"
    /* Covering indexes in page order: an offset deep into 100,000
     * contacts skips index entries only, never table rows or bodies. */
    "CREATE INDEX IF NOT EXISTS contacts_page ON contacts(campaign_id, id, state, attempts,"
    "  updated_at, last_attempt_id);"
    "CREATE INDEX IF NOT EXISTS contacts_page_by_state ON contacts(campaign_id, state, id,"
    "  attempts, updated_at, last_attempt_id);"
    "CREATE TABLE IF NOT EXISTS counts("
    "  campaign_id TEXT NOT NULL, state TEXT NOT NULL, n INTEGER NOT NULL,"
    "  PRIMARY KEY(campaign_id, state)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS campaigns("
    "  campaign_id TEXT PRIMARY KEY, contacts INTEGER NOT NULL, attempts INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL) WITHOUT ROWID;";

/* Prepared once; each names what it is for. */
enum {
    Q_BEGIN, Q_COMMIT, Q_ROLLBACK, Q_SAVEPOINT, Q_RELEASE, Q_UNDO_ONE,
    Q_ADD_ATTEMPT, Q_FIND_CONTACT, Q_NEW_CONTACT, Q_SET_CONTACT,
    Q_COUNT_DOWN, Q_COUNT_UP, Q_CAMPAIGN_ADD,
    Q_CAMPAIGN, Q_COUNTS, Q_PAGE_ALL, Q_PAGE_STATE, Q_CAMPAIGNS,
    Q_COUNT
};

static const char *const sql[Q_COUNT] = {
    [Q_BEGIN] = "BEGIN IMMEDIATE",
    [Q_COMMIT] = "COMMIT",
    [Q_ROLLBACK] = "ROLLBACK",
    [Q_SAVEPOINT] = "SAVEPOINT one",
    [Q_RELEASE] = "RELEASE one",
    [Q_UNDO_ONE] = "ROLLBACK TO one",
    [Q_ADD_ATTEMPT] = "INSERT OR IGNORE INTO attempts(attempt_id, campaign_id, phone, state,"
                      " received_at, body) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_FIND_CONTACT] = "SELECT state FROM contacts WHERE campaign_id = ?1 AND phone = ?2",
    [Q_NEW_CONTACT] = "INSERT INTO contacts(campaign_id, phone, state, attempts,"
                      " last_attempt_id, updated_at) VALUES(?1, ?2, ?3, 1, ?4, ?5)",
    [Q_SET_CONTACT] = "UPDATE contacts SET state = ?3, attempts = attempts + 1,"
                      " last_attempt_id = ?4, updated_at = ?5"
                      " WHERE campaign_id = ?1 AND phone = ?2",
    [Q_COUNT_DOWN] = "UPDATE counts SET n = n - 1 WHERE campaign_id = ?1 AND state = ?2",
    [Q_COUNT_UP] = "INSERT INTO counts(campaign_id, state, n) VALUES(?1, ?2, 1)"
                   " ON CONFLICT(campaign_id, state) DO UPDATE SET n = n + 1",
    [Q_CAMPAIGN_ADD] = "INSERT INTO campaigns(campaign_id, contacts, attempts, updated_at)"
                       " VALUES(?1, ?2, 1, ?3) ON CONFLICT(campaign_id) DO UPDATE SET"
                       " contacts = contacts + ?2, attempts = attempts + 1,"
                       " updated_at = max(updated_at, ?3)",
    [Q_CAMPAIGN] = "SELECT contacts, attempts, updated_at FROM campaigns WHERE campaign_id = ?1",
    [Q_COUNTS] = "SELECT state, n FROM counts WHERE campaign_id = ?1",
    /* The page is cut from the index first; only its rows meet the bodies. */
    [Q_PAGE_ALL] = "SELECT c.state, c.attempts, c.updated_at, a.body FROM"
                   " (SELECT id, state, attempts, updated_at, last_attempt_id FROM contacts"
                   "  INDEXED BY contacts_page WHERE campaign_id = ?1 ORDER BY id"
                   "  LIMIT ?2 OFFSET ?3) c"
                   " JOIN attempts a ON a.attempt_id = c.last_attempt_id ORDER BY c.id",
    [Q_PAGE_STATE] = "SELECT c.state, c.attempts, c.updated_at, a.body FROM"
                     " (SELECT id, state, attempts, updated_at, last_attempt_id FROM contacts"
                     "  INDEXED BY contacts_page_by_state WHERE campaign_id = ?1 AND state = ?4"
                     "  ORDER BY id LIMIT ?2 OFFSET ?3) c"
                     " JOIN attempts a ON a.attempt_id = c.last_attempt_id ORDER BY c.id",
    [Q_CAMPAIGNS] = "SELECT campaign_id FROM campaigns ORDER BY campaign_id",
};

/* One attempt waiting for a commit (group commit, see hooks_store_add). */
typedef struct pending {
    const sarvam_webhook_t *w;
    const char *body;
    size_t len;
    time_t now;
    hooks_store_result_t result;
    char err[256];
    bool done;
    struct pending *next;
} pending_t;

struct hooks_store {
    sqlite3 *db;
    sqlite3_stmt *q[Q_COUNT];
    pthread_mutex_t lock;       /* the connection */
    pthread_mutex_t qlock;      /* the queue below */
    pthread_cond_t qcond;
    pending_t *qhead, *qtail;
    bool committing;            /* a sender is committing a batch */
};

static void set_err(hooks_store_t *s, char *err, size_t err_len, const char *what)
{
    snprintf(err, err_len, "%s: %s", what, s && s->db ? sqlite3_errmsg(s->db) : "no database");
}

void hooks_store_close(hooks_store_t *s)
{
    if (!s)
        return;
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(s->q[i]);
    /* Checkpoints the WAL into the main file on a clean stop. */
    sqlite3_close(s->db);
    pthread_mutex_destroy(&s->lock);
    pthread_mutex_destroy(&s->qlock);
    pthread_cond_destroy(&s->qcond);
    free(s);
}

hooks_store_t *hooks_store_open(const char *path, hooks_sync_t sync, char *err, size_t err_len)
{
    hooks_store_t *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, err_len, "out of memory");
        return NULL;
    }
    pthread_mutex_init(&s->lock, NULL);
    pthread_mutex_init(&s->qlock, NULL);
    pthread_cond_init(&s->qcond, NULL);
    s->db = sqlwal_open(path, sync == HOOKS_SYNC_FULL ? SQLWAL_SYNC_FULL : SQLWAL_SYNC_NORMAL,
                        "receiver database", err, err_len);
    if (!s->db) {
        hooks_store_close(s);
        return NULL;
    }
    char *msg = NULL;
    if (sqlite3_exec(s->db, schema, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, err_len, "%s is not a usable receiver database: %s", path,
                 msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        hooks_store_close(s);
        return NULL;
    }
    for (int i = 0; i < Q_COUNT; i++) {
        if (sqlite3_prepare_v2(s->db, sql[i], -1, &s->q[i], NULL) != SQLITE_OK) {
            snprintf(err, err_len, "%s: %s", path, sqlite3_errmsg(s->db));
            hooks_store_close(s);
            return NULL;
        }
    }
    return s;
}

/* Runs a prepared statement that returns no rows, then resets it. */
static bool step_done(sqlite3_stmt *st)
{
    return sqlwal_step_done(st);
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

/* The body of one add, inside the transaction. */
static hooks_store_result_t add_locked(hooks_store_t *s, const sarvam_webhook_t *w,
                                       const char *body, size_t body_len, time_t now)
{
    const char *state = model_contact_state_name(w->state);
    sqlite3_stmt *st = s->q[Q_ADD_ATTEMPT];
    bind_text(st, 1, w->attempt_id);
    bind_text(st, 2, w->campaign_id);
    bind_text(st, 3, w->phone);
    bind_text(st, 4, state);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)now);
    sqlite3_bind_text(st, 6, body, (int)body_len, SQLITE_TRANSIENT);
    if (!step_done(st))
        return HOOKS_STORE_FAILED;
    if (sqlite3_changes(s->db) == 0)
        return HOOKS_STORE_DUPLICATE;

    st = s->q[Q_FIND_CONTACT];
    bind_text(st, 1, w->campaign_id);
    bind_text(st, 2, w->phone);
    int rc = sqlite3_step(st);
    char old[32] = "";
    bool known = rc == SQLITE_ROW;
    if (known)
        snprintf(old, sizeof old, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return HOOKS_STORE_FAILED;

    /* Arrival order decides the latest attempt: Sarvam sends one webhook
     * per finished attempt, and a re-delivery of an older one never gets
     * here (its attempt_id is already stored). */
    st = s->q[known ? Q_SET_CONTACT : Q_NEW_CONTACT];
    bind_text(st, 1, w->campaign_id);
    bind_text(st, 2, w->phone);
    bind_text(st, 3, state);
    bind_text(st, 4, w->attempt_id);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)now);
    if (!step_done(st))
        return HOOKS_STORE_FAILED;
    if (known) {
        st = s->q[Q_COUNT_DOWN];
        bind_text(st, 1, w->campaign_id);
        bind_text(st, 2, old);
        if (!step_done(st))
            return HOOKS_STORE_FAILED;
    }
    st = s->q[Q_COUNT_UP];
    bind_text(st, 1, w->campaign_id);
    bind_text(st, 2, state);
    if (!step_done(st))
        return HOOKS_STORE_FAILED;
    st = s->q[Q_CAMPAIGN_ADD];
    bind_text(st, 1, w->campaign_id);
    sqlite3_bind_int(st, 2, known ? 0 : 1);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
    if (!step_done(st))
        return HOOKS_STORE_FAILED;
    return HOOKS_STORE_ADDED;
}

/* Files a batch in one transaction, each attempt inside its own savepoint
 * so one that fails is undone alone; then one commit (one fsync with
 * --sync full) for all of them. */
static void commit_batch(hooks_store_t *s, pending_t *batch)
{
    pthread_mutex_lock(&s->lock);
    bool begun = step_done(s->q[Q_BEGIN]);
    for (pending_t *p = batch; p; p = p->next) {
        p->result = HOOKS_STORE_FAILED;
        if (!begun) {
            set_err(s, p->err, sizeof p->err, "cannot start a transaction");
            continue;
        }
        if (!step_done(s->q[Q_SAVEPOINT])) {
            set_err(s, p->err, sizeof p->err, "cannot store the attempt");
            continue;
        }
        p->result = add_locked(s, p->w, p->body, p->len, p->now);
        if (p->result == HOOKS_STORE_FAILED) {
            set_err(s, p->err, sizeof p->err, "cannot store the attempt");
            step_done(s->q[Q_UNDO_ONE]);
        }
        step_done(s->q[Q_RELEASE]);
    }
    if (begun && !step_done(s->q[Q_COMMIT])) {
        /* Not committed means not acknowledged: the senders retry. */
        for (pending_t *p = batch; p; p = p->next) {
            p->result = HOOKS_STORE_FAILED;
            set_err(s, p->err, sizeof p->err, "cannot commit the attempt");
        }
        step_done(s->q[Q_ROLLBACK]);
    }
    pthread_mutex_unlock(&s->lock);
}

/* Group commit: each sender queues its attempt; whoever finds no commit
 * running takes everything queued so far and commits it as one
 * transaction, while the others wait for their result. Each attempt is
 * still answered only after the commit that holds it, but concurrent
 * senders share the cost of a commit (an fsync with --sync full). */
hooks_store_result_t hooks_store_add(hooks_store_t *s, const sarvam_webhook_t *w,
                                     const char *body, size_t body_len, time_t now,
                                     char *err, size_t err_len)
{
    pending_t me = {.w = w, .body = body, .len = body_len, .now = now};
    pthread_mutex_lock(&s->qlock);
    if (s->qtail)
        s->qtail->next = &me;
    else
        s->qhead = &me;
    s->qtail = &me;
    while (!me.done) {
        if (s->committing) {
            pthread_cond_wait(&s->qcond, &s->qlock);
            continue;
        }
        pending_t *batch = s->qhead;
        s->qhead = s->qtail = NULL;
        s->committing = true;
        pthread_mutex_unlock(&s->qlock);
        commit_batch(s, batch);
        pthread_mutex_lock(&s->qlock);
        for (pending_t *p = batch, *next; p; p = next) {
            next = p->next; /* p may return and vanish once done is seen */
            p->done = true;
        }
        s->committing = false;
        pthread_cond_broadcast(&s->qcond);
    }
    pthread_mutex_unlock(&s->qlock);
    if (me.result == HOOKS_STORE_FAILED)
        snprintf(err, err_len, "%s", me.err);
    return me.result;
}

static contact_state_t state_from_name(const char *name)
{
    for (int i = 0; i < CONTACT_STATE_COUNT; i++)
        if (name && strcmp(name, model_contact_state_name((contact_state_t)i)) == 0)
            return (contact_state_t)i;
    return CONTACT_UNKNOWN;
}

static bool summary_locked(hooks_store_t *s, const char *campaign_id, hooks_summary_t *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = s->q[Q_CAMPAIGN];
    bind_text(st, 1, campaign_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->contacts = (long)sqlite3_column_int64(st, 0);
        out->attempts = (long)sqlite3_column_int64(st, 1);
        out->updated_at = (time_t)sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return false;
    st = s->q[Q_COUNTS];
    bind_text(st, 1, campaign_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        out->by_state[state_from_name((const char *)sqlite3_column_text(st, 0))] +=
            (long)sqlite3_column_int64(st, 1);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE;
}

bool hooks_store_summary(hooks_store_t *s, const char *campaign_id, hooks_summary_t *out,
                         char *err, size_t err_len)
{
    pthread_mutex_lock(&s->lock);
    bool ok = summary_locked(s, campaign_id, out);
    if (!ok)
        set_err(s, err, err_len, "cannot read the summary");
    pthread_mutex_unlock(&s->lock);
    return ok;
}

static void iso_utc(time_t t, char *buf, size_t len)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static cJSON *summary_object(const char *campaign_id, const hooks_summary_t *sum)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "campaign_id", campaign_id);
    cJSON_AddNumberToObject(o, "contacts", (double)sum->contacts);
    cJSON_AddNumberToObject(o, "attempts", (double)sum->attempts);
    cJSON *by = cJSON_AddObjectToObject(o, "by_state");
    /* Every state the receiver can know, zeros included, so a reader can
     * tell "none" from "not reported". Pending contacts never sent an
     * attempt: only the cohorts' totals know them. */
    for (int i = CONTACT_UNKNOWN + 1; i < CONTACT_STATE_COUNT; i++)
        if (i != CONTACT_PENDING && i != CONTACT_QUEUED && i != CONTACT_SKIPPED &&
            i != CONTACT_CANCELLED)
            cJSON_AddNumberToObject(by, model_contact_state_name((contact_state_t)i),
                                    (double)sum->by_state[i]);
    if (sum->by_state[CONTACT_UNKNOWN])
        cJSON_AddNumberToObject(by, "unknown", (double)sum->by_state[CONTACT_UNKNOWN]);
    if (sum->updated_at) {
        char when[32];
        iso_utc(sum->updated_at, when, sizeof when);
        cJSON_AddStringToObject(o, "updated_at", when);
    } else {
        cJSON_AddNullToObject(o, "updated_at");
    }
    return o;
}

char *hooks_summary_json(const char *campaign_id, const hooks_summary_t *sum)
{
    cJSON *o = summary_object(campaign_id, sum);
    char *text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return text;
}

/* "{self_path}?offset=N&limit=M[&state=S]", or null past either end. */
static void add_page_uri(cJSON *env, const char *key, const char *self_path, long offset,
                         long limit, contact_state_t state, bool exists)
{
    if (!exists) {
        cJSON_AddNullToObject(env, key);
        return;
    }
    char uri[512];
    snprintf(uri, sizeof uri, "%s?offset=%ld&limit=%ld%s%s", self_path, offset, limit,
             state != CONTACT_UNKNOWN ? "&state=" : "",
             state != CONTACT_UNKNOWN ? model_contact_state_name(state) : "");
    cJSON_AddStringToObject(env, key, uri);
}

/* One item: the latest attempt as received (every field kept), with the
 * receiver's own facts beside it. */
static cJSON *page_item(sqlite3_stmt *st)
{
    const char *body = (const char *)sqlite3_column_text(st, 3);
    cJSON *item = body ? cJSON_Parse(body) : NULL;
    if (!cJSON_IsObject(item)) {
        cJSON_Delete(item);
        item = cJSON_CreateObject();
    }
    cJSON_DeleteItemFromObject(item, "state");
    cJSON_DeleteItemFromObject(item, "attempts");
    cJSON_DeleteItemFromObject(item, "last_attempt_at");
    cJSON_AddStringToObject(item, "state", (const char *)sqlite3_column_text(st, 0));
    cJSON_AddNumberToObject(item, "attempts", (double)sqlite3_column_int64(st, 1));
    /* When the call ended, if the payload says so (Sarvam's sibling
     * payloads carry end/start times); else when its webhook arrived. */
    const cJSON *sent = cJSON_GetObjectItemCaseSensitive(item, "end_datetime");
    if (!cJSON_IsString(sent) || !sent->valuestring[0])
        sent = cJSON_GetObjectItemCaseSensitive(item, "start_datetime");
    if (cJSON_IsString(sent) && sent->valuestring[0]) {
        cJSON_AddStringToObject(item, "last_attempt_at", sent->valuestring);
    } else {
        char when[32];
        iso_utc((time_t)sqlite3_column_int64(st, 2), when, sizeof when);
        cJSON_AddStringToObject(item, "last_attempt_at", when);
    }
    return item;
}

char *hooks_store_page_json(hooks_store_t *s, const char *campaign_id, long offset,
                            long limit, contact_state_t state, const char *self_path,
                            char *err, size_t err_len)
{
    pthread_mutex_lock(&s->lock);
    hooks_summary_t sum;
    if (!summary_locked(s, campaign_id, &sum)) {
        set_err(s, err, err_len, "cannot read the campaign");
        pthread_mutex_unlock(&s->lock);
        return NULL;
    }
    long total = state == CONTACT_UNKNOWN ? sum.contacts : sum.by_state[state];
    cJSON *env = cJSON_CreateObject();
    cJSON *items = cJSON_AddArrayToObject(env, "items");
    sqlite3_stmt *st = s->q[state == CONTACT_UNKNOWN ? Q_PAGE_ALL : Q_PAGE_STATE];
    bind_text(st, 1, campaign_id);
    sqlite3_bind_int64(st, 2, limit);
    sqlite3_bind_int64(st, 3, offset);
    if (state != CONTACT_UNKNOWN)
        bind_text(st, 4, model_contact_state_name(state));
    int rc;
    long n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        cJSON_AddItemToArray(items, page_item(st));
        n++;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) {
        set_err(s, err, err_len, "cannot read the contacts");
        pthread_mutex_unlock(&s->lock);
        cJSON_Delete(env);
        return NULL;
    }
    pthread_mutex_unlock(&s->lock);
    cJSON_AddNumberToObject(env, "total", (double)total);
    cJSON_AddNumberToObject(env, "limit", (double)limit);
    cJSON_AddNumberToObject(env, "offset", (double)offset);
    add_page_uri(env, "next_page_uri", self_path, offset + limit, limit, state,
                 offset + n < total && n > 0);
    long prev = offset - limit < 0 ? 0 : offset - limit;
    add_page_uri(env, "prev_page_uri", self_path, prev, limit, state, offset > 0);
    char *text = cJSON_PrintUnformatted(env);
    cJSON_Delete(env);
    if (!text)
        snprintf(err, err_len, "out of memory");
    return text;
}

char *hooks_store_summaries_json(hooks_store_t *s, char *err, size_t err_len)
{
    cJSON *env = cJSON_CreateObject();
    cJSON *items = cJSON_AddArrayToObject(env, "items");
    pthread_mutex_lock(&s->lock);
    /* Ids first (the campaign statement is reused per summary). */
    char **ids = NULL;
    size_t nids = 0, cap = 0;
    sqlite3_stmt *st = s->q[Q_CAMPAIGNS];
    int rc;
    bool ok = true;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && ok) {
        char **grown = dyn_grow(ids, &cap, nids + 1, sizeof *grown, 16);
        if (!grown) {
            ok = false;
            break;
        }
        ids = grown;
        ids[nids] = strdup((const char *)sqlite3_column_text(st, 0));
        ok = ids[nids++] != NULL;
    }
    sqlite3_reset(st);
    ok = ok && (rc == SQLITE_DONE || rc == SQLITE_ROW);
    for (size_t i = 0; ok && i < nids; i++) {
        hooks_summary_t sum;
        ok = summary_locked(s, ids[i], &sum);
        if (ok)
            cJSON_AddItemToArray(items, summary_object(ids[i], &sum));
    }
    if (!ok)
        set_err(s, err, err_len, "cannot read the summaries");
    pthread_mutex_unlock(&s->lock);
    for (size_t i = 0; i < nids; i++)
        free(ids[i]);
    free(ids);
    char *text = ok ? cJSON_PrintUnformatted(env) : NULL;
    cJSON_Delete(env);
    return text;
}
