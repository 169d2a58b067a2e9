/* Option tables on getopt_long (cli/cli_opts.h): whole names only, empty
 * values refused, the optional value's digit rule, words between options,
 * "--", and --help lines from the table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_opts.h"

enum { O_HELP = 'h', O_JSON = 256, O_STATE, O_WATCH };

static const cli_opt_t opts[] = {
    {"help", 'h', CLI_FLAG, O_HELP, NULL, NULL},
    {"json", 0, CLI_FLAG, O_JSON, NULL, "one object per line"},
    {"state", 0, CLI_VALUE, O_STATE, "STATE", "only this state\nsecond line"},
    {"watch", 0, CLI_OPTIONAL, O_WATCH, "S", "every S seconds"},
};
#define NOPTS (sizeof opts / sizeof *opts)

/* Parses `args` (NULL-terminated, argv[0] added) and writes one token per
 * result into `out`: "json", "state=V", "watch=V", "word:V", "unknown:T",
 * "novalue:T", "help". */
static void parse(const char *const *args, char *out, size_t len)
{
    char *argv[16] = {"cmd"};
    int argc = 1;
    for (; args[argc - 1]; argc++)
        argv[argc] = (char *)args[argc - 1];
    cli_opts_t p;
    cli_opts_begin(&p, opts, NOPTS, argc, argv);
    out[0] = '\0';
    for (int id; (id = cli_opts_next(&p)) != CLI_OPT_END;) {
        size_t used = strlen(out);
        const char *sep = used ? " " : "";
        switch (id) {
        case O_HELP: snprintf(out + used, len - used, "%shelp", sep); break;
        case O_JSON: snprintf(out + used, len - used, "%sjson", sep); break;
        case O_STATE: snprintf(out + used, len - used, "%sstate=%s", sep, p.value); break;
        case O_WATCH:
            snprintf(out + used, len - used, "%swatch=%s", sep, p.value ? p.value : "-");
            break;
        case CLI_OPT_WORD: snprintf(out + used, len - used, "%sword:%s", sep, p.value); break;
        case CLI_OPT_NO_VALUE: snprintf(out + used, len - used, "%snovalue:%s", sep, p.text); break;
        default: snprintf(out + used, len - used, "%sunknown:%s", sep, p.text); break;
        }
    }
}

#define EXPECT(want, ...)                                                                          \
    do {                                                                                           \
        const char *const a[] = {__VA_ARGS__, NULL};                                               \
        char got[256];                                                                             \
        parse(a, got, sizeof got);                                                                 \
        assert_string_equal(got, want);                                                            \
    } while (0)

static void test_values_and_words(void **state)
{
    (void)state;
    EXPECT("word:ID json state=paused", "ID", "--json", "--state", "paused");
    EXPECT("state=paused word:ID", "--state=paused", "ID");
    EXPECT("json word:a word:b", "--json", "a", "b");
    EXPECT("help", "-h");
}

static void test_whole_names_only(void **state)
{
    (void)state;
    EXPECT("unknown:--jso", "--jso");
    EXPECT("unknown:--stat=x", "--stat=x");
    EXPECT("unknown:--bogus", "--bogus");
    EXPECT("unknown:-json", "-json");
    EXPECT("unknown:--json=1", "--json=1");
    EXPECT("unknown:--stat", "--stat"); /* a prefix, even when its value is missing */
    EXPECT("unknown:--stat=", "--stat=");
}

static void test_missing_or_empty_value(void **state)
{
    (void)state;
    EXPECT("novalue:--state", "--state");
    EXPECT("novalue:--state=", "--state=");
    EXPECT("novalue:--state", "--state", "");
}

static void test_optional_value_digit_rule(void **state)
{
    (void)state;
    EXPECT("watch=5", "--watch", "5");
    EXPECT("watch=- word:ID", "--watch", "ID");
    EXPECT("watch=0.5", "--watch=0.5");
    EXPECT("watch=-", "--watch");
}

static void test_double_dash_ends_options(void **state)
{
    (void)state;
    EXPECT("json word:--state word:-x", "--json", "--", "--state", "-x");
    EXPECT("state=-- json", "--state", "--", "--json"); /* a value, not the separator */
    EXPECT("word:-", "-");
}

static void test_help_lines(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cli_opts_help(f, opts, NOPTS, 19);
    fclose(f);
    assert_string_equal(buf, "  --json           one object per line\n"
                             "  --state STATE    only this state\n"
                             "                   second line\n"
                             "  --watch [S]      every S seconds\n");
    free(buf);
}

/* One space between name and text is enough; a name that reaches the
 * column puts its text on the next line. */
static void test_help_long_names(void **state)
{
    (void)state;
    static const cli_opt_t wide[] = {
        {"theme", 0, CLI_VALUE, 256, "light|dark", "fits with one space"},
        {"themes", 0, CLI_VALUE, 257, "light|dark", "no room left"},
    };
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cli_opts_help(f, wide, 2, 21);
    fclose(f);
    assert_string_equal(buf, "  --theme light|dark fits with one space\n"
                             "  --themes light|dark\n"
                             "                     no room left\n");
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_and_words),
        cmocka_unit_test(test_whole_names_only),
        cmocka_unit_test(test_missing_or_empty_value),
        cmocka_unit_test(test_optional_value_digit_rule),
        cmocka_unit_test(test_double_dash_ends_options),
        cmocka_unit_test(test_help_lines),
        cmocka_unit_test(test_help_long_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
