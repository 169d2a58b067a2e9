/* Test helper: runs a real dialtop-sim ($DIALTOP_SIM_BIN) on a free
 * loopback port and stops it again.
 *
 *   const char *args[] = {"--demo", "--seed", "1", NULL};
 *   simproc_t *sp = simproc_start("test-key", args);
 *   ... curl simproc_url(sp) ...
 *   simproc_stop(sp);
 *
 * The API key goes to the child through DIALTOP_SIM_API_KEY, never argv. */
#ifndef DIALTOP_SIMPROC_H
#define DIALTOP_SIMPROC_H

#include <stdbool.h>
#include <sys/types.h>

typedef struct simproc simproc_t;

/* Starts the sim with "--listen 127.0.0.1:0" plus extra_args (NULL-
 * terminated, may be NULL) and waits up to 10 s for its first line.
 * api_key may be NULL (no key). Returns NULL with a message on stderr
 * when the binary is missing, exits early or never says where it listens. */
simproc_t *simproc_start(const char *api_key, const char *const *extra_args);

/* "http://127.0.0.1:PORT", valid until stop/kill. */
const char *simproc_url(const simproc_t *sp);
int simproc_port(const simproc_t *sp);
pid_t simproc_pid(const simproc_t *sp);
/* False once the child has exited (reaps it). */
bool simproc_alive(simproc_t *sp);

/* SIGTERM, wait up to 5 s (then SIGKILL), free. Returns the exit status
 * (0..255), 128+signal when killed by a signal, -1 when sp is NULL. */
int simproc_stop(simproc_t *sp);
/* SIGKILL at once (a crash), reap, free. */
void simproc_kill(simproc_t *sp);

#endif
