/* The config module's URL rules: which base URL may carry a key, decided
 * on the host libcurl's own URL parser yields (see config.h). */
#include "config.h"
#include "curl_lazy.h"
#include "reason.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The host libcurl would connect to, lower-cased, IPv6 without brackets;
 * NULL when the URL does not parse. Caller frees. Sets the flags it saw. */
static char *url_host(const char *url, bool *https, bool *extras)
{
    CURLU *u = curl_url();
    if (!u)
        return NULL;
    char *host = NULL, *scheme = NULL, *user = NULL, *pass = NULL, *query = NULL,
         *frag = NULL, *out = NULL;
    if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
        curl_url_get(u, CURLUPART_USER, &user, 0);
        curl_url_get(u, CURLUPART_PASSWORD, &pass, 0);
        curl_url_get(u, CURLUPART_QUERY, &query, 0);
        curl_url_get(u, CURLUPART_FRAGMENT, &frag, 0);
        bool http = strcasecmp(scheme, "http") == 0, tls = strcasecmp(scheme, "https") == 0;
        if (http || tls) {
            if (https)
                *https = tls;
            if (extras)
                *extras = user || pass || query || frag;
            size_t n = strlen(host);
            const char *h = host;
            if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
                h = host + 1;
                n -= 2;
            }
            if ((out = malloc(n + 1))) {
                for (size_t i = 0; i < n; i++)
                    out[i] = (char)tolower((unsigned char)h[i]);
                out[n] = '\0';
            }
        }
    }
    curl_free(host);
    curl_free(scheme);
    curl_free(user);
    curl_free(pass);
    curl_free(query);
    curl_free(frag);
    curl_url_cleanup(u);
    return out;
}

static bool host_is_loopback(const char *host)
{
    if (strcmp(host, "localhost") == 0 || strcmp(host, "::1") == 0)
        return true;
    /* 127.0.0.0/8 as the dotted quad curl normalised it to; "127.1" and
     * other short forms are normalised by curl before we see them. */
    struct in_addr a4;
    if (inet_pton(AF_INET, host, &a4) == 1)
        return (ntohl(a4.s_addr) >> 24) == 127;
    struct in6_addr a6;
    if (inet_pton(AF_INET6, host, &a6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&a6) ||
               (IN6_IS_ADDR_V4MAPPED(&a6) && a6.s6_addr[12] == 127);
    return false;
}

bool config_insecure_notice(const config_profile_t *p, char *out, size_t out_len)
{
    if (!p || !p->insecure)
        return false;
    if (out && out_len)
        snprintf(out, out_len,
                 "warning: profile '%s' has insecure = true: TLS certificates are not verified, "
                 "so anyone on the path can read the key and the data",
                 p->name ? p->name : "?");
    return true;
}

bool config_url_is_loopback(const char *url)
{
    char *host = url ? url_host(url, NULL, NULL) : NULL;
    bool ok = host && host_is_loopback(host);
    free(host);
    return ok;
}

bool config_url_check(const char *url, bool insecure, char *why, size_t why_len)
{
    bool https = false, extras = false;
    /* the URL is judged by libcurl's parser or not at all */
    const char *no_curl = curl_lazy_unavailable();
    if (no_curl) {
        reason_fail(why, why_len, "%s", no_curl);
        return false;
    }
    char *host = url ? url_host(url, &https, &extras) : NULL;
    bool ok = false;
    if (!host)
        reason_fail(why, why_len, "the base URL is not a valid http:// or https:// URL");
    else if (extras && !https && !insecure)
        /* how a host is hidden from a reader: "http://10.0.0.1#@127.0.0.1" */
        reason_fail(why, why_len,
                    "a plain http:// base URL must not contain user info, a query (?) or a "
                    "fragment (#)");
    else if (!https && !insecure && !host_is_loopback(host))
        reason_fail(why, why_len,
                    "plain http:// to a remote host would send the key unencrypted; use https:// "
                    "(or set insecure = true)");
    else
        ok = true;
    free(host);
    return ok;
}

char *config_url_dup(const char *v)
{
    char *s = strdup(v);
    if (!s)
        return NULL;
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '/')
        s[--n] = '\0';
    return s;
}
