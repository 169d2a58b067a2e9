/* Tolerant JSON getters shared by the provider drivers.
 *
 * Real providers send a string field as `false` or `null`, ids as numbers
 * or strings, counts as strings, and dates in three spellings. These
 * getters absorb all of that in one place so each driver reads a record
 * the same forgiving way. A getter never fails loudly: "absent" is its
 * answer to anything it cannot read, and the driver decides whether that
 * field was required. */
#ifndef DIALTOP_JSONGET_H
#define DIALTOP_JSONGET_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <cjson/cJSON.h>

/* Member `key` of `obj`, or NULL when obj is not an object or has none. */
const cJSON *jget(const cJSON *obj, const char *key);
/* Member `key` only if it is an object / an array. */
const cJSON *jget_object(const cJSON *obj, const char *key);
const cJSON *jget_array(const cJSON *obj, const char *key);

/* Copy of a text field: a string as is, a number as its decimal text,
 * `true` as "true"; NULL for false, null, objects, arrays, absent and "". */
char *jget_str(const cJSON *obj, const char *key);
/* Same into a buffer (truncated); false and "" when absent. */
bool jget_str_buf(const cJSON *obj, const char *key, char *buf, size_t len);

/* An id: string or integral number, as text. NULL when neither. */
char *jget_id(const cJSON *obj, const char *key);

/* --- provider numbers: the one clamp ------------------------------------
 * Every number a provider sends goes through jnum_whole(): NaN, infinity
 * (cJSON reads 1e400 as inf), fractions and values outside [lo, hi] are
 * "not usable", never cast (a cast of 1e400 to long is undefined, and
 * 9e18 + 9e18 overflows). Counts are bounded far below LONG_MAX so that
 * summing every count of a campaign cannot overflow either. */
#define JNUM_LONG_MAX 9000000000000000L  /* 9e15: exact in a double */
#define JNUM_COUNT_MAX 1000000000000L    /* 1e12 contacts: no real campaign is near it */

/* A whole number in [lo, hi] from a JSON number or a numeric string. */
bool jnum_whole(const cJSON *v, long lo, long hi, long *out);
/* The same from text ("  42 "); also tells whether it was only too large
 * (*over, may be NULL): a Retry-After of 99999999999999999999 is "long". */
bool jnum_text(const char *s, long lo, long hi, long *out, bool *over);
/* a + b for two counts, saturating at JNUM_COUNT_MAX. */
long jnum_add_count(long a, long b);

/* A whole number from a number or a numeric string within +-JNUM_LONG_MAX;
 * `dflt` otherwise (also for fractions, negatives are kept). */
long jget_long(const cJSON *obj, const char *key, long dflt);
/* A count: a whole number in [0, JNUM_COUNT_MAX]; `dflt` otherwise. */
long jget_count(const cJSON *obj, const char *key, long dflt);
/* true/false, 1/0, "true"/"false"; `dflt` otherwise. */
bool jget_bool(const cJSON *obj, const char *key, bool dflt);

/* Parses the date spellings providers send, to seconds since the epoch:
 *   ISO 8601  "2026-04-05T11:00:00Z", fractions, "+05:30" offsets
 *   SQL-like  "2026-12-25 10:00:00"
 *   OmniDim   "12/25/2026 10:00:00"
 * Times without an offset are taken as UTC. 0 when unreadable. */
time_t jtime_parse(const char *s);
time_t jget_time(const cJSON *obj, const char *key);

/* Compact text of a JSON value (for raw_json). NULL on OOM. */
char *jprint(const cJSON *v);

#endif
