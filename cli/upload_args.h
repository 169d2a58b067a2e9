/* The campaign settings flags shared by the headless commands that create
 * a campaign (`dialtop followup`; the same words and limits as `dialtop
 * import`): --name --at --tz --concurrency --retry-limit --retry-schedule
 * --hours --days --max-calls-per-day --phone-number-id --agent-id. */
#ifndef DIALTOP_UPLOAD_ARGS_H
#define DIALTOP_UPLOAD_ARGS_H

#include "upload.h"

/* Settings flag `opt` with value `val` into `s` (strings borrowed from
 * argv). Returns 1 when taken, 0 when `opt` is not a settings flag, -1
 * when the value is bad (one line on stderr, prefixed "dialtop CMD: "). */
int upload_args_take(const char *cmd, const char *opt, const char *val, upload_settings_t *s);

/* The usage lines for those flags. */
extern const char upload_args_usage[];

#endif
