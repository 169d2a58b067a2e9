/* dialtop ls: every campaign of a profile (or of every profile), all
 * pages, as a table, one JSON object per line, or CSV. */
#ifndef DIALTOP_CMD_LS_H
#define DIALTOP_CMD_LS_H

int cmd_ls(int argc, char **argv);

#endif
