/* One sentence into an optional caller buffer (see reason.h). */
#include "reason.h"

#include <stdio.h>

bool reason_vfail(char *reason, size_t len, const char *fmt, va_list ap)
{
    if (reason && len)
        vsnprintf(reason, len, fmt, ap);
    return false;
}

bool reason_fail(char *reason, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    reason_vfail(reason, len, fmt, ap);
    va_end(ap);
    return false;
}
