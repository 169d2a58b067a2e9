/* Big-list creation: create with the first chunk, add the rest, start. */
#include "upload_chain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "schedule.h"
#include "upload_chain_priv.h"

static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool upload_chain_wanted(const driver_t *d, const api_create_spec_t *spec)
{
    return d->add_chunk_max > 0 && d->build_add_contacts &&
           (d->build_start != NULL || spec->ncontacts > d->add_chunk_max);
}

/* Milliseconds to wait so the next request keeps under the budget, and
 * that request's departure noted. */
static long pace(upload_chain_t *ch)
{
    if (ch->budget == 0)
        return 0;
    long long now = mono_ms(), at = now;
    if (ch->nsends >= ch->budget) {
        long long oldest = ch->sends[ch->sendpos];
        if (oldest + PACE_WINDOW_MS > now)
            at = oldest + PACE_WINDOW_MS;
    }
    ch->sends[ch->sendpos] = at;
    ch->sendpos = (ch->sendpos + 1) % ch->budget;
    if (ch->nsends < ch->budget)
        ch->nsends++;
    return (long)(at - now);
}

/* After a failure with the campaign made: where it stands, so the
 * operator knows it has not dialed and how to finish it. */
static void note_state(upload_chain_t *ch)
{
    size_t k = strlen(ch->note);
    char *out = ch->note + k;
    size_t room = sizeof ch->note - k;
    const char *sep = k ? "; " : "";
    if (ch->draft && !ch->started)
        snprintf(out, room, "%scampaign %s is a draft with %zu of %zu contacts and never "
                 "dialed: `dialtop import --resume` completes and starts it", sep,
                 ch->created.id, ch->created.contacts_accepted, ch->spec->ncontacts);
    else if (ch->held && !ch->released)
        snprintf(out, room, "%sbatch %s holds %zu of %zu contacts, scheduled for %s %s, and has "
                 "not dialed: `dialtop import --resume` completes and releases it", sep,
                 ch->created.id, ch->created.contacts_accepted, ch->spec->ncontacts,
                 ch->hold_when, ch->zone);
}

/* Appends one more remark to the note the operator is shown. */
static void add_note(upload_chain_t *ch, const char *text)
{
    size_t k = strlen(ch->note);
    snprintf(ch->note + k, sizeof ch->note - k, "%s%s", k ? "; " : "", text);
}

void chain_finish(upload_chain_t *ch, const api_error_t *err)
{
    ch->op = 0;
    if (!err) {
        /* everything is sent and confirmed: a journal that cannot say so
         * changes nothing now, but the operator should know it is stale */
        if (!upload_journal_done(ch->j))
            add_note(ch, "the upload journal could not record that this upload finished");
    } else if (ch->created.id[0])
        note_state(ch);
    ch->created.contacts_accepted = ch->created.id[0] ? ch->created.contacts_accepted : 0;
    ch->cb(ch->created.id[0] ? &ch->created : NULL, err, ch->ud);
}

static void fail_journal(upload_chain_t *ch)
{
    api_error_t e;
    api_error_set(&e, API_ERR_NETWORK, 0, "the upload journal could not be written: "
                  "stopped so that a resume can be trusted");
    chain_finish(ch, &e);
}

static void on_created(const api_created_t *created, const api_error_t *err, void *ud);
static void on_added(const api_chunk_result_t *res, const api_error_t *err, void *ud);
static void on_started(const api_action_result_t *res, const api_error_t *err, void *ud);
static void on_readback(api_contact_page_t *page, const api_error_t *err, void *ud);
static void on_released(const api_action_result_t *res, const api_error_t *err, void *ud);
static void on_verified(api_contact_page_t *page, const api_error_t *err, void *ud);
bool chain_wait_rate(upload_chain_t *ch, const api_error_t *err);

void chain_send_create(upload_chain_t *ch, long delay_ms)
{
    ch->step = STEP_CREATE;
    if (!upload_journal_creating(ch->j)) {
        fail_journal(ch);
        return;
    }
    ch->op = client_create_after(ch->c, &ch->first, delay_ms, on_created, ch);
}

/* "now" as wall time in the batch's zone. */
static void wall_now(const char *zone, char out[SCHEDULE_WHEN_MAX], long ahead_s)
{
    schedule_wall_t w;
    if (schedule_epoch_to_wall(time(NULL) + ahead_s, zone, &w, NULL, 0))
        schedule_format_wall(&w, out, SCHEDULE_WHEN_MAX);
    else
        out[0] = '\0';
}

/* The held batch moves to the operator's start (or now): the whole list
 * is in, so it may dial. */
