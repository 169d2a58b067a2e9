/* New output files for contact data: see outfile.h. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool same_file(const char *path, const char *input)
{
    struct stat a, b;
    if (!input)
        return false;
    if (strcmp(path, input) == 0)
        return true;
    return stat(path, &a) == 0 && stat(input, &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

bool outfile_check(const char *path, const char *input, char *err, size_t err_len)
{
    struct stat st;
    if (!path || !*path) {
        snprintf(err, err_len, "no output file named");
        return false;
    }
    if (same_file(path, input)) {
        snprintf(err, err_len, "%s is the input file; name a new file", path);
        return false;
    }
    if (lstat(path, &st) == 0) {
        snprintf(err, err_len, "%s already exists%s; name a new file (nothing is overwritten)",
                 path, S_ISLNK(st.st_mode) ? " (a symbolic link)" : "");
        return false;
    }
    return true;
}

FILE *outfile_create(const char *path, const char *input, char *err, size_t err_len)
{
    if (!outfile_check(path, input, err, err_len))
        return NULL;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST || errno == ELOOP)
            snprintf(err, err_len, "%s already exists; name a new file (nothing is overwritten)",
                     path);
        else
            snprintf(err, err_len, "cannot create %s: %s", path, strerror(errno));
        return NULL;
    }
    /* The umask may only have narrowed 0600; make sure it is not wider. */
    fchmod(fd, 0600);
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        snprintf(err, err_len, "cannot write %s: %s", path, strerror(errno));
        close(fd);
        unlink(path);
    }
    return f;
}
