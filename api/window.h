/* The working window a Sarvam reschedule changes (allowed hours, days,
 * timezone and end): merged from the campaign's details and what the
 * operator changed, checked before anything is sent, and compared with
 * the campaign read back afterwards, since Sarvam's PATCH may answer 200
 * while nothing moved. Which provider reschedules this way is the
 * model's table (model_reschedule_kind). */
#ifndef DIALTOP_WINDOW_H
#define DIALTOP_WINDOW_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "action.h"

/* Merges p->hours/days/tz/end into the window of c's details. False with
 * one sentence ("reschedule: ...") when a value is bad, the end is not
 * ahead of `now`, the result is incomplete (Sarvam replaces the window
 * whole) or nothing would change. */
bool window_resolve(const model_campaign_t *c, const action_params_t *p, time_t now,
                    action_window_t *out, char *reason, size_t reason_len);

/* Does the campaign read back carry window w? False with a sentence
 * naming what it holds instead. */
bool window_readback_matches(const action_window_t *w, const model_campaign_t *back,
                             char *reason, size_t reason_len);

/* "09:00-18:00 Mon-Sat Asia/Kolkata" (days as ranges where they run on). */
void window_format(const action_window_t *w, char *out, size_t len);
/* "mon-fri", "mon,wed,fri-sun"; "" for no days. */
void window_format_days(unsigned days, char *out, size_t len);

/* Prefill for the working-window form: the campaign's hours as
 * "HH:MM-HH:MM" ("" when not given), days as "mon-fri" ("" when none),
 * zone (the campaign's, else local) and end "YYYY-MM-DD HH:MM" in that
 * zone ("" when none). */
void window_prefill(const model_campaign_t *c, char *hours, size_t hours_len, char *days,
                    size_t days_len, char *zone, size_t zone_len, char *end, size_t end_len);

#endif