static void release(upload_chain_t *ch)
{
    ch->step = STEP_RELEASE;
    if (ch->spec->scheduled_at)
        snprintf(ch->release_when, sizeof ch->release_when, "%s", ch->spec->scheduled_at);
    else
        wall_now(ch->zone, ch->release_when, 0);
    api_reschedule_t r = {.when = ch->release_when, .timezone = ch->zone};
    ch->op = client_action(ch->c, ch->created.id, CAMPAIGN_SCHEDULED, ACTION_RESCHEDULE, &r,
                           on_released, ch);
}

/* How many contacts the campaign holds, from one contact row and the
 * list's total: the campaign's detail would be smaller to ask for but
 * OmniDim's carries every number (300,000 rows to parse for one figure). */
static unsigned long count_contacts(upload_chain_t *ch, client_contacts_fn cb)
{
    api_page_t first;
    api_page_first(&first, 1);
    return client_list_contacts(ch->c, ch->created.id, &first, NULL, cb, ch);
}

/* Taking a contacts page's total; -1 when it gave none. */
static long page_total(api_contact_page_t *page)
{
    long total = page->total;
    api_contact_page_free(page);
    free(page);
    return total;
}

/* What dialtop reports is what it read back: the campaign holds every
 * contact the provider accepted (the state is the start's or release's
 * reply). */
static void verify(upload_chain_t *ch)
{
    ch->step = STEP_VERIFY;
    ch->op = count_contacts(ch, on_verified);
}

static void next(upload_chain_t *ch, long extra_delay_ms)
{
    size_t n = ch->spec->ncontacts;
    if (ch->acked < n) {
        size_t last = ch->acked + ch->chunk < n ? ch->acked + ch->chunk : n;
        if (!upload_journal_sending(ch->j, ch->acked, last)) {
            fail_journal(ch);
            return;
        }
        ch->step = STEP_ADD;
        ch->send_last = last;
        long wait = pace(ch);
        if (extra_delay_ms > wait)
            wait = extra_delay_ms;
        ch->op = client_add_contacts(ch->c, ch->spec, ch->created.id, ch->acked, last, wait,
                                     on_added, ch);
        return;
    }
    if (ch->draft && !ch->started) {
        ch->step = STEP_START;
        ch->op = client_start_draft(ch->c, ch->created.id, on_started, ch);
        return;
    }
    if (ch->held && !ch->released) {
        release(ch);
        return;
    }
    verify(ch);
}

static bool body_too_big(const api_error_t *e)
{
    return e->kind == API_ERR_VALIDATION && e->http_status == 0 &&
           strcmp(e->field, CLIENT_FIELD_BODY_SIZE) == 0;
}

static void on_created(const api_created_t *created, const api_error_t *err, void *ud)
{
    upload_chain_t *ch = ud;
    ch->op = 0;
    if (err) {
        if (body_too_big(err) && ch->first.ncontacts > 1) {
            ch->first.ncontacts /= 2;
            ch->chunk = ch->first.ncontacts;
            chain_send_create(ch, 0);
            return;
        }
        if (err->kind == API_ERR_RATE_LIMITED && ++ch->rate_tries <= RATE_TRIES_MAX) {
            /* refused, so nothing was created: the same create after the reset */
            chain_send_create(ch, (err->retry_after_s > 0 ? err->retry_after_s : 1) * 1000L);
            return;
        }
        if (api_error_changed_nothing(err) && !upload_journal_nothing_created(ch->j))
            add_note(ch, "the upload journal could not record that nothing was created");
        chain_finish(ch, err);
        return;
    }
    ch->created = *created;
    ch->rate_tries = 0;
    size_t sent = ch->first.ncontacts;
    if (ch->created.contacts_accepted > sent)
        ch->created.contacts_accepted = sent;
    if (ch->created.contacts_rejected == 0)
        ch->created.contacts_rejected = sent - ch->created.contacts_accepted;
    ch->acked = sent;
    if (!upload_journal_created(ch->j, ch->created.id, ch->draft,
                                ch->held ? ch->hold_when : NULL, ch->zone,
                                ch->acked, ch->created.contacts_accepted,
                                ch->created.contacts_rejected)) {
        fail_journal(ch);
        return;
    }
    next(ch, 0);
}

static void note_rejections(upload_chain_t *ch, const api_chunk_result_t *res)
{
    for (size_t i = 0; i < res->nrejected_at && ch->nrejected_at < CHUNK_REJECTS_KEPT; i++)
        ch->rejected_at[ch->nrejected_at++] = ch->acked + res->rejected_at[i];
}

