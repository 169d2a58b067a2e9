/* xdg_path: where dialtop keeps its files (owns the XDG base-directory
 * rule, the private mkdir -p beside it, and "~/" in configured paths).
 * The config, the audit log, the upload journals, the campaign-id cache
 * and the hooks database all find their place here, so a relative
 * $XDG_STATE_HOME is ignored everywhere alike (the XDG spec calls it
 * invalid) and every directory dialtop creates is 0700. */
#ifndef DIALTOP_XDG_PATH_H
#define DIALTOP_XDG_PATH_H

#include <stdbool.h>
#include <stddef.h>

#include "must_use.h"

typedef enum {
    XDG_CONFIG, /* $XDG_CONFIG_HOME, else ~/.config */
    XDG_STATE,  /* $XDG_STATE_HOME, else ~/.local/state */
} xdg_base_t;

/* "<base>/dialtop/<name>" into `out` (`name` NULL or "": the dialtop
 * directory itself). false when neither the variable (absolute) nor HOME
 * is set, or when the path does not fit in `len`. */
MUST_USE bool xdg_path(xdg_base_t base, const char *name, char *out, size_t len);

/* xdg_path() as a string the caller frees; NULL when it fails or on OOM. */
MUST_USE char *xdg_path_dup(xdg_base_t base, const char *name);

/* mkdir -p of the directory holding `file`, each new level 0700 (an
 * existing one is left as it is). On failure errno says why and
 * `failed_dir` (may be NULL) names the directory that could not be made. */
MUST_USE bool xdg_make_parents(const char *file, char *failed_dir, size_t failed_len);

/* A path from a config file: "~/rest" becomes "$HOME/rest" (when HOME is
 * set), anything else is copied. NULL on OOM. Caller frees. */
MUST_USE char *xdg_expand_home(const char *path);

#endif
