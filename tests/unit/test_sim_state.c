/* dialtop-sim state file and control endpoints through sim_handle: a
 * saved store loads back equal, a corrupt file is refused and left
 * untouched, /_sim/ stats, faults and direct creation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "simcall.h"
#include "simstate_v1.h"
#include "state_db.h"

static char path[512];

static int teardown(void **state);

static int setup(void **state)
{
    const char *tmp = getenv("DIALTOP_TEST_TMP");
    snprintf(path, sizeof path, "%s/sim-state-%ld.db", tmp ? tmp : "/tmp", (long)getpid());
    return teardown(state);
}

static int teardown(void **state)
{
    (void)state;
    static const char *const sides[] = {"", "-wal", "-shm", ".json-v1", ".new"};
    for (size_t i = 0; i < sizeof sides / sizeof *sides; i++) {
        char p[600];
        snprintf(p, sizeof p, "%s%s", path, sides[i]);
        unlink(p);
    }
    return 0;
}

static sim_t *open_sim(char *err, size_t errlen)
{
    sim_config_t cfg;
    sim_config_defaults(&cfg);
    cfg.api_key = SIMCALL_KEY;
    cfg.speed = 0;
    cfg.start_time = SIMCALL_T0;
    cfg.state_path = path;
    return sim_new(&cfg, err, errlen);
}

static char *body_of(sim_t *sim, const char *url)
{
    int st;
    cJSON *r = sim_call(sim, "GET", url, NULL, &st);
    char *text = cJSON_PrintUnformatted(r);
    cJSON_Delete(r);
    return text;
}

static void refuse(const char *content);

static char *slurp(const char *p, size_t *len)
{
    FILE *f = fopen(p, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 24);
    *len = fread(buf, 1, (1 << 24) - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

static void test_round_trip(void **state)
{
    (void)state;
    char err[512];
    sim_t *sim = open_sim(err, sizeof err);
    assert_non_null(sim);
    assert_false(sim_loaded_state(sim));
    assert_true(sim_load_demo(sim));
    /* webhook URLs with their tokens are in there: owner only, as the
     * JSON file was, and its write-ahead log too */
    struct stat sb;
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", path);
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 077, 0);
    assert_int_equal(stat(wal, &sb), 0);
    assert_int_equal(sb.st_mode & 077, 0);
    int st;
    cJSON *r = sim_call(sim, "POST", SIM_PREFIX_SARVAM "/campaigns", "{\"name\":\"Saved one\"}", &st);
    assert_int_equal(st, 201);
    char id[64], url[256];
    snprintf(id, sizeof id, "%s", simcall_str(r, "campaign_id"));
    cJSON_Delete(r);
    snprintf(url, sizeof url, SIM_PREFIX_SARVAM "/campaigns/%s/cohorts/stream", id);
    r = sim_call(sim, "POST", url, "{\"name\":\"c\",\"users\":[{\"user_phone_number\":\"+919800000001\",\"app_variables\":{\"k\":\"v \\\"q\\\"\"}}]}", &st);
    assert_int_equal(st, 201);
    cJSON_Delete(r);
    const char *urls[] = {"/api/v1/calls/bulk_call?pagesize=150", "/api/v1/calls/bulk_call/303/lines?pagesize=150",
                          "/api/public/v1/batch-calls?limit=100", SIM_PREFIX_SARVAM "/campaigns?limit=100"};
    char *before[4];
    for (int i = 0; i < 4; i++)
        before[i] = body_of(sim, urls[i]);
    snprintf(url, sizeof url, "/_sim/sarvam/campaigns/%s/attempts", id);
    char *att_before = body_of(sim, url);
    sim_free(sim); /* no explicit save: every change was saved when made */

    sim = open_sim(err, sizeof err);
    assert_non_null(sim);
    assert_true(sim_loaded_state(sim));
    for (int i = 0; i < 4; i++) {
        char *after = body_of(sim, urls[i]);
        /* Truedy's meta carries a request id and the time: compare data only */
        if (i == 2) {
            cJSON *a = cJSON_Parse(before[i]), *b = cJSON_Parse(after);
            assert_true(cJSON_Compare(simcall_get(a, "data"), simcall_get(b, "data"), true));
            cJSON_Delete(a);
            cJSON_Delete(b);
        } else {
            assert_string_equal(before[i], after);
        }
        free(before[i]);
        free(after);
    }
    char *att_after = body_of(sim, url);
    assert_string_equal(att_before, att_after);
    free(att_before);
    free(att_after);
    /* new ids continue after the loaded ones */
    r = sim_call(sim, "POST", SIM_PREFIX_SARVAM "/campaigns", "{\"name\":\"Next\"}", &st);
    assert_string_not_equal(simcall_str(r, "campaign_id"), id);
    cJSON_Delete(r);
    sim_free(sim);
}

