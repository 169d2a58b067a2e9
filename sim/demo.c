/* Demo and generated campaigns; see demo.h. */
#include "demo.h"

#include <stdio.h>
#include <string.h>

#include "dialer.h"
#include "rng.h"

static const char *const first_names[] = {
    "James", "Maria", "Aarav", "Priya", "Chen", "Fatima", "Lucas", "Amara", "Olivia", "Mateo",
    "Sofia", "Kwame", "Yuki", "Ananya", "Noah", "Isabella", "Omar", "Zara", "Ethan", "Leila",
    "Diego", "Hannah", "Ravi", "Mei", "Jonas", "Aisha", "Liam", "Elena", "Tariq", "Grace",
};
static const char *const last_names[] = {
    "Smith", "Garcia", "Sharma", "Patel", "Wang", "Khan", "Müller", "Okafor", "Johnson", "Rossi",
    "Kim", "Mensah", "Tanaka", "Iyer", "Brown", "Silva", "Haddad", "Nowak", "Williams", "Ahmed",
    "López", "Fischer", "Reddy", "Liu", "Berg", "Bello", "Murphy", "Petrov", "Aziz", "O'Brien",
};
static const char *const plans[] = {"basic", "plus", "premium", "family", "business"};
static const char *const languages[] = {"hi-IN", "en-IN", "ta-IN", "te-IN", "bn-IN", "mr-IN"};
static const char *const zones[] = {"America/New_York", "America/Chicago", "Europe/London",
                                    "Asia/Kolkata", "America/Los_Angeles", "UTC"};

#define PICK(rng, arr) (arr[rng_next(rng) % (sizeof arr / sizeof *arr)])

static bool add_vars(store_contact_t *k, provider_t p, uint64_t *rng, long i)
{
    const char *first = PICK(rng, first_names), *last = PICK(rng, last_names);
    char full[96], buf[64];
    snprintf(full, sizeof full, "%s %s", first, last);
    switch (p) {
    case PROVIDER_OMNIDIM:
        snprintf(buf, sizeof buf, "ACC-%05ld", 10000 + i);
        if (!store_contact_add_var(k, "customer_name", full) || !store_contact_add_var(k, "account_id", buf))
            return false;
        snprintf(buf, sizeof buf, "%d.%02d", rng_range(rng, 20, 900), rng_range(rng, 0, 99));
        return store_contact_add_var(k, "amount_due", buf) &&
               store_contact_add_var(k, "plan", PICK(rng, plans));
    case PROVIDER_TRUEDY:
        snprintf(buf, sizeof buf, "%c.%s%ld@example.com", first[0] | 0x20, "user", i);
        if (!store_set_str(&k->first_name, first) || !store_set_str(&k->last_name, last) ||
            !store_set_str(&k->email, buf))
            return false;
        snprintf(buf, sizeof buf, "ACC-%05ld", 20000 + i);
        return store_contact_add_var(k, "account_id", buf) &&
               store_contact_add_var(k, "plan", PICK(rng, plans));
    default:
        snprintf(buf, sizeof buf, "user_%05ld", i + 1);
        if (!store_set_str(&k->user_identifier, buf))
            return false;
        snprintf(buf, sizeof buf, "LN%07ld", 3000000 + i * 7);
        return store_contact_add_var(k, "customer_name", full) &&
               store_contact_add_var(k, "loan_id", buf) &&
               store_contact_add_var(k, "language", PICK(rng, languages));
    }
}

static contact_state_t draw_final(uint64_t *rng)
{
    double x = rng_unit(rng);
    return x < 0.6 ? CONTACT_COMPLETED : x < 0.8 ? CONTACT_NO_ANSWER : x < 0.88 ? CONTACT_BUSY
           : x < 0.96 ? CONTACT_VOICEMAIL : CONTACT_FAILED;
}

static const char *reason_for(contact_state_t s)
{
    switch (s) {
    case CONTACT_NO_ANSWER: return dialer_reason_intern("No answer");
    case CONTACT_BUSY: return dialer_reason_intern("Line busy");
    case CONTACT_FAILED: return dialer_reason_intern("Number not reachable");
    default: return NULL;
    }
}

