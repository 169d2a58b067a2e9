/* The message log: every flash, refusal and error the console showed,
 * with its time, so nothing said for four seconds is lost (`M` opens it).
 * A ring of the last MSGLOG_MAX messages; the text is kept as shown
 * (already sanitised). Counts unread errors for the header's mark. */
#ifndef DIALTOP_MSGLOG_H
#define DIALTOP_MSGLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define MSGLOG_MAX 500
#define MSGLOG_TEXT_MAX 256

typedef struct {
    time_t when;
    int sev;                      /* poller_severity_t */
    char text[MSGLOG_TEXT_MAX];
} msglog_entry_t;

typedef struct {
    msglog_entry_t *ring;         /* MSGLOG_MAX entries, allocated on first add */
    size_t head;                  /* next slot */
    size_t n;                     /* held, <= MSGLOG_MAX */
    size_t unread_errors;         /* errors since the log was last opened */
} msglog_t;

void msglog_init(msglog_t *l);
void msglog_free(msglog_t *l);
/* `is_error`: counts toward the unread mark. Never fails loudly: out of
 * memory drops the message (the status line still showed it). */
void msglog_add(msglog_t *l, time_t when, int sev, bool is_error, const char *text);
size_t msglog_count(const msglog_t *l);
/* 0 = oldest held. NULL past the end. */
const msglog_entry_t *msglog_at(const msglog_t *l, size_t i);
/* The operator has seen them. */
void msglog_mark_read(msglog_t *l);

#endif
