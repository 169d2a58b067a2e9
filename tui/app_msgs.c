/* What the console keeps of what it said: the message log (M) and the
 * alerts (banner until A, bell, notify_command); see msglog.h, alerts.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "figure.h"
#include "sanitize.h"
#include "ui.h"

void app_raise_alert(app_t *a, alert_kind_t kind, int source, const camp_row_t *row)
{
    const config_profile_t *p = a->src[source].profile;
    char text[320];
    double pct = -1;
    if (row)
        figure_fail_percent(&row->m, &pct);
    switch (kind) {
    case ALERT_FAILED:
        snprintf(text, sizeof text, "%s (%s): campaign failed%s%s", row->name, p->name,
                 row->failure ? ": " : "", row->failure ? row->failure : "");
        break;
    case ALERT_STALLED:
        snprintf(text, sizeof text, "%s (%s): stalled, no call finished in %d polls", row->name,
                 p->name, a->src[source].rules.stall_polls);
        break;
    case ALERT_FAIL_RATE:
        snprintf(text, sizeof text, "%s (%s): failure rate %.0f%%, over %.0f%%", row->name,
                 p->name, pct, a->src[source].rules.fail_alert_pct);
        break;
    default:
        snprintf(text, sizeof text, "profile %s: backend unreachable for over %.0f s", p->name,
                 ALERTS_UNREACHABLE_S);
        break;
    }
    /* names are sanitised already; the profile's name is config text */
    char *s = sanitize_text(text);
    alerts_add(&a->alerts, kind, time(NULL), s ? s : text);
    char line[400];
    snprintf(line, sizeof line, "ALERT %s", s ? s : text);
    msglog_add(&a->log, time(NULL), POLLER_SEV_ERROR, true, line);
    free(s);
    if (p->bell)
        beep();
    if (p->notify_command && *p->notify_command) {
        alert_facts_t f = {kind, p->name, model_provider_name(p->provider),
                           row ? row->m.id : NULL, row ? row->m.name : NULL,
                           row ? model_campaign_state_name(row->m.state) : NULL, pct};
        char why[256];
        if (!alerts_notify(&a->alerts, p->notify_command, &f, why, sizeof why)) {
            snprintf(line, sizeof line, "notify_command: %s", why);
            app_log(a, POLLER_SEV_ERROR, line);
        }
    }
    a->dirty = true;
}

void app_log(app_t *a, poller_severity_t sev, const char *text)
{
    char *s = sanitize_text(text);
    msglog_add(&a->log, time(NULL), (int)sev, sev == POLLER_SEV_ERROR, s ? s : "");
    free(s);
    a->dirty = true;
}

/* M: the log, newest first, in the detail view. */
void app_show_log(app_t *a)
{
    static const char *const sev_names[] = {"ok", "busy", "warning", "error"};
    size_t n = msglog_count(&a->log);
    char **lines = calloc(n ? n : 1, sizeof *lines);
    size_t k = 0;
    for (size_t i = n; lines && i-- > 0;) {
        const msglog_entry_t *e = msglog_at(&a->log, i);
        struct tm tm;
        char when[32];
        localtime_r(&e->when, &tm);
        strftime(when, sizeof when, "%H:%M:%S", &tm);
        size_t len = strlen(e->text) + 64;
        lines[k] = malloc(len);
        if (!lines[k])
            break;
        snprintf(lines[k], len, "%s  %-7s  %s", when,
                 (unsigned)e->sev < 4 ? sev_names[e->sev] : "?", e->text);
        k++;
    }
    char title[96];
    snprintf(title, sizeof title, "Messages: %zu, newest first (kept: the last %d)", n,
             MSGLOG_MAX);
    detail_show_lines(a, title, (const char *const *)lines, k);
    for (size_t i = 0; i < k; i++)
        free(lines[i]);
    free(lines);
    if (!n)
        detail_show_lines(a, "Messages: none yet", NULL, 0);
    msglog_mark_read(&a->log);
    a->detail.top = 0;
    app_push_view(a, VIEW_DETAIL);
}
