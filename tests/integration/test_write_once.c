/* Exactly once, truthfully, and no secret leaves: dialtop's real client and
 * action path against a hostile backend of our own (tests/support/hostsrv)
 * that answers reads, applies every write and then misbehaves: drops the
 * connection without a reply, answers 2xx with a cut-off body, answers
 * 500, or echoes the key in its error. The server counts what it received. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "action.h"
#include "client.h"
#include "hostsrv.h"
#include "redact.h"

#define KEY "hostile-key-5f2a9c"

typedef struct {
    hostsrv_t *srv;
    config_profile_t prof;
    client_t *client;
    action_ctx_t *ctx;
    char audit[512];
} fix_t;

static int setup(void **state)
{
    fix_t *f = calloc(1, sizeof *f);
    f->srv = hostsrv_start(KEY);
    if (!f->srv)
        return -1;
    setenv("HOSTILE_KEY", KEY, 1);
    f->prof.name = "hostile";
    f->prof.provider = PROVIDER_OMNIDIM;
    f->prof.base_url = (char *)hostsrv_url(f->srv);
    f->prof.api_key_env = "HOSTILE_KEY";
    f->prof.poll_interval_s = 2;
    char err[256];
    f->client = client_new(&f->prof, NULL, err, sizeof err);
    const char *tmp = getenv("DIALTOP_TEST_TMP");
    snprintf(f->audit, sizeof f->audit, "%s/write-once-%ld/audit.log", tmp ? tmp : "/tmp",
             (long)getpid());
    unlink(f->audit);
    f->ctx = f->client ? action_ctx_new(f->client, false, f->audit) : NULL;
    *state = f;
    return f->ctx ? 0 : -1;
}

static int teardown(void **state)
{
    fix_t *f = *state;
    action_ctx_free(f->ctx);
    client_free(f->client);
    hostsrv_stop(f->srv);
    unlink(f->audit);
    free(f);
    return 0;
}

typedef struct {
    model_campaign_t *camp;
    bool done;
} got_t;

static void on_got(model_campaign_t *camp, const api_error_t *err, void *ud)
{
    (void)err;
    got_t *g = ud;
    g->camp = camp;
    g->done = true;
}

/* A read through the same client: it leaves a keep-alive connection
 * open, the one libcurl would otherwise reuse (and replay) for the write. */
static model_campaign_t *read_campaign(fix_t *f, const char *id)
{
    got_t g = {NULL, false};
    unsigned long op = client_get_campaign(f->client, id, on_got, &g);
    assert_true(op > 0);
    assert_true(client_wait(f->client, op, -1));
    assert_non_null(g.camp);
    return g.camp;
}

static void act(fix_t *f, const char *id, action_t a, action_report_t *r)
{
    model_campaign_t *c = read_campaign(f, id);
    action_params_t params = {.confirmed = true};
    action_run(f->ctx, c, a, &params, r);
    model_campaign_free(c);
    free(c);
}

static char *read_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return strdup("");
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    return strdup(buf);
}

static cJSON *last_audit(fix_t *f)
{
    char *text = read_file(f->audit);
    char *last = NULL;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
        last = line;
    cJSON *o = last ? cJSON_Parse(last) : NULL;
    free(text);
    return o;
}

/* Item 1: the server applied the pause and dropped the connection. One
 * PUT reached it, on a connection of its own; nothing was resent. */
static void test_dropped_write_is_sent_once(void **state)
{
    fix_t *f = *state;
    hostsrv_set_write(f->srv, HOSTSRV_WRITE_DROP);
    action_report_t r;
    act(f, "1", ACTION_PAUSE, &r);
    assert_int_equal(hostsrv_count(f->srv, "PUT"), 1);
    assert_string_equal(hostsrv_status(f->srv, 1), "paused");
    act(f, "2", ACTION_CANCEL, &r);
    assert_int_equal(hostsrv_count(f->srv, "DELETE"), 1);
    /* Several in a row: still one each. */
    act(f, "3", ACTION_PAUSE, &r);
    act(f, "3", ACTION_RESUME, &r);
    assert_int_equal(hostsrv_count(f->srv, "PUT"), 3);
}

