/* `dialtop hooks` over real HTTP: every refusal the issue lists, a
 * re-delivered attempt stored once, paging to the last page, the state
 * filter, and kill -9 while 8 senders post: every acknowledged attempt is
 * there after a restart on the same database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hookfix.h"
#include "jsonget.h"

static hookfix_t H;

static int setup(void **state)
{
    (void)state;
    return hookfix_start(&H, "receiver", NULL) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    hookfix_stop(&H);
    return 0;
}

static long status_of(const char *method, const char *path, const char *const *headers,
                      const char *body, size_t len, char *msg, size_t msg_len)
{
    char url[1024];
    snprintf(url, sizeof url, "%s%s", H.child.url, path);
    simhttp_t r;
    simhttp_request(&r, method, url, headers, body, len);
    if (msg) {
        const cJSON *e = jget_object(r.json, "error");
        jget_str_buf(e, "message", msg, msg_len);
    }
    long st = r.status;
    simhttp_free(&r);
    return st;
}

static void test_refusals(void **state)
{
    (void)state;
    char msg[256];
    const char *good = "{\"attempt_id\":\"r1\",\"campaign_id\":\"c\",\"user_phone_number\":\"+919800000001\","
                       "\"completion_status\":\"completed\",\"connectivity_status\":\"connected\"}";
    /* wrong token, a token that is a prefix, no token */
    assert_int_equal(status_of("POST", "/sarvam/not-the-token-at-all-000", NULL, good, 0, NULL, 0), 401);
    assert_int_equal(status_of("POST", "/sarvam/hookfix-token", NULL, good, 0, NULL, 0), 401);
    assert_int_equal(status_of("POST", "/sarvam/" HOOKFIX_TOKEN "x", NULL, good, 0, NULL, 0), 401);
    /* webhooks are POSTed */
    assert_int_equal(status_of("GET", "/sarvam/" HOOKFIX_TOKEN, NULL, NULL, 0, NULL, 0), 405);
    /* not JSON, JSON but not one object */
    assert_int_equal(status_of("POST", "/sarvam/" HOOKFIX_TOKEN, NULL, "{oops", 0, msg, sizeof msg), 400);
    assert_non_null(strstr(msg, "not JSON"));
    assert_int_equal(status_of("POST", "/sarvam/" HOOKFIX_TOKEN, NULL, "[1,2]", 0, NULL, 0), 400);
    /* required fields missing: named */
    assert_int_equal(status_of("POST", "/sarvam/" HOOKFIX_TOKEN, NULL,
                               "{\"campaign_id\":\"c\",\"completion_status\":\"failed\"}", 0, msg,
                               sizeof msg),
                     422);
    assert_non_null(strstr(msg, "attempt_id"));
    assert_non_null(strstr(msg, "user_phone_number"));
    assert_null(strstr(msg, "campaign_id"));
    /* over 1 MiB: 413, announced (Content-Length) */
    size_t big = 1024 * 1024 + 1;
    char *body = malloc(big + 1);
    assert_non_null(body);
    memset(body, ' ', big);
    body[0] = '{';
    body[big - 1] = '}';
    body[big] = '\0';
    assert_int_equal(status_of("POST", "/sarvam/" HOOKFIX_TOKEN, NULL, body, big, NULL, 0), 413);
    /* exactly 1 MiB of valid JSON is taken */
    char head[] = "{\"attempt_id\":\"big1\",\"campaign_id\":\"c\",\"user_phone_number\":\"+919800000009\",\"pad\":\"";
    size_t mib = 1024 * 1024;
    memcpy(body, head, sizeof head - 1);
    memset(body + sizeof head - 1, 'x', mib - (sizeof head - 1) - 2);
    body[mib - 2] = '"';
    body[mib - 1] = '}';
    assert_int_equal(status_of("POST", "/sarvam/" HOOKFIX_TOKEN, NULL, body, mib, NULL, 0), 200);
    free(body);
    /* reading needs the bearer token */
    assert_int_equal(status_of("GET", "/sarvam/campaigns/c/summary", NULL, NULL, 0, NULL, 0), 401);
    const char *wrong[] = {"Authorization: Bearer nope-nope-nope-nope", NULL};
    assert_int_equal(status_of("GET", "/sarvam/campaigns/c/attempts", wrong, NULL, 0, NULL, 0), 401);
    const char *basic[] = {"Authorization: Basic " HOOKFIX_TOKEN, NULL};
    assert_int_equal(status_of("GET", "/sarvam/campaigns/c/attempts", basic, NULL, 0, NULL, 0), 401);
    assert_int_equal(status_of("GET", "/sarvam/summaries", NULL, NULL, 0, NULL, 0), 401);
    /* bad paging and filters: 422; unknown paths 404 */
    assert_int_equal(status_of("GET", "/sarvam/campaigns/c/attempts?limit=0", H.bearer_hdr, NULL, 0, NULL, 0), 422);
    assert_int_equal(status_of("GET", "/sarvam/campaigns/c/attempts?limit=101", H.bearer_hdr, NULL, 0, NULL, 0), 422);
    assert_int_equal(status_of("GET", "/sarvam/campaigns/c/attempts?offset=-1", H.bearer_hdr, NULL, 0, NULL, 0), 422);
    assert_int_equal(status_of("GET", "/sarvam/campaigns/c/attempts?state=happy", H.bearer_hdr, NULL, 0, NULL, 0), 422);
    assert_int_equal(status_of("GET", "/sarvam/campaigns/c/other", H.bearer_hdr, NULL, 0, NULL, 0), 404);
    assert_int_equal(status_of("GET", "/elsewhere", NULL, NULL, 0, NULL, 0), 404);
    assert_int_equal(status_of("POST", "/sarvam/campaigns/c/attempts", H.bearer_hdr, "{}", 0, NULL, 0), 405);
    /* nothing refused was stored: only big1 */
    simhttp_t r;
    hookfix_get(&H, &r, "/sarvam/campaigns/c/summary");
    assert_int_equal(r.status, 200);
    assert_int_equal(jget_long(r.json, "attempts", -1), 1);
    assert_int_equal(jget_long(r.json, "contacts", -1), 1);
    simhttp_free(&r);
}

