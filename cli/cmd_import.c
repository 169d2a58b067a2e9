/* Headless import: option parsing, the report, the rejects file. */
#include "cmd_import.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "export.h"
#include "import.h"
#include "import_upload.h"
#include "jsonwrite.h"
#include "outfile.h"
#include "sanitize.h"
#include "upload_args.h"

#define SHOWN_REJECTS 20

/* --json's report holds one object per rejected row. They are not built as
 * a cJSON tree (a node per key and value: with a million rejections, more
 * memory than the import itself, and time spent allocating it), but
 * written out in pieces of about this size when the report is printed. */
#define REJECTIONS_KEY "rejections"
#define REPORT_FLUSH_BYTES (64u * 1024u)

typedef struct {
    const char *file;
    bool dry_run, json, allow_rejects, resume;
    const char *rejects_out;
    const char *clean_out;      /* --out: the accepted rows as they would be uploaded */
    const char *profile, *config_path;
    upload_settings_t s;        /* the settings flags (upload_args.h) */
    const char *retry_text;     /* --retry-schedule as given, for the report */
    char region_from[96];       /* where the region came from, for the report */
    import_options_t opt;
} args_t;

static void usage(FILE *f)
{
    fputs("usage: dialtop import FILE [--dry-run] [--json] [--allow-rejects]\n"
          "         [--allow-premium] [--out CLEAN.csv]\n"
          "         [--delimiter C] [--encoding utf-8|cp1252] [--phone-column NAME]\n"
          "         [--region CC] [--max-rows N] [--max-columns N] [--max-field-bytes N]\n"
          "         [--rejects-out FILE] [--name N] [--at 'YYYY-MM-DD HH:MM' --tz ZONE]\n"
          "         [--profile NAME] [--config FILE]   (region default: the profile's)\n"
          "         [--concurrency N] [--retry-limit 0..5] [--phone-number-id ID]\n"
          "         [--retry-schedule immediately|next_day|Nh] [--hours HH:MM-HH:MM]\n"
          "         [--days LIST] [--max-calls-per-day N] [--agent-id ID] [--resume]\n"
          "Without --dry-run the accepted rows become a new campaign (--name required;\n"
          "OmniDimension also needs --phone-number-id). Nothing is uploaded when a row\n"
          "was rejected, unless --allow-rejects. Premium-rate and shared-cost numbers are\n"
          "rejected (premium_rate) unless --allow-premium. --out writes the accepted rows\n"
          "as they would be uploaded (line, E.164, type, extension, the other columns) to\n"
          "a new file (never over an existing one). --resume continues an upload of the\n"
          "same file to the same profile that was interrupted (nothing is sent twice).\n"
          "Campaign settings each provider takes (any other is refused, nothing sent):\n"
          "  OmniDimension  --concurrency, --retry-limit, --retry-schedule\n"
          "  Truedy         --concurrency, --hours, --days, --max-calls-per-day\n"
          "  Sarvam         --hours, --days\n"
          "--days: mon-fri, mon,wed,sat, all (full day names too); --hours and --days\n"
          "are in the campaign's timezone (--tz, else your own).\n"
          "exit: 0 all rows accepted (and the campaign confirmed), 1 import stopped or\n"
          "      upload failed, 2 usage, 3 rows rejected (nothing uploaded)\n", f);
}

static bool parse_long(const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v <= 0)
        return false;
    *out = v;
    return true;
}

static bool parse_delimiter(const char *s, char *out)
{
    if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0 || strcmp(s, "\t") == 0)
        *out = '\t';
    else if (strcmp(s, "comma") == 0)
        *out = ',';
    else if (strcmp(s, "semicolon") == 0)
        *out = ';';
    else if (strcmp(s, "pipe") == 0)
        *out = '|';
    else if (strlen(s) == 1 && strchr(",;|", s[0]))
        *out = s[0];
    else
        return false;
    return true;
}

