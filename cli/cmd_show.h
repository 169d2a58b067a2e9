/* dialtop show ID: every field of one campaign, read fresh. */
#ifndef DIALTOP_CMD_SHOW_H
#define DIALTOP_CMD_SHOW_H

int cmd_show(int argc, char **argv);

#endif
