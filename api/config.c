/* Configuration file: profiles, [keys], the built-in sim default, and the
 * permission rules for files that hold or point at secrets. */
#include "config.h"
#include "reason.h"
#include "provider.h"
#include "redact.h"
#include "xdg_path.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define CONFIG_MAX_BYTES (1L << 20)

/* Path prefixes the drivers add themselves; a base URL copied from the
 * provider docs with one of these on the end still works. */
static const char *const driver_prefixes[] = {"/api/v1", "/api/public/v1", "/api/scheduling/v1"};

char *config_default_path(void)
{
    return xdg_path_dup(XDG_CONFIG, "config");
}

void config_profile_free(config_profile_t *p)
{
    free(p->name);
    free(p->base_url);
    free(p->api_key_env);
    free(p->api_key_file);
    free(p->org_id);
    free(p->workspace_id);
    free(p->region);
    free(p->notify_command);
    config_key_free(p->api_key);
    config_hooks_free(p);
    memset(p, 0, sizeof *p);
}

void config_free(config_t *cfg)
{
    if (!cfg)
        return;
    for (size_t i = 0; i < cfg->nprofiles; i++)
        config_profile_free(&cfg->profiles[i]);
    free(cfg->profiles);
    for (size_t i = 0; i < cfg->nkeys; i++) {
        free(cfg->keys[i].name);
        free(cfg->keys[i].value);
    }
    free(cfg->keys);
    free(cfg->path);
    memset(cfg, 0, sizeof *cfg);
}

/* Cuts a trailing comment: '#' or ';' after white space, outside quotes,
 * as in `region = IN   # phones default to India`. A value that is only
 * "#" (a key remap) has no white space before it and is kept. */
static void strip_inline_comment(char *s)
{
    /* The value itself may begin with '#' (pause = #): scan after it. */
    char *eq = strchr(s, '=');
    char *start = eq ? eq + 1 : s;
    while (*start == ' ' || *start == '\t')
        start++;
    char quote = 0;
    for (char *p = start; *p; p++) {
        if (quote) {
            if (*p == quote)
                quote = 0;
        } else if (*p == '"' || *p == '\'') {
            quote = *p;
        } else if ((*p == '#' || *p == ';') && p > start && (p[-1] == ' ' || p[-1] == '\t')) {
            *p = '\0';
            return;
        }
    }
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

static char *normalise_base_url(const char *v)
{
    char *s = config_url_dup(v);
    if (!s)
        return NULL;
    size_t n = strlen(s);
    for (size_t i = 0; i < sizeof driver_prefixes / sizeof driver_prefixes[0]; i++) {
        size_t pl = strlen(driver_prefixes[i]);
        if (n > pl && strcmp(s + n - pl, driver_prefixes[i]) == 0) {
            s[n - pl] = '\0';
            break;
        }
    }
    return s;
}

static bool parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(v, yes[i]) == 0)
            return *out = true, true;
        if (strcasecmp(v, no[i]) == 0)
            return *out = false, true;
    }
    return false;
}

static void profile_defaults(config_profile_t *p)
{
    memset(p, 0, sizeof *p);
    p->provider = PROVIDER_COUNT; /* "not set yet" */
    p->poll_interval_s = CONFIG_POLL_DEFAULT_S;
    p->request_timeout_s = CONFIG_REQUEST_TIMEOUT_DEFAULT_S;
    p->fail_warn_pct = CONFIG_FAIL_WARN_PCT;
    p->fail_alert_pct = CONFIG_FAIL_ALERT_PCT;
    p->stall_polls = CONFIG_STALL_POLLS;
    p->bell = true;
}

/* A percentage from 0 to 100 (fractions allowed). */
static bool parse_pct(const char *v, double *out)
{
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    if (errno || end == v || *end || !(d >= 0 && d <= 100))
        return false;
    *out = d;
    return true;
}

/* A whole number from lo to hi, the whole value (no unit, no spaces). */
static bool parse_whole(const char *v, long lo, long hi, int *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < lo || n > hi)
        return false;
    *out = (int)n;
    return true;
}

