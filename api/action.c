/* Operator actions: refuse early, submit once, audit (the reply and the
 * read-back that confirms it: action_readback.c). */
#include "action.h"
#include "figure.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action_job.h"
#include "window.h"

action_ctx_t *action_ctx_new(client_t *client, bool read_only, const char *audit_path)
{
    if (!client)
        return NULL;
    action_ctx_t *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return NULL;
    ctx->client = client;
    const config_profile_t *p = client_profile(client);
    ctx->read_only = read_only || (p && p->read_only);
    if (audit_path && !(ctx->audit_path = strdup(audit_path))) {
        free(ctx);
        return NULL;
    }
    return ctx;
}

void action_ctx_free(action_ctx_t *ctx)
{
    if (!ctx)
        return;
    while (ctx->jobs) {
        job_t *j = ctx->jobs;
        ctx->jobs = j->next;
        if (j->op)
            client_cancel(ctx->client, j->op);
        free(j);
    }
    free(ctx->audit_path);
    free(ctx);
}

size_t action_pending(const action_ctx_t *ctx)
{
    size_t n = 0;
    for (const job_t *j = ctx ? ctx->jobs : NULL; j; j = j->next)
        n++;
    return n;
}

static bool action_format_args(action_t a, const api_action_args_t *args, char *out,
                               size_t len);

/* --- the record ------------------------------------------------------------ */

static void write_audit(action_ctx_t *ctx, action_report_t *r, const action_params_t *params)
{
    const config_profile_t *p = client_profile(ctx->client);
    audit_entry_t e = {0};
    e.time = time(NULL);
    e.profile = p ? p->name : NULL;
    e.insecure = p && p->insecure;
    e.provider = model_provider_name(r->provider);
    e.campaign_id = r->campaign_id;
    e.campaign_name = r->campaign_name[0] ? r->campaign_name : NULL;
    e.action = model_action_info(r->action) ? model_action_info(r->action)->name : NULL;
    char window[160];
    if (r->has_schedule) {
        e.at = r->schedule.when;
        e.tz = r->schedule.zone;
    } else if (r->has_window) {
        /* the window as sent, its end included: what was asked for */
        window_format(&r->window, window, sizeof window);
        if (r->window.end_at[0]) {
            size_t used = strlen(window);
            snprintf(window + used, sizeof window - used, " until %s", r->window.end_at);
        }
        e.at = window;
        e.tz = r->window.zone;
    } else if (r->action == ACTION_RESCHEDULE && params) {
        e.at = params->at; /* what was attempted, even if refused */
        e.tz = params->tz;
        if (!e.at && (params->hours || params->days || params->end)) {
            snprintf(window, sizeof window, "hours %s, days %s, end %s",
                     params->hours ? params->hours : "kept", params->days ? params->days : "kept",
                     params->end ? params->end : "kept");
            e.at = window;
        }
    }
    char args[256];
    if (params && action_format_args(r->action, &params->args, args, sizeof args))
        e.args = args;
    e.outcome = r->outcome;
    e.sent = r->sent;
    e.unknown = r->unknown;
    if (r->outcome == AUDIT_CONFIRMED || r->outcome == AUDIT_ALREADY) {
        e.state = model_campaign_state_name(r->state);
        e.raw_state = r->raw_state;
        if (r->unknown)
            e.note = r->message;
    } else {
        if (r->read_back) {
            e.state = model_campaign_state_name(r->state);
            e.raw_state = r->raw_state;
        }
        e.error_kind = r->outcome == AUDIT_REFUSED ? "refused" : api_error_kind_name(r->error.kind);
        e.error_message = r->message;
        e.http_status = r->error.http_status;
    }
    if (!audit_append(ctx->audit_path, &e, r->audit_error, sizeof r->audit_error) &&
        !r->audit_error[0])
        snprintf(r->audit_error, sizeof r->audit_error, "audit log: not written");
}

/* --- actions with arguments --------------------------------------------------- */

