/* Shared by the headless read commands (see cli_common.h). */
#include "cli_common.h"

#include <errno.h>
#include <signal.h>
#include <wchar.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli_opts.h"
#include "exit_codes.h"
#include "list_all.h"
#include "sanitize.h"
#include "xdg_path.h"

static http_transport_t *process_transport;

static void transport_at_exit(void)
{
    http_transport_free(process_transport);
    process_transport = NULL;
}

client_t *cli_client_new(const config_profile_t *p, char *err, size_t err_len)
{
    if (!process_transport && (process_transport = http_transport_new()))
        atexit(transport_at_exit);
    /* without one (out of memory), the client makes its own */
    return client_new_on(process_transport, p, NULL, err, err_len);
}

int cli_profiles_open(cli_profiles_t *p, const char *config_path, const char *profile, bool all)
{
    memset(p, 0, sizeof *p);
    char err[512];
    if (!config_load(&p->cfg, config_path, err, sizeof err)) {
        fprintf(stderr, "dialtop: %s\n", err);
        return DIALTOP_EXIT_USAGE;
    }
    size_t want = all ? p->cfg.nprofiles : 1;
    p->profiles = calloc(want ? want : 1, sizeof *p->profiles);
    p->clients = calloc(want ? want : 1, sizeof *p->clients);
    if (!p->profiles || !p->clients) {
        fprintf(stderr, "dialtop: out of memory\n");
        cli_profiles_close(p);
        return DIALTOP_EXIT_FAILED;
    }
    if (all) {
        for (size_t i = 0; i < want; i++)
            p->profiles[i] = &p->cfg.profiles[i];
    } else if (!(p->profiles[0] = config_find_profile(&p->cfg, profile))) {
        fprintf(stderr, "dialtop: no profile named '%s'", profile ? profile : "");
        for (size_t i = 0; i < p->cfg.nprofiles; i++)
            fprintf(stderr, "%s%s", i ? ", " : " (profiles: ", p->cfg.profiles[i].name);
        fprintf(stderr, "%s\n", p->cfg.nprofiles ? ")" : "");
        cli_profiles_close(p);
        return DIALTOP_EXIT_USAGE;
    }
    for (size_t i = 0; i < want; i++) {
        p->clients[i] = cli_client_new(p->profiles[i], err, sizeof err);
        p->n = i + 1;
        if (!p->clients[i]) {
            fprintf(stderr, "dialtop: %s\n", err);
            cli_profiles_close(p);
            return DIALTOP_EXIT_USAGE;
        }
    }
    return 0;
}

void cli_profiles_close(cli_profiles_t *p)
{
    for (size_t i = 0; p->clients && i < p->n; i++)
        client_free(p->clients[i]);
    free(p->clients);
    free(p->profiles);
    config_free(&p->cfg);
    memset(p, 0, sizeof *p);
}

void cli_json_line(FILE *out, cJSON *o)
{
    char *text = o ? cJSON_PrintUnformatted(o) : NULL;
    if (text)
        fprintf(out, "%s\n", text);
    cJSON_free(text);
    cJSON_Delete(o);
}

/* A list row may carry only some counts (counts_known false): a count it
 * did give is non-zero, a zero may be "not given". */
long cli_count(const model_campaign_t *c, contact_state_t s)
{
    long v = c->counts[s];
    return c->counts_known || v > 0 ? v : -1;
}

long cli_pending(const model_campaign_t *c)
{
    long v = c->counts[CONTACT_PENDING] + c->counts[CONTACT_QUEUED] +
             c->counts[CONTACT_RETRY_SCHEDULED];
    return c->counts_known || v > 0 ? v : -1;
}

void cli_next_run(const model_campaign_t *c, time_t now, char *out, size_t len)
{
    struct tm tm;
    time_t t = c->scheduled_epoch;
    if (t > now && !model_campaign_state_is_terminal(c->state) && gmtime_r(&t, &tm))
        strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
    else if (len)
        out[0] = '\0';
}

static void add_count(cJSON *o, const char *key, long v)
{
    if (v < 0)
        cJSON_AddNullToObject(o, key);
    else
        cJSON_AddNumberToObject(o, key, (double)v);
}

