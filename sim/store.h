/* dialtop-sim's in-memory campaigns and contacts.
 *
 * One store holds every provider's campaigns; each provider has its own
 * namespace (a campaign created through Truedy is invisible to OmniDim).
 * The store is not locked: the whole simulator runs under sim_t's mutex. */
#ifndef DIALTOP_SIM_STORE_H
#define DIALTOP_SIM_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dialects.h"
#include "model.h"

typedef struct {
    char *key;
    char *value;
} store_var_t;

typedef struct {
    char *phone;               /* E.164 */
    char *first_name;          /* Truedy; NULL elsewhere */
    char *last_name;
    char *email;
    char *user_identifier;     /* Sarvam */
    store_var_t *vars;         /* context variables, in input order */
    size_t nvars;

    contact_state_t state;
    contact_state_t outcome;   /* drawn result of the call in flight */
    int attempts;
    int duration_s;            /* of the last finished call */
    int64_t last_attempt;      /* sim epoch seconds, 0 = never */
    int64_t call_end;          /* while in progress */
    int64_t next_try;          /* while retry_scheduled */
    const char *failure_reason; /* static text, NULL when none */
    uint32_t call_seq;         /* call id number of the last call, 0 = none */
} store_contact_t;

typedef struct {
    char *cohort_id;
    char *name;
    int64_t created_at;
    long total, valid, rejected;
} store_cohort_t;

typedef struct store_campaign {
    provider_t provider;
    long num;                  /* sequence within the provider */
    char id[32];               /* "314", "batch_1a2b3c4d", "cmp_..." */
    char *name;
    campaign_state_t state;

    bool is_scheduled;
    int64_t start_at;          /* sim epoch; the start, 0 = at creation */
    int64_t end_at;            /* Sarvam end_timestamp, 0 = none */
    char timezone[64];
    /* start_at as wall time in timezone, cached: zone conversion is slow */
    char start_local[20];
    int64_t start_local_at;
    char start_local_tz[64];
    int concurrency;
    int retry_limit;
    retry_schedule_t retry_schedule;
    int retry_days, retry_hours;
    int64_t created_at, updated_at, paused_at, resumed_at;
    char *failed_reason;       /* NULL = none */

    /* Truedy scheduling window and Sarvam allowed_schedule share these. */
    char window_start[6], window_end[6]; /* "HH:MM" or "" */
    unsigned window_days;      /* bit 1..7 = Monday..Sunday, 0 = any */
    int max_calls_per_day;     /* 0 = unlimited */
    int64_t day_start;         /* local midnight of the day calls_today counts */
    int calls_today;
    char *agent_id;            /* Truedy agent_id / Sarvam app_id */
    char *description;         /* Sarvam */
    char *app_config;          /* Sarvam, JSON text */
    /* Sarvam app_config.webhook_config.url, kept beside app_config so the
     * dialer does not parse JSON per finished call; NULL = none. Set only
     * through store_campaign_set_app_config. */
    char *webhook_url;

    store_cohort_t *cohorts;
    size_t ncohorts;

    store_contact_t *contacts;
    size_t ncontacts, cap;
    /* Kept as contacts change (store_contact_set_state and
     * store_contact_add_attempt), never summed per request: a list page
     * shows them for every campaign it lists, and one campaign may hold a
     * million contacts. store_campaign_verify recomputes and compares. */
    long counts[CONTACT_STATE_COUNT];
    long attempts_total;       /* sum of the contacts' attempts */
    long contacts_called;      /* contacts with at least one attempt */

    /* dialer bookkeeping (dialer.c); rebuilt from contacts after a load */
    uint64_t rng;
    int64_t pos;               /* sim time the campaign was advanced to */
    size_t pend_cursor;        /* no pending contact below this index */
    size_t *calls;             /* indices of contacts in progress */
    size_t ncalls, calls_cap;
    int64_t retry_min;         /* earliest retry, valid when retry_min_ok */
    bool retry_min_ok;
    int64_t next_event;        /* earliest sim time anything can change */
    uint32_t call_seq;

    /* change marks for the --state database (store_marks.c); kept only
     * while `tracked`, so a sim without --state never grows them */
    bool tracked;
    bool marked;               /* the campaign's own fields changed */
    bool marked_all;           /* every contact (a mark that found no memory) */
    size_t *marked_contacts;   /* indices, may repeat; sorted when taken */
    size_t nmarked, marked_cap;
} store_campaign_t;

