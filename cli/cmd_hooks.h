/* dialtop hooks: the webhook receiver (see hooks/hooks_server.h). */
#ifndef DIALTOP_CMD_HOOKS_H
#define DIALTOP_CMD_HOOKS_H

#include <stdio.h>

int cmd_hooks(int argc, char **argv);
void cmd_hooks_usage(FILE *out);

/* A token good enough to put in a URL and guard a receiver: 16 to 256
 * characters from A-Z a-z 0-9 - _ . ~ (nothing a URL must escape). */
int cmd_hooks_token_ok(const char *token);

#endif
