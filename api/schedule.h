/* Schedules: a wall-clock date and time in a named IANA timezone.
 *
 * Used by the reschedule form (validation, preview, zone completion) and
 * by `dialtop reschedule`. Providers take the wall-clock text plus the
 * zone name; the UTC instant is computed here only to refuse past or
 * non-existent times and to preview the instant in the operator's zone.
 *
 * Conversions go through tz.c, which reads the zone files itself: the
 * process's TZ is never switched, so they are safe beside libcurl's
 * resolver thread and from any thread.
 *
 * Zone files are looked up under $TZDIR when set (as the C library does),
 * else /usr/share/zoneinfo. */
#ifndef DIALTOP_SCHEDULE_H
#define DIALTOP_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "must_use.h"

#define SCHEDULE_ZONE_MAX 128
#define SCHEDULE_WHEN_MAX 20      /* "YYYY-MM-DD HH:MM:SS" + NUL */
#define SCHEDULE_PREVIEW_MAX 96
#define SCHEDULE_REASON_MAX 256

typedef struct {
    int year, month, day;         /* month 1-12, day 1-31 */
    int hour, minute, second;
} schedule_wall_t;

/* "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" (a 'T' may stand for the
 * space; surrounding blanks ignored). Refuses impossible calendar dates
 * such as 2026-02-29 and years outside 1970-9999, with a reason. */
MUST_USE bool schedule_parse_wall(const char *text, schedule_wall_t *out, char *reason,
                         size_t reason_len);

/* "YYYY-MM-DD HH:MM:SS", the spelling api_reschedule_t.when expects. */
void schedule_format_wall(const schedule_wall_t *w, char *out, size_t out_len);

/* tz_name_valid(): a zone file under the zoneinfo directory. Refuses empty
 * names, absolute paths, ".." components and odd characters before
 * touching the file system. */
bool schedule_zone_valid(const char *name, char *reason, size_t reason_len);

/* The operator's own zone name, for prefilling the form: $TZ when it
 * names a valid zone, else the target of /etc/localtime, else "UTC". */
void schedule_local_zone(char *out, size_t out_len);

/* Wall-clock time in `zone` to a UTC instant. Refuses a time that falls in
 * a DST gap (naming the first valid time after it). A time that occurs
 * twice (DST overlap) gives the earlier instant and sets *ambiguous (may
 * be NULL). `zone` must be valid (schedule_zone_valid). */
MUST_USE bool schedule_wall_to_epoch(const schedule_wall_t *w, const char *zone, time_t *out,
                            bool *ambiguous, char *reason, size_t reason_len);

/* UTC instant to wall-clock time in `zone`; `abbrev` (may be NULL) gets the
 * zone abbreviation in force ("EST"). */
bool schedule_epoch_to_wall(time_t t, const char *zone, schedule_wall_t *out, char *abbrev,
                            size_t abbrev_len);

/* Everything the form and the CLI need, in one call. */
typedef struct {
    schedule_wall_t wall;
    char zone[SCHEDULE_ZONE_MAX];
    char when[SCHEDULE_WHEN_MAX];         /* "YYYY-MM-DD HH:MM:SS" in `zone` */
    time_t epoch;
    bool ambiguous;                       /* occurs twice; earlier one taken */
    char preview[SCHEDULE_PREVIEW_MAX];
} schedule_t;

/* Parses `when`, checks `zone`, converts, and refuses a time not after
 * `now`. On failure `reason` holds one sentence for the operator. */
MUST_USE bool schedule_resolve(const char *when, const char *zone, time_t now, schedule_t *out,
                      char *reason, size_t reason_len);

/* --- zone name completion --------------------------------------------- */

typedef struct schedule_zones schedule_zones_t;

/* Walks the zoneinfo directory once (skipping posix/, right/ and files
 * that are not TZif). NULL only when out of memory; a missing directory
 * gives an empty list. `dir` NULL = the default directory. */
schedule_zones_t *schedule_zones_load(const char *dir);
void schedule_zones_free(schedule_zones_t *z);
size_t schedule_zones_count(const schedule_zones_t *z);
const char *schedule_zones_name(const schedule_zones_t *z, size_t i);

/* Names starting with `prefix` (case-insensitive) are the `count` names
 * from index *first on, in case-insensitive order. */
size_t schedule_zones_match(const schedule_zones_t *z, const char *prefix, size_t *first);

/* What Tab fills in: the longest prefix common to every match (in the
 * matches' own spelling). Returns false when nothing matches. */
bool schedule_zones_complete(const schedule_zones_t *z, const char *prefix, char *out,
                             size_t out_len);

/* Tab on a zone field, as the forms do it: `zone` (capacity `cap`)
 * extended in place by schedule_zones_complete; `msg` then names the first
 * matches when several remain ("412 zones match: America/Adak, ..."), is
 * "" when one is left, or says that nothing starts with it (false). */
bool schedule_zones_tab(const schedule_zones_t *z, char *zone, size_t cap, char *msg,
                        size_t msg_len);

#endif