/* Marks the first `done` contacts as called and finished. */
static void finish_prefix(store_campaign_t *c, long done, int64_t now, uint64_t *rng)
{
    for (long i = 0; i < done && (size_t)i < c->ncontacts; i++) {
        store_contact_t *k = &c->contacts[i];
        contact_state_t st = draw_final(rng);
        store_contact_add_attempt(c, k);
        k->duration_s = st == CONTACT_COMPLETED ? rng_range(rng, 20, 240) : rng_range(rng, 2, 40);
        k->last_attempt = now - (done - i) * 40 - k->duration_s;
        k->call_seq = ++c->call_seq;
        k->outcome = st;
        k->failure_reason = reason_for(st);
        store_contact_set_state(c, k, st);
    }
}

store_campaign_t *demo_make(store_t *s, provider_t p, const char *name, campaign_state_t st,
                            long n, int64_t now)
{
    uint64_t rng = s->seed * 0x9e3779b97f4a7c15ULL + (uint64_t)store_total_campaigns(s) * 7919 + 17;
    store_campaign_t *c = store_campaign_new(s, p, now - rng_range(&rng, 3600, 5 * 86400));
    if (!c || !store_set_str(&c->name, name))
        return NULL;
    c->pos = now;
    snprintf(c->timezone, sizeof c->timezone, "%s", p == PROVIDER_SARVAM ? "Asia/Kolkata" : PICK(&rng, zones));
    /* busy enough that the demo visibly moves at speed 1 */
    c->concurrency = n >= 1000 ? rng_range(&rng, 25, 50) : rng_range(&rng, 5, 15);
    c->retry_limit = rng_range(&rng, 0, 2);
    c->retry_schedule = c->retry_limit ? RETRY_IMMEDIATELY : RETRY_NONE;
    if (p != PROVIDER_OMNIDIM && !store_set_str(&c->agent_id, p == PROVIDER_TRUEDY ? "agent_support_v2" : "app_collections"))
        return NULL;
    long base = rng_range(&rng, 1000000, 8999999);
    for (long i = 0; i < n; i++) {
        char phone[24];
        if (p == PROVIDER_SARVAM)
            snprintf(phone, sizeof phone, "+919%09ld", (base * 13 + i) % 1000000000L);
        else
            snprintf(phone, sizeof phone, "+1%s%07ld", p == PROVIDER_OMNIDIM ? "212" : "415",
                     (base + i) % 10000000L);
        store_contact_t *k = store_contact_add(c, phone);
        if (!k || !add_vars(k, p, &rng, i))
            return NULL;
    }
    c->state = st;
    c->start_at = c->created_at;
    switch (st) {
    case CAMPAIGN_SCHEDULED:
        c->is_scheduled = true;
        c->start_at = now + rng_range(&rng, 600, 2 * 86400);
        break;
    case CAMPAIGN_ACTIVE:
        finish_prefix(c, n * rng_range(&rng, 5, 40) / 100, now, &rng);
        break;
    case CAMPAIGN_PAUSED:
        finish_prefix(c, n * rng_range(&rng, 10, 60) / 100, now, &rng);
        c->paused_at = now - rng_range(&rng, 60, 7200);
        break;
    case CAMPAIGN_COMPLETED:
    case CAMPAIGN_ENDED:
        finish_prefix(c, n, now, &rng);
        break;
    case CAMPAIGN_CANCELLED:
    case CAMPAIGN_FAILED:
        finish_prefix(c, n * rng_range(&rng, 0, 50) / 100, now, &rng);
        for (size_t i = 0; i < c->ncontacts; i++)
            if (c->contacts[i].state == CONTACT_PENDING)
                store_contact_set_state(c, &c->contacts[i],
                                        st == CAMPAIGN_FAILED ? CONTACT_SKIPPED : CONTACT_CANCELLED);
        if (st == CAMPAIGN_FAILED && !store_set_str(&c->failed_reason, "Telephony provider rejected the caller ID"))
            return NULL;
        break;
    default:
        break;
    }
    const sim_dialect_desc_t *d = sim_dialect_for(p);
    if (st == CAMPAIGN_COMPLETED)
        c->state = d->finished;
    /* Sarvam's contacts arrive as cohorts; its totals come from them */
    if (d->cover_contacts && !d->cover_contacts(c, c->created_at))
        return NULL;
    c->updated_at = now;
    c->rng = rng | 1;
    c->next_event = 0;
    return c;
}