static bool add_profile(config_t *cfg, const char *name)
{
    config_profile_t *ps = realloc(cfg->profiles, (cfg->nprofiles + 1) * sizeof *ps);
    if (!ps)
        return false;
    cfg->profiles = ps;
    config_profile_t *p = &ps[cfg->nprofiles];
    profile_defaults(p);
    p->name = strdup(name);
    if (!p->name)
        return false;
    cfg->nprofiles++;
    return true;
}

static bool add_key(config_t *cfg, const char *name, const char *value)
{
    config_pair_t *ks = realloc(cfg->keys, (cfg->nkeys + 1) * sizeof *ks);
    if (!ks)
        return false;
    cfg->keys = ks;
    ks[cfg->nkeys].name = strdup(name);
    ks[cfg->nkeys].value = strdup(value);
    if (!ks[cfg->nkeys].name || !ks[cfg->nkeys].value) {
        free(ks[cfg->nkeys].name);
        free(ks[cfg->nkeys].value);
        return false;
    }
    cfg->nkeys++;
    return true;
}

static bool set_string(char **slot, char *value)
{
    if (!value)
        return false;
    free(*slot);
    *slot = value;
    return true;
}

/* One `name = value` inside a profile; NULL on success, else the reason. */
static const char *profile_set(config_profile_t *p, const char *name, const char *v)
{
    if (strcmp(name, "provider") == 0) {
        if (!model_provider_from_name(v, &p->provider)) {
            static char unknown[300];
            snprintf(unknown, sizeof unknown, "unknown provider (use %s)", provider_names_text());
            return unknown;
        }
    } else if (strcmp(name, "base_url") == 0) {
        if (strncmp(v, "http://", 7) != 0 && strncmp(v, "https://", 8) != 0)
            return "base_url must start with http:// or https://";
        if (!set_string(&p->base_url, normalise_base_url(v)))
            return "out of memory";
    } else if (strcmp(name, "api_key_env") == 0) {
        if (!v[0])
            return "api_key_env needs the name of an environment variable";
        if (!set_string(&p->api_key_env, strdup(v)))
            return "out of memory";
    } else if (strcmp(name, "api_key_file") == 0) {
        if (!v[0])
            return "api_key_file needs a path";
        if (!set_string(&p->api_key_file, xdg_expand_home(v)))
            return "out of memory";
    } else if (strcmp(name, "api_key") == 0) {
        return "keys do not go in the config file: use api_key_env or api_key_file";
    } else if (strcmp(name, "org_id") == 0) {
        if (!set_string(&p->org_id, strdup(v)))
            return "out of memory";
    } else if (strcmp(name, "workspace_id") == 0) {
        if (!set_string(&p->workspace_id, strdup(v)))
            return "out of memory";
    } else if (strcmp(name, "region") == 0) {
        if (strlen(v) != 2 || !isalpha((unsigned char)v[0]) || !isalpha((unsigned char)v[1]))
            return "region must be a two-letter country code such as US or IN";
        char r[3] = {(char)toupper((unsigned char)v[0]), (char)toupper((unsigned char)v[1]), 0};
        if (!set_string(&p->region, strdup(r)))
            return "out of memory";
    } else if (strcmp(name, "poll_interval") == 0) {
        if (!parse_whole(v, CONFIG_POLL_MIN_S, 3600, &p->poll_interval_s))
            return "poll_interval must be whole seconds from 1 to 3600";
    } else if (strcmp(name, "request_timeout") == 0) {
        if (!parse_whole(v, 1, CONFIG_REQUEST_TIMEOUT_MAX_S, &p->request_timeout_s))
            return "request_timeout must be whole seconds from 1 to 600";
    } else if (strcmp(name, "fail_warn_pct") == 0) {
        if (!parse_pct(v, &p->fail_warn_pct))
            return "fail_warn_pct must be a percentage from 0 to 100";
    } else if (strcmp(name, "fail_alert_pct") == 0) {
        if (!parse_pct(v, &p->fail_alert_pct))
            return "fail_alert_pct must be a percentage from 0 to 100";
    } else if (strcmp(name, "stall_polls") == 0) {
        if (!parse_whole(v, 2, 100000, &p->stall_polls))
            return "stall_polls must be a whole number of polls from 2 to 100000";
    } else if (strcmp(name, "bell") == 0) {
        if (!parse_bool(v, &p->bell))
            return "bell must be true or false";
    } else if (strcmp(name, "notify_command") == 0) {
        if (!set_string(&p->notify_command, strdup(v)))
            return "out of memory";
    } else if (strcmp(name, "read_only") == 0) {
        if (!parse_bool(v, &p->read_only))
            return "read_only must be true or false";
    } else if (strcmp(name, "insecure") == 0) {
        if (!parse_bool(v, &p->insecure))
            return "insecure must be true or false";
    } else if (strncmp(name, "hooks_", 6) == 0) {
        return config_hooks_set(p, name, v);
    } else {
        return "unknown setting";
    }
    return NULL;
}

