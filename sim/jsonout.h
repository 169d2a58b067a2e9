/* JSON text written straight into a growing buffer, for the sim's list
 * pages and records: a cJSON tree per record (a node and a malloc per
 * key and value, numbers printed with "%1.15g" then read back with
 * sscanf) was most of the cost of a list request.
 *
 * The bytes are exactly what cJSON_PrintUnformatted prints for the same
 * tree, including for text that is not valid UTF-8 (passed through, as
 * cJSON does; api/jsonwrite.c, for request bodies, replaces it instead),
 * so a reply reads the same whichever way it was built.
 *
 * Commas are placed by looking at the last byte written: none after an
 * opening bracket or a key, one before anything else. key is the member
 * name inside an object and NULL inside an array. On OOM `failed` is set,
 * further writes do nothing and jsonout_take returns NULL. */
#ifndef DIALTOP_SIM_JSONOUT_H
#define DIALTOP_SIM_JSONOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

typedef struct {
    char *s;
    size_t len, cap;
    bool failed;
} jsonout_t;

void jsonout_object_open(jsonout_t *b, const char *key);
void jsonout_object_close(jsonout_t *b);
void jsonout_array_open(jsonout_t *b, const char *key);
void jsonout_array_close(jsonout_t *b);
/* A member's name alone: the next write, with key NULL, is its value. */
void jsonout_key(jsonout_t *b, const char *key);

/* A NULL s writes nothing at all, key included: cJSON_AddStringToObject
 * leaves the member out too. jsonout_string_or_null writes null. */
void jsonout_string(jsonout_t *b, const char *key, const char *s);
void jsonout_string_or_null(jsonout_t *b, const char *key, const char *s);
void jsonout_number(jsonout_t *b, const char *key, double v);
void jsonout_bool(jsonout_t *b, const char *key, bool v);
void jsonout_null(jsonout_t *b, const char *key);
/* ISO 8601 UTC time, or null when t is 0 (reply_add_iso's rule). */
void jsonout_iso(jsonout_t *b, const char *key, int64_t t);
/* text is JSON already (a record written elsewhere, a printed tree). */
void jsonout_raw(jsonout_t *b, const char *key, const char *text);

/* The text, NUL-terminated, owned by the caller (NULL after OOM); the
 * buffer is empty again. */
char *jsonout_take(jsonout_t *b);
void jsonout_free(jsonout_t *b);
/* The text as a cJSON raw item, to place a written record in a tree
 * (NULL after OOM); the buffer is freed. */
cJSON *jsonout_take_raw(jsonout_t *b);

#endif
