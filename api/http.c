/* Non-blocking HTTP over libcurl multi: see http.h for the contract. */
#include "http.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "curl_lazy.h"
#include "dynbuf.h"

#include "jsonget.h"

typedef struct xfer {
    struct http *h;            /* the channel (profile) it belongs to */
    unsigned long id;
    CURL *easy;
    struct curl_slist *headers;
    char *url;
    char *req_body;
    bool idempotent;
    http_done_fn done;
    void *ud;
    int attempt;               /* 0 for the first try */
    long long due_ms;          /* > 0 while waiting to retry */
    bool in_multi;
    dynbuf_t body;             /* the reply, capped at opt.max_body_bytes */
    long retry_after_s;
    bool retry_after_capped;
    char errbuf[CURL_ERROR_SIZE];
    struct xfer *next;
} xfer_t;

/* The process's one curl multi handle and the channels driven by it. */
struct http_transport {
    CURLM *multi;
    struct http *channels;
    unsigned long next_id;     /* request ids are unique over the transport */
};

/* One profile's side of the transport: its options, its requests, its
 * figures. */
struct http {
    http_transport_t *t;
    bool owns_t;               /* made by http_new(): freed with the channel */
    CURLM *multi;              /* t->multi */
    http_options_t opt;
    xfer_t *xfers;
    http_stats_t stats;
    unsigned int seed;
    http_tick_fn tick;
    void *tick_ud;
    struct http *next;         /* in t->channels */
};

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void http_options_default(http_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->connect_timeout_ms = 5000;
    o->total_timeout_ms = 20000;
    o->max_retries = 2;
    o->backoff_base_ms = 250;
    o->backoff_max_ms = 4000;
    o->insecure = false;
    o->max_body_bytes = 64u << 20;
}

const char *http_transport_unavailable(void)
{
    return curl_lazy_unavailable();
}

http_transport_t *http_transport_new(void)
{
    /* the first transport loads libcurl and runs its global init
     * (curl_multi_init); http_transport_unavailable() says why not */
    http_transport_t *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->multi = curl_multi_init();
    if (!t->multi) {
        free(t);
        return NULL;
    }
    return t;
}

void http_transport_free(http_transport_t *t)
{
    if (!t)
        return;
    /* Channels still attached lose their transport: free them first. */
    while (t->channels) {
        http_t *h = t->channels;
        t->channels = h->next;
        for (xfer_t *x = h->xfers; x; x = x->next) {
            if (x->in_multi)
                curl_multi_remove_handle(t->multi, x->easy);
            x->in_multi = false;
        }
        h->t = NULL;
        h->multi = NULL;
    }
    curl_multi_cleanup(t->multi);
    free(t);
}

http_t *http_new_on(http_transport_t *t, const http_options_t *o)
{
    if (!t)
        return NULL;
    http_t *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    if (o)
        h->opt = *o;
    else
        http_options_default(&h->opt);
    h->t = t;
    h->multi = t->multi;
    h->seed = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)h;
    h->next = t->channels;
    t->channels = h;
    return h;
}

http_t *http_new(const http_options_t *o)
{
    http_transport_t *t = http_transport_new();
    http_t *h = http_new_on(t, o);
    if (!h) {
        http_transport_free(t);
        return NULL;
    }
    h->owns_t = true;
    return h;
}

http_transport_t *http_transport_of(const http_t *h)
{
    return h ? h->t : NULL;
}

void http_set_tick(http_t *h, http_tick_fn fn, void *ud)
{
    h->tick = fn;
    h->tick_ud = ud;
}

static void xfer_free(http_t *h, xfer_t *x)
{
    if (x->in_multi)
        curl_multi_remove_handle(h->multi, x->easy);
    curl_easy_cleanup(x->easy);
    /* The slist holds the key line: wipe before freeing. */
    for (struct curl_slist *s = x->headers; s; s = s->next) {
        volatile char *p = s->data;
        while (p && *p)
            *p++ = '\0';
    }
    curl_slist_free_all(x->headers);
    free(x->url);
    free(x->req_body);
    dynbuf_free(&x->body);
    free(x);
}

