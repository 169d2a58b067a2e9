/* A local server as our child process (see child_proc.h). */
#include "child_proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define START_TIMEOUT_MS 10000

void child_proc_secret(char *out, size_t len, const char *prefix)
{
    unsigned char raw[16];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    bool ok = fd >= 0 && read(fd, raw, sizeof raw) == (ssize_t)sizeof raw;
    if (fd >= 0)
        close(fd);
    if (!ok) {
        unsigned long seed = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16);
        for (size_t i = 0; i < sizeof raw; i++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            raw[i] = (unsigned char)(seed >> 33);
        }
    }
    int head = snprintf(out, len, "%s", prefix ? prefix : "");
    size_t n = head > 0 ? (size_t)head : 0;
    for (size_t i = 0; i < sizeof raw && n + 2 < len; i++)
        n += (size_t)snprintf(out + n, len - n, "%02x", raw[i]);
}

static long elapsed_ms(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* The child's first stdout line, "listening on http://127.0.0.1:PORT",
 * within the deadline. */
static bool read_listen_line(int fd, pid_t pid, const char *who, int *port, char *err,
                             size_t err_len)
{
    char line[256];
    size_t used = 0;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        long left = START_TIMEOUT_MS - elapsed_ms(&start);
        if (left <= 0) {
            snprintf(err, err_len, "%s did not report its port within %d s", who,
                     START_TIMEOUT_MS / 1000);
            return false;
        }
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        if (poll(&pfd, 1, (int)left) <= 0)
            continue; /* EINTR or the deadline, checked above */
        ssize_t got = read(fd, line + used, sizeof line - 1 - used);
        if (got <= 0) {
            int status;
            if (waitpid(pid, &status, WNOHANG) == pid && WIFEXITED(status))
                snprintf(err, err_len, "%s exited with status %d before listening (see its log)",
                         who, WEXITSTATUS(status));
            else
                snprintf(err, err_len, "%s closed its output before listening (see its log)",
                         who);
            return false;
        }
        used += (size_t)got;
        line[used] = '\0';
        char *nl = strchr(line, '\n');
        if (nl) {
            *nl = '\0';
            const char *colon = strrchr(line, ':');
            long p = colon ? strtol(colon + 1, NULL, 10) : 0;
            if (strncmp(line, "listening on http", 17) != 0 || p <= 0 || p > 65535) {
                snprintf(err, err_len, "unexpected first line from %s: %.120s", who, line);
                return false;
            }
            *port = (int)p;
            return true;
        }
        if (used >= sizeof line - 1) {
            snprintf(err, err_len, "%s's first line is too long", who);
            return false;
        }
    }
}

/* spec's argv then its extra arguments, NULL-terminated, into argv. */
static bool join_args(const child_proc_spec_t *spec, const char *argv[CHILD_PROC_MAX_ARGS + 1],
                      char *err, size_t err_len)
{
    size_t argc = 0;
    for (int part = 0; part < 2; part++) {
        const char *const *from = part == 0 ? spec->argv : spec->extra;
        for (size_t i = 0; from && from[i]; i++) {
            if (argc == CHILD_PROC_MAX_ARGS) {
                snprintf(err, err_len, "too many arguments for %s", spec->who);
                return false;
            }
            argv[argc++] = from[i];
        }
    }
    argv[argc] = NULL;
    return true;
}

bool child_proc_start(const child_proc_spec_t *spec, pid_t *pid_out, int *port, char *err,
                      size_t err_len)
{
    const char *argv[CHILD_PROC_MAX_ARGS + 1];
    if (!join_args(spec, argv, err, err_len))
        return false;
    int pipefd[2];
    if (pipe(pipefd) != 0) {
        snprintf(err, err_len, "pipe: %s", strerror(errno));
        return false;
    }
    pid_t parent = getpid();
    fflush(NULL); /* no buffered output written twice by the child */
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, err_len, "fork: %s", strerror(errno));
        close(pipefd[0]);
        close(pipefd[1]);
        return false;
    }
    if (pid == 0) {
        if (spec->die_with_parent) {
            prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (getppid() != parent) /* we died before the line above */
                _exit(127);
        }
        dup2(pipefd[1], STDOUT_FILENO);
        if (spec->log_path) {
            int logfd = open(spec->log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
            if (logfd >= 0)
                dup2(logfd, STDERR_FILENO);
        }
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, STDIN_FILENO);
        close(pipefd[0]);
        close(pipefd[1]);
        if (spec->env_value)
            setenv(spec->env_name, spec->env_value, 1);
        else
            unsetenv(spec->env_name);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(pipefd[1]);
    bool ok = read_listen_line(pipefd[0], pid, spec->who, port, err, err_len);
    /* the servers write nothing else to stdout and ignore SIGPIPE, so
     * closing our end is safe */
    close(pipefd[0]);
    if (!ok) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        return false;
    }
    *pid_out = pid;
    return true;
}

void child_proc_stop(pid_t *pid)
{
    if (*pid <= 0)
        return;
    kill(*pid, SIGTERM);
    bool gone = false;
    for (int i = 0; i < 100 && !gone; i++) { /* up to a second */
        pid_t r = waitpid(*pid, NULL, WNOHANG);
        if (r == *pid || (r < 0 && errno == ECHILD))
            gone = true;
        else
            usleep(10000);
    }
    if (!gone) {
        kill(*pid, SIGKILL);
        waitpid(*pid, NULL, 0);
    }
    *pid = 0;
}

void child_proc_kill(pid_t *pid)
{
    if (*pid <= 0)
        return;
    kill(*pid, SIGKILL);
    waitpid(*pid, NULL, 0);
    *pid = 0;
}
