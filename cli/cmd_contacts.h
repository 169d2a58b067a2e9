/* dialtop contacts ID: every contact of one campaign, all pages. */
#ifndef DIALTOP_CMD_CONTACTS_H
#define DIALTOP_CMD_CONTACTS_H

int cmd_contacts(int argc, char **argv);

#endif