static void xfer_unlink(http_t *h, xfer_t *x)
{
    for (xfer_t **pp = &h->xfers; *pp; pp = &(*pp)->next) {
        if (*pp == x) {
            *pp = x->next;
            return;
        }
    }
}

void http_free(http_t *h)
{
    if (!h)
        return;
    while (h->xfers) {
        xfer_t *x = h->xfers;
        h->xfers = x->next;
        xfer_free(h, x);
    }
    if (h->t) {
        for (http_t **pp = &h->t->channels; *pp; pp = &(*pp)->next) {
            if (*pp == h) {
                *pp = h->next;
                break;
            }
        }
        if (h->owns_t)
            http_transport_free(h->t);
    }
    free(h);
}

bool http_is_insecure(const http_t *h)
{
    return h && h->opt.insecure;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *ud)
{
    xfer_t *x = ud;
    size_t n = size * nmemb;
    /* a short count aborts the transfer with CURLE_WRITE_ERROR; body.too_large
     * tells the size ceiling from running out of memory */
    return dynbuf_addn(&x->body, data, n) ? n : 0;
}

long http_parse_retry_after(const char *value, time_t now, bool *capped)
{
    if (capped)
        *capped = false;
    if (!value)
        return -1;
    char val[64];
    snprintf(val, sizeof val, "%s", value);
    char *s = val;
    while (isspace((unsigned char)*s))
        s++;
    for (char *e = s + strlen(s); e > s && isspace((unsigned char)e[-1]);)
        *--e = '\0';
    /* Seconds or an HTTP date, either way through the one cap: a value
     * past it (or past a long) waits API_WAIT_MAX_S, said so. */
    if (isdigit((unsigned char)*s)) {
        long secs;
        bool over = false;
        if (jnum_text(s, 0, LONG_MAX, &secs, &over) || over)
            return api_wait_clamp(over ? LONG_MAX : secs, capped);
        return -1;
    }
    time_t when = curl_getdate(s, NULL);
    if (when <= 0)
        return -1;
    double wait = difftime(when, now);
    return api_wait_clamp(wait > (double)API_WAIT_MAX_S ? API_WAIT_MAX_S + 1 : (long)wait,
                          capped);
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *ud)
{
    xfer_t *x = ud;
    size_t n = size * nmemb;
    static const char name[] = "retry-after:";
    if (n > sizeof name - 1 && strncasecmp(data, name, sizeof name - 1) == 0) {
        char val[64];
        size_t vlen = n - (sizeof name - 1);
        if (vlen >= sizeof val)
            vlen = sizeof val - 1;
        memcpy(val, data + sizeof name - 1, vlen);
        val[vlen] = '\0';
        long secs = http_parse_retry_after(val, time(NULL), &x->retry_after_capped);
        if (secs >= 0)
            x->retry_after_s = secs;
    }
    return n;
}

void http_error_from_curl(int code, const char *detail, api_error_t *err)
{
    const char *what;
    switch ((CURLcode)code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: what = "cannot resolve the host name (DNS)"; break;
    case CURLE_COULDNT_CONNECT: what = "connection refused or host unreachable"; break;
    case CURLE_OPERATION_TIMEDOUT: what = "timed out"; break;
    case CURLE_GOT_NOTHING: what = "the server closed the connection without replying"; break;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR: what = "connection reset"; break;
    case CURLE_PARTIAL_FILE: what = "the connection dropped in the middle of the reply"; break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM: what = "TLS certificate verification failed"; break;
    case CURLE_SSL_CONNECT_ERROR: what = "TLS handshake failed"; break;
    case CURLE_WRITE_ERROR: what = "the reply was too large or could not be stored"; break;
    case CURLE_UNSUPPORTED_PROTOCOL: what = "the base URL must start with http:// or https://"; break;
    case CURLE_URL_MALFORMAT: what = "the base URL is malformed"; break;
    default: what = curl_easy_strerror((CURLcode)code); break;
    }
    if (detail && detail[0])
        api_error_set(err, API_ERR_NETWORK, 0, "network error: %s (%s)", what, detail);
    else
        api_error_set(err, API_ERR_NETWORK, 0, "network error: %s", what);
    /* Only these fail before a connection exists; any other failure may
     * come after the request went out. */
    err->not_sent = code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_RESOLVE_PROXY ||
                    code == CURLE_COULDNT_CONNECT;
}

