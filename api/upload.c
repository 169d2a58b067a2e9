/* Upload: settings checks, the create operation reading the import's
 * contacts in place, and its audit line. */
#include "upload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "provider.h"
#include "upload_chain.h"
#include "upload_journal.h"
#include "upload_settings.h"

#define NAME_MAX_BYTES 200
#define RETRY_LIMIT_MAX 5
#define UPLOAD_RATE_TRIES 30

struct upload {
    client_t *client;
    unsigned long op;
    size_t ncontacts;
    api_create_spec_t spec;
    upload_parsed_t parsed;       /* the spec's window strings point here */
    schedule_t sched;
    bool has_sched;
    char *name;
    const char *audit_path;
    /* for the audit line: where from, what was asked, how many rows */
    char *source_file;
    char settings[512];
    long rows_read, rows_accepted, rows_rejected;
    bool finished;
    upload_outcome_t out;
    void (*on_finish)(void *ud);
    void *on_finish_ud;
    upload_chain_t *chain;        /* big lists; NULL: one client_create */
    upload_journal_t *journal;
    upload_journal_state_t resume;
    int rate_tries;               /* 429s waited out on a one-call create */
};

void upload_settings_init(upload_settings_t *s)
{
    memset(s, 0, sizeof *s);
    s->retry_limit = -1;
}

static bool has_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return true;
    return false;
}

static bool check_name(provider_t p, const char *name, char *reason, size_t len)
{
    if (!provider_name_ok(p, name, reason, len))
        return false;
    if (strlen(name) > NAME_MAX_BYTES || has_control(name)) {
        snprintf(reason, len, "the campaign name must be at most %d bytes of printable text",
                 NAME_MAX_BYTES);
        return false;
    }
    return true;
}

/* The schedule as the drivers take it; `zone` is the operator's when none
 * was given. */
static bool resolve_schedule(const upload_settings_t *s, time_t now, schedule_t *out,
                             char *reason, size_t len)
{
    char zone[SCHEDULE_ZONE_MAX];
    if (s->tz && s->tz[0])
        snprintf(zone, sizeof zone, "%s", s->tz);
    else
        schedule_local_zone(zone, sizeof zone);
    return schedule_resolve(s->at, zone, now, out, reason, len);
}

bool upload_check(provider_t p, const upload_settings_t *s, time_t now, char *reason,
                  size_t reason_len)
{
    if (!check_name(p, s->name, reason, reason_len))
        return false;
    if (s->retry_limit > RETRY_LIMIT_MAX || s->retry_limit < -1) {
        snprintf(reason, reason_len, "the retry limit must be 0 to %d", RETRY_LIMIT_MAX);
        return false;
    }
    const provider_desc_t *d = provider_get(p);
    if (d && d->caller_id_required && (!s->phone_number_id || !s->phone_number_id[0])) {
        snprintf(reason, reason_len, "%s", d->caller_id_required);
        return false;
    }
    if (s->tz && !s->at && !upload_settings_has_window(s)) {
        snprintf(reason, reason_len, "a timezone needs a start time (--at) or working "
                                     "hours or days (--hours, --days)");
        return false;
    }
    schedule_t sched;
    if (s->at && !resolve_schedule(s, now, &sched, reason, reason_len))
        return false;
    upload_parsed_t parsed;
    return upload_settings_resolve(p, s, &parsed, reason, reason_len);
}

/* "concurrency=3 retry_limit=2 hours=09:00-18:00 ...": what was asked,
 * only the settings given. */
