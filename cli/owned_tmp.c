/* Temporary directories swept when their owners are gone: see owned_tmp.h. */
#include "owned_tmp.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OWNER_FILE "owner"

static const char *tmp_base(void)
{
    const char *tmp = getenv("TMPDIR");
    return tmp && *tmp ? tmp : "/tmp";
}

void owned_tmp_remove(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        char path[PATH_MAX];
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            struct stat st;
            if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
                unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
}

/* A process that exists and is not a zombie (a killed console's child may
 * wait as a zombie for a reaper that never comes, in a container). */
static bool pid_alive(long pid)
{
    if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
        return false;
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return true; /* no /proc: trust kill() */
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *paren = strrchr(buf, ')');
    return !(paren && paren[1] == ' ' && paren[2] == 'Z');
}

/* Every pid in the owner note is gone (kill(pid, 0) says ESRCH). False
 * when there is no note, or one owner is still alive. */
static bool owners_gone(const char *dir)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/" OWNER_FILE, dir) >= (int)sizeof path)
        return false;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return false;
    char buf[256];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return false;
    buf[n] = '\0';
    size_t owners = 0;
    for (char *p = buf, *end; *p; p = end) {
        long pid = strtol(p, &end, 10);
        if (end == p)
            break;
        if (pid <= 0)
            return false;
        owners++;
        if (pid_alive(pid))
            return false;
        while (*end == '\n' || *end == ' ')
            end++;
    }
    return owners > 0;
}

/* Removes every directory in `base` named OWNED_TMP_PREFIX* that is ours
 * (our uid, a real directory, not a symlink) and whose owners are all
 * gone. A directory without an owner note is left alone. Returns how many
 * were removed. */
static size_t owned_tmp_sweep(const char *base)
{
    DIR *d = opendir(base);
    if (!d)
        return 0;
    size_t removed = 0;
    struct dirent *e;
    char path[PATH_MAX];
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, OWNED_TMP_PREFIX, sizeof OWNED_TMP_PREFIX - 1) != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", base, e->d_name);
        struct stat st;
        if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid())
            continue;
        if (owners_gone(path)) {
            owned_tmp_remove(path);
            removed++;
        }
    }
    closedir(d);
    return removed;
}

void owned_tmp_add_owner(const char *dir, pid_t pid)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/" OWNER_FILE, dir) >= (int)sizeof path)
        return;
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    char line[32];
    int n = snprintf(line, sizeof line, "%ld\n", (long)pid);
    if (n > 0 && write(fd, line, (size_t)n) != n) {
        /* a short note only means this directory is never swept */
    }
    close(fd);
}

bool owned_tmp_make(char *dir, size_t len, char *err, size_t err_len)
{
    const char *base = tmp_base();
    owned_tmp_sweep(base);
    snprintf(dir, len, "%s/" OWNED_TMP_PREFIX "XXXXXX", base);
    if (!mkdtemp(dir)) {
        snprintf(err, err_len, "cannot make a temporary directory: %s", strerror(errno));
        return false;
    }
    owned_tmp_add_owner(dir, getpid());
    return true;
}