/* Worth another try for a read: the failure may well be gone in a moment. */
static bool transient_curl(CURLcode c)
{
    switch (c) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
        return true;
    default:
        return false;
    }
}

static bool setup_easy(http_t *h, xfer_t *x, const api_request_t *req)
{
    CURL *e = x->easy;
    bool ok = curl_easy_setopt(e, CURLOPT_URL, x->url) == CURLE_OK;
    ok = ok && curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK;
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_PRIVATE, x);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, h->opt.connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, h->opt.total_timeout_ms);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, "dialtop/" DIALTOP_VERSION);
    x->body.max = h->opt.max_body_bytes; /* 0: the dynbuf default ceiling */
    if (h->opt.max_body_bytes)
        curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)h->opt.max_body_bytes);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, h->opt.insecure ? 0L : 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, h->opt.insecure ? 0L : 2L);
    for (size_t i = 0; ok && i < req->nheaders; i++) {
        struct curl_slist *s = curl_slist_append(x->headers, req->headers[i]);
        ok = s != NULL;
        if (s)
            x->headers = s;
    }
    /* No "Expect: 100-continue" round trip before a JSON body. */
    struct curl_slist *s = ok ? curl_slist_append(x->headers, "Expect:") : NULL;
    ok = s != NULL;
    if (s)
        x->headers = s;
    if (!ok)
        return false;
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
    switch (req->method) {
    case HTTP_GET: curl_easy_setopt(e, CURLOPT_HTTPGET, 1L); break;
    case HTTP_POST: break;
    case HTTP_PUT: curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, "PUT"); break;
    case HTTP_PATCH: curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, "PATCH"); break;
    case HTTP_DELETE: curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, "DELETE"); break;
    }
    /* A write goes out at most once. libcurl silently resends a request
     * that failed on a reused keep-alive connection (the server may have
     * closed it idle, or applied the request and then dropped it): it
     * only does so when the connection was reused. A write therefore
     * takes a connection of its own that nothing used before, and that
     * nothing uses after it (a later read cannot be mistaken for it). */
    if (!(req->method == HTTP_GET && req->idempotent)) {
        curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);
        curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
    }
    if (req->method != HTTP_GET && (x->req_body || req->method == HTTP_POST)) {
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, x->req_body ? x->req_body : "");
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
                         (curl_off_t)(x->req_body ? strlen(x->req_body) : 0));
    }
    return true;
}

static bool xfer_start(http_t *h, xfer_t *x)
{
    dynbuf_reset(&x->body);
    x->retry_after_s = -1;
    x->retry_after_capped = false;
    x->errbuf[0] = '\0';
    x->due_ms = 0;
    if (curl_multi_add_handle(h->multi, x->easy) != CURLM_OK)
        return false;
    x->in_multi = true;
    return true;
}

/* Starts `req` with `body` (taken: freed here on failure). */
static unsigned long submit(http_t *h, const api_request_t *req, char *body, http_done_fn done,
                            void *ud, api_error_t *err)
{
    if (!h || !h->t || !req || !req->url || !done) {
        free(body);
        api_error_set(err, API_ERR_NETWORK, 0, "invalid request");
        return 0;
    }
    xfer_t *x = calloc(1, sizeof *x);
    if (!x) {
        free(body);
        api_error_set(err, API_ERR_NETWORK, 0, "out of memory");
        return 0;
    }
    x->h = h;
    x->url = strdup(req->url);
    x->req_body = body;
    x->easy = curl_easy_init();
    /* Only a GET the driver calls idempotent is ever retried. */
    x->idempotent = req->idempotent && req->method == HTTP_GET;
    x->done = done;
    x->ud = ud;
    if (!x->url || !x->easy || !setup_easy(h, x, req) ||
        !xfer_start(h, x)) {
        xfer_free(h, x);
        api_error_set(err, API_ERR_NETWORK, 0, "could not start the request");
        return 0;
    }
    x->id = ++h->t->next_id;
    x->next = h->xfers;
    h->xfers = x;
    h->stats.submitted++;
    return x->id;
}

