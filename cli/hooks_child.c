/* `dialtop hooks` as a child process; see hooks_child.h. */
#include "hooks_child.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

void hooks_child_make_token(char *out, size_t len)
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
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < sizeof raw && n + 2 < len; i++)
        n += (size_t)snprintf(out + n, len - n, "%02x", raw[i]);
}

static long elapsed_ms(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* The child's first stdout line, "listening on http://127.0.0.1:PORT". */
static bool read_port(int fd, int *port, char *err, size_t err_len)
{
    char line[256];
    size_t used = 0;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        long left = START_TIMEOUT_MS - elapsed_ms(&start);
        if (left <= 0) {
            snprintf(err, err_len, "dialtop hooks did not report its port within %d s",
                     START_TIMEOUT_MS / 1000);
            return false;
        }
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        int r = poll(&pfd, 1, (int)left);
        if (r <= 0)
            continue;
        ssize_t got = read(fd, line + used, sizeof line - 1 - used);
        if (got <= 0) {
            snprintf(err, err_len, "dialtop hooks exited before listening (see its log)");
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
                snprintf(err, err_len, "unexpected first line from dialtop hooks: %.120s", line);
                return false;
            }
            *port = (int)p;
            return true;
        }
        if (used >= sizeof line - 1) {
            snprintf(err, err_len, "dialtop hooks' first line is too long");
            return false;
        }
    }
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
    const char *argv[40];
    size_t argc = 0;
    argv[argc++] = program;
    argv[argc++] = "hooks";
    argv[argc++] = "--listen";
    argv[argc++] = "127.0.0.1:0";
    argv[argc++] = "--db";
    argv[argc++] = db_path;
    for (size_t i = 0; extra && extra[i] && argc < 39; i++)
        argv[argc++] = extra[i];
    argv[argc] = NULL;
    int pipefd[2];
    if (pipe(pipefd) != 0) {
        snprintf(err, err_len, "pipe: %s", strerror(errno));
        return false;
    }
    pid_t parent = getpid();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, err_len, "fork: %s", strerror(errno));
        close(pipefd[0]);
        close(pipefd[1]);
        return false;
    }
    if (pid == 0) {
        if (die_with_parent) {
            prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (getppid() != parent)
                _exit(127);
        }
        dup2(pipefd[1], STDOUT_FILENO);
        if (log_path) {
            int logfd = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
            if (logfd >= 0)
                dup2(logfd, STDERR_FILENO);
        }
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, STDIN_FILENO);
        close(pipefd[0]);
        close(pipefd[1]);
        setenv("DIALTOP_HOOKS_TOKEN", token, 1);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(pipefd[1]);
    bool ok = read_port(pipefd[0], &c->port, err, err_len);
    close(pipefd[0]);
    if (!ok) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        return false;
    }
    c->pid = pid;
    snprintf(c->url, sizeof c->url, "http://127.0.0.1:%d", c->port);
    return true;
}

void hooks_child_stop(hooks_child_t *c)
{
    if (c->pid <= 0)
        return;
    kill(c->pid, SIGTERM);
    bool gone = false;
    for (int i = 0; i < 100 && !gone; i++) {
        pid_t r = waitpid(c->pid, NULL, WNOHANG);
        if (r == c->pid || (r < 0 && errno == ECHILD))
            gone = true;
        else
            usleep(10000);
    }
    if (!gone) {
        kill(c->pid, SIGKILL);
        waitpid(c->pid, NULL, 0);
    }
    c->pid = 0;
}

void hooks_child_kill(hooks_child_t *c)
{
    if (c->pid <= 0)
        return;
    kill(c->pid, SIGKILL);
    waitpid(c->pid, NULL, 0);
    c->pid = 0;
}
