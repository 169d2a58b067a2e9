/* A small seeded generator (xorshift64*) so simulated runs reproduce: one
 * state per campaign, one for faults, never shared between threads; and
 * the bijective mixes that turn a sequence number and the seed into ids
 * and generator states (store.c, and the dialects' id formats). */
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

/* Hex ids must look random but be reproducible: bijective mixes of the
 * sequence number and the seed, so two campaigns never collide. */
static inline uint64_t rng_mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* Each step is a bijection on 32 bits, so ids never collide. */
static inline uint32_t rng_mix32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

#endif
