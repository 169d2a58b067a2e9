/* Time zones without touching the process's TZ.
 *
 * Reads the system's TZif files (RFC 8536: version 1 data, the 64-bit
 * version 2+ data, and the footer's POSIX TZ rule for instants past the
 * last transition) and converts both ways. WHY not setenv("TZ") + tzset +
 * localtime: TZ is process-global, libcurl's resolver thread and the sim's
 * request threads may read the environment while it is switched, and a
 * conversion done that way cannot be called from two threads at once.
 *
 * Zones are loaded once and kept for the life of the process (there are
 * about 600); every function here is thread-safe. Zone files are looked
 * up under $TZDIR when set (as the C library does), else
 * /usr/share/zoneinfo. */
#ifndef DIALTOP_TZ_H
#define DIALTOP_TZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define TZ_NAME_MAX 128

typedef struct tz_zone tz_zone_t;

/* The zoneinfo directory: $TZDIR when set and not empty, else the default. */
const char *tz_dir(void);

/* The one zone-name validator: a relative name made of the characters
 * zone names use, with no empty or dot component, whose file under
 * tz_dir() is a TZif file. `reason` (may be NULL) gets one sentence. */
bool tz_name_valid(const char *name, char *reason, size_t reason_len);

/* True when `path` is a regular file starting with "TZif" (the zone
 * completion walks paths, not names). */
bool tz_path_is_tzif(const char *path);

/* The zone `name`, loaded on first use and cached; NULL with a reason when
 * the name is invalid or the file cannot be read as TZif. The pointer
 * stays valid until the process ends. */
const tz_zone_t *tz_zone(const char *name, char *reason, size_t reason_len);


/* UTC instant -> local broken-down time in `z`, like localtime_r: every
 * field, tm_isdst, tm_gmtoff and tm_zone (pointing at storage that lives
 * as long as the zone). False only for an instant whose year does not fit
 * an int. */
bool tz_localtime(const tz_zone_t *z, int64_t t, struct tm *out);

/* Seconds east of UTC in force at `t`. */
long tz_offset_at(const tz_zone_t *z, int64_t t);

/* Local wall-clock time in `z` (tm_year, tm_mon, tm_mday, tm_hour, tm_min,
 * tm_sec; other fields ignored) -> the UTC instants that show it: 0 when
 * it falls in a gap (*after_gap, may be NULL, gets the first instant after
 * the jump), 1 usually, 2 in an overlap (found[0] < found[1]). */
int tz_local_to_utc(const tz_zone_t *z, const struct tm *wall, int64_t found[2],
                    int64_t *after_gap);

/* Wall time as if it were UTC: the civil-calendar count of seconds, for
 * any year (no time_t or timegm limits). */
int64_t tz_civil_seconds(int year, int month, int day, int hour, int minute, int second);

#endif