enum { OPT_HELP = 'h', OPT_DRY_RUN = 256, OPT_JSON, OPT_ALLOW_REJECTS, OPT_RESUME,
       OPT_ALLOW_PREMIUM, OPT_DELIMITER, OPT_ENCODING, OPT_PHONE_COLUMN, OPT_REGION, OPT_MAX_ROWS,
       OPT_MAX_COLUMNS, OPT_MAX_FIELD_BYTES, OPT_REJECTS_OUT, OPT_OUT, OPT_PROFILE, OPT_CONFIG };

/* The synopsis in usage() is the help. */
static const cli_opt_t import_options[] = {
    {"help", 'h', CLI_FLAG, OPT_HELP, NULL, NULL},
    {"dry-run", 0, CLI_FLAG, OPT_DRY_RUN, NULL, NULL},
    {"json", 0, CLI_FLAG, OPT_JSON, NULL, NULL},
    {"allow-rejects", 0, CLI_FLAG, OPT_ALLOW_REJECTS, NULL, NULL},
    {"resume", 0, CLI_FLAG, OPT_RESUME, NULL, NULL},
    {"allow-premium", 0, CLI_FLAG, OPT_ALLOW_PREMIUM, NULL, NULL},
    {"delimiter", 0, CLI_VALUE, OPT_DELIMITER, "C", NULL},
    {"encoding", 0, CLI_VALUE, OPT_ENCODING, "utf-8|cp1252", NULL},
    {"phone-column", 0, CLI_VALUE, OPT_PHONE_COLUMN, "NAME", NULL},
    {"region", 0, CLI_VALUE, OPT_REGION, "CC", NULL},
    {"max-rows", 0, CLI_VALUE, OPT_MAX_ROWS, "N", NULL},
    {"max-columns", 0, CLI_VALUE, OPT_MAX_COLUMNS, "N", NULL},
    {"max-field-bytes", 0, CLI_VALUE, OPT_MAX_FIELD_BYTES, "N", NULL},
    {"rejects-out", 0, CLI_VALUE, OPT_REJECTS_OUT, "FILE", NULL},
    {"out", 0, CLI_VALUE, OPT_OUT, "CLEAN.csv", NULL},
    {"profile", 0, CLI_VALUE, OPT_PROFILE, "NAME", NULL},
    {"config", 0, CLI_VALUE, OPT_CONFIG, "FILE", NULL},
    UPLOAD_ARGS_OPTIONS,
};
#define IMPORT_NOPTIONS (sizeof import_options / sizeof *import_options)

/* --max-rows, --max-columns, --max-field-bytes */
static bool take_limit(const char *text, const char *v, long *out)
{
    if (parse_long(v, out))
        return true;
    fprintf(stderr, "dialtop import: %.*s needs a positive number\n", (int)strcspn(text, "="),
            text);
    return false;
}