/* The campaign settings each dialect takes survive a restart, echoed in
 * the dialect's own field names. */
static void test_settings_round_trip(void **state)
{
    (void)state;
    char err[512];
    sim_t *sim = open_sim(err, sizeof err);
    assert_non_null(sim);
    int st;
    cJSON *r = sim_call(sim, "POST", "/api/v1/calls/bulk_call/create",
                        "{\"name\":\"o\",\"phone_number_id\":\"1\",\"contact_list\":"
                        "[{\"phone_number\":\"+15551234567\"}],\"retry_config\":{\"auto_retry\":true,"
                        "\"auto_retry_schedule\":\"scheduled_time\",\"retry_schedule_days\":1,"
                        "\"retry_schedule_hours\":6,\"retry_limit\":3}}", &st);
    assert_int_equal(st, 200);
    char omni[96];
    snprintf(omni, sizeof omni, "/api/v1/calls/bulk_call/%d", (int)simcall_num(r, "id"));
    cJSON_Delete(r);
    r = sim_call(sim, "POST", "/api/public/v1/batch-calls",
                 "{\"name\":\"t\",\"contacts\":[{\"phone_number\":\"+15551234567\"}],"
                 "\"timezone\":\"America/Chicago\",\"start_time\":\"09:00\",\"end_time\":\"17:30\","
                 "\"working_days\":[1,2,3,4,5],\"max_calls_per_day\":250}", &st);
    assert_int_equal(st, 201);
    char truedy[96];
    snprintf(truedy, sizeof truedy, "/api/public/v1/batch-calls/%s", simcall_str(r, "data.id"));
    cJSON_Delete(r);
    r = sim_call(sim, "POST", SIM_PREFIX_SARVAM "/campaigns",
                 "{\"name\":\"s\",\"allowed_schedule\":{\"allowed_start_time\":\"10:00\","
                 "\"allowed_end_time\":\"19:00\",\"allowed_days\":[\"Monday\",\"Saturday\"],"
                 "\"timezone\":\"Asia/Kolkata\"}}", &st);
    assert_int_equal(st, 201);
    char sarvam[160];
    snprintf(sarvam, sizeof sarvam, SIM_PREFIX_SARVAM "/campaigns/%s", simcall_str(r, "campaign_id"));
    cJSON_Delete(r);
    sim_free(sim);

    sim = open_sim(err, sizeof err);
    assert_non_null(sim);
    char *o = body_of(sim, omni);
    cJSON *j = cJSON_Parse(o);
    char *rc = cJSON_PrintUnformatted(simcall_get(j, "details.retry_config"));
    assert_string_equal(rc, "{\"auto_retry\":true,\"auto_retry_schedule\":\"scheduled_time\","
                            "\"retry_schedule_days\":1,\"retry_schedule_hours\":6,\"retry_limit\":3}");
    free(rc);
    cJSON_Delete(j);
    free(o);
    r = sim_call(sim, "GET", truedy, NULL, &st);
    assert_string_equal(simcall_str(r, "data.start_time"), "09:00");
    assert_string_equal(simcall_str(r, "data.end_time"), "17:30");
    char *days = cJSON_PrintUnformatted(simcall_get(r, "data.working_days"));
    assert_string_equal(days, "[1,2,3,4,5]");
    free(days);
    assert_int_equal((int)simcall_num(r, "data.max_calls_per_day"), 250);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", sarvam, NULL, &st);
    char *as = cJSON_PrintUnformatted(simcall_get(r, "allowed_schedule"));
    assert_string_equal(as, "{\"allowed_start_time\":\"10:00\",\"allowed_end_time\":\"19:00\","
                            "\"allowed_days\":[\"Monday\",\"Saturday\"],\"timezone\":\"Asia/Kolkata\"}");
    free(as);
    cJSON_Delete(r);
    sim_free(sim);
}

