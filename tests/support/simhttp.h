/* Integration-test helper: one blocking HTTP request with libcurl easy,
 * answer parsed as JSON when it is JSON. */
#ifndef DIALTOP_SIMHTTP_H
#define DIALTOP_SIMHTTP_H

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct {
    CURLcode err;              /* CURLE_OK when an answer came back */
    long status;
    char *body;
    size_t len;
    cJSON *json;               /* NULL when the body is not JSON */
    char retry_after[32];      /* "" when absent */
    char allow[64];
    double seconds;            /* total time */
} simhttp_t;

/* headers: NULL-terminated "Name: value" list, may be NULL. body may be
 * NULL; body_len 0 means strlen(body). */
void simhttp_request(simhttp_t *out, const char *method, const char *url,
                     const char *const *headers, const char *body, size_t body_len);
void simhttp_free(simhttp_t *r);

#endif