#define DEMO_REPLAY_S 900

typedef struct {
    provider_t p;
    const char *name;
    campaign_state_t st;
    long n;
} demo_row_t;

static const demo_row_t demo_rows[] = {
    {PROVIDER_OMNIDIM, "Renewal reminders Q4", CAMPAIGN_ACTIVE, 1200},
    {PROVIDER_OMNIDIM, "Payment follow-up (overdue 30d)", CAMPAIGN_ACTIVE, 350},
    {PROVIDER_OMNIDIM, "Onboarding welcome calls", CAMPAIGN_ACTIVE, 5000},
    {PROVIDER_OMNIDIM, "Webinar invite - EU", CAMPAIGN_SCHEDULED, 800},
    {PROVIDER_OMNIDIM, "Churn win-back", CAMPAIGN_PAUSED, 2400},
    {PROVIDER_OMNIDIM, "Feedback survey October", CAMPAIGN_COMPLETED, 500},
    {PROVIDER_OMNIDIM, "Holiday promo", CAMPAIGN_CANCELLED, 150},
    {PROVIDER_TRUEDY, "Appointment confirmations", CAMPAIGN_ACTIVE, 600},
    {PROVIDER_TRUEDY, "Lead qualification - inbound", CAMPAIGN_SCHEDULED, 1500},
    {PROVIDER_TRUEDY, "Insurance renewals", CAMPAIGN_PAUSED, 900},
    {PROVIDER_TRUEDY, "NPS callbacks", CAMPAIGN_COMPLETED, 120},
    {PROVIDER_TRUEDY, "Trial expiry nudge", CAMPAIGN_FAILED, 40},
    {PROVIDER_SARVAM, "Loan EMI reminders", CAMPAIGN_ACTIVE, 3000},
    {PROVIDER_SARVAM, "KYC update drive", CAMPAIGN_SCHEDULED, 700},
    {PROVIDER_SARVAM, "Festive offers", CAMPAIGN_PAUSED, 400},
    {PROVIDER_SARVAM, "Hindi survey pilot", CAMPAIGN_ENDED, 20},
    {PROVIDER_SARVAM, "Collections batch 7", CAMPAIGN_CANCELLED, 260},
};

bool demo_load(store_t *s, int64_t now)
{
    for (size_t i = 0; i < sizeof demo_rows / sizeof *demo_rows; i++) {
        const demo_row_t *r = &demo_rows[i];
        store_campaign_t *c = demo_make(s, r->p, r->name, r->st, r->n, now - DEMO_REPLAY_S);
        if (!c)
            return false;
        /* The dialer replays the last minutes at the first advance, so the
         * calls in flight started at different times and end one by one
         * instead of all at once; the campaign itself reads as of now. */
        if (r->st == CAMPAIGN_SCHEDULED)
            c->start_at += DEMO_REPLAY_S;
    }
    return true;
}

bool demo_generate(store_t *s, int64_t now, long n)
{
    static const campaign_state_t mix[20] = {
        CAMPAIGN_COMPLETED, CAMPAIGN_COMPLETED, CAMPAIGN_COMPLETED, CAMPAIGN_COMPLETED,
        CAMPAIGN_COMPLETED, CAMPAIGN_COMPLETED, CAMPAIGN_COMPLETED, CAMPAIGN_COMPLETED,
        CAMPAIGN_COMPLETED, CAMPAIGN_COMPLETED, CAMPAIGN_COMPLETED, CAMPAIGN_COMPLETED,
        CAMPAIGN_COMPLETED, CAMPAIGN_COMPLETED, CAMPAIGN_SCHEDULED, CAMPAIGN_SCHEDULED,
        CAMPAIGN_PAUSED, CAMPAIGN_PAUSED, CAMPAIGN_CANCELLED, CAMPAIGN_ACTIVE,
    };
    for (long i = 0; i < n; i++) {
        for (int d = 0; d < SIM_DIALECT_COUNT; d++) {
            char name[64];
            snprintf(name, sizeof name, "Generated campaign %ld", i + 1);
            if (!demo_make(s, sim_dialect((sim_dialect_t)d)->provider, name, mix[i % 20], 20, now))
                return false;
        }
    }
    return true;
}
