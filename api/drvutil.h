/* Helpers shared by the provider drivers (for the driver files only):
 * URL and request building, JSON body intake, the four error
 * shapes, and the action gate. Keeping them here means each driver file
 * holds only what is particular to its provider. */
#ifndef DIALTOP_DRVUTIL_H
#define DIALTOP_DRVUTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "driver.h"
#include "dynbuf.h"
#include "model.h"

/* URLs are built in a dynbuf_t (dynbuf.h). */

/* Percent-encodes everything but RFC 3986 unreserved characters, so an id
 * or filter can never add a path segment or a query parameter. */
void drv_add_escaped(dynbuf_t *b, const char *s);
/* Appends "?name=value" or "&name=value" (value escaped). */
void drv_add_query(dynbuf_t *b, const char *name, const char *value);
void drv_add_query_long(dynbuf_t *b, const char *name, long value);
/* drv_add_query() only when `value` is non-NULL and non-empty: for the
 * optional filters and cursors. */
void drv_add_query_opt(dynbuf_t *b, const char *name, const char *value);

/* Starts a URL: the profile's base URL, then `path`. */
void drv_url(dynbuf_t *b, const driver_ctx_t *ctx, const char *path);
/* drv_url(path), then `id` escaped as one segment, then `suffix`. */
void drv_url_id(dynbuf_t *b, const driver_ctx_t *ctx, const char *path, const char *id,
                const char *suffix);

/* Starts a request: method, URL (taken), JSON Accept header and the
 * authentication line (`auth_fmt` has one %s for the key), marked secret.
 * `body` (taken, may be NULL) adds a JSON Content-Type. */
bool drv_request(api_request_t *out, http_method_t m, char *url, const char *auth_fmt,
                 const char *api_key, char *body, api_error_t *err);

/* Serialises `json` (consumed) for a request body; NULL on OOM. */
char *drv_body(cJSON *json);

/* Common front of every parse_*: a non-2xx status becomes its error,
 * otherwise the parsed body is returned (NULL with err set on failure). */
cJSON *drv_accept(provider_t p, const api_response_t *resp, api_error_t *err);

/* drv_accept() for a list reply whose rows are the array under `key`:
 * returns that array, with the document in *root for the caller to delete;
 * NULL (and *root NULL) with err set, naming `what` when the array is
 * missing. */
const cJSON *drv_accept_list(provider_t p, const api_response_t *resp, const char *key,
                             const char *what, cJSON **root, api_error_t *err);

/* Wrong-shape reply: API_ERR_PARSE naming what was expected. */
bool drv_shape_error(provider_t p, api_error_t *err, const char *what);

/* The action gate: asks model_action_allowed(), the single place that
 * decides, and turns a refusal into API_ERR_UNSUPPORTED with its reason. */
bool drv_check_action(provider_t p, campaign_state_t s, action_t a, api_error_t *err);

/* Copies every member of `obj` into the contact's context variables,
 * skipping keys listed in `skip` (NULL-terminated, may be NULL). Values
 * that are not text are kept as compact JSON. */
bool drv_add_vars(model_contact_t *c, const cJSON *obj, const char *const *skip);

/* Sets raw_state/state from a status string (NULL allowed). */
bool drv_set_campaign_state(model_campaign_t *c, provider_t p, char *raw /* taken */);

/* Fills an action result from a status string (may be NULL). */
void drv_action_result(api_action_result_t *out, provider_t p, const char *raw,
                       const char *message);

/* An id the request needs; "no <noun> id given" when absent or empty. */
bool drv_need_id(const char *id, const char *noun, api_error_t *err);

/* "2026-12-25 10:00:00" -> "2026-12-25T10:00:00": local time in the
 * timezone sent beside it, so no offset is attached. NULL on OOM. */
char *drv_iso_local(const char *when);

/* A reschedule needs a local time; otherwise API_ERR_VALIDATION naming the
 * provider's `field` for it. */
bool drv_check_reschedule(const api_reschedule_t *r, const char *field, api_error_t *err);

/* What each provider requires of a new campaign, and the names its API
 * gives the fields, so a refusal names the field the operator recognises. */
typedef struct {
    const char *noun; /* "campaign", "batch" */
    const char *contacts_field, *start_field;
    provider_t provider;               /* whose name rule (provider_name_ok) */
} drv_create_rules_t;

bool drv_validate_spec(const api_create_spec_t *spec, const drv_create_rules_t *r,
                       api_error_t *err);

/* create_chunk_count for providers that take every contact with the
 * campaign itself: always 0. */
size_t drv_no_chunks(const api_create_spec_t *spec);

#endif
