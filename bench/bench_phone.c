/* Per-row cost of phone validation (issue 18): phone_normalize (the fast
 * path on libphonenumber's metadata, the library for the rest) and
 * libphonenumber's own parser (phonelib_parse), against the bare libcsv
 * parse of the same rows, in the same run: interleaved rounds, median and
 * min. The rows are US numbers in the formats of bench/gen_contacts.py.
 *
 * Then the cost of the countries' automata (issue 17, digit_dfa): for a
 * few big countries and the largest automata, states, bytes and build
 * time, against PCRE2's compilation of the same patterns as phonefast
 * did it before (a full and a partial form each, no JIT), in the same
 * run. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "digit_dfa.h"
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

/* PCRE2's compilation of a country's patterns as phonefast did it before
 * the automata: each pattern end-anchored for the match, and a second
 * form for partial matching (the prefix filter). */
static void pcre2_compile_country(const char *const *pats)
{
    for (int i = 0; i < PHONELIB_FAST_PATTERNS; i++) {
        if (!pats[i][0])
            continue;
        char p[DIGIT_DFA_MAX_PATTERN_LEN + 8];
        int n = snprintf(p, sizeof p, "(?:%s)", pats[i]);
        int err;
        PCRE2_SIZE off;
        pcre2_code_free(pcre2_compile((PCRE2_SPTR)p, (size_t)n,
                                      PCRE2_ANCHORED | PCRE2_ENDANCHORED, &err, &off, NULL));
        pcre2_code_free(pcre2_compile((PCRE2_SPTR)p, (size_t)n,
                                      PCRE2_ANCHORED | PCRE2_NO_AUTO_POSSESS |
                                          PCRE2_NO_START_OPTIMIZE,
                                      &err, &off, NULL));
    }
}

enum { DFA_ROUNDS = 5, SHOWN = 8 };

typedef struct {
    const char *id;
    size_t states, bytes;
    double build[DFA_ROUNDS], pcre[DFA_ROUNDS];
} country_cost_t;

static int by_states(const void *a, const void *b)
{
    const country_cost_t *x = a, *y = b;
    return (x->states < y->states) - (x->states > y->states);
}

static void show_country(country_cost_t *c)
{
    qsort(c->build, DFA_ROUNDS, sizeof c->build[0], cmp);
    qsort(c->pcre, DFA_ROUNDS, sizeof c->pcre[0], cmp);
    int m = DFA_ROUNDS / 2;
    printf("  %-4s %6zu states %8zu bytes  build %7.1f us (min %.1f), PCRE2 compile %7.1f us: "
           "%.2fx\n", c->id, c->states, c->bytes, c->build[m] * 1e6, c->build[0] * 1e6,
           c->pcre[m] * 1e6, c->build[m] / c->pcre[m]);
}

/* Every country's automaton built DFA_ROUNDS times, interleaved with
 * PCRE2's compilation of the same patterns. */
static int bench_automata(void)
{
    static country_cost_t cost[512];
    size_t n = 0;
    const char *pats[PHONELIB_FAST_PATTERNS];
    while (n < 512 && (cost[n].id = phonelib_fast_country_patterns(n, pats)) != NULL)
        n++;
    double all_build = 0, all_pcre = 0;
    for (int r = 0; r < DFA_ROUNDS; r++)
        for (size_t i = 0; i < n; i++) {
            phonelib_fast_country_patterns(i, pats);
            double t0 = now();
            digit_dfa_t *d = digit_dfa_build(pats, PHONELIB_FAST_PATTERNS, 0, NULL, 0);
            double t1 = now();
            if (!d) {
                printf("automaton of %s refused\n", cost[i].id);
                return 1;
            }
            cost[i].states = d->states;
            cost[i].bytes = digit_dfa_bytes(d);
            digit_dfa_free(d);
            double t2 = now();
            pcre2_compile_country(pats);
            cost[i].build[r] = t1 - t0;
            cost[i].pcre[r] = now() - t2;
            all_build += t1 - t0;
            all_pcre += cost[i].pcre[r];
        }
    size_t states = 0, bytes = 0;
    for (size_t i = 0; i < n; i++) {
        states += cost[i].states;
        bytes += cost[i].bytes;
    }
    printf("automata    %zu countries, %d interleaved rounds (median, min): %zu states, %zu "
           "bytes in all; build %.0f us a round against %.0f us for PCRE2's compilation of "
           "the same patterns (%.2fx)\n", n, DFA_ROUNDS, states, bytes,
           all_build / DFA_ROUNDS * 1e6, all_pcre / DFA_ROUNDS * 1e6, all_build / all_pcre);
    static const char *const big[] = {"US", "GB", "DE", "IN"};
    for (size_t b = 0; b < sizeof big / sizeof big[0]; b++)
        for (size_t i = 0; i < n; i++)
            if (strcmp(cost[i].id, big[b]) == 0)
                show_country(&cost[i]);
    qsort(cost, n, sizeof cost[0], by_states);
    printf("  the %d largest:\n", SHOWN);
    for (size_t i = 0; i < SHOWN && i < n; i++)
        show_country(&cost[i]);
    return 0;
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
    if (bench_automata())
        return 1;
    return sink == 0;
}
