/* dialtop hooks: runs the webhook receiver until SIGINT/SIGTERM.
 *
 * Everything that can be refused is refused before the port opens: the
 * token (environment or a private file, never argv), the address (loopback
 * unless TLS or an explicit --insecure-listen), the TLS files, the
 * database. The first stdout line is "listening on http://ADDR:PORT" so a
 * script or a test can start it on port 0 and read where it went. */
#include "cmd_hooks.h"

#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_opts.h"
#include "config.h"
#include "exit_codes.h"
#include "hooks_server.h"
#include "hooks_store.h"
#include "http_listen.h"
#include "xdg_path.h"

#define DEFAULT_LISTEN "127.0.0.1:8790"
#define TOKEN_ENV "DIALTOP_HOOKS_TOKEN"
#define TOKEN_MIN 16
#define TOKEN_MAX 256
#define PEM_MAX (64 * 1024)

enum { OPT_HELP = 'h', OPT_LISTEN = 256, OPT_DB, OPT_TOKEN_FILE, OPT_TLS_CERT, OPT_TLS_KEY,
       OPT_SYNC, OPT_INSECURE_LISTEN, OPT_TOKEN };

static const cli_opt_t hooks_options[] = {
    {"help", 'h', CLI_FLAG, OPT_HELP, NULL, NULL},
    {"listen", 0, CLI_VALUE, OPT_LISTEN, "ADDR:PORT",
     "IPv4 address and port (default " DEFAULT_LISTEN "; port 0 picks\n"
     "a free one). Not loopback: needs --tls-cert/--tls-key, or\n"
     "--insecure-listen (the token then travels in clear)"},
    {"db", 0, CLI_VALUE, OPT_DB, "PATH", "the database (default $XDG_STATE_HOME/dialtop/hooks.db)"},
    {"token-file", 0, CLI_VALUE, OPT_TOKEN_FILE, "FILE",
     "read the token from FILE (first line), instead of the env"},
    {"tls-cert", 0, CLI_VALUE, OPT_TLS_CERT, "FILE", "PEM certificate (chain) to serve HTTPS"},
    {"tls-key", 0, CLI_VALUE, OPT_TLS_KEY, "FILE", "PEM private key (chmod 600)"},
    {"sync", 0, CLI_VALUE, OPT_SYNC, "full|normal",
     "full (default): a commit is on disk before the answer,\n"
     "surviving a power cut; normal survives a killed receiver\n"
     "only (concurrent webhooks share each commit either way)"},
    {"insecure-listen", 0, CLI_FLAG, OPT_INSECURE_LISTEN, NULL, NULL},
    /* listed so that it is refused with the reason, never read */
    {"token", 0, CLI_FLAG, OPT_TOKEN, NULL, NULL},
};
#define HOOKS_NOPTIONS (sizeof hooks_options / sizeof *hooks_options)

static void cmd_hooks_usage(FILE *out)
{
    fputs("usage: dialtop hooks [--listen ADDR:PORT] [--db PATH] [--token-file FILE]\n"
          "                     [--tls-cert FILE --tls-key FILE] [--insecure-listen]\n"
          "                     [--sync full|normal]\n"
          "\n"
          "Receives Sarvam's per-attempt webhooks (POST /sarvam/TOKEN), stores each in\n"
          "SQLite before acknowledging it, and serves them back to consoles:\n"
          "GET /sarvam/campaigns/ID/attempts and /summary with Authorization: Bearer TOKEN.\n"
          "\n"
          "The token comes from $" TOKEN_ENV " or --token-file (chmod 600), never\n"
          "the command line: 16-256 characters of A-Z a-z 0-9 - _ . ~\n"
          "\n"
          "options:\n",
          out);
    cli_opts_help(out, hooks_options, HOOKS_NOPTIONS, 22);
    fputs("\n"
          "The first line on stdout is \"listening on http://ADDR:PORT\".\n",
          out);
}

/* A token good enough to put in a URL and guard a receiver: 16 to 256
 * characters from A-Z a-z 0-9 - _ . ~ (nothing a URL must escape). */
static int cmd_hooks_token_ok(const char *t)
{
    size_t n = t ? strlen(t) : 0;
    if (n < TOKEN_MIN || n > TOKEN_MAX)
        return 0;
    for (const char *p = t; *p; p++) {
        unsigned char c = (unsigned char)*p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || c == '.' || c == '~';
        if (!ok)
            return 0;
    }
    return 1;
}

