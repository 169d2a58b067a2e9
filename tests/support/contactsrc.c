/* Contact reader over an array, for tests. */
#include "contactsrc.h"

#include <stdlib.h>
#include <string.h>

static bool copy_str(char **dst, const char *s)
{
    *dst = s ? strdup(s) : NULL;
    return !s || *dst;
}

bool contactsrc_array_at(const void *src, size_t i, model_contact_t *out)
{
    const model_contact_t *c = (const model_contact_t *)src + i;
    model_contact_init(out);
    out->state = c->state;
    bool ok = copy_str(&out->phone, c->phone) && copy_str(&out->id, c->id);
    for (size_t v = 0; ok && v < c->nvars; v++)
        ok = model_contact_add_var(out, c->vars[v].key, c->vars[v].value);
    if (!ok)
        model_contact_free(out);
    return ok;
}

size_t contactsrc_fail_at;

bool contactsrc_failing_at(const void *src, size_t i, model_contact_t *out)
{
    if (i == contactsrc_fail_at) {
        model_contact_init(out);
        return false;
    }
    return contactsrc_array_at(src, i, out);
}
