/* The campaign settings flags shared by the headless commands that create
 * a campaign (`dialtop followup`; the same words and limits as `dialtop
 * import`): --name --at --tz --concurrency --retry-limit --retry-schedule
 * --hours --days --max-calls-per-day --phone-number-id --agent-id; and
 * how those two commands word a command-line mistake. */
#ifndef DIALTOP_UPLOAD_ARGS_H
#define DIALTOP_UPLOAD_ARGS_H

#include <stdio.h>

#include "cli_opts.h"
#include "upload.h"

/* The settings flags' option ids: a command's own ids stay below. */
enum {
    UPLOAD_OPT_NAME = 1024,
    UPLOAD_OPT_AT,
    UPLOAD_OPT_TZ,
    UPLOAD_OPT_PHONE_NUMBER_ID,
    UPLOAD_OPT_AGENT_ID,
    UPLOAD_OPT_CONCURRENCY,
    UPLOAD_OPT_MAX_CALLS_PER_DAY,
    UPLOAD_OPT_RETRY_LIMIT,
    UPLOAD_OPT_RETRY_SCHEDULE,
    UPLOAD_OPT_HOURS,
    UPLOAD_OPT_DAYS,
    UPLOAD_OPT_LAST = UPLOAD_OPT_DAYS,
};

/* The settings flags' rows of a command's option table (cli_opts.h). */
#define UPLOAD_ARGS_OPTIONS                                                                        \
    {"name", 0, CLI_VALUE, UPLOAD_OPT_NAME, "N", NULL},                                            \
    {"at", 0, CLI_VALUE, UPLOAD_OPT_AT, "TIME", NULL},                                             \
    {"tz", 0, CLI_VALUE, UPLOAD_OPT_TZ, "ZONE", NULL},                                             \
    {"phone-number-id", 0, CLI_VALUE, UPLOAD_OPT_PHONE_NUMBER_ID, "ID", NULL},                     \
    {"agent-id", 0, CLI_VALUE, UPLOAD_OPT_AGENT_ID, "ID", NULL},                                   \
    {"concurrency", 0, CLI_VALUE, UPLOAD_OPT_CONCURRENCY, "N", NULL},                              \
    {"max-calls-per-day", 0, CLI_VALUE, UPLOAD_OPT_MAX_CALLS_PER_DAY, "N", NULL},                  \
    {"retry-limit", 0, CLI_VALUE, UPLOAD_OPT_RETRY_LIMIT, "0..5", NULL},                           \
    {"retry-schedule", 0, CLI_VALUE, UPLOAD_OPT_RETRY_SCHEDULE, "WHEN", NULL},                     \
    {"hours", 0, CLI_VALUE, UPLOAD_OPT_HOURS, "HH:MM-HH:MM", NULL},                                \
    {"days", 0, CLI_VALUE, UPLOAD_OPT_DAYS, "LIST", NULL}

/* Settings flag `id` with value `val` into `s` (strings borrowed from
 * argv). False when the value is bad (one line on stderr, prefixed
 * "dialtop CMD: "). */
bool upload_args_take(const char *cmd, int id, const char *val, upload_settings_t *s);

/* import and followup word a command-line mistake alike: after
 * CLI_OPT_NO_VALUE "dialtop CMD: --name needs a value", else "dialtop
 * CMD: unknown option --x" and then the command's usage, on stderr.
 * Returns DIALTOP_EXIT_USAGE. */
int upload_args_refuse(const char *cmd, int id, const char *text, void (*usage)(FILE *out));

/* The usage lines for those flags. */
extern const char upload_args_usage[];

#endif
