/* The header row of an import: column names (trimmed, empty ones named
 * column_N), duplicate names refused, the phone column found (by index,
 * by name or by the usual names), the context variables in column order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import_internal.h"

/* In priority order: the first present in the header wins. */
static const char *const phone_names[] = {
    "phone_number", "phone", "number", "phone number", "mobile",
    "to_number", "contact_number", "user_phone_number",
};

/* Written by export_rejects_csv; skipped so its file can be re-imported. */
static const char *const ignored_names[] = {"rejected_line", "rejected_reason"};

static void join_columns(importer_t *im, size_t n, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used + 1 < len; i++) {
        int w = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", im->columns[i]);
        if (w < 0 || (size_t)w >= len - used) {
            snprintf(buf + (len > 4 ? len - 4 : 0), len > 4 ? 4 : len, "...");
            break;
        }
        used += (size_t)w;
    }
}

bool import_take_header(importer_t *im, const reader_record_t *rec)
{
    import_result_t *res = im->res;
    size_t n = rec->nfields + rec->dropped_fields;
    res->encoding = im->info->encoding; /* known once the first chunk is read */
    if (n > im->max_columns) {
        import_fail(im, IMPORT_ERR_LIMIT, rec->line,
             "line %ld: the header has %zu columns; the limit is %zu (--max-columns)",
             rec->line, n, im->max_columns);
        return false;
    }
    if (rec->nul.field != READER_NO_FAULT || rec->bad_utf8.field != READER_NO_FAULT ||
        rec->too_long.field != READER_NO_FAULT) {
        import_fail(im, IMPORT_ERR_HEADER, rec->line,
             "line %ld: the header row has a NUL byte, bytes that are not valid %s, or a "
             "name over the size limit", rec->line, encoding_name(res->encoding));
        return false;
    }
    /* one more name than columns: the extension variable */
    im->columns = import_store_alloc(im->st, (n + 1) * sizeof *im->columns);
    im->ignored = calloc(n ? n : 1, sizeof *im->ignored);
    size_t *vars = malloc((n + 1) * sizeof *vars);
    if (!im->columns || !im->ignored || !vars) {
        free(vars);
        import_fail(im, IMPORT_ERR_NOMEM, 0, "out of memory");
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char name[32];
        const char *s = rec->fields[i];
        size_t len = rec->lens[i];
        /* a quoted " phone " still names the phone column */
        while (len && (*s == ' ' || *s == '\t'))
            s++, len--;
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
            len--;
        if (len == 0) {
            /* "a,b," is common; an empty key would be useless downstream */
            len = (size_t)snprintf(name, sizeof name, "column_%zu", i + 1);
            s = name;
        }
        im->columns[i] = import_store_strndup(im->st, s, len);
        if (!im->columns[i]) {
            free(vars);
            import_fail(im, IMPORT_ERR_NOMEM, 0, "out of memory");
            return false;
        }
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            if (strcasecmp(im->columns[i], im->columns[j]) == 0) {
                free(vars);
                import_fail(im, IMPORT_ERR_HEADER, rec->line,
                     "line %ld: duplicate column names: \"%s\" (column %zu) and \"%s\" "
                     "(column %zu); rename one", rec->line, im->columns[i], i + 1,
                     im->columns[j], j + 1);
                return false;
            }
        }
        for (size_t k = 0; k < sizeof ignored_names / sizeof ignored_names[0]; k++)
            im->ignored[i] |= strcasecmp(im->columns[i], ignored_names[k]) == 0;
    }

    size_t phone = n;
    if (im->opt->phone_index >= 0) {
        if ((size_t)im->opt->phone_index >= n) {
            import_fail(im, IMPORT_ERR_NO_PHONE, rec->line,
                 "the file has %zu column%s, so there is no column %ld for the phone", n,
                 n == 1 ? "" : "s", im->opt->phone_index + 1);
            free(vars);
            return false;
        }
        phone = (size_t)im->opt->phone_index;
    } else if (im->opt->phone_column) {
        for (size_t i = 0; i < n && phone == n; i++)
            if (strcasecmp(im->columns[i], im->opt->phone_column) == 0)
                phone = i;
    } else {
        for (size_t k = 0; k < sizeof phone_names / sizeof phone_names[0] && phone == n; k++)
            for (size_t i = 0; i < n && phone == n; i++)
                if (strcasecmp(im->columns[i], phone_names[k]) == 0)
                    phone = i;
    }
    if (phone == n) {
        char list[200];
        join_columns(im, n, list, sizeof list);
        if (im->opt->phone_column)
            import_fail(im, IMPORT_ERR_NO_PHONE, rec->line,
                 "no column named \"%s\" (--phone-column); the columns are: %s",
                 im->opt->phone_column, list);
        else
            import_fail(im, IMPORT_ERR_NO_PHONE, rec->line,
                 "no phone column: call it phone_number, phone, number, mobile, to_number, "
                 "contact_number or user_phone_number, or name it with --phone-column; "
                 "the columns are: %s", list);
        free(vars);
        return false;
    }
    size_t nvars = 0;
    for (size_t i = 0; i < n; i++)
        if (i != phone && !im->ignored[i])
            vars[nvars++] = i;
    /* extensions split off the phone go last, under a name the file does not use */
    im->columns[n] = "extension";
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(im->columns[i], "extension") == 0)
            im->columns[n] = "phone_extension";
    vars[nvars++] = n;
    res->extension_var = im->columns[n];
    bool ok = import_store_set_var_columns(im->st, vars, nvars, im->columns);
    free(vars);
    if (!ok) {
        import_fail(im, IMPORT_ERR_NOMEM, 0, "out of memory");
        return false;
    }
    res->ncolumns = n;
    res->columns = im->columns;
    res->phone_index = phone;
    res->phone_detected = im->opt->phone_column == NULL && im->opt->phone_index < 0;
    im->have_header = true;
    return true;
}