const char *const action_retry_reasons[] = {"no_answer", "busy", "failed", NULL};

const char *action_retry_reason(const char *s)
{
    char folded[32];
    size_t n = 0;
    for (; s && *s && n + 1 < sizeof folded; s++)
        folded[n++] = *s == '-' ? '_' : *s;
    folded[n] = '\0';
    for (size_t i = 0; s && action_retry_reasons[i]; i++)
        if (strcmp(folded, action_retry_reasons[i]) == 0)
            return action_retry_reasons[i];
    return NULL;
}

/* "reasons=no_answer,busy max_retries=2", "concurrency=8"; false when the
 * action takes no arguments. */
static bool action_format_args(action_t a, const api_action_args_t *args, char *out,
                               size_t len)
{
    if (a == ACTION_CONCURRENCY) {
        snprintf(out, len, "concurrency=%d", args->concurrency);
        return true;
    }
    if (a != ACTION_RETRY)
        return false;
    size_t o = (size_t)snprintf(out, len, "reasons=");
    for (size_t i = 0; i < args->nreasons && i < API_RETRY_REASONS_MAX && o < len; i++)
        o += (size_t)snprintf(out + o, len - o, "%s%s", i ? "," : "",
                              args->reasons[i] ? args->reasons[i] : "");
    if (args->max_retries >= 0 && o < len)
        snprintf(out + o, len - o, " max_retries=%d", args->max_retries);
    return true;
}

/* --- refusals ---------------------------------------------------------------- */

static void report_init(action_report_t *r, const model_campaign_t *c, action_t a)
{
    memset(r, 0, sizeof *r);
    r->action = a;
    r->provider = c->provider;
    snprintf(r->campaign_id, sizeof r->campaign_id, "%s", c->id ? c->id : "");
    snprintf(r->campaign_name, sizeof r->campaign_name, "%s", c->name ? c->name : "");
    r->before = c->state;
    r->state = c->state;
    r->concurrency = -1;
    r->pending = -1;
    api_error_clear(&r->error);
}

/* --if-needed: is the campaign already where the action would take it? */
static bool already_reached(const model_campaign_t *c, action_t a, const action_params_t *p)
{
    switch (a) {
    case ACTION_PAUSE: return c->state == CAMPAIGN_PAUSED;
    case ACTION_RESUME: return c->state == CAMPAIGN_ACTIVE || c->state == CAMPAIGN_SCHEDULED;
    case ACTION_CANCEL: return c->state == CAMPAIGN_CANCELLED;
    case ACTION_CONCURRENCY:
        return c->concurrency >= 1 && c->concurrency == p->args.concurrency;
    default: return false; /* a reschedule or a retry always means to do something */
    }
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void refuse(action_report_t *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof r->message, fmt, ap);
    va_end(ap);
    r->outcome = AUDIT_REFUSED;
    r->sent = false;
    r->error.kind = API_ERR_UNSUPPORTED;
    snprintf(r->error.message, sizeof r->error.message, "%s", r->message);
}

