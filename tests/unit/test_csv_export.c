/* Unit tests for csv/export: quoting, formula-injection guard, the
 * rejects file (and that it imports again), contact statuses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "import.h"

/* Runs `write` into a memory stream and returns the text (caller frees). */
static char *cell_text(const char *s, size_t len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_true(export_write_cell(f, s, len));
    fclose(f);
    return buf;
}

static void check_cell(const char *in, const char *want)
{
    char *got = cell_text(in, strlen(in));
    if (strcmp(got, want) != 0)
        fail_msg("cell \"%s\": got [%s], want [%s]", in, got, want);
    free(got);
}

static void test_cell_escaping(void **state)
{
    (void)state;
    check_cell("plain", "plain");
    check_cell("", "");
    check_cell("a,b", "\"a,b\"");
    check_cell("say \"hi\"", "\"say \"\"hi\"\"\"");
    check_cell("two\nlines", "\"two\nlines\"");
    check_cell(" padded ", "\" padded \"");
    /* formula injection */
    check_cell("=1+1", "\"'=1+1\"");
    check_cell("+12015551234", "\"'+12015551234\"");
    check_cell("-2", "\"'-2\"");
    check_cell("@SUM(A1)", "\"'@SUM(A1)\"");
    check_cell("\tx", "\"'\tx\"");
    check_cell("\rx", "\"'\rx\"");
    check_cell("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"");
    check_cell("a=b", "a=b");
    /* undecodable bytes and NUL become U+FFFD */
    char *got = cell_text("a\xFF" "b\0c", 5);
    assert_string_equal(got, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
    free(got);
}

static void test_rejects_roundtrip(void **state)
{
    (void)state;
    const char csv[] = "name,phone,note\n"
                       "Ann,2015551234,ok\n"
                       "=cmd,555-CALL,\"x,y\"\n"
                       "Dup,201 555 1234,\n"
                       "Few,2015551235\n"
                       "Many,2015551236,a,b\n";
    import_error_t err;
    import_result_t *r = import_buffer(csv, sizeof csv - 1, NULL, &err);
    assert_non_null(r);
    assert_int_equal(r->rejected, 4);
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    assert_true(export_rejects_csv(f, r));
    fclose(f);
    const char *want =
        "rejected_line,rejected_reason,name,phone,note\r\n"
        "3,\"invalid_phone: \"\"555-CALL\"\": +15552255: no number of +1 has this many digits "
        "(an area code missing?)\",\"'=cmd\",555-CALL,\"x,y\"\r\n"
        "4,duplicate: +12015551234 is already on line 2 (kept there),Dup,201 555 1234,\r\n"
        "5,too_few_fields: 2 fields; the header has 3,Few,2015551235\r\n"
        "6,too_many_fields: 4 fields; the header has 3 (an unquoted delimiter inside a cell?),"
        "Many,2015551236,a,b\r\n";
    assert_string_equal(out, want);
    import_result_free(r);

    /* the operator fixes the file: it imports, the rejected_* columns ignored */
    const char *fixed = "rejected_line,rejected_reason,name,phone,note\r\n"
                        "3,\"invalid_phone: x\",\"'=cmd\",201-555-9999,\"x,y\"\r\n";
    r = import_buffer(fixed, strlen(fixed), NULL, &err);
    assert_non_null(r);
    assert_int_equal(r->accepted, 1);
    model_contact_t m;
    assert_true(import_contact_to_model(r, 0, &m));
    assert_int_equal(m.nvars, 2);
    assert_string_equal(m.vars[0].value, "'=cmd");
    assert_string_equal(m.vars[1].value, "x,y");
    model_contact_free(&m);
    import_result_free(r);
    free(out);
}

static void test_contacts_export(void **state)
{
    (void)state;
    model_contact_t cs[2];
    model_contact_init(&cs[0]);
    model_contact_init(&cs[1]);
    cs[0].phone = strdup("+12015551234");
    cs[0].id = strdup("7");
    cs[0].state = CONTACT_NO_ANSWER;
    cs[0].raw_state = strdup("no-answer");
    cs[0].attempts = 2;
    cs[0].last_attempt = 1700000000;
    cs[0].duration_s = 0;
    assert_true(model_contact_add_var(&cs[0], "name", "Ann"));
    cs[1].phone = strdup("+442079460958");
    cs[1].state = CONTACT_FAILED;
    cs[1].failure_reason = strdup("=HACK()");
    assert_true(model_contact_add_var(&cs[1], "city", "London, UK"));
    assert_true(model_contact_add_var(&cs[1], "name", "@bob"));
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    assert_true(export_contacts_csv(f, cs, 2));
    fclose(f);
    const char *want =
        "phone,state,raw_state,attempts,last_attempt,duration_s,failure_reason,id,name,city\r\n"
        "\"'+12015551234\",no_answer,no-answer,2,2023-11-14T22:13:20Z,0,,7,Ann,\r\n"
        "\"'+442079460958\",failed,,,,,\"'=HACK()\",,\"'@bob\",\"London, UK\"\r\n";
    assert_string_equal(out, want);
    free(out);
    model_contact_free(&cs[0]);
    model_contact_free(&cs[1]);
}

static void test_write_error(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        skip();
    setvbuf(f, NULL, _IONBF, 0);
    model_contact_t c;
    model_contact_init(&c);
    c.phone = strdup("+12015551234");
    assert_false(export_contacts_csv(f, &c, 1));
    fclose(f);
    model_contact_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cell_escaping),
        cmocka_unit_test(test_rejects_roundtrip),
        cmocka_unit_test(test_contacts_export),
        cmocka_unit_test(test_write_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