static void settings_text(const upload_settings_t *s, char *out, size_t len)
{
    size_t o = 0;
    out[0] = '\0';
#define ADD(...)                                                                \
    do {                                                                       \
        int w_ = snprintf(out + o, len - o, __VA_ARGS__);                      \
        if (w_ > 0 && (size_t)w_ < len - o)                                    \
            o += (size_t)w_;                                                   \
    } while (0)
    if (s->at)
        ADD("%sat=%s", o ? " " : "", s->at);
    if (s->tz)
        ADD("%stz=%s", o ? " " : "", s->tz);
    if (s->concurrency > 0)
        ADD("%sconcurrency=%d", o ? " " : "", s->concurrency);
    if (s->retry_limit >= 0)
        ADD("%sretry_limit=%d", o ? " " : "", s->retry_limit);
    if (s->retry_after_hours > 0)
        ADD("%sretry_after_hours=%d", o ? " " : "", s->retry_after_hours);
    if (s->hours && *s->hours)
        ADD("%shours=%s", o ? " " : "", s->hours);
    if (s->days && *s->days)
        ADD("%sdays=%s", o ? " " : "", s->days);
    if (s->max_calls_per_day > 0)
        ADD("%smax_calls_per_day=%d", o ? " " : "", s->max_calls_per_day);
    if (s->phone_number_id && *s->phone_number_id)
        ADD("%sphone_number_id=%s", o ? " " : "", s->phone_number_id);
    if (s->agent_id && *s->agent_id)
        ADD("%sagent_id=%s", o ? " " : "", s->agent_id);
#undef ADD
}

static void audit_write(upload_t *u, audit_outcome_t outcome, bool sent,
                        const api_error_t *err, const char *refusal)
{
    const config_profile_t *prof = client_profile(u->client);
    audit_entry_t e = {0};
    e.time = time(NULL);
    e.profile = prof ? prof->name : NULL;
    e.insecure = prof && prof->insecure;
    e.source_file = u->source_file;
    e.settings = u->settings[0] ? u->settings : NULL;
    e.has_rows = true;
    e.rows_read = u->rows_read;
    e.rows_accepted = u->rows_accepted;
    e.rows_rejected = u->rows_rejected;
    e.provider = model_provider_name(client_driver(u->client)->provider);
    e.campaign_id = u->out.has_created ? u->out.created.id : NULL;
    e.campaign_name = u->name;
    e.action = model_action_info(ACTION_CREATE)->name;
    if (u->has_sched) {
        e.at = u->sched.when;
        e.tz = u->sched.zone;
    }
    e.outcome = outcome;
    e.sent = sent;
    if (outcome == AUDIT_CONFIRMED) {
        e.state = model_campaign_state_name(u->out.created.state);
        e.raw_state = u->out.created.raw_state;
    } else if (refusal) {
        e.error_kind = "refused";
        e.error_message = refusal;
    } else {
        e.error_kind = api_error_kind_name(err->kind);
        e.error_message = err->message;
        e.http_status = err->http_status;
    }
    u->out.audit_error[0] = '\0';
    if (!audit_append(u->audit_path, &e, u->out.audit_error, sizeof u->out.audit_error) &&
        !u->out.audit_error[0])
        snprintf(u->out.audit_error, sizeof u->out.audit_error, "audit log: not written");
}

static void notify_finish(upload_t *u)
{
    if (u->on_finish)
        u->on_finish(u->on_finish_ud);
}

