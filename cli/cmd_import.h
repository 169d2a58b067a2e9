/* `dialtop import FILE [options]`: validates a contact list and prints the
 * report (human or --json). Exit codes below; without --dry-run the
 * upload needs the provider drivers, which this command does not have yet,
 * so it says so and exits CMD_IMPORT_USAGE without reading anything. */
#ifndef DIALTOP_CMD_IMPORT_H
#define DIALTOP_CMD_IMPORT_H

enum {
    CMD_IMPORT_OK = 0,        /* every row accepted (or --allow-rejects) */
    CMD_IMPORT_REJECTS = 1,   /* some rows were rejected */
    CMD_IMPORT_USAGE = 2,     /* bad arguments, or an unsupported request */
    CMD_IMPORT_FAILED = 3,    /* the import stopped: structural fault or I/O */
};

/* argv[0] is "import". */
int cmd_import(int argc, char **argv);

#endif
