/* Process-wide protections dialtop sets before anything else runs.
 *
 *   - SIGPIPE ignored: libcurl runs with CURLOPT_NOSIGNAL (so it does not
 *     touch signals itself), and a write to a connection the peer closed
 *     (or to a closed stdout pipe) must come back as EPIPE, never kill the
 *     console with the terminal left in raw mode.
 *   - Not dumpable and no core files: the process holds API keys in
 *     memory; a crash must never write them to disk, and other processes
 *     of the same user cannot ptrace it or read its memory through /proc. */
#ifndef DIALTOP_PROCESS_GUARD_H
#define DIALTOP_PROCESS_GUARD_H

#include <stdbool.h>

/* False when one of the settings could not be applied (dialtop still runs;
 * the caller may warn). */
bool process_guard_apply(void);

#endif
