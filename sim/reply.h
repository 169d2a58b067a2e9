/* Building responses for the dialect handlers: JSON bodies, each
 * provider's error shapes, query and body readers that answer the error
 * themselves when the input is bad. */
#ifndef DIALTOP_SIM_REPLY_H
#define DIALTOP_SIM_REPLY_H

#include <cjson/cJSON.h>

#include "sim_internal.h"

/* Sends root (takes ownership) with the given status. */
void reply_json(sim_ctx_t *ctx, int status, cJSON *root);
void reply_header(sim_response_t *resp, const char *name, const char *value);

/* Error in ctx->provider's shape. code is Truedy/Sarvam's machine code
 * ("not_found"); OmniDim carries only the message. */
void reply_error(sim_ctx_t *ctx, int status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A bad field: OmniDim 400 {"success":false,"error":"<field>: <msg>"};
 * Truedy/Sarvam 422 {"detail":[{"loc":[...],"msg":...,"type":...}]}.
 * where is "body" or "query"; field is a dotted path ("contacts.3.phone_number"). */
void reply_field(sim_ctx_t *ctx, const char *where, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void reply_not_found(sim_ctx_t *ctx);
void reply_method(sim_ctx_t *ctx, const char *allow);
/* Is method one of the comma-separated names in allow ("GET, POST")? */
bool reply_method_in(const char *allow, const char *method);

const char *reply_query(const sim_ctx_t *ctx, const char *key);
/* Reads an optional integer query argument in [min, max] (values above
 * max are clamped when clamp is set). false: already answered 400/422. */
bool reply_query_long(sim_ctx_t *ctx, const char *key, long def, long min, long max, bool clamp,
                      long *out);
/* The body as a JSON object; NULL: already answered. */
cJSON *reply_body_object(sim_ctx_t *ctx);

/* A JSON value as text for a context variable (strings as is). */
char *reply_value_text(const cJSON *v);
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

#endif
