/* Unit tests for api/schedule: parsing, calendar checks, zone validation,
 * conversions across DST gaps and overlaps, past times, the local preview
 * and zone completion. Uses the system zoneinfo; expected instants were
 * worked out by hand from the published offsets (EST -5, EDT -4, CET +1,
 * CEST +2, IST +5:30). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "schedule.h"

/* 2026-11-23 09:00:00 UTC: a fixed "now" so past/future never drifts. */
static const time_t NOW = 1795424400;

static void wall_is(const schedule_wall_t *w, int y, int mo, int d, int h, int mi, int s)
{
    assert_int_equal(w->year, y);
    assert_int_equal(w->month, mo);
    assert_int_equal(w->day, d);
    assert_int_equal(w->hour, h);
    assert_int_equal(w->minute, mi);
    assert_int_equal(w->second, s);
}

static void test_parse_shapes(void **state)
{
    (void)state;
    schedule_wall_t w;
    char why[SCHEDULE_REASON_MAX];
    assert_true(schedule_parse_wall("2026-12-25 10:00", &w, why, sizeof why));
    wall_is(&w, 2026, 12, 25, 10, 0, 0);
    assert_true(schedule_parse_wall("  2026-12-25 10:00:59 ", &w, why, sizeof why));
    wall_is(&w, 2026, 12, 25, 10, 0, 59);
    assert_true(schedule_parse_wall("2026-12-25T07:05", &w, why, sizeof why));
    wall_is(&w, 2026, 12, 25, 7, 5, 0);

    const char *bad[] = {"", "2026-12-25", "2026-12-25 10", "2026-12-25 10:0",
                         "26-12-25 10:00", "2026/12/25 10:00", "2026-12-25 10:00 x",
                         "2026-12-25 10:00:", "tomorrow"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        why[0] = '\0';
        assert_false(schedule_parse_wall(bad[i], &w, why, sizeof why));
        assert_string_equal(why, "date and time must look like YYYY-MM-DD HH:MM");
    }
    assert_false(schedule_parse_wall(NULL, &w, why, sizeof why));
}

static void test_parse_calendar(void **state)
{
    (void)state;
    schedule_wall_t w;
    char why[SCHEDULE_REASON_MAX];
    assert_false(schedule_parse_wall("2026-02-29 10:00", &w, why, sizeof why));
    assert_string_equal(why, "2026-02-29 is not a calendar date");
    assert_true(schedule_parse_wall("2028-02-29 10:00", &w, why, sizeof why));
    assert_false(schedule_parse_wall("2100-02-29 10:00", &w, why, sizeof why));
    assert_true(schedule_parse_wall("2000-02-29 10:00", &w, why, sizeof why));
    assert_false(schedule_parse_wall("2026-04-31 10:00", &w, why, sizeof why));
    assert_false(schedule_parse_wall("2026-13-01 10:00", &w, why, sizeof why));
    assert_string_equal(why, "month 13 does not exist");
    assert_false(schedule_parse_wall("2026-00-10 10:00", &w, why, sizeof why));
    assert_false(schedule_parse_wall("2026-12-00 10:00", &w, why, sizeof why));
    assert_false(schedule_parse_wall("2026-12-25 24:00", &w, why, sizeof why));
    assert_string_equal(why, "24:00:00 is not a time of day");
    assert_false(schedule_parse_wall("2026-12-25 10:60", &w, why, sizeof why));
    assert_false(schedule_parse_wall("2026-12-25 10:00:60", &w, why, sizeof why));
    assert_false(schedule_parse_wall("1969-12-31 23:00", &w, why, sizeof why));
    assert_string_equal(why, "year 1969 is out of range");
}

static void test_format_wall(void **state)
{
    (void)state;
    schedule_wall_t w = {2026, 3, 8, 3, 30, 0};
    char out[SCHEDULE_WHEN_MAX];
    schedule_format_wall(&w, out, sizeof out);
    assert_string_equal(out, "2026-03-08 03:30:00");
}

