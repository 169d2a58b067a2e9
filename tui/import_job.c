/* Import on a thread (see import_job.h). The only shared state is a few
 * atomics and the result, which the UI thread reads only after the state
 * is JOB_DONE (release/acquire), so no lock is needed.
 *
 * Closing never waits for the thread: a read blocked on a FIFO or a hung
 * network mount would freeze the screen. The job is handed over instead:
 * whichever side comes second (the thread finishing, the UI abandoning)
 * frees it. */
#include "import_job.h"

#include "upload_journal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { JOB_RUNNING, JOB_DONE, JOB_ABANDONED } job_state_t;

struct import_job {
    pthread_t thread;
    char *path;
    char *phone_column;
    char *region;
    import_options_t opt;
    atomic_ullong done_bytes;
    atomic_ullong total_bytes;
    atomic_bool cancel;
    atomic_int state;             /* job_state_t */
    import_result_t *result;
    import_error_t err;
    uint64_t hash;                /* the file's content hash, when hash_ok */
    bool hash_ok;
};

static bool on_progress(void *ctx, unsigned long long done, unsigned long long total)
{
    import_job_t *j = ctx;
    atomic_store(&j->done_bytes, done);
    atomic_store(&j->total_bytes, total);
    return !atomic_load(&j->cancel);
}

static atomic_size_t threads_alive;

static void job_release(import_job_t *j);

static void *job_run(void *arg)
{
    import_job_t *j = arg;
    j->result = import_file(j->path, &j->opt, &j->err);
    /* the file's identity for "already imported?", read here so the
     * screen never waits for it (a regular file only: see the journal) */
    char why[256];
    if (j->result && !atomic_load(&j->cancel))
        j->hash_ok = upload_journal_hash_file(j->path, &j->hash, why, sizeof why);
    if (atomic_exchange(&j->state, JOB_DONE) == JOB_ABANDONED)
        job_release(j);
    atomic_fetch_sub(&threads_alive, 1);
    return NULL;
}

size_t import_job_threads_alive(void)
{
    return atomic_load(&threads_alive);
}

static char *dup_or_null(const char *s, bool *ok)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *ok = false;
    return d;
}

static void job_release(import_job_t *j)
{
    import_result_free(j->result);
    free(j->path);
    free(j->phone_column);
    free(j->region);
    free(j);
}

import_job_t *import_job_start(const char *path, const import_options_t *opt, char *reason,
                               size_t reason_len)
{
    import_job_t *j = calloc(1, sizeof *j);
    if (!j) {
        snprintf(reason, reason_len, "out of memory");
        return NULL;
    }
    bool ok = true;
    j->opt = *opt;
    j->path = dup_or_null(path, &ok);
    j->phone_column = dup_or_null(opt->phone_column, &ok);
    j->region = dup_or_null(opt->region, &ok);
    j->opt.phone_column = j->phone_column;
    j->opt.region = j->region;
    j->opt.progress = on_progress;
    j->opt.progress_ctx = j;
    atomic_init(&j->done_bytes, 0);
    atomic_init(&j->total_bytes, 0);
    atomic_init(&j->cancel, false);
    atomic_init(&j->state, JOB_RUNNING);
    if (!ok || !j->path) {
        snprintf(reason, reason_len, "out of memory");
        job_release(j);
        return NULL;
    }
    pthread_attr_t attr;
    int rc = pthread_attr_init(&attr);
    if (rc == 0) {
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        atomic_fetch_add(&threads_alive, 1);
        rc = pthread_create(&j->thread, &attr, job_run, j);
        if (rc != 0)
            atomic_fetch_sub(&threads_alive, 1);
        pthread_attr_destroy(&attr);
    }
    if (rc != 0) {
        snprintf(reason, reason_len, "cannot start reading the file: %s", strerror(rc));
        job_release(j);
        return NULL;
    }
    return j;
}

void import_job_progress(const import_job_t *j, unsigned long long *done,
                         unsigned long long *total)
{
    /* the atomics are only read; the casts drop const for C11's atomic_load
     * on implementations whose prototype takes a non-const pointer */
    import_job_t *m = (import_job_t *)j;
    *done = atomic_load(&m->done_bytes);
    *total = atomic_load(&m->total_bytes);
}

bool import_job_done(const import_job_t *j)
{
    import_job_t *m = (import_job_t *)j;
    return atomic_load(&m->state) == JOB_DONE;
}

import_result_t *import_job_take(import_job_t *j, import_error_t *err)
{
    if (!import_job_done(j)) {
        err->status = IMPORT_ERR_IO;
        err->line = 0;
        snprintf(err->message, sizeof err->message, "the file is still being read");
        return NULL;
    }
    import_result_t *r = j->result;
    j->result = NULL;
    if (!r)
        *err = j->err;
    return r;
}

void import_job_free(import_job_t *j)
{
    if (!j)
        return;
    atomic_store(&j->cancel, true);
    if (atomic_exchange(&j->state, JOB_ABANDONED) == JOB_DONE)
        job_release(j);
}

bool import_job_hash(const import_job_t *j, uint64_t *hash)
{
    if (!j->hash_ok)
        return false;
    *hash = j->hash;
    return true;
}
