/* libFuzzer target: everything an operator types for an action, before
 * any request: the reschedule time and zone (parse, validate, convert,
 * resolve). Input: "WHEN\nZONE". */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "schedule.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next line of the input as a fresh string (NULs kept out by strlen). */
static char *take_line(const uint8_t **p, const uint8_t *end)
{
    const uint8_t *nl = memchr(*p, '\n', (size_t)(end - *p));
    const uint8_t *stop = nl ? nl : end;
    size_t len = (size_t)(stop - *p);
    char *s = malloc(len + 1);
    if (!s)
        abort();
    memcpy(s, *p, len);
    s[len] = '\0';
    *p = nl ? nl + 1 : end;
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p = data, *end = data + size;
    char *when = take_line(&p, end);
    char *zone = take_line(&p, end);

    char why[SCHEDULE_REASON_MAX];
    schedule_wall_t w;
    if (schedule_parse_wall(when, &w, why, sizeof why) && schedule_zone_valid(zone, why, sizeof why)) {
        time_t t;
        bool amb;
        if (schedule_wall_to_epoch(&w, zone, &t, &amb, why, sizeof why)) {
            schedule_wall_t back;
            /* The round trip must give back the wall clock asked for. */
            if (!schedule_epoch_to_wall(t, zone, &back, NULL, 0) ||
                memcmp(&back, &w, sizeof w) != 0)
                abort();
        }
    }
    schedule_t s;
    /* any verdict will do: the fuzzer looks for crashes and hangs */
    bool resolved = schedule_resolve(when, zone, 1795424400, &s, why, sizeof why);
    (void)resolved;

    free(when);
    free(zone);
    return 0;
}
