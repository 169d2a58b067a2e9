/* Configuration: profiles, keys, defaults.
 *
 * File: $XDG_CONFIG_HOME/dialtop/config (default ~/.config/dialtop/config).
 * INI-style; '#' or ';' start a comment line, and after white space they
 * start a comment at the end of a line (outside quotes); blank lines ignored.
 *
 *   [profile prod-omni]           # one section per profile
 *   provider     = omnidim        # omnidim | truedy | sarvam (required)
 *   base_url     = https://backend.omnidim.io   # default: the provider's public URL
 *   api_key_env  = OMNIDIM_API_KEY   # name of an environment variable, or
 *   api_key_file = ~/.config/dialtop/omni.key  # a file holding the key (mode 600)
 *   org_id       = ...            # Sarvam only
 *   workspace_id = ...            # Sarvam only
 *   poll_interval = 2             # seconds, default 2, minimum 1
 *   request_timeout = 20          # seconds one request may take, default 20 (1-600)
 *   read_only    = false          # true: every action is refused
 *   insecure     = false          # true: TLS not verified (status line shows it red)
 *   region       = IN             # default phone region for imports
 *   fail_warn_pct  = 40           # FAIL% from which a row is yellow and ranked up
 *   fail_alert_pct = 60           # FAIL% from which it is red and alerts
 *   stall_polls    = 30           # polls of an active campaign without progress: stalled
 *   bell           = true         # the terminal bell on an alert
 *   notify_command = notify-send dialtop   # run on an alert (no shell; the
 *                                 # facts are in DIALTOP_ALERT_* variables)
 *   hooks_url    = https://hooks.example.com   # Sarvam: where `dialtop hooks` serves
 *   hooks_token_env  = DIALTOP_HOOKS_TOKEN     # its token: an env var, or
 *   hooks_token_file = ~/.config/dialtop/hooks.token   # a file (mode 600)
 *   hooks_public_url = https://hooks.example.com  # what Sarvam posts to (import sets
 *                                  # app_config.webhook_config.url from it)
 *
 *   [keys]                        # reserved for key remapping: name = key
 *   pause = P
 *
 * The first profile in the file is the default one. With no config file
 * at all, the default profile is "sim": dialtop-sim on loopback, provider
 * omnidim, base URL from DIALTOP_SIM_URL or http://127.0.0.1:8765, key
 * from DIALTOP_SIM_API_KEY or "demo".
 *
 * Plain http:// is accepted only for loopback hosts (127.x, ::1,
 * localhost), where dialtop-sim runs; elsewhere the key would travel in
 * clear, so it is refused unless the profile also sets insecure = true.
 *
 * A config or key file that group or others can read is refused with a
 * message naming `chmod 600 FILE`. A broken line is reported as
 * "FILE:LINE: reason". Keys are never printed. */
#ifndef DIALTOP_CONFIG_H
#define DIALTOP_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "must_use.h"

#define CONFIG_DEFAULT_SIM_URL "http://127.0.0.1:8765"
#define CONFIG_DEFAULT_SIM_KEY "demo"
#define CONFIG_POLL_DEFAULT_S 2
#define CONFIG_POLL_MIN_S 1
/* One request's time limit: an answer later than this is a failure, and
 * the screen is stale after one poll interval plus this. */
#define CONFIG_REQUEST_TIMEOUT_DEFAULT_S 20
#define CONFIG_REQUEST_TIMEOUT_MAX_S 600
#define CONFIG_FAIL_WARN_PCT 40.0
#define CONFIG_FAIL_ALERT_PCT 60.0
/* Calls last minutes: a minute of polls at the default 2 s interval
 * without a single call finishing, while calls wait, is a stall. */
#define CONFIG_STALL_POLLS 30

typedef struct {
    char *name;
    provider_t provider;
    char *base_url;           /* no trailing slash */
    char *api_key_env;        /* NULL when not set */
    char *api_key_file;       /* NULL when not set; '~/' expanded */
    char *org_id;
    char *workspace_id;
    int poll_interval_s;
    int request_timeout_s;    /* CONFIG_REQUEST_TIMEOUT_DEFAULT_S unless set */
    bool read_only;
    bool insecure;
    char *region;             /* NULL when not set */
    /* what needs attention, and how an alert is raised (tui/alerts.h) */
    double fail_warn_pct;     /* CONFIG_FAIL_WARN_PCT unless set */
    double fail_alert_pct;    /* CONFIG_FAIL_ALERT_PCT unless set */
    int stall_polls;          /* CONFIG_STALL_POLLS unless set */
    bool bell;                /* true unless set false */
    char *notify_command;     /* NULL when not set; split on blanks, never a shell */
    bool builtin;             /* the no-config default profile */
    /* A key held in memory, never read from or written to a file: set only
     * for profiles built in code (dialtop --demo hands over its sim child's
     * per-run key). Takes precedence over api_key_env/api_key_file. Never
     * printed; config_free() wipes it. */
    char *api_key;
    /* Sarvam's per-contact outcomes come from a `dialtop hooks` receiver
     * (config_hooks.c). NULL when not set. hooks_token is in memory only,
     * like api_key (--demo's receiver); it wins over env and file. */
    char *hooks_url;
    char *hooks_token_env;
    char *hooks_token_file;
    char *hooks_public_url;
    char *hooks_token;
} config_profile_t;