static void test_redelivery_stored_once(void **state)
{
    (void)state;
    for (int i = 0; i < 3; i++) {
        simhttp_t r;
        hookfix_post(&H, &r, "dup-1", "camp-dup", "+919800000100", "failed", "busy", "retry");
        assert_int_equal(r.status, 200);
        char st[32] = "";
        jget_str_buf(r.json, "status", st, sizeof st);
        assert_string_equal(st, i == 0 ? "stored" : "duplicate");
        simhttp_free(&r);
    }
    /* a second, different attempt for the same number: one contact, two attempts */
    simhttp_t r;
    hookfix_post(&H, &r, "dup-2", "camp-dup", "+919800000100", "completed", "connected", NULL);
    assert_int_equal(r.status, 200);
    simhttp_free(&r);
    hookfix_post(&H, &r, "dup-1", "camp-dup", "+919800000100", "failed", "busy", "retry");
    simhttp_free(&r); /* the old one again changes nothing */
    hookfix_get(&H, &r, "/sarvam/campaigns/camp-dup/summary");
    assert_int_equal(r.status, 200);
    assert_int_equal(jget_long(r.json, "contacts", -1), 1);
    assert_int_equal(jget_long(r.json, "attempts", -1), 2);
    const cJSON *by = jget_object(r.json, "by_state");
    assert_int_equal(jget_long(by, "completed", -1), 1);
    assert_int_equal(jget_long(by, "retry_scheduled", -1), 0);
    assert_int_equal(jget_long(by, "busy", -1), 0);
    char campaign[32] = "";
    jget_str_buf(r.json, "campaign_id", campaign, sizeof campaign);
    assert_string_equal(campaign, "camp-dup");
    assert_true(jget_time(r.json, "updated_at") > 0);
    simhttp_free(&r);
    hookfix_get(&H, &r, "/sarvam/campaigns/camp-dup/attempts");
    const cJSON *items = jget_array(r.json, "items");
    assert_int_equal(cJSON_GetArraySize(items), 1);
    const cJSON *it = cJSON_GetArrayItem(items, 0);
    char s[64] = "";
    jget_str_buf(it, "attempt_id", s, sizeof s);
    assert_string_equal(s, "dup-2");
    jget_str_buf(it, "state", s, sizeof s);
    assert_string_equal(s, "completed");
    assert_int_equal(jget_long(it, "attempts", -1), 2);
    /* unknown fields are kept */
    jget_str_buf(it, "agent_phone_number", s, sizeof s);
    assert_string_equal(s, "+918000000000");
    /* no call times in the payload: the time it arrived */
    assert_true(jget_time(it, "last_attempt_at") > 0);
    simhttp_free(&r);
    /* with an end time, the call's own */
    char url[512];
    snprintf(url, sizeof url, "%s/sarvam/%s", H.child.url, HOOKFIX_TOKEN);
    simhttp_request(&r, "POST", url, NULL,
                    "{\"attempt_id\":\"dup-3\",\"campaign_id\":\"camp-dup\",\"user_phone_number\":\"+919800000101\","
                    "\"completion_status\":\"completed\",\"connectivity_status\":\"connected\","
                    "\"start_datetime\":\"2026-01-02T10:00:00Z\",\"end_datetime\":\"2026-01-02T10:03:00Z\"}",
                    0);
    assert_int_equal(r.status, 200);
    simhttp_free(&r);
    hookfix_get(&H, &r, "/sarvam/campaigns/camp-dup/attempts?offset=1");
    it = cJSON_GetArrayItem(jget_array(r.json, "items"), 0);
    jget_str_buf(it, "last_attempt_at", s, sizeof s);
    assert_string_equal(s, "2026-01-02T10:03:00Z");
    simhttp_free(&r);
}

