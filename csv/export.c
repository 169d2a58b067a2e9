/* CSV exports with formula-injection protection; see export.h. */
#include "export.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "encoding.h"

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

static bool needs_quotes(const char *s, size_t len)
{
    if (len == 0)
        return false;
    if (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t')
        return true; /* unquoted, a reader would trim them */
    for (size_t i = 0; i < len; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
            return true;
    return false;
}

static bool formula_start(const char *s, size_t len)
{
    return len > 0 && strchr("=+-@\t\r", s[0]) != NULL;
}

/* Writes s with quotes doubled and undecodable bytes replaced. */
static bool write_body(FILE *out, const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t bad = encoding_utf8_invalid_at(s + i, len - i);
        /* the clean run, with quotes doubled and NUL replaced */
        for (size_t k = i; k < i + bad; k++) {
            if (s[k] == '"') {
                if (fputs("\"\"", out) == EOF)
                    return false;
            } else if (s[k] == 0) {
                if (fputs(replacement, out) == EOF)
                    return false;
            } else if (putc(s[k], out) == EOF) {
                return false;
            }
        }
        i += bad;
        if (i < len) {
            if (fputs(replacement, out) == EOF)
                return false;
            i++;
        }
    }
    return true;
}

bool export_write_cell(FILE *out, const char *s, size_t len)
{
    bool guard = formula_start(s, len);
    bool quote = needs_quotes(s, len) || guard;
    if (quote && putc('"', out) == EOF)
        return false;
    if (guard && putc('\'', out) == EOF)
        return false;
    if (!write_body(out, (const unsigned char *)s, len))
        return false;
    return !quote || putc('"', out) != EOF;
}

static bool write_str(FILE *out, const char *s)
{
    return export_write_cell(out, s ? s : "", s ? strlen(s) : 0);
}

static bool write_sep(FILE *out)
{
    return putc(',', out) != EOF;
}

static bool write_eol(FILE *out)
{
    return fputs("\r\n", out) != EOF;
}

bool export_rejects_csv(FILE *out, const import_result_t *r)
{
    bool ok = write_str(out, "rejected_line") && write_sep(out) &&
              write_str(out, "rejected_reason");
    for (size_t c = 0; ok && c < r->ncolumns; c++)
        ok = write_sep(out) && write_str(out, r->columns[c]);
    ok = ok && write_eol(out);
    for (size_t i = 0; ok && i < r->nrejections; i++) {
        const import_rejection_t *j = &r->rejections[i];
        char line[32];
        snprintf(line, sizeof line, "%ld", j->line);
        size_t rlen = strlen(import_code_name(j->code)) + 2 + strlen(j->message) + 1;
        char *reason = malloc(rlen);
        if (!reason)
            return false;
        snprintf(reason, rlen, "%s: %s", import_code_name(j->code), j->message);
        ok = write_str(out, line) && write_sep(out) && write_str(out, reason);
        free(reason);
        for (size_t c = 0; ok && c < j->row.ncells; c++)
            ok = write_sep(out) && export_write_cell(out, j->row.cells[c], j->row.lens[c]);
        ok = ok && write_eol(out);
    }
    return ok && fflush(out) == 0 && !ferror(out);
}

static bool write_long(FILE *out, long v, bool known)
{
    char buf[32];
    if (!known)
        return true;
    snprintf(buf, sizeof buf, "%ld", v);
    return write_str(out, buf);
}

/* Keys in order of first appearance; small sets, so a linear scan. */
static bool collect_keys(const model_contact_t *cs, size_t n, const char ***keys, size_t *nkeys)
{
    size_t cap = 0;
    *keys = NULL;
    *nkeys = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t v = 0; v < cs[i].nvars; v++) {
            const char *k = cs[i].vars[v].key;
            size_t j = 0;
            while (j < *nkeys && strcmp((*keys)[j], k) != 0)
                j++;
            if (j < *nkeys)
                continue;
            if (*nkeys == cap) {
                cap = cap ? cap * 2 : 16;
                const char **nk = realloc(*keys, cap * sizeof *nk);
                if (!nk)
                    return false;
                *keys = nk;
            }
            (*keys)[(*nkeys)++] = k;
        }
    }
    return true;
}

bool export_contacts_csv(FILE *out, const model_contact_t *cs, size_t n)
{
    static const char *const fixed[] = {"phone", "state", "raw_state", "attempts",
                                        "last_attempt", "duration_s", "failure_reason", "id"};
    const char **keys;
    size_t nkeys;
    if (!collect_keys(cs, n, &keys, &nkeys)) {
        free(keys);
        return false;
    }
    bool ok = true;
    for (size_t f = 0; ok && f < sizeof fixed / sizeof fixed[0]; f++)
        ok = (f == 0 || write_sep(out)) && write_str(out, fixed[f]);
    for (size_t k = 0; ok && k < nkeys; k++)
        ok = write_sep(out) && write_str(out, keys[k]);
    ok = ok && write_eol(out);
    for (size_t i = 0; ok && i < n; i++) {
        const model_contact_t *c = &cs[i];
        char when[32] = "";
        if (c->last_attempt) {
            struct tm tm;
            if (gmtime_r(&c->last_attempt, &tm))
                strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        }
        ok = write_str(out, c->phone) && write_sep(out) &&
             write_str(out, model_contact_state_name(c->state)) && write_sep(out) &&
             write_str(out, c->raw_state) && write_sep(out) &&
             write_long(out, c->attempts, c->attempts >= 0) && write_sep(out) &&
             write_str(out, when) && write_sep(out) &&
             write_long(out, c->duration_s, c->duration_s >= 0) && write_sep(out) &&
             write_str(out, c->failure_reason) && write_sep(out) && write_str(out, c->id);
        for (size_t k = 0; ok && k < nkeys; k++) {
            const char *val = NULL;
            for (size_t v = 0; v < c->nvars && !val; v++)
                if (strcmp(c->vars[v].key, keys[k]) == 0)
                    val = c->vars[v].value;
            ok = write_sep(out) && write_str(out, val);
        }
        ok = ok && write_eol(out);
    }
    free(keys);
    return ok && fflush(out) == 0 && !ferror(out);
}