static void test_zone_valid(void **state)
{
    (void)state;
    char why[SCHEDULE_REASON_MAX];
    assert_true(schedule_zone_valid("America/New_York", why, sizeof why));
    assert_true(schedule_zone_valid("Asia/Kolkata", why, sizeof why));
    assert_true(schedule_zone_valid("UTC", why, sizeof why));
    assert_false(schedule_zone_valid("Mars/Olympus_Mons", why, sizeof why));
    assert_non_null(strstr(why, "unknown timezone \"Mars/Olympus_Mons\""));
    assert_false(schedule_zone_valid("", why, sizeof why));
    assert_string_equal(why, "timezone is empty");
    assert_false(schedule_zone_valid(NULL, why, sizeof why));
    assert_false(schedule_zone_valid("/etc/passwd", why, sizeof why));
    assert_non_null(strstr(why, "not a path"));
    assert_false(schedule_zone_valid("../../../etc/passwd", why, sizeof why));
    assert_non_null(strstr(why, "dot component"));
    assert_false(schedule_zone_valid("America/../America/New_York", why, sizeof why));
    assert_false(schedule_zone_valid("America//New_York", why, sizeof why));
    assert_false(schedule_zone_valid("America", why, sizeof why)); /* a directory */
    assert_false(schedule_zone_valid("zone.tab", why, sizeof why)); /* not TZif */
    assert_false(schedule_zone_valid("America/New York", why, sizeof why));
}

static time_t resolve_ok(const char *when, const char *zone, bool *ambiguous)
{
    schedule_wall_t w;
    char why[SCHEDULE_REASON_MAX] = "";
    assert_true(schedule_parse_wall(when, &w, why, sizeof why));
    time_t t = 0;
    bool ok = schedule_wall_to_epoch(&w, zone, &t, ambiguous, why, sizeof why);
    if (!ok)
        fail_msg("%s %s: %s", when, zone, why);
    return t;
}

static void test_convert_plain(void **state)
{
    (void)state;
    bool amb = true;
    /* 2026-12-25 10:00 EST = 15:00Z */
    assert_int_equal(resolve_ok("2026-12-25 10:00", "America/New_York", &amb), 1798210800);
    assert_false(amb);
    /* 2026-07-04 10:00 EDT = 14:00Z */
    assert_int_equal(resolve_ok("2026-07-04 10:00", "America/New_York", &amb), 1783173600);
    /* Kolkata has a half-hour offset: 10:00 IST = 04:30Z */
    assert_int_equal(resolve_ok("2026-12-25 10:00", "Asia/Kolkata", &amb), 1798173000);
    assert_int_equal(resolve_ok("2026-12-25 10:00", "UTC", &amb), 1798192800);

    schedule_wall_t back;
    char abbrev[16];
    assert_true(schedule_epoch_to_wall(1798210800, "America/New_York", &back, abbrev,
                                       sizeof abbrev));
    wall_is(&back, 2026, 12, 25, 10, 0, 0);
    assert_string_equal(abbrev, "EST");
    assert_true(schedule_epoch_to_wall(1783173600, "Europe/Paris", &back, abbrev,
                                       sizeof abbrev));
    wall_is(&back, 2026, 7, 4, 16, 0, 0);
    assert_string_equal(abbrev, "CEST");
}

static void test_dst_gap_refused(void **state)
{
    (void)state;
    schedule_wall_t w;
    char why[SCHEDULE_REASON_MAX];
    time_t t = 0;
    assert_true(schedule_parse_wall("2026-03-08 02:30", &w, why, sizeof why));
    assert_false(schedule_wall_to_epoch(&w, "America/New_York", &t, NULL, why, sizeof why));
    assert_string_equal(why, "2026-03-08 02:30 does not exist in America/New_York: the "
                             "clocks jump over it (the next valid time is 03:30)");
    /* Europe springs forward at 02:00 local on the last Sunday of March. */
    assert_true(schedule_parse_wall("2026-03-29 02:15", &w, why, sizeof why));
    assert_false(schedule_wall_to_epoch(&w, "Europe/Paris", &t, NULL, why, sizeof why));
    assert_non_null(strstr(why, "next valid time is 03:15"));
    /* Either edge of the gap exists. */
    bool amb;
    assert_int_equal(resolve_ok("2026-03-08 01:59", "America/New_York", &amb),
                     1772953140); /* 06:59Z */
    assert_int_equal(resolve_ok("2026-03-08 03:00", "America/New_York", &amb),
                     1772953200); /* 07:00Z */
}

