/* The dialects dialtop-sim speaks: the simulator's own list (owns which
 * providers it serves and the number each has in the state file) and the
 * shape of a dialect's description (where its routes start, how it is
 * keyed, how its campaign ids look, its status words on the wire, its
 * error shapes). Each
 * description lives in its dialect's file (sim/dialect_NAME.c); nothing
 * else in the sim decides by provider what those facts are.
 *
 * WHY its own list and not dialtop's provider registry
 * (api/providers/list.h): a provider is added to dialtop first, and the
 * simulator learns its dialect later, if ever. Everything the sim keeps
 * per provider (the store's lists and id counters, the state file's rows
 * and meta keys) is sized and walked by this list, so a provider the sim
 * does not speak is simply not served: no route reaches it, the control
 * endpoints refuse it by name, and the sim says so once at start. The
 * numbers below are the state file's keys: never reorder them. */
#ifndef DIALTOP_SIM_DIALECTS_H
#define DIALTOP_SIM_DIALECTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model.h"

typedef enum {
    SIM_OMNIDIM = 0,
    SIM_TRUEDY = 1,
    SIM_SARVAM = 2,
    SIM_DIALECT_COUNT
} sim_dialect_t;

typedef enum {
    SIM_AUTH_BEARER,           /* Authorization: Bearer KEY */
    SIM_AUTH_X_API_KEY,        /* X-API-Key: KEY */
} sim_auth_t;

struct sim_ctx;
struct store_campaign;

/* The words a dialect puts on the wire for the sim's states (API.md,
 * WIRE.md). A NULL entry is model.h's own name for the state ("paused",
 * "no_answer"), so a dialect lists only the words where it differs. */
typedef struct {
    const char *campaign[CAMPAIGN_STATE_COUNT];
    const char *contact[CONTACT_STATE_COUNT];
} sim_wire_words_t;

struct cJSON;

/* How a dialect answers a failure, as its provider does (API.md). */
typedef struct {
    /* The error body for status, code (Truedy and Sarvam carry it;
     * OmniDim only the message) and msg. detail_key/detail: one member
     * for the body's "details" where the provider has them (Truedy), or
     * NULL. */
    struct cJSON *(*body)(int status, const char *code, const char *msg, const char *detail_key,
                          const char *detail);
    /* A bad body or query field (dotted path "contacts.3.phone_number"):
     * NULL answers 422 {"detail":[{"loc":[where, ...],"msg","type"}]}. */
    void (*field)(struct sim_ctx *ctx, const char *field, const char *msg);
    const char *unauthorized;      /* the 401 message */
    const char *unauthorized_hint; /* 401 details.reason, or NULL */
    const char *rate_code;         /* the 429 code and message */
    const char *rate_message;
    /* 429 tells when to retry by details.reset_at in the body instead of
     * a Retry-After header */
    bool reset_in_body;
} sim_errors_t;

typedef struct {
    sim_dialect_t id;
    provider_t provider;       /* whose requests it serves */
    long first_num;            /* the first campaign's sequence number */
    sim_auth_t auth;
    /* The id of campaign number num, as the provider's ids look ("314",
     * "batch_1a2b3c4d"), into id (n bytes): reproducible for one seed,
     * and two numbers never give one id. */
    void (*campaign_id)(char *id, size_t n, long num, uint64_t seed);
    const sim_wire_words_t *words;
    const sim_errors_t *errors;
    /* The state a campaign reaches when every contact is done
     * (CAMPAIGN_COMPLETED; Sarvam's is CAMPAIGN_ENDED). */
    campaign_state_t finished;
    /* The campaign ends by itself at its end time (end_at, Sarvam's
     * end_timestamp), skipping the contacts it did not reach. */
    bool ends_at_end_time;
    /* What a campaign the sim makes itself (--demo, --generate, POST
     * /_sim/campaigns) needs once its contacts are in, at time at:
     * Sarvam's cohorts covering them. NULL: nothing. */
    bool (*cover_contacts)(struct store_campaign *c, int64_t at);
    /* Its campaigns may carry a webhook URL (Sarvam's
     * app_config.webhook_config; sarvam_hooks.c posts to it). */
    bool webhooks;
    /* true when path belongs to this dialect; *rest is the path after its
     * prefix, NULL when the prefix itself is malformed (answered 404 in
     * the dialect's error shape) */
    bool (*route)(const char *path, const char **rest);
    void (*serve)(struct sim_ctx *ctx, const char *rest);
} sim_dialect_desc_t;

/* The description of dialect d (0 .. SIM_DIALECT_COUNT - 1). */
const sim_dialect_desc_t *sim_dialect(sim_dialect_t d);

/* The dialect that speaks provider p: false when the sim speaks none. */
bool sim_dialect_of(provider_t p, sim_dialect_t *out);

/* The description of the dialect that speaks p; the first dialect when
 * the sim speaks none (whose shapes then answer). */
const sim_dialect_desc_t *sim_dialect_for(provider_t p);

/* path is prefix itself or below it ("/_sim", "/_sim/stats", not
 * "/_simx"); *rest is what follows the prefix. */
bool sim_path_under(const char *path, const char *prefix, const char **rest);

/* The dialect whose routes path is under, NULL when none (see route). */
const sim_dialect_desc_t *sim_dialect_route(const char *path, const char **rest);

/* "omnidim, truedy or sarvam": the names of the providers the sim speaks. */
void sim_dialect_names(char *buf, size_t n);

/* Writes one line per provider of dialtop's registry that the sim does
 * not speak ("dialtop-sim: Acme (acme) has no dialect in this simulator;
 * its requests are not served"); returns how many. */
int sim_dialects_unserved(FILE *out);

#endif
