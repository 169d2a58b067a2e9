/* Unit tests for tui/dlg_hint: every key a dialog's key line offers is the
 * key that does it in that dialog's scope (the in-dialog counterpart of
 * test_tui_keys_agree for the footer and help), and the lines read as
 * they did when they were written by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "dlg_hint.h"
#include "textedit.h"

/* The code of the key of `cmd` in `scope` labelled `label` (NULL: the
 * first key there), read straight from the command's key list. */
static int key_code(keymap_cmd_t cmd, unsigned scope, const char *label, size_t label_len)
{
    const keymap_command_info_t *ci = keymap_command_info(cmd);
    for (size_t i = 0; i < KEYMAP_KEYS_MAX && ci->keys[i].code; i++) {
        unsigned where = ci->keys[i].only ? (ci->keys[i].only & ci->scope) : ci->scope;
        if (!(where & scope))
            continue;
        char buf[32];
        keymap_key_label(ci->keys[i].code, buf, sizeof buf);
        if (!label || (strlen(buf) == label_len && strncmp(buf, label, label_len) == 0))
            return ci->keys[i].code;
    }
    return 0;
}

/* Each {ref} of each line: the key it shows does that command there. */
static void test_every_key_does_what_its_line_says(void **state)
{
    (void)state;
    keymap_t km;
    assert_true(keymap_init(&km, NULL, NULL, 0));
    for (int id = 0; id < DLG_HINT_COUNT; id++) {
        const dlg_hint_info_t *h = dlg_hint_info((dlg_hint_id_t)id);
        size_t refs = 0;
        for (const char *p = strchr(h->text, '{'); p; p = strchr(p + 1, '{')) {
            const char *close = strchr(p, '}');
            assert_non_null(close);
            const char *ref = p + 1;
            size_t len = (size_t)(close - ref);
            const char *eq = memchr(ref, '=', len);
            size_t name_len = eq ? (size_t)(eq - ref) : len;
            refs++;
            if (name_len == 11 && strncmp(ref, "clear-field", 11) == 0) {
                /* no command takes ^U in the dialog, so the field gets it */
                assert_int_equal(keymap_lookup(&km, TEXTEDIT_KEY_CLEAR, h->scope).kind,
                                 KEYMAP_HIT_NONE);
                char field[8] = "abc";
                assert_true(textedit_key(field, sizeof field, TEXTEDIT_KEY_CLEAR));
                assert_string_equal(field, "");
                continue;
            }
            keymap_cmd_t cmd = keymap_command_named(ref, name_len);
            if (cmd == CMD_NONE)
                fail_msg("line %d: {%.*s} names no command", id, (int)len, ref);
            int code = key_code(cmd, h->scope, eq ? eq + 1 : NULL,
                                eq ? len - name_len - 1 : 0);
            if (!code)
                fail_msg("line %d: {%.*s} has no such key in the line's scope", id, (int)len,
                         ref);
            keymap_hit_t hit = keymap_lookup(&km, code, h->scope);
            if (hit.kind != KEYMAP_HIT_COMMAND || hit.cmd != cmd)
                fail_msg("line %d: the key shown for {%.*s} does something else there", id,
                         (int)len, ref);
        }
        char out[DLG_LINE_LEN];
        dlg_hint_template((dlg_hint_id_t)id, out, sizeof out);
        assert_null(strchr(out, '{'));
        assert_true(refs > 0 || strstr(h->text, "any other key") || strstr(h->text, "any key"));
    }
}

/* The printf conversions of each template are the ones its row lists, so
 * a caller passing those arguments formats it safely. */
static void test_conversions_match_args(void **state)
{
    (void)state;
    for (int id = 0; id < DLG_HINT_COUNT; id++) {
        const dlg_hint_info_t *h = dlg_hint_info((dlg_hint_id_t)id);
        char seen[16] = "";
        for (const char *p = h->text; *p; p++) {
            if (*p != '%')
                continue;
            p++;
            size_t n = strspn(p, "lz");
            assert_true(strlen(seen) + n + 1 < sizeof seen);
            strncat(seen, p, n + 1);
            p += n;
        }
        if (strcmp(seen, h->args) != 0)
            fail_msg("line %d takes \"%s\", its row says \"%s\"", id, seen, h->args);
    }
}

/* The generated lines read exactly as the hand-written ones did (the
 * terminal tests wait for some of them). */
static void test_lines_read_as_before(void **state)
{
    (void)state;
    char b[DLG_LINE_LEN];
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_IMPORT_SETTINGS),
                        "Enter review  Tab/Up/Down field  ^U clear  Esc close, nothing uploaded");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_IMPORT_BROWSE),
                        "Up/Down PgUp/PgDn g/G browse  x write rejected rows to a CSV");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_IMPORT_PREVIEW),
                        "Enter validation report  Backspace file  Esc close");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_IMPORT_REPORT, 12L),
                        "Enter settings (uploads the 12 accepted)  Backspace preview  Esc close");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_REVIEW_ASK),
                        "create it anyway? y creates, any other key goes back");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_CANCEL_MANY, (size_t)2),
                        "type 2 and Enter = cancel them all   any other key = keep (No)");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_RESCHEDULE_PAUSE),
                        "  ^P pauses first, then Enter reschedules");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_PICK_PROFILE),
                        "Up/Down another profile");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_IMPORT_OPTIONS, "comma", "detect",
                                        "refused"),
                        "d delimiter (comma)  e encoding (detect)  p phone column  a detect all  "
                        "m premium numbers (refused)");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_WINDOW),
                        "Enter send  Tab/Up/Down field (Tab completes a zone)  ^U clear  Esc "
                        "close");
}

/* The mentions outside the dialogs' key lines (status line, views, a
 * field's note) read as they did when they were written by hand: the
 * terminal tests wait for some of them, and a drift in the table (a
 * command renamed, a key moved to another scope) shows here as a "?". */
static void test_mentions_read_as_before(void **state)
{
    (void)state;
    char b[DLG_LINE_LEN], k[32];
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_CLEAR_AGAIN), "; Esc again unmarks");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_STOP_LOADING), "Esc stops");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_TOO_SMALL),
                        "enlarge the window, or q to quit");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_ACKNOWLEDGED, (size_t)2, "s"),
                        "2 alerts acknowledged (kept in the message log, M)");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_ALERT, "10:00:00", "text", ""),
                        " ALERT 10:00:00 text  (A acknowledges, M shows all)");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_HELP_CLOSE),
                        "Mouse: click selects a row, the wheel scrolls. Esc or q closes this "
                        "help.");
    /* Esc on the list clears the filter; Esc in the prompt puts the
     * earlier filter back, so the hint names the list's key */
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_NO_MATCH),
                        "no campaign matches the filter (/ to change, Esc to clear)");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_UPLOAD_DONE), "any key closes");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_WINDOW_ZONE), "IANA, Tab completes");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_FORM_ZONE),
                        "IANA zone for the start and the working hours; Tab completes");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_REVIEW_TITLE),
                        "Review: nothing is sent until Enter");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_RESCHEDULE_NOT_PAUSED),
                        "pause it first (^P)");
    assert_string_equal(dlg_hint_format(b, sizeof b, HINT_FOLLOWUP_READ_ONLY, "p",
                                        dlg_hint_format(k, sizeof k, HINT_PROFILE_KEYS)),
                        "profile p is read-only: nothing can be created there (F again, and "
                        "Up/Down on the first step for another)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_key_does_what_its_line_says),
        cmocka_unit_test(test_conversions_match_args),
        cmocka_unit_test(test_lines_read_as_before),
        cmocka_unit_test(test_mentions_read_as_before),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