static void on_created(const api_created_t *created, const api_error_t *err, void *ud)
{
    upload_t *u = ud;
    u->op = 0;
    if (!u->chain && !created && err && err->kind == API_ERR_RATE_LIMITED &&
        u->rate_tries++ < UPLOAD_RATE_TRIES) {
        /* a 429 made nothing: the same create once the provider's reset
         * time has passed (the big-list chain does the same per step) */
        u->op = client_create_after(u->client, &u->spec,
                                    (err->retry_after_s > 0 ? err->retry_after_s : 1) * 1000L,
                                    on_created, u);
        if (u->op)
            return;
    }
    u->finished = true;
    if (u->chain) {
        const size_t *at = upload_chain_rejected_at(u->chain, &u->out.nrejected_at);
        memcpy(u->out.rejected_at, at, u->out.nrejected_at * sizeof *at);
        snprintf(u->out.note, sizeof u->out.note, "%s", upload_chain_state_note(u->chain));
    }
    if (created) {
        u->out.has_created = true;
        u->out.created = *created;
        u->out.contacts_sent = created->contacts_accepted;
    }
    if (err) {
        u->out.err = *err;
        /* No request leaves for a refusal the client caught itself. */
        bool sent = created || err->http_status != 0 ||
                    (err->kind != API_ERR_UNSUPPORTED && err->kind != API_ERR_VALIDATION);
        audit_write(u, sent ? AUDIT_FAILED : AUDIT_REFUSED, sent, err, NULL);
        notify_finish(u);
        return;
    }
    u->out.confirmed = true;
    /* the journal of a one-go create only answers "already imported?" later */
    if (u->journal && !u->chain &&
        (!upload_journal_created(u->journal, created->id, false, NULL, NULL, u->ncontacts,
                                 created->contacts_accepted, created->contacts_rejected) ||
         !upload_journal_done(u->journal)))
        snprintf(u->out.note, sizeof u->out.note,
                 "the upload journal could not record this campaign: importing the same file "
                 "again will not be recognised as a repeat");
    audit_write(u, AUDIT_CONFIRMED, true, NULL, NULL);
    notify_finish(u);
}

void upload_on_finish(upload_t *u, void (*fn)(void *ud), void *ud)
{
    u->on_finish = fn;
    u->on_finish_ud = ud;
}

static void upload_release(upload_t *u)
{
    upload_chain_free(u->chain);
    upload_journal_close(u->journal);
    free(u->name);
    free(u->source_file);
    free(u);
}

/* The drivers' contact reader over the import result: each contact is
 * converted only when its turn comes in the body (api_contact_reader_t). */
static bool read_import_contact(const void *src, size_t i, model_contact_t *out)
{
    return import_contact_to_model(src, i, out);
}

/* One client_create, or the big-list chain (with its journal). False
 * with `reason` when a resume cannot go on; nothing was sent then. */
static bool start_creation(upload_t *u, client_t *c, const upload_settings_t *s, char *reason,
                           size_t reason_len)
{
    const driver_t *d = client_driver(c);
    if (!upload_chain_wanted(d, &u->spec)) {
        if (s->resume) {
            snprintf(reason, reason_len, "%s uploads this list in one go: there is nothing to "
                     "resume", model_provider_name(d->provider));
            return false;
        }
        /* A journal here only records the import for "already imported?" */
        if (s->journal_path && (u->journal = upload_journal_open(s->journal_path, reason,
                                                                  reason_len)) &&
            !upload_journal_begin(u->journal, u->name, model_provider_name(d->provider),
                                  u->spec.ncontacts)) {
            /* not worth refusing the import for: it goes on without a record */
            upload_journal_close(u->journal);
            u->journal = NULL;
        }
        u->op = client_create(c, &u->spec, on_created, u);
        return true;
    }
    if (s->journal_path) {
        upload_journal_read(s->journal_path, &u->resume);
        if (s->resume && !u->resume.found) {
            snprintf(reason, reason_len, "no interrupted upload of this list to this profile "
                     "was found");
            return false;
        }
        if (!s->resume && u->resume.found && u->resume.created && !u->resume.done) {
            snprintf(reason, reason_len, "an upload of this list to this profile stopped at "
                     "%zu of %zu contacts (campaign %s): `dialtop import --resume` continues it",
                     u->resume.acked, u->resume.contacts, u->resume.campaign_id);
            return false;
        }
        char err[256];
        u->journal = upload_journal_open(s->journal_path, err, sizeof err);
        if (!u->journal) {
            snprintf(reason, reason_len, "%s", err);
            return false;
        }
        if (!s->resume && !upload_journal_begin(u->journal, u->name,
                                                model_provider_name(d->provider),
                                                u->spec.ncontacts)) {
            snprintf(reason, reason_len, "the upload journal could not be written");
            return false;
        }
    } else if (s->resume) {
        snprintf(reason, reason_len, "no upload journal to resume from");
        return false;
    }
    api_error_t refusal;
    api_error_clear(&refusal);
    u->chain = upload_chain_start(c, &u->spec, u->journal, s->resume ? &u->resume : NULL,
                                  on_created, u, &refusal);
    if (!u->chain) {
        snprintf(reason, reason_len, "%s", refusal.message);
        return false;
    }
    return true;
}

