/* Process-wide protections: see process_guard.h. */
#include "process_guard.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

bool process_guard_apply(void)
{
    bool ok = true;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = SIG_IGN;
    ok = sigaction(SIGPIPE, &sa, NULL) == 0 && ok;
    struct rlimit none = {0, 0};
    ok = setrlimit(RLIMIT_CORE, &none) == 0 && ok;
    ok = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 && ok;
    return ok;
}
