/* New output files that hold contact data (phone numbers): never over an
 * existing file, never through a symlink, never the input itself, and
 * readable by their owner only.
 *
 * outfile_check() is the early refusal (before a long import runs);
 * outfile_create() is the one that counts: O_CREAT|O_EXCL|O_NOFOLLOW,
 * mode 0600, so a file or symlink that appears in between is refused too. */
#ifndef DIALTOP_OUTFILE_H
#define DIALTOP_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* False with one line in `err` when `path` exists (as anything, a dangling
 * symlink included) or names the same file as `input` (may be NULL). */
bool outfile_check(const char *path, const char *input, char *err, size_t err_len);

/* Creates `path` (checks as above) and returns it open for writing; NULL
 * with one line in `err`. */
FILE *outfile_create(const char *path, const char *input, char *err, size_t err_len);

#endif
