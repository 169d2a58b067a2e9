/* Import screen pages (see import_view.h). Cells come from the operator's
 * file, so every one passes through sanitize before it is measured. */
#include "import_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"
#include "theme.h"

#define CELL_MIN 4
#define CELL_MAX 20
#define LINE_COL 7     /* "line N" */
#define VERDICT_COL 16 /* "ok" or a rejection code */
#define TYPE_COL 17    /* the number's type ("fixed_or_mobile"), "-" when not a number */
#define GAP 2

static void human_bytes(unsigned long long n, char *out, size_t len)
{
    if (n >= 1000ULL * 1000ULL)
        snprintf(out, len, "%.1f MB", (double)n / 1e6);
    else if (n >= 1000ULL)
        snprintf(out, len, "%.1f kB", (double)n / 1e3);
    else
        snprintf(out, len, "%llu bytes", n);
}

void import_view_reading(const char *path, unsigned long long done, unsigned long long total,
                         dlg_lines_t *l)
{
    char d[32], t[32];
    human_bytes(done, d, sizeof d);
    human_bytes(total, t, sizeof t);
    dlg_lines_add(l, A_NORMAL, "reading %s", path);
    if (total > 0)
        dlg_lines_bar(l, (long)(done / 1024), (long)(total / 1024), "%s of %s", d, t);
    else
        dlg_lines_bar(l, 0, 0, "%s", d);
    dlg_lines_add(l, theme_attr(ROLE_DIM), "checking every row; nothing is sent until Create");
}

void import_view_layout(const import_result_t *r, const char *path, dlg_lines_t *l)
{
    dlg_lines_add(l, A_NORMAL, "file       %s", path);
    dlg_lines_add(l, A_NORMAL, "encoding   %s%s   delimiter %s%s", encoding_name(r->encoding),
                  r->bom ? " (BOM)" : "", import_delimiter_name(r->delimiter),
                  r->delimiter_detected ? " (detected)" : " (chosen)");
    dlg_lines_add(l, A_NORMAL, "phone      column %zu \"%s\"%s, region %s", r->phone_index + 1,
                  r->columns[r->phone_index], r->phone_detected ? " (detected)" : " (chosen)",
                  r->region);
}

/* One cell, sanitised and fitted to `cols` (padded). */
static size_t put_cell(char *out, size_t cap, size_t at, const char *cell, size_t len, int cols)
{
    if (at >= cap)
        return at;
    char *clean = sanitize_text_n(cell ? cell : "", cell ? len : 0);
    char fitted[CELL_MAX * 4 + 8];
    sanitize_fit(clean ? clean : "", cols, true, fitted, sizeof fitted);
    free(clean);
    int n = snprintf(out + at, cap - at, "%s%*s", fitted, GAP, "");
    return n < 0 ? at : at + (size_t)n;
}

static int cell_width(const char *cell, size_t len)
{
    char *clean = sanitize_text_n(cell ? cell : "", cell ? len : 0);
    int w = clean ? sanitize_width(clean) : 0;
    free(clean);
    return w;
}

