/* Campaign settings flags; see upload_args.h. */
#include "upload_args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exit_codes.h"

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

static bool bad(const char *cmd, const char *opt, const char *reason)
{
    fprintf(stderr, "dialtop %s: %s: %s\n", cmd, opt, reason);
    return false;
}

bool upload_args_take(const char *cmd, int id, const char *val, upload_settings_t *s)
{
    char reason[UPLOAD_REASON_MAX], start[6], end[6];
    unsigned mask;
    long n;
    switch (id) {
    case UPLOAD_OPT_NAME: s->name = val; break;
    case UPLOAD_OPT_AT: s->at = val; break;
    case UPLOAD_OPT_TZ: s->tz = val; break;
    case UPLOAD_OPT_PHONE_NUMBER_ID: s->phone_number_id = val; break;
    case UPLOAD_OPT_AGENT_ID: s->agent_id = val; break;
    case UPLOAD_OPT_CONCURRENCY:
        if (!positive(val, 1000, &n)) {
            fprintf(stderr, "dialtop %s: --concurrency needs a number 1 to 1000\n", cmd);
            return false;
        }
        s->concurrency = (int)n;
        break;
    case UPLOAD_OPT_MAX_CALLS_PER_DAY:
        if (!positive(val, 100000, &n)) {
            fprintf(stderr, "dialtop %s: --max-calls-per-day needs a number 1 to 100000\n", cmd);
            return false;
        }
        s->max_calls_per_day = (int)n;
        break;
    case UPLOAD_OPT_RETRY_LIMIT:
        if (!(strlen(val) == 1 && val[0] >= '0' && val[0] <= '5')) {
            fprintf(stderr, "dialtop %s: --retry-limit needs a number 0 to 5\n", cmd);
            return false;
        }
        s->retry_limit = val[0] - '0';
        break;
    case UPLOAD_OPT_RETRY_SCHEDULE:
        if (!upload_parse_retry_schedule(val, &s->retry_schedule, &s->retry_after_hours, reason,
                                         sizeof reason))
            return bad(cmd, "--retry-schedule", reason);
        break;
    case UPLOAD_OPT_HOURS:
        if (!upload_parse_hours(val, start, end, reason, sizeof reason))
            return bad(cmd, "--hours", reason);
        s->hours = val;
        break;
    case UPLOAD_OPT_DAYS:
        if (!upload_parse_days(val, &mask, reason, sizeof reason))
            return bad(cmd, "--days", reason);
        s->days = val;
        break;
    default: return false;
    }
    return true;
}

int upload_args_refuse(const char *cmd, int id, const char *text, void (*usage)(FILE *out))
{
    if (id == CLI_OPT_NO_VALUE) {
        fprintf(stderr, "dialtop %s: %s needs a value\n", cmd, text);
    } else {
        fprintf(stderr, "dialtop %s: unknown option %s\n", cmd, text);
        usage(stderr);
    }
    return DIALTOP_EXIT_USAGE;
}
