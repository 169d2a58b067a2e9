/* Parse throughput of each driver's campaign list on a synthetic
 * 5,000-record body (raw_json kept per record, as in use). Prints figures
 * only; no targets here or in the tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "driver.h"
#include "drvutil.h"

#define RECORDS 5000
#define ROUNDS 20

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *list_body(provider_t p)
{
    dynbuf_t b = {0};
    dynbuf_add(&b, p == PROVIDER_OMNIDIM ? "{\"status\":\"success\",\"total_records\":5000,\"records\":["
                 : p == PROVIDER_TRUEDY ? "{\"data\":["
                                        : "{\"items\":[");
    for (int i = 0; i < RECORDS; i++) {
        if (i)
            dynbuf_add(&b, ",");
        if (p == PROVIDER_OMNIDIM)
            dynbuf_addf(&b, "{\"id\":%d,\"name\":\"Campaign %d\",\"status\":\"in_progress\","
                          "\"total_calls\":500,\"completed_calls\":120,\"failed_reason\":false,"
                          "\"create_date\":\"03/15/2026 09:30:00\",\"scheduled_datetime\":null}", i, i);
        else if (p == PROVIDER_TRUEDY)
            dynbuf_addf(&b, "{\"id\":\"batch_%06d\",\"name\":\"Campaign %d\",\"status\":\"running\","
                          "\"total_contacts\":500,\"completed\":120,\"created_at\":\"2026-04-05T10:22:00Z\"}", i, i);
        else
            dynbuf_addf(&b, "{\"campaign_id\":\"cmp_%06d\",\"name\":\"Campaign %d\",\"status\":\"active\","
                          "\"created_at\":\"2026-04-05T10:22:00Z\"}", i, i);
    }
    dynbuf_add(&b, p == PROVIDER_OMNIDIM ? "]}"
                 : p == PROVIDER_TRUEDY ? "],\"meta\":{\"ts\":\"2026-04-05T10:22:00Z\"},\"pagination\":{\"total\":5000,\"has_more\":false}}"
                                        : "],\"total\":5000,\"next_page_uri\":null}");
    return dynbuf_take(&b);
}

int main(void)
{
    for (int p = 0; p < PROVIDER_COUNT; p++) {
        const driver_t *d = driver_for((provider_t)p);
        char *body = list_body((provider_t)p);
        api_response_t resp = {.status = 200, .body = body, .body_len = strlen(body),
                               .retry_after_s = -1};
        api_page_t page;
        api_page_first(&page, 0);
        double t0 = now_s();
        for (int r = 0; r < ROUNDS; r++) {
            api_campaign_page_t out;
            api_error_t err;
            if (!d->parse_list_campaigns(&resp, &page, &out, &err)) {
                fprintf(stderr, "%s: %s\n", model_provider_name((provider_t)p), err.message);
                return 1;
            }
            api_campaign_page_free(&out);
        }
        double dt = now_s() - t0;
        printf("%-8s campaign list: %zu KiB body, %.0f records/s (%.2f ms per %d-record page)\n",
               model_provider_name((provider_t)p), strlen(body) / 1024,
               RECORDS * ROUNDS / dt, dt * 1000 / ROUNDS, RECORDS);
        free(body);
    }
    return 0;
}
