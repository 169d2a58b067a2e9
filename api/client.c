/* The client layer: operations that pair a driver's build and parse with
 * one transport request (or a chain of them, for Sarvam creation), and
 * report once through a typed callback. */
#include "client.h"
#include "client_ops.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A 429 that says nothing about when to come back: 2, 4, 8 ... 60 s over
 * consecutive refusals, so the caller always has a time to wait. */
#define RATE_WAIT_FIRST_S 2
#define RATE_WAIT_MAX_S 60

static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void op_release(op_t *o)
{
    if (o->holding)
        api_request_free(&o->held);
    free(o);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static int client_tick(void *ud, long *next_ms);

client_t *client_new_on(http_transport_t *t, const config_profile_t *profile,
                        const http_options_t *http_opts, char *err, size_t err_len)
{
    if (!profile || !profile->base_url) {
        snprintf(err, err_len, "no usable profile");
        return NULL;
    }
    /* Refused before any connection: the builtin profile's DIALTOP_SIM_URL
     * and profiles made in code reach here without the config's check. */
    char why[200];
    if (!config_url_check(profile->base_url, profile->insecure, why, sizeof why)) {
        snprintf(err, err_len, "profile '%s': %s", profile->name, why);
        return NULL;
    }
    const driver_t *drv = driver_for(profile->provider);
    if (!drv) {
        snprintf(err, err_len, "profile '%s': unknown provider", profile->name);
        return NULL;
    }
    client_t *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, err_len, "out of memory");
        return NULL;
    }
    c->profile = *profile;
    c->profile.name = dup_or_null(profile->name);
    c->profile.base_url = dup_or_null(profile->base_url);
    c->profile.api_key_env = dup_or_null(profile->api_key_env);
    c->profile.api_key_file = dup_or_null(profile->api_key_file);
    c->profile.org_id = dup_or_null(profile->org_id);
    c->profile.workspace_id = dup_or_null(profile->workspace_id);
    c->profile.region = dup_or_null(profile->region);
    c->profile.notify_command = dup_or_null(profile->notify_command);
    if (!config_hooks_copy(&c->profile, profile)) {
        snprintf(err, err_len, "out of memory");
        client_free(c);
        return NULL;
    }
    c->drv = drv;
    c->key = config_profile_key(&c->profile, err, err_len);
    c->profile.api_key = NULL; /* borrowed from the caller; c->key holds the copy */
    if (!c->key) {
        client_free(c);
        return NULL;
    }
    if (!config_hooks_resolve(&c->profile, &c->hooks_token, &c->hooks_webhook_url, err,
                              err_len)) {
        client_free(c);
        return NULL;
    }
    http_options_t opts;
    if (http_opts)
        opts = *http_opts;
    else
        http_options_default(&opts);
    opts.insecure = opts.insecure || profile->insecure;
    if (!http_opts) /* the caller's own options win (the tests') */
        opts.total_timeout_ms = (long)profile->request_timeout_s * 1000L;
    /* The profile's own channel (its TLS setting, timeouts, figures) on
     * the process's one transport. */
    c->http = t ? http_new_on(t, &opts) : http_new(&opts);
    if (!c->http) {
        snprintf(err, err_len, "could not start the HTTP transport");
        client_free(c);
        return NULL;
    }
    http_set_tick(c->http, client_tick, c);
    c->ctx.base_url = c->profile.base_url;
    c->ctx.api_key = c->key;
    c->ctx.org_id = c->profile.org_id;
    c->ctx.workspace_id = c->profile.workspace_id;
    c->ctx.hooks_url = c->hooks_token ? c->profile.hooks_url : NULL;
    c->ctx.hooks_token = c->hooks_token;
    c->ctx.hooks_webhook_url = c->hooks_webhook_url;
    return c;
}

client_t *client_new(const config_profile_t *profile, const http_options_t *http_opts,
                     char *err, size_t err_len)
{
    return client_new_on(NULL, profile, http_opts, err, err_len);
}