/* Every check that needs no request. True when the action may be sent. */
static bool vet(const action_ctx_t *ctx, const model_campaign_t *c, action_t a,
                const action_params_t *params, action_report_t *r)
{
    const model_action_info_t *info = model_action_info(a);
    if (!info || !info->per_campaign) {
        refuse(r, "%s: not an action on a campaign", info ? info->name : "action");
        return false;
    }
    if (!c->id || !c->id[0]) {
        refuse(r, "%s: the campaign has no id", info->name);
        return false;
    }
    if (ctx->read_only) {
        refuse(r, "%s: read-only", info->name);
        return false;
    }
    char why[SCHEDULE_REASON_MAX];
    /* What a reschedule changes is the provider's (the model's table):
     * Sarvam's start cannot move, so --at there is refused whatever the
     * state, even before the campaign is read (the CLI's stub). */
    bool window_kind = model_reschedule_kind(c->provider) == RESCHEDULE_SETS_WINDOW;
    bool sets_window = params && (params->hours || params->days || params->end ||
                                  (window_kind && params->tz));
    if (a == ACTION_RESCHEDULE &&
        !model_reschedule_fits(c->provider, window_kind ? params && params->at : true,
                               sets_window, why, sizeof why)) {
        refuse(r, "%s", why);
        return false;
    }
    /* THE table decides; nothing here re-encodes which state allows what. */
    if (!model_action_allowed(c->provider, c->state, a, why, sizeof why)) {
        refuse(r, "%s", why);
        return false;
    }
    if (info->dangerous && !(params && params->confirmed)) {
        refuse(r, "%s: not confirmed (it cannot be undone)", info->name);
        return false;
    }
    if (a == ACTION_RETRY) {
        const api_action_args_t *g = params ? &params->args : NULL;
        if (!g || g->nreasons == 0) {
            refuse(r, "retry: name the reasons to retry (no_answer, busy, failed)");
            return false;
        }
        for (size_t i = 0; i < g->nreasons && i < API_RETRY_REASONS_MAX; i++)
            if (!action_retry_reason(g->reasons[i])) {
                refuse(r, "retry: \"%.40s\" is not a reason to retry (no_answer, busy, "
                          "failed)", g->reasons[i] ? g->reasons[i] : "");
                return false;
            }
        if (g->max_retries > 10) {
            refuse(r, "retry: at most 10 retries per contact, not %d", g->max_retries);
            return false;
        }
    }
    if (a == ACTION_CONCURRENCY && (!params || params->args.concurrency < 1)) {
        refuse(r, "concurrency: the limit must be a whole number of 1 or more");
        return false;
    }
    if (a == ACTION_RESCHEDULE && window_kind) {
        time_t now = params && params->now ? params->now : time(NULL);
        if (!window_resolve(c, params, now, &r->window, why, sizeof why)) {
            refuse(r, "%s", why);
            return false;
        }
        r->has_window = true;
        return true;
    }
    if (a == ACTION_RESCHEDULE) {
        char local[SCHEDULE_ZONE_MAX];
        const char *zone = params ? params->tz : NULL;
        if (!zone || !*zone)
            zone = c->timezone;
        if (!zone || !*zone) {
            schedule_local_zone(local, sizeof local);
            zone = local;
        }
        time_t now = params && params->now ? params->now : time(NULL);
        if (!schedule_resolve(params ? params->at : NULL, zone, now, &r->schedule, why,
                              sizeof why)) {
            refuse(r, "reschedule: %s", why);
            return false;
        }
        r->has_schedule = true;
    }
    return true;
}

/* --- in flight ----------------------------------------------------------------- */

void action_job_finish(job_t *j)
{
    action_ctx_t *ctx = j->ctx;
    action_params_t logged = {0};
    logged.args = j->args; /* only the arguments: nothing here may dangle */
    write_audit(ctx, &j->rep, &logged);
    for (job_t **pp = &ctx->jobs; *pp; pp = &(*pp)->next) {
        if (*pp == j) {
            *pp = j->next;
            break;
        }
    }
    if (j->done)
        j->done(&j->rep, j->ud);
    free(j);
}

void action_job_fail(job_t *j, const api_error_t *err)
{
    j->rep.outcome = AUDIT_FAILED;
    j->rep.error = *err;
    snprintf(j->rep.message, sizeof j->rep.message, "%s", err->message);
    /* The row goes back to the state the backend last reported. */
    j->rep.state = j->rep.before;
    action_job_finish(j);
}

