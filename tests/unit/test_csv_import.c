/* Unit tests for csv/import: header and phone column, every rejection
 * code with its line and column, duplicates, limits, accounting, the
 * contact accessors and the structural errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

static import_result_t *imp(const char *csv, const import_options_t *o, import_error_t *err)
{
    return import_buffer(csv, strlen(csv), o, err);
}

static void assert_accounts(const import_result_t *r)
{
    assert_int_equal(r->accepted + r->rejected, r->rows_read);
    assert_int_equal((long)r->nrejections, r->rejected);
    long sum = 0;
    for (int c = 0; c < IMPORT_CODE_COUNT; c++)
        sum += r->by_code[c];
    assert_int_equal(sum, r->rejected);
}

static const import_rejection_t *find_rej(const import_result_t *r, long line)
{
    for (size_t i = 0; i < r->nrejections; i++)
        if (r->rejections[i].line == line)
            return &r->rejections[i];
    return NULL;
}

static void test_accept_and_vars(void **state)
{
    (void)state;
    import_error_t err;
    import_result_t *r = imp("first,Phone Number,city,zip\n"
                             "Ann,(201) 555-1234,,08123\n"
                             "Bob,+44 20 7946 0958,London,\n", NULL, &err);
    assert_non_null(r);
    assert_int_equal(r->phone_index, 1);
    assert_true(r->phone_detected);
    assert_int_equal(r->accepted, 2);
    assert_accounts(r);
    import_contact_t c;
    import_result_contact(r, 0, &c);
    assert_string_equal(c.phone, "+12015551234");
    assert_int_equal(c.line, 2);
    import_var_iter_t it = import_contact_vars(r, &c);
    const char *k, *v;
    assert_true(import_var_next(r, &it, &k, &v));
    assert_string_equal(k, "first");
    assert_string_equal(v, "Ann");
    assert_true(import_var_next(r, &it, &k, &v)); /* city is empty: skipped */
    assert_string_equal(k, "zip");
    assert_string_equal(v, "08123"); /* leading zero kept: cells are text */
    assert_false(import_var_next(r, &it, &k, &v));
    model_contact_t m;
    assert_true(import_contact_to_model(r, 1, &m));
    assert_string_equal(m.phone, "+442079460958");
    assert_int_equal(m.state, CONTACT_PENDING);
    assert_int_equal(m.nvars, 2);
    assert_string_equal(m.vars[0].key, "first");
    assert_string_equal(m.vars[1].key, "city");
    assert_string_equal(m.vars[1].value, "London");
    model_contact_free(&m);
    import_result_free(r);
}

static void test_phone_column_choice(void **state)
{
    (void)state;
    import_error_t err;
    /* phone_number outranks mobile whatever the column order */
    import_result_t *r = imp("MOBILE,name,phone_number\n2015551234,a,2015559999\n", NULL, &err);
    assert_non_null(r);
    assert_int_equal(r->phone_index, 2);
    import_result_free(r);
    import_options_t o;
    import_options_init(&o);
    o.phone_column = "mobile";
    r = imp("MOBILE,name,phone_number\n2015551234,a,2015559999\n", &o, &err);
    assert_non_null(r);
    assert_int_equal(r->phone_index, 0);
    assert_false(r->phone_detected);
    import_result_free(r);
    o.phone_column = "cell";
    assert_null(imp("MOBILE,name\n2015551234,a\n", &o, &err));
    assert_int_equal(err.status, IMPORT_ERR_NO_PHONE);
    assert_non_null(strstr(err.message, "\"cell\""));
    static const char *const names[] = {"phone", "number", "phone number", "to_number",
                                        "contact_number", "user_phone_number", "Phone_Number",
                                        "\" Mobile \""};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char csv[128];
        snprintf(csv, sizeof csv, "x,%s\n1,2015551234\n", names[i]);
        r = imp(csv, NULL, &err);
        assert_non_null(r);
        assert_int_equal(r->phone_index, 1);
        import_result_free(r);
    }
    /* by position: the console's pick when no name is recognised; it wins
     * over a name, and the other columns become variables */
    import_options_init(&o);
    o.phone_index = 1;
    o.phone_column = "MOBILE";
    r = imp("MOBILE,cell\nx,2015551234\n", &o, &err);
    assert_non_null(r);
    assert_int_equal(r->phone_index, 1);
    assert_false(r->phone_detected);
    assert_int_equal(r->accepted, 1);
    import_contact_t c;
    import_result_contact(r, 0, &c);
    assert_string_equal(c.phone, "+12015551234");
    assert_int_equal(import_contact_var_count(r, &c), 1);
    import_result_free(r);
    o.phone_index = 2;
    assert_null(imp("MOBILE,cell\nx,2015551234\n", &o, &err));
    assert_int_equal(err.status, IMPORT_ERR_NO_PHONE);
    assert_non_null(strstr(err.message, "2 columns"));
}