void client_free(client_t *c)
{
    if (!c)
        return;
    http_free(c->http);
    while (c->ops) {
        op_t *o = c->ops;
        c->ops = o->next;
        op_release(o);
    }
    config_key_free(c->key);
    config_key_free(c->hooks_token);
    config_key_free(c->hooks_webhook_url); /* holds the token too */
    config_profile_free(&c->profile);
    free(c);
}

const config_profile_t *client_profile(const client_t *c)
{
    return &c->profile;
}

const driver_t *client_driver(const client_t *c)
{
    return c->drv;
}

http_t *client_http(client_t *c)
{
    return c->http;
}

const driver_ctx_t *client_driver_ctx(const client_t *c)
{
    return &c->ctx;
}

static op_t *op_new(client_t *c, op_kind_t kind, void *ud)
{
    op_t *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->id = ++c->next_id;
    o->kind = kind;
    o->c = c;
    o->ud = ud;
    o->send_at_ms = c->hold_next_until;
    c->hold_next_until = 0;
    api_error_clear(&o->err);
    /* Appended, so operations report in the order they were made. */
    op_t **pp = &c->ops;
    while (*pp)
        pp = &(*pp)->next;
    *pp = o;
    return o;
}

static void op_unlink(client_t *c, op_t *o)
{
    for (op_t **pp = &c->ops; *pp; pp = &(*pp)->next) {
        if (*pp == o) {
            *pp = o->next;
            return;
        }
    }
}

static void fill_rate_wait(client_t *c, api_error_t *e)
{
    if (e->kind != API_ERR_RATE_LIMITED)
        return;
    int streak = c->rate_limit_streak++;
    if (e->retry_after_s >= 0)
        return;
    long wait = RATE_WAIT_FIRST_S;
    for (int i = 0; i < streak && wait < RATE_WAIT_MAX_S; i++)
        wait *= 2;
    e->retry_after_s = wait > RATE_WAIT_MAX_S ? RATE_WAIT_MAX_S : wait;
    size_t n = strlen(e->message);
    snprintf(e->message + n, sizeof e->message - n, "; backing off %lds", e->retry_after_s);
}

/* Reports an error and retires the operation. */
static void op_fail(op_t *o, const api_error_t *in)
{
    client_t *c = o->c;
    api_error_t copy = *in;
    const api_error_t *err = &copy;
    fill_rate_wait(c, &copy);
    op_unlink(c, o);
    switch (o->kind) {
    case OP_LIST: o->cb.list(NULL, err, o->ud); break;
    case OP_GET:
    case OP_LIVE: o->cb.get(NULL, err, o->ud); break;
    case OP_CONTACTS: o->cb.contacts(NULL, err, o->ud); break;
    case OP_ACTION: o->cb.action(NULL, err, o->ud); break;
    case OP_CREATE: o->cb.create(o->created.id[0] ? &o->created : NULL, err, o->ud); break;
    case OP_ADD: o->cb.add(NULL, err, o->ud); break;
    case OP_START: o->cb.action(NULL, err, o->ud); break;
    }
    op_release(o);
}

static void on_http(const api_response_t *resp, const api_error_t *neterr, void *ud);

/* Sends `req` (freed here) for `o`; on failure the op is marked to fail. */
static void op_send(op_t *o, api_request_t *req)
{
    api_error_t err;
    api_error_clear(&err);
    const char *hooks = o->c->ctx.hooks_url;
    o->to_receiver = hooks && req->url && strncmp(req->url, hooks, strlen(hooks)) == 0;
    size_t body_len = req->body ? strlen(req->body) : 0;
    if (body_len > DRIVER_BODY_MAX) {
        /* The provider would refuse it after the whole upload: say so now. */
        api_request_free(req);
        api_error_set(&err, API_ERR_VALIDATION, 0,
                      "the request body would be %.1f MiB, over the provider's 16 MiB limit",
                      (double)body_len / (1024.0 * 1024.0));
        snprintf(err.field, sizeof err.field, "%s", CLIENT_FIELD_BODY_SIZE);
        o->prefailed = true;
        o->err = err;
        return;
    }
    if (o->send_at_ms > mono_ms()) {
        o->held = *req; /* sent by send_due() from client_poll() */
        o->holding = true;
        return;
    }
    o->http_id = http_submit_take(o->c->http, req, on_http, o, &err);
    api_request_free(req);
    if (!o->http_id) {
        o->prefailed = true;
        o->err = err;
    }
}

