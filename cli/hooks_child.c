/* `dialtop hooks` as a child process; see hooks_child.h. */
#include "hooks_child.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "child_proc.h"

void hooks_child_make_token(char *out, size_t len)
{
    child_proc_secret(out, len, "");
}

bool hooks_child_start(hooks_child_t *c, const char *program, const char *db_path,
                       const char *token, const char *log_path, bool die_with_parent,
                       const char *const *extra, char *err, size_t err_len)
{
    memset(c, 0, sizeof *c);
    /* Our own executable by its real path, so `ps` names it dialtop. */
    char self[PATH_MAX];
    if (!program) {
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        if (n <= 0) {
            snprintf(err, err_len, "cannot find the dialtop executable: %s", strerror(errno));
            return false;
        }
        self[n] = '\0';
        program = self;
    }
    const char *const argv[] = {program, "hooks", "--listen", "127.0.0.1:0", "--db", db_path, NULL};
    child_proc_spec_t spec = {
        .argv = argv,
        .extra = extra,
        .who = "dialtop hooks",
        .env_name = "DIALTOP_HOOKS_TOKEN",
        .env_value = token,
        .log_path = log_path,
        .die_with_parent = die_with_parent,
    };
    if (!child_proc_start(&spec, &c->pid, &c->port, err, err_len))
        return false;
    snprintf(c->url, sizeof c->url, "http://127.0.0.1:%d", c->port);
    return true;
}

void hooks_child_stop(hooks_child_t *c)
{
    child_proc_stop(&c->pid);
}

void hooks_child_kill(hooks_child_t *c)
{
    child_proc_kill(&c->pid);
}
