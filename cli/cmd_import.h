/* `dialtop import FILE [options]`: validates a contact list and prints the
 * report (human or --json). Exit codes below; without --dry-run the
 * upload needs the provider drivers, which this command does not have yet,
 * so it says so and exits CMD_IMPORT_USAGE without reading anything. */
#ifndef DIALTOP_CMD_IMPORT_H
#define DIALTOP_CMD_IMPORT_H

#include "exit_codes.h"

/* The shared codes (cli/exit_codes.h), read for an import: */
enum {
    CMD_IMPORT_OK = DIALTOP_EXIT_OK,           /* every row accepted (or --allow-rejects) */
    CMD_IMPORT_FAILED = DIALTOP_EXIT_FAILED,   /* the import stopped: structural fault, I/O */
    CMD_IMPORT_USAGE = DIALTOP_EXIT_USAGE,     /* bad arguments, or the upload (not wired) */
    CMD_IMPORT_REJECTS = DIALTOP_EXIT_REFUSED, /* rows rejected: refused before any request */
};

/* argv[0] is "import". */
int cmd_import(int argc, char **argv);

#endif
