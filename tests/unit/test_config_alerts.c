/* Unit tests for the attention and alert settings of a profile
 * (fail_warn_pct, fail_alert_pct, stall_polls, bell, notify_command). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "config.h"

static void test_defaults_and_values(void **state)
{
    (void)state;
    config_t cfg;
    char err[256];
    assert_true(config_parse(&cfg, "[profile a]\nprovider = truedy\napi_key_env = K\n", "cfg", err, sizeof err));
    assert_true(cfg.profiles[0].fail_warn_pct == CONFIG_FAIL_WARN_PCT);
    assert_true(cfg.profiles[0].fail_alert_pct == CONFIG_FAIL_ALERT_PCT);
    assert_int_equal(cfg.profiles[0].stall_polls, CONFIG_STALL_POLLS);
    assert_true(cfg.profiles[0].bell);
    assert_null(cfg.profiles[0].notify_command);
    config_free(&cfg);
    assert_true(config_parse(&cfg,
                             "[profile a]\nprovider = truedy\napi_key_env = K\nfail_warn_pct = 12.5\n"
                             "fail_alert_pct = 30\nstall_polls = 10\nbell = false\n"
                             "notify_command = /usr/bin/logger -t dialtop\n",
                             "cfg", err, sizeof err));
    assert_true(cfg.profiles[0].fail_warn_pct == 12.5);
    assert_true(cfg.profiles[0].fail_alert_pct == 30);
    assert_int_equal(cfg.profiles[0].stall_polls, 10);
    assert_false(cfg.profiles[0].bell);
    assert_string_equal(cfg.profiles[0].notify_command, "/usr/bin/logger -t dialtop");
    config_free(&cfg);
}

static void test_bad_values_named(void **state)
{
    (void)state;
    static const char *const bad[][2] = {
        {"fail_warn_pct = 101", "fail_warn_pct"},
        {"fail_alert_pct = -1", "fail_alert_pct"},
        {"fail_alert_pct = lots", "fail_alert_pct"},
        {"stall_polls = 1", "stall_polls"},
        {"bell = loud", "bell"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[128], err[256];
        snprintf(text, sizeof text, "[profile a]\nprovider = omnidim\napi_key_env = K\n%s\n", bad[i][0]);
        config_t cfg;
        assert_false(config_parse(&cfg, text, "cfg", err, sizeof err));
        assert_non_null(strstr(err, bad[i][1]));
        assert_non_null(strstr(err, "cfg:4"));
        config_free(&cfg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_and_values),
        cmocka_unit_test(test_bad_values_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
