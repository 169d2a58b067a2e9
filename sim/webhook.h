/* dialtop-sim's outgoing webhooks: Sarvam POSTs one JSON object per
 * finished call attempt to the campaign's webhook_config.url.
 *
 * The dialer only enqueues (under the sim lock, no I/O); one delivery
 * thread sends, so a slow or dead receiver never holds up the dialer or a
 * request thread. A failed delivery (no answer, or a status outside 2xx)
 * is tried again after a doubling backoff, at most `tries` times in all.
 * Every payload is kept so POST .../webhooks/retry can send it again, as
 * Sarvam's own retry endpoint does (the same attempt_id arrives twice).
 * Nothing here is saved: deliveries still queued at exit are lost. */
#ifndef DIALTOP_SIM_WEBHOOK_H
#define DIALTOP_SIM_WEBHOOK_H

#include <stdbool.h>
#include <stddef.h>

typedef struct webhooks webhooks_t;

typedef struct {
    int tries;                 /* deliveries per attempt before giving up (>= 1) */
    int backoff_ms;            /* wait before the second try; doubles after */
    int timeout_ms;            /* per POST, connection included */
    int tick_ms;               /* how often the thread runs the tick */
    long remember;             /* attempts kept for retry; past it the oldest
                                  settled tenth is forgotten (memory stays
                                  bounded on a million-contact campaign) */
} webhooks_config_t;

void webhooks_config_defaults(webhooks_config_t *cfg);

webhooks_t *webhooks_new(const webhooks_config_t *cfg);
/* Stops the thread if running, then frees everything. */
void webhooks_free(webhooks_t *w);

/* Queues one delivery (copies every string) and remembers it under
 * (campaign, attempt_id) for webhooks_retry. false on OOM. */
bool webhooks_post(webhooks_t *w, const char *campaign, const char *attempt_id, const char *url,
                   const char *payload);

/* Queues the remembered attempts named in ids again, each once however
 * often it is named; one already queued stays queued once. One being sent
 * right now is sent once more after this try (the receiver may have got
 * this copy already, and the retry was accepted, so it must come). One
 * forgotten (see remember) is passed over. Returns how many were queued. */
size_t webhooks_retry(webhooks_t *w, const char *campaign, const char *const *ids, size_t n);

/* Starts the delivery thread. tick (may be NULL) runs on it every
 * tick_ms before due deliveries are sent: the sim advances its dialer
 * there, so attempts finish (and are posted) with nobody polling. */
bool webhooks_start(webhooks_t *w, void (*tick)(void *ud), void *ud);

typedef struct {
    long queued;               /* waiting or being sent */
    long delivered;            /* 2xx answers */
    long failed_tries;         /* tries that got no 2xx */
    long gave_up;              /* attempts that used up every try */
    long remembered;           /* attempts kept for retry */
} webhooks_stats_t;

void webhooks_stats(webhooks_t *w, webhooks_stats_t *out);

#endif