unsigned long action_submit(action_ctx_t *ctx, const model_campaign_t *campaign,
                            action_t action, const action_params_t *params,
                            action_done_fn done, void *ud, action_report_t *refused)
{
    action_report_t r;
    model_campaign_t empty;
    if (!campaign) {
        model_campaign_init(&empty);
        campaign = &empty;
    }
    report_init(&r, campaign, action);
    job_t *j = NULL;
    if (params && params->if_needed && already_reached(campaign, action, params)) {
        r.outcome = AUDIT_ALREADY;
        snprintf(r.raw_state, sizeof r.raw_state, "%s",
                 campaign->raw_state ? campaign->raw_state : "");
        r.concurrency = campaign->concurrency;
        if (action == ACTION_CONCURRENCY)
            snprintf(r.message, sizeof r.message, "already at concurrency %d",
                     campaign->concurrency);
        else
            snprintf(r.message, sizeof r.message, "already %s",
                     model_campaign_state_name(campaign->state));
        write_audit(ctx, &r, params);
        if (refused)
            *refused = r;
        return 0;
    }
    if (vet(ctx, campaign, action, params, &r)) {
        j = calloc(1, sizeof *j);
        if (!j)
            refuse(&r, "%s: out of memory", model_action_info(action)->name);
    }
    if (!j) {
        write_audit(ctx, &r, params);
        if (refused)
            *refused = r;
        return 0;
    }
    j->ctx = ctx;
    j->rep = r;
    j->rep.sent = true;
    j->done = done;
    j->ud = ud;
    j->id = ++ctx->next_id;
    j->next = ctx->jobs;
    ctx->jobs = j;

    api_reschedule_t resched = {0};
    if (r.has_schedule) {
        resched.when = j->rep.schedule.when;
        resched.timezone = j->rep.schedule.zone;
    } else if (r.has_window) {
        resched.window = true;
        resched.timezone = j->rep.window.zone;
        resched.window_start = j->rep.window.start;
        resched.window_end = j->rep.window.end;
        resched.window_days = j->rep.window.days;
        resched.end_at = j->rep.window.end_at[0] ? j->rep.window.end_at : NULL;
    }
    unsigned long id = j->id;
    if (action == ACTION_RETRY || action == ACTION_CONCURRENCY) {
        j->want_concurrency = params->args.concurrency;
        j->args = params->args;
        for (size_t i = 0; i < j->args.nreasons && i < API_RETRY_REASONS_MAX; i++)
            j->args.reasons[i] = action_retry_reason(j->args.reasons[i]);
        j->op = client_action_args(ctx->client, r.campaign_id, r.before, action, &j->args,
                                   action_on_reply, j);
    } else {
        j->op = client_action(ctx->client, r.campaign_id, r.before, action,
                              r.has_schedule || r.has_window ? &resched : NULL, action_on_reply, j);
    }
    if (!j->op) {
        /* The client could not even queue it (out of memory): nothing went
         * out, but it was meant to, so it is reported as failed. */
        ctx->jobs = j->next; /* still the head: no callback has run */
        free(j);
        r.outcome = AUDIT_FAILED;
        api_error_set(&r.error, API_ERR_NETWORK, 0, "could not queue the request (out of memory)");
        snprintf(r.message, sizeof r.message, "%s", r.error.message);
        write_audit(ctx, &r, params);
        if (refused)
            *refused = r;
        return 0;
    }
    return id;
}

/* --- several targets ---------------------------------------------------------- */

bool action_check(action_ctx_t *ctx, const model_campaign_t *campaign, action_t action,
                  const action_params_t *params, action_report_t *out)
{
    model_campaign_t empty;
    if (!campaign) {
        model_campaign_init(&empty);
        campaign = &empty;
    }
    report_init(out, campaign, action);
    /* --if-needed: already there is no refusal; action_submit says so */
    if (params && params->if_needed && already_reached(campaign, action, params))
        return true;
    return vet(ctx, campaign, action, params, out);
}

void action_refuse(action_ctx_t *ctx, const model_campaign_t *campaign, action_t action,
                   const action_params_t *params, const char *reason, action_report_t *out)
{
    model_campaign_t empty;
    if (!campaign) {
        model_campaign_init(&empty);
        campaign = &empty;
    }
    report_init(out, campaign, action);
    refuse(out, "%s", reason ? reason : "refused");
    write_audit(ctx, out, params);
}

