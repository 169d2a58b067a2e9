/* Fault injection; see faults.h. The rate-limit window runs on real
 * (monotonic) time, not simulated time: it models the provider's quota,
 * which a client waits out in real seconds. */
#include "faults.h"

#include <time.h>

#include "rng.h"

static double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void faults_config_defaults(faults_config_t *cfg)
{
    *cfg = (faults_config_t){0};
    cfg->rate_limit_window_s = 10;
}

void faults_init(faults_t *f, const faults_config_t *cfg, uint64_t seed)
{
    f->rng = seed * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL;
    faults_set(f, cfg);
}

void faults_set(faults_t *f, const faults_config_t *cfg)
{
    f->cfg = *cfg;
    if (f->cfg.rate_limit_window_s < 1)
        f->cfg.rate_limit_window_s = 1;
    f->window_start = mono_now();
    f->window_count = 0;
}

fault_kind_t faults_draw(faults_t *f, bool is_action, int *reset_s)
{
    const faults_config_t *c = &f->cfg;
    if (c->drop_rate > 0 && rng_unit(&f->rng) < c->drop_rate)
        return FAULT_DROP;
    if (c->rate_limit_burst > 0) {
        double now = mono_now();
        if (now - f->window_start >= c->rate_limit_window_s) {
            f->window_start = now;
            f->window_count = 0;
        }
        if (f->window_count >= c->rate_limit_burst) {
            int left = (int)(f->window_start + c->rate_limit_window_s - now + 0.999);
            *reset_s = left < 1 ? 1 : left;
            return FAULT_RATE_LIMIT;
        }
        f->window_count++;
    }
    if (is_action && c->fail_actions)
        return FAULT_FAIL;
    if (c->fail_rate > 0 && rng_unit(&f->rng) < c->fail_rate)
        return FAULT_FAIL;
    return FAULT_NONE;
}

bool faults_draw_malformed(faults_t *f)
{
    return f->cfg.malformed_rate > 0 && rng_unit(&f->rng) < f->cfg.malformed_rate;
}
