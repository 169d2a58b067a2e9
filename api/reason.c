/* One sentence into an optional caller buffer (see reason.h). */
#include "reason.h"

#include <stdarg.h>
#include <stdio.h>

bool reason_fail(char *reason, size_t len, const char *fmt, ...)
{
    if (reason && len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(reason, len, fmt, ap);
        va_end(ap);
    }
    return false;
}
