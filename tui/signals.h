/* The console's signals. Owns what a signal may touch: the quit flag
 * (SIGINT, SIGTERM, SIGHUP end the loop, which then shuts down as on q)
 * and, for the fatal ones (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT), the
 * terminal modes and reset bytes saved beforehand, so a crash leaves a
 * usable terminal. SIGWINCH and SIGTSTP/SIGCONT are curses' own: it turns
 * a resize into KEY_RESIZE and restores the screen after a suspend. */
#ifndef DIALTOP_SIGNALS_H
#define DIALTOP_SIGNALS_H

#include <stdbool.h>

/* Before curses starts: the terminal's modes as the shell left them. */
void signals_save_tty(void);

/* After curses started (the reset bytes come from terminfo): the quit and
 * the fatal handlers. */
void signals_install(void);

/* A quit signal arrived: the loop ends. */
bool signals_quit_requested(void);

#endif
