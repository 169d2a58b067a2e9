/* One blocking HTTP request for integration tests; see simhttp.h. */
#include "simhttp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static size_t on_body(char *data, size_t size, size_t n, void *cls)
{
    simhttp_t *r = cls;
    size_t len = size * n;
    char *b = realloc(r->body, r->len + len + 1);
    if (!b)
        return 0;
    memcpy(b + r->len, data, len);
    r->body = b;
    r->len += len;
    r->body[r->len] = '\0';
    return len;
}

static void copy_header(const char *line, size_t len, const char *name, char *out, size_t outlen)
{
    size_t n = strlen(name);
    if (len <= n + 1 || strncasecmp(line, name, n) != 0 || line[n] != ':')
        return;
    const char *v = line + n + 1;
    size_t vl = len - n - 1;
    while (vl && (*v == ' '))
        v++, vl--;
    while (vl && (v[vl - 1] == '\r' || v[vl - 1] == '\n'))
        vl--;
    snprintf(out, outlen, "%.*s", (int)vl, v);
}

static size_t on_header(char *data, size_t size, size_t n, void *cls)
{
    simhttp_t *r = cls;
    copy_header(data, size * n, "Retry-After", r->retry_after, sizeof r->retry_after);
    copy_header(data, size * n, "Allow", r->allow, sizeof r->allow);
    return size * n;
}

void simhttp_request(simhttp_t *out, const char *method, const char *url,
                     const char *const *headers, const char *body, size_t body_len)
{
    memset(out, 0, sizeof *out);
    CURL *c = curl_easy_init();
    if (!c) {
        out->err = CURLE_FAILED_INIT;
        return;
    }
    struct curl_slist *hl = NULL;
    for (; headers && *headers; headers++)
        hl = curl_slist_append(hl, *headers);
    if (body)
        hl = curl_slist_append(hl, "Content-Type: application/json");
    hl = curl_slist_append(hl, "Expect:");
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, out);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(body_len ? body_len : strlen(body)));
    }
    out->err = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
    curl_easy_getinfo(c, CURLINFO_TOTAL_TIME, &out->seconds);
    if (out->body)
        out->json = cJSON_ParseWithLength(out->body, out->len);
    curl_slist_free_all(hl);
    curl_easy_cleanup(c);
}

void simhttp_free(simhttp_t *r)
{
    free(r->body);
    cJSON_Delete(r->json);
    memset(r, 0, sizeof *r);
}