/* The store's JSON document (the format before the database), read from
 * the database at path: what an old dialtop-sim would have left there. */
static char *legacy_json_of(const char *db_path)
{
    store_t s;
    store_init(&s, 1);
    int64_t now = 0;
    bool loaded = false;
    char err[512];
    state_db_t *db = state_db_open(db_path, &s, &now, &loaded, err, sizeof err);
    if (!db)
        fail_msg("%s", err);
    assert_true(loaded);
    state_db_close(db);
    cJSON *doc = simstate_v1_json(&s, now);
    store_free(&s);
    char *text = cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    assert_non_null(text);
    return text;
}

static void put_file(const char *p, const char *text)
{
    char side[600];
    snprintf(side, sizeof side, "%s-wal", p);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", p);
    unlink(side);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A JSON state file (the format before the database) from before the
 * settings existed loads, with them off, and is migrated once: the JSON
 * is kept beside, the next start reads the database. */
static void test_state_without_settings_loads(void **state)
{
    (void)state;
    char err[512];
    sim_t *sim = open_sim(err, sizeof err);
    assert_non_null(sim);
    int st;
    cJSON *r = sim_call(sim, "POST", "/api/public/v1/batch-calls",
                        "{\"name\":\"old\",\"contacts\":[{\"phone_number\":\"+15551234567\"}],"
                        "\"start_time\":\"09:00\",\"working_days\":[6,7],\"max_calls_per_day\":5}", &st);
    assert_int_equal(st, 201);
    char url[96];
    snprintf(url, sizeof url, "/api/public/v1/batch-calls/%s", simcall_str(r, "data.id"));
    cJSON_Delete(r);
    sim_free(sim);

    char *text = legacy_json_of(path);
    cJSON *doc = cJSON_Parse(text);
    free(text);
    assert_non_null(doc);
    static const char *const added[] = {"retry_schedule", "retry_days", "retry_hours",
                                        "window_start", "window_end", "window_days",
                                        "max_calls_per_day", "day_start", "calls_today"};
    cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "campaigns"))
        for (size_t i = 0; i < sizeof added / sizeof *added; i++)
            cJSON_DeleteItemFromObjectCaseSensitive(c, added[i]);
    text = cJSON_PrintUnformatted(doc);
    put_file(path, text);

    for (int start = 0; start < 2; start++) {
        sim = open_sim(err, sizeof err);
        if (!sim)
            fail_msg("refused: %s", err);
        assert_true(sim_loaded_state(sim));
        r = sim_call(sim, "GET", url, NULL, &st);
        assert_int_equal(st, 200);
        assert_string_equal(simcall_str(r, "data.name"), "old");
        assert_true(cJSON_IsNull(simcall_get(r, "data.start_time")));
        assert_int_equal(cJSON_GetArraySize(simcall_get(r, "data.working_days")), 0);
        assert_true(cJSON_IsNull(simcall_get(r, "data.max_calls_per_day")));
        cJSON_Delete(r);
        sim_free(sim);
        /* migrated: the database replaced the file, the JSON kept beside */
        char head[16] = "", backup[600];
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        assert_int_equal(fread(head, 1, sizeof head, f), sizeof head);
        fclose(f);
        assert_memory_equal(head, "SQLite format 3", 16);
        snprintf(backup, sizeof backup, "%s.json-v1", path);
        size_t len;
        char *kept = slurp(backup, &len);
        assert_non_null(kept);
        assert_string_equal(kept, text);
        free(kept);
    }
    free(text);

    /* present but wrong is still corrupt, and such a file is left as it was */
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "campaigns"))
        cJSON_AddStringToObject(c, "window_start", "9 o'clock");
    text = cJSON_PrintUnformatted(doc);
    refuse(text);
    free(text);
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "campaigns"))
        cJSON_ReplaceItemInObjectCaseSensitive(c, "window_start", cJSON_CreateString("29:00"));
    text = cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    refuse(text);
    free(text);
}

