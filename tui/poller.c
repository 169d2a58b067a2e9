/* Poll scheduling, backoff and freshness text (see poll.h). */
#include "poller.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

double poller_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void poller_init(poller_t *p, int interval_s, double now)
{
    memset(p, 0, sizeof *p);
    p->interval_s = interval_s < 1 ? 1 : interval_s;
    p->next_due = now;
    api_error_clear(&p->err);
}

bool poller_due(const poller_t *p, double now)
{
    return !p->in_flight && now >= p->next_due;
}

void poller_started(poller_t *p, double now)
{
    p->in_flight = true;
    p->started = now;
}

void poller_succeeded(poller_t *p, double now)
{
    p->in_flight = false;
    p->failures = 0;
    p->last_ok = now;
    api_error_clear(&p->err);
    /* The interval runs from the start of the poll, so a slow backend does
     * not stretch the cadence; never less than a quarter interval from
     * now, so a backend slower than the interval is not hammered. */
    double due = p->started + p->interval_s;
    if (due < now + p->interval_s / 4)
        due = now + p->interval_s / 4;
    p->next_due = due;
}

void poller_failed(poller_t *p, const api_error_t *err, double now)
{
    p->in_flight = false;
    p->err = *err;
    p->failures++;
    double wait;
    if (err->kind == API_ERR_RATE_LIMITED && err->retry_after_s >= 0) {
        wait = (double)err->retry_after_s;
        if (wait < p->interval_s)
            wait = p->interval_s;
    } else if (err->kind == API_ERR_AUTH) {
        wait = POLLER_AUTH_RETRY_S;
    } else {
        int k = p->failures < 8 ? p->failures : 8;
        wait = p->interval_s * ldexp(1.0, k);
        if (wait > POLLER_BACKOFF_MAX_S)
            wait = POLLER_BACKOFF_MAX_S;
    }
    p->next_due = now + wait;
}

void poller_request_now(poller_t *p, double now)
{
    p->next_due = now;
}

long poller_ms_until_due(const poller_t *p, double now)
{
    if (p->in_flight)
        return -1;
    double d = p->next_due - now;
    return d <= 0 ? 0 : (long)ceil(d * 1000.0);
}

bool poller_is_stale(const poller_t *p)
{
    return p->last_ok > 0 && p->err.kind != API_OK;
}

bool poller_is_stale_at(const poller_t *p, double now, double request_timeout_s)
{
    return poller_is_stale(p) ||
           (p->last_ok > 0 && now - p->last_ok > p->interval_s + request_timeout_s);
}

static long secs_until(double t, double now)
{
    double d = t - now;
    return d <= 0 ? 0 : (long)ceil(d);
}

poller_severity_t poller_status_text(const poller_t *p, double now, const char *key_source,
                                 char *out, size_t out_len)
{
    long retry = secs_until(p->next_due, now);
    const char *msg = p->err.message[0] ? p->err.message : api_error_kind_name(p->err.kind);
    const char *when = p->in_flight ? "retrying now" : "retry in";
    char rs[32];
    if (p->in_flight)
        rs[0] = '\0';
    else
        snprintf(rs, sizeof rs, " %lds", retry);

    switch (p->err.kind) {
    case API_OK:
        /* "polling..." only when a poll is slow or nothing has arrived
         * yet; a quick poll every 2 s would otherwise flicker the line. */
        if (p->last_ok == 0) {
            snprintf(out, out_len, "polling...");
            return POLLER_SEV_BUSY;
        }
        if (p->in_flight && now - p->started >= 1.0) {
            snprintf(out, out_len, "polling... (updated %lds ago)", (long)(now - p->last_ok));
            return POLLER_SEV_BUSY;
        }
        snprintf(out, out_len, "updated %lds ago", (long)(now - p->last_ok));
        return POLLER_SEV_OK;
    case API_ERR_NETWORK: {
        /* the transport's sentence carries curl's detail in parentheses;
         * the status line keeps the reason and the countdown visible */
        char brief[API_ERROR_MSG_MAX];
        const char *m = msg;
        if (strncmp(m, "network error: ", 15) == 0)
            m += 15;
        snprintf(brief, sizeof brief, "%s", m);
        char *paren = strstr(brief, " (");
        if (paren && paren != brief)
            *paren = '\0';
        snprintf(out, out_len, "backend unreachable (%s), %s%s", brief, when, rs);
        return POLLER_SEV_ERROR;
    }
    case API_ERR_RATE_LIMITED:
        if (p->in_flight)
            snprintf(out, out_len, "rate limited, retrying now");
        else
            snprintf(out, out_len, "rate limited, waiting %lds%s", retry,
                     p->err.retry_after_capped ? " (it asked for longer: capped at 1 h)" : "");
        return POLLER_SEV_WARN;
    case API_ERR_AUTH:
        snprintf(out, out_len, "API key rejected (%ld): check %s", p->err.http_status,
                 key_source && *key_source ? key_source : "the profile's api_key_env");
        return POLLER_SEV_ERROR;
    case API_ERR_SERVER:
        snprintf(out, out_len, "backend error (HTTP %ld: %s), %s%s", p->err.http_status, msg,
                 when, rs);
        return POLLER_SEV_ERROR;
    case API_ERR_PARSE:
        snprintf(out, out_len, "unreadable reply from backend (%s), %s%s", msg, when, rs);
        return POLLER_SEV_ERROR;
    default:
        snprintf(out, out_len, "%s (%s), %s%s", api_error_kind_name(p->err.kind), msg, when,
                 rs);
        return POLLER_SEV_ERROR;
    }
}
