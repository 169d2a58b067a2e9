/* The cleaned list (`dialtop import FILE --dry-run --out CLEAN.csv`): the
 * accepted rows as they would be uploaded; see export.h. */
#include "export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import_store.h"

FILE *export_open_new(const char *path, char *why, size_t why_len)
{
    /* O_EXCL: never over an existing file; O_NOFOLLOW: never through a
     * planted symlink; 0600: contact lists are personal data. */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            snprintf(why, why_len, "%s already exists; dialtop never writes over a file", path);
        else
            snprintf(why, why_len, "cannot create %s: %s", path, strerror(errno));
        return NULL;
    }
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        snprintf(why, why_len, "cannot write %s: %s", path, strerror(errno));
        close(fd);
        unlink(path);
    }
    return f;
}

static bool put(FILE *out, const char *s)
{
    return export_write_cell(out, s, strlen(s));
}

bool export_clean_csv(FILE *out, const import_result_t *r)
{
    size_t nvars = import_store_var_count(r->store);
    bool ok = fputs("line,phone,type,extension", out) != EOF;
    /* the extension variable is last and has its own column */
    for (size_t k = 0; ok && k + 1 < nvars; k++)
        ok = putc(',', out) != EOF && put(out, import_store_var_name(r->store, k));
    ok = ok && fputs("\r\n", out) != EOF;
    for (size_t i = 0; ok && i < (size_t)r->accepted; i++) {
        import_contact_t c;
        import_result_contact(r, i, &c);
        /* the packed cells: the context columns, then the extension */
        const char *ext = c.cells_;
        for (size_t k = 0; k + 1 < nvars; k++)
            ext += strlen(ext) + 1;
        char line[24];
        snprintf(line, sizeof line, "%ld", c.line);
        ok = fputs(line, out) != EOF && putc(',', out) != EOF && put(out, c.phone) &&
             putc(',', out) != EOF && put(out, phone_type_name(c.type)) &&
             putc(',', out) != EOF && put(out, nvars ? ext : "");
        const char *p = c.cells_;
        for (size_t k = 0; ok && k + 1 < nvars; k++, p += strlen(p) + 1)
            ok = putc(',', out) != EOF && put(out, p);
        ok = ok && fputs("\r\n", out) != EOF;
    }
    return ok && fflush(out) == 0;
}