static void test_structural_errors(void **state)
{
    (void)state;
    import_error_t err;
    assert_null(imp("name,email\nAnn,a@b\n", NULL, &err));
    assert_int_equal(err.status, IMPORT_ERR_NO_PHONE);
    assert_non_null(strstr(err.message, "name, email"));
    assert_null(imp("phone,Name,x,name\n1,2,3,4\n", NULL, &err));
    assert_int_equal(err.status, IMPORT_ERR_HEADER);
    assert_non_null(strstr(err.message, "\"Name\" (column 2)"));
    assert_non_null(strstr(err.message, "\"name\" (column 4)"));
    assert_null(imp("", NULL, &err));
    assert_int_equal(err.status, IMPORT_ERR_NO_HEADER);
    assert_null(imp("\n\n\n", NULL, &err));
    assert_int_equal(err.status, IMPORT_ERR_NO_HEADER);
    assert_null(imp("phone\n2015551234\n\"2015551235\n", NULL, &err));
    assert_int_equal(err.status, IMPORT_ERR_QUOTE);
    assert_int_equal(err.line, 3);
    assert_null(import_file("/nonexistent/contacts.csv", NULL, &err));
    assert_int_equal(err.status, IMPORT_ERR_IO);
    import_options_t o;
    import_options_init(&o);
    o.region = "ZZ";
    assert_null(imp("phone\n1\n", &o, &err));
    assert_int_equal(err.status, IMPORT_ERR_OPTIONS);
}

static void test_rejection_codes(void **state)
{
    (void)state;
    const char csv[] =
        "name,phone,note\n"                  /* 1 */
        "ok,2015551234,a\n"                  /* 2 */
        "bad,555-CALL,b\n"                   /* 3 */
        "none,,c\n"                          /* 4 */
        "dup,+1 201 555 1234,d\n"            /* 5 */
        "many,2015551235,e,f\n"              /* 6 */
        "few,2015551236\n"                   /* 7 */
        "utf,2015551237,\"x\n\xFF\"\n"       /* 8-9 */
        "nul,2015551238,\0\n"                /* 10 */
        "xl,1.4E+10,g\n"                     /* 11 */
        "long,2015551239,0123456789abcdefXYZ\n"; /* 12 */
    import_options_t o;
    import_options_init(&o);
    o.max_field_bytes = 16;
    import_error_t err;
    import_result_t *r = import_buffer(csv, sizeof csv - 1, &o, &err);
    assert_non_null(r);
    assert_int_equal(r->rows_read, 10);
    assert_int_equal(r->accepted, 1);
    assert_accounts(r);
    struct {
        long line;
        import_code_t code;
        size_t column;
    } want[] = {
        {3, IMPORT_INVALID_PHONE, 2},  {4, IMPORT_MISSING_PHONE, 2},
        {5, IMPORT_DUPLICATE, 2},      {6, IMPORT_TOO_MANY_FIELDS, 4},
        {7, IMPORT_TOO_FEW_FIELDS, 3}, {9, IMPORT_INVALID_UTF8, 3},
        {10, IMPORT_NUL_BYTE, 3},      {11, IMPORT_INVALID_PHONE, 2},
        {12, IMPORT_FIELD_TOO_LONG, 3},
    };
    assert_int_equal(r->nrejections, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const import_rejection_t *j = find_rej(r, want[i].line);
        if (!j)
            fail_msg("no rejection on line %ld", want[i].line);
        if (j->code != want[i].code || j->column != want[i].column)
            fail_msg("line %ld: got %s column %zu", want[i].line, import_code_name(j->code),
                     j->column);
        assert_true(strlen(j->message) > 0);
    }
    const import_rejection_t *dup = find_rej(r, 5);
    assert_int_equal(dup->first_line, 2);
    assert_non_null(strstr(dup->message, "line 2"));
    assert_string_equal(dup->column_name, "phone");
    assert_non_null(strstr(find_rej(r, 11)->message, "scientific"));
    assert_non_null(strstr(find_rej(r, 11)->message, "1.4E+10"));
    /* rows are kept whole for the export */
    assert_int_equal(find_rej(r, 6)->row.ncells, 4);
    assert_string_equal(find_rej(r, 6)->row.cells[3], "f");
    assert_int_equal(find_rej(r, 6)->row.line, 6);
    import_result_free(r);
}

