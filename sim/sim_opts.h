/* dialtop-sim's command line: the one option table (owns the flags, their
 * checks and refusal sentences, and the --help text). The parser and the
 * help come from the same table (cli/cli_opts.h, as the dialtop commands
 * do), so --help cannot list a flag the parser does not take, or miss one
 * it does. What the options mean in detail: docs/dialtop-sim.1. */
#ifndef DIALTOP_SIM_OPTS_H
#define DIALTOP_SIM_OPTS_H

#include <stdbool.h>
#include <stdio.h>

#include "sim.h"

typedef struct {
    sim_config_t cfg;
    char addr[64];             /* --listen's address (default 127.0.0.1) */
    int port;                  /* default 8765; 0 = any free port */
    bool demo;
    long generate;             /* campaigns per dialect, 0 = none */
} sim_opts_t;

/* Defaults for everything, then the environment: DIALTOP_SIM_API_KEY and
 * DIALTOP_SIM_WEBHOOK_URL (kept out of argv, which ps shows; a flag given
 * on the command line still wins). */
void sim_opts_defaults(sim_opts_t *o);

enum {
    SIM_OPTS_RUN = 0,          /* parsed: start the simulator */
    SIM_OPTS_DONE = 1,         /* --help or --version was written to out: exit 0 */
    SIM_OPTS_BAD = 2,          /* one sentence was written to err: exit 2 */
};

/* Reads argv[1..] into o. A refusal names the flag and what it expects:
 * "dialtop-sim: --speed: expected a number from 0 to 1000000 (see --help)". */
int sim_opts_parse(sim_opts_t *o, int argc, char **argv, FILE *out, FILE *err);

/* The --help text, every option line from the table. */
void sim_opts_usage(FILE *out);

#endif
