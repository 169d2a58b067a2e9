/* What the headless read commands (ls, show, contacts) and the name
 * selectors share: option values, profiles opened as clients on the
 * process's one transport, one compact
 * JSON object per line, the figures of a campaign as text or JSON, and the
 * campaign-ID cache the shell completions read. */
#ifndef DIALTOP_CLI_COMMON_H
#define DIALTOP_CLI_COMMON_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "client.h"
#include "config.h"
#include "model.h"

/* Opens `p`'s client on the process's one transport (made at the first
 * call, freed at exit): every client a command opens polls as one. */
client_t *cli_client_new(const config_profile_t *p, char *err, size_t err_len);

/* The profiles a command runs on, each with its client. */
typedef struct {
    config_t cfg;
    const config_profile_t **profiles;
    client_t **clients;
    size_t n;
} cli_profiles_t;

/* Loads the config and opens `profile` (NULL: the default one), or every
 * profile when `all`. Returns 0, or an exit code after one line on stderr
 * (nothing is left to close then). */
int cli_profiles_open(cli_profiles_t *p, const char *config_path, const char *profile, bool all);
void cli_profiles_close(cli_profiles_t *p);

/* Prints `o` compact on one line and deletes it. */
void cli_json_line(FILE *out, cJSON *o);

/* A contact-state count the provider gave; -1 when it did not. */
long cli_count(const model_campaign_t *c, contact_state_t s);
/* pending + queued + retry-scheduled; -1 when unknown. */
long cli_pending(const model_campaign_t *c);
/* The next start as ISO 8601 UTC, "" when none is ahead. */
void cli_next_run(const model_campaign_t *c, time_t now, char *out, size_t len);

/* The ls row of one campaign as JSON (unknown figures are null). */
cJSON *cli_campaign_json(const model_campaign_t *c, const char *profile, time_t now);

/* Remembers the campaigns listed on `profile` for the shell completions:
 * $XDG_STATE_HOME/dialtop/campaigns (tab-separated profile, id, name),
 * replaced atomically, mode 600. Lines of other profiles are kept. A
 * failure is silent: completion is a convenience. */
void cli_cache_ids(const char *profile, const model_campaign_t *c, size_t n);

/* --name: every campaign of the client's profile whose name matches the
 * glob `pattern` (fnmatch). A pattern without * ? [ must match exactly
 * one campaign. Returns 0 with *ids (free each, then the array), or an
 * exit code after one line on stderr: none matched, an exact name is on
 * several campaigns, or the list could not be read. */
int cli_resolve_name(client_t *client, const char *pattern, char ***ids, size_t *n);

/* show, contacts: one campaign, by its ID (a word on the command line)
 * or by --name. cli_campaign_word takes `word` as the ID; false after
 * "dialtop: CMD: name one campaign ID" when it is empty or a second one.
 * cli_campaign_named: false after a message unless exactly one of id and
 * name was given. */
bool cli_campaign_word(const char *cmd, const char **id, const char *word);
bool cli_campaign_named(const char *cmd, const char *id, const char *name);

/* show, contacts: the one campaign `pattern` names (an ID in *id, free
 * it). More than one match is refused like an empty one. */
int cli_resolve_one(client_t *client, const char *pattern, char **id);

/* Text tables: the display width of a (sanitised) string, and one cell
 * padded to `width` columns (wcwidth, not printf padding). */
int cli_width(const char *s);
void cli_cell(FILE *out, const char *s, int width, bool right);

/* --watch: runs `once` every `seconds` until SIGINT or SIGTERM, clearing
 * the terminal before each run when stdout is one (else the runs follow
 * each other, separated by a blank line unless `json`). Returns the last
 * run's exit code, 0 when interrupted. */
int cli_watch(double seconds, bool json, int (*once)(void *ud), void *ud);
/* True once --watch was interrupted: a read cut short then is not an
 * error worth a message. */
bool cli_watch_interrupted(void);
/* ls, show and contacts word a command-line mistake alike: after
 * CLI_OPT_NO_VALUE "dialtop: ls: --state needs a value", after anything
 * else "dialtop: ls: unknown option '--x' (dialtop ls --help)". Returns
 * DIALTOP_EXIT_USAGE. */
int cli_refuse_option(const char *cmd, int id, const char *text);

/* The optional SECONDS of --watch (NULL: absent, 2). False (after a
 * message) when not a number from 0.5 to 86400. */
bool cli_watch_value(const char *v, double *seconds);

#endif