/* Bodies equal but for Truedy's meta (a request id and the time). */
static void assert_same_data(const char *url, const char *before, const char *after)
{
    cJSON *a = cJSON_Parse(before), *b = cJSON_Parse(after);
    cJSON_DeleteItemFromObjectCaseSensitive(a, "meta");
    cJSON_DeleteItemFromObjectCaseSensitive(b, "meta");
    if (!cJSON_Compare(a, b, true))
        fail_msg("%s differs after the restart:\nbefore %s\nafter  %s", url, before, after);
    cJSON_Delete(a);
    cJSON_Delete(b);
}

#define NWORK 6

/* Only the rows each change marked are written (store_marks.c): after a
 * run of dialer progress, retries and actions in every dialect, with no
 * save at the end, a restart shows every campaign and contact as it was.
 * A mutation that forgets to mark its row fails here. */
static void test_changed_rows_round_trip(void **state)
{
    (void)state;
    char err[512];
    sim_t *sim = open_sim(err, sizeof err);
    assert_non_null(sim);
    static const char *const prov[] = {"omnidim", "truedy", "sarvam"};
    char ids[NWORK][64], urls[2 * NWORK + 3][256];
    int st;
    for (int i = 0; i < NWORK; i++) {
        char body[256];
        snprintf(body, sizeof body, "{\"provider\":\"%s\",\"name\":\"w%d\",\"contacts\":%d,"
                 "\"concurrency\":%d,\"retry_limit\":%d}", prov[i % 3], i, 120 + i, 1 + i % 3, i % 3);
        cJSON *r = sim_call(sim, "POST", "/_sim/campaigns", body, &st);
        assert_int_equal(st, 201);
        snprintf(ids[i], sizeof ids[i], "%s", simcall_str(r, "id"));
        cJSON_Delete(r);
    }
    for (int i = 0; i < NWORK; i++) {
        const char *id = ids[i];
        if (i % 3 == 0) {
            snprintf(urls[2 * i], sizeof urls[0], "/api/v1/calls/bulk_call/%s", id);
            snprintf(urls[2 * i + 1], sizeof urls[0], "/api/v1/calls/bulk_call/%s/lines?pagesize=150", id);
        } else if (i % 3 == 1) {
            snprintf(urls[2 * i], sizeof urls[0], "/api/public/v1/batch-calls/%s", id);
            snprintf(urls[2 * i + 1], sizeof urls[0], "/api/public/v1/batch-calls/%s/contacts?limit=100", id);
        } else {
            snprintf(urls[2 * i], sizeof urls[0], SIM_PREFIX_SARVAM "/campaigns/%s", id);
            snprintf(urls[2 * i + 1], sizeof urls[0], "/_sim/sarvam/campaigns/%s/attempts", id);
        }
    }
    snprintf(urls[2 * NWORK], sizeof urls[0], "/api/v1/calls/bulk_call?pagesize=150");
    snprintf(urls[2 * NWORK + 1], sizeof urls[0], "/api/public/v1/batch-calls?limit=100");
    snprintf(urls[2 * NWORK + 2], sizeof urls[0], SIM_PREFIX_SARVAM "/campaigns?limit=100");

    int64_t t = SIMCALL_T0;
    for (int step = 1; step <= 40; step++) {
        t += 23 + step % 7 * 11;
        sim_set_time(sim, t);
        char url[256];
        cJSON *r = NULL;
        switch (step % 8) {
        case 2: /* pause and, later, resume a Truedy batch */
            snprintf(url, sizeof url, "/api/public/v1/batch-calls/%s/pause", ids[1]);
            r = sim_call(sim, "POST", url, NULL, &st);
            break;
        case 5:
            snprintf(url, sizeof url, "/api/public/v1/batch-calls/%s/resume", ids[1]);
            r = sim_call(sim, "POST", url, NULL, &st);
            break;
        case 3: /* OmniDim pause/resume */
            snprintf(url, sizeof url, "/api/v1/calls/bulk_call/%s", ids[3]);
            r = sim_call(sim, "PUT", url, step % 16 == 3 ? "{\"action\":\"pause\"}" : "{\"action\":\"resume\"}", &st);
            break;
        case 6:
            if (step == 22) { /* a Sarvam campaign cancelled mid-run: every open contact changes at once */
                snprintf(url, sizeof url, SIM_PREFIX_SARVAM "/campaigns/%s/status", ids[5]);
                r = sim_call(sim, "PUT", url, "{\"action\":\"cancel\"}", &st);
                assert_int_equal(st, 200);
            }
            break;
        case 7: /* more contacts on a running Truedy batch */
            snprintf(url, sizeof url, "/api/public/v1/batch-calls/%s/contacts", ids[4]);
            r = sim_call(sim, "POST", url, "{\"contacts\":[{\"phone_number\":\"+15550009999\"}]}", &st);
            break;
        default:
            break;
        }
        cJSON_Delete(r);
    }
    /* a pause as the very last change, with no dialer step after it */
    char url[256];
    snprintf(url, sizeof url, "/api/public/v1/batch-calls/%s/pause", ids[1]);
    cJSON_Delete(sim_call(sim, "POST", url, NULL, &st));
    assert_int_equal(st, 200);

    char *before[2 * NWORK + 3];
    for (int i = 0; i < 2 * NWORK + 3; i++)
        before[i] = body_of(sim, urls[i]);
    sim_free(sim); /* no explicit save */

    sim = open_sim(err, sizeof err);
    assert_non_null(sim);
    assert_true(sim_loaded_state(sim));
    sim_set_time(sim, t);
    for (int i = 0; i < 2 * NWORK + 3; i++) {
        char *after = body_of(sim, urls[i]);
        assert_same_data(urls[i], before[i], after);
        free(before[i]);
        free(after);
    }
    sim_free(sim);
}