typedef struct {
    char *name;
    char *value;
} config_pair_t;

typedef struct {
    char *path;               /* file read, NULL when none existed */
    config_profile_t *profiles;
    size_t nprofiles;
    config_pair_t *keys;      /* [keys] section, in file order */
    size_t nkeys;
} config_t;

/* The default path, from XDG_CONFIG_HOME or HOME. Caller frees. */
char *config_default_path(void);

/* Loads `path` (NULL = the default path). A missing file at the default
 * path gives the built-in sim profile; a missing explicit path is an
 * error. On failure returns false with one line in `err` and leaves `cfg`
 * empty (safe to free). */
MUST_USE bool config_load(config_t *cfg, const char *path, char *err, size_t err_len);

/* config_load for a command that never connects (import --dry-run): every
 * check but the base URLs', which needs libcurl's URL parser and so would
 * load the network stack (api/curl_lazy.h) for nothing. The URLs are still
 * judged before any connection (client_new_on), so an offline load never
 * lets a bad one through to the network. */
MUST_USE bool config_load_offline(config_t *cfg, const char *path, char *err, size_t err_len);

/* Parses config text as if read from `origin` (used by config_load and
 * the tests; no permission check). */
MUST_USE bool config_parse(config_t *cfg, const char *text, const char *origin, char *err,
                  size_t err_len);

void config_free(config_t *cfg);

/* Appends a profile built in code (no file): provider and base URL set,
 * everything else at its default. Returns the new profile (valid until the
 * next add) or NULL when out of memory. */
config_profile_t *config_add_profile(config_t *cfg, const char *name, provider_t provider,
                                     const char *base_url);

/* Frees a profile's strings and clears it; also for a caller's own copy
 * (the client keeps one), so a new string member is freed in one place. */
void config_profile_free(config_profile_t *p);

/* NULL name: the default profile. NULL when not found. */
const config_profile_t *config_find_profile(const config_t *cfg, const char *name);


/* Resolves the profile's API key from its environment variable or key
 * file (refusing a file others can read). Caller frees the result with
 * config_key_free(), which wipes it. NULL with `err` set on failure; the
 * message never contains the key. */
MUST_USE char *config_profile_key(const config_profile_t *p, char *err, size_t err_len);
void config_key_free(char *key);

/* True when the URL's host is loopback (127.0.0.0/8, [::1], localhost),
 * decided on the host libcurl's own URL parser (curl_url) yields, the one
 * the transport would connect to. False for anything it cannot parse. */
bool config_url_is_loopback(const char *url);

/* A copy of a URL from the config without its trailing slashes, so paths
 * join onto it with one '/' ("http://h:1/" + "/x"); NULL when out of
 * memory. */
char *config_url_dup(const char *v);

/* Is `url` usable as a base URL? It must parse with curl_url, be http://
 * or https://, and plain http:// (unless `insecure`) must go to a
 * loopback host and carry no user info, query or fragment (they are how a
 * host is hidden from a reader: "http://10.0.0.1#@127.0.0.1"). False with
 * the reason in `why` (never containing the URL); when libcurl cannot be
 * loaded, the reason says what to install (curl_lazy.h). Loads libcurl,
 * without initialising it: a config with profiles maps it. */
bool config_url_check(const char *url, bool insecure, char *why, size_t why_len);

/* Every headless command that talks to a backend prints this on stderr
 * for a profile with `insecure = true` (the console shows it in its status
 * line): TLS verification off is never silent. Writes nothing and returns
 * false for a secure profile. */
bool config_insecure_notice(const config_profile_t *p, char *out, size_t out_len);

/* Fails with "chmod 600 FILE" advice when `path` is readable by group or
 * others. */
bool config_check_private(const char *path, char *err, size_t err_len);

/* config_hooks.c: the hooks_* settings of a profile. */
/* One hooks_* `name = value`; NULL on success, else the reason. */
const char *config_hooks_set(config_profile_t *p, const char *name, const char *v);
void config_hooks_free(config_profile_t *p);
/* Copies the hooks_* members of `from` into `to` (false on OOM). */
bool config_hooks_copy(config_profile_t *to, const config_profile_t *from);
/* The receiver's token (in-memory, env var or private file); NULL with
 * `err` when hooks_url is set but no token resolves. Free with
 * config_key_free(). */
MUST_USE char *config_hooks_token(const config_profile_t *p, char *err, size_t err_len);
/* What a client needs of a Sarvam profile's receiver settings, checked:
 * the token (NULL when neither hooks_url nor hooks_public_url is set, or
 * the provider is not Sarvam) and {hooks_public_url}/sarvam/{token}
 * (NULL without hooks_public_url). Plain http:// hooks_url only to
 * loopback unless `insecure`. False with `err` on a refusal; free both
 * with config_key_free(). */
MUST_USE bool config_hooks_resolve(const config_profile_t *p, char **token, char **webhook_url,
                          char *err, size_t err_len);

#endif
