/* The hooks_* settings of a profile: where a `dialtop hooks` receiver
 * serves Sarvam's per-contact outcomes, its token, and the public URL
 * Sarvam is told to post to. Kept apart from config.c so the profile
 * parser stays one table of plain settings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "xdg_path.h"
#include "provider.h"

static const char *set(char **slot, char *value)
{
    if (!value)
        return "out of memory";
    free(*slot);
    *slot = value;
    return NULL;
}

static bool is_http_url(const char *v)
{
    return strncmp(v, "http://", 7) == 0 || strncmp(v, "https://", 8) == 0;
}

const char *config_hooks_set(config_profile_t *p, const char *name, const char *v)
{
    if (strcmp(name, "hooks_url") == 0) {
        if (!is_http_url(v))
            return "hooks_url must start with http:// or https://";
        return set(&p->hooks_url, config_url_dup(v));
    }
    if (strcmp(name, "hooks_public_url") == 0) {
        /* Sarvam posts from the internet: only TLS keeps the token private */
        if (strncmp(v, "https://", 8) != 0 &&
            !(strncmp(v, "http://", 7) == 0 && config_url_is_loopback(v)))
            return "hooks_public_url must be https:// (Sarvam posts the token in it)";
        return set(&p->hooks_public_url, config_url_dup(v));
    }
    if (strcmp(name, "hooks_token_env") == 0) {
        if (!v[0])
            return "hooks_token_env needs the name of an environment variable";
        return set(&p->hooks_token_env, strdup(v));
    }
    if (strcmp(name, "hooks_token_file") == 0) {
        if (!v[0])
            return "hooks_token_file needs a path";
        return set(&p->hooks_token_file, xdg_expand_home(v));
    }
    if (strcmp(name, "hooks_token") == 0)
        return "tokens do not go in the config file: use hooks_token_env or hooks_token_file";
    return "unknown setting";
}

void config_hooks_free(config_profile_t *p)
{
    free(p->hooks_url);
    free(p->hooks_token_env);
    free(p->hooks_token_file);
    free(p->hooks_public_url);
    config_key_free(p->hooks_token);
    p->hooks_url = p->hooks_token_env = p->hooks_token_file = p->hooks_public_url = NULL;
    p->hooks_token = NULL;
}

static bool copy_one(char **to, const char *from)
{
    *to = from ? strdup(from) : NULL;
    return !from || *to;
}

bool config_hooks_copy(config_profile_t *to, const config_profile_t *from)
{
    bool ok = copy_one(&to->hooks_url, from->hooks_url);
    ok = copy_one(&to->hooks_token_env, from->hooks_token_env) && ok;
    ok = copy_one(&to->hooks_token_file, from->hooks_token_file) && ok;
    ok = copy_one(&to->hooks_public_url, from->hooks_public_url) && ok;
    ok = copy_one(&to->hooks_token, from->hooks_token) && ok;
    return ok;
}

char *config_hooks_token(const config_profile_t *p, char *err, size_t err_len)
{
    if (p->hooks_token && p->hooks_token[0])
        return strdup(p->hooks_token);
    if (!p->hooks_token_env && !p->hooks_token_file) {
        snprintf(err, err_len,
                 "profile '%s' sets a hooks URL but no hooks_token_env or hooks_token_file",
                 p->name ? p->name : "?");
        return NULL;
    }
    /* The same rules as the API key: env first, then a private file. */
    config_profile_t tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.name = p->name;
    tmp.api_key_env = p->hooks_token_env;
    tmp.api_key_file = p->hooks_token_file;
    return config_profile_key(&tmp, err, err_len);
}

bool config_hooks_resolve(const config_profile_t *p, char **token, char **webhook_url,
                          char *err, size_t err_len)
{
    *token = *webhook_url = NULL;
    const provider_desc_t *d = provider_get(p->provider);
    if ((!p->hooks_url && !p->hooks_public_url) || !d || !d->uses_receiver)
        return true;
    if (p->hooks_url && strncmp(p->hooks_url, "http://", 7) == 0 && !p->insecure &&
        !config_url_is_loopback(p->hooks_url)) {
        snprintf(err, err_len,
                 "profile '%s': plain http:// hooks_url to a remote host would send the "
                 "receiver's token unencrypted",
                 p->name ? p->name : "?");
        return false;
    }
    *token = config_hooks_token(p, err, err_len);
    if (!*token)
        return false;
    if (p->hooks_public_url) {
        size_t n = strlen(p->hooks_public_url) + strlen(*token) + 16;
        *webhook_url = malloc(n);
        if (!*webhook_url) {
            config_key_free(*token);
            *token = NULL;
            snprintf(err, err_len, "out of memory");
            return false;
        }
        snprintf(*webhook_url, n, "%s/sarvam/%s", p->hooks_public_url, *token);
    }
    return true;
}