/* 250 contacts in mixed states: pages of 100 reach the last one, and the
 * state filter pages its own total. */
static void test_paging_to_last_page(void **state)
{
    (void)state;
    for (int i = 0; i < 250; i++) {
        char id[32], phone[32];
        snprintf(id, sizeof id, "pg-%d", i);
        snprintf(phone, sizeof phone, "+9198%08d", i);
        simhttp_t r;
        hookfix_post(&H, &r, id, "camp-pages", phone, i % 5 ? "completed" : "failed",
                     i % 5 ? "connected" : "no_answer", NULL);
        assert_int_equal(r.status, 200);
        simhttp_free(&r);
    }
    char path[256] = "/sarvam/campaigns/camp-pages/attempts?offset=0&limit=100";
    int pages = 0, rows = 0;
    char first_phone[32] = "";
    for (;;) {
        simhttp_t r;
        hookfix_get(&H, &r, path);
        assert_int_equal(r.status, 200);
        assert_int_equal(jget_long(r.json, "total", -1), 250);
        int n = cJSON_GetArraySize(jget_array(r.json, "items"));
        if (pages == 0)
            jget_str_buf(cJSON_GetArrayItem(jget_array(r.json, "items"), 0), "user_phone_number",
                         first_phone, sizeof first_phone);
        rows += n;
        pages++;
        char next[256] = "";
        bool more = jget_str_buf(r.json, "next_page_uri", next, sizeof next);
        assert_true(jget(r.json, "prev_page_uri") != NULL);
        simhttp_free(&r);
        if (!more) {
            assert_int_equal(n, 50);
            break;
        }
        assert_int_equal(n, 100);
        snprintf(path, sizeof path, "%s", next);
        assert_true(pages < 10);
    }
    assert_int_equal(pages, 3);
    assert_int_equal(rows, 250);
    assert_string_equal(first_phone, "+919800000000"); /* first heard of, first listed */
    simhttp_t r;
    hookfix_get(&H, &r, "/sarvam/campaigns/camp-pages/attempts?state=No-Answer&limit=100");
    assert_int_equal(jget_long(r.json, "total", -1), 50);
    const cJSON *items = jget_array(r.json, "items");
    assert_int_equal(cJSON_GetArraySize(items), 50);
    for (int i = 0; i < 50; i++) {
        char st[32] = "";
        jget_str_buf(cJSON_GetArrayItem(items, i), "state", st, sizeof st);
        assert_string_equal(st, "no_answer");
    }
    simhttp_free(&r);
    /* past the end: empty, no next page */
    hookfix_get(&H, &r, "/sarvam/campaigns/camp-pages/attempts?offset=300");
    assert_int_equal(cJSON_GetArraySize(jget_array(r.json, "items")), 0);
    assert_true(cJSON_IsNull(jget(r.json, "next_page_uri")));
    simhttp_free(&r);
    /* a campaign never heard of: empty, not an error */
    hookfix_get(&H, &r, "/sarvam/campaigns/nobody/summary");
    assert_int_equal(r.status, 200);
    assert_int_equal(jget_long(r.json, "contacts", -1), 0);
    assert_true(cJSON_IsNull(jget(r.json, "updated_at")));
    simhttp_free(&r);
}

