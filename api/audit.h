/* The audit log: one JSON line per operator action, refusals included.
 *
 * File: $XDG_STATE_HOME/dialtop/audit.log (default
 * ~/.local/state/dialtop/audit.log). Directories are created 0700, the file
 * 0600. Each line is written with one write() on an O_APPEND descriptor,
 * so lines from two dialtop processes never interleave.
 *
 * A line holds: time (ISO 8601 UTC), who acted ("by": user@host),
 * profile, provider, campaign id and name, action, parameters (at, tz),
 * for a create the source file, settings and row counts, outcome
 * (confirmed, refused, failed), whether a request was sent, whether TLS
 * verification was off, and the confirmed state or the error (kind,
 * message, HTTP status). There is no field for a key, and every string
 * is redacted (redact.h) on its way in.
 *
 * The file is plain text an operator reads with cat: control characters,
 * DEL, C1 controls, bidi overrides and invalid UTF-8 are written as JSON
 * \u escapes, never raw. The log never follows a symlink (O_NOFOLLOW),
 * and a log or directory that others may write is refused with the
 * chmod that fixes it: a line others can forge or delete is no record. */
#ifndef DIALTOP_AUDIT_H
#define DIALTOP_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "must_use.h"

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
    bool unknown;                /* sent, and the reply did not say whether applied */
    const char *state;           /* confirmed: unified state name; failed: as read back */
    const char *raw_state;       /* confirmed: the provider's spelling */
    const char *note;            /* confirmed after an unknown outcome: how it was known */
    const char *error_kind;      /* refused/failed: "server", "refused", ... */
    const char *error_message;
    long http_status;            /* 0 when none */
    bool insecure;               /* the profile has TLS verification off */
    /* create: where the contacts came from and what was asked for */
    const char *source_file;     /* NULL when none */
    const char *settings;        /* "concurrency=3 retry_limit=2 ..." NULL when none */
    bool has_rows;
    long rows_read, rows_accepted, rows_rejected;
} audit_entry_t;

/* "user@host" of the running process (cached): who acted. */
const char *audit_actor(void);

const char *audit_outcome_name(audit_outcome_t o); /* "confirmed" */

/* $XDG_STATE_HOME/dialtop/audit.log or ~/.local/state/dialtop/audit.log;
 * NULL when neither XDG_STATE_HOME nor HOME is set. Caller frees. */
char *audit_default_path(void);

/* The JSON text of one entry followed by '\n'. Caller frees; NULL on OOM. */
char *audit_format_line(const audit_entry_t *e);

/* Appends one line to `path` (NULL = the default path), creating missing
 * directories. False with one line in `err` (naming the file) on failure. */
MUST_USE bool audit_append(const char *path, const audit_entry_t *e, char *err, size_t err_len);

#endif