void action_record_unread(action_ctx_t *ctx, const char *id, action_t action,
                          const action_params_t *params, const api_error_t *err,
                          action_report_t *out)
{
    model_campaign_t c;
    model_campaign_init(&c);
    c.id = (char *)(id ? id : "");
    c.provider = client_profile(ctx->client) ? client_profile(ctx->client)->provider
                                             : PROVIDER_OMNIDIM;
    report_init(out, &c, action);
    out->before = out->state = CAMPAIGN_UNKNOWN;
    out->outcome = AUDIT_FAILED;
    if (err)
        out->error = *err;
    snprintf(out->message, sizeof out->message, "could not read the campaign: %.200s",
             err ? err->message : "no reply");
    write_audit(ctx, out, params);
}

/* --- blocking form ----------------------------------------------------------- */

typedef struct {
    action_report_t *out;
    bool done;
} wait_t;

static void on_done_blocking(const action_report_t *r, void *ud)
{
    wait_t *w = ud;
    *w->out = *r;
    w->done = true;
}

void action_run(action_ctx_t *ctx, const model_campaign_t *campaign, action_t action,
                const action_params_t *params, action_report_t *out)
{
    wait_t w = {out, false};
    unsigned long id = action_submit(ctx, campaign, action, params, on_done_blocking, &w, out);
    if (!id)
        return;
    while (!w.done) {
        if (client_poll(ctx->client, -1, 1000, NULL) >= 0)
            continue;
        /* The transport itself broke: the request may or may not have
         * reached the backend, so say exactly that. */
        for (job_t *j = ctx->jobs; j; j = j->next) {
            if (j->id != id)
                continue;
            if (j->op)
                client_cancel(ctx->client, j->op);
            j->op = 0;
            api_error_t err;
            api_error_clear(&err);
            api_error_set(&err, API_ERR_NETWORK, 0,
                          "transport failure; the outcome is unknown, re-read the campaign");
            action_job_fail(j, &err);
            break;
        }
    }
}

/* --- dialog helpers -------------------------------------------------------------- */

long action_cancel_drops(const model_campaign_t *c)
{
    /* the same figure the row shows (figure.h), not a second reckoning */
    long v;
    if (!c || figure_read(c, FIG_PEND, &v) != FIGURE_KNOWN)
        return -1;
    return v;
}

bool action_reschedule_needs_pause(const model_campaign_t *c)
{
    return c && !model_action_allowed(c->provider, c->state, ACTION_RESCHEDULE, NULL, 0) &&
           model_action_allowed(c->provider, c->state, ACTION_PAUSE, NULL, 0) &&
           model_action_allowed(c->provider, CAMPAIGN_PAUSED, ACTION_RESCHEDULE, NULL, 0);
}

void action_reschedule_prefill(const model_campaign_t *c, char *when, size_t when_len,
                               char *zone, size_t zone_len)
{
    if (c && c->timezone && schedule_zone_valid(c->timezone, NULL, 0))
        snprintf(zone, zone_len, "%s", c->timezone);
    else
        schedule_local_zone(zone, zone_len);
    schedule_wall_t w;
    /* OmniDim sends the wall clock itself ("YYYY-MM-DD HH:MM:SS" in the
     * campaign's zone): take it as is rather than through an instant.
     * ISO instants (Truedy, Sarvam) do not parse as a wall clock and go
     * through the epoch instead. */
    if (c && c->scheduled_at && c->timezone && strcmp(zone, c->timezone) == 0 &&
        schedule_parse_wall(c->scheduled_at, &w, NULL, 0))
        snprintf(when, when_len, "%04d-%02d-%02d %02d:%02d", w.year, w.month, w.day, w.hour,
                 w.minute);
    else if (c && c->scheduled_epoch > 0 &&
             schedule_epoch_to_wall(c->scheduled_epoch, zone, &w, NULL, 0))
        snprintf(when, when_len, "%04d-%02d-%02d %02d:%02d", w.year, w.month, w.day, w.hour,
                 w.minute);
    else if (when_len)
        when[0] = '\0';
}
