/* Test helper: a tiny webhook receiver (libmicrohttpd) on a free loopback
 * port that keeps every POST body it gets, for tests of dialtop-sim's
 * Sarvam webhooks. It can refuse deliveries to exercise the sim's retry.
 *
 *   hookrecv_t *r = hookrecv_start(0);
 *   ... point a campaign's webhook_config.url at hookrecv_url(r) ...
 *   hookrecv_wait(r, 5, 20000);
 *   hookrecv_stop(r); */
#ifndef DIALTOP_HOOKRECV_H
#define DIALTOP_HOOKRECV_H

#include <stdbool.h>
#include <stddef.h>

typedef struct hookrecv hookrecv_t;

/* Answers the first `refuse` POSTs with 500 (0: accept all). NULL and a
 * message on stderr when it cannot listen. */
hookrecv_t *hookrecv_start(int refuse);
/* "http://127.0.0.1:PORT/sarvam/hook" */
const char *hookrecv_url(const hookrecv_t *r);
/* Refuse every POST from now on (true) or accept again (false). */
void hookrecv_refuse_all(hookrecv_t *r, bool refuse);
/* Holds each answer back ms milliseconds after the body is counted, as a
 * slow receiver does: the sender is still waiting while the test sees it. */
void hookrecv_delay(hookrecv_t *r, int ms);
/* POSTs received so far, refused ones included / accepted (2xx) ones. */
size_t hookrecv_received(hookrecv_t *r);
size_t hookrecv_accepted(hookrecv_t *r);
/* Waits until at least n POSTs were accepted or timeout_ms passed; returns
 * the accepted count. */
size_t hookrecv_wait(hookrecv_t *r, size_t n, int timeout_ms);
/* A copy of accepted body i (caller frees), NULL past the end. */
char *hookrecv_body(hookrecv_t *r, size_t i);
void hookrecv_stop(hookrecv_t *r);

#endif
