/* Campaign settings flags; see upload_args.h. */
#include "upload_args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char upload_args_usage[] =
    "  --name N  [--at 'YYYY-MM-DD HH:MM' --tz ZONE]\n"
    "  [--concurrency N] [--retry-limit 0..5] [--retry-schedule immediately|next_day|Nh]\n"
    "  [--hours HH:MM-HH:MM] [--days LIST] [--max-calls-per-day N]\n"
    "  [--phone-number-id ID] [--agent-id ID]\n";

static bool positive(const char *v, long max, long *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n <= 0 || n > max)
        return false;
    *out = n;
    return true;
}

int upload_args_take(const char *cmd, const char *opt, const char *val, upload_settings_t *s)
{
    char reason[UPLOAD_REASON_MAX], start[6], end[6];
    unsigned mask;
    long n;
    if (strcmp(opt, "--name") == 0) {
        s->name = val;
    } else if (strcmp(opt, "--at") == 0) {
        s->at = val;
    } else if (strcmp(opt, "--tz") == 0) {
        s->tz = val;
    } else if (strcmp(opt, "--phone-number-id") == 0) {
        s->phone_number_id = val;
    } else if (strcmp(opt, "--agent-id") == 0) {
        s->agent_id = val;
    } else if (strcmp(opt, "--concurrency") == 0) {
        if (!positive(val, 1000, &n)) {
            fprintf(stderr, "dialtop %s: --concurrency needs a number 1 to 1000\n", cmd);
            return -1;
        }
        s->concurrency = (int)n;
    } else if (strcmp(opt, "--max-calls-per-day") == 0) {
        if (!positive(val, 100000, &n)) {
            fprintf(stderr, "dialtop %s: --max-calls-per-day needs a number 1 to 100000\n", cmd);
            return -1;
        }
        s->max_calls_per_day = (int)n;
    } else if (strcmp(opt, "--retry-limit") == 0) {
        if (!(strlen(val) == 1 && val[0] >= '0' && val[0] <= '5')) {
            fprintf(stderr, "dialtop %s: --retry-limit needs a number 0 to 5\n", cmd);
            return -1;
        }
        s->retry_limit = val[0] - '0';
    } else if (strcmp(opt, "--retry-schedule") == 0) {
        if (!upload_parse_retry_schedule(val, &s->retry_schedule, &s->retry_after_hours, reason,
                                         sizeof reason))
            goto bad;
    } else if (strcmp(opt, "--hours") == 0) {
        if (!upload_parse_hours(val, start, end, reason, sizeof reason))
            goto bad;
        s->hours = val;
    } else if (strcmp(opt, "--days") == 0) {
        if (!upload_parse_days(val, &mask, reason, sizeof reason))
            goto bad;
        s->days = val;
    } else {
        return 0;
    }
    return 1;
bad:
    fprintf(stderr, "dialtop %s: %s: %s\n", cmd, opt, reason);
    return -1;
}