static void test_duplicates_keep_first(void **state)
{
    (void)state;
    import_error_t err;
    import_result_t *r = imp("phone,n\n201 555 1234,1\n+12015551234,2\n011 1 201 555 1234,3\n"
                             "2015551235,4\n(201) 555-1235,5\n", NULL, &err);
    assert_non_null(r);
    assert_int_equal(r->accepted, 2);
    assert_int_equal(r->by_code[IMPORT_DUPLICATE], 3);
    assert_int_equal(find_rej(r, 3)->first_line, 2);
    assert_int_equal(find_rej(r, 4)->first_line, 2);
    assert_int_equal(find_rej(r, 6)->first_line, 5);
    import_contact_t c;
    import_result_contact(r, 1, &c);
    assert_string_equal(c.phone, "+12015551235");
    assert_int_equal(c.line, 5);
    import_result_free(r);
}

/* Lines are kept in 32 bits (the dedupe set, the contacts' index): the
 * last line that fits keeps its number whole, in a contact and as a
 * duplicate's first line, and a row past it stops the import with a
 * sentence, not a line number cut to its low 32 bits. No test can write
 * 4 billion lines: the input says where its first line is instead. */
static void test_lines_past_32_bits(void **state)
{
    (void)state;
    import_options_t o;
    import_options_init(&o);
    import_error_t err;
    /* the header on 4294967293, the last line that fits a duplicate */
    o.first_line = 4294967293L;
    import_result_t *r = imp("phone,n\n2015551234,1\n201 555 1234,2\n", &o, &err);
    assert_non_null(r);
    const import_rejection_t *dup = find_rej(r, 4294967295L);
    assert_non_null(dup);
    assert_int_equal(dup->code, IMPORT_DUPLICATE);
    assert_int_equal(dup->first_line, 4294967294L);
    import_result_free(r);

    /* one row more: refused as a whole, with the line it starts on */
    r = imp("phone,n\n2015551234,1\n201 555 1234,2\n2015551235,3\n", &o, &err);
    assert_null(r);
    assert_int_equal(err.status, IMPORT_ERR_LIMIT);
    assert_int_equal(err.line, 4294967296L);
    assert_string_equal(err.message, "line 4294967296: the file has more than 4,294,967,295 "
                                     "lines, more than dialtop can number (lines are kept in "
                                     "32 bits): split the file");
    /* blank lines past it are only counted */
    o.first_line = 4294967294L;
    r = imp("phone,n\n2015551234,1\n\n\n", &o, &err);
    assert_non_null(r);
    assert_int_equal(r->blank_lines, 2);
    import_contact_t c;
    import_result_contact(r, 0, &c);
    assert_int_equal(c.line, 4294967295L);
    import_result_free(r);
}

/* The dedupe key is the number's digits read as an integer (8 at a time):
 * numbers one digit apart, at every place, are all kept; the same numbers
 * again are all duplicates of their own first line. */
static void test_numbers_one_digit_apart(void **state)
{
    (void)state;
    static const char *const numbers[] = {
        "+12015551234", "+13015551234", "+12315551234", "+12025551234", "+12016551234",
        "+12015651234", "+12015561234", "+12015552234", "+12015551334", "+12015551244",
        "+12015551235", "+442079460018", "+442079460019", "+442079460118", "+442079461018",
        "+33142685300", "+33142685301", "+4930901820", "+4930901821", "+4930901830",
        /* 7 and 8 digits: shorter than the 8-digit word, and just its size */
        "+6834002", "+6834003", "+29022000", "+29022001",
    };
    enum { N = sizeof numbers / sizeof numbers[0] };
    char csv[2048];
    size_t o = (size_t)snprintf(csv, sizeof csv, "phone\n");
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < N; i++)
            o += (size_t)snprintf(csv + o, sizeof csv - o, "%s\n", numbers[i]);
    import_error_t err;
    import_result_t *r = imp(csv, NULL, &err);
    assert_non_null(r);
    assert_int_equal(r->accepted, N);
    assert_int_equal(r->by_code[IMPORT_DUPLICATE], N);
    for (int i = 0; i < N; i++) {
        const import_rejection_t *dup = find_rej(r, 2 + N + i);
        assert_non_null(dup);
        assert_int_equal(dup->code, IMPORT_DUPLICATE);
        assert_int_equal(dup->first_line, 2 + i);
    }
    import_result_free(r);
}

