/* cli_opts: the option table of a headless command (owns the use of
 * getopt_long and the option lines of --help). A command describes each
 * option once (name, value, help line) and both its parser and its --help
 * come from that table, so the two cannot drift apart.
 *
 * What getopt_long alone would change is kept as dialtop always had it:
 * option names are matched whole (no abbreviations: a script that says
 * --jso gets an error, not a guess), an empty value counts as a missing
 * one, a separate optional value is taken only when it starts with a
 * digit (--watch 5, but --watch ID), positional words may come between
 * options, and "--" ends the options. Messages stay the command's own:
 * the parser reports what went wrong and the command words it. */
#ifndef DIALTOP_CLI_OPTS_H
#define DIALTOP_CLI_OPTS_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum {
    CLI_FLAG,     /* --json */
    CLI_VALUE,    /* --state STATE, --state=STATE */
    CLI_OPTIONAL, /* --watch, --watch=5, --watch 5 */
} cli_arg_t;

typedef struct {
    const char *name;    /* without "--" */
    char short_name;     /* 0: none (only -h and -y have one) */
    cli_arg_t arg;
    int id;              /* what cli_opts_next() returns: its short letter, else >= 256 */
    const char *metavar; /* the value's name in --help ("STATE"), NULL for a flag */
    const char *help;    /* its --help text, '\n' between lines; NULL: not listed */
} cli_opt_t;

/* What cli_opts_next() returns besides an option's id. */
enum {
    CLI_OPT_END = 0,         /* no more arguments */
    CLI_OPT_WORD = -1,       /* a positional word, in `value` */
    CLI_OPT_UNKNOWN = -2,    /* not an option of the table: `text` as typed */
    CLI_OPT_NO_VALUE = -3,   /* a CLI_VALUE option without (or with an empty) value */
};

#define CLI_OPTS_MAX 48

typedef struct {
    const cli_opt_t *opts;
    size_t n;
    int argc;
    char **argv;
    const char *value;   /* the option's value (NULL when an optional one is absent) */
    const char *text;    /* the argument as typed, for the command's message */
    bool words_only;     /* after "--" */
    bool over;           /* an error was reported: nothing more is read */
    struct option longs[CLI_OPTS_MAX + 1];
    char shorts[2 * CLI_OPTS_MAX + 2];
} cli_opts_t;

/* Starts parsing argv[1..argc-1] against `opts` (n entries, at most
 * CLI_OPTS_MAX). */
void cli_opts_begin(cli_opts_t *p, const cli_opt_t *opts, size_t n, int argc, char **argv);

/* The next option's id, or one of the CLI_OPT_* results above. After
 * CLI_OPT_UNKNOWN or CLI_OPT_NO_VALUE the parse is over: the command
 * words one message and stops, and later calls return CLI_OPT_END. */
int cli_opts_next(cli_opts_t *p);

/* The table's --help lines: "  --NAME METAVAR" padded to `column`, then
 * the help text (continuation lines indented to `column`); when the name
 * reaches `column`, the text starts on the next line. */
void cli_opts_help(FILE *out, const cli_opt_t *opts, size_t n, int column);

#endif
