/* Upload settings beyond name and start: the retry schedule, the working
 * window and days, the daily cap, and which provider offers which.
 *
 * The public parsers (upload_parse_*) and upload_offers() are declared in
 * upload.h, the one header the console and the CLI include; this header
 * is the bridge upload.c uses to check the settings once and keep the
 * parsed values for the create request. */
#ifndef DIALTOP_UPLOAD_SETTINGS_H
#define DIALTOP_UPLOAD_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "upload.h"

/* The settings in the spelling api_create_spec_t takes. */
typedef struct {
    retry_schedule_t retry_schedule; /* RETRY_NONE: no retries asked for */
    int retry_after_hours;           /* RETRY_SCHEDULED_TIME only */
    char window_start[6];            /* "HH:MM" or "" */
    char window_end[6];
    unsigned working_days;           /* bit 0 = Monday; 0 = not given */
    int max_calls_per_day;           /* 0 = no cap */
    /* The zone the window is in when there is no start time to carry one
     * (the given --tz, else the operator's); "" without a window. */
    char zone[SCHEDULE_ZONE_MAX];
} upload_parsed_t;

/* True when a working window or working days are asked for. */
bool upload_settings_has_window(const upload_settings_t *s);

/* Checks every setting upload_check() leaves to this module (what the
 * provider offers, concurrency, retries, window, days, daily cap) and
 * fills `out`. False with one sentence in `reason`. */
bool upload_settings_resolve(provider_t p, const upload_settings_t *s, upload_parsed_t *out,
                             char *reason, size_t reason_len);

#endif