static upload_t *start_rows(client_t *c, api_contact_reader_t reader, const void *src,
                            size_t ncontacts, const upload_settings_t *s, const long rows[3],
                            char *reason, size_t reason_len);

upload_t *upload_start(client_t *c, const import_result_t *r, const upload_settings_t *s,
                       char *reason, size_t reason_len)
{
    const long rows[3] = {r->rows_read, r->accepted, r->rejected};
    return start_rows(c, read_import_contact, r, r->accepted > 0 ? (size_t)r->accepted : 0, s,
                      rows, reason, reason_len);
}

upload_t *upload_start_list(client_t *c, api_contact_reader_t reader, const void *src,
                            size_t ncontacts, const upload_settings_t *s, char *reason,
                            size_t reason_len)
{
    /* a list that is not a file: every contact counts as read and accepted */
    const long rows[3] = {(long)ncontacts, (long)ncontacts, 0};
    return start_rows(c, reader, src, ncontacts, s, rows, reason, reason_len);
}

/* The audit line's rows: read, accepted, rejected. */
static upload_t *start_rows(client_t *c, api_contact_reader_t reader, const void *src,
                            size_t ncontacts, const upload_settings_t *s, const long rows[3],
                            char *reason, size_t reason_len)
{
    upload_t *u = calloc(1, sizeof *u);
    if (!u || !(u->name = strdup(s->name ? s->name : ""))) {
        free(u);
        snprintf(reason, reason_len, "out of memory");
        return NULL;
    }
    u->client = c;
    u->audit_path = s->audit_path;
    u->source_file = s->source_file ? strdup(s->source_file) : NULL;
    settings_text(s, u->settings, sizeof u->settings);
    u->rows_read = rows[0];
    u->rows_accepted = rows[1];
    u->rows_rejected = rows[2];
    api_error_clear(&u->out.err);
    provider_t p = client_driver(c)->provider;
    time_t now = time(NULL);
    bool ok = upload_check(p, s, now, reason, reason_len) &&
              upload_settings_resolve(p, s, &u->parsed, reason, reason_len);
    if (ok && s->at) {
        ok = resolve_schedule(s, now, &u->sched, reason, reason_len);
        u->has_sched = ok;
    }
    if (ok && ncontacts == 0) {
        snprintf(reason, reason_len, "no contact was accepted: nothing to upload");
        ok = false;
    }
    u->ncontacts = ok ? ncontacts : 0;
    if (!ok) {
        audit_write(u, AUDIT_REFUSED, false, NULL, reason);
        upload_release(u);
        return NULL;
    }
    api_create_spec_t *sp = &u->spec;
    sp->name = u->name;
    sp->contact_at = reader;
    sp->contacts_src = src;
    sp->ncontacts = u->ncontacts;
    sp->scheduled_at = u->has_sched ? u->sched.when : NULL;
    sp->timezone = u->has_sched       ? u->sched.zone
                   : u->parsed.zone[0] ? u->parsed.zone
                                       : NULL;
    sp->concurrency = s->concurrency;
    sp->retry_limit = s->retry_limit;
    sp->retry_schedule = u->parsed.retry_schedule;
    sp->retry_after_hours = u->parsed.retry_after_hours;
    sp->window_start = u->parsed.window_start[0] ? u->parsed.window_start : NULL;
    sp->window_end = u->parsed.window_end[0] ? u->parsed.window_end : NULL;
    sp->working_days = u->parsed.working_days;
    sp->max_calls_per_day = u->parsed.max_calls_per_day;
    sp->phone_number_id = s->phone_number_id;
    sp->agent_id = s->agent_id;
    if (!start_creation(u, c, s, reason, reason_len)) {
        audit_write(u, AUDIT_REFUSED, false, NULL, reason);
        upload_release(u);
        return NULL;
    }
    if (!u->op && !u->chain) {
        snprintf(reason, reason_len, "out of memory starting the upload");
        upload_release(u);
        return NULL;
    }
    return u;
}

