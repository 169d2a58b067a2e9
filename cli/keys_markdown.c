/* The keys table; see keys_markdown.h. */
#include "keys_markdown.h"

#include <stdbool.h>
#include <string.h>

#include "keymap.h"
#include "model.h"

static const struct {
    unsigned bit;
    const char *name;
} view_names[] = {
    {VIEW_BIT_CAMPAIGNS, "campaigns"},
    {VIEW_BIT_CONTACTS, "contacts"},
    {VIEW_BIT_DETAIL, "detail"},
    {VIEW_BIT_HELP, "help"},
};

/* "`k` `Up`" from "k Up": each key its own code span. */
static void print_keys(FILE *out, const char *keys)
{
    const char *p = keys;
    bool first = true;
    while (*p) {
        size_t n = strcspn(p, " ");
        if (n) {
            fprintf(out, "%s`%.*s`", first ? "" : " ", (int)n, p);
            first = false;
        }
        p += n;
        p += strspn(p, " ");
    }
}

static void print_views(FILE *out, unsigned views)
{
    bool first = true;
    for (size_t i = 0; i < sizeof view_names / sizeof view_names[0]; i++) {
        if (!(views & view_names[i].bit))
            continue;
        fprintf(out, "%s%s", first ? "" : ", ", view_names[i].name);
        first = false;
    }
}

/* Table cells hold no '|' and no newline. */
static void print_cell(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", out);
        else
            fputc(*s == '\n' ? ' ' : *s, out);
    }
}

void keys_markdown_print(FILE *out)
{
    fprintf(out, "| Key | Views | What it does |\n|---|---|---|\n");
    for (int c = CMD_NONE + 1; c < CMD_COUNT; c++) {
        const keymap_command_info_t *ci = keymap_command_info((keymap_cmd_t)c);
        fprintf(out, "| ");
        print_keys(out, ci->keys);
        fprintf(out, " | ");
        print_views(out, ci->views);
        fprintf(out, " | ");
        print_cell(out, ci->help);
        fprintf(out, " |\n");
    }
    for (int a = 0; a < ACTION_COUNT; a++) {
        const model_action_info_t *ai = model_action_info((action_t)a);
        char key[2] = {(char)ai->default_key, '\0'};
        fprintf(out, "| `%s` | ", key);
        /* Per-campaign actions work on the selected campaign in the list
         * and on the open one in its contacts; creating starts from the
         * list. */
        print_views(out, ai->per_campaign ? VIEW_BITS_LISTS : VIEW_BIT_CAMPAIGNS);
        fprintf(out, " | ");
        print_cell(out, ai->help);
        const char *sep = "; not offered by ";
        for (int p = 0; p < PROVIDER_COUNT; p++) {
            if (model_action_supported((provider_t)p, (action_t)a))
                continue;
            fprintf(out, "%s%s", sep, model_provider_label((provider_t)p));
            sep = ", ";
        }
        fprintf(out, " |\n");
    }
}
