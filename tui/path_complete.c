/* File path completion for prompts (see path_complete.h). */
#include "path_complete.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

#define DIR_LEN 1024

bool path_complete(char *path, size_t cap, char *msg, size_t msg_len)
{
    char dir[DIR_LEN], *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path + 1), path);
    else
        snprintf(dir, sizeof dir, "./");
    DIR *dp = opendir(dir);
    if (!dp) {
        snprintf(msg, msg_len, "no such directory");
        return false;
    }
    size_t blen = strlen(base), common = 0, matches = 0;
    char best[256] = "";
    bool best_dir = false;
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (strncmp(e->d_name, base, blen) != 0 || strcmp(e->d_name, ".") == 0 ||
            strcmp(e->d_name, "..") == 0 || (e->d_name[0] == '.' && blen == 0))
            continue;
        if (matches++ == 0) {
            snprintf(best, sizeof best, "%s", e->d_name);
            common = strlen(best);
            best_dir = e->d_type == DT_DIR;
        } else {
            size_t k = 0;
            while (k < common && best[k] == e->d_name[k])
                k++;
            common = k;
        }
    }
    closedir(dp);
    if (matches == 0) {
        snprintf(msg, msg_len, "no file starts with that");
        return false;
    }
    msg[0] = '\0';
    size_t keep = (size_t)(base - path);
    snprintf(path + keep, cap - keep, "%.*s%s", (int)common, best,
             matches == 1 && best_dir ? "/" : "");
    return true;
}