void upload_progress(const upload_t *u, size_t *done, size_t *total)
{
    *total = u->ncontacts;
    if (u->finished) {
        *done = u->out.contacts_sent;
        return;
    }
    if (u->chain) {
        *done = upload_chain_done(u->chain);
        return;
    }
    bool created = false;
    size_t cd = 0, ct = 0;
    *done = 0;
    if (u->op && client_create_progress(u->client, u->op, &created, &cd, &ct) && ct > 0) {
        size_t n = cd * DRIVER_CHUNK_MAX;
        *done = n < u->ncontacts ? n : u->ncontacts;
    }
}

bool upload_finished(const upload_t *u)
{
    return u->finished;
}

const upload_outcome_t *upload_outcome(const upload_t *u)
{
    return &u->out;
}

void upload_wait(upload_t *u, upload_progress_fn progress, void *ud)
{
    size_t last = (size_t)-1;
    while (!u->finished) {
        if (client_poll(u->client, -1, 250, NULL) < 0) {
            client_cancel(u->client, u->op);
            u->op = 0;
            upload_chain_free(u->chain);
            u->chain = NULL;
            api_error_t e;
            api_error_set(&e, API_ERR_NETWORK, 0, "the transport failed while uploading");
            on_created(NULL, &e, u);
            break;
        }
        size_t done, total;
        upload_progress(u, &done, &total);
        if (progress && done != last && !u->finished) {
            progress(done, total, ud);
            last = done;
        }
    }
    if (progress) {
        size_t done, total;
        upload_progress(u, &done, &total);
        if (done != last)
            progress(done, total, ud);
    }
}

void upload_free(upload_t *u)
{
    if (!u)
        return;
    if (u->op && !u->finished)
        client_cancel(u->client, u->op);
    upload_release(u); /* cancels a chain still running */
}

bool upload_safe_to_retry(const upload_outcome_t *o)
{
    return !o->confirmed && !o->has_created && api_error_changed_nothing(&o->err);
}

void upload_advice(const upload_outcome_t *o, char *out, size_t out_len)
{
    if (o->confirmed) {
        snprintf(out, out_len, "%s", "");
    } else if (o->note[0]) {
        snprintf(out, out_len, "%s", o->note);
    } else if (o->has_created && o->created.state == CAMPAIGN_DRAFT) {
        snprintf(out, out_len, "campaign %s is a draft holding part of the list and never "
                 "dialed: `dialtop import --resume` completes and starts it", o->created.id);
    } else if (o->has_created) {
        snprintf(out, out_len, "campaign %s holds only part of the list: pause or cancel it "
                 "before it calls, then import the rest into a new campaign", o->created.id);
    } else if (o->err.kind == API_ERR_AUTH) {
        snprintf(out, out_len, "nothing was created: check the profile's API key and that it "
                 "may create campaigns, then try again");
    } else if (o->err.kind == API_ERR_RATE_LIMITED) {
        if (o->err.retry_after_s > 0)
            snprintf(out, out_len, "nothing was created: the provider asks to wait %ld s, then "
                     "try again", o->err.retry_after_s);
        else
            snprintf(out, out_len, "nothing was created: wait a minute (rate limit), then try "
                     "again");
    } else if (upload_safe_to_retry(o)) {
        snprintf(out, out_len, "nothing was created: change what the provider names above, "
                 "then try again");
    } else {
        snprintf(out, out_len, "the provider may have made the campaign before it failed: "
                 "look for it in the list before trying again, or it may be made twice");
    }
}