static void test_limits(void **state)
{
    (void)state;
    import_options_t o;
    import_options_init(&o);
    import_error_t err;
    o.max_rows = 2;
    import_result_t *r = imp("phone\n2015551234\n2015551235\n", &o, &err);
    assert_non_null(r);
    assert_int_equal(r->rows_read, 2);
    import_result_free(r);
    assert_null(imp("phone\n2015551234\n2015551235\n\n2015551236\n", &o, &err));
    assert_int_equal(err.status, IMPORT_ERR_LIMIT);
    assert_int_equal(err.line, 5);
    assert_non_null(strstr(err.message, "--max-rows"));

    import_options_init(&o);
    o.max_columns = 3;
    assert_null(imp("phone,a,b,c\n1,2,3,4\n", &o, &err));
    assert_int_equal(err.status, IMPORT_ERR_LIMIT);
    assert_non_null(strstr(err.message, "4 columns"));
    r = imp("phone,a,b\n2015551234,2,3\n", &o, &err);
    assert_non_null(r);
    import_result_free(r);

    /* defaults: 200 columns allowed, 201 not */
    import_options_init(&o);
    size_t cap = 201 * 8 + 16;
    char *hdr = malloc(cap);
    size_t n = (size_t)snprintf(hdr, cap, "phone");
    for (int i = 1; i < 200; i++)
        n += (size_t)snprintf(hdr + n, cap - n, ",c%d", i);
    snprintf(hdr + n, cap - n, "\n");
    r = imp(hdr, &o, &err);
    assert_non_null(r);
    assert_int_equal(r->ncolumns, 200);
    import_result_free(r);
    snprintf(hdr + n, cap - n, ",c200\n");
    assert_null(imp(hdr, &o, &err));
    assert_int_equal(err.status, IMPORT_ERR_LIMIT);
    free(hdr);

    /* default field limit is 64 KiB: a 70,000-byte cell is rejected */
    size_t big = 70000;
    char *csv = malloc(big + 64);
    n = (size_t)snprintf(csv, big + 64, "phone,note\n2015551234,");
    memset(csv + n, 'x', big);
    memcpy(csv + n + big, "\n", 2);
    r = imp(csv, NULL, &err);
    assert_non_null(r);
    assert_int_equal(r->by_code[IMPORT_FIELD_TOO_LONG], 1);
    assert_non_null(strstr(r->rejections[0].message, "65536"));
    import_result_free(r);
    free(csv);
}

static void test_not_text_and_encodings(void **state)
{
    (void)state;
    import_error_t err;
    const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    assert_null(import_buffer(png, sizeof png - 1, NULL, &err));
    assert_int_equal(err.status, IMPORT_ERR_NOT_TEXT);
    const char latin[] = "name;phone\nJos\xE9;2015551234\n";
    import_result_t *r = import_buffer(latin, sizeof latin - 1, NULL, &err);
    assert_non_null(r);
    assert_int_equal(r->delimiter, ';');
    assert_int_equal(r->by_code[IMPORT_INVALID_UTF8], 1);
    assert_non_null(strstr(r->rejections[0].message, "cp1252"));
    import_result_free(r);
    import_options_t o;
    import_options_init(&o);
    o.encoding_forced = true;
    o.encoding = ENCODING_CP1252;
    r = import_buffer(latin, sizeof latin - 1, &o, &err);
    assert_non_null(r);
    assert_int_equal(r->accepted, 1);
    import_contact_t c;
    import_result_contact(r, 0, &c);
    import_var_iter_t it = import_contact_vars(r, &c);
    const char *k, *v;
    assert_true(import_var_next(r, &it, &k, &v));
    assert_string_equal(v, "Jos\xC3\xA9");
    import_result_free(r);
}