static void test_dst_overlap_earlier(void **state)
{
    (void)state;
    bool amb = false;
    /* 2026-11-01 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST). */
    assert_int_equal(resolve_ok("2026-11-01 01:30", "America/New_York", &amb), 1793511000);
    assert_true(amb);
    assert_int_equal(resolve_ok("2026-11-01 02:30", "America/New_York", &amb), 1793518200);
    assert_false(amb);
}

static void test_resolve_and_past(void **state)
{
    (void)state;
    schedule_t s;
    char why[SCHEDULE_REASON_MAX];
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
    assert_true(schedule_resolve("2026-12-25 10:00", "America/New_York", NOW, &s, why,
                                 sizeof why));
    assert_string_equal(s.when, "2026-12-25 10:00:00");
    assert_string_equal(s.zone, "America/New_York");
    assert_int_equal(s.epoch, 1798210800);
    assert_string_equal(s.preview, "= Fri 25 Dec 16:00 CET, local");
    /* The operator's TZ is left as it was. */
    assert_string_equal(getenv("TZ"), "Europe/Berlin");

    assert_true(schedule_resolve("2027-01-02 08:00", "UTC", NOW, &s, why, sizeof why));
    assert_string_equal(s.preview, "= Sat 02 Jan 2027 09:00 CET, local");

    assert_false(schedule_resolve("2026-11-23 03:00", "America/New_York", NOW, &s, why,
                                  sizeof why)); /* 08:00Z, an hour before NOW */
    assert_string_equal(why, "2026-11-23 03:00 America/New_York is in the past (60 min ago)");
    assert_false(schedule_resolve("2026-11-23 09:00", "UTC", NOW, &s, why, sizeof why));
    assert_non_null(strstr(why, "in the past"));
    assert_false(schedule_resolve("2026-12-25 10:00", "Nowhere/City", NOW, &s, why,
                                  sizeof why));
    assert_non_null(strstr(why, "unknown timezone"));
    assert_false(schedule_resolve("2026-03-08 02:30", "America/New_York", 0, &s, why,
                                  sizeof why));
    assert_non_null(strstr(why, "does not exist"));

    unsetenv("TZ");
    tzset();
    assert_true(schedule_resolve("2026-12-25 10:00", "America/New_York", NOW, &s, why,
                                 sizeof why));
    assert_null(getenv("TZ"));
}

static void test_local_zone(void **state)
{
    (void)state;
    char z[SCHEDULE_ZONE_MAX];
    setenv("TZ", "Asia/Tokyo", 1);
    schedule_local_zone(z, sizeof z);
    assert_string_equal(z, "Asia/Tokyo");
    setenv("TZ", ":Europe/Paris", 1);
    schedule_local_zone(z, sizeof z);
    assert_string_equal(z, "Europe/Paris");
    setenv("TZ", "Bogus/Zone", 1);
    schedule_local_zone(z, sizeof z);
    assert_true(schedule_zone_valid(z, NULL, 0));
    unsetenv("TZ");
    tzset();
}

