/* The upload (api/upload.h and `dialtop import` without --dry-run)
 * against a real dialtop-sim: each provider gets a campaign holding exactly
 * the accepted contacts with their variables (read back through the
 * client); refusals and rejected rows send nothing; a Sarvam chunk that
 * fails mid-way is reported with the true number uploaded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actfix.h"
#include "cmd_import.h"
#include "upload.h"

/* Two accepted rows (one national number), one invalid, one duplicate. */
static const char CSV[] = "phone,first_name,city\n"
                          "+14155550101,Ann,SF\n"
                          "(415) 555-0102,Bob,\n"
                          "bad,Cy,LA\n"
                          "+14155550101,Dup,NY\n";

static int setup(void **state)
{
    actfix_t *f = actfix_start();
    *state = f;
    return f ? 0 : -1;
}

static int teardown(void **state)
{
    actfix_stop(*state);
    return 0;
}

static import_result_t *import_text(const char *text)
{
    import_options_t opt;
    import_options_init(&opt);
    opt.region = "US";
    import_error_t err;
    import_result_t *r = import_buffer(text, strlen(text), &opt, &err);
    if (!r)
        fail_msg("import: %s", err.message);
    return r;
}

static const char *var_of(const model_contact_t *c, const char *key)
{
    for (size_t i = 0; i < c->nvars; i++)
        if (c->vars[i].key && strcmp(c->vars[i].key, key) == 0)
            return c->vars[i].value;
    return NULL;
}

static void settings_for(provider_t p, upload_settings_t *s, const actfix_t *f, const char *name)
{
    upload_settings_init(s);
    s->name = name;
    s->audit_path = f->audit;
    /* only what the provider's create takes: upload_check refuses the rest */
    if (upload_offers(p, UPLOAD_OFFER_CONCURRENCY))
        s->concurrency = 2;
    if (upload_offers(p, UPLOAD_OFFER_RETRY))
        s->retry_limit = 1;
    if (p == PROVIDER_OMNIDIM)
        s->phone_number_id = "17";
}

static void run_upload(upload_t *u, size_t *progress_calls);

static void count_progress(size_t done, size_t total, void *ud)
{
    size_t *calls = ud;
    assert_true(done <= total);
    (*calls)++;
}

static void run_upload(upload_t *u, size_t *progress_calls)
{
    upload_wait(u, count_progress, progress_calls);
    assert_true(upload_finished(u));
}

/* Exactly the accepted contacts, each with its own variables. */
static void check_contacts(actfix_t *f, provider_t p, const char *id)
{
    model_contact_t *got = NULL;
    size_t n = 0;
    api_error_t err;
    if (!actfix_contacts(f, p, id, &got, &n, &err))
        fail_msg("%s: read back: %s", model_provider_name(p), err.message);
    assert_int_equal(n, 2);
    bool ann = false, bob = false;
    for (size_t i = 0; i < n; i++) {
        const model_contact_t *c = &got[i];
        if (strcmp(c->phone, "+14155550101") == 0) {
            ann = true;
            assert_non_null(var_of(c, "first_name"));
            assert_string_equal(var_of(c, "first_name"), "Ann");
            assert_non_null(var_of(c, "city"));
            assert_string_equal(var_of(c, "city"), "SF");
        } else if (strcmp(c->phone, "+14155550102") == 0) {
            bob = true;
            assert_non_null(var_of(c, "first_name"));
            assert_string_equal(var_of(c, "first_name"), "Bob");
            assert_null(var_of(c, "city")); /* empty cells are not variables */
        } else {
            fail_msg("%s: unexpected contact %s", model_provider_name(p), c->phone);
        }
    }
    assert_true(ann && bob);
    for (size_t i = 0; i < n; i++)
        model_contact_free(&got[i]);
    free(got);
}

static void test_each_provider_gets_the_accepted_contacts(void **state)
{
    actfix_t *f = *state;
    import_result_t *r = import_text(CSV);
    assert_int_equal(r->accepted, 2);
    assert_int_equal(r->rejected, 2);
    for (int p = 0; p < ACTFIX_SIM_PROVIDERS; p++) {
        int lines = actfix_audit_lines(f, NULL);
        upload_settings_t s;
        settings_for((provider_t)p, &s, f, "Imported list");
        char reason[UPLOAD_REASON_MAX];
        upload_t *u = upload_start(f->client[p], r, &s, reason, sizeof reason);
        if (!u)
            fail_msg("%s: refused: %s", model_provider_name((provider_t)p), reason);
        size_t calls = 0;
        run_upload(u, &calls);
        const upload_outcome_t *o = upload_outcome(u);
        if (!o->confirmed)
            fail_msg("%s: %s", model_provider_name((provider_t)p), o->err.message);
        assert_true(o->has_created);
        assert_int_equal(o->contacts_sent, 2);
        assert_string_equal(o->audit_error, "");
        check_contacts(f, (provider_t)p, o->created.id);

        model_campaign_t *c = actfix_get(f, (provider_t)p, o->created.id);
        assert_non_null(c);
        assert_string_equal(c->name, "Imported list");
        model_campaign_free(c);
        free(c);

        cJSON *last = NULL;
        assert_int_equal(actfix_audit_lines(f, &last), lines + 1);
        const cJSON *action = cJSON_GetObjectItemCaseSensitive(last, "action");
        const cJSON *outcome = cJSON_GetObjectItemCaseSensitive(last, "outcome");
        assert_string_equal(action->valuestring, "create");
        assert_string_equal(outcome->valuestring, "confirmed");
        cJSON_Delete(last);
        upload_free(u);
    }
    import_result_free(r);
}

