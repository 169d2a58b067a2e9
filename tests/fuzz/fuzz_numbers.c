/* libFuzzer target: the provider-number paths (issue 14). The input is
 * tried as a Retry-After header value, as JSON whose numbers go through
 * jnum_whole / jget_count / jget_long, and as a numeric string. Every
 * result must be inside its range (the UBSan build also traps any
 * undefined cast or overflow on the way). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "driver.h"
#include "http.h"
#include "jsonget.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int cond)
{
    if (!cond)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';

    bool capped = false;
    long wait = http_parse_retry_after(text, 1700000000, &capped);
    check(wait >= -1 && wait <= API_WAIT_MAX_S);
    check(!capped || wait == API_WAIT_MAX_S);

    long n = -7;
    bool over = false;
    if (jnum_text(text, 0, JNUM_COUNT_MAX, &n, &over))
        check(n >= 0 && n <= JNUM_COUNT_MAX && !over);
    else
        check(n == -7);

    cJSON *j = cJSON_ParseWithLength(text, size);
    if (j) {
        long sum = 0;
        const cJSON *v;
        cJSON_ArrayForEach(v, j)
        {
            long c = -1;
            if (jnum_whole(v, 0, JNUM_COUNT_MAX, &c))
                check(c >= 0 && c <= JNUM_COUNT_MAX);
            sum = jnum_add_count(sum, c);
            check(sum >= 0 && sum <= JNUM_COUNT_MAX);
            if (v->string) {
                long k = jget_count(j, v->string, -1);
                check(k >= -1 && k <= JNUM_COUNT_MAX);
                long l = jget_long(j, v->string, 0);
                check(l >= -JNUM_LONG_MAX && l <= JNUM_LONG_MAX);
            }
        }
        cJSON_Delete(j);
    }
    free(text);
    return 0;
}
