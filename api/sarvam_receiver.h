/* The Sarvam driver's reads that do not go to Sarvam (for api/sarvam.c
 * only). Sarvam's API lists no contacts and no attempts: per-contact
 * outcomes reach dialtop only through its webhooks, stored by a
 * `dialtop hooks` receiver. So the contacts view reads the receiver, and a
 * campaign's figures are composed from two more reads: the cohorts (the
 * contact total, from Sarvam) and the receiver's summary (counts by
 * state). Pure, like every driver: requests out, model values in. */
#ifndef DIALTOP_SARVAM_RECEIVER_H
#define DIALTOP_SARVAM_RECEIVER_H

#include <cjson/cJSON.h>

#include "driver.h"

/* What the console and CLI say, once, when a Sarvam profile has no
 * receiver: there is no other source, so nothing is requested. */
#define SARVAM_RECEIVER_NEEDED                                                                \
    "Sarvam reports per-contact outcomes only by webhook: run `dialtop hooks` and set "    \
    "hooks_url"

bool sarvam_receiver_build_contacts(const driver_ctx_t *ctx, const char *campaign_id,
                                 const api_page_t *page, const char *state_filter,
                                 api_request_t *out, api_error_t *err);
bool sarvam_receiver_parse_contacts(const api_response_t *resp, const api_page_t *page,
                                 api_contact_page_t *out, api_error_t *err);

/* Part 0: GET .../campaigns/{id}/cohorts?offset&limit=100&sort_order=asc
 *         (Sarvam, for the total; summed over every page).
 * Part 1: GET {hooks_url}/sarvam/campaigns/{id}/summary (only with hooks). */
size_t sarvam_receiver_figure_parts(const driver_ctx_t *ctx);
bool sarvam_receiver_build_figures(const driver_ctx_t *ctx, const char *campaign_id, size_t part,
                                   long offset, api_request_t *out, api_error_t *err);
bool sarvam_receiver_parse_figures(const api_response_t *resp, size_t part, long offset,
                                   model_campaign_t *c, long *next_offset, api_error_t *err);

/* A campaign's app_config.webhook_config.url carries the receiver's token
 * (Sarvam sends no signature, so the URL is the secret): hidden in `rec`
 * before the record is kept for the detail view, so it never reaches the
 * screen. "https://h/sarvam/TOKEN" becomes "https://h/sarvam/(token
 * hidden)"; a URL of another shape keeps only its scheme and host. */
void sarvam_receiver_hide_webhook_token(cJSON *rec);

/* GET {hooks_url}/sarvam/summaries: every campaign's counts, merged into
 * a campaign list's rows by campaign_id. */
bool sarvam_receiver_build_list_figures(const driver_ctx_t *ctx, api_request_t *out,
                                        api_error_t *err);
bool sarvam_receiver_parse_list_figures(const api_response_t *resp, model_campaign_t *rows,
                                        size_t n, api_error_t *err);

#endif