unsigned long http_submit(http_t *h, const api_request_t *req, http_done_fn done, void *ud,
                          api_error_t *err)
{
    char *body = NULL;
    if (req && req->body && !(body = strdup(req->body))) {
        api_error_set(err, API_ERR_NETWORK, 0, "out of memory");
        return 0;
    }
    return submit(h, req, body, done, ud, err);
}

unsigned long http_submit_take(http_t *h, api_request_t *req, http_done_fn done, void *ud,
                               api_error_t *err)
{
    char *body = req ? req->body : NULL;
    if (req)
        req->body = NULL;
    return submit(h, req, body, done, ud, err);
}

bool http_cancel(http_t *h, unsigned long id)
{
    for (xfer_t *x = h ? h->xfers : NULL; x; x = x->next) {
        if (x->id == id) {
            xfer_unlink(h, x);
            xfer_free(h, x);
            return true;
        }
    }
    return false;
}

size_t http_pending(const http_t *h)
{
    size_t n = 0;
    for (const xfer_t *x = h ? h->xfers : NULL; x; x = x->next)
        n++;
    return n;
}

void http_get_stats(const http_t *h, http_stats_t *out)
{
    if (h)
        *out = h->stats;
    else
        memset(out, 0, sizeof *out);
}

/* Exponential backoff with "equal jitter": half fixed, half random, so
 * many clients that failed together do not retry together. */
static long backoff_ms(http_t *h, int attempt)
{
    long d = h->opt.backoff_base_ms > 0 ? h->opt.backoff_base_ms : 1;
    for (int i = 0; i < attempt && d < h->opt.backoff_max_ms; i++)
        d *= 2;
    if (h->opt.backoff_max_ms > 0 && d > h->opt.backoff_max_ms)
        d = h->opt.backoff_max_ms;
    long half = d / 2;
    return half + (half > 0 ? (long)(rand_r(&h->seed) % (unsigned)(half + 1)) : 0);
}

/* A finished attempt: retry a read that may succeed next time, otherwise
 * report. Returns true when a callback ran. */
static bool xfer_finish(http_t *h, xfer_t *x, CURLcode rc)
{
    long status = 0;
    curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
    long conns = 0;
    if (curl_easy_getinfo(x->easy, CURLINFO_NUM_CONNECTS, &conns) == CURLE_OK && conns > 0)
        h->stats.connections += (unsigned long)conns;
    curl_multi_remove_handle(h->multi, x->easy);
    x->in_multi = false;
    bool failed = rc != CURLE_OK ? transient_curl(rc) : status >= 500;
    if (x->idempotent && failed && x->attempt < h->opt.max_retries) {
        x->due_ms = now_ms() + backoff_ms(h, x->attempt);
        x->attempt++;
        h->stats.retries++;
        return false;
    }
    xfer_unlink(h, x);
    h->stats.completed++;
    if (rc != CURLE_OK) {
        api_error_t err;
        if (rc == CURLE_FILESIZE_EXCEEDED || x->body.too_large)
            api_error_set(&err, API_ERR_NETWORK, 0,
                          "network error: the reply is larger than %zu bytes",
                          h->opt.max_body_bytes);
        else
            http_error_from_curl((int)rc, x->errbuf, &err);
        x->done(NULL, &err, x->ud);
    } else {
        api_response_t resp = {
            .status = status,
            .body = dynbuf_str(&x->body),
            .body_len = x->body.len,
            .retry_after_s = x->retry_after_s,
            .retry_after_capped = x->retry_after_capped,
            .received_at = time(NULL),
        };
        x->done(&resp, NULL, x->ud);
    }
    xfer_free(h, x);
    return true;
}

