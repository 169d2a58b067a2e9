/* Temporary directories that outlive nothing: each holds an "owner" note
 * with the pids that use it (dialtop, then its dialtop-sim child), and the
 * next one made sweeps away those whose owners are all gone. A console
 * killed with SIGKILL runs no cleanup; its directory is removed at the
 * next start instead of staying in /tmp for good. */
#ifndef DIALTOP_OWNED_TMP_H
#define DIALTOP_OWNED_TMP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define OWNED_TMP_PREFIX "dialtop-sim."

/* $TMPDIR (or /tmp) + "/dialtop-sim.XXXXXX", made 0700 with this process
 * as its owner, after sweeping. False with one line in `err`. */
bool owned_tmp_make(char *dir, size_t len, char *err, size_t err_len);

/* Adds `pid` (a child working in `dir`) to its owners. */
void owned_tmp_add_owner(const char *dir, pid_t pid);


/* Removes the regular files in `dir`, then `dir` (never follows a symlink). */
void owned_tmp_remove(const char *dir);

#endif