static void op_prefail(op_t *o, const api_error_t *err)
{
    o->prefailed = true;
    o->err = *err;
}

static void create_next_chunk(op_t *o)
{
    client_t *c = o->c;
    api_request_t req;
    api_error_t err;
    api_error_clear(&err);
    if (!c->drv->build_create_chunk(&c->ctx, o->spec, o->created.id, o->chunk, &req, &err)) {
        op_prefail(o, &err);
        return;
    }
    op_send(o, &req);
}

/* The common tail of a parse into a freshly allocated `res` (NULL when
 * the allocation failed): on success the op leaves the list and true is
 * returned; otherwise `res` is freed and the op reported as failed (and
 * freed), and false is returned. */
static bool op_parsed(op_t *o, void *res, bool parsed, api_error_t *err)
{
    if (res && parsed) {
        op_unlink(o->c, o);
        return true;
    }
    free(res);
    if (!res)
        api_error_set(err, API_ERR_PARSE, 0, "out of memory");
    op_fail(o, err);
    return false;
}

static void op_complete(op_t *o, const api_response_t *resp)
{
    client_t *c = o->c;
    const driver_t *d = c->drv;
    api_error_t err;
    api_error_clear(&err);
    switch (o->kind) {
    case OP_LIST: {
        api_campaign_page_t *page = calloc(1, sizeof *page);
        if (!op_parsed(o, page, page && d->parse_list_campaigns(resp, &o->page, page, &err),
                       &err))
            return;
        o->cb.list(page, NULL, o->ud);
        break;
    }
    case OP_GET:
    case OP_LIVE: {
        /* the same campaign record, read from the live endpoint or not */
        bool (*parse)(const api_response_t *, model_campaign_t *, api_error_t *) =
            o->kind == OP_LIVE ? d->parse_live_status : d->parse_get_campaign;
        model_campaign_t *camp = calloc(1, sizeof *camp);
        if (!op_parsed(o, camp, camp && parse(resp, camp, &err), &err))
            return;
        o->cb.get(camp, NULL, o->ud);
        break;
    }
    case OP_CONTACTS: {
        api_contact_page_t *page = calloc(1, sizeof *page);
        if (!op_parsed(o, page, page && d->parse_list_contacts(resp, &o->page, page, &err),
                       &err))
            return;
        o->cb.contacts(page, NULL, o->ud);
        break;
    }
    case OP_ACTION:
    case OP_START: {
        /* starting a draft answers like an action */
        api_action_result_t res;
        bool parsed = o->kind == OP_START ? d->parse_start(resp, &res, &err)
                                          : d->parse_action(resp, o->action, &res, &err);
        if (!parsed) {
            op_fail(o, &err);
            return;
        }
        op_unlink(c, o);
        o->cb.action(&res, NULL, o->ud);
        break;
    }
    case OP_CREATE: {
        if (!o->created.id[0]) {
            if (!d->parse_create(resp, &o->created, &err)) {
                op_fail(o, &err);
                return;
            }
            o->nchunks = d->create_chunk_count ? d->create_chunk_count(o->spec) : 0;
            if (o->nchunks == 0 && o->created.contacts_accepted == 0)
                o->created.contacts_accepted = o->spec->ncontacts;
        } else {
            api_chunk_result_t chunk;
            if (!d->parse_create_chunk(resp, &chunk, &err)) {
                op_fail(o, &err);
                return;
            }
            o->created.contacts_accepted += chunk.accepted;
            o->created.contacts_rejected += chunk.rejected;
            o->chunk++;
        }
        if (o->chunk < o->nchunks) {
            create_next_chunk(o);
            return; /* still running (or prefailed: reported on the next poll) */
        }
        op_unlink(c, o);
        o->cb.create(&o->created, NULL, o->ud);
        break;
    }
    case OP_ADD: {
        api_chunk_result_t chunk;
        if (!d->parse_add_contacts(resp, &chunk, &err)) {
            op_fail(o, &err);
            return;
        }
        op_unlink(c, o);
        o->cb.add(&chunk, NULL, o->ud);
        break;
    }
    }
    op_release(o);
}

