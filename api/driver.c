/* The driver table lookup, requests, errors and pages: the parts of the
 * driver interface that are not particular to any provider. */
#include "driver.h"
#include "provider.h"
#include "redact.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void api_request_init(api_request_t *r)
{
    memset(r, 0, sizeof *r);
    r->secret_header = -1;
}

void api_request_free(api_request_t *r)
{
    if (!r)
        return;
    free(r->url);
    for (size_t i = 0; i < r->nheaders; i++) {
        /* The key line is wiped so it does not linger in freed memory. */
        if ((int)i == r->secret_header && r->headers[i]) {
            volatile char *p = r->headers[i];
            while (*p)
                *p++ = '\0';
        }
        free(r->headers[i]);
    }
    free(r->headers);
    free(r->body);
    api_request_init(r);
}

static const char *const kind_names[API_ERR_KIND_COUNT] = {
    "ok", "auth", "not_found", "refused", "validation", "rate_limited",
    "server", "network", "parse", "unsupported",
};

const char *api_error_kind_name(api_error_kind_t k)
{
    return (unsigned)k < API_ERR_KIND_COUNT ? kind_names[k] : "unknown";
}

bool api_error_changed_nothing(const api_error_t *e)
{
    switch (e->kind) {
    case API_ERR_AUTH:
    case API_ERR_REFUSED:
    case API_ERR_VALIDATION:
    case API_ERR_RATE_LIMITED:
    case API_ERR_UNSUPPORTED:
    case API_ERR_NOT_FOUND:
        return true;
    default:
        return false;
    }
}

void api_error_clear(api_error_t *e)
{
    if (!e)
        return;
    memset(e, 0, sizeof *e);
    e->kind = API_OK;
    e->retry_after_s = -1;
}

bool api_error_set(api_error_t *e, api_error_kind_t kind, long http_status, const char *fmt,
                   ...)
{
    if (!e)
        return false;
    api_error_clear(e);
    e->kind = kind;
    e->http_status = http_status;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    /* Error text often quotes a provider's body, which may echo the key. */
    redact_buf(e->message, sizeof e->message);
    return false;
}

long api_wait_clamp(long s, bool *capped)
{
    if (capped)
        *capped = s > API_WAIT_MAX_S;
    return s < 0 ? 0 : s > API_WAIT_MAX_S ? API_WAIT_MAX_S : s;
}

bool api_error_is_transient(const api_error_t *e)
{
    return e && (e->kind == API_ERR_NETWORK || e->kind == API_ERR_SERVER ||
                 e->kind == API_ERR_RATE_LIMITED);
}

void api_page_first(api_page_t *p, int limit)
{
    memset(p, 0, sizeof *p);
    p->page = 1;
    p->offset = 0;
    p->limit = limit;
}

void api_campaign_page_free(api_campaign_page_t *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        model_campaign_free(&p->items[i]);
    free(p->items);
    p->items = NULL;
    p->n = 0;
}

void api_contact_page_free(api_contact_page_t *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        model_contact_free(&p->items[i]);
    free(p->items);
    p->items = NULL;
    p->n = 0;
}

const driver_t *driver_for(provider_t p)
{
    const provider_desc_t *d = provider_get(p);
    return d ? d->driver : NULL;
}
