/* What the OmniDim driver's unit tests share (test_driver_omnidim_*.c):
 * the driver, a context, a reply and a request's header. Functions are
 * static inline so a test that uses fewer of them still builds clean. */
#ifndef DIALTOP_TEST_OMNIDIM_FIX_H
#define DIALTOP_TEST_OMNIDIM_FIX_H

#include <string.h>

#include "driver.h"

static const driver_t *D;
#define OMNIDIM_CTX {.base_url = "http://127.0.0.1:9", .api_key = "sk-omni-12345678"}

static inline api_response_t resp(long status, const char *body)
{
    api_response_t r = {.status = status, .body = body, .body_len = body ? strlen(body) : 0,
                        .retry_after_s = -1, .received_at = 1700000000};
    return r;
}

static inline int setup(void **state)
{
    (void)state;
    D = driver_for(PROVIDER_OMNIDIM);
    return D ? 0 : -1;
}

static inline const char *header(const api_request_t *r, const char *prefix)
{
    for (size_t i = 0; i < r->nheaders; i++)
        if (strncmp(r->headers[i], prefix, strlen(prefix)) == 0)
            return r->headers[i];
    return NULL;
}

#endif
