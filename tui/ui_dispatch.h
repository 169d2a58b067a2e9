/* From a key to what it does. Owns the order a key is offered around: an
 * error on the status line takes the key as its acknowledgement, a too
 * small screen knows only quit, an open modal gets every key in its scope,
 * the mouse goes to the view, and otherwise the keymap turns the key into
 * a command (the view first, then the console's own: quit, back, help,
 * marks...) or an action. An action goes to the campaigns it applies to
 * (the marked ones, or the selected one), each checked by ui_action_state,
 * whose reason is the refusal the status line shows; the rest go to the
 * action layer's on_action. A resize is the loop's (app.c): it lays the
 * windows out again. */
#ifndef DIALTOP_UI_DISPATCH_H
#define DIALTOP_UI_DISPATCH_H

typedef struct app app_t;

/* One key (a curses key code, KEY_MOUSE included; not KEY_RESIZE). */
void ui_dispatch_key(app_t *a, int key);

#endif