static bool add_builtin(config_t *cfg)
{
    if (!add_profile(cfg, "sim"))
        return false;
    config_profile_t *p = &cfg->profiles[cfg->nprofiles - 1];
    const char *url = getenv("DIALTOP_SIM_URL");
    p->provider = PROVIDER_OMNIDIM;
    p->base_url = normalise_base_url(url && url[0] ? url : CONFIG_DEFAULT_SIM_URL);
    p->api_key_env = strdup("DIALTOP_SIM_API_KEY");
    p->builtin = true;
    return p->base_url && p->api_key_env;
}

config_profile_t *config_add_profile(config_t *cfg, const char *name, provider_t provider,
                                     const char *base_url)
{
    if (!cfg || !name || !base_url || !add_profile(cfg, name))
        return NULL;
    config_profile_t *p = &cfg->profiles[cfg->nprofiles - 1];
    p->provider = provider;
    p->base_url = normalise_base_url(base_url);
    return p->base_url ? p : NULL;
}

/* Every profile complete? Reports the section line of the first that is not. */
static bool finish_profiles(config_t *cfg, const size_t *lines, const char *origin,
                            bool check_urls, char *err, size_t err_len)
{
    for (size_t i = 0; i < cfg->nprofiles; i++) {
        config_profile_t *p = &cfg->profiles[i];
        if (p->builtin)
            continue;
        if (p->provider == PROVIDER_COUNT) {
            reason_fail(err, err_len, "%s:%zu: profile '%s' has no provider", origin, lines[i],
                        p->name);
            return false;
        }
        if (!p->api_key_env && !p->api_key_file) {
            reason_fail(err, err_len, "%s:%zu: profile '%s' needs api_key_env or api_key_file",
                        origin, lines[i], p->name);
            return false;
        }
        if (!p->base_url &&
            !(p->base_url = strdup(provider_get(p->provider)->default_base_url))) {
            reason_fail(err, err_len, "out of memory");
            return false;
        }
        char why[200];
        if (check_urls && !config_url_check(p->base_url, p->insecure, why, sizeof why)) {
            reason_fail(err, err_len, "%s:%zu: profile '%s': %s", origin, lines[i], p->name, why);
            return false;
        }
    }
    return true;
}