/* Settings refused before sending: not one request reaches the sim (the
 * stats read counts itself, hence +1), and the refusal is audited. */
static void expect_refused(actfix_t *f, provider_t p, const import_result_t *r,
                           const upload_settings_t *s, const char *want)
{
    long before = actfix_stat(f, "requests_total");
    int lines = actfix_audit_lines(f, NULL);
    char reason[UPLOAD_REASON_MAX] = "";
    upload_t *u = upload_start(f->client[p], r, s, reason, sizeof reason);
    assert_null(u);
    if (!strstr(reason, want))
        fail_msg("reason \"%s\" does not say \"%s\"", reason, want);
    assert_int_equal(actfix_stat(f, "requests_total"), before + 1);
    assert_int_equal(actfix_audit_lines(f, NULL), lines + 1);
}

static void test_refusals_send_nothing(void **state)
{
    actfix_t *f = *state;
    import_result_t *r = import_text(CSV);
    upload_settings_t s;

    settings_for(PROVIDER_OMNIDIM, &s, f, "No caller");
    s.phone_number_id = NULL;
    expect_refused(f, PROVIDER_OMNIDIM, r, &s, "phone-number-id");

    settings_for(PROVIDER_SARVAM, &s, f, "bad/name!");
    expect_refused(f, PROVIDER_SARVAM, r, &s, "Sarvam campaign names");
    settings_for(PROVIDER_SARVAM, &s, f, "a name that is far too long for Sarvam's fifty chars");
    expect_refused(f, PROVIDER_SARVAM, r, &s, "Sarvam campaign names");

    settings_for(PROVIDER_TRUEDY, &s, f, "Past");
    s.at = "2001-01-01 10:00";
    s.tz = "UTC";
    expect_refused(f, PROVIDER_TRUEDY, r, &s, "");
    settings_for(PROVIDER_TRUEDY, &s, f, "Bad zone");
    s.at = "2031-01-01 10:00";
    s.tz = "Mars/Olympus";
    expect_refused(f, PROVIDER_TRUEDY, r, &s, "");
    settings_for(PROVIDER_OMNIDIM, &s, f, "Bad retries");
    s.retry_limit = 6;
    expect_refused(f, PROVIDER_OMNIDIM, r, &s, "retry limit");
    settings_for(PROVIDER_TRUEDY, &s, f, "Retries");
    s.retry_limit = 1;
    expect_refused(f, PROVIDER_TRUEDY, r, &s, "Truedy's create takes no retry setting");
    settings_for(PROVIDER_SARVAM, &s, f, "Concurrency");
    s.concurrency = 2;
    expect_refused(f, PROVIDER_SARVAM, r, &s, "Sarvam's create takes no concurrency setting");
    settings_for(PROVIDER_SARVAM, &s, f, "Bad hours");
    s.hours = "25:00-26:00";
    expect_refused(f, PROVIDER_SARVAM, r, &s, "working hours must look like 09:00-18:00");
    settings_for(PROVIDER_TRUEDY, &s, f, "Bad days");
    s.days = "mon,fr1";
    expect_refused(f, PROVIDER_TRUEDY, r, &s, "unknown day 'fr1'");
    import_result_free(r);
}

/* A scheduled Sarvam campaign of 2,500 contacts: three chunks, progress
 * reported on the way, every contact there. */
static void test_sarvam_chunks_with_progress(void **state)
{
    actfix_t *f = *state;
    enum { N = 2500 };
    size_t cap = 32 + (size_t)N * 24;
    char *csv = malloc(cap);
    assert_non_null(csv);
    size_t len = (size_t)snprintf(csv, cap, "phone,n\n");
    for (int i = 0; i < N; i++)
        len += (size_t)snprintf(csv + len, cap - len, "+1415556%04d,%d\n", i, i);
    import_result_t *r = import_text(csv);
    free(csv);
    assert_int_equal(r->accepted, N);

    upload_settings_t s;
    settings_for(PROVIDER_SARVAM, &s, f, "Big list");
    s.at = "2031-06-15 09:30";
    s.tz = "Asia/Kolkata";
    long before = actfix_stat(f, "actions_total");
    char reason[UPLOAD_REASON_MAX];
    upload_t *u = upload_start(f->client[PROVIDER_SARVAM], r, &s, reason, sizeof reason);
    if (!u)
        fail_msg("refused: %s", reason);
    size_t calls = 0;
    run_upload(u, &calls);
    const upload_outcome_t *o = upload_outcome(u);
    if (!o->confirmed)
        fail_msg("%s", o->err.message);
    assert_int_equal(o->contacts_sent, N);
    assert_true(calls >= 2); /* at least a partial figure and the final one */
    assert_int_equal(actfix_stat(f, "actions_total"), before + 1 + 3);

    model_contact_t *got = NULL;
    size_t n = 0;
    api_error_t err;
    assert_true(actfix_contacts(f, PROVIDER_SARVAM, o->created.id, &got, &n, &err));
    assert_int_equal(n, N);
    for (size_t i = 0; i < n; i++)
        model_contact_free(&got[i]);
    free(got);
    upload_free(u);
    import_result_free(r);
}