static int drain(http_transport_t *t)
{
    int ran = 0, left;
    CURLMsg *m;
    while ((m = curl_multi_info_read(t->multi, &left))) {
        if (m->msg != CURLMSG_DONE)
            continue;
        xfer_t *x = NULL;
        curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
        if (x && xfer_finish(x->h, x, m->data.result))
            ran++;
    }
    return ran;
}

static long earlier(long a, long b)
{
    return a < 0 ? b : b < 0 ? a : a < b ? a : b;
}

/* Starts retries that fell due, on every channel; returns ms until the
 * next one, or -1. */
static long start_due(http_transport_t *t)
{
    long long now = now_ms();
    long next = -1;
    for (http_t *h = t->channels; h; h = h->next) {
        for (xfer_t *x = h->xfers; x; x = x->next) {
            if (x->in_multi || x->due_ms <= 0)
                continue;
            if (x->due_ms <= now) {
                if (!xfer_start(h, x))
                    x->due_ms = now + 100;
            } else {
                next = earlier(next, (long)(x->due_ms - now));
            }
        }
    }
    return next;
}

/* Runs every channel owner's tick; *next_ms (may be NULL) gets the
 * earliest time one of them asked to run again. */
static int run_ticks(http_transport_t *t, long *next_ms)
{
    int ran = 0;
    long next = -1;
    for (http_t *h = t->channels; h; h = h->next) {
        if (!h->tick)
            continue;
        long n = -1;
        ran += h->tick(h->tick_ud, &n);
        next = earlier(next, n);
    }
    if (next_ms)
        *next_ms = next;
    return ran;
}

static bool any_active(const http_transport_t *t)
{
    for (const http_t *h = t->channels; h; h = h->next)
        for (const xfer_t *x = h->xfers; x; x = x->next)
            if (x->in_multi)
                return true;
    return false;
}

int http_transport_poll(http_transport_t *t, int extra_fd, int timeout_ms,
                        bool *extra_fd_ready)
{
    if (extra_fd_ready)
        *extra_fd_ready = false;
    if (!t)
        return -1;
    int running = 0;
    long tick_in = -1;
    int ran = run_ticks(t, &tick_in);
    start_due(t);
    if (curl_multi_perform(t->multi, &running) != CURLM_OK)
        return -1;
    ran += drain(t);
    long retry_in = start_due(t);

    long wait = timeout_ms < 0 ? 24L * 3600 * 1000 : timeout_ms;
    if (ran > 0)
        wait = 0; /* report what finished at once; only peek at the fd */
    long due = earlier(retry_in, tick_in);
    if (due >= 0 && due < wait)
        wait = due;
    if (!any_active(t) && due < 0 && extra_fd < 0 && timeout_ms < 0)
        return ran; /* nothing could ever wake us */

    /* The one wait: every channel's sockets, the extra fd, the earliest
     * timer of any channel. */
    struct curl_waitfd wfd = {.fd = extra_fd, .events = CURL_WAIT_POLLIN, .revents = 0};
    int numfds = 0;
    if (curl_multi_poll(t->multi, extra_fd >= 0 ? &wfd : NULL, extra_fd >= 0 ? 1u : 0u,
                        (int)(wait > INT_MAX ? INT_MAX : wait), &numfds) != CURLM_OK)
        return -1;
    if (extra_fd_ready && extra_fd >= 0 && (wfd.revents & CURL_WAIT_POLLIN))
        *extra_fd_ready = true;
    start_due(t);
    if (curl_multi_perform(t->multi, &running) != CURLM_OK)
        return -1;
    ran += drain(t);
    ran += run_ticks(t, NULL);
    return ran;
}

int http_poll(http_t *h, int extra_fd, int timeout_ms, bool *extra_fd_ready)
{
    if (extra_fd_ready)
        *extra_fd_ready = false;
    if (!h || !h->t)
        return -1;
    return http_transport_poll(h->t, extra_fd, timeout_ms, extra_fd_ready);
}
