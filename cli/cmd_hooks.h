/* dialtop hooks: the webhook receiver (see hooks/hooks_server.h). */
#ifndef DIALTOP_CMD_HOOKS_H
#define DIALTOP_CMD_HOOKS_H

#include <stdio.h>

int cmd_hooks(int argc, char **argv);

#endif
