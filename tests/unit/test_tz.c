/* tz: our TZif reader against the C library, for every zone on the system.
 *
 * The oracle is glibc's own localtime_r under TZ=zone, run in a child
 * process per zone (switching TZ is exactly what tz.c exists to avoid, so
 * the switching happens where nothing else runs). Each child samples
 * 1970-2100 every few days, finds every offset change glibc shows between
 * two samples, pins it to the second by bisection and compares both sides
 * of it, and checks that local -> UTC gives the instant back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "schedule.h"
#include "tz.h"

static const tz_zone_t *zone_or_fail(const char *name)
{
    char why[256] = "";
    const tz_zone_t *z = tz_zone(name, why, sizeof why);
    if (!z)
        fail_msg("tz_zone(%s): %s", name, why);
    return z;
}

/* --- in the child: one zone against glibc ---------------------------------- */

static int mismatch(const char *zone, int64_t t, const char *what, long ours, long libc)
{
    fprintf(stderr, "%s at %lld: %s ours %ld, glibc %ld\n", zone, (long long)t, what, ours,
            libc);
    return 1;
}

static int compare_at(const char *zone, const tz_zone_t *z, int64_t t)
{
    time_t tt = (time_t)t;
    struct tm libc, ours;
    if (!localtime_r(&tt, &libc))
        return 0;
    if (!tz_localtime(z, t, &ours))
        return mismatch(zone, t, "conversion failed", 0, 0);
    if (ours.tm_gmtoff != libc.tm_gmtoff)
        return mismatch(zone, t, "offset", ours.tm_gmtoff, libc.tm_gmtoff);
    if ((ours.tm_isdst > 0) != (libc.tm_isdst > 0))
        return mismatch(zone, t, "isdst", ours.tm_isdst, libc.tm_isdst);
    if (ours.tm_year != libc.tm_year || ours.tm_mon != libc.tm_mon ||
        ours.tm_mday != libc.tm_mday || ours.tm_hour != libc.tm_hour ||
        ours.tm_min != libc.tm_min || ours.tm_sec != libc.tm_sec ||
        ours.tm_wday != libc.tm_wday || ours.tm_yday != libc.tm_yday)
        return mismatch(zone, t, "wall clock (hour)", ours.tm_hour, libc.tm_hour);
    if (strcmp(ours.tm_zone, libc.tm_zone) != 0) {
        fprintf(stderr, "%s at %lld: abbreviation ours %s, glibc %s\n", zone, (long long)t,
                ours.tm_zone, libc.tm_zone);
        return 1;
    }
    /* and back: the wall clock must map to this very instant */
    int64_t found[2] = {0, 0};
    int n = tz_local_to_utc(z, &ours, found, NULL);
    if (n < 1 || (found[0] != t && (n < 2 || found[1] != t)))
        return mismatch(zone, t, "local->utc round trip (count)", n, 1);
    return 0;
}

static long libc_offset(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    return localtime_r(&tt, &tm) ? tm.tm_gmtoff : 0;
}

static int check_zone_in_child(const char *zone)
{
    setenv("TZ", zone, 1);
    tzset();
    const tz_zone_t *z = tz_zone(zone, NULL, 0);
    if (!z) {
        fprintf(stderr, "%s: not loaded\n", zone);
        return 1;
    }
    const int64_t from = 0;                        /* 1970-01-01 */
    const int64_t to = 4102444800LL;               /* 2100-01-01 */
    const int64_t step = 5 * 86400 + 3607;         /* odd: lands on every hour over time */
    int bad = 0;
    int64_t prev = from;
    long prev_off = libc_offset(from);
    for (int64_t t = from; t < to && bad < 5; t += step) {
        bad += compare_at(zone, z, t);
        long off = libc_offset(t);
        if (off != prev_off) {
            /* a transition in (prev, t]: pin it to the second */
            int64_t lo = prev, hi = t;
            while (hi - lo > 1) {
                int64_t mid = lo + (hi - lo) / 2;
                if (libc_offset(mid) == prev_off)
                    lo = mid;
                else
                    hi = mid;
            }
            bad += compare_at(zone, z, hi - 1);
            bad += compare_at(zone, z, hi);
            bad += compare_at(zone, z, hi + 1);
        }
        prev = t;
        prev_off = off;
    }
    return bad ? 1 : 0;
}

static void every_zone_agrees_with_glibc(void **state)
{
    (void)state;
    schedule_zones_t *zones = schedule_zones_load(NULL);
    assert_non_null(zones);
    size_t n = schedule_zones_count(zones);
    /* Debian's tzdata has about 600 zone names; fewer means the walk broke */
    assert_true(n > 300);
    size_t failed = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = schedule_zones_name(zones, i);
        fflush(stderr);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0)
            _exit(check_zone_in_child(name));
        int status = 0;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            failed++;
    }
    schedule_zones_free(zones);
    if (failed)
        fail_msg("%zu of %zu zones disagree with glibc (details above)", failed, n);
}

/* --- directly ----------------------------------------------------------------- */

