/* Alerts: a campaign turning failed or stalled, its failure rate crossing
 * the profile's alert threshold, a backend unreachable for more than a
 * minute. Each one is kept until acknowledged (`A`), shown as a banner,
 * written to the message log, rung on the terminal bell (the profile's
 * `bell`), and handed to the profile's `notify_command` if it has one:
 * run directly (the command line split on blanks, never through a shell),
 * its output discarded, with the facts in DIALTOP_ALERT_* environment
 * variables, so no provider text is ever parsed as a command. */
#ifndef DIALTOP_ALERTS_H
#define DIALTOP_ALERTS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "camprows.h"

typedef enum {
    ALERT_FAILED,       /* the campaign's state turned failed */
    ALERT_STALLED,      /* active, calls waiting, no progress (stall_polls) */
    ALERT_FAIL_RATE,    /* FAIL% at or over fail_alert_pct while dialing */
    ALERT_UNREACHABLE,  /* the profile's backend, for over a minute */
    ALERT_KIND_COUNT
} alert_kind_t;

#define ALERTS_KEEP 32
#define ALERTS_CHILDREN 8
#define ALERTS_UNREACHABLE_S 60.0

typedef struct {
    alert_kind_t kind;
    time_t when;
    char text[256];               /* sanitised, for the banner and the log */
} alert_t;

typedef struct {
    alert_t items[ALERTS_KEEP];   /* the newest unacknowledged ones */
    size_t n;
    size_t unacked;               /* raised since the last acknowledgement */
    pid_t children[ALERTS_CHILDREN]; /* notify commands still running */
} alerts_t;

/* Facts handed to notify_command (strings may be NULL). */
typedef struct {
    alert_kind_t kind;
    const char *profile, *provider, *campaign_id, *campaign_name, *state;
    double fail_pct;              /* < 0 when not known */
} alert_facts_t;

/* The alert conditions a row meets now, one bit per alert_kind_t. */
unsigned alerts_row_bits(const camp_row_t *r, const camprows_rules_t *rules);

/* Records an alert (text already sanitised). */
void alerts_add(alerts_t *al, alert_kind_t kind, time_t when, const char *text);
void alerts_ack(alerts_t *al);
const alert_t *alerts_newest(const alerts_t *al);

/* Starts `command` (split on blanks) with the facts in its environment;
 * false with a reason when it could not be started. Never waits. */
bool alerts_notify(alerts_t *al, const char *command, const alert_facts_t *f, char *why,
                   size_t why_len);
/* Collects notify commands that have finished (never blocks). */
void alerts_reap(alerts_t *al);

#endif