static void refuse(const char *content)
{
    put_file(path, content);
    char err[512] = "";
    sim_t *sim = open_sim(err, sizeof err);
    assert_null(sim);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "refusing"));
    size_t len;
    char *after = slurp(path, &len);
    assert_string_equal(after, content); /* never overwritten */
    free(after);
}

static void test_corrupt_refused(void **state)
{
    (void)state;
    refuse("");
    refuse("{\"format\":\"dialtop-sim-state\",\"version\":1,\"sim_now\":1,\"seed\":\"01\",\"next_num\":[1,1,1],\"campaigns\":[{\"provi");
    refuse("{\"hello\":\"world\"}");
    refuse("{\"format\":\"dialtop-sim-state\",\"version\":1,\"sim_now\":1,\"seed\":\"01\",\"next_num\":[1,1,1],"
           "\"campaigns\":[{\"provider\":\"omnidim\",\"state\":\"napping\"}]}");
    refuse("{\"format\":\"dialtop-sim-state\",\"version\":99,\"sim_now\":1,\"seed\":\"01\",\"next_num\":[1,1,1],\"campaigns\":[]}");
}

static void test_unwritable_state_refused_at_start(void **state)
{
    (void)state;
    sim_config_t cfg;
    sim_config_defaults(&cfg);
    cfg.state_path = "/nonexistent-dir-for-dialtop/state.db";
    char err[512] = "";
    sim_t *sim = sim_new(&cfg, err, sizeof err);
    assert_null(sim);
    assert_non_null(strstr(err, "cannot save state file"));
}