/* The backend starts refusing once the campaign exists: the outcome is a
 * failure naming the campaign, and the count it gives is what is really
 * there. */
static void test_sarvam_chunk_failure_is_not_success(void **state)
{
    actfix_t *f = *state;
    enum { N = 2100 };
    size_t cap = 32 + (size_t)N * 24;
    char *csv = malloc(cap);
    assert_non_null(csv);
    size_t len = (size_t)snprintf(csv, cap, "phone\n");
    for (int i = 0; i < N; i++)
        len += (size_t)snprintf(csv + len, cap - len, "+1415557%04d\n", i);
    import_result_t *r = import_text(csv);
    free(csv);

    upload_settings_t s;
    settings_for(PROVIDER_SARVAM, &s, f, "Half list");
    char reason[UPLOAD_REASON_MAX];
    client_t *c = f->client[PROVIDER_SARVAM];
    upload_t *u = upload_start(c, r, &s, reason, sizeof reason);
    assert_non_null(u);
    /* Step until the sim has the campaign, then make every further POST
     * fail. The client sends the next chunk only from client_poll(), so
     * at most the first chunk can get through before the fault. */
    for (int i = 0; i < 400 && actfix_stat(f, "actions_total") < 1; i++)
        client_poll(c, -1, 20, NULL);
    assert_false(upload_finished(u));
    assert_true(actfix_faults(f, "{\"fail_actions\":true}"));
    upload_wait(u, NULL, NULL);
    assert_true(actfix_faults(f, "{\"fail_actions\":false}"));
    const upload_outcome_t *o = upload_outcome(u);
    assert_false(o->confirmed);
    assert_int_equal(o->err.kind, API_ERR_SERVER);
    assert_true(o->has_created);
    assert_true(o->contacts_sent < N);
    model_contact_t *got = NULL;
    size_t n = 0;
    api_error_t err;
    assert_true(actfix_contacts(f, PROVIDER_SARVAM, o->created.id, &got, &n, &err));
    assert_int_equal(n, o->contacts_sent);
    for (size_t i = 0; i < n; i++)
        model_contact_free(&got[i]);
    free(got);
    cJSON *last = NULL;
    actfix_audit_lines(f, &last);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(last, "outcome")->valuestring,
                        "failed");
    cJSON_Delete(last);
    upload_free(u);
    import_result_free(r);
}

/* `dialtop import` itself: rejected rows without --allow-rejects upload
 * nothing (exit 3); with it, the campaign is created (exit 0). */
static void test_cli_rejects_block_upload(void **state)
{
    actfix_t *f = *state;
    const char *tmp = getenv("DIALTOP_TEST_TMP");
    char dir[512], csv[600], cfg[600];
    snprintf(dir, sizeof dir, "%s/upload-%ld", tmp ? tmp : "/tmp", (long)getpid());
    char cmd[600];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
    assert_int_equal(system(cmd), 0);
    snprintf(csv, sizeof csv, "%s/list.csv", dir);
    snprintf(cfg, sizeof cfg, "%s/config", dir);
    FILE *fp = fopen(csv, "w");
    assert_non_null(fp);
    fputs(CSV, fp);
    fclose(fp);
    fp = fopen(cfg, "w");
    assert_non_null(fp);
    fprintf(fp, "[profile t]\nprovider = truedy\nbase_url = %s\napi_key_env = ACTFIX_API_KEY\n",
            simproc_url(f->sim));
    fclose(fp);
    chmod(cfg, 0600);

    long before = actfix_stat(f, "requests_total");
    char *argv1[] = {"import", csv, "--name", "CLI list", "--config", cfg, "--region", "US",
                     NULL};
    assert_int_equal(cmd_import(8, argv1), CMD_IMPORT_REJECTS);
    assert_int_equal(actfix_stat(f, "requests_total"), before + 1);

    before = actfix_stat(f, "actions_total");
    char *argv2[] = {"import", csv, "--name", "CLI list", "--config", cfg, "--region", "US",
                     "--allow-rejects", NULL};
    assert_int_equal(cmd_import(9, argv2), CMD_IMPORT_OK);
    assert_int_equal(actfix_stat(f, "actions_total"), before + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_each_provider_gets_the_accepted_contacts, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_refusals_send_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarvam_chunks_with_progress, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sarvam_chunk_failure_is_not_success, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_cli_rejects_block_upload, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