static void test_utf16_rejection_names_encoding(void **state)
{
    (void)state;
    /* UTF-16LE with BOM: "phone,n\n2015551234,<lone surrogate>\n" */
    const char raw[] = "\xFF\xFEp\0h\0o\0n\0e\0,\0n\0\n\0"
                       "5\0005\0005\0002\0000\0001\0001\0002\0003\0004\0,\0\x00\xD8\n\0";
    import_error_t err;
    import_result_t *r = import_buffer(raw, sizeof raw - 1, NULL, &err);
    assert_non_null(r);
    assert_int_equal(r->encoding, ENCODING_UTF16LE);
    assert_int_equal(r->by_code[IMPORT_INVALID_UTF8], 1);
    assert_non_null(strstr(r->rejections[0].message, "utf-16le"));
    assert_int_equal(r->rejections[0].line, 2);
    import_result_free(r);
}

static void test_region_and_preview(void **state)
{
    (void)state;
    import_options_t o;
    import_options_init(&o);
    o.region = "IN";
    o.preview_rows = 2;
    import_error_t err;
    import_result_t *r = imp("mobile\n098765 43210\nbad\n91 98765 43211\n", &o, &err);
    assert_non_null(r);
    assert_string_equal(r->region, "IN");
    assert_int_equal(r->accepted, 2);
    assert_int_equal(r->npreview, 2);
    assert_true(r->preview[0].accepted);
    assert_string_equal(r->preview[0].row.cells[0], "098765 43210");
    assert_false(r->preview[1].accepted);
    assert_int_equal(r->preview[1].code, IMPORT_INVALID_PHONE);
    import_result_free(r);
}

static void test_phone_reasons_types_extension(void **state)
{
    (void)state;
    const char csv[] = "name,phone\n"
                       "a,(201) 555-0123 x305\n"   /* 2: extension */
                       "b,+1 900 555 0123\n"       /* 3: premium_rate */
                       "c,+1 555 555 5555\n"       /* 4: not_in_service */
                       "d,923418040123\n"          /* 5: wrong_country */
                       "e,+44 800 FLOWERS\n"       /* 6: vanity_letters */
                       "f,1-800-FLOWERS\n"         /* 7: toll_free */
                       "g,(201) 555-0123 x306\n";  /* 8: another extension: kept */
    import_options_t o;
    import_options_init(&o);
    import_error_t err;
    import_result_t *r = import_buffer(csv, sizeof csv - 1, &o, &err);
    assert_non_null(r);
    assert_int_equal(r->accepted, 3);
    assert_int_equal(find_rej(r, 3)->code, IMPORT_PREMIUM_RATE);
    assert_int_equal(find_rej(r, 4)->code, IMPORT_NOT_IN_SERVICE);
    assert_int_equal(find_rej(r, 5)->code, IMPORT_WRONG_COUNTRY);
    assert_non_null(strstr(find_rej(r, 5)->message, "looks like a +92 number; write it with +"));
    assert_int_equal(find_rej(r, 6)->code, IMPORT_VANITY_LETTERS);
    assert_string_equal(import_code_name(IMPORT_PREMIUM_RATE), "premium_rate");
    assert_string_equal(import_code_name(IMPORT_NOT_IN_SERVICE), "not_in_service");
    assert_string_equal(import_code_name(IMPORT_WRONG_COUNTRY), "wrong_country");
    assert_string_equal(import_code_name(IMPORT_VANITY_LETTERS), "vanity_letters");
    assert_int_equal(r->by_type[PHONE_TYPE_FIXED_OR_MOBILE], 2);
    assert_int_equal(r->by_type[PHONE_TYPE_TOLL_FREE], 1);
    assert_string_equal(r->extension_var, "extension");
    assert_int_equal(r->preview[1].type, PHONE_TYPE_PREMIUM_RATE); /* known, though refused */
    assert_int_equal(r->preview[2].type, PHONE_TYPE_UNKNOWN);
    model_contact_t m;
    assert_true(import_contact_to_model(r, 0, &m));
    assert_string_equal(m.phone, "+12015550123");
    assert_int_equal(m.nvars, 2);
    assert_string_equal(m.vars[1].key, "extension");
    assert_string_equal(m.vars[1].value, "305");
    model_contact_free(&m);
    import_contact_t c;
    import_result_contact(r, 1, &c);
    assert_int_equal(c.type, PHONE_TYPE_TOLL_FREE);
    import_result_contact(r, 2, &c);
    assert_int_equal(c.line, 8);
    import_result_free(r);

    /* --allow-premium; a file with its own extension column keeps it */
    o.allow_premium = true;
    const char csv2[] = "phone,extension\n+1 900 555 0123,7\n(201) 555-0123 #22,desk\n";
    r = import_buffer(csv2, sizeof csv2 - 1, &o, &err);
    assert_non_null(r);
    assert_int_equal(r->accepted, 2);
    assert_int_equal(r->by_type[PHONE_TYPE_PREMIUM_RATE], 1);
    assert_string_equal(r->extension_var, "phone_extension");
    assert_true(import_contact_to_model(r, 1, &m));
    assert_int_equal(m.nvars, 2);
    assert_string_equal(m.vars[0].key, "extension");
    assert_string_equal(m.vars[0].value, "desk");
    assert_string_equal(m.vars[1].key, "phone_extension");
    assert_string_equal(m.vars[1].value, "22");
    model_contact_free(&m);
    import_result_free(r);
}

