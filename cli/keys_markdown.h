/* `dialtop --keys-markdown`: the console's keys as a Markdown table, made
 * from the same two tables the help screen uses (the keymap's navigation
 * commands and the model's action table), so README.md's copy is checked
 * against the program instead of kept in step by hand
 * (tests/e2e/test_readme_keys.sh). */
#ifndef DIALTOP_KEYS_MARKDOWN_H
#define DIALTOP_KEYS_MARKDOWN_H

#include <stdio.h>

void keys_markdown_print(FILE *out);

#endif
