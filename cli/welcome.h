/* The first-run screen: with no config file, the console would talk to the
 * built-in "sim" profile (dialtop-sim on loopback). When nothing answers
 * there, a newcomer gets one screen saying how to add a profile or try
 * `dialtop --demo`, instead of a console stuck on "unreachable". */
#ifndef DIALTOP_WELCOME_H
#define DIALTOP_WELCOME_H

#include <stdbool.h>
#include <stdio.h>

/* True when the console would run on the built-in profile (no config file
 * at the default path, no --config, no --profile other than "sim") and no
 * server accepts a connection at its URL within a short bound. */
bool welcome_needed(const char *config_path, const char *profile);

/* The screen itself: where the config file goes, one example profile per
 * provider (keys from environment variables), and --demo. */
void welcome_print(FILE *out);

#endif
