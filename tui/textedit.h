/* One-line text fields (prompts, dialog forms): the editing keys they
 * all share, so Backspace and ^U behave the same in every field. */
#ifndef DIALTOP_TEXTEDIT_H
#define DIALTOP_TEXTEDIT_H

#include <stdbool.h>
#include <stddef.h>

/* Backspace (any of the codes terminals send) deletes the last character,
 * ^U clears as in a shell, printable ASCII is appended while it fits in
 * `cap`. True when `key` is one of these editing keys. */
bool textedit_key(char *buf, size_t cap, int key);

/* ^U: the clear key, for the dialogs' key lines (dlg_hint.h). */
#define TEXTEDIT_KEY_CLEAR 21

bool textedit_is_backspace(int key);

#endif
