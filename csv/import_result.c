/* Reading an import_result_t: the accepted contacts and their context
 * variables (packed by import.c into the store), and freeing it. */
#include "import.h"

#include <stdlib.h>
#include <string.h>

#include "import_store.h"

void import_result_free(import_result_t *r)
{
    if (!r)
        return;
    import_store_free(r->store);
    free((void *)r->rejections);
    free((void *)r->preview);
    free(r);
}

bool import_result_has_contacts(const import_result_t *r)
{
    return import_store_contact_count(r->store) == (size_t)r->accepted;
}

void import_result_contact(const import_result_t *r, size_t i, import_contact_t *out)
{
    const char *rec = import_store_contact(r->store, i, &out->line);
    /* packed by import.c: phone, NUL, one byte of type, then the cells */
    size_t plen = strlen(rec);
    out->phone = rec;
    out->type = (phone_type_t)(rec[plen + 1] - 'A');
    out->cells_ = rec + plen + 2;
}

import_var_iter_t import_contact_vars(const import_result_t *r, const import_contact_t *c)
{
    (void)r;
    return (import_var_iter_t){c->cells_, 0};
}

bool import_var_next(const import_result_t *r, import_var_iter_t *it, const char **key,
                     const char **value)
{
    size_t n = import_store_var_count(r->store);
    while (it->index_ < n) {
        const char *v = it->next_;
        size_t k = it->index_++;
        it->next_ = v + strlen(v) + 1;
        if (*v) {
            *key = import_store_var_name(r->store, k);
            *value = v;
            return true;
        }
    }
    return false;
}

size_t import_contact_var_count(const import_result_t *r, const import_contact_t *c)
{
    import_var_iter_t it = import_contact_vars(r, c);
    const char *k, *v;
    size_t n = 0;
    while (import_var_next(r, &it, &k, &v))
        n++;
    return n;
}

bool import_contact_to_model(const import_result_t *r, size_t i, model_contact_t *out)
{
    import_contact_t c;
    import_result_contact(r, i, &c);
    model_contact_init(out);
    out->state = CONTACT_PENDING;
    out->phone = strdup(c.phone);
    if (!out->phone)
        return false;
    import_var_iter_t it = import_contact_vars(r, &c);
    const char *k, *v;
    while (import_var_next(r, &it, &k, &v)) {
        if (!model_contact_add_var(out, k, v)) {
            model_contact_free(out);
            return false;
        }
    }
    return true;
}
