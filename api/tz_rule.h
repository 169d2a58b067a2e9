/* Internal to tz.c and tz_rule.c: the proleptic Gregorian calendar and the
 * POSIX TZ rule that a TZif file's footer gives for instants past its last
 * transition (RFC 8536 section 3.3). Not part of the public tz.h. */
#ifndef DIALTOP_TZ_RULE_H
#define DIALTOP_TZ_RULE_H

#include <stdbool.h>
#include <stdint.h>

#define TZ_ABBR_MAX 16

/* Days since 1970-01-01 of a date (month 1-12), and back; exact for every
 * int year. */
int64_t tz_days_from_civil(int64_t y, int m, int d);
void tz_civil_from_days(int64_t days, int64_t *y, int *m, int *d);
int64_t tz_floor_div(int64_t a, int64_t b);

typedef enum { DATE_JULIAN_NOLEAP, DATE_ZERO_BASED, DATE_MONTH_WEEK_DAY } date_kind_t;

typedef struct {
    date_kind_t kind;
    int n;                 /* J n (1-365) or n (0-365) */
    int month, week, wday; /* M m.w.d */
    long time;             /* seconds after local midnight; may be negative or > 24h */
} rule_date_t;

typedef struct {
    char std_abbr[TZ_ABBR_MAX];
    long std_off;          /* seconds east of UTC */
    bool has_dst;
    char dst_abbr[TZ_ABBR_MAX];
    long dst_off;
    rule_date_t start, end;
} tz_rule_t;

/* "std offset [dst [offset] [,start[/time],end[/time]]]"; false when the
 * text is not such a rule. */
bool tz_rule_parse(const char *text, tz_rule_t *r);
/* Whether daylight time is in force at UTC instant t under the rule. */
bool tz_rule_is_dst(const tz_rule_t *r, int64_t t);

#endif