static void test_bad_request_changes_nothing_on_disk(void **state)
{
    (void)state;
    char err[512];
    sim_t *sim = open_sim(err, sizeof err);
    int st;
    cJSON *r = sim_call(sim, "POST", "/api/v1/calls/bulk_call/create",
                        "{\"name\":\"ok\",\"phone_number_id\":\"1\",\"contact_list\":[{\"phone_number\":\"+15550001111\"}]}", &st);
    assert_int_equal(st, 200);
    cJSON_Delete(r);
    /* the dialer's first step of the new campaign (it starts dialing) is
     * saved with the next request, whatever it is: let one read take it */
    r = sim_call(sim, "GET", "/api/v1/calls/bulk_call/301", NULL, &st);
    assert_int_equal(st, 200);
    cJSON_Delete(r);
    /* the database and its write-ahead log, where commits go first */
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", path);
    size_t len1, len2, wlen1, wlen2;
    char *before = slurp(path, &len1), *wal_before = slurp(wal, &wlen1);
    assert_non_null(before);
    assert_non_null(wal_before);
    r = sim_call(sim, "POST", "/api/v1/calls/bulk_call/create", "{\"name\":\"bad\",\"contact_list\":[]}", &st);
    assert_int_equal(st, 400);
    cJSON_Delete(r);
    r = sim_call(sim, "PUT", "/api/v1/calls/bulk_call/301", "{\"action\":\"resume\"}", &st);
    assert_int_equal(st, 409);
    cJSON_Delete(r);
    char *after = slurp(path, &len2), *wal_after = slurp(wal, &wlen2);
    assert_true(len1 == len2 && memcmp(before, after, len1) == 0);
    assert_true(wlen1 == wlen2 && memcmp(wal_before, wal_after, wlen1) == 0);
    free(before);
    free(after);
    free(wal_before);
    free(wal_after);
    sim_free(sim);
}

