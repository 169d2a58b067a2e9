/* Row sets (see rowset.h): linear, because an operator marks a handful. */
#include "rowset.h"

#include <stdlib.h>
#include <string.h>

#include "dynbuf.h"

static long find(const rowset_t *s, const char *key)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->keys[i], key) == 0)
            return (long)i;
    return -1;
}

void rowset_free(rowset_t *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->keys[i]);
        free(s->notes[i]);
    }
    free(s->keys);
    free(s->notes);
    memset(s, 0, sizeof *s);
}

bool rowset_put(rowset_t *s, const char *key, const char *note)
{
    char *n = note ? strdup(note) : NULL;
    if (note && !n)
        return false;
    long i = find(s, key);
    if (i >= 0) {
        free(s->notes[i]);
        s->notes[i] = n;
        return true;
    }
    if (s->n == s->cap) {
        /* two parallel arrays: each grows on its own copy of the capacity,
         * which is raised only once both have the room */
        size_t kcap = s->cap, vcap = s->cap;
        char **k = dyn_grow(s->keys, &kcap, s->n + 1, sizeof *k, 8);
        if (k)
            s->keys = k;
        char **v = k ? dyn_grow(s->notes, &vcap, s->n + 1, sizeof *v, 8) : NULL;
        if (!v) {
            free(n);
            return false;
        }
        s->notes = v;
        s->cap = vcap;
    }
    char *k = strdup(key);
    if (!k) {
        free(n);
        return false;
    }
    s->keys[s->n] = k;
    s->notes[s->n] = n;
    s->n++;
    return true;
}

void rowset_remove(rowset_t *s, const char *key)
{
    long i = find(s, key);
    if (i < 0)
        return;
    free(s->keys[i]);
    free(s->notes[i]);
    s->n--;
    memmove(s->keys + i, s->keys + i + 1, (s->n - (size_t)i) * sizeof *s->keys);
    memmove(s->notes + i, s->notes + i + 1, (s->n - (size_t)i) * sizeof *s->notes);
}

bool rowset_has(const rowset_t *s, const char *key)
{
    return find(s, key) >= 0;
}

const char *rowset_note(const rowset_t *s, const char *key)
{
    long i = find(s, key);
    return i >= 0 ? s->notes[i] : NULL;
}

bool rowset_toggle(rowset_t *s, const char *key)
{
    if (rowset_has(s, key)) {
        rowset_remove(s, key);
        return false;
    }
    return rowset_put(s, key, NULL);
}
