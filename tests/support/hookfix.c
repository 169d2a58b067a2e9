/* Test helper around `dialtop hooks`; see hookfix.h. */
#include "hookfix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *program(void)
{
    const char *bin = getenv("DIALTOP_BIN");
    return bin && *bin ? bin : "build/dialtop";
}

bool hookfix_restart(hookfix_t *h)
{
    char err[256];
    if (!hooks_child_start(&h->child, program(), h->db, HOOKFIX_TOKEN, NULL, true, NULL, err,
                           sizeof err)) {
        fprintf(stderr, "hookfix: %s\n", err);
        return false;
    }
    return true;
}

bool hookfix_start(hookfix_t *h, const char *name, const char *db)
{
    memset(h, 0, sizeof *h);
    if (db) {
        snprintf(h->db, sizeof h->db, "%s", db);
    } else {
        const char *tmp = getenv("DIALTOP_TEST_TMP");
        snprintf(h->db, sizeof h->db, "%s/hooks-%s-%ld.db", tmp && *tmp ? tmp : "/tmp", name,
                 (long)getpid());
        unlink(h->db);
    }
    snprintf(h->bearer, sizeof h->bearer, "Authorization: Bearer %s", HOOKFIX_TOKEN);
    h->bearer_hdr[0] = h->bearer;
    h->bearer_hdr[1] = NULL;
    return hookfix_restart(h);
}

void hookfix_stop(hookfix_t *h)
{
    hooks_child_stop(&h->child);
}

static void add_str(char *buf, size_t len, const char *key, const char *v)
{
    size_t n = strlen(buf);
    if (v)
        snprintf(buf + n, len - n, ",\"%s\":\"%s\"", key, v);
    else
        snprintf(buf + n, len - n, ",\"%s\":null", key);
}

void hookfix_post(const hookfix_t *h, simhttp_t *out, const char *attempt_id,
                  const char *campaign_id, const char *phone, const char *completion,
                  const char *connectivity, const char *next_action)
{
    char body[1024];
    snprintf(body, sizeof body, "{\"app_id\":\"app_1\",\"app_version\":3,\"duration\":42");
    add_str(body, sizeof body, "attempt_id", attempt_id);
    add_str(body, sizeof body, "campaign_id", campaign_id);
    add_str(body, sizeof body, "cohort_id", "coh_1");
    add_str(body, sizeof body, "user_phone_number", phone);
    add_str(body, sizeof body, "user_identifier", phone);
    add_str(body, sizeof body, "agent_phone_number", "+918000000000");
    add_str(body, sizeof body, "completion_status", completion);
    add_str(body, sizeof body, "connectivity_status", connectivity);
    add_str(body, sizeof body, "next_action_status", next_action);
    add_str(body, sizeof body, "failure_reason", NULL);
    size_t n = strlen(body);
    snprintf(body + n, sizeof body - n, "}");
    char url[512];
    snprintf(url, sizeof url, "%s/sarvam/%s", h->child.url, HOOKFIX_TOKEN);
    simhttp_request(out, "POST", url, NULL, body, 0);
}

void hookfix_get(const hookfix_t *h, simhttp_t *out, const char *path)
{
    char url[1024];
    snprintf(url, sizeof url, "%s%s", h->child.url, path);
    simhttp_request(out, "GET", url, h->bearer_hdr, NULL, 0);
}
