/* The client layer: one profile's driver + key + transport.
 *
 * Used by both the console (asynchronous: submit, then call client_poll()
 * from the main loop) and the headless CLI (client_wait() runs one
 * operation to completion). Every operation reports exactly once through
 * its callback, from inside client_poll()/client_wait(), with either a
 * value or an api_error_t; never both.
 *
 * Ownership: a callback that receives a non-NULL value owns it and frees
 * it with the matching free function (api_campaign_page_free,
 * model_campaign_free + free, api_contact_page_free). Errors are values
 * valid only during the call (copy the struct to keep it).
 *
 * Rate limits: an API_ERR_RATE_LIMITED error from here always carries
 * retry_after_s > 0: the provider's own time (Retry-After, Truedy's
 * reset_at) when sent, else a backoff of 2, 4, 8 ... 60 s over
 * consecutive 429s (reset by the next success).
 *
 * Callbacks may start or cancel operations, but must not free the client. */
#ifndef DIALTOP_CLIENT_H
#define DIALTOP_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "driver.h"
#include "http.h"

typedef struct client client_t;

/* Resolves the key (env var or private key file) and opens the profile's
 * channel on transport `t`, the process's one (shared by every client:
 * polling any of them moves them all). NULL with one line in `err` on
 * failure (the line never holds the key). `http_opts` may be NULL for
 * defaults; the profile's `insecure` wins. Free the clients before `t`. */
client_t *client_new_on(http_transport_t *t, const config_profile_t *profile,
                        const http_options_t *http_opts, char *err, size_t err_len);
/* client_new_on() with a transport of the client's own: for a program or
 * test that talks to one profile. */
client_t *client_new(const config_profile_t *profile, const http_options_t *http_opts,
                     char *err, size_t err_len);
/* Drops operations in flight without calling their callbacks. */
void client_free(client_t *c);

const config_profile_t *client_profile(const client_t *c);
const driver_t *client_driver(const client_t *c);
http_t *client_http(client_t *c);
/* Where and with what the driver's requests go (for figures.c). */
const driver_ctx_t *client_driver_ctx(const client_t *c);

typedef void (*client_campaigns_fn)(api_campaign_page_t *page, const api_error_t *err,
                                    void *ud);
typedef void (*client_campaign_fn)(model_campaign_t *campaign, const api_error_t *err,
                                   void *ud);
typedef void (*client_contacts_fn)(api_contact_page_t *page, const api_error_t *err,
                                   void *ud);
typedef void (*client_action_fn)(const api_action_result_t *res, const api_error_t *err,
                                 void *ud);
/* Creation reports once at the end. On a failure after the campaign was
 * created (a Sarvam chunk), `created` is non-NULL too, with the id and the
 * contacts accepted so far, so nothing is lost silently. */
typedef void (*client_create_fn)(const api_created_t *created, const api_error_t *err,
                                 void *ud);

/* Each returns an operation id > 0. When the request cannot be built
 * (refused action, read-only profile, bad input) the callback still runs,
 * from the next client_poll()/client_wait(), and the id is still valid. */
unsigned long client_list_campaigns(client_t *c, const api_page_t *page,
                                    const char *status_filter, client_campaigns_fn cb,
                                    void *ud);
unsigned long client_get_campaign(client_t *c, const char *id, client_campaign_fn cb,
                                  void *ud);
/* The campaign's live summary where the provider has one (OmniDim's
 * live-status: state, counts and figures only, see omnidim_live.h), else
 * the campaign itself, as client_get_campaign. */
unsigned long client_get_live(client_t *c, const char *id, client_campaign_fn cb, void *ud);
/* True when client_get_live reads a live summary, not the campaign. */
bool client_has_live(const client_t *c);
unsigned long client_list_contacts(client_t *c, const char *campaign_id,
                                   const api_page_t *page, const char *status_filter,
                                   client_contacts_fn cb, void *ud);
/* `state` is the campaign's current state as last seen: the model's action
 * table decides before anything is sent. Read-only profiles refuse all. */
unsigned long client_action(client_t *c, const char *campaign_id, campaign_state_t state,
                            action_t action, const api_reschedule_t *resched,
                            client_action_fn cb, void *ud);
/* The same for the actions with arguments (ACTION_RETRY, ACTION_CONCURRENCY). */
unsigned long client_action_args(client_t *c, const char *campaign_id, campaign_state_t state,
                                 action_t action, const api_action_args_t *args,
                                 client_action_fn cb, void *ud);
/* `spec` and everything it points to must stay valid until the callback. */
unsigned long client_create(client_t *c, const api_create_spec_t *spec,
                            client_create_fn cb, void *ud);

/* The next operation made on `c` (any kind) is sent no sooner than
 * `delay_ms` from now: a caller waiting out a 429's reset time. */
void client_hold_next(client_t *c, long delay_ms);

/* client_create, sent no sooner than `delay_ms` from now (after a 429,
 * which proves nothing was created). */
unsigned long client_create_after(client_t *c, const api_create_spec_t *spec, long delay_ms,
                                  client_create_fn cb, void *ud);

/* Big lists (driver add_chunk_max > 0): contacts [first, last) of `spec`
 * added to campaign `campaign_id`, sent no sooner than `delay_ms` from now
 * (pacing under a rate limit, or a 429's reset time; the wait happens
 * inside client_poll, which wakes for it). Reports once with the
 * provider's count of accepted and rejected rows. */
typedef void (*client_chunk_fn)(const api_chunk_result_t *res, const api_error_t *err,
                                void *ud);
unsigned long client_add_contacts(client_t *c, const api_create_spec_t *spec,
                                  const char *campaign_id, size_t first, size_t last,
                                  long delay_ms, client_chunk_fn cb, void *ud);
/* Starts a draft (driver build_start; OmniDim). */
unsigned long client_start_draft(client_t *c, const char *campaign_id, client_action_fn cb,
                                 void *ud);

/* A request whose body would pass DRIVER_BODY_MAX is never sent: the
 * operation fails with API_ERR_VALIDATION and this field, so the caller
 * can cut the chunk smaller. */
#define CLIENT_FIELD_BODY_SIZE "request_body_size"

/* Where a running creation stands: the campaign exists once *created is
 * true; then contact chunks [0, *chunks_total) are being sent and
 * *chunks_done have been confirmed (*chunks_total is 0 for providers that
 * take the contacts in the create call). False when `op` is not a
 * creation still in flight. */
bool client_create_progress(const client_t *c, unsigned long op, bool *created,
                            size_t *chunks_done, size_t *chunks_total);

/* Forgets an operation: its callback will not run. */
void client_cancel(client_t *c, unsigned long op);

/* One turn of the event loop of the client's transport (every client on
 * it moves); see http_transport_poll(). Returns callbacks run, or -1. */
int client_poll(client_t *c, int extra_fd, int timeout_ms, bool *extra_fd_ready);

/* Operations not yet reported. */
size_t client_pending(const client_t *c);

/* Blocking helper for the CLI: polls until operation `op` has reported
 * (other operations progress meanwhile). False if `timeout_ms` (-1 = no
 * limit) passed first; the operation is then cancelled. */
bool client_wait(client_t *c, unsigned long op, int timeout_ms);

#endif