/* Returns -1 when parsed, else the exit code. */
static int parse_args(int argc, char **argv, args_t *a)
{
    memset(a, 0, sizeof *a);
    upload_settings_init(&a->s);
    import_options_init(&a->opt);
    cli_opts_t p;
    cli_opts_begin(&p, import_options, IMPORT_NOPTIONS, argc, argv);
    for (int id; (id = cli_opts_next(&p)) != CLI_OPT_END;) {
        const char *v = p.value;
        switch (id) {
        case OPT_HELP:
            usage(stdout);
            return CMD_IMPORT_OK;
        case OPT_DRY_RUN: a->dry_run = true; break;
        case OPT_JSON: a->json = true; break;
        case OPT_ALLOW_REJECTS: a->allow_rejects = true; break;
        case OPT_RESUME: a->resume = true; break;
        case OPT_ALLOW_PREMIUM: a->opt.allow_premium = true; break;
        case OPT_DELIMITER:
            if (!parse_delimiter(v, &a->opt.delimiter)) {
                fprintf(stderr, "dialtop import: --delimiter must be one of , ; | tab\n");
                return CMD_IMPORT_USAGE;
            }
            break;
        case OPT_ENCODING:
            if (!encoding_from_name(v, &a->opt.encoding)) {
                fprintf(stderr, "dialtop import: --encoding must be utf-8 or cp1252\n");
                return CMD_IMPORT_USAGE;
            }
            a->opt.encoding_forced = true;
            break;
        case OPT_PHONE_COLUMN: a->opt.phone_column = v; break;
        case OPT_REGION:
            if (!phone_region_find(v)) {
                fprintf(stderr, "dialtop import: unknown region \"%s\": give an ISO 3166 code "
                            "such as US, GB, IN (known: %s)\n", v, phone_region_list());
                return CMD_IMPORT_USAGE;
            }
            a->opt.region = v;
            break;
        case OPT_MAX_ROWS:
            if (!take_limit(p.text, v, &a->opt.max_rows))
                return CMD_IMPORT_USAGE;
            break;
        case OPT_MAX_COLUMNS:
            if (!take_limit(p.text, v, &a->opt.max_columns))
                return CMD_IMPORT_USAGE;
            break;
        case OPT_MAX_FIELD_BYTES:
            if (!take_limit(p.text, v, &a->opt.max_field_bytes))
                return CMD_IMPORT_USAGE;
            break;
        case OPT_REJECTS_OUT: a->rejects_out = v; break;
        case OPT_OUT: a->clean_out = v; break;
        case OPT_PROFILE: a->profile = v; break;
        case OPT_CONFIG: a->config_path = v; break;
        case CLI_OPT_WORD:
            if (a->file) {
                fprintf(stderr, "dialtop import: one file at a time (%s and %s)\n", a->file, v);
                return CMD_IMPORT_USAGE;
            }
            a->file = v;
            break;
        case CLI_OPT_NO_VALUE:
        case CLI_OPT_UNKNOWN: return upload_args_refuse("import", id, p.text, usage);
        default:
            if (!upload_args_take("import", id, v, &a->s))
                return CMD_IMPORT_USAGE;
            if (id == UPLOAD_OPT_RETRY_SCHEDULE)
                a->retry_text = v;
            break;
        }
    }
    if (!a->file) {
        fprintf(stderr, "dialtop import: no file given\n");
        usage(stderr);
        return CMD_IMPORT_USAGE;
    }
    if (a->s.tz && !a->s.at && !a->s.hours && !a->s.days) {
        fprintf(stderr, "dialtop import: --tz needs --at, --hours or --days\n");
        return CMD_IMPORT_USAGE;
    }
    if (a->resume && a->dry_run) {
        fprintf(stderr, "dialtop import: --resume uploads; it cannot be a --dry-run\n");
        return CMD_IMPORT_USAGE;
    }
    if (!a->dry_run && !a->s.name && !a->resume) {
        fprintf(stderr, "dialtop import: uploading needs --name (or --dry-run to only "
                        "validate); nothing was read or sent\n");
        return CMD_IMPORT_USAGE;
    }
    return -1;
}

/* Without --region, the profile's region (config.h), else US. Returns -1
 * when resolved, else the exit code. */
static int resolve_region(args_t *a, config_t *cfg, const config_profile_t **prof)
{
    *prof = NULL;
    if (a->opt.region && a->dry_run) {
        snprintf(a->region_from, sizeof a->region_from, "given");
        return -1;
    }
    char err[512];
    /* a dry run reads only the profile's region: it never connects */
    if (!(a->dry_run ? config_load_offline : config_load)(cfg, a->config_path, err, sizeof err)) {
        fprintf(stderr, "dialtop import: %s\n", err);
        return CMD_IMPORT_USAGE;
    }
    const config_profile_t *p = config_find_profile(cfg, a->profile);
    if (!p) {
        fprintf(stderr, "dialtop import: no profile named '%s'\n", a->profile ? a->profile : "");
        return CMD_IMPORT_USAGE;
    }
    *prof = p;
    if (a->opt.region) {
        snprintf(a->region_from, sizeof a->region_from, "given");
        return -1;
    }
    if (!p->region) {
        snprintf(a->region_from, sizeof a->region_from, "default");
        return -1;
    }
    if (!phone_region_find(p->region)) {
        fprintf(stderr, "dialtop import: profile '%s': region \"%s\" is not supported; known: %s\n",
                p->name, p->region, phone_region_list());
        return CMD_IMPORT_USAGE;
    }
    a->opt.region = p->region;
    snprintf(a->region_from, sizeof a->region_from, "profile %s", p->name);
    return -1;
}

