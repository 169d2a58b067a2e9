/* One Sarvam campaign webhook (one call attempt), read and checked.
 *
 * Sarvam POSTs one JSON object per finished call attempt to the campaign's
 * app_config.webhook_config.url ("Campaigns webhook payload"). This module
 * is the pure part of `dialtop hooks`: it turns a body into the facts the
 * receiver stores and indexes, and says which HTTP status a bad body earns.
 * No I/O, no clock, so it is unit-tested and fuzzed with plain text.
 * The body itself is stored as received: unknown fields (transcripts,
 * agent variables, start/end times) are kept, not parsed here. */
#ifndef DIALTOP_SARVAM_WEBHOOK_H
#define DIALTOP_SARVAM_WEBHOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* Sarvam's own bodies are a few KiB; transcripts can be long, but a body
 * past this is refused (413) before it is read into memory. */
#define SARVAM_WEBHOOK_BODY_MAX (1024 * 1024)

/* Borrowed from nothing: every string is owned (free with _free). */
typedef struct {
    char *attempt_id;       /* required, unique; re-deliveries repeat it */
    char *campaign_id;      /* required */
    char *phone;            /* user_phone_number, required (one contact per number) */
    char *user_identifier;
    char *cohort_id;
    char *completion;       /* completion_status: completed, partial, failed */
    char *connectivity;     /* connectivity_status, NULL when null */
    char *next_action;      /* next_action_status, NULL when final */
    contact_state_t state;  /* model_sarvam_attempt_state() of the three */
} sarvam_webhook_t;

typedef enum {
    SARVAM_WEBHOOK_OK,
    SARVAM_WEBHOOK_NOT_JSON,   /* 400: not JSON, or not an object */
    SARVAM_WEBHOOK_MISSING,    /* 422: required fields missing or empty, named */
} sarvam_webhook_status_t;

/* Reads `body` (len bytes, not necessarily NUL-terminated). On failure
 * `why` holds one line for the sender ("missing attempt_id, campaign_id")
 * and `out` holds nothing. */
sarvam_webhook_status_t sarvam_webhook_parse(const char *body, size_t len,
                                             sarvam_webhook_t *out, char *why,
                                             size_t why_len);
void sarvam_webhook_free(sarvam_webhook_t *w);

/* The HTTP status each result earns: 200, 400, 422. */
int sarvam_webhook_http_status(sarvam_webhook_status_t s);

#endif
