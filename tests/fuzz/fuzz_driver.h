/* Shared body of the driver fuzz targets: the first input byte picks the
 * HTTP status ('1' 200, '2' 201, '3' 400, '4' 409, '5' 422, '6' 429,
 * '7' 500, '8' 404, anything else 200) and the rest is the body, fed to
 * every parse function of one driver. A parse must either succeed with
 * records that have ids, or fail with a typed error and nothing left. */
#ifndef DIALTOP_FUZZ_DRIVER_H
#define DIALTOP_FUZZ_DRIVER_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "jsonget.h"

static long fuzz_status(uint8_t b)
{
    switch (b) {
    case '1': return 200;
    case '2': return 201;
    case '3': return 400;
    case '4': return 409;
    case '5': return 422;
    case '6': return 429;
    case '7': return 500;
    case '8': return 404;
    default: return 200;
    }
}

static void fuzz_check(int cond)
{
    if (!cond)
        abort();
}

/* Every provider number went through the one clamp (issue 14). */
static void fuzz_check_numbers(const model_campaign_t *c)
{
    fuzz_check(c->total_contacts >= -1 && c->total_contacts <= JNUM_COUNT_MAX);
    fuzz_check(c->completed_contacts >= -1 && c->completed_contacts <= JNUM_COUNT_MAX);
    for (int s = 0; s < CONTACT_STATE_COUNT; s++)
        fuzz_check(c->counts[s] >= 0 && c->counts[s] <= JNUM_COUNT_MAX);
}

static void fuzz_check_wait(const api_error_t *err)
{
    fuzz_check(err->retry_after_s >= -1 && err->retry_after_s <= API_WAIT_MAX_S);
}

static void fuzz_driver(const driver_t *d, const uint8_t *data, size_t size)
{
    if (size == 0)
        return;
    api_response_t resp = {.status = fuzz_status(data[0]), .body = (const char *)data + 1,
                           .body_len = size - 1, .retry_after_s = -1, .received_at = 1700000000};
    api_error_t err;
    api_page_t page;
    api_page_first(&page, 0);

    api_campaign_page_t cp;
    if (d->parse_list_campaigns(&resp, &page, &cp, &err)) {
        for (size_t i = 0; i < cp.n; i++) {
            fuzz_check(cp.items[i].id != NULL && cp.items[i].raw_json != NULL);
            fuzz_check_numbers(&cp.items[i]);
        }
        fuzz_check(cp.total >= -1 && cp.total <= JNUM_COUNT_MAX);
    } else {
        fuzz_check(cp.items == NULL && cp.n == 0 && err.kind != API_OK);
        fuzz_check_wait(&err);
    }
    api_campaign_page_free(&cp);

    model_campaign_t c;
    if (d->parse_get_campaign(&resp, &c, &err)) {
        fuzz_check(c.id != NULL);
        fuzz_check_numbers(&c);
    } else
        fuzz_check(c.id == NULL && err.kind != API_OK);
    model_campaign_free(&c);

    api_contact_page_t kp;
    if (d->parse_list_contacts(&resp, &page, &kp, &err)) {
        for (size_t i = 0; i < kp.n; i++)
            fuzz_check(kp.items[i].id != NULL);
    } else {
        fuzz_check(kp.items == NULL && kp.n == 0 && err.kind != API_OK);
    }
    api_contact_page_free(&kp);

    api_action_result_t ar;
    for (int a = 0; a < ACTION_CREATE; a++)
        if (!d->parse_action(&resp, (action_t)a, &ar, &err))
            fuzz_check(err.kind != API_OK && memchr(err.message, '\0', sizeof err.message));

    api_created_t cr;
    if (d->parse_create(&resp, &cr, &err))
        fuzz_check(cr.id[0] != '\0');
    if (d->parse_create_chunk) {
        api_chunk_result_t ch;
        d->parse_create_chunk(&resp, &ch, &err);
    }
}

#endif