/* One provider's campaigns: the list in creation order, and an index by
 * id (open addressing, linear probing) so a request naming a campaign
 * does not walk 10,000 of them. The index takes items in lazily, at the
 * next find: a loader may still set c->id right after
 * store_campaign_new, as long as it does so before any find. */
typedef struct {
    store_campaign_t **items;  /* creation order */
    size_t n, cap;
    store_campaign_t **slots;  /* NULL = empty; nslots is 0 or a power of 2 */
    size_t nslots;
    size_t indexed;            /* items[0 .. indexed) are in slots */
} store_list_t;

/* Sized and walked by the sim's own dialects (dialects.h), not by
 * dialtop's provider registry: a provider the sim does not speak has no
 * list here. */
typedef struct {
    store_list_t by_dialect[SIM_DIALECT_COUNT];
    long next_num[SIM_DIALECT_COUNT];
    uint64_t seed;
    bool tracked;              /* new campaigns keep change marks */
} store_t;

void store_init(store_t *s, uint64_t seed);
void store_free(store_t *s);

/* Provider p's campaigns, NULL when the sim speaks no dialect of p. */
store_list_t *store_list(store_t *s, provider_t p);

/* A new campaign in provider p's namespace with the next id; NULL on OOM
 * or when the sim does not speak p. The caller fills the fields; the
 * store owns it. */
store_campaign_t *store_campaign_new(store_t *s, provider_t p, int64_t now);
/* Removes and frees the most recently added campaign (a create that failed
 * validation after allocation leaves no trace). */
void store_campaign_discard_last(store_t *s, provider_t p);
/* The campaign with that id in p's namespace, NULL when none (or when the
 * sim does not speak p). Not const:
 * it brings the index up to date first (see store_list_t). */
store_campaign_t *store_campaign_find(store_t *s, provider_t p, const char *id);

/* Appends a contact in state pending (copies phone); NULL on OOM. */
store_contact_t *store_contact_add(store_campaign_t *c, const char *phone);
bool store_contact_add_var(store_contact_t *k, const char *key, const char *value);
/* The only way contact states change, so counts stay right. */
void store_contact_set_state(store_campaign_t *c, store_contact_t *k, contact_state_t st);
/* The only way a contact's attempts grow (one call dialed), so
 * attempts_total and contacts_called stay right. */
void store_contact_add_attempt(store_campaign_t *c, store_contact_t *k);

/* Recomputes every campaign's counters from its contacts: after a loader
 * that wrote contacts' fields directly. */
void store_recount(store_t *s);
/* Recomputes c's counters from its contacts and compares them with the
 * kept ones: true when they agree; otherwise false with the first
 * difference described in why (tests/unit/test_sim_store.c, and
 * GET /_sim/verify for the HTTP suites). */
bool store_campaign_verify(const store_campaign_t *c, char *why, size_t whylen);

/* Takes ownership of text (JSON or NULL) as c->app_config and derives
 * c->webhook_url from its webhook_config.url. false on OOM (text freed). */
bool store_campaign_set_app_config(store_campaign_t *c, char *text);

/* Replaces *dst with a copy of src (NULL allowed). false on OOM. */
bool store_set_str(char **dst, const char *src);

size_t store_total_campaigns(const store_t *s);

/* Change marks (store_marks.c): every mutation of a campaign's own fields
 * or of one contact marks it, so the --state database writes only the rows
 * that changed, never the whole store. store_campaign_new and dialer
 * advances mark the campaign; dialer_touch, which every action calls on
 * the campaign it changed, marks it too; store_contact_add and
 * store_contact_set_state mark the contact (and its campaign, whose row
 * holds the dialer position). No-ops while untracked. */
void store_mark_campaign(store_campaign_t *c);
void store_mark_contact(store_campaign_t *c, const store_contact_t *k);
/* Starts tracking: every existing campaign is marked whole (campaign and
 * each contact) when `mark_all`, unmarked otherwise (just loaded). */
void store_track(store_t *s, bool mark_all);
/* The marked contact indices of c, sorted and without repeats, in
 * idx and n (owned by c until store_marks_clear). */
void store_marked_contacts(store_campaign_t *c, const size_t **idx, size_t *n);
void store_marks_clear(store_campaign_t *c);

#endif
