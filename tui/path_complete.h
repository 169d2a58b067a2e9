/* Tab completion of a file path typed in a prompt, as a shell does it:
 * the longest prefix shared by every entry of the directory that matches,
 * hidden files only when a '.' was typed. */
#ifndef DIALTOP_PATH_COMPLETE_H
#define DIALTOP_PATH_COMPLETE_H

#include <stdbool.h>
#include <stddef.h>

/* Extends `path` (capacity `cap`) in place; a single directory match gets
 * its '/'. False with `msg` set when nothing matches; `msg` is emptied on
 * success. */
bool path_complete(char *path, size_t cap, char *msg, size_t msg_len);

#endif
