/* dialtop-sim as a child process; see sim_child.h for why it is built so. */
#include "sim_child.h"
#include "owned_tmp.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define START_TIMEOUT_MS 10000

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

static void make_api_key(char *out, size_t len)
{
    unsigned char raw[16];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    bool ok = fd >= 0 && read(fd, raw, sizeof raw) == (ssize_t)sizeof raw;
    if (fd >= 0)
        close(fd);
    if (!ok) { /* still unique per run; the sim only listens on loopback */
        unsigned long seed = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16);
        for (size_t i = 0; i < sizeof raw; i++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            raw[i] = (unsigned char)(seed >> 33);
        }
    }
    size_t n = 0;
    n += (size_t)snprintf(out, len, "sim_");
    for (size_t i = 0; i < sizeof raw && n + 2 < len; i++)
        n += (size_t)snprintf(out + n, len - n, "%02x", raw[i]);
}

/* Reads the child's first stdout line ("listening on http://127.0.0.1:PORT")
 * within the deadline. */
static bool read_listen_line(int fd, pid_t pid, int *port, char *err, size_t err_len)
{
    char line[256];
    size_t used = 0;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long elapsed = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (elapsed >= START_TIMEOUT_MS) {
            snprintf(err, err_len, "dialtop-sim did not report its port within %d s",
                     START_TIMEOUT_MS / 1000);
            return false;
        }
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        int r = poll(&pfd, 1, (int)(START_TIMEOUT_MS - elapsed));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            continue;
        ssize_t got = read(fd, line + used, sizeof line - 1 - used);
        if (got <= 0) {
            int status;
            if (waitpid(pid, &status, WNOHANG) == pid && WIFEXITED(status))
                snprintf(err, err_len, "dialtop-sim exited with status %d before listening",
                         WEXITSTATUS(status));
            else
                snprintf(err, err_len, "dialtop-sim closed its output before listening");
            return false;
        }
        used += (size_t)got;
        line[used] = '\0';
        char *nl = strchr(line, '\n');
        if (nl) {
            *nl = '\0';
            const char *colon = strrchr(line, ':');
            long p = colon ? strtol(colon + 1, NULL, 10) : 0;
            if (strncmp(line, "listening on http://", 20) != 0 || p <= 0 || p > 65535) {
                snprintf(err, err_len, "unexpected first line from dialtop-sim: %.120s", line);
                return false;
            }
            *port = (int)p;
            return true;
        }
        if (used >= sizeof line - 1) {
            snprintf(err, err_len, "dialtop-sim's first line is too long");
            return false;
        }
    }
}

bool sim_child_spawn(const char *program, const char *const *args, const char *api_key,
                     const char *log_path, bool die_with_parent, pid_t *pid_out, int *port,
                     char *err, size_t err_len)
{
    const char *argv[64];
    size_t argc = 0;
    argv[argc++] = program;
    argv[argc++] = "--listen";
    argv[argc++] = "127.0.0.1:0";
    for (size_t i = 0; args && args[i]; i++) {
        if (argc == 63) {
            snprintf(err, err_len, "too many arguments for dialtop-sim");
            return false;
        }
        argv[argc++] = args[i];
    }
    argv[argc] = NULL;

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
        /* Die with the console, whatever kills it. */
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
        if (api_key)
            setenv("DIALTOP_SIM_API_KEY", api_key, 1);
        else
            unsetenv("DIALTOP_SIM_API_KEY");
        execv(program, (char *const *)argv);
        _exit(127);
    }
    close(pipefd[1]);
    bool ok = read_listen_line(pipefd[0], pid, port, err, err_len);
    /* dialtop-sim writes nothing else to stdout and ignores SIGPIPE, so
     * closing our end is safe. */
    close(pipefd[0]);
    if (!ok) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        return false;
    }
    *pid_out = pid;
    return true;
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
    make_api_key(c->api_key, sizeof c->api_key);

    char state_path[PATH_MAX], log_path[PATH_MAX];
    snprintf(state_path, sizeof state_path, "%s/state.json", c->dir);
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
    if (c->pid > 0) {
        kill(c->pid, SIGTERM);
        int status;
        bool gone = false;
        for (int i = 0; i < 100 && !gone; i++) { /* up to a second */
            pid_t r = waitpid(c->pid, &status, WNOHANG);
            if (r == c->pid || (r < 0 && errno == ECHILD))
                gone = true;
            else
                usleep(10000);
        }
        if (!gone) {
            kill(c->pid, SIGKILL);
            waitpid(c->pid, &status, 0);
        }
        c->pid = 0;
    }
    if (c->own_dir && c->dir[0]) {
        owned_tmp_remove(c->dir);
        c->own_dir = false;
    }
}