/* A chunk confirmed: `accepted` of its contacts are in the campaign. */
static bool chunk_confirmed(upload_chain_t *ch, size_t accepted)
{
    size_t sent = ch->send_last - ch->acked;
    if (accepted > sent)
        accepted = sent;
    ch->created.contacts_accepted += accepted;
    ch->created.contacts_rejected += sent - accepted;
    ch->acked = ch->send_last;
    ch->in_doubt = false;
    ch->rate_tries = 0;
    return upload_journal_acked(ch->j, ch->acked, ch->created.contacts_accepted,
                                ch->created.contacts_rejected);
}

static void settle(upload_chain_t *ch)
{
    ch->step = STEP_SETTLE;
    ch->in_doubt = true;
    ch->op = count_contacts(ch, on_readback);
}

static void on_added(const api_chunk_result_t *res, const api_error_t *err, void *ud)
{
    upload_chain_t *ch = ud;
    ch->op = 0;
    if (!err) {
        size_t sent = ch->send_last - ch->acked;
        size_t accepted = res->accepted_known ? res->accepted
                          : res->rejected < sent ? sent - res->rejected
                                                 : 0;
        note_rejections(ch, res);
        ch->settle_tries = 0;
        if (!chunk_confirmed(ch, accepted)) {
            fail_journal(ch);
            return;
        }
        next(ch, 0);
        return;
    }
    if (err->kind == API_ERR_RATE_LIMITED && ++ch->rate_tries <= RATE_TRIES_MAX) {
        /* Refused, so nothing of the chunk was added: the same chunk again
         * once the provider's reset time has passed. */
        next(ch, (err->retry_after_s > 0 ? err->retry_after_s : 1) * 1000L);
        return;
    }
    if (body_too_big(err) && ch->send_last - ch->acked > 1) {
        ch->chunk = (ch->send_last - ch->acked) / 2;
        next(ch, 0);
        return;
    }
    if (api_error_is_transient(err) && ch->settle_tries++ < SETTLE_TRIES_MAX) {
        settle(ch); /* the reply was lost or broken: did the chunk land? */
        return;
    }
    snprintf(ch->note, sizeof ch->note, "the provider did not take contacts %zu-%zu",
             ch->acked + 1, ch->send_last);
    chain_finish(ch, err);
}

static void on_readback(api_contact_page_t *page, const api_error_t *err, void *ud)
{
    upload_chain_t *ch = ud;
    ch->op = 0;
    if (err && chain_wait_rate(ch, err)) {
        settle(ch);
        return;
    }
    if (err && api_error_is_transient(err) && ch->settle_tries++ < SETTLE_TRIES_MAX) {
        client_hold_next(ch->c, 1000L * ch->settle_tries); /* the read is safe to repeat */
        settle(ch);
        return;
    }
    if (err) {
        snprintf(ch->note, sizeof ch->note, "whether contacts %zu-%zu reached the campaign is "
                 "not known (reading it back failed)", ch->acked + 1, ch->send_last);
        chain_finish(ch, err);
        return;
    }
    long total = page_total(page);
    size_t expect = ch->created.contacts_accepted;
    size_t doubt = ch->send_last > ch->acked ? ch->send_last - ch->acked : 0;
    if (total >= 0 && (size_t)total == expect) {
        ch->in_doubt = false;
        next(ch, 0); /* the chunk did not land: send it (again) */
        return;
    }
    if (total > 0 && (size_t)total > expect && (size_t)total - expect <= doubt) {
        if (!chunk_confirmed(ch, (size_t)total - expect)) {
            fail_journal(ch);
            return;
        }
        next(ch, 0);
        return;
    }
    api_error_t e;
    api_error_set(&e, API_ERR_PARSE, 0, "campaign %s holds %ld contacts where dialtop counted "
                  "%zu: it cannot tell which are there, so nothing more was sent",
                  ch->created.id, total, expect);
    chain_finish(ch, &e);
}

static void on_started(const api_action_result_t *res, const api_error_t *err, void *ud)
{
    upload_chain_t *ch = ud;
    ch->op = 0;
    if (err && chain_wait_rate(ch, err)) {
        ch->op = client_start_draft(ch->c, ch->created.id, on_started, ch);
        return;
    }
    if (err) {
        snprintf(ch->note, sizeof ch->note, "draft %s holds the whole list but did not start "
                 "(it never dialed): `dialtop import --resume` starts it", ch->created.id);
        chain_finish(ch, err);
        return;
    }
    ch->started = true;
    if (res->state != CAMPAIGN_UNKNOWN) {
        ch->created.state = res->state;
        snprintf(ch->created.raw_state, sizeof ch->created.raw_state, "%s", res->raw_state);
    }
    if (!upload_journal_started(ch->j)) {
        fail_journal(ch);
        return;
    }
    verify(ch);
}

/* A 429 on a read or a release changed nothing: the same step again once
 * the provider's reset time has passed. */