typedef struct {
    const char *listen;
    const char *db;
    const char *token_file;
    const char *tls_cert;
    const char *tls_key;
    bool insecure_listen;
    hooks_sync_t sync;
} hooks_opts_t;

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "dialtop hooks: ");
    fprintf(stderr, msg, arg);
    fprintf(stderr, " (see dialtop hooks --help)\n");
    return DIALTOP_EXIT_USAGE;
}

/* Returns -1 to go on, else an exit status. */
static int parse_args(int argc, char **argv, hooks_opts_t *o)
{
    cli_opts_t p;
    cli_opts_begin(&p, hooks_options, HOOKS_NOPTIONS, argc, argv);
    for (int id; (id = cli_opts_next(&p)) != CLI_OPT_END;) {
        switch (id) {
        case OPT_HELP:
            cmd_hooks_usage(stdout);
            return DIALTOP_EXIT_OK;
        case OPT_INSECURE_LISTEN: o->insecure_listen = true; break;
        case OPT_TOKEN:
            /* A secret on the command line is visible to every `ps`. */
            fprintf(stderr, "dialtop hooks: the token is never taken from the command line: "
                            "set " TOKEN_ENV " or use --token-file FILE (chmod 600)\n");
            return DIALTOP_EXIT_USAGE;
        case OPT_LISTEN: o->listen = p.value; break;
        case OPT_DB: o->db = p.value; break;
        case OPT_TOKEN_FILE: o->token_file = p.value; break;
        case OPT_TLS_CERT: o->tls_cert = p.value; break;
        case OPT_TLS_KEY: o->tls_key = p.value; break;
        case OPT_SYNC:
            if (strcmp(p.value, "normal") == 0)
                o->sync = HOOKS_SYNC_NORMAL;
            else if (strcmp(p.value, "full") == 0)
                o->sync = HOOKS_SYNC_FULL;
            else
                return usage_error("--sync takes normal or full, not \"%s\"", p.value);
            break;
        case CLI_OPT_NO_VALUE: return usage_error("%s needs a value", p.text);
        default: return usage_error("unknown option \"%s\"", p.text);
        }
    }
    if (!o->tls_cert != !o->tls_key)
        return usage_error("%s", "--tls-cert and --tls-key go together");
    return -1;
}

/* Reads a small private-or-public file whole; NULL with a message. */
static char *read_file(const char *path, bool must_be_private, const char *what)
{
    char err[512];
    if (must_be_private && !config_check_private(path, err, sizeof err)) {
        fprintf(stderr, "dialtop hooks: %s: %s\n", what, err);
        return NULL;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "dialtop hooks: %s %s: %s\n", what, path, strerror(errno));
        return NULL;
    }
    char *buf = malloc(PEM_MAX + 1);
    size_t n = buf ? fread(buf, 1, PEM_MAX + 1, f) : 0;
    bool bad = ferror(f) != 0;
    fclose(f);
    if (!buf || bad || n > PEM_MAX) {
        fprintf(stderr, "dialtop hooks: %s %s: %s\n", what, path,
                !buf ? "out of memory" : bad ? "read error" : "larger than 64 KiB");
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    return buf;
}

static void wipe_free(char *s)
{
    if (!s)
        return;
    volatile char *p = s;
    while (*p)
        *p++ = 0;
    free(s);
}

/* The token from --token-file (first line) or the environment. */
static char *load_token(const hooks_opts_t *o)
{
    char *tok;
    if (o->token_file) {
        tok = read_file(o->token_file, true, "token file");
        if (!tok)
            return NULL;
        tok[strcspn(tok, "\r\n")] = '\0';
    } else {
        const char *env = getenv(TOKEN_ENV);
        if (!env || !*env) {
            fprintf(stderr, "dialtop hooks: no token: set " TOKEN_ENV
                            " or use --token-file FILE (chmod 600)\n");
            return NULL;
        }
        tok = strdup(env);
        if (!tok)
            return NULL;
    }
    if (!cmd_hooks_token_ok(tok)) {
        fprintf(stderr, "dialtop hooks: the token must be 16-256 characters of "
                        "A-Z a-z 0-9 - _ . ~ (it goes in the webhook URL)\n");
        wipe_free(tok);
        return NULL;
    }
    return tok;
}