/* Item 2: a lost reply is "sent, outcome unknown"; the read-back shows
 * the pause applied, so it is confirmed (exit 0) and says how it knows. */
static void test_lost_reply_reads_back(void **state)
{
    fix_t *f = *state;
    hostsrv_set_write(f->srv, HOSTSRV_WRITE_DROP);
    action_report_t r;
    act(f, "4", ACTION_PAUSE, &r);
    assert_true(r.sent);
    assert_true(r.unknown);
    assert_true(r.read_back);
    assert_int_equal(r.outcome, AUDIT_CONFIRMED);
    assert_int_equal(r.state, CAMPAIGN_PAUSED);
    assert_non_null(strstr(r.message, "sent, outcome unknown"));
    assert_non_null(strstr(r.message, "read back: paused"));
    cJSON *a = last_audit(f);
    assert_non_null(a);
    assert_string_equal(cJSON_GetObjectItem(a, "outcome")->valuestring, "confirmed");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(a, "outcome_unknown")));
    cJSON_Delete(a);
}

/* Item 2: a 2xx whose body cannot be read is not "failed; stays active". */
static void test_truncated_2xx_reads_back(void **state)
{
    fix_t *f = *state;
    hostsrv_set_write(f->srv, HOSTSRV_WRITE_TRUNCATED);
    action_report_t r;
    act(f, "5", ACTION_PAUSE, &r);
    assert_int_equal(hostsrv_count(f->srv, "PUT"), 1);
    assert_true(r.unknown);
    assert_int_equal(r.outcome, AUDIT_CONFIRMED);
    assert_int_equal(r.state, CAMPAIGN_PAUSED);
    assert_null(strstr(r.message, "stays"));
}

/* Item 2: a 5xx after applying it; and a 5xx whose read-back also fails
 * is reported failed with the state unknown, never "stays". */
static void test_5xx_reads_back(void **state)
{
    fix_t *f = *state;
    hostsrv_set_write(f->srv, HOSTSRV_WRITE_500);
    action_report_t r;
    act(f, "6", ACTION_PAUSE, &r);
    assert_int_equal(r.outcome, AUDIT_CONFIRMED);
    assert_true(r.unknown);
    model_campaign_t *c = read_campaign(f, "7");
    hostsrv_fail_reads(f->srv, true);
    action_params_t params = {.confirmed = true};
    action_run(f->ctx, c, ACTION_PAUSE, &params, &r);
    hostsrv_fail_reads(f->srv, false);
    model_campaign_free(c);
    free(c);
    assert_int_equal(r.outcome, AUDIT_FAILED);
    assert_true(r.unknown);
    assert_false(r.read_back);
    assert_int_equal(r.state, CAMPAIGN_UNKNOWN);
    assert_non_null(strstr(r.message, "read-back failed"));
    assert_int_equal(hostsrv_count(f->srv, "PUT"), 2);
}

/* Item 4: a provider that echoes the key: not in the report, not in the log. */
static void test_echoed_key_is_redacted(void **state)
{
    fix_t *f = *state;
    hostsrv_set_write(f->srv, HOSTSRV_WRITE_ECHO_KEY);
    action_report_t r;
    act(f, "8", ACTION_PAUSE, &r);
    assert_int_equal(r.outcome, AUDIT_FAILED);
    assert_null(strstr(r.message, KEY));
    assert_null(strstr(r.error.message, KEY));
    assert_non_null(strstr(r.message, "Bearer " REDACT_MARK));
    char *log = read_file(f->audit);
    assert_non_null(strstr(log, "invalid key"));
    assert_null(strstr(log, KEY));
    free(log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_dropped_write_is_sent_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lost_reply_reads_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncated_2xx_reads_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_5xx_reads_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_echoed_key_is_redacted, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
