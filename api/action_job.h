/* action_job: one action in flight, shared by action.c (vet, send, audit)
 * and action_readback.c (what the reply means, the read-back). Private to
 * those two files. */
#ifndef DIALTOP_ACTION_JOB_H
#define DIALTOP_ACTION_JOB_H

#include "action.h"

typedef struct job {
    action_ctx_t *ctx;
    unsigned long id;          /* ours, stable across the re-read */
    unsigned long op;          /* the client operation in flight, 0 none */
    action_report_t rep;
    action_done_fn done;
    void *ud;
    int want_concurrency;      /* ACTION_CONCURRENCY: checked on the read-back */
    api_action_args_t args;    /* canonical (static reason strings), for the audit */
    struct job *next;
} job_t;

struct action_ctx {
    client_t *client;
    bool read_only;
    char *audit_path;          /* NULL = the default path */
    job_t *jobs;
    unsigned long next_id;
};

/* Audits the report, unlinks the job, tells the caller, frees the job. */
void action_job_finish(job_t *j);
/* action_job_finish() of a failure: the row keeps the state last read. */
void action_job_fail(job_t *j, const api_error_t *err);

/* The client's answer to the action itself (client_action_fn). */
void action_on_reply(const api_action_result_t *res, const api_error_t *err, void *ud);

#endif
