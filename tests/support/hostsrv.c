/* A hostile OmniDim backend: see hostsrv.h. */
#include "hostsrv.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define NCAMP 8

struct hostsrv {
    struct MHD_Daemon *daemon;
    pthread_mutex_t mu;
    char url[64];
    char auth[256];                 /* "Bearer KEY" */
    hostsrv_write_t write_mode;
    bool fail_reads;
    char status[NCAMP + 1][32];
    long gets, puts, deletes, posts, conns;
    int list_status;
    char *list_body;
    char list_retry_after[64];
};

typedef struct {
    char body[4096];
    size_t len;
} upload_t;

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned status, const char *body,
                             const char *retry_after)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", "application/json");
    if (retry_after)
        MHD_add_response_header(r, "Retry-After", retry_after);
    enum MHD_Result ok = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return ok;
}

/* "/api/v1/calls/bulk_call/N" -> N in 1..NCAMP, else 0. */
static int campaign_id(const char *url)
{
    static const char prefix[] = "/api/v1/calls/bulk_call/";
    if (strncmp(url, prefix, sizeof prefix - 1) != 0)
        return 0;
    char *end;
    long n = strtol(url + sizeof prefix - 1, &end, 10);
    return *end == '\0' && n >= 1 && n <= NCAMP ? (int)n : 0;
}

static void details_json(hostsrv_t *h, int id, char *out, size_t len)
{
    snprintf(out, len,
             "{\"status\":\"success\",\"details\":{\"id\":%d,\"name\":\"hostile %d\","
             "\"status\":\"%s\",\"total_calls\":3,\"completed_calls\":0,"
             "\"timezone\":\"UTC\",\"call_status_counts\":{\"Pending\":3}},"
             "\"contact_list\":[]}",
             id, id, h->status[id]);
}

static enum MHD_Result on_write(hostsrv_t *h, struct MHD_Connection *conn, int id,
                                const char *method, const upload_t *up)
{
    const char *auth = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
    char body[1024];
    pthread_mutex_lock(&h->mu);
    hostsrv_write_t mode = h->write_mode;
    if (mode == HOSTSRV_WRITE_ECHO_KEY) {
        pthread_mutex_unlock(&h->mu);
        snprintf(body, sizeof body,
                 "{\"error\":\"unauthorized\",\"error_description\":\"invalid key: %s\"}",
                 auth ? auth : "(none)");
        return reply(conn, 401, body, NULL);
    }
    if (strcmp(method, "DELETE") == 0)
        snprintf(h->status[id], sizeof h->status[id], "cancelled");
    else if (strstr(up->body, "\"pause\""))
        snprintf(h->status[id], sizeof h->status[id], "paused");
    else if (strstr(up->body, "\"resume\""))
        snprintf(h->status[id], sizeof h->status[id], "in_progress");
    snprintf(body, sizeof body,
             "{\"status\":\"success\",\"message\":\"done\",\"current_status\":\"%s\"}",
             h->status[id]);
    pthread_mutex_unlock(&h->mu);
    switch (mode) {
    case HOSTSRV_WRITE_DROP:
        return MHD_NO; /* closes the connection without an answer */
    case HOSTSRV_WRITE_TRUNCATED:
        body[strlen(body) / 2] = '\0';
        return reply(conn, 200, body, NULL);
    case HOSTSRV_WRITE_500:
        return reply(conn, 500, "{\"success\":false,\"error\":\"internal error\"}", NULL);
    default:
        return reply(conn, 200, body, NULL);
    }
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version;
    hostsrv_t *h = cls;
    upload_t *up = *con_cls;
    if (!up) {
        if (!(up = calloc(1, sizeof *up)))
            return MHD_NO;
        *con_cls = up;
        return MHD_YES;
    }
    if (*upload_size) {
        size_t n = *upload_size;
        if (n > sizeof up->body - 1 - up->len)
            n = sizeof up->body - 1 - up->len;
        memcpy(up->body + up->len, upload_data, n);
        up->len += n;
        *upload_size = 0;
        return MHD_YES;
    }
    pthread_mutex_lock(&h->mu);
    if (strcmp(method, "GET") == 0)
        h->gets++;
    else if (strcmp(method, "PUT") == 0)
        h->puts++;
    else if (strcmp(method, "DELETE") == 0)
        h->deletes++;
    else if (strcmp(method, "POST") == 0)
        h->posts++;
    pthread_mutex_unlock(&h->mu);

    const char *auth = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
    bool echo = h->write_mode == HOSTSRV_WRITE_ECHO_KEY && strcmp(method, "GET") != 0;
    if (!echo && (!auth || strcmp(auth, h->auth) != 0))
        return reply(conn, 401, "{\"error\":\"unauthorized\",\"error_description\":\"bad key\"}",
                     NULL);
    int id = campaign_id(url);
    if (strcmp(method, "GET") == 0 && strcmp(url, "/api/v1/calls/bulk_call") == 0) {
        pthread_mutex_lock(&h->mu);
        char *body = h->list_body ? strdup(h->list_body) : NULL;
        int st = h->list_status;
        char ra[64];
        snprintf(ra, sizeof ra, "%s", h->list_retry_after);
        pthread_mutex_unlock(&h->mu);
        if (!body)
            return reply(conn, 200, "{\"status\":\"success\",\"total_records\":0,\"records\":[]}",
                         NULL);
        enum MHD_Result ok = reply(conn, (unsigned)st, body, ra[0] ? ra : NULL);
        free(body);
        return ok;
    }
    if (!id)
        return reply(conn, 404, "{\"success\":false,\"error\":\"not found\"}", NULL);
    if (strcmp(method, "GET") == 0) {
        char body[1024];
        pthread_mutex_lock(&h->mu);
        bool fail = h->fail_reads;
        details_json(h, id, body, sizeof body);
        pthread_mutex_unlock(&h->mu);
        if (fail)
            return reply(conn, 503, "{\"success\":false,\"error\":\"unavailable\"}", NULL);
        return reply(conn, 200, body, NULL);
    }
    if (strcmp(method, "PUT") == 0 || strcmp(method, "DELETE") == 0)
        return on_write(h, conn, id, method, up);
    return reply(conn, 405, "{\"success\":false,\"error\":\"method not allowed\"}", NULL);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    (void)cls;
    (void)conn;
    (void)code;
    free(*con_cls);
    *con_cls = NULL;
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_ctx,
                          enum MHD_ConnectionNotificationCode code)
{
    (void)conn;
    (void)socket_ctx;
    hostsrv_t *h = cls;
    if (code != MHD_CONNECTION_NOTIFY_STARTED)
        return;
    pthread_mutex_lock(&h->mu);
    h->conns++;
    pthread_mutex_unlock(&h->mu);
}

