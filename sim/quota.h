/* A provider's own rate limit, always on (unlike the injected faults):
 * Truedy allows 100 requests a minute per organisation and answers the
 * next with 429 and error.details.reset_at (API.md section 2). The window
 * runs on real time, like the provider's. Used under the simulator lock. */
#ifndef DIALTOP_SIM_QUOTA_H
#define DIALTOP_SIM_QUOTA_H

#include <stdbool.h>

#define QUOTA_TRUEDY_PER_WINDOW 100
#define QUOTA_TRUEDY_WINDOW_S 60

typedef struct {
    int per_window;            /* 0: no limit */
    int window_s;
    double window_start;       /* monotonic seconds */
    int count;
} quota_t;

void quota_init(quota_t *q, int per_window, int window_s);
/* Counts one request; false when over the limit, with *reset_s the
 * seconds until the window resets (at least 1). */
bool quota_take(quota_t *q, int *reset_s);

#endif
