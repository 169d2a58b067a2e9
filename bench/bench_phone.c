/* Per-row cost of phone validation (issue 18): phone_normalize (the fast
 * path on libphonenumber's metadata, the library for the rest) and
 * libphonenumber's own parser (phonelib_parse), against the bare libcsv
 * parse of the same rows, in the same run: interleaved rounds, median and
 * min. The rows are US numbers in the formats of bench/gen_contacts.py. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "phone.h"
#include "phonelib.h"

#define ROWS 100000
#define LIB_ROWS 5000 /* the library alone is slow: a sample */
#define ROUNDS 5

static const int npa[] = {201, 212, 213, 305, 312, 415, 503, 617, 702, 713, 808, 917, 972, 404};

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void on_field(void *s, size_t n, void *ctx)
{
    (void)s;
    *(size_t *)ctx += n;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(void)
{
    static char phones[ROWS][40];
    size_t cap = ROWS * 48, used = 0;
    char *csvbuf = malloc(cap);
    if (!csvbuf)
        return 1;
    used += (size_t)snprintf(csvbuf, cap, "phone\r\n");
    srand(18);
    for (int i = 0; i < ROWS; i++) {
        int a = npa[rand() % (int)(sizeof npa / sizeof npa[0])], b = 200 + rand() % 800;
        if (b % 100 == 11 || b == 555)
            b = 234;
        int c = rand() % 10000;
        switch (i % 6) {
        case 0: snprintf(phones[i], 40, "(%d) %d-%04d", a, b, c); break;
        case 1: snprintf(phones[i], 40, "%d.%d.%04d", a, b, c); break;
        case 2: snprintf(phones[i], 40, "+1 %d-%d-%04d", a, b, c); break;
        case 3: snprintf(phones[i], 40, "1-%d-%d-%04d", a, b, c); break;
        case 4: snprintf(phones[i], 40, "%d%d%04d", a, b, c); break;
        default: snprintf(phones[i], 40, "011 1 %d %d %04d", a, b, c); break;
        }
        used += (size_t)snprintf(csvbuf + used, cap - used, "\"%s\"\r\n", phones[i]);
    }
    const phone_region_t *us = phone_region_find("US");
    double t_csv[ROUNDS], t_fast[ROUNDS], t_lib[ROUNDS];
    size_t sink = 0, ok = 0, lib_ok = 0;
    for (int r = 0; r < ROUNDS; r++) {
        struct csv_parser p;
        csv_init(&p, CSV_APPEND_NULL);
        double t0 = now();
        csv_parse(&p, csvbuf, used, on_field, NULL, &sink);
        csv_fini(&p, on_field, NULL, &sink);
        t_csv[r] = (now() - t0) / ROWS;
        csv_free(&p);

        t0 = now();
        for (int i = 0; i < ROWS; i++) {
            phone_number_t out;
            ok += phone_normalize(phones[i], strlen(phones[i]), us, 0, &out, NULL, 0) == PHONE_OK;
        }
        t_fast[r] = (now() - t0) / ROWS;

        t0 = now();
        for (int i = 0; i < LIB_ROWS; i++) {
            phonelib_number_t n;
            phonelib_parse(phones[i], "US", &n);
            lib_ok += n.valid;
        }
        t_lib[r] = (now() - t0) / LIB_ROWS;
    }
    qsort(t_csv, ROUNDS, sizeof t_csv[0], cmp);
    qsort(t_fast, ROUNDS, sizeof t_fast[0], cmp);
    qsort(t_lib, ROUNDS, sizeof t_lib[0], cmp);
    int m = ROUNDS / 2;
    printf("rows        %d US numbers in 6 formats, %d interleaved rounds (median, min)\n", ROWS,
           ROUNDS);
    printf("libcsv      %.3f us/row, %.3f (the bare parse of the same rows)\n", t_csv[m] * 1e6,
           t_csv[0] * 1e6);
    printf("phone       %.3f us/row, %.3f: %.1fx the bare parse (fast path, %zu valid)\n",
           t_fast[m] * 1e6, t_fast[0] * 1e6, t_fast[m] / t_csv[m], ok / ROUNDS);
    printf("library     %.3f us/row, %.3f: %.1fx the bare parse (libphonenumber's parser "
           "alone, %zu of %d valid)\n", t_lib[m] * 1e6, t_lib[0] * 1e6, t_lib[m] / t_csv[m],
           lib_ok / ROUNDS, LIB_ROWS);
    free(csvbuf);
    return sink == 0;
}
