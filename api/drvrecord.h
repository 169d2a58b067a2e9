/* Record parsing shared by the provider drivers (for the driver files
 * only). The three providers describe a campaign and a contact row with the
 * same facts under different key names, so each driver states its key names
 * in a field map and these functions do the reading, the required-field
 * checks and the error wording once. What is truly one provider's own
 * (OmniDim's counters and wall-clock start, Truedy's four counters, Sarvam's
 * three-status attempt mapping) comes in through the map's hook. Also
 * here: the page arithmetic around those records and the create reply. */
#ifndef DIALTOP_DRVRECORD_H
#define DIALTOP_DRVRECORD_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "driver.h"
#include "model.h"

/* Key names of a campaign record; a NULL key is a field the provider does
 * not send (the model's "unknown" stays). */
typedef struct {
    const char *noun, *nouns; /* "campaign", "campaigns": for error messages */
    const char *id;   /* required */
    const char *name, *status, *total, *completed;
    const char *scheduled_at, *timezone, *created_at;
    const char *concurrency, *retry_limit, *failure;
    /* Provider specifics, run after the keyed fields (may be NULL). The
     * scheduled_epoch is already the model's reading of the start
     * (model_start_epoch, by the provider's start_clock). */
    void (*extra)(const cJSON *rec, model_campaign_t *c);
} drv_campaign_fields_t;

/* Key names of a per-contact row. */
typedef struct {
    const char *noun, *nouns; /* "contact", "contacts" */
    const char *id;     /* first choice for the row id */
    const char *id_alt; /* second choice (may be NULL); the phone is the last */
    const char *phone, *status, *attempts, *last_attempt, *duration, *failure;
    /* Object whose members become context variables (may be NULL). */
    const char *vars_object;
    /* Top-level keys also kept as variables, and skipped in vars_object;
     * NULL-terminated. */
    const char *const *named_vars;
    /* Replaces the reading of `status` into state/raw_state (may be NULL). */
    void (*read_state)(const cJSON *rec, model_contact_t *c);
} drv_contact_fields_t;

/* One record into `c` (always initialised; freed again on failure).
 * `index` is 0-based and only names the record in error messages. */
bool drv_parse_campaign(provider_t p, const drv_campaign_fields_t *f, const cJSON *rec,
                        size_t index, model_campaign_t *c, api_error_t *err);

/* Every element of the array `records` into `out` (items and n only; the
 * caller fills total and next). On failure `out` holds nothing. */
bool drv_parse_campaign_list(provider_t p, const drv_campaign_fields_t *f,
                             const cJSON *records, api_campaign_page_t *out, api_error_t *err);
bool drv_parse_contact_list(provider_t p, const drv_contact_fields_t *f, const cJSON *records,
                            api_contact_page_t *out, api_error_t *err);

/* Page size to ask of the provider for `page` (may be NULL): `dflt` when
 * it names none, at most `max`. */
int drv_page_limit(const api_page_t *page, int dflt, int max);
/* Where an offset page starts (0 for NULL or a negative offset). */
long drv_page_offset(const api_page_t *page);

/* The page after an offset page of `n` rows. `more` is what the provider
 * said about a further page: 1 yes, 0 no, -1 nothing (then `total`, then a
 * short page, decide). `limit` is the clamped page size that was asked. */
void drv_next_offset(const api_page_t *page, int limit, size_t n, long total, int more,
                     api_page_t *next);

/* A create reply's id (required: `no_id` is the complaint without it) and
 * status, read from `obj` into `out`. */
bool drv_read_created(provider_t p, const cJSON *obj, const char *id_key,
                      const char *status_key, const char *no_id, api_created_t *out,
                      api_error_t *err);

#endif