void import_view_preview(const import_result_t *r, size_t first_col, int width, dlg_lines_t *l)
{
    if (first_col >= r->ncolumns)
        first_col = 0;
    /* each column as wide as its widest shown cell, within bounds */
    int widths[IMPORT_DEFAULT_MAX_COLUMNS];
    size_t last = first_col;
    int used = LINE_COL + VERDICT_COL + TYPE_COL;
    for (size_t c = first_col; c < r->ncolumns && c < IMPORT_DEFAULT_MAX_COLUMNS; c++) {
        int w = cell_width(r->columns[c], strlen(r->columns[c])) + (c == r->phone_index ? 2 : 0);
        for (size_t i = 0; i < r->npreview; i++) {
            const import_row_t *row = &r->preview[i].row;
            if (c < row->ncells) {
                int cw = cell_width(row->cells[c], row->lens[c]);
                if (cw > w)
                    w = cw;
            }
        }
        w = w < CELL_MIN ? CELL_MIN : w > CELL_MAX ? CELL_MAX : w;
        if (c > first_col && used + w > width)
            break;
        widths[c] = w;
        used += w + GAP;
        last = c + 1;
    }
    char line[DLG_LINE_LEN];
    int n = snprintf(line, sizeof line, "%-*s%-*s%-*s", LINE_COL, "line", VERDICT_COL, "check",
                     TYPE_COL, "type");
    size_t at = n < 0 ? 0 : (size_t)n;
    for (size_t c = first_col; c < last; c++) {
        char title[256];
        snprintf(title, sizeof title, c == r->phone_index ? "[%s]" : "%s", r->columns[c]);
        at = put_cell(line, sizeof line, at, title, strlen(title), widths[c]);
    }
    dlg_lines_add(l, A_BOLD, "%s", line);
    for (size_t i = 0; i < r->npreview; i++) {
        const import_preview_t *p = &r->preview[i];
        n = snprintf(line, sizeof line, "%-*ld%-*s%-*s", LINE_COL, p->line, VERDICT_COL,
                     p->accepted ? "ok" : import_code_name(p->code), TYPE_COL,
                     p->type == PHONE_TYPE_UNKNOWN ? "-" : phone_type_name(p->type));
        at = n < 0 ? 0 : (size_t)n;
        for (size_t c = first_col; c < last; c++)
            at = c < p->row.ncells ? put_cell(line, sizeof line, at, p->row.cells[c],
                                              p->row.lens[c], widths[c])
                                   : put_cell(line, sizeof line, at, "", 0, widths[c]);
        dlg_lines_add(l, p->accepted ? A_NORMAL : theme_attr(ROLE_STATUS_WARN), "%s", line);
    }
    if (r->npreview == 0)
        dlg_lines_add(l, theme_attr(ROLE_DIM), "(no data rows)");
    if (first_col > 0 || last < r->ncolumns)
        dlg_lines_add(l, theme_attr(ROLE_DIM), "columns %zu-%zu of %zu (Left/Right scroll)",
                      first_col + 1, last, r->ncolumns);
}

void import_view_summary(const import_result_t *r, dlg_lines_t *l)
{
    dlg_lines_add(l, A_BOLD, "rows read  %ld = %ld accepted + %ld rejected", r->rows_read,
                  r->accepted, r->rejected);
    if (r->blank_lines)
        dlg_lines_add(l, theme_attr(ROLE_DIM), "           %ld blank lines skipped",
                      r->blank_lines);
    char by[256] = "";
    size_t o = 0;
    for (int t = 0; t < PHONE_TYPE_COUNT && o < sizeof by; t++)
        if (r->by_type[t])
            o += (size_t)snprintf(by + o, sizeof by - o, " %s %ld",
                                  phone_type_name((phone_type_t)t), r->by_type[t]);
    if (r->accepted)
        dlg_lines_add(l, A_NORMAL, "types     %s", by);
    if (!r->rejected)
        return;
    by[0] = '\0';
    o = 0;
    for (int c = 0; c < IMPORT_CODE_COUNT && o < sizeof by; c++)
        if (r->by_code[c])
            o += (size_t)snprintf(by + o, sizeof by - o, " %s %ld",
                                  import_code_name((import_code_t)c), r->by_code[c]);
    dlg_lines_add(l, theme_attr(ROLE_STATUS_WARN), "rejected  %s (not uploaded)", by);
}

void import_view_rejects(const import_result_t *r, size_t top, size_t cursor, size_t rows,
                         dlg_lines_t *l)
{
    if (r->nrejections == 0)
        return;
    attr_t warn = theme_attr(ROLE_STATUS_WARN);
    for (size_t i = top; i < r->nrejections && i < top + rows; i++) {
        const import_rejection_t *j = &r->rejections[i];
        /* the CLI's wording, so a line seen in one is found in the other */
        char where[96] = "";
        if (j->column && j->column_name)
            snprintf(where, sizeof where, ", column %zu (%s)", j->column, j->column_name);
        else if (j->column)
            snprintf(where, sizeof where, ", column %zu", j->column);
        dlg_lines_add(l, i == cursor ? (warn | A_REVERSE) : warn, "%s line %ld%s: %s: %s",
                      i == cursor ? ">" : " ", j->line, where, import_code_name(j->code),
                      j->message);
    }
    dlg_lines_add(l, theme_attr(ROLE_DIM), "  rejected row %zu of %zu", cursor + 1,
                  r->nrejections);
}
