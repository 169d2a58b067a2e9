/* What client.c and client_create.c share behind client.h: the client
 * object and its operations. Not for any other file. */
#ifndef DIALTOP_CLIENT_OPS_H
#define DIALTOP_CLIENT_OPS_H

#include "client.h"

typedef enum { OP_LIST, OP_GET, OP_LIVE, OP_CONTACTS, OP_ACTION, OP_CREATE, OP_ADD, OP_START } op_kind_t;

typedef struct op {
    unsigned long id;
    op_kind_t kind;
    client_t *c;
    unsigned long http_id;      /* request in flight, 0 when none */
    union {
        client_campaigns_fn list;
        client_campaign_fn get;
        client_contacts_fn contacts;
        client_action_fn action;
        client_create_fn create;
        client_chunk_fn add;
    } cb;
    void *ud;
    api_page_t page;
    action_t action;
    bool prefailed;             /* never sent; report `err` on the next poll */
    bool to_receiver;           /* the request in flight goes to the webhook receiver */
    api_error_t err;
    /* creation */
    const api_create_spec_t *spec;
    api_created_t created;
    size_t chunk, nchunks;
    /* a request held back until send_at_ms (pacing, a 429's reset) */
    api_request_t held;
    bool holding;
    long long send_at_ms;
    struct op *next;
} op_t;

struct client {
    config_profile_t profile;   /* deep copy: the config may go away */
    char *key;
    char *hooks_token;          /* the receiver's token, NULL without hooks_url */
    char *hooks_webhook_url;    /* {hooks_public_url}/sarvam/{token}, for creation */
    const driver_t *drv;
    driver_ctx_t ctx;
    http_t *http;
    op_t *ops;
    unsigned long next_id;
    int rate_limit_streak;      /* 429s in a row, for the fallback wait */
    long long hold_next_until;  /* client_hold_next(): the next operation's send time */
};

/* What an operation's builder fills: the request, or why there is none. */
typedef struct {
    api_request_t req;
    api_error_t err;
} op_build_t;

long long client_mono_ms(void);
/* A new operation, appended (it reports in order of creation), with `b`
 * ready for its builder. NULL when out of memory. */
op_t *client_op_begin(client_t *c, op_kind_t kind, void *ud, op_build_t *b);
/* Sends b->req when `built`, or makes the operation report b->err from
 * the next poll; returns the operation id. */
unsigned long client_op_start(op_t *o, bool built, op_build_t *b);
/* The gate of every write: false with `err` set when the profile is
 * read-only, or else when `refusal` (NULL: none) says why the provider
 * cannot do it. One wording for every write operation. */
bool client_may_write(const client_t *c, const char *refusal, api_error_t *err);

#endif
