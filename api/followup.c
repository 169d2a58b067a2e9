/* Follow-up lists; see followup.h. */
#include "followup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool same_word(const char *a, size_t alen, const char *name)
{
    if (strlen(name) != alen)
        return false;
    for (size_t i = 0; i < alen; i++) {
        char c = a[i] == '-' || a[i] == ' ' ? '_' : a[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != name[i])
            return false;
    }
    return true;
}

bool followup_parse_states(const char *text, unsigned *mask, char *reason, size_t reason_len)
{
    *mask = 0;
    const char *p = text ? text : "";
    while (*p) {
        size_t len = strcspn(p, ",");
        bool found = false;
        for (int s = 1; s < CONTACT_STATE_COUNT && !found; s++) {
            if (same_word(p, len, model_contact_state_name((contact_state_t)s))) {
                *mask |= 1u << s;
                found = true;
            }
        }
        if (!found && len > 0) {
            char known[256] = "";
            for (int s = 1; s < CONTACT_STATE_COUNT; s++) {
                size_t k = strlen(known);
                snprintf(known + k, sizeof known - k, "%s%s", s > 1 ? ", " : "",
                         model_contact_state_name((contact_state_t)s));
            }
            snprintf(reason, reason_len, "unknown contact state \"%.*s\"; known: %s",
                     (int)(len > 40 ? 40 : len), p, known);
            return false;
        }
        p += len;
        if (*p == ',')
            p++;
    }
    if (!*mask) {
        snprintf(reason, reason_len, "name at least one contact state, e.g. no_answer,busy,failed");
        return false;
    }
    return true;
}

bool followup_select(followup_list_t *out, model_contact_t *all, size_t n, unsigned mask,
                     size_t *dropped)
{
    memset(out, 0, sizeof *out);
    *dropped = 0;
    out->source_total = n;
    out->items = malloc((n ? n : 1) * sizeof *out->items);
    if (!out->items) {
        for (size_t i = 0; i < n; i++)
            model_contact_free(&all[i]);
        free(all);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        model_contact_t *c = &all[i];
        bool want = (unsigned)c->state < 32 && (mask & (1u << c->state));
        if (want && (!c->phone || !c->phone[0])) {
            (*dropped)++;
            want = false;
        }
        if (!want) {
            model_contact_free(c);
            continue;
        }
        out->by_state[c->state]++;
        out->items[out->n++] = *c; /* moved */
    }
    free(all);
    return true;
}

bool followup_contact_at(const void *src, size_t i, model_contact_t *out)
{
    const followup_list_t *l = src;
    model_contact_init(out);
    if (i >= l->n)
        return false;
    const model_contact_t *c = &l->items[i];
    out->phone = strdup(c->phone);
    if (!out->phone)
        return false;
    for (size_t v = 0; v < c->nvars; v++) {
        if (c->vars[v].key && !model_contact_add_var(out, c->vars[v].key,
                                                    c->vars[v].value ? c->vars[v].value : "")) {
            model_contact_free(out);
            return false;
        }
    }
    return true;
}

void followup_list_free(followup_list_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        model_contact_free(&l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}