static bool parse_how(config_t *cfg, const char *text, const char *origin, bool check_urls,
                      char *err, size_t err_len)
{
    memset(cfg, 0, sizeof *cfg);
    enum { NONE, PROFILE, KEYS } section = NONE;
    size_t *section_lines = NULL;
    size_t lineno = 0;
    bool ok = true;
    char *copy = strdup(text ? text : "");
    if (!copy) {
        reason_fail(err, err_len, "out of memory");
        return false;
    }
    char *save = NULL;
    for (char *p = copy; ok && p; p = save) {
        char *nl = strchr(p, '\n');
        save = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        lineno++;
        char *line = trim(p);
        if (!line[0] || line[0] == '#' || line[0] == ';')
            continue;
        strip_inline_comment(line);
        line = trim(line);
        if (!line[0])
            continue;
        if (line[0] == '[') {
            char *close = strchr(line, ']');
            if (!close || trim(close + 1)[0]) {
                reason_fail(err, err_len, "%s:%zu: a section line must look like [profile NAME]",
                            origin, lineno);
                ok = false;
                break;
            }
            *close = '\0';
            char *inner = trim(line + 1);
            if (strcmp(inner, "keys") == 0) {
                section = KEYS;
                continue;
            }
            if (strncmp(inner, "profile", 7) != 0 || !isspace((unsigned char)inner[7])) {
                reason_fail(err, err_len,
                            "%s:%zu: unknown section [%s]; use [profile NAME] or [keys]", origin,
                            lineno, inner);
                ok = false;
                break;
            }
            char *name = trim(inner + 7);
            if (!name[0] || strpbrk(name, " \t\"'")) {
                reason_fail(err, err_len, "%s:%zu: a profile name is one word without quotes",
                            origin, lineno);
                ok = false;
                break;
            }
            if (config_find_profile(cfg, name)) {
                reason_fail(err, err_len, "%s:%zu: profile '%s' is defined twice", origin, lineno,
                            name);
                ok = false;
                break;
            }
            size_t *sl = realloc(section_lines, (cfg->nprofiles + 1) * sizeof *sl);
            if (!sl || !add_profile(cfg, name)) {
                if (sl)
                    section_lines = sl;
                reason_fail(err, err_len, "out of memory");
                ok = false;
                break;
            }
            section_lines = sl;
            section_lines[cfg->nprofiles - 1] = lineno;
            section = PROFILE;
            continue;
        }
        char *eq = strchr(line, '=');
        if (!eq) {
            reason_fail(err, err_len, "%s:%zu: expected NAME = VALUE", origin, lineno);
            ok = false;
            break;
        }
        *eq = '\0';
        char *name = trim(line), *value = trim(eq + 1);
        size_t vl = strlen(value);
        if (vl >= 2 && (value[0] == '"' || value[0] == '\'') && value[vl - 1] == value[0]) {
            value[vl - 1] = '\0';
            value++;
        }
        if (!name[0]) {
            reason_fail(err, err_len, "%s:%zu: a setting needs a name before '='", origin, lineno);
            ok = false;
        } else if (section == NONE) {
            reason_fail(err, err_len, "%s:%zu: '%s' is outside any [profile NAME] section", origin,
                        lineno, name);
            ok = false;
        } else if (section == KEYS) {
            if (!add_key(cfg, name, value)) {
                reason_fail(err, err_len, "out of memory");
                ok = false;
            }
        } else {
            const char *why = profile_set(&cfg->profiles[cfg->nprofiles - 1], name, value);
            if (why) {
                reason_fail(err, err_len, "%s:%zu: %s: %s", origin, lineno, name, why);
                ok = false;
            }
        }
    }
    free(copy);
    if (ok)
        ok = finish_profiles(cfg, section_lines, origin, check_urls, err, err_len);
    free(section_lines);
    if (ok && cfg->nprofiles == 0 && !add_builtin(cfg)) {
        reason_fail(err, err_len, "out of memory");
        ok = false;
    }
    if (!ok)
        config_free(cfg);
    return ok;
}

bool config_check_private(const char *path, char *err, size_t err_len)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        reason_fail(err, err_len, "%s: %s", path, strerror(errno));
        return false;
    }
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        reason_fail(err, err_len, "%s can be read by other users; run: chmod 600 %s", path, path);
        return false;
    }
    return true;
}

/* Reads a whole small file; NULL with err set. */
static char *read_small_file(const char *path, char *err, size_t err_len)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        reason_fail(err, err_len, "%s: %s", path, strerror(errno));
        return NULL;
    }
    char *buf = malloc(CONFIG_MAX_BYTES + 1);
    size_t n = buf ? fread(buf, 1, CONFIG_MAX_BYTES + 1, f) : 0;
    bool bad = ferror(f) != 0;
    fclose(f);
    if (!buf || bad || n > CONFIG_MAX_BYTES) {
        free(buf);
        reason_fail(err, err_len, "%s: %s", path,
                    !buf ? "out of memory" : bad ? "read error" : "file is larger than 1 MiB");
        return NULL;
    }
    buf[n] = '\0';
    if (memchr(buf, '\0', n)) {
        free(buf);
        reason_fail(err, err_len, "%s: not a text file", path);
        return NULL;
    }
    return buf;
}

