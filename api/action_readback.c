/* What an action's reply means, and the read-back that settles it (see
 * action_job.h): a confirmed reply that names no state, or a reply that
 * does not say whether the backend applied the action, is answered by
 * reading the campaign (never by sending the action again), and the report
 * says what that read shows. */
#include "action_job.h"

#include <stdio.h>
#include <stdlib.h>

#include "window.h"

/* A reply that does not tell whether the backend applied the action: the
 * connection dropped or timed out after the request went out, the server
 * failed (5xx: it may have applied it and then failed), or a 2xx came
 * whose body could not be read. */
static bool outcome_unknown(const api_error_t *err)
{
    switch (err->kind) {
    case API_ERR_NETWORK:
        return !err->not_sent;
    case API_ERR_SERVER:
        return true;
    case API_ERR_PARSE:
        return err->http_status == 0 || err->http_status / 100 == 2;
    default:
        return false;
    }
}

/* Does the campaign as read back show what the action wanted? */
static bool wanted_reached(const action_report_t *r, const model_campaign_t *camp)
{
    if (r->action == ACTION_RESCHEDULE && r->has_window) /* Sarvam: the window took or not */
        return window_readback_matches(&r->window, camp, NULL, 0) &&
               camp->state != CAMPAIGN_UNKNOWN && !model_campaign_state_is_terminal(camp->state);
    if (r->action == ACTION_RESCHEDULE)
        /* The state does not say whether the new time took: its start does. */
        return r->has_schedule && camp->scheduled_epoch == r->schedule.epoch &&
               camp->state != CAMPAIGN_UNKNOWN && !model_campaign_state_is_terminal(camp->state);
    model_next_t next;
    if (!model_action_next(r->provider, r->before, r->action, &next))
        return false;
    if (next.kind == NEXT_BY_START_TIME)
        return camp->state == CAMPAIGN_SCHEDULED || camp->state == CAMPAIGN_ACTIVE;
    if (next.kind == NEXT_UNCHANGED)
        return false;
    return camp->state == next.state;
}

/* The read after a failed or unknown action: report what it shows. */
static void on_failed_read(model_campaign_t *camp, const api_error_t *err, void *ud)
{
    job_t *j = ud;
    j->op = 0;
    action_report_t *r = &j->rep;
    char first[API_ERROR_MSG_MAX];
    snprintf(first, sizeof first, "%s", r->error.message);
    if (!camp) {
        /* Unknown stays unknown; a failure the backend (or the network,
         * before connecting) answered leaves the state last read. */
        r->state = r->unknown ? CAMPAIGN_UNKNOWN : r->before;
        r->read_back = false;
        snprintf(r->message, sizeof r->message, "%s%.110s; the read-back failed too: %.80s",
                 r->unknown ? "sent, outcome unknown: " : "", first,
                 err ? err->message : "no reply");
        r->outcome = AUDIT_FAILED;
        action_job_finish(j);
        return;
    }
    r->read_back = true;
    r->state = camp->state;
    snprintf(r->raw_state, sizeof r->raw_state, "%s", camp->raw_state ? camp->raw_state : "");
    const char *now = model_campaign_state_name(camp->state);
    r->concurrency = camp->concurrency;
    r->pending = action_cancel_drops(camp);
    /* a concurrency shows in its number, not in the state */
    bool reached = r->action == ACTION_CONCURRENCY ? camp->concurrency == j->want_concurrency
                                                   : wanted_reached(r, camp);
    if (r->unknown && reached) {
        r->outcome = AUDIT_CONFIRMED;
        snprintf(r->message, sizeof r->message, "sent, outcome unknown (%.180s); read back: %s",
                 first, now);
    } else {
        r->outcome = AUDIT_FAILED;
        snprintf(r->message, sizeof r->message, "%s%.180s; read back: %s",
                 r->unknown ? "sent, outcome unknown: " : "", first, now);
    }
    model_campaign_free(camp);
    free(camp);
    action_job_finish(j);
}

