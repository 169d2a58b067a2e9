/* The upload journal: what an upload of a big list has done so far, on
 * disk, so an interrupted one is resumed (`dialtop import --resume`)
 * without sending a contact twice.
 *
 * One file per (list content, profile) under
 * $XDG_STATE_HOME/dialtop/uploads/, JSON lines appended and flushed to
 * disk (fsync) before the next request leaves: "creating" before the
 * create is sent, "created" with the campaign id once it is confirmed,
 * "sending" before each chunk and "acked" once the provider confirmed
 * it, "started", then "done". A run killed at any moment leaves a file
 * that says exactly which contacts the provider confirmed, and which one
 * chunk (at most) is in doubt; the resume reads the campaign back to
 * settle that chunk before sending anything.
 *
 * The same files answer "was this list already imported to this
 * profile?" (a "done" journal). */
#ifndef DIALTOP_UPLOAD_JOURNAL_H
#define DIALTOP_UPLOAD_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "must_use.h"

#define UPLOAD_JOURNAL_ID_MAX 128

typedef struct {
    bool found;                   /* the file exists and holds a "begin" */
    char name[256];               /* the campaign name it began with */
    char provider[16];
    size_t contacts;              /* the list's size when it began */
    bool creating;                /* a create was sent */
    bool created;                 /* ... and confirmed: campaign_id is set */
    char campaign_id[UPLOAD_JOURNAL_ID_MAX];
    bool draft;                   /* created as a draft (nothing dials before start) */
    bool held;                    /* no drafts: scheduled at hold_when until released */
    char hold_when[20];           /* "YYYY-MM-DD HH:MM:SS" in hold_zone */
    char hold_zone[128];
    size_t acked;                 /* contacts [0, acked) are confirmed in the campaign */
    size_t accepted, rejected;    /* the provider's counts over those */
    bool sending;                 /* a chunk [send_first, send_last) is in doubt */
    size_t send_first, send_last;
    bool started, done;
    bool nothing_created;         /* the create failed and made nothing */
} upload_journal_state_t;

/* 64-bit FNV-1a of the file's bytes: the list's identity for the journal
 * and the "already imported" check (not a security measure). False with
 * `err` when the file cannot be read or is not a regular file (a FIFO
 * cannot be read a second time). */
MUST_USE bool upload_journal_hash_file(const char *path, uint64_t *hash, char *err, size_t err_len);

/* $XDG_STATE_HOME/dialtop/uploads/<hash>-<profile>.journal (or under
 * ~/.local/state). False when no state directory is known. The profile
 * name is kept only as safe characters. */
MUST_USE bool upload_journal_path(uint64_t hash, const char *profile, char *out, size_t out_len);

/* Reads what a journal says; st->found false when there is none. A torn
 * last line (a kill mid-write) is ignored. */
void upload_journal_read(const char *path, upload_journal_state_t *st);

typedef struct upload_journal upload_journal_t;

/* Opens for appending (creating the directories, mode 0600). NULL with
 * `err` on failure. */
MUST_USE upload_journal_t *upload_journal_open(const char *path, char *err, size_t err_len);
void upload_journal_close(upload_journal_t *j);

/* Each appends one line and flushes it to disk; false when it could not
 * (then the upload must stop: a later resume could not be trusted). */
MUST_USE bool upload_journal_begin(upload_journal_t *j, const char *name, const char *provider,
                          size_t contacts);
MUST_USE bool upload_journal_creating(upload_journal_t *j);
/* `hold_when` (may be NULL): the far start a batch without drafts was
 * created with, until the whole list is in. */
MUST_USE bool upload_journal_created(upload_journal_t *j, const char *id, bool draft,
                            const char *hold_when, const char *hold_zone, size_t acked,
                            size_t accepted, size_t rejected);
MUST_USE bool upload_journal_sending(upload_journal_t *j, size_t first, size_t last);
MUST_USE bool upload_journal_acked(upload_journal_t *j, size_t upto, size_t accepted, size_t rejected);
/* The draft was started, or the held batch released. */
MUST_USE bool upload_journal_started(upload_journal_t *j);
MUST_USE bool upload_journal_done(upload_journal_t *j);
MUST_USE bool upload_journal_nothing_created(upload_journal_t *j);

#endif
