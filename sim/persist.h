/* The --state file: the whole store as JSON, written to a temporary file,
 * fsync'd and renamed over the old one, so a SIGKILL at any moment leaves
 * either the previous complete file or the new complete file. */
#ifndef DIALTOP_SIM_PERSIST_H
#define DIALTOP_SIM_PERSIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

bool persist_save(const char *path, const store_t *s, int64_t sim_now, char *err, size_t errlen);

/* Loads path into the empty store s. Returns 1 when loaded, 0 when the
 * file does not exist (a fresh start), -1 with err when it exists but is
 * unreadable or corrupt: the caller must refuse to start and must not
 * write to it. */
int persist_load(const char *path, store_t *s, int64_t *sim_now, char *err, size_t errlen);

#endif
