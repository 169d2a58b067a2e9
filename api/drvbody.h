/* Request bodies carrying a contact list (for the driver files only).
 *
 * The fields around the list are few and small, so a driver still builds
 * them as a cJSON object, with the list as an empty array member at its
 * place; drv_post_contacts() prints that object and streams the contacts
 * into the array, one contact read and written at a time (jsonwrite.h),
 * so the body text is the only full-size copy of the list in memory. */
#ifndef DIALTOP_DRVBODY_H
#define DIALTOP_DRVBODY_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "driver.h"
#include "drvutil.h"

/* How one provider writes its contact list. */
typedef struct {
    const char *key;          /* the body's array member, e.g. "contact_list" */
    const char *phone_field;  /* named when a contact has no phone */
    /* Appends one contact as a JSON object; the phone is known non-empty. */
    void (*write)(dynbuf_t *b, const model_contact_t *c);
} drv_contact_list_t;

/* A POST to the URL in `url` (taken: freed whatever the outcome) whose
 * body is `body` (consumed), which must hold `list->key` as an empty array,
 * printed with contacts [first, last) of `spec` in that array; the key
 * goes in a header made from `auth_fmt` as drv_request() does. The text is
 * what cJSON would print for the same tree (for valid UTF-8; see
 * jsonwrite.h). False with `err` set when a contact cannot be read (out of
 * memory), has no phone (API_ERR_VALIDATION naming `list->phone_field`),
 * or the request cannot be built. Every create and add-contacts call of
 * every driver ends here, so their bodies are made one way. */
bool drv_post_contacts(api_request_t *out, dynbuf_t *url, const char *auth_fmt,
                       const char *api_key, cJSON *body, const drv_contact_list_t *list,
                       const api_create_spec_t *spec, size_t first, size_t last,
                       api_error_t *err);

#endif
