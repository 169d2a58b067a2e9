/* child_proc: a local server run as our child (owns the fork/exec, the
 * wait for its "listening on http://ADDR:PORT" line, and stopping it).
 * dialtop-sim (sim_child.c) and `dialtop hooks` (hooks_child.c) are both
 * started this way by --demo and by the tests; each module keeps only what
 * is its own (arguments, the secret's variable, the state directory).
 *
 * The secret goes to the child in one environment variable, never argv,
 * so `ps` never shows it. die_with_parent asks the kernel to end the child
 * when we die (PR_SET_PDEATHSIG), even by SIGKILL. */
#ifndef DIALTOP_CHILD_PROC_H
#define DIALTOP_CHILD_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "must_use.h"

/* Arguments a child may have in all, argv[0] included. */
#define CHILD_PROC_MAX_ARGS 63

typedef struct {
    const char *const *argv;   /* argv[0] is the program, NULL-terminated */
    const char *const *extra;  /* appended after argv (the caller's), NULL-terminated; NULL: none */
    const char *who;           /* for messages: "dialtop-sim", "dialtop hooks" */
    const char *env_name;      /* the variable carrying the secret */
    const char *env_value;     /* NULL: the variable is unset in the child */
    const char *log_path;      /* the child's stderr; NULL: inherited */
    bool die_with_parent;
} child_proc_spec_t;

/* Starts the child and waits (at most 10 s) for its first stdout line.
 * On failure nothing is left running and `err` says why; more than
 * CHILD_PROC_MAX_ARGS arguments are refused ("too many arguments for
 * WHO"), never cut. */
MUST_USE bool child_proc_start(const child_proc_spec_t *spec, pid_t *pid, int *port, char *err,
                               size_t err_len);

/* SIGTERM, then SIGKILL when it has not ended within a second; *pid
 * becomes 0. Nothing happens when *pid is 0 (safe twice). */
void child_proc_stop(pid_t *pid);

/* SIGKILL at once (a crash, for the durability tests); *pid becomes 0. */
void child_proc_kill(pid_t *pid);

/* `prefix` then 32 random hex digits from /dev/urandom (a time and pid
 * mix if it cannot be read: still unique per run, and these servers only
 * listen on loopback). */
void child_proc_secret(char *out, size_t len, const char *prefix);

#endif
