/* `dialtop followup ID --states S,... --name N [settings]`: a new campaign
 * from the contacts of campaign ID in those states; see cmd_followup.c. */
#ifndef DIALTOP_CMD_FOLLOWUP_H
#define DIALTOP_CMD_FOLLOWUP_H

int cmd_followup(int argc, char **argv);

#endif