hostsrv_t *hostsrv_start(const char *key)
{
    hostsrv_t *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    pthread_mutex_init(&h->mu, NULL);
    snprintf(h->auth, sizeof h->auth, "Bearer %s", key);
    for (int i = 1; i <= NCAMP; i++)
        snprintf(h->status[i], sizeof h->status[i], "in_progress");
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    h->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL, 0, NULL,
        NULL, on_request, h, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, h, MHD_OPTION_NOTIFY_CONNECTION,
        on_connection, h, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_END);
    const union MHD_DaemonInfo *info =
        h->daemon ? MHD_get_daemon_info(h->daemon, MHD_DAEMON_INFO_LISTEN_FD) : NULL;
    struct sockaddr_in bound;
    socklen_t len = sizeof bound;
    if (!info || getsockname(info->listen_fd, (struct sockaddr *)&bound, &len) != 0) {
        fprintf(stderr, "hostsrv: cannot listen on loopback\n");
        hostsrv_stop(h);
        return NULL;
    }
    snprintf(h->url, sizeof h->url, "http://127.0.0.1:%d", ntohs(bound.sin_port));
    return h;
}

void hostsrv_stop(hostsrv_t *h)
{
    if (!h)
        return;
    if (h->daemon)
        MHD_stop_daemon(h->daemon);
    pthread_mutex_destroy(&h->mu);
    free(h->list_body);
    free(h);
}

const char *hostsrv_url(const hostsrv_t *h)
{
    return h->url;
}

void hostsrv_set_write(hostsrv_t *h, hostsrv_write_t mode)
{
    pthread_mutex_lock(&h->mu);
    h->write_mode = mode;
    pthread_mutex_unlock(&h->mu);
}

void hostsrv_set_status(hostsrv_t *h, int id, const char *status)
{
    if (id < 1 || id > NCAMP)
        return;
    pthread_mutex_lock(&h->mu);
    snprintf(h->status[id], sizeof h->status[id], "%s", status);
    pthread_mutex_unlock(&h->mu);
}

const char *hostsrv_status(hostsrv_t *h, int id)
{
    /* Read between requests only (the tests are sequential). */
    return id >= 1 && id <= NCAMP ? h->status[id] : NULL;
}

void hostsrv_fail_reads(hostsrv_t *h, bool fail)
{
    pthread_mutex_lock(&h->mu);
    h->fail_reads = fail;
    pthread_mutex_unlock(&h->mu);
}

void hostsrv_set_list_reply(hostsrv_t *h, int status, const char *retry_after,
                            const char *body)
{
    pthread_mutex_lock(&h->mu);
    free(h->list_body);
    h->list_body = body ? strdup(body) : NULL;
    h->list_status = status;
    snprintf(h->list_retry_after, sizeof h->list_retry_after, "%s",
             retry_after ? retry_after : "");
    pthread_mutex_unlock(&h->mu);
}

long hostsrv_count(hostsrv_t *h, const char *method)
{
    pthread_mutex_lock(&h->mu);
    long n = strcmp(method, "GET") == 0      ? h->gets
             : strcmp(method, "PUT") == 0    ? h->puts
             : strcmp(method, "DELETE") == 0 ? h->deletes
             : strcmp(method, "POST") == 0   ? h->posts
                                             : 0;
    pthread_mutex_unlock(&h->mu);
    return n;
}

long hostsrv_connections(hostsrv_t *h)
{
    pthread_mutex_lock(&h->mu);
    long n = h->conns;
    pthread_mutex_unlock(&h->mu);
    return n;
}
