/* Option tables on getopt_long (see cli_opts.h). */
#include "cli_opts.h"

#include <string.h>

void cli_opts_begin(cli_opts_t *p, const cli_opt_t *opts, size_t n, int argc, char **argv)
{
    memset(p, 0, sizeof *p);
    p->opts = opts;
    p->n = n < CLI_OPTS_MAX ? n : CLI_OPTS_MAX;
    p->argc = argc;
    p->argv = argv;
    /* "+": stop at the first word instead of permuting argv, so words and
     * options are read in the order given; ":": a missing value is told
     * apart from an unknown option. */
    size_t k = 0;
    p->shorts[k++] = '+';
    p->shorts[k++] = ':';
    for (size_t i = 0; i < p->n; i++) {
        const cli_opt_t *o = &opts[i];
        p->longs[i] = (struct option){
            .name = o->name,
            .has_arg = o->arg == CLI_FLAG ? no_argument
                       : o->arg == CLI_VALUE ? required_argument
                                             : optional_argument,
            .flag = NULL,
            .val = o->id,
        };
        if (o->short_name) {
            p->shorts[k++] = o->short_name;
            if (o->arg == CLI_VALUE)
                p->shorts[k++] = ':';
        }
    }
    p->shorts[k] = '\0';
    optind = 0; /* glibc: a full restart, whoever parsed before */
    opterr = 0; /* the command words every message */
}

static const cli_opt_t *by_id(const cli_opts_t *p, int id)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->opts[i].id == id)
            return &p->opts[i];
    return NULL;
}


/* getopt_long takes any unambiguous prefix; dialtop takes whole names. */
static bool typed_whole(const char *text, const char *name)
{
    if (strncmp(text, "--", 2) != 0)
        return true; /* a short option */
    size_t n = strlen(name);
    return strncmp(text + 2, name, n) == 0 && (text[2 + n] == '\0' || text[2 + n] == '=');
}

/* The option `text` names whole ("--state", "--state=x", "-h"), if any. */
static const cli_opt_t *by_text(const cli_opts_t *p, const char *text)
{
    for (size_t i = 0; i < p->n; i++) {
        const cli_opt_t *o = &p->opts[i];
        if (strncmp(text, "--", 2) == 0 ? typed_whole(text, o->name)
                                        : o->short_name && text[0] == '-' &&
                                              text[1] == o->short_name && !text[2])
            return o;
    }
    return NULL;
}

static int word(cli_opts_t *p)
{
    p->text = p->value = p->argv[optind++];
    return CLI_OPT_WORD;
}

int cli_opts_next(cli_opts_t *p)
{
    p->value = p->text = NULL;
    if (p->over)
        return CLI_OPT_END;
    if (p->words_only)
        return optind < p->argc ? word(p) : CLI_OPT_END;
    int at = optind > 0 ? optind : 1; /* the element this option starts in */
    int c = getopt_long(p->argc, p->argv, p->shorts, p->longs, NULL);
    if (c == -1) {
        if (optind > at && strcmp(p->argv[optind - 1], "--") == 0) {
            p->words_only = true;
            return optind < p->argc ? word(p) : CLI_OPT_END;
        }
        return optind < p->argc ? word(p) : CLI_OPT_END;
    }
    p->text = at < p->argc ? p->argv[at] : "";
    p->over = true; /* until it proves to be a good option */
    /* ':' (a missing value) does not say which option; the text does */
    const cli_opt_t *o = c == '?' ? NULL : c == ':' ? by_text(p, p->text) : by_id(p, c);
    if (!o || !typed_whole(p->text, o->name))
        return CLI_OPT_UNKNOWN;
    if (c == ':' || (o->arg == CLI_VALUE && (!optarg || !*optarg)))
        return CLI_OPT_NO_VALUE;
    p->over = false;
    p->value = optarg;
    if (o->arg == CLI_OPTIONAL && !optarg && optind < p->argc && p->argv[optind][0] >= '0' &&
        p->argv[optind][0] <= '9')
        p->value = p->argv[optind++];
    return o->id;
}

void cli_opts_help(FILE *out, const cli_opt_t *opts, size_t n, int column)
{
    for (size_t i = 0; i < n; i++) {
        const cli_opt_t *o = &opts[i];
        if (!o->help)
            continue;
        int w = fprintf(out, "  --%s", o->name);
        if (o->metavar)
            w += fprintf(out, o->arg == CLI_OPTIONAL ? " [%s]" : " %s", o->metavar);
        /* one space is enough ("  --theme light|dark colours"); a name
         * that leaves none has its text on the next line */
        if (w >= column) {
            fputc('\n', out);
            w = 0;
        }
        for (const char *h = o->help; *h;) {
            const char *nl = strchr(h, '\n');
            size_t len = nl ? (size_t)(nl - h) : strlen(h);
            fprintf(out, "%*s%.*s\n", column - w, "", (int)len, h);
            w = 0;
            h += len + (nl ? 1 : 0);
        }
    }
}
