/* Test helper that runs dialtop-sim; see simproc.h. */
#include "simproc.h"

#include <errno.h>
#include <poll.h>
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

/* Reads the first line from fd within timeout seconds. */
static bool read_line(int fd, char *buf, size_t len, double timeout)
{
    size_t used = 0;
    double end = now_s() + timeout;
    while (used + 1 < len) {
        int left = (int)((end - now_s()) * 1000);
        if (left <= 0)
            return false;
        struct pollfd p = {fd, POLLIN, 0};
        int r = poll(&p, 1, left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        ssize_t n = read(fd, buf + used, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false; /* the child closed stdout: it died */
        if (buf[used] == '\n') {
            buf[used] = '\0';
            return true;
        }
        used++;
    }
    return false;
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
    size_t nextra = 0;
    while (extra_args && extra_args[nextra])
        nextra++;
    const char **argv = calloc(nextra + 4, sizeof *argv);
    simproc_t *sp = calloc(1, sizeof *sp);
    int fds[2];
    if (!argv || !sp || pipe(fds) != 0) {
        free(argv);
        free(sp);
        fprintf(stderr, "simproc: out of resources\n");
        return NULL;
    }
    argv[0] = bin;
    argv[1] = "--listen";
    argv[2] = "127.0.0.1:0";
    for (size_t i = 0; i < nextra; i++)
        argv[3 + i] = extra_args[i];
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        if (api_key)
            setenv("DIALTOP_SIM_API_KEY", api_key, 1);
        else
            unsetenv("DIALTOP_SIM_API_KEY");
        execv(bin, (char *const *)argv);
        _exit(127);
    }
    close(fds[1]);
    free(argv);
    if (pid < 0) {
        close(fds[0]);
        free(sp);
        fprintf(stderr, "simproc: fork failed: %s\n", strerror(errno));
        return NULL;
    }
    sp->pid = pid;
    char line[256];
    bool ok = read_line(fds[0], line, sizeof line, 10.0);
    /* The sim writes nothing else to stdout; closing our end is safe
     * because it ignores SIGPIPE. */
    close(fds[0]);
    int port = 0;
    if (!ok || sscanf(line, "listening on http://127.0.0.1:%d", &port) != 1 || port <= 0) {
        fprintf(stderr, "simproc: %s did not report its port (%s)\n", bin,
                ok ? line : "no line within 10 s or it exited");
        simproc_kill(sp);
        return NULL;
    }
    sp->port = port;
    snprintf(sp->url, sizeof sp->url, "http://127.0.0.1:%d", port);
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