/* Untrusted text (file names, cells, messages quoting cells) goes through
 * the one sanitiser before it reaches the terminal. */
static void print_clean(FILE *f, const char *s)
{
    char *clean = sanitize_text(s);
    fputs(clean ? clean : "?", f);
    free(clean);
}

/* The campaign settings as given (already validated), one line. */
static void print_settings(const args_t *a)
{
    if (!a->s.hours && !a->s.days && !a->retry_text && a->s.max_calls_per_day <= 0)
        return;
    const char *sep = "";
    printf("settings  ");
    if (a->s.hours) {
        printf(" hours ");
        print_clean(stdout, a->s.hours);
        sep = ";";
    }
    if (a->s.days) {
        printf("%s days ", sep);
        print_clean(stdout, a->s.days);
        sep = ";";
    }
    if (a->retry_text) {
        printf("%s retry ", sep);
        print_clean(stdout, a->retry_text);
        sep = ";";
    }
    if (a->s.max_calls_per_day > 0)
        printf("%s at most %d calls a day", sep, a->s.max_calls_per_day);
    putchar('\n');
}

static void print_human(const args_t *a, const import_result_t *r, bool rejects_written)
{
    printf("file       ");
    print_clean(stdout, a->file);
    printf("\nencoding   %s%s\n", encoding_name(r->encoding), r->bom ? " (with BOM)" : "");
    printf("delimiter  %s%s\n", import_delimiter_name(r->delimiter),
           r->delimiter_detected ? " (detected)" : " (given)");
    printf("phone      column %zu \"", r->phone_index + 1);
    print_clean(stdout, r->columns[r->phone_index]);
    printf("\"%s, region %s (%s)\n", r->phone_detected ? " (detected)" : " (given)", r->region,
           a->region_from);
    printf("rows read  %ld = %ld accepted + %ld rejected; %ld blank line%s skipped "
           "(not counted as rows)\n", r->rows_read, r->accepted, r->rejected, r->blank_lines,
           r->blank_lines == 1 ? "" : "s");
    if (r->accepted) {
        printf("types     ");
        for (int t = 0; t < PHONE_TYPE_COUNT; t++)
            if (r->by_type[t])
                printf(" %s %ld", phone_type_name((phone_type_t)t), r->by_type[t]);
        putchar('\n');
    }
    if (r->rejected) {
        printf("rejected  ");
        for (int c = 0; c < IMPORT_CODE_COUNT; c++)
            if (r->by_code[c])
                printf(" %s %ld", import_code_name((import_code_t)c), r->by_code[c]);
        putchar('\n');
        size_t shown = r->nrejections < SHOWN_REJECTS ? r->nrejections : SHOWN_REJECTS;
        for (size_t i = 0; i < shown; i++) {
            const import_rejection_t *j = &r->rejections[i];
            printf("  line %ld", j->line);
            if (j->column) {
                printf(", column %zu", j->column);
                if (j->column_name) {
                    printf(" (");
                    print_clean(stdout, j->column_name);
                    printf(")");
                }
            }
            printf(": %s: ", import_code_name(j->code));
            print_clean(stdout, j->message);
            putchar('\n');
        }
        if (shown < r->nrejections)
            printf("  ... and %zu more%s\n", r->nrejections - shown,
                   rejects_written ? " (all in the rejects file)" : " (--rejects-out FILE writes them all)");
    }
    if (a->clean_out && r) {
        printf("clean      %ld row%s written to ", r->accepted, r->accepted == 1 ? "" : "s");
        print_clean(stdout, a->clean_out);
        putchar('\n');
    }
    if (rejects_written) {
        printf("rejects    %zu row%s written to ", r->nrejections, r->nrejections == 1 ? "" : "s");
        print_clean(stdout, a->rejects_out);
        putchar('\n');
    }
    if (a->s.name) {
        printf("campaign   \"");
        print_clean(stdout, a->s.name);
        printf("\"");
        if (a->s.at) {
            printf(" at ");
            print_clean(stdout, a->s.at);
            if (a->s.tz) {
                putchar(' ');
                print_clean(stdout, a->s.tz);
            }
        }
        putchar('\n');
        print_settings(a);
    }
    if (a->dry_run)
        printf("dry run: nothing uploaded\n");
}