static void on_reread(model_campaign_t *camp, const api_error_t *err, void *ud)
{
    job_t *j = ud;
    j->op = 0;
    if (j->rep.has_window) {
        /* Sarvam's PATCH may answer 200 while nothing moved: only the
         * campaign read back says whether the window took. */
        char why[API_ERROR_MSG_MAX];
        api_error_t e;
        api_error_clear(&e);
        if (!camp)
            api_error_set(&e, err ? err->kind : API_ERR_NETWORK, err ? err->http_status : 0,
                          "reschedule: sent, but the campaign could not be read back to see "
                          "whether the window changed: %.120s",
                          err ? err->message : "no reply");
        else if (!window_readback_matches(&j->rep.window, camp, why, sizeof why))
            api_error_set(&e, API_ERR_REFUSED, 0, "%s", why);
        if (camp) {
            j->rep.state = camp->state;
            snprintf(j->rep.raw_state, sizeof j->rep.raw_state, "%s",
                     camp->raw_state ? camp->raw_state : "");
            model_campaign_free(camp);
            free(camp);
        }
        if (e.kind != API_OK)
            action_job_fail(j, &e);
        else
            action_job_finish(j);
        return;
    }
    if (camp) {
        j->rep.state = camp->state;
        j->rep.read_back = true;
        snprintf(j->rep.raw_state, sizeof j->rep.raw_state, "%s",
                 camp->raw_state ? camp->raw_state : "");
        j->rep.concurrency = camp->concurrency;
        j->rep.pending = action_cancel_drops(camp);
        if (j->rep.action == ACTION_CONCURRENCY && camp->concurrency != j->want_concurrency) {
            /* what dialtop reports is what it read back, not the reply */
            j->rep.outcome = AUDIT_FAILED;
            api_error_set(&j->rep.error, API_ERR_REFUSED, 0,
                          "the provider answered yes, but the campaign reads concurrency %d, "
                          "not %d", camp->concurrency, j->want_concurrency);
            snprintf(j->rep.message, sizeof j->rep.message, "%s", j->rep.error.message);
        }
        model_campaign_free(camp);
        free(camp);
    } else {
        j->rep.state = CAMPAIGN_UNKNOWN;
        snprintf(j->rep.message, sizeof j->rep.message,
                 "confirmed, but the new state could not be read: %.200s",
                 err ? err->message : "no reply");
    }
    action_job_finish(j);
}

void action_on_reply(const api_action_result_t *res, const api_error_t *err, void *ud)
{
    job_t *j = ud;
    j->op = 0;
    if (!res) {
        api_error_t fallback;
        api_error_clear(&fallback);
        api_error_set(&fallback, API_ERR_NETWORK, 0, "no reply");
        const api_error_t *e = err ? err : &fallback;
        j->rep.error = *e;
        j->rep.unknown = outcome_unknown(e);
        /* A read (never a resend) tells what the backend now holds. A
         * refusal for the key or the rate would only be refused again. */
        if (e->kind != API_ERR_AUTH && e->kind != API_ERR_RATE_LIMITED) {
            j->op = client_get_campaign(j->ctx->client, j->rep.campaign_id, on_failed_read, j);
            if (j->op)
                return;
        }
        if (j->rep.unknown) {
            on_failed_read(NULL, NULL, j);
            return;
        }
        action_job_fail(j, e);
        return;
    }
    j->rep.outcome = AUDIT_CONFIRMED;
    snprintf(j->rep.message, sizeof j->rep.message, "%s", res->message);
    snprintf(j->rep.raw_state, sizeof j->rep.raw_state, "%s", res->raw_state);
    j->rep.state = res->state;
    /* retry and concurrency change what no state names, nor does a window:
     * always read back */
    if (res->state != CAMPAIGN_UNKNOWN && !j->rep.has_window && j->rep.action != ACTION_RETRY &&
        j->rep.action != ACTION_CONCURRENCY) {
        action_job_finish(j);
        return;
    }
    /* The reply named no state: a read (not a retry of the action) tells
     * what the backend now holds. */
    j->op = client_get_campaign(j->ctx->client, j->rep.campaign_id, on_reread, j);
    if (!j->op)
        on_reread(NULL, NULL, j);
}
