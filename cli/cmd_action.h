/* Headless twins of the console's action keys:
 *
 *   dialtop pause ID...       dialtop resume ID...
 *   dialtop reschedule ID... --at "YYYY-MM-DD HH:MM" [--tz ZONE]
 *   dialtop cancel ID... --yes
 *
 * with --profile NAME, --config FILE, --json, --read-only. Each campaign is
 * read first so the action table judges its real current state; each
 * action then takes the same path as in the console (api/action.h), audit
 * line included. Exit codes: cli/exit_codes.h. */
#ifndef DIALTOP_CMD_ACTION_H
#define DIALTOP_CMD_ACTION_H

#include <stdio.h>

/* argv[0] is the subcommand. Returns the process exit code. */
int cmd_action_main(int argc, char **argv);

#endif
