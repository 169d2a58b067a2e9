/* Big-list uploads against a real dialtop-sim: a row the provider refuses
 * in an OmniDim add_contacts call comes back by its position in the list
 * and the rest is confirmed; a Truedy chunk whose body would pass 16 MiB
 * is never sent but cut in half before sending. (A chunk whose reply is
 * lost: test_cli_big_upload.sh kills the upload and resumes it.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actfix.h"
#include "contactsrc.h"
#include "upload.h"

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

/* n contacts +1212NNNNNNN; contact `bad` (if < n) gets "+1", which no
 * provider takes; each has `pad` bytes of a variable. */
static model_contact_t *make_list(size_t n, size_t bad, size_t pad)
{
    model_contact_t *c = calloc(n, sizeof *c);
    char *fill = malloc(pad + 1);
    memset(fill, 'x', pad);
    fill[pad] = '\0';
    for (size_t i = 0; i < n; i++) {
        char phone[24];
        snprintf(phone, sizeof phone, i == bad ? "+1" : "+1212%07zu", 1000000 + i);
        model_contact_init(&c[i]);
        c[i].phone = strdup(phone);
        assert_true(model_contact_add_var(&c[i], "note", pad ? fill : "hi"));
    }
    free(fill);
    return c;
}

static void free_list(model_contact_t *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        model_contact_free(&c[i]);
    free(c);
}

static const upload_outcome_t *run(actfix_t *f, provider_t p, model_contact_t *list, size_t n,
                                   upload_t **u)
{
    upload_settings_t s;
    upload_settings_init(&s);
    s.name = "Chunked";
    s.audit_path = f->audit;
    if (p == PROVIDER_OMNIDIM)
        s.phone_number_id = "3";
    char reason[UPLOAD_REASON_MAX];
    *u = upload_start_list(f->client[p], contactsrc_array_at, list, n, &s, reason,
                           sizeof reason);
    if (!*u)
        fail_msg("refused: %s", reason);
    upload_wait(*u, NULL, NULL);
    return upload_outcome(*u);
}

static void test_omnidim_rejected_row_by_position(void **state)
{
    actfix_t *f = *state;
    size_t n = 1500, bad = 1200;
    model_contact_t *list = make_list(n, bad, 0);
    long before = actfix_stat(f, "actions_total");
    upload_t *u;
    const upload_outcome_t *o = run(f, PROVIDER_OMNIDIM, list, n, &u);
    if (!o->confirmed)
        fail_msg("%s", o->err.message);
    assert_int_equal(o->contacts_sent, n - 1);
    assert_int_equal(o->created.contacts_rejected, 1);
    assert_int_equal(o->nrejected_at, 1);
    assert_int_equal(o->rejected_at[0], bad);
    /* draft of 1,000, add_contacts of 500, start */
    assert_int_equal(actfix_stat(f, "actions_total") - before, 3);
    model_campaign_t *c = actfix_get(f, PROVIDER_OMNIDIM, o->created.id);
    assert_non_null(c);
    assert_int_equal(c->total_contacts, (long)n - 1);
    assert_int_not_equal(c->state, CAMPAIGN_DRAFT);
    model_campaign_free(c);
    free(c);
    upload_free(u);
    free_list(list, n);
}

static void test_truedy_chunk_over_16_mib_is_halved(void **state)
{
    actfix_t *f = *state;
    /* 10,000 contacts of about 2 KiB: one full chunk would be ~20 MiB */
    size_t n = 12000;
    model_contact_t *list = make_list(n, n, 2000);
    long before = actfix_stat(f, "actions_total");
    upload_t *u;
    const upload_outcome_t *o = run(f, PROVIDER_TRUEDY, list, n, &u);
    if (!o->confirmed)
        fail_msg("%s", o->err.message);
    assert_int_equal(o->contacts_sent, n);
    /* create with 5,000 (10,000 refused before sending), 5,000, 2,000,
     * then the release of the held batch */
    assert_int_equal(actfix_stat(f, "actions_total") - before, 4);
    model_campaign_t *c = actfix_get(f, PROVIDER_TRUEDY, o->created.id);
    assert_non_null(c);
    assert_int_equal(c->total_contacts, (long)n);
    model_campaign_free(c);
    free(c);
    upload_free(u);
    free_list(list, n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_omnidim_rejected_row_by_position, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truedy_chunk_over_16_mib_is_halved, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