static void test_reimport_columns_ignored(void **state)
{
    (void)state;
    import_error_t err;
    import_result_t *r = imp("rejected_line,rejected_reason,name,phone\n"
                             "3,invalid_phone: x,Ann,2015551234\n", NULL, &err);
    assert_non_null(r);
    assert_int_equal(r->accepted, 1);
    model_contact_t m;
    assert_true(import_contact_to_model(r, 0, &m));
    assert_int_equal(m.nvars, 1);
    assert_string_equal(m.vars[0].key, "name");
    model_contact_free(&m);
    import_result_free(r);
}

static void test_delimiters(void **state)
{
    (void)state;
    /* the names every report uses (CLI and console) */
    assert_string_equal(import_delimiter_name(','), "comma");
    assert_string_equal(import_delimiter_name(';'), "semicolon");
    assert_string_equal(import_delimiter_name('\t'), "tab");
    assert_string_equal(import_delimiter_name('|'), "pipe");
    assert_string_equal(import_delimiter_name(':'), "?");
    static const struct {
        const char *csv;
        char delim;
    } cases[] = {
        {"name|phone\n\"a|b\"|2015551234\nc|2015551235\n", '|'},
        {"name\tphone\na, b\t2015551234\nc\t2015551235\n", '\t'},
        {"name;phone\r\n\"a;b\";2015551234\r\nc,d;2015551235\r\n", ';'},
        {"name,phone\r\"a\rb\",2015551234\rc,2015551235\r", ','},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        import_error_t err;
        import_result_t *r = imp(cases[i].csv, NULL, &err);
        assert_non_null(r);
        assert_int_equal(r->delimiter, cases[i].delim);
        assert_true(r->delimiter_detected);
        assert_int_equal(r->accepted, 2);
        import_contact_t c;
        import_result_contact(r, 1, &c);
        assert_int_equal(c.line, i == 3 ? 4 : 3);
        import_result_free(r);
    }
    /* given explicitly: the semicolon file read with commas has no phone column */
    import_options_t o;
    import_options_init(&o);
    o.delimiter = ',';
    import_error_t err;
    assert_null(imp("name;phone\nx;2015551234\n", &o, &err));
    assert_int_equal(err.status, IMPORT_ERR_NO_PHONE);
    assert_non_null(strstr(err.message, "name;phone"));
}

static void test_models_in_file_order(void **state)
{
    (void)state;
    /* 2,500 contacts handed out one at a time, as the upload streams them */
    size_t n = 2500, cap = n * 40 + 32;
    char *csv = malloc(cap);
    size_t o = (size_t)snprintf(csv, cap, "phone,idx\n");
    for (size_t i = 0; i < n; i++)
        o += (size_t)snprintf(csv + o, cap - o, "+1201555%04zu,%zu\n", i, i);
    import_error_t err;
    import_result_t *r = imp(csv, NULL, &err);
    assert_non_null(r);
    assert_int_equal(r->accepted, (long)n);
    for (size_t i = 0; i < n; i++) {
        model_contact_t m;
        assert_true(import_contact_to_model(r, i, &m));
        char want[32];
        snprintf(want, sizeof want, "%zu", i);
        assert_int_equal(m.nvars, 1);
        assert_string_equal(m.vars[0].key, "idx");
        assert_string_equal(m.vars[0].value, want);
        model_contact_free(&m);
    }
    import_result_free(r);
    free(csv);
}

