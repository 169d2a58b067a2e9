/* The first-run screen; see welcome.h. */
#include "welcome.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "config.h"

/* A loopback server either accepts at once or refuses at once; the bound
 * only matters for a DIALTOP_SIM_URL pointing somewhere slow. */
#define PROBE_TIMEOUT_MS 1500

/* Host and port of an http(s) URL; false when it is not one. */
static bool url_host_port(const char *url, char *host, size_t host_len, char *port,
                          size_t port_len)
{
    const char *h;
    const char *def_port;
    if (strncmp(url, "http://", 7) == 0) {
        h = url + 7;
        def_port = "80";
    } else if (strncmp(url, "https://", 8) == 0) {
        h = url + 8;
        def_port = "443";
    } else {
        return false;
    }
    size_t n = 0;
    if (*h == '[') {
        for (h++; *h && *h != ']'; h++)
            if (n + 1 < host_len)
                host[n++] = *h;
        if (*h == ']')
            h++;
    } else {
        for (; *h && *h != ':' && *h != '/'; h++)
            if (n + 1 < host_len)
                host[n++] = *h;
    }
    host[n] = '\0';
    if (*h == ':') {
        size_t m = 0;
        for (h++; *h >= '0' && *h <= '9'; h++)
            if (m + 1 < port_len)
                port[m++] = *h;
        port[m] = '\0';
    } else {
        snprintf(port, port_len, "%s", def_port);
    }
    return n > 0 && port[0];
}

static bool connect_one(const struct addrinfo *ai)
{
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0)
        return false;
    int fl = fcntl(fd, F_GETFL);
    bool ok = false;
    if (fl >= 0 && fcntl(fd, F_SETFL, fl | O_NONBLOCK) == 0) {
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            ok = true;
        } else if (errno == EINPROGRESS) {
            struct pollfd p = {.fd = fd, .events = POLLOUT};
            int so_err = 0;
            socklen_t len = sizeof so_err;
            ok = poll(&p, 1, PROBE_TIMEOUT_MS) == 1 &&
                 getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_err, &len) == 0 && so_err == 0;
        }
    }
    close(fd);
    return ok;
}

static bool url_reachable(const char *url)
{
    char host[256], port[8];
    if (!url_host_port(url, host, sizeof host, port, sizeof port))
        return false;
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &res) != 0)
        return false;
    bool ok = false;
    for (const struct addrinfo *ai = res; ai && !ok; ai = ai->ai_next)
        ok = connect_one(ai);
    freeaddrinfo(res);
    return ok;
}

bool welcome_needed(const char *config_path, const char *profile)
{
    if (config_path || (profile && strcmp(profile, "sim") != 0))
        return false;
    config_t cfg;
    char err[256];
    if (!config_load(&cfg, NULL, err, sizeof err))
        return false; /* a broken config file: the console reports it */
    bool builtin = cfg.path == NULL && cfg.nprofiles == 1 && cfg.profiles[0].builtin;
    /* Never probe a URL the guard would refuse: the console reports it. */
    bool needed = builtin && config_url_check(cfg.profiles[0].base_url, false, NULL, 0) &&
                  !url_reachable(cfg.profiles[0].base_url);
    config_free(&cfg);
    return needed;
}

void welcome_print(FILE *out)
{
    char *path = config_default_path();
    const char *url = getenv("DIALTOP_SIM_URL");
    /* At most 22 lines: the whole advice stays on a 24-line terminal. */
    fprintf(out,
            "dialtop: no config file yet, and no dialtop-sim answers at %s.\n"
            "\n"
            "Try it now, with simulated campaigns of all three providers:\n"
            "    dialtop --demo\n"
            "\n"
            "Or watch your own: create %s (chmod 600),\n"
            "one section per account, each key in an environment variable:\n"
            "    [profile omni]\n"
            "    provider    = omnidim\n"
            "    api_key_env = OMNIDIM_API_KEY\n"
            "\n"
            "    [profile truedy]\n"
            "    provider    = truedy\n"
            "    api_key_env = TRUEDY_API_KEY\n"
            "\n"
            "    [profile sarvam]\n"
            "    provider     = sarvam\n"
            "    api_key_env  = SARVAM_API_KEY\n"
            "    org_id       = YOUR_ORG_ID\n"
            "    workspace_id = YOUR_WORKSPACE_ID\n"
            "\n"
            "then export the keys and run dialtop again. Every setting: man dialtop\n",
            url && *url ? url : CONFIG_DEFAULT_SIM_URL,
            path ? path : "~/.config/dialtop/config");
    free(path);
}
