/* The audit log: one JSON line per operator action, refusals included.
 *
 * File: $XDG_STATE_HOME/dialtop/audit.log (default
 * ~/.local/state/dialtop/audit.log). Directories are created 0700, the file
 * 0600. Each line is written with one write() on an O_APPEND descriptor,
 * so lines from two dialtop processes never interleave.
 *
 * A line holds: time (ISO 8601 UTC), profile, provider, campaign id and
 * name, action, parameters (at, tz), outcome (confirmed, refused, failed),
 * whether a request was sent, and the confirmed state or the error (kind,
 * message, HTTP status). There is no field for a key, and callers pass
 * only messages that are already free of keys (driver errors are). */
#ifndef DIALTOP_AUDIT_H
#define DIALTOP_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

typedef enum {
    AUDIT_CONFIRMED, /* the backend confirmed the action */
    AUDIT_REFUSED,   /* refused before any request (table, read-only, bad input) */
    AUDIT_FAILED,    /* sent, and the backend or the network said no */
    AUDIT_ALREADY    /* --if-needed: the state read was already the target; nothing sent */
} audit_outcome_t;

/* Every string may be NULL (written as null, or left out for params). */
typedef struct {
    time_t time;
    const char *profile;
    const char *provider;        /* "omnidim" */
    const char *campaign_id;
    const char *campaign_name;
    const char *action;          /* "pause" */
    const char *at;              /* reschedule: "YYYY-MM-DD HH:MM:SS" in tz */
    const char *tz;
    const char *args;            /* retry/concurrency: "reasons=no_answer,busy max_retries=2" */
    audit_outcome_t outcome;
    bool sent;                   /* a request went out */
    const char *state;           /* confirmed: unified state name */
    const char *raw_state;       /* confirmed: the provider's spelling */
    const char *error_kind;      /* refused/failed: "server", "refused", ... */
    const char *error_message;
    long http_status;            /* 0 when none */
} audit_entry_t;

const char *audit_outcome_name(audit_outcome_t o); /* "confirmed" */

/* $XDG_STATE_HOME/dialtop/audit.log or ~/.local/state/dialtop/audit.log;
 * NULL when neither XDG_STATE_HOME nor HOME is set. Caller frees. */
char *audit_default_path(void);

/* The JSON text of one entry followed by '\n'. Caller frees; NULL on OOM. */
char *audit_format_line(const audit_entry_t *e);

/* Appends one line to `path` (NULL = the default path), creating missing
 * directories. False with one line in `err` (naming the file) on failure. */
bool audit_append(const char *path, const audit_entry_t *e, char *err, size_t err_len);

#endif
