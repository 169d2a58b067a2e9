/* A contact-list import read on its own thread, so the console keeps
 * drawing (and Esc keeps working) while a large file is parsed.
 *
 * The thread only runs import_file(); the UI thread asks how far it got
 * (bytes read of the file's size) and takes the result once done. Esc
 * cancels through import_file's progress callback, so the thread stops at
 * its next chunk and nothing of a half-read file is ever shown. */
#ifndef DIALTOP_IMPORT_JOB_H
#define DIALTOP_IMPORT_JOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "import.h"

typedef struct import_job import_job_t;

/* Starts reading `path`. The options are copied (strings included), so the
 * caller's may change at once. NULL with `reason` when no thread starts. */
import_job_t *import_job_start(const char *path, const import_options_t *opt, char *reason,
                               size_t reason_len);

/* Bytes read so far and the file's size (0 when unknown). */
void import_job_progress(const import_job_t *j, unsigned long long *done,
                         unsigned long long *total);
bool import_job_done(const import_job_t *j);

/* Once done: the result, now the caller's (import_result_free), or NULL
 * with `err` filled. Call once. */
import_result_t *import_job_take(import_job_t *j, import_error_t *err);

/* Once done: the file's content hash (upload_journal_hash_file), taken
 * on the thread after the read; false for a FIFO, or when it failed. */
bool import_job_hash(const import_job_t *j, uint64_t *hash);

/* Stops a read still running (the thread sees it at its next chunk) and
 * returns at once: the thread frees what it produced when it ends. NULL is
 * fine. */
void import_job_free(import_job_t *j);

/* Reading threads not yet ended (an abandoned read on a FIFO lives on
 * until its writer is done): lets a test see every thread out. */
size_t import_job_threads_alive(void);

#endif
