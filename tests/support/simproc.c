/* Test helper that runs dialtop-sim; see simproc.h. */
#include "simproc.h"

#include "sim_child.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct simproc {
    pid_t pid;
    int port;
    bool reaped;
    int status;
    char url[64];
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void reap(simproc_t *sp, bool block)
{
    if (sp->reaped)
        return;
    int st;
    pid_t r;
    do
        r = waitpid(sp->pid, &st, block ? 0 : WNOHANG);
    while (r < 0 && errno == EINTR);
    if (r == sp->pid || (r < 0 && errno == ECHILD)) {
        sp->reaped = true;
        sp->status = r == sp->pid ? st : 0;
    }
}

simproc_t *simproc_start(const char *api_key, const char *const *extra_args)
{
    const char *bin = getenv("DIALTOP_SIM_BIN");
    if (!bin || !*bin)
        bin = "build/dialtop-sim";
    if (access(bin, X_OK) != 0) {
        fprintf(stderr, "simproc: %s is not an executable (set DIALTOP_SIM_BIN)\n", bin);
        return NULL;
    }
    simproc_t *sp = calloc(1, sizeof *sp);
    if (!sp) {
        fprintf(stderr, "simproc: out of memory\n");
        return NULL;
    }
    /* Tests keep the child's stderr and let it outlive nothing but us:
     * the same spawn the console's --demo uses, without its temp state. */
    char err[256];
    if (!sim_child_spawn(bin, extra_args, api_key, NULL, true, &sp->pid, &sp->port, err,
                         sizeof err)) {
        fprintf(stderr, "simproc: %s: %s\n", bin, err);
        free(sp);
        return NULL;
    }
    snprintf(sp->url, sizeof sp->url, "http://127.0.0.1:%d", sp->port);
    return sp;
}

const char *simproc_url(const simproc_t *sp)
{
    return sp->url;
}

int simproc_port(const simproc_t *sp)
{
    return sp->port;
}

pid_t simproc_pid(const simproc_t *sp)
{
    return sp->pid;
}

bool simproc_alive(simproc_t *sp)
{
    reap(sp, false);
    return !sp->reaped;
}

static int exit_code(int st)
{
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    if (WIFSIGNALED(st))
        return 128 + WTERMSIG(st);
    return -1;
}

int simproc_stop(simproc_t *sp)
{
    if (!sp)
        return -1;
    reap(sp, false);
    if (!sp->reaped) {
        kill(sp->pid, SIGTERM);
        double end = now_s() + 5.0;
        while (!sp->reaped && now_s() < end) {
            struct timespec ts = {0, 10 * 1000000L};
            nanosleep(&ts, NULL);
            reap(sp, false);
        }
        if (!sp->reaped) {
            kill(sp->pid, SIGKILL);
            reap(sp, true);
        }
    }
    int rc = exit_code(sp->status);
    free(sp);
    return rc;
}

void simproc_kill(simproc_t *sp)
{
    if (!sp)
        return;
    reap(sp, false);
    if (!sp->reaped) {
        kill(sp->pid, SIGKILL);
        reap(sp, true);
    }
    free(sp);
}
