/* The hooks_* settings of a Sarvam profile (api/config_hooks.c): parsed,
 * checked, copied, freed; the token from env or a private file, never
 * from the config itself. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"

static const char *profile_text =
    "[profile sv]\nprovider = sarvam\napi_key_env = K\norg_id = o\nworkspace_id = w\n";

static bool parse_with(const char *extra, config_t *cfg, char *err, size_t len)
{
    char text[1024];
    snprintf(text, sizeof text, "%s%s", profile_text, extra);
    memset(cfg, 0, sizeof *cfg);
    return config_parse(cfg, text, "cfg", err, len);
}

static void test_settings_parsed(void **state)
{
    (void)state;
    config_t cfg;
    char err[256];
    assert_true(parse_with("hooks_url = https://hooks.example.com:8443/\n"
                           "hooks_token_env = HOOKS_TOK\n"
                           "hooks_public_url = https://public.example.com/\n",
                           &cfg, err, sizeof err));
    const config_profile_t *p = config_find_profile(&cfg, "sv");
    assert_string_equal(p->hooks_url, "https://hooks.example.com:8443"); /* no trailing / */
    assert_string_equal(p->hooks_token_env, "HOOKS_TOK");
    assert_string_equal(p->hooks_public_url, "https://public.example.com");
    assert_null(p->hooks_token_file);

    config_profile_t copy;
    memset(&copy, 0, sizeof copy);
    assert_true(config_hooks_copy(&copy, p));
    assert_string_equal(copy.hooks_url, p->hooks_url);
    assert_true(copy.hooks_url != p->hooks_url);
    config_profile_free(&copy);
    config_free(&cfg);
}

static void test_refusals(void **state)
{
    (void)state;
    const struct {
        const char *line;
        const char *says;
    } bad[] = {
        {"hooks_url = ftp://x\n", "hooks_url must start with http:// or https://"},
        {"hooks_public_url = http://public.example.com\n", "hooks_public_url must be https://"},
        {"hooks_token = secret-in-the-config\n", "tokens do not go in the config file"},
        {"hooks_token_env =\n", "hooks_token_env needs"},
        {"hooks_colour = blue\n", "unknown setting"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        config_t cfg;
        char err[256] = "";
        assert_false(parse_with(bad[i].line, &cfg, err, sizeof err));
        if (!strstr(err, bad[i].says))
            fail_msg("\"%s\": got \"%s\"", bad[i].line, err);
        assert_null(strstr(err, "secret-in-the-config"));
        config_free(&cfg);
    }
    /* loopback may be plain http (dialtop-sim, --demo) */
    config_t cfg;
    char err[256];
    assert_true(parse_with("hooks_public_url = http://127.0.0.1:8790\n", &cfg, err, sizeof err));
    config_free(&cfg);
}

static void test_token_sources(void **state)
{
    (void)state;
    config_t cfg;
    char err[256];
    assert_true(parse_with("hooks_url = http://127.0.0.1:8790\n", &cfg, err, sizeof err));
    const config_profile_t *p = config_find_profile(&cfg, "sv");
    assert_null(config_hooks_token(p, err, sizeof err));
    assert_non_null(strstr(err, "no hooks_token_env or hooks_token_file"));
    config_free(&cfg);

    assert_true(parse_with("hooks_url = http://127.0.0.1:8790\nhooks_token_env = T_HOOKS\n", &cfg,
                           err, sizeof err));
    p = config_find_profile(&cfg, "sv");
    unsetenv("T_HOOKS");
    assert_null(config_hooks_token(p, err, sizeof err));
    assert_non_null(strstr(err, "T_HOOKS is not set"));
    setenv("T_HOOKS", "env-token-0123456789", 1);
    char *t = config_hooks_token(p, err, sizeof err);
    assert_string_equal(t, "env-token-0123456789");
    config_key_free(t);
    config_free(&cfg);

    char path[] = "/tmp/dialtop-test-hooks-token.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "file-token-0123456789\n", 22), 22);
    close(fd);
    char line[600];
    snprintf(line, sizeof line, "hooks_url = http://127.0.0.1:8790\nhooks_token_file = %s\n", path);
    assert_true(parse_with(line, &cfg, err, sizeof err));
    p = config_find_profile(&cfg, "sv");
    chmod(path, 0644);
    assert_null(config_hooks_token(p, err, sizeof err));
    assert_non_null(strstr(err, "chmod 600"));
    chmod(path, 0600);
    t = config_hooks_token(p, err, sizeof err);
    assert_string_equal(t, "file-token-0123456789");
    config_key_free(t);
    config_free(&cfg);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_settings_parsed),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_token_sources),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
