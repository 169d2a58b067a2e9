/* `dialtop --keys-markdown` and `dialtop --keys-man`: the console's keys
 * as a Markdown table (README.md) and as a roff list (docs/dialtop.1's
 * KEYS section), made from the same two tables the console itself runs on
 * (the keymap's commands with their scopes and key codes, and the model's
 * action table), so both copies are checked against the program instead
 * of kept in step by hand (tests/e2e/test_readme_keys.sh,
 * tests/e2e/test_man_keys.sh). */
#ifndef DIALTOP_KEYS_MARKDOWN_H
#define DIALTOP_KEYS_MARKDOWN_H

#include <stdio.h>

void keys_markdown_print(FILE *out);
void keys_man_print(FILE *out);

#endif
