/* `dialtop --demo`: the console against a private dialtop-sim.
 *
 * Starts dialtop-sim --demo as a child on a free loopback port (state in a
 * temporary directory, a fresh random key handed over in its environment),
 * builds one in-memory profile per provider pointing at it, runs the
 * console on all of them at once, and stops the child when the console
 * ends: on q, on SIGINT/SIGTERM/SIGHUP (the console turns those into a
 * clean quit), and on SIGKILL through the child's parent-death signal. */
#ifndef DIALTOP_DEMO_H
#define DIALTOP_DEMO_H

#include <stdbool.h>

#include "app.h"

/* Simulated seconds per real second: fast enough that calls visibly end
 * and campaigns move while one watches, slow enough to follow. */
#define DEMO_SIM_SPEED "20"

/* Runs the console (`o` as parsed from the command line; profile and
 * config options must be unset) with the sim seeded by `seed`. Returns the
 * exit status; errors are printed to stderr. */
int demo_run(const app_options_t *o, long seed);

/* Parses a --demo-seed value (0..2147483647, what dialtop-sim accepts). */
bool demo_parse_seed(const char *s, long *out);

#endif
