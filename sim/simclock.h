/* The simulated clock: wall time scaled by a speed factor, or set by hand
 * (unit tests). Not locked: used under sim_t's mutex. */
#ifndef DIALTOP_SIM_SIMCLOCK_H
#define DIALTOP_SIM_SIMCLOCK_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    double speed;              /* simulated seconds per real second; 0 freezes */
    int64_t base_sim;          /* sim epoch seconds at base_real */
    double base_real;          /* CLOCK_MONOTONIC seconds */
    bool manual;
    int64_t manual_now;
} simclock_t;

/* Starts at `start` (epoch seconds; 0 = the real time now). */
void simclock_init(simclock_t *c, double speed, int64_t start);
int64_t simclock_now(const simclock_t *c);
/* Switches to manual time (tests); simclock_now returns t from then on. */
void simclock_set(simclock_t *c, int64_t t);

#endif