static void past_the_table_the_footer_rule_applies(void **state)
{
    (void)state;
    const tz_zone_t *ny = zone_or_fail("America/New_York");
    struct tm tm;
    /* 2090-07-01 12:00 UTC: EDT by the footer rule, whatever the table holds */
    int64_t t = tz_civil_seconds(2090, 7, 1, 12, 0, 0);
    assert_true(tz_localtime(ny, t, &tm));
    assert_int_equal(tm.tm_gmtoff, -4 * 3600);
    assert_int_equal(tm.tm_isdst, 1);
    assert_string_equal(tm.tm_zone, "EDT");
    assert_int_equal(tm.tm_hour, 8);
    t = tz_civil_seconds(2090, 1, 15, 12, 0, 0);
    assert_true(tz_localtime(ny, t, &tm));
    assert_string_equal(tm.tm_zone, "EST");
    assert_int_equal(tm.tm_gmtoff, -5 * 3600);
}

static void gaps_and_overlaps_are_found(void **state)
{
    (void)state;
    const tz_zone_t *ny = zone_or_fail("America/New_York");
    struct tm w = {0};
    int64_t found[2], after = 0;
    /* 2026-03-08 02:30 does not exist in New York: 02:00 jumps to 03:00 */
    w.tm_year = 126, w.tm_mon = 2, w.tm_mday = 8, w.tm_hour = 2, w.tm_min = 30;
    assert_int_equal(tz_local_to_utc(ny, &w, found, &after), 0);
    struct tm back;
    assert_true(tz_localtime(ny, after, &back));
    assert_int_equal(back.tm_hour, 3);
    assert_int_equal(back.tm_min, 30);
    /* 2026-11-01 01:30 happens twice, an hour apart */
    w.tm_mon = 10, w.tm_mday = 1, w.tm_hour = 1;
    assert_int_equal(tz_local_to_utc(ny, &w, found, NULL), 2);
    assert_int_equal(found[1] - found[0], 3600);
    /* an ordinary time, once */
    w.tm_hour = 12, w.tm_min = 0;
    assert_int_equal(tz_local_to_utc(ny, &w, found, NULL), 1);
    assert_int_equal(found[0], tz_civil_seconds(2026, 11, 1, 17, 0, 0));
}

static void the_environment_is_never_touched(void **state)
{
    (void)state;
    setenv("TZ", "Asia/Tokyo", 1);
    const tz_zone_t *paris = zone_or_fail("Europe/Paris");
    struct tm tm;
    assert_true(tz_localtime(paris, tz_civil_seconds(2026, 12, 25, 9, 0, 0), &tm));
    assert_int_equal(tm.tm_hour, 10);
    assert_string_equal(getenv("TZ"), "Asia/Tokyo");
    unsetenv("TZ");
}

static void names_are_vetted_before_the_file_system(void **state)
{
    (void)state;
    char why[256];
    assert_true(tz_name_valid("Europe/Paris", why, sizeof why));
    assert_true(tz_name_valid("UTC", why, sizeof why));
    assert_false(tz_name_valid("", why, sizeof why));
    assert_false(tz_name_valid("/etc/passwd", why, sizeof why));
    assert_non_null(strstr(why, "not a path"));
    assert_false(tz_name_valid("../../etc/passwd", why, sizeof why));
    assert_false(tz_name_valid("Europe/Nowhere", why, sizeof why));
    assert_non_null(strstr(why, "unknown timezone"));
    assert_false(tz_name_valid("Europe/Paris;rm", why, sizeof why));
    assert_null(tz_zone("Mars/Olympus", why, sizeof why));
    /* a directory is not a zone */
    assert_false(tz_name_valid("Europe", why, sizeof why));
}

static void tzdir_is_honoured(void **state)
{
    (void)state;
    char dir[] = "/tmp/dialtop-tzdir.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cp /usr/share/zoneinfo/Asia/Kolkata %s/Test_Zone", dir);
    assert_int_equal(system(cmd), 0);
    setenv("TZDIR", dir, 1);
    assert_true(tz_name_valid("Test_Zone", NULL, 0));
    assert_false(tz_name_valid("Europe/Paris", NULL, 0));
    const tz_zone_t *z = tz_zone("Test_Zone", NULL, 0);
    assert_non_null(z);
    assert_int_equal(tz_offset_at(z, tz_civil_seconds(2026, 6, 1, 0, 0, 0)), 5 * 3600 + 1800);
    unsetenv("TZDIR");
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

static void damaged_files_are_refused(void **state)
{
    (void)state;
    char dir[] = "/tmp/dialtop-tzdir.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/Cut", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("TZif2\0\0\0", f);   /* a header cut short */
    fclose(f);
    setenv("TZDIR", dir, 1);
    char why[256] = "";
    assert_null(tz_zone("Cut", why, sizeof why));
    assert_non_null(strstr(why, "TZif"));
    unsetenv("TZDIR");
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(past_the_table_the_footer_rule_applies),
        cmocka_unit_test(gaps_and_overlaps_are_found),
        cmocka_unit_test(the_environment_is_never_touched),
        cmocka_unit_test(names_are_vetted_before_the_file_system),
        cmocka_unit_test(tzdir_is_honoured),
        cmocka_unit_test(damaged_files_are_refused),
        cmocka_unit_test(every_zone_agrees_with_glibc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
