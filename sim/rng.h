/* A small seeded generator (xorshift64*) so simulated runs reproduce: one
 * state per campaign, one for faults, never shared between threads. */
#ifndef DIALTOP_SIM_RNG_H
#define DIALTOP_SIM_RNG_H

#include <stdint.h>

static inline uint64_t rng_next(uint64_t *s)
{
    uint64_t x = *s ? *s : 0x9e3779b97f4a7c15ULL;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545f4914f6cdd1dULL;
}

/* Uniform in [0, 1). */
static inline double rng_unit(uint64_t *s)
{
    return (double)(rng_next(s) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform in [lo, hi]. */
static inline int rng_range(uint64_t *s, int lo, int hi)
{
    if (hi <= lo)
        return lo;
    return lo + (int)(rng_next(s) % (uint64_t)(hi - lo + 1));
}

#endif
