/* Request-body checks for the driver tests (see drvcheck.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "drvcheck.h"

void drvcheck_expect_array(const char *body, const char *key, const char *array)
{
    char want[2048];
    snprintf(want, sizeof want, "\"%s\":%s", key, array);
    const char *at = strstr(body, want);
    if (!at || (at[strlen(want)] != ',' && at[strlen(want)] != '}'))
        fail_msg("body has not %s\nbody: %s", want, body);
    cJSON *j = cJSON_Parse(body);
    assert_non_null(j);
    cJSON_Delete(j);
}

char *drvcheck_body_subset(const char *body, const char *const *keys)
{
    cJSON *j = cJSON_Parse(body);
    assert_non_null(j);
    cJSON *sub = cJSON_CreateObject();
    for (; *keys; keys++) {
        cJSON *v = cJSON_DetachItemFromObjectCaseSensitive(j, *keys);
        if (v)
            cJSON_AddItemToObject(sub, *keys, v);
    }
    char *s = cJSON_PrintUnformatted(sub);
    cJSON_Delete(sub);
    cJSON_Delete(j);
    return s;
}
