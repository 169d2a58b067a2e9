/* Contact lists streamed into request bodies. */
#include "drvbody.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool out_of_memory(api_error_t *err)
{
    return api_error_set(err, API_ERR_NETWORK, 0, "out of memory building the request");
}

static bool write_contacts(dynbuf_t *b, const drv_contact_list_t *list,
                           const api_create_spec_t *spec, size_t first, size_t last,
                           api_error_t *err)
{
    dynbuf_addn(b, "[", 1);
    for (size_t i = first; i < last && !b->failed; i++) {
        model_contact_t c;
        if (!spec->contact_at(spec->contacts_src, i, &c))
            return out_of_memory(err);
        bool has_phone = c.phone && c.phone[0];
        if (has_phone) {
            if (i > first)
                dynbuf_addn(b, ",", 1);
            list->write(b, &c);
        }
        model_contact_free(&c);
        if (!has_phone) {
            api_error_set(err, API_ERR_VALIDATION, 0, "contact %zu of the list has no phone number",
                          i + 1);
            snprintf(err->field, sizeof err->field, "%s", list->phone_field);
            return false;
        }
    }
    dynbuf_addn(b, "]", 1);
    return !b->failed || out_of_memory(err);
}

static char *body_contacts(cJSON *body, const drv_contact_list_t *list,
                           const api_create_spec_t *spec, size_t first, size_t last,
                           api_error_t *err)
{
    char *text = drv_body(body);
    if (!text) {
        out_of_memory(err);
        return NULL;
    }
    /* Only the placeholder member can match: inside a printed string every
     * '"' is escaped, so an unescaped '"' followed by ':' ends a key, and
     * the keys around the list are the driver's own. */
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\":[]", list->key);
    char *at = strstr(text, pattern);
    if (!at || last > spec->ncontacts || first > last || !spec->contact_at) {
        free(text);
        api_error_set(err, API_ERR_VALIDATION, 0, "no contact list to send");
        snprintf(err->field, sizeof err->field, "%s", list->key);
        return NULL;
    }
    size_t head = (size_t)(at - text) + strlen(pattern) - 2; /* up to the '[' */
    dynbuf_t b = {0};
    dynbuf_addn(&b, text, head);
    bool ok = write_contacts(&b, list, spec, first, last, err);
    if (ok) {
        dynbuf_add(&b, at + strlen(pattern));
        ok = !b.failed || out_of_memory(err);
    }
    free(text);
    if (!ok) {
        dynbuf_free(&b);
        return NULL;
    }
    return dynbuf_take(&b);
}

bool drv_post_contacts(api_request_t *out, dynbuf_t *url, const char *auth_fmt,
                       const char *api_key, cJSON *body, const drv_contact_list_t *list,
                       const api_create_spec_t *spec, size_t first, size_t last,
                       api_error_t *err)
{
    char *text = body_contacts(body, list, spec, first, last, err);
    if (!text) {
        dynbuf_free(url);
        return false;
    }
    return drv_request(out, HTTP_POST, dynbuf_take(url), auth_fmt, api_key, text, err);
}