static void add_str(cJSON *o, const char *key, const char *v)
{
    if (v && *v)
        cJSON_AddStringToObject(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

cJSON *cli_campaign_json(const model_campaign_t *c, const char *profile, time_t now)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    char next[32];
    cli_next_run(c, now, next, sizeof next);
    add_str(o, "id", c->id);
    add_str(o, "name", c->name);
    add_str(o, "profile", profile);
    cJSON_AddStringToObject(o, "provider", model_provider_name(c->provider));
    cJSON_AddStringToObject(o, "state", model_campaign_state_name(c->state));
    add_str(o, "raw_state", c->raw_state);
    add_count(o, "total", c->total_contacts);
    add_count(o, "done", c->completed_contacts);
    add_count(o, "in_progress", cli_count(c, CONTACT_IN_PROGRESS));
    add_count(o, "failed", cli_count(c, CONTACT_FAILED));
    add_count(o, "pending", cli_pending(c));
    add_str(o, "next_run", next);
    return o;
}

/* --- the ID cache ------------------------------------------------------------ */

static bool cache_path(char *out, size_t len)
{
    return xdg_path(XDG_STATE, "campaigns", out, len) && xdg_make_parents(out, NULL, 0);
}

/* Tabs and line breaks would break the cache's lines: spaces instead. */
static void put_field(FILE *f, const char *s)
{
    for (; s && *s; s++)
        fputc((unsigned char)*s < ' ' ? ' ' : *s, f);
}

void cli_cache_ids(const char *profile, const model_campaign_t *c, size_t n)
{
    char path[4096], tmp[4160];
    if (!profile || !cache_path(path, sizeof path))
        return;
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    FILE *out = fdopen(fd, "w");
    if (!out) {
        close(fd);
        unlink(tmp);
        return;
    }
    FILE *old = fopen(path, "r");
    char line[1024];
    size_t plen = strlen(profile);
    while (old && fgets(line, sizeof line, old))
        if (!(strncmp(line, profile, plen) == 0 && line[plen] == '\t'))
            fputs(line, out);
    if (old)
        fclose(old);
    for (size_t i = 0; i < n; i++) {
        put_field(out, profile);
        fputc('\t', out);
        put_field(out, c[i].id);
        fputc('\t', out);
        put_field(out, c[i].name);
        fputc('\n', out);
    }
    if (fclose(out) != 0 || rename(tmp, path) != 0)
        unlink(tmp);
}

/* --- names as selectors ---------------------------------------------------------- */

int cli_resolve_name(client_t *client, const char *pattern, char ***ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    model_campaign_t *all = NULL;
    size_t nall = 0;
    api_error_t err;
    api_error_clear(&err);
    if (!list_all_campaigns_wait(client, NULL, &all, &nall, &err)) {
        fprintf(stderr, "dialtop: --name: cannot list the campaigns: %s\n", err.message);
        return DIALTOP_EXIT_FAILED;
    }
    bool glob = strpbrk(pattern, "*?[") != NULL;
    int code = 0;
    char **out = calloc(nall ? nall : 1, sizeof *out);
    size_t k = 0;
    for (size_t i = 0; out && i < nall; i++)
        if (all[i].name && all[i].id && fnmatch(pattern, all[i].name, 0) == 0)
            out[k++] = strdup(all[i].id);
    if (!out) {
        fprintf(stderr, "dialtop: out of memory\n");
        code = DIALTOP_EXIT_FAILED;
    } else if (k == 0) {
        fprintf(stderr, "dialtop: --name \"%s\": no campaign on profile '%s' matches; "
                        "nothing sent\n",
                pattern, client_profile(client)->name);
        code = DIALTOP_EXIT_REFUSED;
    } else if (!glob && k > 1) {
        fprintf(stderr, "dialtop: --name \"%s\" is ambiguous: %zu campaigns have that name (",
                pattern, k);
        for (size_t i = 0; i < k; i++) {
            char *id = sanitize_text(out[i]); /* the provider's text, not ours */
            fprintf(stderr, "%s%s", i ? ", " : "", id ? id : "?");
            free(id);
        }
        fprintf(stderr, "); name them by ID. Nothing sent\n");
        code = DIALTOP_EXIT_REFUSED;
    }
    for (size_t i = 0; i < nall; i++)
        model_campaign_free(&all[i]);
    free(all);
    if (code) {
        for (size_t i = 0; out && i < k; i++)
            free(out[i]);
        free(out);
        return code;
    }
    *ids = out;
    *n = k;
    return 0;
}

int cli_resolve_one(client_t *client, const char *pattern, char **id)
{
    char **ids;
    size_t n;
    *id = NULL;
    int code = cli_resolve_name(client, pattern, &ids, &n);
    if (code)
        return code;
    if (n == 1) {
        *id = ids[0];
    } else {
        fprintf(stderr, "dialtop: --name \"%s\" matches %zu campaigns; name one\n", pattern, n);
        code = DIALTOP_EXIT_REFUSED;
        for (size_t i = 0; i < n; i++)
            free(ids[i]);
    }
    free(ids);
    return code;
}

/* --- text tables ------------------------------------------------------------------- */

int cli_width(const char *s)
{
    mbstate_t st;
    memset(&st, 0, sizeof st);
    int w = 0;
    size_t len = s ? strlen(s) : 0;
    while (len > 0) {
        wchar_t wc;
        size_t k = mbrtowc(&wc, s, len, &st);
        if (k == (size_t)-1 || k == (size_t)-2) {
            memset(&st, 0, sizeof st);
            k = 1;
            wc = L'?';
        } else if (k == 0) {
            break;
        }
        int cw = wcwidth(wc);
        w += cw > 0 ? cw : 0;
        s += k;
        len -= k;
    }
    return w;
}

void cli_cell(FILE *out, const char *s, int width, bool right)
{
    char *clean = sanitize_text(s ? s : "");
    int pad = width - cli_width(clean);
    if (right)
        for (int i = 0; i < pad; i++)
            fputc(' ', out);
    fputs(clean ? clean : "", out);
    if (!right)
        for (int i = 0; i < pad; i++)
            fputc(' ', out);
    free(clean);
}

/* --- watch ----------------------------------------------------------------------------- */

static volatile sig_atomic_t watch_stop;

static void on_watch_signal(int sig)
{
    (void)sig;
    watch_stop = 1;
}

bool cli_watch_interrupted(void)
{
    return watch_stop != 0;
}

bool cli_campaign_word(const char *cmd, const char **id, const char *word)
{
    if (*id || !*word) {
        fprintf(stderr, "dialtop: %s: name one campaign ID\n", cmd);
        return false;
    }
    *id = word;
    return true;
}

bool cli_campaign_named(const char *cmd, const char *id, const char *name)
{
    if (!id == !name) {
        fprintf(stderr, "dialtop: %s: name one campaign: its ID (dialtop ls lists them) or "
                        "--name NAME\n", cmd);
        return false;
    }
    return true;
}

int cli_refuse_option(const char *cmd, int id, const char *text)
{
    if (id == CLI_OPT_NO_VALUE)
        fprintf(stderr, "dialtop: %s: %s needs a value\n", cmd, text);
    else
        fprintf(stderr, "dialtop: %s: unknown option '%s' (dialtop %s --help)\n", cmd, text, cmd);
    return DIALTOP_EXIT_USAGE;
}

bool cli_watch_value(const char *v, double *seconds)
{
    *seconds = 2;
    if (!v)
        return true;
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    if (errno || end == v || *end || !(d >= 0.5 && d <= 86400)) {
        fprintf(stderr, "dialtop: --watch takes seconds from 0.5 to 86400, not \"%s\"\n", v);
        return false;
    }
    *seconds = d;
    return true;
}

int cli_watch(double seconds, bool json, int (*once)(void *ud), void *ud)
{
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_watch_signal;
    sigemptyset(&sa.sa_mask);
    watch_stop = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    bool tty = isatty(STDOUT_FILENO);
    int code = 0;
    for (bool first = true; !watch_stop; first = false) {
        if (tty)
            fputs("\033[H\033[2J", stdout);
        else if (!first && !json)
            fputc('\n', stdout);
        code = once(ud);
        fflush(stdout);
        struct timespec ts = {(time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9)};
        /* a signal ends the sleep early (no SA_RESTART) */
        while (!watch_stop && nanosleep(&ts, &ts) != 0 && errno == EINTR)
            ;
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    return watch_stop ? 0 : code;
}
