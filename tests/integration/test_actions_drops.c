/* Exactly once against dialtop-sim's own dropped connections: with half of
 * the provider requests dropped (--drop-rate faults, the sim closes the
 * connection without answering), every action dialtop sends reaches the
 * sim once. What the sim counted equals the audit lines that say "sent",
 * and every report is confirmed by a read or says the outcome is unknown.
 * Before issue 14, 40 actions gave 26 "sent" lines and 39 at the sim. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actfix.h"

#define ROUNDS 40

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

/* Audit lines with "sent": true. */
static int sent_lines(const actfix_t *f)
{
    FILE *fp = fopen(f->audit, "r");
    if (!fp)
        return 0;
    char line[4096];
    int n = 0;
    while (fgets(line, sizeof line, fp))
        n += strstr(line, "\"sent\":true") != NULL;
    fclose(fp);
    return n;
}

static void run_provider(actfix_t *f, provider_t p)
{
    char id[64];
    assert_true(actfix_create(f, p, "drops", "active", id, sizeof id));
    long req0, act0;
    assert_true(actfix_counts(f, &req0, &act0));
    int sent0 = sent_lines(f);
    int unknown = 0, confirmed = 0;
    for (int i = 0; i < ROUNDS; i++) {
        model_campaign_t *c = actfix_get(f, p, id); /* no faults: a clean read */
        assert_non_null(c);
        action_t a = c->state == CAMPAIGN_PAUSED ? ACTION_RESUME : ACTION_PAUSE;
        assert_true(actfix_faults(f, "{\"drop_rate\":0.5}"));
        action_report_t r;
        action_run(f->ctx[p], c, a, NULL, &r);
        assert_true(actfix_faults(f, "{\"drop_rate\":0}"));
        model_campaign_free(c);
        free(c);
        assert_true(r.sent);
        unknown += r.unknown;
        confirmed += r.outcome == AUDIT_CONFIRMED;
        /* never "stays" unread: a failure either read back or says unknown */
        if (r.outcome == AUDIT_FAILED)
            assert_true(r.read_back || r.unknown);
    }
    long req1, act1;
    assert_true(actfix_counts(f, &req1, &act1));
    int sent = sent_lines(f) - sent0;
    print_message("%s: %d actions, %d sent lines, sim counted %ld, %d unknown, %d confirmed\n",
                  model_provider_name(p), ROUNDS, sent, act1 - act0, unknown, confirmed);
    assert_int_equal(sent, ROUNDS);
    assert_int_equal(act1 - act0, ROUNDS);
    assert_true(unknown > 0); /* the faults did happen */
}

static void test_omnidim_drops(void **state)
{
    run_provider(*state, PROVIDER_OMNIDIM);
}

static void test_truedy_drops(void **state)
{
    run_provider(*state, PROVIDER_TRUEDY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_omnidim_drops, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truedy_drops, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
