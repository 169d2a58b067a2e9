/* Runs dialtop-sim as a child process on a free loopback port: what
 * `dialtop --demo` and the tests use to get a real backend.
 *
 * The child dies with its parent (PR_SET_PDEATHSIG), so no stray server is
 * left behind even when the console is killed with SIGKILL. The API key is
 * handed over in the environment, never in argv, so `ps` never shows it. */
#ifndef DIALTOP_SIM_CHILD_H
#define DIALTOP_SIM_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct {
    pid_t pid;              /* 0 when not running */
    int port;
    char url[64];           /* "http://127.0.0.1:PORT" */
    char api_key[40];       /* random, per run */
    char dir[256];          /* temporary directory holding state and log */
    bool own_dir;           /* dir was made by us and is removed on stop */
} sim_child_t;

/* Finds the dialtop-sim program: $DIALTOP_SIM_BIN, then the directory of
 * the running executable, then $PATH. Writes into out; false if none. */
bool sim_child_find_program(char *out, size_t out_len);

/* The one way dialtop starts a dialtop-sim: runs `program --listen
 * 127.0.0.1:0 ARGS...` with the key in DIALTOP_SIM_API_KEY (unset when
 * api_key is NULL), stderr to log_path (inherited when NULL), and waits
 * (bounded) for its "listening on" line. die_with_parent asks the kernel
 * to end the child when we die. On failure nothing is left running. */
bool sim_child_spawn(const char *program, const char *const *args, const char *api_key,
                     const char *log_path, bool die_with_parent, pid_t *pid, int *port,
                     char *err, size_t err_len);

/* Starts `program --listen 127.0.0.1:0 --state DIR/state.db ARGS...`.
 * state_dir NULL makes a fresh temporary directory. Waits (bounded) for the
 * "listening on" line. On failure writes a message into err and returns
 * false with nothing left running. */
bool sim_child_start(sim_child_t *c, const char *program, const char *state_dir,
                     const char *const *extra_args, char *err, size_t err_len);

/* SIGTERM, then SIGKILL if it has not exited within a second; removes the
 * temporary directory if we made it. Safe to call twice. */
void sim_child_stop(sim_child_t *c);

#endif
