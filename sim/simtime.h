/* Time text for dialtop-sim: IANA zone checks, local <-> epoch conversion,
 * and the three providers' timestamp formats. All functions are
 * thread-safe (tz.c converts without touching TZ). */
#ifndef DIALTOP_SIM_SIMTIME_H
#define DIALTOP_SIM_SIMTIME_H

#include <stdbool.h>
#include <stdint.h>

/* A known IANA zone (tz_name_valid): a plain relative name whose file
 * under the zoneinfo directory is a TZif file ("UTC", "Asia/Kolkata"). */
bool simtime_tz_valid(const char *name);

/* Strict "YYYY-MM-DD HH:MM:SS" (a real calendar date) read as wall time in
 * zone tz. false when the text or the zone is bad. */
bool simtime_local_parse(const char *text, const char *tz, int64_t *out);
/* Epoch -> "YYYY-MM-DD HH:MM:SS" wall time in zone tz (20 bytes). */
bool simtime_local_format(int64_t t, const char *tz, char out[20]);

/* Epoch -> ISO weekday (1 = Monday .. 7 = Sunday) and seconds since local
 * midnight in zone tz. */
bool simtime_local_parts(int64_t t, const char *tz, int *wday, int *sec_of_day);

/* ISO 8601 "YYYY-MM-DDTHH:MM:SS[.frac][Z|+HH:MM|-HH:MM]"; without an
 * offset the wall time is read in tz (UTC when tz is NULL). */
bool simtime_iso_parse(const char *text, const char *tz, int64_t *out);
void simtime_iso_format(int64_t t, char out[24]);       /* "...Z" UTC */
void simtime_omni_format(int64_t t, char out[20]);      /* "MM/DD/YYYY HH:MM:SS" UTC */

/* "HH:MM" with 00..23 and 00..59. */
bool simtime_hhmm_valid(const char *text);

#endif
