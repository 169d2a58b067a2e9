/* The simulated clock; see simclock.h. Monotonic time drives it so that a
 * wall-clock step (NTP) never makes simulated time run backwards. */
#include "simclock.h"

#include <time.h>

static double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void simclock_init(simclock_t *c, double speed, int64_t start)
{
    c->speed = speed < 0 ? 0 : speed;
    c->base_sim = start ? start : (int64_t)time(NULL);
    c->base_real = mono_now();
    c->manual = false;
    c->manual_now = 0;
}

int64_t simclock_now(const simclock_t *c)
{
    if (c->manual)
        return c->manual_now;
    return c->base_sim + (int64_t)((mono_now() - c->base_real) * c->speed);
}

void simclock_set(simclock_t *c, int64_t t)
{
    c->manual = true;
    c->manual_now = t;
}
