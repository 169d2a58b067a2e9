/* The keys lists; see keys_markdown.h. */
#include "keys_markdown.h"

#include <stdbool.h>
#include <string.h>

#include "keymap.h"
#include "model.h"

/* Where a key works, in the words of the docs: the views, then the kinds
 * of dialog (each dialog's steps are these, see app_modal_t.scope). */
static const struct {
    unsigned bit;
    const char *name;
} scope_names[] = {
    {VIEW_BIT_CAMPAIGNS, "campaigns"},
    {VIEW_BIT_CONTACTS, "contacts"},
    {VIEW_BIT_DETAIL, "detail"},
    {VIEW_BIT_HELP, "help"},
    {MODAL_BIT_TEXT, "typed line"},
    {MODAL_BIT_FORM, "forms"},
    {MODAL_BIT_PICK, "import path, follow-up states"},
    {MODAL_BIT_PREVIEW, "import preview"},
    {MODAL_BIT_LIST, "rejected rows"},
    {MODAL_BIT_CONFIRM, "confirmations, review"},
    {MODAL_BIT_SCHEDULE, "reschedule"},
};

typedef enum { FMT_MARKDOWN, FMT_MAN } fmt_t;

/* Text as the format wants it: a Markdown cell holds no '|' and no
 * newline; roff reads a backslash as an escape and a '-' as a hyphen. */
static void put_text(FILE *out, fmt_t f, const char *s)
{
    for (; *s; s++) {
        if (f == FMT_MARKDOWN && *s == '|')
            fputs("\\|", out);
        else if (f == FMT_MAN && *s == '\\')
            fputs("\\e", out);
        else if (f == FMT_MAN && *s == '-')
            fputs("\\-", out);
        else
            fputc(*s == '\n' ? ' ' : *s, out);
    }
}

/* "`k` `Up`" or "\fBk\fR, \fBUp\fR" from "k Up". */
static void put_keys(FILE *out, fmt_t f, const char *keys)
{
    const char *p = keys;
    bool first = true;
    while (*p) {
        size_t n = strcspn(p, " ");
        if (n) {
            char one[32];
            snprintf(one, sizeof one, "%.*s", (int)n, p);
            if (f == FMT_MARKDOWN) {
                fprintf(out, "%s`%s`", first ? "" : " ", one);
            } else {
                fprintf(out, "%s\\fB", first ? "" : ", ");
                put_text(out, f, one);
                fputs("\\fR", out);
            }
            first = false;
        }
        p += n;
        p += strspn(p, " ");
    }
}

static void put_scopes(FILE *out, unsigned scope)
{
    bool first = true;
    if ((scope & MODAL_BITS_ALL) == MODAL_BITS_ALL) {
        fputs("every dialog", out);
        return;
    }
    if (scope & MODAL_BITS_ALL)
        fputs("dialog: ", out);
    for (size_t i = 0; i < sizeof scope_names / sizeof scope_names[0]; i++) {
        if (!(scope & scope_names[i].bit))
            continue;
        fprintf(out, "%s%s", first ? "" : ", ", scope_names[i].name);
        first = false;
    }
}

/* One key line: its keys, where it works, what it does. */
static void put_row(FILE *out, fmt_t f, const char *keys, unsigned scope, const char *help,
                    const char *extra)
{
    if (f == FMT_MARKDOWN) {
        fputs("| ", out);
        put_keys(out, f, keys);
        fputs(" | ", out);
        put_scopes(out, scope);
        fputs(" | ", out);
        put_text(out, f, help);
        put_text(out, f, extra);
        fputs(" |\n", out);
    } else {
        fputs(".TP\n", out);
        put_keys(out, f, keys);
        fputs("\n", out);
        put_text(out, f, help);
        put_text(out, f, extra);
        fputs(" (", out);
        put_scopes(out, scope);
        fputs(").\n", out);
    }
}

/* Every command with a key in `within`, then (for the views) the action
 * keys: everything the console binds there, nothing it does not. */
static void put_commands(FILE *out, fmt_t f, unsigned within)
{
    for (int c = CMD_NONE + 1; c < CMD_COUNT; c++) {
        const keymap_command_info_t *ci = keymap_command_info((keymap_cmd_t)c);
        char keys[96];
        keymap_command_keys((keymap_cmd_t)c, within, keys, sizeof keys);
        if (keys[0])
            put_row(out, f, keys, ci->scope & within, ci->help, "");
    }
    if (!(within & VIEW_BITS_ALL))
        return;
    for (int a = 0; a < ACTION_COUNT; a++) {
        const model_action_info_t *ai = model_action_info((action_t)a);
        char key[2] = {(char)ai->default_key, '\0'}, extra[160] = "";
        const char *sep = "; not offered by ";
        for (int p = 0; p < PROVIDER_COUNT; p++) {
            if (model_action_supported((provider_t)p, (action_t)a))
                continue;
            size_t o = strlen(extra);
            snprintf(extra + o, sizeof extra - o, "%s%s", sep, model_provider_label((provider_t)p));
            sep = ", ";
        }
        put_row(out, f, key, keymap_action_scope((action_t)a), ai->help, extra);
    }
}

void keys_markdown_print(FILE *out)
{
    /* one table (README's test compares it without its blank lines):
     * the views' keys, then the dialogs', whose other keys are text */
    fprintf(out, "| Key | Where | What it does |\n|---|---|---|\n");
    put_commands(out, FMT_MARKDOWN, VIEW_BITS_ALL);
    put_commands(out, FMT_MARKDOWN, MODAL_BITS_ALL);
}

void keys_man_print(FILE *out)
{
    put_commands(out, FMT_MAN, VIEW_BITS_ALL);
    fputs(".PP\nIn a dialog (other keys type into its field):\n", out);
    put_commands(out, FMT_MAN, MODAL_BITS_ALL);
}
