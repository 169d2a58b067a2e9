/* Configuration: profiles and defaults, [keys], FILE:LINE errors, the
 * built-in sim profile, permission refusals with their chmod advice, key
 * resolution from environment and key file, and key hints. */
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

#include "client.h"
#include "config.h"

static char dir[512];

/* The value of a [keys] entry, NULL when absent: read the way the keymap
 * reads them (tui/keymap.c walks cfg->keys), so nothing in the program
 * exists only for this test. */
static const char *key_binding(const config_t *cfg, const char *name)
{
    for (size_t i = 0; i < cfg->nkeys; i++)
        if (strcmp(cfg->keys[i].name, name) == 0)
            return cfg->keys[i].value;
    return NULL;
}

static int setup(void **state)
{
    (void)state;
    const char *base = getenv("DIALTOP_TEST_TMP");
    snprintf(dir, sizeof dir, "%s/cfgXXXXXX", base && base[0] ? base : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    assert_int_equal(chmod(path, mode), 0);
}

static const char FULL[] =
    "# dialtop profiles\n"
    "[profile prod]\n"
    "provider = omnidim\n"
    "api_key_env = OMNI_KEY\n"
    "poll_interval = 5\n"
    "request_timeout = 7\n"
    "read_only = yes\n"
    "\n"
    "[profile  india ]\n"
    "provider=Sarvam\n"
    "base_url = \"http://127.0.0.1:8377/api/scheduling/v1/\"\n"
    "api_key_file = /nonexistent/key\n"
    "org_id = org_1\n"
    "workspace_id = ws_1\n"
    "insecure = true\n"
    "region = in\n"
    "; keys are remappable\n"
    "[keys]\n"
    "pause = P\n"
    "cancel = ctrl-x\n";

static void test_parse_full(void **state)
{
    (void)state;
    config_t cfg;
    char err[256] = "";
    assert_true(config_parse(&cfg, FULL, "cfg", err, sizeof err));
    assert_int_equal(cfg.nprofiles, 2);
    const config_profile_t *p = config_find_profile(&cfg, NULL);
    assert_non_null(p);
    assert_string_equal(p->name, "prod");
    assert_int_equal(p->provider, PROVIDER_OMNIDIM);
    assert_string_equal(p->base_url, "https://backend.omnidim.io");
    assert_string_equal(p->api_key_env, "OMNI_KEY");
    assert_int_equal(p->poll_interval_s, 5);
    assert_int_equal(p->request_timeout_s, 7);
    assert_true(p->read_only);
    assert_false(p->insecure);
    assert_false(p->builtin);

    p = config_find_profile(&cfg, "india");
    assert_non_null(p);
    assert_int_equal(p->provider, PROVIDER_SARVAM);
    assert_string_equal(p->base_url, "http://127.0.0.1:8377");
    assert_string_equal(p->org_id, "org_1");
    assert_string_equal(p->workspace_id, "ws_1");
    assert_true(p->insecure);
    assert_string_equal(p->region, "IN");
    assert_int_equal(p->poll_interval_s, CONFIG_POLL_DEFAULT_S);
    assert_int_equal(p->request_timeout_s, CONFIG_REQUEST_TIMEOUT_DEFAULT_S);
    assert_null(config_find_profile(&cfg, "nope"));

    assert_int_equal(cfg.nkeys, 2);
    assert_string_equal(key_binding(&cfg, "pause"), "P");
    assert_string_equal(key_binding(&cfg, "cancel"), "ctrl-x");
    assert_null(key_binding(&cfg, "resume"));
    config_free(&cfg);
}

/* Comments after a value, as README's example writes them; '#' inside
 * quotes and a lone '#' key stay values. */
static void test_inline_comments(void **state)
{
    (void)state;
    config_t cfg;
    char err[256] = "";
    const char *text =
        "[profile eu]   # the EU account\n"
        "provider = truedy        # batch calls\n"
        "api_key_env = TRUEDY_KEY\t; from the vault\n"
        "base_url = \"https://api.truedy.ai/#x\"  # quoted hash kept\n"
        "region = DE # Germany\n"
        "read_only = true\n"
        "[keys]\n"
        "pause = #\n";
    assert_true(config_parse(&cfg, text, "cfg", err, sizeof err));
    const config_profile_t *p = config_find_profile(&cfg, "eu");
    assert_non_null(p);
    assert_int_equal(p->provider, PROVIDER_TRUEDY);
    assert_string_equal(p->api_key_env, "TRUEDY_KEY");
    assert_string_equal(p->base_url, "https://api.truedy.ai/#x");
    assert_string_equal(p->region, "DE");
    assert_true(p->read_only);
    assert_string_equal(key_binding(&cfg, "pause"), "#");
    config_free(&cfg);
}

static void expect_error(const char *text, const char *want)
{
    config_t cfg;
    char err[256] = "";
    assert_false(config_parse(&cfg, text, "/home/u/.config/dialtop/config", err, sizeof err));
    if (!strstr(err, want))
        fail_msg("error \"%s\" lacks \"%s\"", err, want);
    assert_int_equal(cfg.nprofiles, 0);
    config_free(&cfg);
}

static void test_errors_name_file_and_line(void **state)
{
    (void)state;
    const char *F = "/home/u/.config/dialtop/config";
    char want[256];
    snprintf(want, sizeof want, "%s:3: provider: unknown provider", F);
    expect_error("[profile a]\napi_key_env = K\nprovider = twilio\n", want);
    snprintf(want, sizeof want, "%s:2: expected NAME = VALUE", F);
    expect_error("[profile a]\nprovider omnidim\n", want);
    snprintf(want, sizeof want, "%s:1: 'provider' is outside", F);
    expect_error("provider = omnidim\n", want);
    snprintf(want, sizeof want, "%s:1: unknown section [server]", F);
    expect_error("[server]\n", want);
    snprintf(want, sizeof want, "%s:4: profile 'a' is defined twice", F);
    expect_error("[profile a]\nprovider=omnidim\napi_key_env=K\n[profile a]\n", want);
    snprintf(want, sizeof want, "%s:3: poll_interval", F);
    expect_error("[profile a]\nprovider=omnidim\npoll_interval = 0\napi_key_env=K\n", want);
    expect_error("[profile a]\nprovider=omnidim\npoll_interval = 2s\n", "poll_interval");
    expect_error("[profile a]\nprovider=omnidim\nrequest_timeout = 0\n",
                 "request_timeout must be whole seconds from 1 to 600");
    expect_error("[profile a]\nprovider=omnidim\nrequest_timeout = 601\n", "request_timeout");
    expect_error("[profile a]\nprovider=omnidim\nrequest_timeout = 5s\n", "request_timeout");
    expect_error("[profile a]\nprovider=omnidim\napi_key = sk-live-1\n", "api_key_env or api_key_file");
    snprintf(want, sizeof want, "%s:2: profile 'b' has no provider", F);
    expect_error("# c\n[profile b]\napi_key_env=K\n", want);
    expect_error("[profile b]\nprovider=truedy\n", "needs api_key_env or api_key_file");
    expect_error("[profile b]\nprovider=truedy\nbase_url = ftp://x\n", "http:// or https://");
    expect_error("[profile b]\nprovider=truedy\nread_only = maybe\n", "read_only");
    expect_error("[profile b]\nprovider=truedy\ncolour = red\n", "unknown setting");
    expect_error("[profile b\n", "[profile NAME]");
    expect_error("[profile two words]\n", "one word");
}

/* dialtop --demo: profiles made in code, their key held in memory. The
 * in-memory key wins over api_key_env, the client uses it, and the
 * client's copy of the profile does not carry it. */
static void test_in_memory_profile(void **state)
{
    (void)state;
    config_t cfg;
    memset(&cfg, 0, sizeof cfg);
    config_profile_t *p = config_add_profile(&cfg, "sarvam", PROVIDER_SARVAM,
                                             "http://127.0.0.1:40999/");
    assert_non_null(p);
    assert_string_equal(p->base_url, "http://127.0.0.1:40999");
    assert_int_equal(p->provider, PROVIDER_SARVAM);
    assert_int_equal(p->poll_interval_s, CONFIG_POLL_DEFAULT_S);
    assert_false(p->builtin);
    char err[256] = "";
    assert_null(config_profile_key(p, err, sizeof err)); /* no key at all yet */
    p->api_key = strdup("mem-key-123456");
    p->api_key_env = strdup("DIALTOP_TEST_UNUSED_KEY");
    setenv("DIALTOP_TEST_UNUSED_KEY", "env-key", 1);
    char *key = config_profile_key(p, err, sizeof err);
    assert_string_equal(key, "mem-key-123456");
    config_key_free(key);
    unsetenv("DIALTOP_TEST_UNUSED_KEY");

    client_t *c = client_new(p, NULL, err, sizeof err);
    assert_non_null(c);
    assert_null(client_profile(c)->api_key);
    client_free(c);
    assert_non_null(config_find_profile(&cfg, "sarvam"));
    config_free(&cfg);
    assert_int_equal(cfg.nprofiles, 0);
}

static void test_builtin_sim_profile(void **state)
{
    (void)state;
    char path[600];
    snprintf(path, sizeof path, "%s/xdg-empty", dir);
    setenv("XDG_CONFIG_HOME", path, 1);
    setenv("DIALTOP_SIM_URL", "http://127.0.0.1:40123/", 1);
    unsetenv("DIALTOP_SIM_API_KEY");
    config_t cfg;
    char err[256] = "";
    assert_true(config_load(&cfg, NULL, err, sizeof err));
    assert_null(cfg.path);
    const config_profile_t *p = config_find_profile(&cfg, NULL);
    assert_non_null(p);
    assert_true(p->builtin);
    assert_string_equal(p->name, "sim");
    assert_int_equal(p->provider, PROVIDER_OMNIDIM);
    assert_string_equal(p->base_url, "http://127.0.0.1:40123");
    char *key = config_profile_key(p, err, sizeof err);
    assert_string_equal(key, CONFIG_DEFAULT_SIM_KEY);
    config_key_free(key);
    setenv("DIALTOP_SIM_API_KEY", "simkey-77", 1);
    key = config_profile_key(p, err, sizeof err);
    assert_string_equal(key, "simkey-77");
    config_key_free(key);
    config_free(&cfg);
    unsetenv("DIALTOP_SIM_URL");
    unsetenv("DIALTOP_SIM_API_KEY");

    /* An explicit path that does not exist is an error, not the default. */
    snprintf(path, sizeof path, "%s/missing.conf", dir);
    assert_false(config_load(&cfg, path, err, sizeof err));
    assert_non_null(strstr(err, "missing.conf"));
}

static void test_permissions(void **state)
{
    (void)state;
    char xdg[600], cdir[700], path[800];
    snprintf(xdg, sizeof xdg, "%s/xdg", dir);
    snprintf(cdir, sizeof cdir, "%s/dialtop", xdg);
    mkdir(xdg, 0700);
    mkdir(cdir, 0700);
    snprintf(path, sizeof path, "%s/config", cdir);
    write_file(path, "[profile p]\nprovider = truedy\napi_key_env = TRUEDY_KEY\n", 0644);
    setenv("XDG_CONFIG_HOME", xdg, 1);
    config_t cfg;
    char err[1024] = "", want[1000];
    assert_false(config_load(&cfg, NULL, err, sizeof err));
    snprintf(want, sizeof want, "chmod 600 %s", path);
    if (!strstr(err, want))
        fail_msg("error \"%s\" lacks \"%s\"", err, want);

    assert_int_equal(chmod(path, 0600), 0);
    assert_true(config_load(&cfg, NULL, err, sizeof err));
    assert_string_equal(cfg.path, path);
    const config_profile_t *p = config_find_profile(&cfg, "p");
    assert_non_null(p);
    unsetenv("TRUEDY_KEY");
    char *key = config_profile_key(p, err, sizeof err);
    assert_null(key);
    assert_non_null(strstr(err, "TRUEDY_KEY"));
    setenv("TRUEDY_KEY", "tk_secret_value_WXYZ", 1);
    key = config_profile_key(p, err, sizeof err);
    assert_string_equal(key, "tk_secret_value_WXYZ");
    config_key_free(key);
    unsetenv("TRUEDY_KEY");
    config_free(&cfg);

    /* A broken line in a real file is reported with that file's name. */
    write_file(path, "[profile p]\nprovider = truedy\noops\n", 0600);
    assert_false(config_load(&cfg, NULL, err, sizeof err));
    snprintf(want, sizeof want, "%s:3:", path);
    assert_non_null(strstr(err, want));
}

static void test_key_file(void **state)
{
    (void)state;
    char kpath[600], text[800];
    snprintf(kpath, sizeof kpath, "%s/omni.key", dir);
    write_file(kpath, "  sk-file-key-1234  \nsecond line ignored\n", 0640);
    snprintf(text, sizeof text, "[profile f]\nprovider = omnidim\napi_key_file = %s\n", kpath);
    config_t cfg;
    char err[1024] = "";
    assert_true(config_parse(&cfg, text, "cfg", err, sizeof err));
    const config_profile_t *p = config_find_profile(&cfg, "f");
    char *key = config_profile_key(p, err, sizeof err);
    assert_null(key);
    char want[700];
    snprintf(want, sizeof want, "chmod 600 %s", kpath);
    assert_non_null(strstr(err, want));
    assert_null(strstr(err, "sk-file")); /* the refusal never shows the key */

    assert_int_equal(chmod(kpath, 0600), 0);
    key = config_profile_key(p, err, sizeof err);
    assert_non_null(key);
    assert_string_equal(key, "sk-file-key-1234");
    config_key_free(key);

    write_file(kpath, "\n", 0600);
    key = config_profile_key(p, err, sizeof err);
    assert_null(key);
    assert_non_null(strstr(err, "empty"));
    config_free(&cfg);
}

static void test_plain_http_only_on_loopback(void **state)
{
    (void)state;
    assert_true(config_url_is_loopback("http://127.0.0.1:8377"));
    assert_true(config_url_is_loopback("http://127.1.2.3/x"));
    assert_true(config_url_is_loopback("http://localhost:9"));
    assert_true(config_url_is_loopback("http://[::1]:8377/"));
    assert_false(config_url_is_loopback("http://127.0.0.1.evil.example/"));
    assert_false(config_url_is_loopback("http://10.0.0.1:8377"));
    assert_false(config_url_is_loopback("http://localhost.example.com"));
    assert_false(config_url_is_loopback("http://user@example.com@127.0.0.1/"));
    expect_error("[profile r]\nprovider = truedy\napi_key_env = K\nbase_url = http://api.truedy.ai\n",
                 "/home/u/.config/dialtop/config:1: profile 'r': plain http://");
    config_t cfg;
    char err[256];
    assert_true(config_parse(&cfg, "[profile r]\nprovider = truedy\napi_key_env = K\n"
                                   "base_url = http://10.1.1.1\ninsecure = true\n",
                             "cfg", err, sizeof err));
    config_free(&cfg);
    assert_true(config_parse(&cfg, "[profile r]\nprovider = truedy\napi_key_env = K\n"
                                   "base_url = http://127.0.0.1:8377\n",
                             "cfg", err, sizeof err));
    config_free(&cfg);
}

static void test_default_path(void **state)
{
    (void)state;
    setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
    char *p = config_default_path();
    assert_string_equal(p, "/x/cfg/dialtop/config");
    free(p);
    unsetenv("XDG_CONFIG_HOME");
    setenv("HOME", "/home/op", 1);
    p = config_default_path();
    assert_string_equal(p, "/home/op/.config/dialtop/config");
    free(p);
}

/* The host is the one libcurl's URL parser yields: "?", "#" and user info
 * cannot smuggle a remote host past the loopback check. */
static void test_url_guard_hostile(void **state)
{
    (void)state;
    static const char *const hostile[] = {
        "http://10.255.255.1#@127.0.0.1",   "http://10.255.255.1?@127.0.0.1",
        "http://10.255.255.1/#@127.0.0.1",  "http://127.0.0.1@10.255.255.1",
        "http://localhost@10.0.0.1:8765",   "http://[::ffff:10.0.0.1]/",
        "http://127.0.0.1.nip.io",          "http://0/",
        "ftp://127.0.0.1/",
        "not a url",                        "",
    };
    char why[200];
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        assert_false(config_url_is_loopback(hostile[i]));
        assert_false(config_url_check(hostile[i], false, why, sizeof why));
    }
    assert_true(config_url_is_loopback("http://127.1:8765"));
    assert_true(config_url_is_loopback("http://[::ffff:127.0.0.1]:1/"));
    assert_true(config_url_check("http://LOCALHOST:9/", false, why, sizeof why));
    assert_false(config_url_check("http://127.0.0.1/#frag", false, why, sizeof why));
    /* loopback really (user info "10.0.0.1#"), but refused: it reads as remote */
    assert_false(config_url_check("http://10.0.0.1%23@127.0.0.1", false, why, sizeof why));
    assert_true(config_url_check("https://api.example.com/#x", false, why, sizeof why));
    assert_true(config_url_check("http://10.0.0.1:8765", true, why, sizeof why));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_full),
        cmocka_unit_test(test_inline_comments),
        cmocka_unit_test(test_errors_name_file_and_line),
        cmocka_unit_test(test_builtin_sim_profile),
        cmocka_unit_test(test_in_memory_profile),
        cmocka_unit_test(test_permissions),
        cmocka_unit_test(test_key_file),
        cmocka_unit_test(test_plain_http_only_on_loopback),
        cmocka_unit_test(test_url_guard_hostile),
        cmocka_unit_test(test_default_path),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
