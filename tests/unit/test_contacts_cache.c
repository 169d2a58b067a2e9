/* Unit tests for tui/contacts: the sparse page cache. Pages land by
 * index, cursor paging walks forward from the last known cursor, state
 * changes are marked, eviction keeps the pages near the window. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contacts.h"

/* A page of `n` contacts numbered from `first`, as a driver would hand it. */
static void make_page(api_contact_page_t *pg, long first, size_t n, long total, bool end,
                      const char *next_cursor, contact_state_t st)
{
    memset(pg, 0, sizeof *pg);
    pg->items = calloc(n ? n : 1, sizeof *pg->items);
    pg->n = n;
    pg->total = total;
    pg->next.end = end;
    snprintf(pg->next.cursor, sizeof pg->next.cursor, "%s", next_cursor ? next_cursor : "");
    for (size_t i = 0; i < n; i++) {
        model_contact_t *c = &pg->items[i];
        model_contact_init(c);
        char buf[32];
        snprintf(buf, sizeof buf, "%ld", first + (long)i);
        c->id = strdup(buf);
        snprintf(buf, sizeof buf, "+1555%07ld", first + (long)i);
        c->phone = strdup(buf);
        c->state = st;
        c->raw_state = strdup("x\x1b[31m");
    }
}

static void test_offset_pages_random_access(void **state)
{
    (void)state;
    contacts_t c;
    contacts_init(&c, 10, PAGE_BY_OFFSET);
    api_page_t pg;
    assert_int_equal(contacts_next_fetch(&c, 0, 5, 0, 2, &pg), 0);
    api_contact_page_t p;
    make_page(&p, 0, 10, 100000, false, NULL, CONTACT_PENDING);
    assert_true(contacts_store_page(&c, 0, &p, 0));
    api_contact_page_free(&p);
    assert_int_equal(contacts_count(&c), 100000);
    /* jump to the end: the last page is fetched directly */
    assert_int_equal(contacts_next_fetch(&c, 99990, 99999, 0, 2, &pg), 9999);
    assert_int_equal(pg.offset, 99990);
    assert_null(contacts_row(&c, 99995));
    make_page(&p, 99990, 10, 100000, true, NULL, CONTACT_PENDING);
    contacts_store_page(&c, 9999, &p, 0);
    api_contact_page_free(&p);
    assert_string_equal(contacts_row(&c, 99995)->phone, "+15550099995");
    /* sanitised on arrival */
    assert_string_equal(contacts_row(&c, 99995)->raw_state, "x\\x1b[31m");
    assert_int_equal(c.loaded, 2);
    /* fresh pages need nothing; stale ones are refetched */
    assert_int_equal(contacts_next_fetch(&c, 0, 5, 1, 2, &pg), -1);
    assert_int_equal(contacts_next_fetch(&c, 0, 5, 3, 2, &pg), 0);
    contacts_free(&c);
}

static void test_cursor_pages_walk_forward(void **state)
{
    (void)state;
    contacts_t c;
    contacts_init(&c, 10, PAGE_BY_CURSOR);
    api_page_t pg;
    api_contact_page_t p;
    make_page(&p, 0, 10, -1, false, "cur1", CONTACT_PENDING);
    contacts_store_page(&c, 0, &p, 0);
    api_contact_page_free(&p);
    assert_int_equal(contacts_count(&c), 11); /* total unknown: one "loading" row */
    /* the window wants page 3; only page 1's cursor is known */
    assert_int_equal(contacts_next_fetch(&c, 30, 35, 0, 2, &pg), 1);
    assert_string_equal(pg.cursor, "cur1");
    make_page(&p, 10, 10, -1, false, "cur2", CONTACT_PENDING);
    contacts_store_page(&c, 1, &p, 0);
    api_contact_page_free(&p);
    assert_int_equal(contacts_next_fetch(&c, 30, 35, 0, 2, &pg), 2);
    assert_string_equal(pg.cursor, "cur2");
    make_page(&p, 20, 5, -1, true, NULL, CONTACT_PENDING);
    contacts_store_page(&c, 2, &p, 0);
    api_contact_page_free(&p);
    assert_true(c.end_seen);
    assert_int_equal(contacts_count(&c), 25);
    contacts_free(&c);
}

static void test_state_change_marked(void **state)
{
    (void)state;
    contacts_t c;
    contacts_init(&c, 10, PAGE_BY_OFFSET);
    api_contact_page_t p;
    make_page(&p, 0, 3, 3, true, NULL, CONTACT_PENDING);
    contacts_store_page(&c, 0, &p, 1.0);
    api_contact_page_free(&p);
    assert_true(contacts_row(&c, 1)->changed_at == 0);
    make_page(&p, 0, 3, 3, true, NULL, CONTACT_PENDING);
    p.items[1].state = CONTACT_IN_PROGRESS;
    contacts_store_page(&c, 0, &p, 5.0);
    api_contact_page_free(&p);
    assert_true(contacts_row(&c, 1)->changed_at == 5.0);
    assert_true(contacts_row(&c, 0)->changed_at == 0);
    contacts_free(&c);
}

static void test_evict_keeps_window(void **state)
{
    (void)state;
    contacts_t c;
    contacts_init(&c, 10, PAGE_BY_OFFSET);
    for (long i = 0; i < 50; i++) {
        api_contact_page_t p;
        make_page(&p, i * 10, 10, 500, i == 49, NULL, CONTACT_PENDING);
        contacts_store_page(&c, i, &p, 0);
        api_contact_page_free(&p);
    }
    assert_int_equal(c.loaded, 50);
    contacts_evict(&c, 20, 22, 8);
    assert_int_equal(c.loaded, 8);
    assert_non_null(contacts_row(&c, 205));
    assert_null(contacts_row(&c, 5));
    assert_null(contacts_row(&c, 495));
    const void *rows[100];
    assert_int_equal(contacts_collect(&c, rows, 100), 80);
    contacts_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_offset_pages_random_access),
        cmocka_unit_test(test_cursor_pages_walk_forward),
        cmocka_unit_test(test_state_change_marked),
        cmocka_unit_test(test_evict_keeps_window),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
