/* Exit codes of the headless commands, one list for every subcommand.
 *
 * When several campaigns are named, the worst outcome wins in this order:
 * usage (nothing was attempted), failed, refused; 0 only when the backend
 * confirmed every action. */
#ifndef DIALTOP_EXIT_CODES_H
#define DIALTOP_EXIT_CODES_H

#define DIALTOP_EXIT_OK 0       /* every action confirmed by the backend */
#define DIALTOP_EXIT_FAILED 1   /* a request failed: backend error, network, not found */
#define DIALTOP_EXIT_USAGE 2    /* bad command line, config or profile: nothing sent */
#define DIALTOP_EXIT_REFUSED 3  /* refused before any request (state, provider,
                                   read-only, invalid schedule) */

#endif
