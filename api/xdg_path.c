/* Where dialtop keeps its files (see xdg_path.h). */
#include "xdg_path.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool xdg_path(xdg_base_t base, const char *name, char *out, size_t len)
{
    const char *var = getenv(base == XDG_CONFIG ? "XDG_CONFIG_HOME" : "XDG_STATE_HOME");
    const char *home = getenv("HOME");
    const char *sep = name && name[0] ? "/" : "";
    name = name ? name : "";
    int n;
    if (var && var[0] == '/')
        n = snprintf(out, len, "%s/dialtop%s%s", var, sep, name);
    else if (home && home[0])
        n = snprintf(out, len, "%s/%s/dialtop%s%s", home,
                     base == XDG_CONFIG ? ".config" : ".local/state", sep, name);
    else
        return false;
    return n > 0 && (size_t)n < len;
}

char *xdg_path_dup(xdg_base_t base, const char *name)
{
    char buf[PATH_MAX];
    return xdg_path(base, name, buf, sizeof buf) ? strdup(buf) : NULL;
}

bool xdg_make_parents(const char *file, char *failed_dir, size_t failed_len)
{
    char dir[PATH_MAX];
    int n = snprintf(dir, sizeof dir, "%s", file);
    if (n < 0 || (size_t)n >= sizeof dir) {
        errno = ENAMETOOLONG;
        if (failed_dir && failed_len)
            snprintf(failed_dir, failed_len, "%s", file);
        return false;
    }
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return true; /* in the current or the root directory */
    *slash = '\0';
    for (char *p = dir + 1;; p++) {
        bool end = *p == '\0';
        if (*p == '/' || end) {
            char saved = *p;
            *p = '\0';
            if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
                int e = errno;
                if (failed_dir && failed_len)
                    snprintf(failed_dir, failed_len, "%s", dir);
                errno = e;
                return false;
            }
            *p = saved;
        }
        if (end)
            break;
    }
    return true;
}

char *xdg_expand_home(const char *path)
{
    const char *home = getenv("HOME");
    if (path[0] == '~' && path[1] == '/' && home) {
        size_t n = strlen(home) + strlen(path);
        char *s = malloc(n);
        if (s)
            snprintf(s, n, "%s%s", home, path + 1);
        return s;
    }
    return strdup(path);
}