static void test_zones_complete(void **state)
{
    (void)state;
    schedule_zones_t *z = schedule_zones_load(NULL);
    assert_non_null(z);
    assert_true(schedule_zones_count(z) > 300);
    size_t first, n;
    bool found_ny = false;
    n = schedule_zones_match(z, "America/New_", &first);
    assert_true(n >= 1);
    for (size_t i = first; i < first + n; i++) {
        const char *name = schedule_zones_name(z, i);
        assert_int_equal(strncmp(name, "America/New_", 12), 0);
        found_ny = found_ny || strcmp(name, "America/New_York") == 0;
    }
    assert_true(found_ny);
    /* Case-insensitive, and nothing from posix/ or right/ or non-zones. */
    n = schedule_zones_match(z, "america/new_y", &first);
    assert_int_equal(n, 1);
    assert_string_equal(schedule_zones_name(z, first), "America/New_York");
    assert_int_equal(schedule_zones_match(z, "posix/", &first), 0);
    assert_int_equal(schedule_zones_match(z, "right/", &first), 0);
    assert_int_equal(schedule_zones_match(z, "zone.tab", &first), 0);
    assert_int_equal(schedule_zones_match(z, "Xyzzy", &first), 0);
    /* Every name listed is valid. */
    for (size_t i = 0; i < schedule_zones_count(z); i++)
        assert_true(schedule_zone_valid(schedule_zones_name(z, i), NULL, 0));

    char out[SCHEDULE_ZONE_MAX];
    assert_true(schedule_zones_complete(z, "europe/par", out, sizeof out));
    assert_string_equal(out, "Europe/Paris");
    assert_true(schedule_zones_complete(z, "America/Argentina/B", out, sizeof out));
    assert_string_equal(out, "America/Argentina/Buenos_Aires");
    assert_true(schedule_zones_complete(z, "America/Ind", out, sizeof out));
    assert_string_equal(out, "America/Indiana"); /* Indiana/... and Indianapolis */
    assert_false(schedule_zones_complete(z, "Xyzzy", out, sizeof out));

    /* Tab in a form: extended in place, the message says what is left */
    char zone[SCHEDULE_ZONE_MAX] = "europe/par";
    char msg[128] = "stale";
    assert_true(schedule_zones_tab(z, zone, sizeof zone, msg, sizeof msg));
    assert_string_equal(zone, "Europe/Paris");
    assert_string_equal(msg, "");
    snprintf(zone, sizeof zone, "America/Ind");
    assert_true(schedule_zones_tab(z, zone, sizeof zone, msg, sizeof msg));
    assert_string_equal(zone, "America/Indiana");
    assert_non_null(strstr(msg, " zones match: America/Indiana"));
    snprintf(zone, sizeof zone, "Xyzzy");
    assert_false(schedule_zones_tab(z, zone, sizeof zone, msg, sizeof msg));
    assert_string_equal(zone, "Xyzzy");
    assert_string_equal(msg, "no zone starts with \"Xyzzy\"");
    schedule_zones_free(z);
}

/* A private zoneinfo tree: posix/ and right/ skipped, non-TZif skipped. */
static void test_zones_private_tree(void **state)
{
    (void)state;
    const char *tmp = getenv("DIALTOP_TEST_TMP");
    char root[512];
    snprintf(root, sizeof root, "%s/zi-%ld", tmp ? tmp : "/tmp", (long)getpid());
    char p[600];
    mkdir(root, 0700);
    snprintf(p, sizeof p, "%s/Area", root);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/posix", root);
    mkdir(p, 0700);
    const char *files[][2] = {{"Area/One", "TZif2..."}, {"Area/Two", "TZif3..."},
                              {"Area/notes.txt", "hello"}, {"posix/Three", "TZif2"},
                              {"Solo", "TZif"}};
    for (size_t i = 0; i < 5; i++) {
        snprintf(p, sizeof p, "%s/%s", root, files[i][0]);
        FILE *f = fopen(p, "w");
        assert_non_null(f);
        fputs(files[i][1], f);
        fclose(f);
    }
    schedule_zones_t *z = schedule_zones_load(root);
    assert_int_equal(schedule_zones_count(z), 3);
    assert_string_equal(schedule_zones_name(z, 0), "Area/One");
    assert_string_equal(schedule_zones_name(z, 1), "Area/Two");
    assert_string_equal(schedule_zones_name(z, 2), "Solo");
    assert_null(schedule_zones_name(z, 3));
    schedule_zones_free(z);

    z = schedule_zones_load("/nonexistent/zoneinfo");
    assert_non_null(z);
    assert_int_equal(schedule_zones_count(z), 0);
    schedule_zones_free(z);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_shapes),       cmocka_unit_test(test_parse_calendar),
        cmocka_unit_test(test_format_wall),        cmocka_unit_test(test_zone_valid),
        cmocka_unit_test(test_convert_plain),      cmocka_unit_test(test_dst_gap_refused),
        cmocka_unit_test(test_dst_overlap_earlier), cmocka_unit_test(test_resolve_and_past),
        cmocka_unit_test(test_local_zone),         cmocka_unit_test(test_zones_complete),
        cmocka_unit_test(test_zones_private_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