static cJSON *report_json(const args_t *a, const import_result_t *r, bool rejects_written)
{
    cJSON *o = cJSON_CreateObject();
    char delim[2] = {r->delimiter, '\0'};
    cJSON_AddStringToObject(o, "file", a->file);
    cJSON_AddBoolToObject(o, "dry_run", a->dry_run);
    cJSON_AddStringToObject(o, "encoding", encoding_name(r->encoding));
    cJSON_AddBoolToObject(o, "bom", r->bom);
    cJSON_AddStringToObject(o, "delimiter", delim);
    cJSON_AddBoolToObject(o, "delimiter_detected", r->delimiter_detected);
    cJSON_AddStringToObject(o, "phone_column", r->columns[r->phone_index]);
    cJSON_AddNumberToObject(o, "phone_column_index", (double)r->phone_index + 1);
    cJSON_AddStringToObject(o, "region", r->region);
    cJSON_AddStringToObject(o, "region_source", a->region_from);
    cJSON_AddNumberToObject(o, "rows_read", (double)r->rows_read);
    cJSON_AddNumberToObject(o, "accepted", (double)r->accepted);
    cJSON_AddNumberToObject(o, "rejected", (double)r->rejected);
    cJSON_AddNumberToObject(o, "blank_lines", (double)r->blank_lines);
    cJSON *by = cJSON_AddObjectToObject(o, "rejected_by_code");
    for (int c = 0; c < IMPORT_CODE_COUNT; c++)
        cJSON_AddNumberToObject(by, import_code_name((import_code_t)c), (double)r->by_code[c]);
    cJSON *types = cJSON_AddObjectToObject(o, "accepted_by_type");
    for (int t = 0; t < PHONE_TYPE_COUNT; t++)
        if (r->by_type[t])
            cJSON_AddNumberToObject(types, phone_type_name((phone_type_t)t), (double)r->by_type[t]);
    if (a->clean_out)
        cJSON_AddStringToObject(o, "out", a->clean_out);
    /* a placeholder: the rows are written by print_json() */
    cJSON_AddArrayToObject(o, REJECTIONS_KEY);
    if (rejects_written)
        cJSON_AddStringToObject(o, "rejects_out", a->rejects_out);
    if (a->s.name)
        cJSON_AddStringToObject(o, "name", a->s.name);
    if (a->s.hours)
        cJSON_AddStringToObject(o, "hours", a->s.hours);
    if (a->s.days)
        cJSON_AddStringToObject(o, "days", a->s.days);
    if (a->retry_text)
        cJSON_AddStringToObject(o, "retry_schedule", a->retry_text);
    if (a->s.max_calls_per_day > 0)
        cJSON_AddNumberToObject(o, "max_calls_per_day", (double)a->s.max_calls_per_day);
    return o;
}

/* The rejections written as cJSON would print them, a buffer's worth at a
 * time: the same members in the same order; lines and columns with %ld,
 * which is what cJSON's integral-number form prints for any line a file
 * can have; strings through jsonwrite, which matches cJSON on valid UTF-8,
 * and every string here is (cells are decoded to UTF-8 and checked, a row
 * with invalid bytes is rejected without quoting them, a header with them
 * stops the import). */