/* $XDG_STATE_HOME/dialtop/hooks.db, its directory made (private). */
static bool default_db(char *out, size_t len)
{
    return xdg_path(XDG_STATE, "hooks.db", out, len) && xdg_make_parents(out, NULL, 0);
}

int cmd_hooks(int argc, char **argv)
{
    hooks_opts_t o = {.listen = DEFAULT_LISTEN, .sync = HOOKS_SYNC_FULL};
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    char addr[64];
    int port;
    if (!http_listen_parse(o.listen, addr, sizeof addr, &port))
        return usage_error("--listen takes IPv4ADDR:PORT, not \"%s\"", o.listen);
    bool loopback = strncmp(addr, "127.", 4) == 0;
    bool tls = o.tls_cert != NULL;
    if (!loopback && !tls && !o.insecure_listen) {
        fprintf(stderr,
                "dialtop hooks: %s is not a loopback address: Sarvam's webhooks and the "
                "token would cross the network in clear. Give --tls-cert and --tls-key, "
                "or put a TLS proxy in front and listen on 127.0.0.1 (--insecure-listen "
                "accepts the risk)\n",
                addr);
        return DIALTOP_EXIT_USAGE;
    }
    char dbpath[PATH_MAX];
    if (o.db)
        snprintf(dbpath, sizeof dbpath, "%s", o.db);
    else if (!default_db(dbpath, sizeof dbpath)) {
        fprintf(stderr, "dialtop hooks: no --db and no XDG_STATE_HOME or HOME for the "
                        "default database\n");
        return DIALTOP_EXIT_USAGE;
    }
    char *token = load_token(&o);
    if (!token)
        return DIALTOP_EXIT_USAGE;
    char *cert = NULL, *key = NULL;
    if (tls && (!(cert = read_file(o.tls_cert, false, "certificate")) ||
                !(key = read_file(o.tls_key, true, "TLS key")))) {
        wipe_free(token);
        free(cert);
        return DIALTOP_EXIT_USAGE;
    }
    if (!loopback && !tls)
        fprintf(stderr, "dialtop hooks: WARNING: listening on %s without TLS "
                        "(--insecure-listen): the token and every webhook travel in clear\n",
                addr);

    char err[512];
    /* The database holds phone numbers and transcripts: private, like the
     * config. New files (and SQLite's -wal, -shm) are made 600; an
     * existing one others can read is refused with the fix. */
    umask(077);
    struct stat dbst;
    if (stat(dbpath, &dbst) == 0 && !config_check_private(dbpath, err, sizeof err)) {
        fprintf(stderr, "dialtop hooks: the database holds phone numbers: %s\n", err);
        wipe_free(token);
        free(cert);
        wipe_free(key);
        return DIALTOP_EXIT_USAGE;
    }
    hooks_store_t *store = hooks_store_open(dbpath, o.sync, err, sizeof err);
    if (!store) {
        fprintf(stderr, "dialtop hooks: %s\n", err);
        wipe_free(token);
        free(cert);
        wipe_free(key);
        return DIALTOP_EXIT_FAILED;
    }
    /* Signals are taken by sigwait below; the server's threads inherit
     * the mask and never see them. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    hooks_server_options_t so = {.addr = addr, .port = port, .token = token,
                                 .tls_cert = cert, .tls_key = key, .store = store};
    hooks_server_t *srv = hooks_server_start(&so, err, sizeof err);
    wipe_free(token);
    free(cert);
    wipe_free(key);
    if (!srv) {
        fprintf(stderr, "dialtop hooks: %s\n", err);
        hooks_store_close(store);
        return DIALTOP_EXIT_FAILED;
    }
    printf("listening on %s://%s:%d\n", tls ? "https" : "http", addr, hooks_server_port(srv));
    fflush(stdout);
    fprintf(stderr, "dialtop hooks: database %s\n", dbpath);

    int sig = 0;
    while (sigwait(&set, &sig) != 0)
        ;
    hooks_server_stats_t st;
    hooks_server_stats(srv, &st);
    hooks_server_stop(srv);
    hooks_store_close(store);
    fprintf(stderr,
            "dialtop hooks: stopped (%s): %lu stored, %lu duplicates, %lu refused, "
            "%lu not stored\n",
            sig == SIGINT ? "SIGINT" : sig == SIGHUP ? "SIGHUP" : "SIGTERM", st.stored,
            st.duplicates, st.refused, st.failed);
    return DIALTOP_EXIT_OK;
}