static bool cancel_at_once(void *ctx, unsigned long long done, unsigned long long total)
{
    (void)done;
    (void)total;
    ++*(int *)ctx;
    return false;
}

static void test_progress_cancel(void **state)
{
    (void)state;
    int calls = 0;
    import_options_t o;
    import_options_init(&o);
    o.progress = cancel_at_once;
    o.progress_ctx = &calls;
    import_error_t err;
    assert_null(imp("phone\n2015551234\n", &o, &err));
    assert_int_equal(err.status, IMPORT_ERR_CANCELLED);
    assert_int_equal(calls, 1);
}

/* A file past one chunk, whose rows get ten times shorter after the first
 * chunk (so the dedupe set, sized from the first chunk, must still grow),
 * with duplicates of its first rows at the end: count_only (the dry run)
 * decides exactly what the full import decides, and keeps no contact. */
static char *big_file(size_t *len)
{
    size_t cap = 4u << 20, n = 0;
    char *b = malloc(cap);
    assert_non_null(b);
    n += (size_t)snprintf(b + n, cap - n, "phone,note\n");
    char pad[201];
    memset(pad, 'x', 200);
    pad[200] = '\0';
    for (int i = 0; i < 62000; i++)
        n += (size_t)snprintf(b + n, cap - n, "212%03d%04d,%s\n", 234 + i / 10000, i % 10000,
                              i < 2000 ? pad : "s");
    for (int i = 0; i < 100; i++) /* lines 62002.. repeat lines 2.. */
        n += (size_t)snprintf(b + n, cap - n, "+1 212 %03d %04d,dup\n", 234 + i / 10000,
                              i % 10000);
    *len = n;
    return b;
}

static void test_count_only_decides_the_same(void **state)
{
    (void)state;
    size_t len;
    char *csv = big_file(&len);
    import_options_t o;
    import_options_init(&o);
    import_error_t err;
    import_result_t *full = import_buffer(csv, len, &o, &err);
    assert_non_null(full);
    o.count_only = true;
    import_result_t *count = import_buffer(csv, len, &o, &err);
    assert_non_null(count);
    assert_true(import_result_has_contacts(full));
    assert_false(import_result_has_contacts(count));
    assert_int_equal(full->rows_read, 62100);
    assert_int_equal(full->accepted, 62000);
    assert_int_equal(full->by_code[IMPORT_DUPLICATE], 100);
    assert_int_equal(count->rows_read, full->rows_read);
    assert_int_equal(count->accepted, full->accepted);
    assert_int_equal(count->rejected, full->rejected);
    assert_accounts(count);
    assert_memory_equal(count->by_code, full->by_code, sizeof full->by_code);
    assert_memory_equal(count->by_type, full->by_type, sizeof full->by_type);
    assert_int_equal(count->nrejections, full->nrejections);
    for (size_t i = 0; i < full->nrejections; i++) {
        assert_int_equal(count->rejections[i].line, full->rejections[i].line);
        assert_int_equal(count->rejections[i].first_line, full->rejections[i].first_line);
        assert_int_equal(full->rejections[i].first_line, full->rejections[i].line - 62000);
        assert_string_equal(count->rejections[i].message, full->rejections[i].message);
    }
    assert_int_equal(count->npreview, full->npreview);
    import_result_free(full);
    import_result_free(count);
    free(csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accept_and_vars),
        cmocka_unit_test(test_phone_column_choice),
        cmocka_unit_test(test_structural_errors),
        cmocka_unit_test(test_rejection_codes),
        cmocka_unit_test(test_duplicates_keep_first),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_lines_past_32_bits),
        cmocka_unit_test(test_numbers_one_digit_apart),
        cmocka_unit_test(test_not_text_and_encodings),
        cmocka_unit_test(test_region_and_preview),
        cmocka_unit_test(test_phone_reasons_types_extension),
        cmocka_unit_test(test_reimport_columns_ignored),
        cmocka_unit_test(test_progress_cancel),
        cmocka_unit_test(test_delimiters),
        cmocka_unit_test(test_utf16_rejection_names_encoding),
        cmocka_unit_test(test_models_in_file_order),
        cmocka_unit_test(test_count_only_decides_the_same),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
