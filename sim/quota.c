/* Provider rate limits; see quota.h. A fixed window, as Truedy's reset_at
 * (one time for the whole organisation) describes. */
#include "quota.h"

#include <time.h>

static double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void quota_init(quota_t *q, int per_window, int window_s)
{
    q->per_window = per_window > 0 ? per_window : 0;
    q->window_s = window_s > 0 ? window_s : 1;
    q->window_start = mono_now();
    q->count = 0;
}

bool quota_take(quota_t *q, int *reset_s)
{
    if (q->per_window <= 0)
        return true;
    double now = mono_now();
    if (now - q->window_start >= q->window_s) {
        q->window_start = now;
        q->count = 0;
    }
    if (q->count >= q->per_window) {
        int left = (int)(q->window_start + q->window_s - now + 0.999);
        *reset_s = left < 1 ? 1 : left;
        return false;
    }
    q->count++;
    return true;
}
