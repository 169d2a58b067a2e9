/* The header's totals over the listed campaigns: active campaigns, calls
 * in progress, calls finished per minute and failures in the last 15
 * minutes. Computed when rows change (never per frame); the per-minute
 * and 15-minute figures come from a history of samples of the summed
 * finished and failed counts, and say over how long they were measured
 * while the history is shorter than the window. */
#ifndef DIALTOP_TOTALS_H
#define DIALTOP_TOTALS_H

#include <stdbool.h>
#include <stddef.h>

#include "camprows.h"

#define TOTALS_SAMPLES 256
#define TOTALS_FAIL_WINDOW_S 900.0

typedef struct {
    double t;
    long finished;   /* DONE + FAIL summed over rows where both are known */
    long failed;     /* FAIL summed over rows where it is known */
} totals_sample_t;

typedef struct {
    long active;             /* campaigns in state active */
    long running;            /* RUN summed where known */
    long running_unknown;    /* active campaigns whose RUN is not known */
    double per_min;          /* calls finished per minute, -1 until measurable */
    long failed_window;      /* failures over `window_s`, -1 until measurable */
    double window_s;         /* how long failed_window covers (<= 15 min) */
    totals_sample_t hist[TOTALS_SAMPLES];
    size_t nhist;
} totals_t;

void totals_init(totals_t *t);
/* Recomputes over every row and adds a sample at `now` (monotonic s). */
void totals_update(totals_t *t, const camprows_t *rows, double now);

#endif