bool chain_wait_rate(upload_chain_t *ch, const api_error_t *err)
{
    if (err->kind != API_ERR_RATE_LIMITED || ++ch->rate_tries > RATE_TRIES_MAX)
        return false;
    client_hold_next(ch->c, (err->retry_after_s > 0 ? err->retry_after_s : 1) * 1000L);
    return true;
}

static void on_released(const api_action_result_t *res, const api_error_t *err, void *ud)
{
    upload_chain_t *ch = ud;
    ch->op = 0;
    if (err && chain_wait_rate(ch, err)) {
        release(ch);
        return;
    }
    if (err) {
        snprintf(ch->note, sizeof ch->note, "batch %s holds the whole list but stays scheduled "
                 "for %s %s (it has not dialed): `dialtop import --resume` releases it",
                 ch->created.id, ch->hold_when, ch->zone);
        chain_finish(ch, err);
        return;
    }
    if (res->state != CAMPAIGN_UNKNOWN) {
        ch->created.state = res->state;
        snprintf(ch->created.raw_state, sizeof ch->created.raw_state, "%s", res->raw_state);
    }
    ch->released = true;
    if (!upload_journal_started(ch->j)) {
        fail_journal(ch);
        return;
    }
    verify(ch);
}

static void on_verified(api_contact_page_t *page, const api_error_t *err, void *ud)
{
    upload_chain_t *ch = ud;
    ch->op = 0;
    if (err && chain_wait_rate(ch, err)) {
        verify(ch);
        return;
    }
    if (err) {
        /* Every step was confirmed; only the final read failed. */
        chain_finish(ch, NULL);
        return;
    }
    long total = page_total(page);
    if (total >= 0 && (size_t)total != ch->created.contacts_accepted) {
        api_error_t e;
        api_error_set(&e, API_ERR_PARSE, 0, "campaign %s reads back with %ld contacts where "
                      "the provider confirmed %zu", ch->created.id, total,
                      ch->created.contacts_accepted);
        chain_finish(ch, &e);
        return;
    }
    chain_finish(ch, NULL);
}


upload_chain_t *upload_chain_start(client_t *c, const api_create_spec_t *spec,
                                   upload_journal_t *journal,
                                   const upload_journal_state_t *resume, client_create_fn cb,
                                   void *ud, api_error_t *refusal)
{
    upload_chain_t *ch = calloc(1, sizeof *ch);
    if (!ch) {
        api_error_set(refusal, API_ERR_NETWORK, 0, "out of memory");
        return NULL;
    }
    ch->c = c;
    ch->d = client_driver(c);
    ch->spec = spec;
    ch->j = journal;
    ch->cb = cb;
    ch->ud = ud;
    ch->chunk = ch->d->add_chunk_max;
    ch->budget = (size_t)ch->d->requests_per_min * PACE_SHARE_NUM / PACE_SHARE_DEN;
    if (ch->budget > PACE_SLOTS)
        ch->budget = PACE_SLOTS;
    ch->first = *spec;
    ch->draft = ch->d->build_start != NULL;
    ch->first.draft = ch->draft;
    snprintf(ch->zone, sizeof ch->zone, "%s", spec->timezone ? spec->timezone : "UTC");
    if (ch->first.ncontacts > ch->chunk) {
        ch->first.ncontacts = ch->chunk;
        if (!ch->draft) {
            ch->held = true;
            /* a week past the later of now and the operator's own start, so
             * a half list never starts before the whole one would have */
            long ahead = HOLD_SECONDS;
            schedule_wall_t w;
            time_t at;
            char why[128];
            if (spec->scheduled_at &&
                schedule_parse_wall(spec->scheduled_at, &w, why, sizeof why) &&
                schedule_wall_to_epoch(&w, ch->zone, &at, NULL, why, sizeof why) &&
                at > time(NULL))
                ahead += (long)(at - time(NULL));
            wall_now(ch->zone, ch->hold_when, ahead);
            ch->first.scheduled_at = ch->hold_when;
            ch->first.timezone = ch->zone;
        }
    }
    if (resume) {
        if (!chain_resume_from(ch, resume, refusal)) {
            free(ch);
            return NULL;
        }
        if (ch->finding)
            chain_find(ch);
        else
            settle(ch);
        return ch;
    }
    chain_send_create(ch, 0);
    return ch;
}

size_t upload_chain_done(const upload_chain_t *ch)
{
    return ch->acked;
}

const size_t *upload_chain_rejected_at(const upload_chain_t *ch, size_t *n)
{
    *n = ch->nrejected_at;
    return ch->rejected_at;
}

const char *upload_chain_state_note(const upload_chain_t *ch)
{
    return ch->note;
}

void upload_chain_free(upload_chain_t *ch)
{
    if (!ch)
        return;
    if (ch->op)
        client_cancel(ch->c, ch->op);
    free(ch);
}