/* --- kill -9 while 8 senders post ------------------------------------------ */

#define SENDERS 8
#define PER_SENDER 400

typedef struct {
    int id;
    atomic_int *acked_total;
    bool acked[PER_SENDER];
} sender_t;

static void *sender(void *arg)
{
    sender_t *s = arg;
    for (int i = 0; i < PER_SENDER; i++) {
        char id[32], phone[32];
        snprintf(id, sizeof id, "k-%d-%d", s->id, i);
        snprintf(phone, sizeof phone, "+91%02d%08d", s->id, i);
        simhttp_t r;
        hookfix_post(&H, &r, id, "camp-kill", phone, "completed", "connected", NULL);
        bool ok = r.err == CURLE_OK && r.status == 200;
        simhttp_free(&r);
        if (!ok)
            break; /* the receiver is gone */
        s->acked[i] = true;
        atomic_fetch_add(s->acked_total, 1);
    }
    return NULL;
}

static void test_kill9_keeps_acknowledged(void **state)
{
    (void)state;
    atomic_int acked = 0;
    sender_t s[SENDERS];
    pthread_t th[SENDERS];
    for (int i = 0; i < SENDERS; i++) {
        memset(&s[i], 0, sizeof s[i]);
        s[i].id = i;
        s[i].acked_total = &acked;
        pthread_create(&th[i], NULL, sender, &s[i]);
    }
    /* kill once a few hundred are acknowledged, mid-stream */
    struct timespec tick = {0, 2000000L};
    for (int i = 0; i < 10000 && atomic_load(&acked) < 300; i++)
        nanosleep(&tick, NULL);
    hooks_child_kill(&H.child);
    for (int i = 0; i < SENDERS; i++)
        pthread_join(th[i], NULL);
    int total = atomic_load(&acked);
    assert_true(total >= 300);
    assert_true(hookfix_restart(&H));
    /* every acknowledged number is there, each once */
    char *seen = calloc(SENDERS * PER_SENDER, 1);
    assert_non_null(seen);
    long listed = 0;
    for (long off = 0;; off += 100) {
        char path[256];
        snprintf(path, sizeof path, "/sarvam/campaigns/camp-kill/attempts?offset=%ld&limit=100", off);
        simhttp_t r;
        hookfix_get(&H, &r, path);
        assert_int_equal(r.status, 200);
        const cJSON *items = jget_array(r.json, "items");
        int n = cJSON_GetArraySize(items);
        for (int i = 0; i < n; i++) {
            char phone[32] = "";
            jget_str_buf(cJSON_GetArrayItem(items, i), "user_phone_number", phone, sizeof phone);
            int who = (phone[3] - '0') * 10 + (phone[4] - '0');
            int idx = atoi(phone + 5);
            assert_true(who < SENDERS && idx < PER_SENDER);
            assert_int_equal(seen[who * PER_SENDER + idx], 0);
            seen[who * PER_SENDER + idx] = 1;
        }
        listed += n;
        simhttp_free(&r);
        if (n < 100)
            break;
    }
    int missing = 0;
    for (int i = 0; i < SENDERS; i++)
        for (int j = 0; j < PER_SENDER; j++)
            if (s[i].acked[j] && !seen[i * PER_SENDER + j])
                missing++;
    free(seen);
    assert_int_equal(missing, 0);
    assert_true(listed >= total); /* an unacknowledged one may have committed too */
    simhttp_t r;
    hookfix_get(&H, &r, "/sarvam/campaigns/camp-kill/summary");
    assert_int_equal(jget_long(r.json, "contacts", -1), listed);
    assert_int_equal(jget_long(jget_object(r.json, "by_state"), "completed", -1), listed);
    simhttp_free(&r);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_redelivery_stored_once),
        cmocka_unit_test(test_paging_to_last_page),
        cmocka_unit_test(test_kill9_keeps_acknowledged),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
