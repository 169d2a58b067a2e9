/* `dialtop import FILE [options]`: validates a contact list and prints the
 * report (human or --json); without --dry-run, and when no row was
 * rejected (or --allow-rejects), uploads the accepted rows as a new
 * campaign (api/upload.h) and reports it. Settings the upload would refuse
 * (name, schedule, OmniDim caller number, read-only profile) are checked
 * before the file is read. Exit codes below. */
#ifndef DIALTOP_CMD_IMPORT_H
#define DIALTOP_CMD_IMPORT_H

#include "exit_codes.h"

/* The shared codes (cli/exit_codes.h), read for an import: */
enum {
    CMD_IMPORT_OK = DIALTOP_EXIT_OK,           /* every row accepted (or --allow-rejects);
                                                  uploading: the backend confirmed */
    CMD_IMPORT_FAILED = DIALTOP_EXIT_FAILED,   /* the import stopped (structural fault, I/O)
                                                  or the upload failed */
    CMD_IMPORT_USAGE = DIALTOP_EXIT_USAGE,     /* bad arguments, config or settings */
    CMD_IMPORT_REJECTS = DIALTOP_EXIT_REFUSED, /* rows rejected: refused before any request */
};

/* argv[0] is "import". */
int cmd_import(int argc, char **argv);

#endif
