/* The --state database's commit path: staging changed rows and group
 * commits; see state_db.h. Opening and loading are in state_db_load.c. */
#include "state_db.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "persist.h"
#include "sqlwal.h"
#include "state_db_impl.h"

void state_db_rows_free(rows_t *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->rows[i].text);
    free(r->rows);
    memset(r, 0, sizeof *r);
}

/* Takes text (freed on failure). */
static bool rows_push(rows_t *r, row_kind_t kind, int dialect, long num, long idx, const char *key,
                      char *text)
{
    if (!text)
        return false;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        row_t *rows = realloc(r->rows, cap * sizeof *rows);
        if (!rows) {
            free(text);
            return false;
        }
        r->rows = rows;
        r->cap = cap;
    }
    row_t *w = &r->rows[r->n++];
    w->kind = kind;
    w->dialect = dialect;
    w->num = num;
    w->idx = idx;
    snprintf(w->key, sizeof w->key, "%s", key ? key : "");
    w->text = text;
    return true;
}

static char *print_and_free(cJSON *o)
{
    char *text = o ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    return text;
}

static char *fmt_text(const char *fmt, ...)
{
    char buf[64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return strdup(buf);
}

static bool stage_meta(rows_t *r, const store_t *s, int64_t sim_now)
{
    bool ok = rows_push(r, ROW_META, 0, 0, 0, "format", strdup(STATE_DB_FORMAT)) &&
              rows_push(r, ROW_META, 0, 0, 0, "sim_now", fmt_text("%" PRId64, sim_now)) &&
              rows_push(r, ROW_META, 0, 0, 0, "seed", fmt_text("%016" PRIx64, s->seed));
    for (int d = 0; ok && d < SIM_DIALECT_COUNT; d++) {
        char key[32];
        snprintf(key, sizeof key, "next_num.%s", model_provider_name(sim_dialect((sim_dialect_t)d)->provider));
        ok = rows_push(r, ROW_META, 0, 0, 0, key, fmt_text("%ld", s->next_num[d]));
    }
    return ok;
}

/* d: c's dialect, whose number keys its rows (dialects.h) */
static bool stage_campaign(rows_t *r, int d, store_campaign_t *c)
{
    if (c->marked && !rows_push(r, ROW_CAMPAIGN, d, c->num, 0, c->id,
                                print_and_free(persist_campaign_json(c, false))))
        return false;
    if (c->marked_all) {
        for (size_t i = 0; i < c->ncontacts; i++)
            if (!rows_push(r, ROW_CONTACT, d, c->num, (long)i, NULL,
                           print_and_free(persist_contact_json(&c->contacts[i]))))
                return false;
        return true;
    }
    const size_t *idx;
    size_t n;
    store_marked_contacts(c, &idx, &n);
    for (size_t i = 0; i < n; i++)
        if (!rows_push(r, ROW_CONTACT, d, c->num, (long)idx[i], NULL,
                       print_and_free(persist_contact_json(&c->contacts[idx[i]]))))
            return false;
    return true;
}

uint64_t state_db_stage(state_db_t *db, store_t *s, int64_t sim_now, bool force, bool *ok)
{
    *ok = true;
    rows_t r = {0};
    bool any = force;
    for (int d = 0; d < SIM_DIALECT_COUNT && *ok; d++) {
        for (size_t i = 0; i < s->by_dialect[d].n && *ok; i++) {
            store_campaign_t *c = s->by_dialect[d].items[i];
            if (!c->marked && !c->marked_all && c->nmarked == 0)
                continue;
            any = true;
            *ok = stage_campaign(&r, d, c);
        }
    }
    if (any && *ok)
        *ok = stage_meta(&r, s, sim_now);
    if (!*ok) {
        state_db_rows_free(&r); /* the marks stay for the next try */
        pthread_mutex_lock(&db->qlock);
        uint64_t t = db->staged_seq;
        pthread_mutex_unlock(&db->qlock);
        return t;
    }
    for (int d = 0; d < SIM_DIALECT_COUNT && any; d++)
        for (size_t i = 0; i < s->by_dialect[d].n; i++)
            store_marks_clear(s->by_dialect[d].items[i]);

    pthread_mutex_lock(&db->qlock);
    if (r.n > 0) {
        if (db->staged.n == 0) {
            state_db_rows_free(&db->staged);
            db->staged = r;
            r = (rows_t){0};
        } else {
            size_t need = db->staged.n + r.n;
            row_t *rows = need > db->staged.cap ? realloc(db->staged.rows, need * sizeof *rows)
                                                : db->staged.rows;
            if (rows) {
                memcpy(rows + db->staged.n, r.rows, r.n * sizeof *rows);
                db->staged.rows = rows;
                db->staged.cap = need > db->staged.cap ? need : db->staged.cap;
                db->staged.n = need;
                free(r.rows);
                r = (rows_t){0};
            } else {
                *ok = false;
            }
        }
        if (*ok)
            db->staged_seq++;
    }
    uint64_t ticket = db->staged_seq;
    pthread_mutex_unlock(&db->qlock);
    if (!*ok) {
        /* the copies could not be queued: the campaigns must be saved
         * whole by the next staging */
        state_db_rows_free(&r);
        store_track(s, true);
    }
    return ticket;
}

static bool write_rows(state_db_t *db, const rows_t *r)
{
    for (size_t i = 0; i < r->n; i++) {
        const row_t *w = &r->rows[i];
        sqlite3_stmt *st;
        switch (w->kind) {
        case ROW_META:
            st = db->q[Q_META];
            sqlite3_bind_text(st, 1, w->key, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, w->text, -1, SQLITE_STATIC);
            break;
        case ROW_CAMPAIGN:
            st = db->q[Q_CAMPAIGN];
            sqlite3_bind_int(st, 1, w->dialect);
            sqlite3_bind_int64(st, 2, w->num);
            sqlite3_bind_text(st, 3, w->key, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 4, w->text, -1, SQLITE_STATIC);
            break;
        default:
            st = db->q[Q_CONTACT];
            sqlite3_bind_int(st, 1, w->dialect);
            sqlite3_bind_int64(st, 2, w->num);
            sqlite3_bind_int64(st, 3, w->idx);
            sqlite3_bind_text(st, 4, w->text, -1, SQLITE_STATIC);
            break;
        }
        if (!sqlwal_step_done(st))
            return false;
    }
    return true;
}

/* One transaction for everything in r. */
static bool commit_rows(state_db_t *db, const rows_t *r, char *why, size_t whylen)
{
    if (!sqlwal_step_done(db->q[Q_BEGIN])) {
        snprintf(why, whylen, "%s", sqlite3_errmsg(db->db));
        return false;
    }
    if (write_rows(db, r) && sqlwal_step_done(db->q[Q_COMMIT]))
        return true;
    snprintf(why, whylen, "%s", sqlite3_errmsg(db->db));
    sqlwal_step_done(db->q[Q_ROLLBACK]);
    return false;
}

/* Puts a batch that failed back in front of what was staged since. */
static void requeue(state_db_t *db, rows_t *batch)
{
    size_t need = batch->n + db->staged.n;
    row_t *rows = realloc(batch->rows, need * sizeof *rows);
    if (!rows) {
        state_db_rows_free(batch); /* cannot happen often; the next marks rewrite */
        return;
    }
    memcpy(rows + batch->n, db->staged.rows, db->staged.n * sizeof *rows);
    free(db->staged.rows);
    db->staged.rows = rows;
    db->staged.n = db->staged.cap = need;
    *batch = (rows_t){0};
}

bool state_db_wait(state_db_t *db, uint64_t ticket, char *err, size_t errlen)
{
    pthread_mutex_lock(&db->qlock);
    while (db->committed_seq < ticket) {
        if (db->failed_seq >= ticket) {
            snprintf(err, errlen, "cannot save state file %s: %s", db->path, db->failure);
            pthread_mutex_unlock(&db->qlock);
            return false;
        }
        if (db->committing) {
            pthread_cond_wait(&db->qcond, &db->qlock);
            continue;
        }
        /* nobody is committing: take everything staged so far */
        rows_t batch = db->staged;
        uint64_t upto = db->staged_seq;
        db->staged = (rows_t){0};
        db->committing = true;
        pthread_mutex_unlock(&db->qlock);
        char why[200] = "";
        bool ok = commit_rows(db, &batch, why, sizeof why);
        pthread_mutex_lock(&db->qlock);
        if (ok) {
            db->committed_seq = upto;
            state_db_rows_free(&batch);
        } else {
            db->failed_seq = upto;
            snprintf(db->failure, sizeof db->failure, "%s", why);
            requeue(db, &batch);
        }
        db->committing = false;
        pthread_cond_broadcast(&db->qcond);
    }
    pthread_mutex_unlock(&db->qlock);
    return true;
}
