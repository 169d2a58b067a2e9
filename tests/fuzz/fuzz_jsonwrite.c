/* libFuzzer target: the JSON string writer behind streamed request bodies
 * (api/jsonwrite.h). Any bytes must come out as one JSON string that
 * cJSON parses; bytes that are valid UTF-8 must parse back unchanged, and
 * then the text must be what cJSON itself prints. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "jsonwrite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0'; /* the writer takes C strings: a NUL ends the text */
    dynbuf_t b = {0};
    jsonwrite_string(&b, s);
    char *text = dynbuf_take(&b);
    if (!text)
        abort();
    cJSON *j = cJSON_Parse(text);
    if (!j || !cJSON_IsString(j))
        abort();
    /* With nothing replaced (no U+FFFD escape in the text; an input
     * backslash before "ufffd" only makes this skip), the string must
     * come back unchanged and read as cJSON prints it. */
    if (!strstr(text, "\\ufffd")) {
        char *theirs = cJSON_PrintUnformatted(j);
        if (strcmp(j->valuestring, s) != 0 || !theirs || strcmp(theirs, text) != 0)
            abort();
        free(theirs);
    }
    cJSON_Delete(j);
    free(text);
    free(s);
    return 0;
}