static void write_rejections(FILE *out, const import_result_t *r)
{
    dynbuf_t b = {0};
    fputc('[', out);
    for (size_t i = 0; i < r->nrejections; i++) {
        const import_rejection_t *j = &r->rejections[i];
        dynbuf_addf(&b, "%s{\"line\":%ld,\"column\":%zu", i ? "," : "", j->line, j->column);
        if (j->column_name) {
            dynbuf_add(&b, ",\"column_name\":");
            jsonwrite_string(&b, j->column_name);
        }
        dynbuf_add(&b, ",\"code\":");
        jsonwrite_string(&b, import_code_name(j->code));
        dynbuf_add(&b, ",\"message\":");
        jsonwrite_string(&b, j->message);
        if (j->code == IMPORT_DUPLICATE)
            dynbuf_addf(&b, ",\"first_line\":%ld", j->first_line);
        dynbuf_add(&b, "}");
        if (b.len >= REPORT_FLUSH_BYTES || i + 1 == r->nrejections) {
            fwrite(dynbuf_str(&b), 1, b.len, out);
            dynbuf_reset(&b);
        }
    }
    fputc(']', out);
    dynbuf_free(&b);
}

/* Prints the report as cJSON_PrintUnformatted() would, member by member,
 * with the rejections streamed where report_json() left their placeholder. */
static void print_json(cJSON *o, const import_result_t *r)
{
    dynbuf_t key = {0};
    fputc('{', stdout);
    for (const cJSON *m = o->child; m; m = m->next) {
        dynbuf_reset(&key);
        jsonwrite_string(&key, m->string);
        printf("%s%s:", m == o->child ? "" : ",", dynbuf_str(&key));
        if (strcmp(m->string, REJECTIONS_KEY) == 0) {
            write_rejections(stdout, r);
            continue;
        }
        char *s = cJSON_PrintUnformatted(m);
        fputs(s ? s : "null", stdout);
        free(s);
    }
    fputs("}\n", stdout);
    dynbuf_free(&key);
}

static void print_error(const args_t *a, const import_error_t *e)
{
    if (a->json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "file", a->file);
        cJSON_AddStringToObject(o, "error", import_status_name(e->status));
        cJSON_AddStringToObject(o, "message", e->message);
        if (e->line)
            cJSON_AddNumberToObject(o, "line", (double)e->line);
        char *s = cJSON_PrintUnformatted(o);
        if (s)
            puts(s);
        free(s);
        cJSON_Delete(o);
    }
    fprintf(stderr, "dialtop import: ");
    print_clean(stderr, a->file);
    fprintf(stderr, ": import stopped, nothing imported: ");
    print_clean(stderr, e->message);
    fputc('\n', stderr);
}

/* A new file only, mode 600: it holds phone numbers (see outfile.h). */
static bool write_rejects(const char *path, const char *input, const import_result_t *r)
{
    char err[512];
    FILE *f = outfile_create(path, input, err, sizeof err);
    if (!f) {
        fprintf(stderr, "dialtop import: --rejects-out: ");
        print_clean(stderr, err);
        fputc('\n', stderr);
        return false;
    }
    bool ok = export_rejects_csv(f, r);
    if (fclose(f) != 0)
        ok = false;
    if (!ok)
        fprintf(stderr, "dialtop import: writing %s failed\n", path);
    return ok;
}

static void settings_from_args(const args_t *a, upload_settings_t *s)
{
    *s = a->s;
    s->source_file = a->file;
}

/* Everything that would make the upload refuse is checked before the file
 * is read, so a typo costs no waiting. */
static int check_upload(const args_t *a, const config_profile_t *p)
{
    upload_settings_t s;
    settings_from_args(a, &s);
    if (a->resume && !s.name)
        s.name = "resumed upload"; /* the journal's name is used; checked here for the rest */
    char reason[UPLOAD_REASON_MAX];
    if (p->read_only) {
        fprintf(stderr, "dialtop import: profile '%s' is read-only; nothing was read or "
                        "sent\n", p->name);
        return CMD_IMPORT_USAGE;
    }
    if (!upload_check(p->provider, &s, time(NULL), reason, sizeof reason)) {
        fprintf(stderr, "dialtop import: ");
        print_clean(stderr, reason);
        fprintf(stderr, "; nothing was read or sent\n");
        return CMD_IMPORT_USAGE;
    }
    return -1;
}

/* After the report: upload unless a row was rejected without
 * --allow-rejects. */