static void test_control_endpoints(void **state)
{
    (void)state;
    sim_t *sim = simcall_new();
    int st;
    sim_response_t resp;
    cJSON *r = sim_call_full(sim, "GET", "/_sim/stats", NULL, false, &st, NULL);
    assert_int_equal(st, 401);
    cJSON_Delete(r);
    r = sim_call(sim, "POST", "/_sim/campaigns",
                 "{\"provider\":\"truedy\",\"name\":\"\\u001b[31mred\\u001b[0m\",\"status\":\"paused\","
                 "\"contacts\":[{\"phone_number\":\"+15550001234\",\"customer_name\":\"Zoë\"}]}",
                 &st);
    assert_int_equal(st, 201);
    assert_string_equal(simcall_str(r, "status"), "paused");
    assert_int_equal((int)simcall_num(r, "contacts"), 1);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", "/api/public/v1/batch-calls", NULL, &st);
    assert_string_equal(simcall_str(r, "data.0.name"), "\x1b[31mred\x1b[0m");
    cJSON_Delete(r);
    r = sim_call(sim, "POST", "/_sim/campaigns", "{\"provider\":\"acme\",\"name\":\"x\"}", &st);
    assert_int_equal(st, 400);
    assert_non_null(strstr(simcall_str(r, "error"), "provider"));
    cJSON_Delete(r);
    /* webhook_url only for a dialect whose campaigns carry one (Sarvam),
     * where it lands in app_config.webhook_config */
    r = sim_call(sim, "POST", "/_sim/campaigns",
                 "{\"provider\":\"omnidim\",\"name\":\"x\",\"webhook_url\":\"http://127.0.0.1:9/h\"}", &st);
    assert_int_equal(st, 400);
    assert_non_null(strstr(simcall_str(r, "error"), "webhook_url"));
    cJSON_Delete(r);
    r = sim_call(sim, "POST", "/_sim/campaigns",
                 "{\"provider\":\"sarvam\",\"name\":\"hooked\",\"webhook_url\":\"http://127.0.0.1:9/h\"}", &st);
    assert_int_equal(st, 201);
    char url[160];
    snprintf(url, sizeof url, SIM_PREFIX_SARVAM "/campaigns/%s", simcall_str(r, "id"));
    cJSON_Delete(r);
    r = sim_call(sim, "GET", url, NULL, &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "app_config.webhook_config.url"), "http://127.0.0.1:9/h");
    cJSON_Delete(r);
    r = sim_call(sim, "POST", "/_sim/campaigns", "{\"provider\":\"omnidim\",\"name\":\"big\",\"contacts\":5000}", &st);
    assert_int_equal(st, 201);
    assert_int_equal((int)simcall_num(r, "contacts"), 5000);
    cJSON_Delete(r);

    /* faults at run time: every action fails, reads still work */
    r = sim_call(sim, "POST", "/_sim/faults", "{\"fail_actions\":true}", &st);
    assert_int_equal(st, 200);
    assert_true(cJSON_IsTrue(simcall_get(r, "fail_actions")));
    cJSON_Delete(r);
    r = sim_call(sim, "PUT", "/api/v1/calls/bulk_call/301", "{\"action\":\"pause\"}", &st);
    assert_int_equal(st, 500);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", "/api/v1/calls/bulk_call/301", NULL, &st);
    assert_int_equal(st, 200);
    assert_string_equal(simcall_str(r, "details.status"), "in_progress"); /* unchanged */
    cJSON_Delete(r);
    /* 429 with each provider's reset information */
    r = sim_call(sim, "POST", "/_sim/faults", "{\"fail_actions\":false,\"rate_limit_burst\":1,\"rate_limit_window_s\":30}", &st);
    cJSON_Delete(r);
    r = sim_call(sim, "GET", "/api/v1/calls/bulk_call", NULL, &st);
    assert_int_equal(st, 200);
    cJSON_Delete(r);
    r = sim_call_full(sim, "GET", "/api/v1/calls/bulk_call", NULL, true, &st, &resp);
    assert_int_equal(st, 429);
    int retry = atoi(sim_response_header(&resp, "Retry-After"));
    assert_true(retry >= 1 && retry <= 30);
    sim_response_free(&resp);
    cJSON_Delete(r);
    r = sim_call_full(sim, "GET", "/api/public/v1/batch-calls", NULL, true, &st, &resp);
    assert_int_equal(st, 429);
    assert_null(sim_response_header(&resp, "Retry-After"));
    assert_string_equal(simcall_str(r, "error.code"), "rate_limit_exceeded");
    assert_non_null(simcall_str(r, "error.details.reset_at"));
    sim_response_free(&resp);
    cJSON_Delete(r);
    r = sim_call(sim, "POST", "/_sim/faults", "{\"rate_limit_burst\":0,\"malformed_rate\":1,\"latency_ms\":250}", &st);
    cJSON_Delete(r);
    r = sim_call_full(sim, "GET", "/api/v1/calls/bulk_call", NULL, true, &st, &resp);
    assert_int_equal(st, 200);
    assert_null(r); /* cut in half: not JSON */
    assert_int_equal(resp.delay_ms, 250);
    sim_response_free(&resp);
    r = sim_call(sim, "POST", "/_sim/faults", "{\"malformed_rate\":0,\"drop_rate\":1}", &st);
    cJSON_Delete(r);
    r = sim_call_full(sim, "GET", "/api/v1/calls/bulk_call", NULL, true, &st, &resp);
    assert_true(resp.drop);
    sim_response_free(&resp);
    r = sim_call(sim, "POST", "/_sim/faults", "{\"drop_rate\":2}", &st);
    assert_int_equal(st, 400);
    assert_non_null(strstr(simcall_str(r, "error"), "drop_rate"));
    cJSON_Delete(r);

    r = sim_call(sim, "GET", "/_sim/stats", NULL, &st);
    assert_int_equal(st, 200);
    assert_int_equal((int)simcall_num(r, "actions_total"), 1); /* the refused PUT counts */
    assert_true(simcall_num(r, "requests_total") >= 10);
    const cJSON *limited = cJSON_GetObjectItemCaseSensitive(simcall_get(r, "by_route"), "fault.rate_limit");
    assert_true(cJSON_IsNumber(limited) && limited->valueint >= 2);
    assert_int_equal((int)simcall_num(r, "campaigns.omnidim"), 1);
    cJSON_Delete(r);
    sim_free(sim);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrupt_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_settings_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changed_rows_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_state_without_settings_loads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_request_changes_nothing_on_disk, setup, teardown),
        cmocka_unit_test(test_unwritable_state_refused_at_start),
        cmocka_unit_test(test_control_endpoints),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
