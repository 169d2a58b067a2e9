/* Change marks on the store; see store.h. The database (state_db.c) takes
 * them after each request, so a list holds only one request's changes. */
#include "store.h"

#include <stdlib.h>

void store_mark_campaign(store_campaign_t *c)
{
    if (c->tracked)
        c->marked = true;
}

void store_mark_contact(store_campaign_t *c, const store_contact_t *k)
{
    if (!c->tracked)
        return;
    /* the campaign row carries pos, which a restart re-steps from: it
     * must be as new as its newest contact row */
    c->marked = true;
    if (c->marked_all)
        return;
    if (c->nmarked == c->marked_cap) {
        size_t cap = c->marked_cap ? c->marked_cap * 2 : 16;
        size_t *m = realloc(c->marked_contacts, cap * sizeof *m);
        if (!m) {
            /* never lose a change: the whole campaign is written instead */
            c->marked_all = true;
            return;
        }
        c->marked_contacts = m;
        c->marked_cap = cap;
    }
    c->marked_contacts[c->nmarked++] = (size_t)(k - c->contacts);
}

void store_track(store_t *s, bool mark_all)
{
    s->tracked = true;
    for (int d = 0; d < SIM_DIALECT_COUNT; d++) {
        for (size_t i = 0; i < s->by_dialect[d].n; i++) {
            store_campaign_t *c = s->by_dialect[d].items[i];
            c->tracked = true;
            c->marked = mark_all;
            c->marked_all = mark_all && c->ncontacts > 0;
            c->nmarked = 0;
        }
    }
}

static int cmp_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

void store_marked_contacts(store_campaign_t *c, const size_t **idx, size_t *n)
{
    if (c->nmarked > 1) {
        qsort(c->marked_contacts, c->nmarked, sizeof *c->marked_contacts, cmp_index);
        size_t out = 1;
        for (size_t i = 1; i < c->nmarked; i++)
            if (c->marked_contacts[i] != c->marked_contacts[out - 1])
                c->marked_contacts[out++] = c->marked_contacts[i];
        c->nmarked = out;
    }
    *idx = c->marked_contacts;
    *n = c->nmarked;
}

void store_marks_clear(store_campaign_t *c)
{
    c->marked = false;
    c->marked_all = false;
    c->nmarked = 0;
    /* a big burst (a cancel of a long list) does not keep its memory */
    if (c->marked_cap > 4096) {
        free(c->marked_contacts);
        c->marked_contacts = NULL;
        c->marked_cap = 0;
    }
}
