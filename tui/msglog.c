/* The message log ring (see msglog.h). */
#include "msglog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void msglog_init(msglog_t *l)
{
    memset(l, 0, sizeof *l);
}

void msglog_free(msglog_t *l)
{
    free(l->ring);
    msglog_init(l);
}

void msglog_add(msglog_t *l, time_t when, int sev, bool is_error, const char *text)
{
    if (!l->ring) {
        l->ring = calloc(MSGLOG_MAX, sizeof *l->ring);
        if (!l->ring)
            return;
    }
    msglog_entry_t *e = &l->ring[l->head];
    e->when = when;
    e->sev = sev;
    snprintf(e->text, sizeof e->text, "%s", text ? text : "");
    l->head = (l->head + 1) % MSGLOG_MAX;
    if (l->n < MSGLOG_MAX)
        l->n++;
    if (is_error)
        l->unread_errors++;
}

size_t msglog_count(const msglog_t *l)
{
    return l->n;
}

const msglog_entry_t *msglog_at(const msglog_t *l, size_t i)
{
    if (i >= l->n)
        return NULL;
    size_t oldest = (l->head + MSGLOG_MAX - l->n) % MSGLOG_MAX;
    return &l->ring[(oldest + i) % MSGLOG_MAX];
}

void msglog_mark_read(msglog_t *l)
{
    l->unread_errors = 0;
}