static int finish(const args_t *a, const config_profile_t *p, const import_result_t *r,
                  cJSON *json)
{
    bool blocked = r->rejected && !a->allow_rejects;
    if (a->dry_run || blocked) {
        if (blocked && !a->dry_run) {
            fprintf(stderr, "dialtop import: %ld row%s rejected: nothing uploaded "
                            "(--allow-rejects uploads the %ld accepted)\n", r->rejected,
                    r->rejected == 1 ? "" : "s", r->accepted);
            if (json)
                cJSON_AddBoolToObject(json, "uploaded", false);
        }
        return blocked ? CMD_IMPORT_REJECTS : CMD_IMPORT_OK;
    }
    if (r->accepted == 0) {
        fprintf(stderr, "dialtop import: no row was accepted: nothing uploaded\n");
        return CMD_IMPORT_REJECTS;
    }
    upload_settings_t s;
    settings_from_args(a, &s);
    char journal[4096], name[256];
    if (!import_upload_journal(a->file, p, a->resume, &s, journal, sizeof journal, name,
                               sizeof name))
        return CMD_IMPORT_USAGE;
    fflush(stdout); /* the report before the progress lines */
    return import_upload_run(p, r, &s, json);
}

int cmd_import(int argc, char **argv)
{
    args_t a;
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0)
        return rc;
    config_t cfg = {0};
    const config_profile_t *prof;
    rc = resolve_region(&a, &cfg, &prof);
    if (rc < 0 && !a.dry_run)
        rc = check_upload(&a, prof);
    if (rc >= 0) {
        config_free(&cfg);
        return rc;
    }
    char why[512];
    if (a.rejects_out && !outfile_check(a.rejects_out, a.file, why, sizeof why)) {
        /* refused before the import runs: nothing read, nothing sent */
        fprintf(stderr, "dialtop import: --rejects-out: ");
        print_clean(stderr, why);
        fputc('\n', stderr);
        config_free(&cfg);
        return CMD_IMPORT_USAGE;
    }
    /* --out is created before the file is read: an existing file is
     * refused at once, not after a long read */
    FILE *clean = NULL;
    if (a.clean_out) {
        clean = export_open_new(a.clean_out, why, sizeof why);
        if (!clean) {
            config_free(&cfg);
            fprintf(stderr, "dialtop import: --out: ");
            print_clean(stderr, why);
            fprintf(stderr, "; nothing was read\n");
            return CMD_IMPORT_USAGE;
        }
    }
    import_error_t err;
    /* a dry run with no --out reads no accepted row back: count them only */
    a.opt.count_only = a.dry_run && !a.clean_out;
    import_result_t *r = import_file(a.file, &a.opt, &err);
    if (r && clean) {
        bool ok = export_clean_csv(clean, r);
        if (fclose(clean) != 0 || !ok) {
            fprintf(stderr, "dialtop import: writing ");
            print_clean(stderr, a.clean_out);
            fprintf(stderr, " failed\n");
            unlink(a.clean_out); /* a half-written clean list must not pass for one */
            import_result_free(r);
            config_free(&cfg);
            return CMD_IMPORT_FAILED;
        }
    } else if (clean) {
        fclose(clean);
        unlink(a.clean_out); /* ours, created empty above */
    }
    if (!r) {
        config_free(&cfg);
        print_error(&a, &err);
        return err.status == IMPORT_ERR_OPTIONS ? CMD_IMPORT_USAGE : CMD_IMPORT_FAILED;
    }
    bool written = false;
    if (a.rejects_out) {
        if (!write_rejects(a.rejects_out, a.file, r)) {
            import_result_free(r);
            config_free(&cfg);
            return CMD_IMPORT_FAILED;
        }
        written = true;
    }
    cJSON *json = a.json ? report_json(&a, r, written) : NULL;
    if (!a.json)
        print_human(&a, r, written);
    rc = finish(&a, prof, r, json);
    if (json)
        print_json(json, r);
    cJSON_Delete(json);
    import_result_free(r);
    config_free(&cfg);
    return rc;
}
