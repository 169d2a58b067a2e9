/* The console's signals (see signals.h). A handler only sets a flag or
 * writes bytes prepared before it can run: nothing here may allocate or
 * call curses. */
#include "signals.h"

#include <curses.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t quit_signal;
static struct termios saved_tty;
static bool have_saved_tty;
/* Terminal reset bytes computed before the screen starts, so a crash
 * handler can restore the terminal with write(2) and tcsetattr(3), both
 * async-signal-safe, instead of calling endwin() from a signal. */
static char restore_seq[256];
static size_t restore_len;

static void on_quit_signal(int sig)
{
    (void)sig;
    quit_signal = 1;
}

static void on_fatal_signal(int sig)
{
    if (restore_len)
        (void)!write(STDOUT_FILENO, restore_seq, restore_len);
    if (have_saved_tty)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void append_cap(const char *cap)
{
    char *s = tigetstr((char *)cap);
    if (!s || s == (char *)-1)
        return;
    size_t n = strlen(s);
    if (restore_len + n < sizeof restore_seq) {
        memcpy(restore_seq + restore_len, s, n);
        restore_len += n;
    }
}

void signals_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_quit_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = on_fatal_signal;
    sa.sa_flags = SA_RESETHAND;
    int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
        sigaction(fatal[i], &sa, NULL);
    restore_len = 0;
    append_cap("sgr0");
    append_cap("cnorm");
    append_cap("rmcup");
    static const char mouse_off[] = "\033[?1000l\033[?1002l\033[?1006l";
    if (restore_len + sizeof mouse_off - 1 < sizeof restore_seq) {
        memcpy(restore_seq + restore_len, mouse_off, sizeof mouse_off - 1);
        restore_len += sizeof mouse_off - 1;
    }
}

void signals_save_tty(void)
{
    if (tcgetattr(STDIN_FILENO, &saved_tty) == 0)
        have_saved_tty = true;
}

bool signals_quit_requested(void)
{
    return quit_signal != 0;
}