static void on_http(const api_response_t *resp, const api_error_t *neterr, void *ud)
{
    op_t *o = ud;
    o->http_id = 0;
    if (resp && resp->status >= 200 && resp->status < 300)
        o->c->rate_limit_streak = 0;
    if (neterr && o->to_receiver) {
        /* say which server is unreachable: the provider is not */
        api_error_t named = *neterr;
        char msg[API_ERROR_MSG_MAX + 32];
        snprintf(msg, sizeof msg, "hooks receiver: %s", neterr->message);
        memcpy(named.message, msg, sizeof named.message - 1);
        named.message[sizeof named.message - 1] = '\0';
        op_fail(o, &named);
    } else if (neterr) {
        op_fail(o, neterr);
    } else {
        op_complete(o, resp);
    }
}

/* The page a list operation asks for: `page`, or the first one. */
static void op_set_page(op_t *o, const api_page_t *page)
{
    if (page)
        o->page = *page;
    else
        api_page_first(&o->page, 0);
}

/* The head of every operation: a new op, and `b` ready for its builder. */
static op_t *op_begin(client_t *c, op_kind_t kind, void *ud, op_build_t *b)
{
    op_t *o = op_new(c, kind, ud);
    if (o)
        api_error_clear(&b->err);
    return o;
}

/* The tail of every operation: send what was built, or report from the
 * next poll why nothing was. */
static unsigned long op_start(op_t *o, bool built, op_build_t *b)
{
    if (built)
        op_send(o, &b->req);
    else
        op_prefail(o, &b->err);
    return o->id;
}

unsigned long client_list_campaigns(client_t *c, const api_page_t *page,
                                    const char *status_filter, client_campaigns_fn cb,
                                    void *ud)
{
    op_build_t b;
    op_t *o = op_begin(c, OP_LIST, ud, &b);
    if (!o)
        return 0;
    o->cb.list = cb;
    op_set_page(o, page);
    bool ok = c->drv->build_list_campaigns(&c->ctx, &o->page, status_filter, &b.req, &b.err);
    return op_start(o, ok, &b);
}

unsigned long client_get_campaign(client_t *c, const char *id, client_campaign_fn cb,
                                  void *ud)
{
    op_build_t b;
    op_t *o = op_begin(c, OP_GET, ud, &b);
    if (!o)
        return 0;
    o->cb.get = cb;
    return op_start(o, c->drv->build_get_campaign(&c->ctx, id, &b.req, &b.err), &b);
}

unsigned long client_get_live(client_t *c, const char *id, client_campaign_fn cb, void *ud)
{
    if (!c->drv->build_live_status)
        return client_get_campaign(c, id, cb, ud);
    op_build_t b;
    op_t *o = op_begin(c, OP_LIVE, ud, &b);
    if (!o)
        return 0;
    o->cb.get = cb;
    return op_start(o, c->drv->build_live_status(&c->ctx, id, &b.req, &b.err), &b);
}

bool client_has_live(const client_t *c)
{
    return c->drv->build_live_status != NULL;
}

unsigned long client_list_contacts(client_t *c, const char *campaign_id,
                                   const api_page_t *page, const char *status_filter,
                                   client_contacts_fn cb, void *ud)
{
    op_build_t b;
    op_t *o = op_begin(c, OP_CONTACTS, ud, &b);
    if (!o)
        return 0;
    o->cb.contacts = cb;
    op_set_page(o, page);
    bool ok = c->drv->build_list_contacts(&c->ctx, campaign_id, &o->page, status_filter,
                                          &b.req, &b.err);
    return op_start(o, ok, &b);
}

/* The gate of every write (see client_ops.h). */
static bool may_write(const client_t *c, const char *refusal, api_error_t *err)
{
    if (c->profile.read_only)
        return api_error_set(err, API_ERR_UNSUPPORTED, 0,
                             "profile '%s' is read-only: actions are disabled",
                             c->profile.name);
    if (refusal)
        return api_error_set(err, API_ERR_UNSUPPORTED, 0, "%s", refusal);
    return true;
}

