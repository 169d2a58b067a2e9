/* Building responses for the dialect handlers: JSON bodies, each
 * provider's error shapes, query readers that answer the error themselves
 * when the input is bad, routing guards. Body fields: body.h. */
#ifndef DIALTOP_SIM_REPLY_H
#define DIALTOP_SIM_REPLY_H

#include <cjson/cJSON.h>

#include "sim_internal.h"

/* Sends root (takes ownership) with the given status. */
void reply_json(sim_ctx_t *ctx, int status, cJSON *root);
/* Sends text already written as JSON (jsonout.h; takes ownership); NULL
 * (out of memory while writing) answers 500 as reply_json does. */
void reply_json_text(sim_ctx_t *ctx, int status, char *text);
void reply_header(sim_response_t *resp, const char *name, const char *value);

/* Error in the shape of ctx->provider's dialect (dialects.h, its
 * sim_errors_t). code is Truedy/Sarvam's machine code ("not_found");
 * OmniDim carries only the message. */
void reply_error(sim_ctx_t *ctx, int status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A bad field: OmniDim 400 {"success":false,"error":"<field>: <msg>"};
 * Truedy/Sarvam 422 {"detail":[{"loc":[...],"msg":...,"type":...}]}.
 * where is "body" or "query"; field is a dotted path ("contacts.3.phone_number"). */
void reply_field(sim_ctx_t *ctx, const char *where, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void reply_not_found(sim_ctx_t *ctx);
/* 401 and 429 as ctx->provider answers them; reset_s: seconds until a
 * request is let through again (Retry-After, or Truedy's reset_at). */
void reply_unauthorized(sim_ctx_t *ctx);
void reply_rate_limited(sim_ctx_t *ctx, int reset_s);
/* May the request's method use a route that allows allow? false: already
 * answered 404 (allow NULL: no such route) or 405 with an Allow header. */
bool reply_allowed(sim_ctx_t *ctx, const char *allow);
/* ctx->provider's campaign id, or NULL after answering 404 not_found in
 * that provider's error shape with the message fmt (each API words it
 * its own way, so the dialect passes it). */
store_campaign_t *reply_campaign_find(sim_ctx_t *ctx, const char *id, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A new campaign in ctx->provider's list, filled from body by read (which
 * answers whatever it refuses). NULL: refused, or out of memory (answered
 * 500); either way the store is left as it was. Success marks it changed. */
typedef bool reply_read_fn(sim_ctx_t *ctx, store_campaign_t *c, const cJSON *body);
store_campaign_t *reply_campaign_create(sim_ctx_t *ctx, const cJSON *body, reply_read_fn *read);

const char *reply_query(const sim_ctx_t *ctx, const char *key);
/* Reads an optional integer query argument in [min, max] (values above
 * max are clamped when clamp is set). false: already answered 400/422. */
bool reply_query_long(sim_ctx_t *ctx, const char *key, long def, long min, long max, bool clamp,
                      long *out);
/* The optional status filter ?key= in ctx->provider's raw words into
 * *want, CAMPAIGN_UNKNOWN / CONTACT_UNKNOWN when absent or empty. false:
 * already answered "unknown status" / "unknown call status". */
bool reply_query_campaign_state(sim_ctx_t *ctx, const char *key, campaign_state_t *want);
bool reply_query_contact_state(sim_ctx_t *ctx, const char *key, contact_state_t *want);
/* The body as a JSON object; NULL: already answered. */
cJSON *reply_body_object(sim_ctx_t *ctx);

/* key: ISO 8601 UTC time, or null when t is 0. */
void reply_add_iso(cJSON *o, const char *key, int64_t t);
/* A cJSON string, or cJSON null for NULL. */
cJSON *reply_str_or_null(const char *s);

/* A dialect path split on '/', empty parts skipped. */
#define REPLY_MAX_SEGS 8
typedef struct {
    char buf[512];
    const char *seg[REPLY_MAX_SEGS];
    size_t n;                  /* REPLY_MAX_SEGS + 1 when there were more */
} reply_path_t;
void reply_path_split(reply_path_t *p, const char *rest);
/* Splits rest into p and checks that it is root and at most max_segs
 * segments in all ("batch-calls/{id}/pause"). false: answered 404. */
bool reply_path_expect(sim_ctx_t *ctx, reply_path_t *p, const char *rest, const char *root,
                       size_t max_segs);

#endif
