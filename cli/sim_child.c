/* dialtop-sim as a child process; see sim_child.h for why it is built so. */
#include "sim_child.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "child_proc.h"
#include "owned_tmp.h"

static bool is_executable(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

bool sim_child_find_program(char *out, size_t out_len)
{
    const char *env = getenv("DIALTOP_SIM_BIN");
    if (env && *env && is_executable(env)) {
        snprintf(out, out_len, "%s", env);
        return true;
    }
    /* Beside our own executable: build/dialtop next to build/dialtop-sim,
     * or both installed in the same bin directory. */
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
        char *slash = strrchr(self, '/');
        if (slash) {
            *slash = '\0';
            char cand[PATH_MAX + 16];
            snprintf(cand, sizeof cand, "%s/dialtop-sim", self);
            if (is_executable(cand)) {
                snprintf(out, out_len, "%s", cand);
                return true;
            }
        }
    }
    const char *path = getenv("PATH");
    if (!path)
        return false;
    char *copy = strdup(path);
    if (!copy)
        return false;
    bool found = false;
    for (char *save = NULL, *dir = strtok_r(copy, ":", &save); dir && !found;
         dir = strtok_r(NULL, ":", &save)) {
        char cand[PATH_MAX];
        snprintf(cand, sizeof cand, "%s/dialtop-sim", *dir ? dir : ".");
        if (is_executable(cand)) {
            snprintf(out, out_len, "%s", cand);
            found = true;
        }
    }
    free(copy);
    return found;
}

bool sim_child_spawn(const char *program, const char *const *args, const char *api_key,
                     const char *log_path, bool die_with_parent, pid_t *pid_out, int *port,
                     char *err, size_t err_len)
{
    const char *const argv[] = {program, "--listen", "127.0.0.1:0", NULL};
    child_proc_spec_t spec = {
        .argv = argv,
        .extra = args,
        .who = "dialtop-sim",
        .env_name = "DIALTOP_SIM_API_KEY",
        .env_value = api_key,
        .log_path = log_path,
        .die_with_parent = die_with_parent,
    };
    return child_proc_start(&spec, pid_out, port, err, err_len);
}

bool sim_child_start(sim_child_t *c, const char *program, const char *state_dir,
                     const char *const *extra_args, char *err, size_t err_len)
{
    memset(c, 0, sizeof *c);
    if (state_dir) {
        snprintf(c->dir, sizeof c->dir, "%s", state_dir);
    } else {
        /* swept at a later start if we are killed before removing it */
        if (!owned_tmp_make(c->dir, sizeof c->dir, err, err_len))
            return false;
        c->own_dir = true;
    }
    child_proc_secret(c->api_key, sizeof c->api_key, "sim_");

    char state_path[PATH_MAX], log_path[PATH_MAX];
    snprintf(state_path, sizeof state_path, "%s/state.db", c->dir);
    snprintf(log_path, sizeof log_path, "%s/sim.log", c->dir);
    const char *args[64];
    size_t n = 0;
    args[n++] = "--state";
    args[n++] = state_path;
    for (size_t i = 0; extra_args && extra_args[i] && n < 63; i++)
        args[n++] = extra_args[i];
    args[n] = NULL;

    if (!sim_child_spawn(program, args, c->api_key, log_path, true, &c->pid, &c->port, err,
                         err_len)) {
        c->pid = 0;
        sim_child_stop(c);
        return false;
    }
    if (c->own_dir)
        owned_tmp_add_owner(c->dir, c->pid); /* it writes there until it ends */
    snprintf(c->url, sizeof c->url, "http://127.0.0.1:%d", c->port);
    return true;
}

void sim_child_stop(sim_child_t *c)
{
    child_proc_stop(&c->pid);
    if (c->own_dir && c->dir[0]) {
        owned_tmp_remove(c->dir);
        c->own_dir = false;
    }
}
