/* `dialtop --script FILE`: the console driven by a file instead of a
 * terminal, for tests that read screens (tig's test mode is the idea).
 * This module owns the script: it parses FILE before the screen starts
 * (a bad line is refused with its number, nothing runs), starts ncurses
 * on a fixed-size screen that is drawn into memory, hands the main loop
 * one key at a time, runs the wait and dump commands between keys, and
 * says how the run ended. The loop itself is the terminal's, unchanged:
 * the seam in app.c is only where keys come from and how long it waits.
 *
 * Script lines (one command each; blank lines and # comments skipped):
 *   key NAME...        keys by name: j, Enter, Esc, Tab, Space, BSpace,
 *                      Up, Down, Left, Right, PgUp, PgDn, Home, End, Del,
 *                      F1..F12, C-x (control), or one printable character
 *   type TEXT          every byte of TEXT as a key (the rest of the line)
 *   resize COLS ROWS   the screen's size (120 40 until told)
 *   timeout SECONDS    how long each wait may take (10 until told)
 *   wait-idle          until no request is in flight and every profile has
 *                      been asked at least once (network only; a dialog's
 *                      own work is waited for with wait-for)
 *   wait-for TEXT      until TEXT is on the screen
 *   wait-gone TEXT     until TEXT is no longer on the screen
 *   dump               the screen as text on standard output
 *   save-display PATH  the screen as text into PATH (replaced)
 * The console quits at the end of the script. A wait that times out ends
 * the run with status 1 and the screen on standard error. */
#ifndef DIALTOP_SCRIPT_H
#define DIALTOP_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct app app_t;
typedef struct script script_t;

/* Reads and checks the whole file. NULL with err set when it cannot be
 * read or a line is not a command (err names the line). */
script_t *script_open(const char *path, char *err, size_t err_len);

/* Starts ncurses on the in-memory screen instead of the terminal (the
 * caller then sets it up as for a terminal). False with err set when no
 * screen could be made. */
bool script_screen_start(script_t *s, char *err, size_t err_len);

/* The next key for the loop, or ERR when there is none this turn (a wait
 * not met yet, a screen not drawn yet, or the end: then a->quit is set). */
int script_next_key(script_t *s, app_t *a);

/* The loop's wait, shortened: none while the script can go on, a short
 * one while it waits for a condition (so its time limit is kept). */
/* The loop has drawn the screen: a step that reads it may go on. */
void script_drawn(script_t *s);
long script_timeout_ms(const script_t *s, long timeout_ms);

/* After endwin(): says why the script failed on stderr, frees it, and
 * returns the exit status (0: ran to its end or the console quit). */
int script_close(script_t *s);

#endif