bool config_parse(config_t *cfg, const char *text, const char *origin, char *err,
                  size_t err_len)
{
    return parse_how(cfg, text, origin, true, err, err_len);
}

static bool load_how(config_t *cfg, const char *path, bool check_urls, char *err,
                     size_t err_len)
{
    memset(cfg, 0, sizeof *cfg);
    char *owned = NULL;
    if (!path) {
        owned = config_default_path();
        path = owned;
    }
    struct stat st;
    if (!path || stat(path, &st) != 0) {
        if (owned || !path) {
            /* No config at all: the built-in dialtop-sim profile. */
            free(owned);
            if (!add_builtin(cfg)) {
                config_free(cfg);
                reason_fail(err, err_len, "out of memory");
                return false;
            }
            return true;
        }
        reason_fail(err, err_len, "%s: %s", path, strerror(errno));
        return false;
    }
    char *text = NULL;
    bool ok = config_check_private(path, err, err_len) &&
              (text = read_small_file(path, err, err_len)) != NULL &&
              parse_how(cfg, text, path, check_urls, err, err_len);
    free(text);
    if (ok && !(cfg->path = strdup(path))) {
        config_free(cfg);
        reason_fail(err, err_len, "out of memory");
        ok = false;
    }
    free(owned);
    return ok;
}

bool config_load(config_t *cfg, const char *path, char *err, size_t err_len)
{
    return load_how(cfg, path, true, err, err_len);
}

bool config_load_offline(config_t *cfg, const char *path, char *err, size_t err_len)
{
    return load_how(cfg, path, false, err, err_len);
}

const config_profile_t *config_find_profile(const config_t *cfg, const char *name)
{
    if (!cfg || cfg->nprofiles == 0)
        return NULL;
    if (!name)
        return &cfg->profiles[0];
    for (size_t i = 0; i < cfg->nprofiles; i++)
        if (strcmp(cfg->profiles[i].name, name) == 0)
            return &cfg->profiles[i];
    return NULL;
}

static char *profile_key_load(const config_profile_t *p, char *err, size_t err_len)
{
    if (!p) {
        reason_fail(err, err_len, "no profile");
        return NULL;
    }
    if (p->api_key && p->api_key[0])
        return strdup(p->api_key);
    if (p->api_key_env) {
        const char *v = getenv(p->api_key_env);
        if (v && v[0])
            return strdup(v);
        if (p->builtin)
            return strdup(CONFIG_DEFAULT_SIM_KEY);
        if (!p->api_key_file) {
            reason_fail(err, err_len, "profile '%s': environment variable %s is not set", p->name,
                        p->api_key_env);
            return NULL;
        }
    }
    if (p->api_key_file) {
        if (!config_check_private(p->api_key_file, err, err_len))
            return NULL;
        char *text = read_small_file(p->api_key_file, err, err_len);
        if (!text)
            return NULL;
        char *nl = strpbrk(text, "\r\n");
        if (nl)
            *nl = '\0';
        char *k = trim(text);
        char *key = k[0] ? strdup(k) : NULL;
        config_key_free(text);
        if (!key)
            reason_fail(err, err_len, "%s: the key file's first line is empty", p->api_key_file);
        return key;
    }
    reason_fail(err, err_len, "profile '%s' has no api_key_env or api_key_file", p->name);
    return NULL;
}

char *config_profile_key(const config_profile_t *p, char *err, size_t err_len)
{
    char *key = profile_key_load(p, err, err_len);
    /* Every key dialtop holds is one that must never leave it again. */
    redact_add_secret(key);
    return key;
}

void config_key_free(char *key)
{
    if (!key)
        return;
    volatile char *p = key;
    while (*p)
        *p++ = '\0';
    free(key);
}
