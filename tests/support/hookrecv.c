/* A webhook receiver for tests; see hookrecv.h. */
#include "hookrecv.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct hookrecv {
    struct MHD_Daemon *d;
    char url[96];
    pthread_mutex_t lock;
    int refuse;                /* POSTs still to refuse */
    bool refuse_all;
    int delay_ms;
    size_t received;
    char **bodies;             /* accepted ones */
    size_t n, cap;
};

typedef struct {
    char *buf;
    size_t len;
} body_t;

static enum MHD_Result answer(struct MHD_Connection *conn, unsigned status)
{
    static const char text[] = "{}";
    struct MHD_Response *r =
        MHD_create_response_from_buffer(sizeof text - 1, (void *)text, MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ok = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *data,
                                  size_t *size, void **con_cls)
{
    (void)url;
    (void)version;
    hookrecv_t *h = cls;
    if (strcmp(method, "POST") != 0)
        return answer(conn, 405);
    body_t *b = *con_cls;
    if (!b) {
        *con_cls = calloc(1, sizeof *b);
        return *con_cls ? MHD_YES : MHD_NO;
    }
    if (*size) {
        char *grown = realloc(b->buf, b->len + *size + 1);
        if (!grown)
            return MHD_NO;
        memcpy(grown + b->len, data, *size);
        b->buf = grown;
        b->len += *size;
        b->buf[b->len] = '\0';
        *size = 0;
        return MHD_YES;
    }
    pthread_mutex_lock(&h->lock);
    h->received++;
    bool refuse = h->refuse_all || h->refuse > 0;
    if (h->refuse > 0)
        h->refuse--;
    if (!refuse && h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 32;
        char **grown = realloc(h->bodies, cap * sizeof *grown);
        if (grown) {
            h->bodies = grown;
            h->cap = cap;
        }
    }
    if (!refuse && h->n < h->cap) {
        h->bodies[h->n++] = b->buf ? b->buf : strdup("");
        b->buf = NULL;
    }
    int delay_ms = h->delay_ms;
    pthread_mutex_unlock(&h->lock);
    if (delay_ms > 0) { /* a thread per connection: only this answer waits */
        struct timespec t = {delay_ms / 1000, (delay_ms % 1000) * 1000000L};
        nanosleep(&t, NULL);
    }
    return answer(conn, refuse ? 500 : 200);
}

static void on_done(void *cls, struct MHD_Connection *conn, void **con_cls,
                    enum MHD_RequestTerminationCode code)
{
    (void)cls;
    (void)conn;
    (void)code;
    body_t *b = *con_cls;
    if (b) {
        free(b->buf);
        free(b);
        *con_cls = NULL;
    }
}

hookrecv_t *hookrecv_start(int refuse)
{
    hookrecv_t *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    pthread_mutex_init(&h->lock, NULL);
    h->refuse = refuse;
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    h->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
                                MHD_USE_POLL,
                            0, NULL, NULL, on_request, h, MHD_OPTION_SOCK_ADDR, &sa,
                            MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL, MHD_OPTION_END);
    const union MHD_DaemonInfo *info = h->d ? MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT) : NULL;
    if (!info) {
        fprintf(stderr, "hookrecv: could not listen on 127.0.0.1\n");
        hookrecv_stop(h);
        return NULL;
    }
    snprintf(h->url, sizeof h->url, "http://127.0.0.1:%u/sarvam/hook", (unsigned)info->port);
    return h;
}

const char *hookrecv_url(const hookrecv_t *h)
{
    return h->url;
}

void hookrecv_refuse_all(hookrecv_t *h, bool refuse)
{
    pthread_mutex_lock(&h->lock);
    h->refuse_all = refuse;
    pthread_mutex_unlock(&h->lock);
}

void hookrecv_delay(hookrecv_t *r, int ms)
{
    pthread_mutex_lock(&r->lock);
    r->delay_ms = ms;
    pthread_mutex_unlock(&r->lock);
}

size_t hookrecv_received(hookrecv_t *h)
{
    pthread_mutex_lock(&h->lock);
    size_t n = h->received;
    pthread_mutex_unlock(&h->lock);
    return n;
}

size_t hookrecv_accepted(hookrecv_t *h)
{
    pthread_mutex_lock(&h->lock);
    size_t n = h->n;
    pthread_mutex_unlock(&h->lock);
    return n;
}

size_t hookrecv_wait(hookrecv_t *h, size_t n, int timeout_ms)
{
    struct timespec nap = {0, 20 * 1000000L};
    for (int waited = 0;; waited += 20) {
        size_t have = hookrecv_accepted(h);
        if (have >= n || waited >= timeout_ms)
            return have;
        nanosleep(&nap, NULL);
    }
}

char *hookrecv_body(hookrecv_t *h, size_t i)
{
    pthread_mutex_lock(&h->lock);
    char *copy = i < h->n ? strdup(h->bodies[i]) : NULL;
    pthread_mutex_unlock(&h->lock);
    return copy;
}

void hookrecv_stop(hookrecv_t *h)
{
    if (!h)
        return;
    if (h->d)
        MHD_stop_daemon(h->d);
    for (size_t i = 0; i < h->n; i++)
        free(h->bodies[i]);
    free(h->bodies);
    pthread_mutex_destroy(&h->lock);
    free(h);
}
