/* `dialtop hooks` as a child process on a free loopback port: what
 * `dialtop --demo` runs beside its dialtop-sim, and what the tests use.
 * The token goes to the child in DIALTOP_HOOKS_TOKEN, never argv. */
#ifndef DIALTOP_HOOKS_CHILD_H
#define DIALTOP_HOOKS_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct {
    pid_t pid;              /* 0 when not running */
    int port;
    char url[64];           /* "http://127.0.0.1:PORT" */
} hooks_child_t;

/* Runs `program hooks --listen 127.0.0.1:0 --db DB_PATH EXTRA...` and
 * waits (bounded) for its "listening on" line. `program` is a dialtop
 * executable (NULL: this one, /proc/self/exe). stderr goes to log_path
 * when given. On failure nothing is left running and `err` says why. */
bool hooks_child_start(hooks_child_t *c, const char *program, const char *db_path,
                       const char *token, const char *log_path, bool die_with_parent,
                       const char *const *extra, char *err, size_t err_len);

/* SIGTERM (a clean stop), then SIGKILL after a second. Safe twice. */
void hooks_child_stop(hooks_child_t *c);
/* SIGKILL at once: a crash, for the durability tests. */
void hooks_child_kill(hooks_child_t *c);

/* A fresh random token fit for `dialtop hooks` (hex, 32 characters). */
void hooks_child_make_token(char *out, size_t len);

#endif