unsigned long client_action(client_t *c, const char *campaign_id, campaign_state_t state,
                            action_t action, const api_reschedule_t *resched,
                            client_action_fn cb, void *ud)
{
    op_build_t b;
    op_t *o = op_begin(c, OP_ACTION, ud, &b);
    if (!o)
        return 0;
    o->cb.action = cb;
    o->action = action;
    bool ok = may_write(c, NULL, &b.err) &&
              c->drv->build_action(&c->ctx, campaign_id, state, action, resched, &b.req, &b.err);
    return op_start(o, ok, &b);
}

void client_hold_next(client_t *c, long delay_ms)
{
    c->hold_next_until = delay_ms > 0 ? mono_ms() + delay_ms : 0;
}

/* For client_create.c (client_ops.h). */
long long client_mono_ms(void)
{
    return mono_ms();
}

op_t *client_op_begin(client_t *c, op_kind_t kind, void *ud, op_build_t *b)
{
    return op_begin(c, kind, ud, b);
}

unsigned long client_op_start(op_t *o, bool built, op_build_t *b)
{
    return op_start(o, built, b);
}

bool client_may_write(const client_t *c, const char *refusal, api_error_t *err)
{
    return may_write(c, refusal, err);
}

void client_cancel(client_t *c, unsigned long id)
{
    for (op_t *o = c->ops; o; o = o->next) {
        if (o->id == id) {
            if (o->http_id)
                http_cancel(c->http, o->http_id);
            op_unlink(c, o);
            op_release(o);
            return;
        }
    }
}

/* Operations that failed before anything was sent report now, in order. */
static int report_prefailed(client_t *c)
{
    int ran = 0;
    for (;;) {
        op_t *o = c->ops;
        while (o && !o->prefailed)
            o = o->next;
        if (!o)
            return ran;
        api_error_t err = o->err;
        op_fail(o, &err);
        ran++;
    }
}

/* Held requests whose time has come go out; returns the milliseconds to
 * the next one still held (-1: none), so the poll wakes for it. */
static long long send_due(client_t *c)
{
    long long now = mono_ms(), next = -1;
    for (op_t *o = c->ops; o; o = o->next) {
        if (!o->holding)
            continue;
        if (o->send_at_ms <= now) {
            api_request_t req = o->held;
            o->holding = false;
            o->send_at_ms = 0;
            op_send(o, &req);
        } else if (next < 0 || o->send_at_ms - now < next) {
            next = o->send_at_ms - now;
        }
    }
    return next;
}

/* Run by every poll of the transport, before its wait and after: the
 * reports and sends the client owes, and when it next owes one. */
static int client_tick(void *ud, long *next_ms)
{
    client_t *c = ud;
    int ran = report_prefailed(c);
    long long held = send_due(c);
    *next_ms = held >= 0 ? (long)held : -1;
    /* a send that failed at once reports now, not a wait later */
    return ran + report_prefailed(c);
}

int client_poll(client_t *c, int extra_fd, int timeout_ms, bool *extra_fd_ready)
{
    return http_poll(c->http, extra_fd, timeout_ms, extra_fd_ready);
}

size_t client_pending(const client_t *c)
{
    size_t n = 0;
    for (const op_t *o = c->ops; o; o = o->next)
        n++;
    return n;
}

static bool op_alive(const client_t *c, unsigned long id)
{
    for (const op_t *o = c->ops; o; o = o->next)
        if (o->id == id)
            return true;
    return false;
}


bool client_wait(client_t *c, unsigned long op, int timeout_ms)
{
    long long deadline = timeout_ms < 0 ? -1 : mono_ms() + timeout_ms;
    while (op_alive(c, op)) {
        int wait = 1000;
        if (deadline >= 0) {
            long long left = deadline - mono_ms();
            if (left <= 0) {
                client_cancel(c, op);
                return false;
            }
            if (left < wait)
                wait = (int)left;
        }
        if (client_poll(c, -1, wait, NULL) < 0) {
            client_cancel(c, op);
            return false;
        }
    }
    return true;
}
