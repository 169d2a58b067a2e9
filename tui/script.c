/* `dialtop --script FILE` (see script.h): the script is parsed whole into
 * steps before anything starts, so a typo costs no run. The screen is
 * ncurses' own: output goes to /dev/null and the text is read back from
 * curscr, which is exactly what a terminal would have been sent. */
#include "script.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "ui.h"

#define DEFAULT_COLS 120 /* the tmux tests' pane, so a test moves over as is */
#define DEFAULT_ROWS 40
#define DEFAULT_TIMEOUT_S 10.0
#define WAIT_POLL_MS 50 /* how often a waiting condition is looked at again */
#define SCREEN_MAX 1000 /* rows or columns: a size past this is a typo */

typedef enum {
    STEP_KEYS,
    STEP_RESIZE,
    STEP_TIMEOUT,
    STEP_WAIT_IDLE,
    STEP_WAIT_FOR,
    STEP_WAIT_GONE,
    STEP_DUMP,
    STEP_SAVE,
} step_kind_t;

/* What a command takes after its name. */
typedef enum {
    ARG_NONE,
    ARG_KEY_NAMES, /* one or more key names */
    ARG_BYTES,     /* the rest of the line, each byte a key */
    ARG_TEXT,      /* the rest of the line */
    ARG_SIZE,      /* COLS ROWS */
    ARG_SECONDS,
} arg_kind_t;

/* The commands, as data: the parser and its refusals come from here. */
static const struct {
    const char *name;
    step_kind_t kind;
    arg_kind_t arg;
    const char *usage;
} commands[] = {
    {"key", STEP_KEYS, ARG_KEY_NAMES, "key NAME..."},
    {"type", STEP_KEYS, ARG_BYTES, "type TEXT"},
    {"resize", STEP_RESIZE, ARG_SIZE, "resize COLS ROWS"},
    {"timeout", STEP_TIMEOUT, ARG_SECONDS, "timeout SECONDS"},
    {"wait-idle", STEP_WAIT_IDLE, ARG_NONE, "wait-idle"},
    {"wait-for", STEP_WAIT_FOR, ARG_TEXT, "wait-for TEXT"},
    {"wait-gone", STEP_WAIT_GONE, ARG_TEXT, "wait-gone TEXT"},
    {"dump", STEP_DUMP, ARG_NONE, "dump"},
    {"save-display", STEP_SAVE, ARG_TEXT, "save-display PATH"},
};

/* Key names, as tmux send-keys spells them, so a test reads the same. */
static const struct {
    const char *name;
    int key;
} key_names[] = {
    /* the terminal is in nonl mode: Enter arrives as CR */
    {"Enter", '\r'},         {"Esc", 27},           {"Escape", 27},
    {"Tab", '\t'},           {"BTab", KEY_BTAB},    {"Space", ' '},
    {"BSpace", KEY_BACKSPACE}, {"Up", KEY_UP},      {"Down", KEY_DOWN},
    {"Left", KEY_LEFT},      {"Right", KEY_RIGHT},  {"PgUp", KEY_PPAGE},
    {"PageUp", KEY_PPAGE},   {"PgDn", KEY_NPAGE},   {"PageDown", KEY_NPAGE},
    {"Home", KEY_HOME},      {"End", KEY_END},      {"Del", KEY_DC},
    {"Delete", KEY_DC},      {"IC", KEY_IC},
};

typedef struct {
    step_kind_t kind;
    int line;
    int *keys;
    size_t nkeys;
    char *text;
    int cols, rows;
    double seconds;
} step_t;

struct script {
    char *path;
    step_t *steps;
    size_t n, cap;
    size_t at;         /* the step under way */
    size_t key_at;     /* within a STEP_KEYS */
    bool waiting;      /* the current step is a wait that has begun */
    size_t reached_at;     /* the screen step last reached, + 1 (0: none) */
    bool drawn_since;      /* the loop drew the screen after it was reached */
    double wait_start; /* monotonic seconds */
    double timeout_s;
    int cols, rows;
    FILE *out, *in;    /* the screen's streams */
    SCREEN *screen;
    int status;
    char err[512];
    char *last_screen; /* the screen when a wait gave up */
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- parsing --------------------------------------------------------------- */

static int key_from_name(const char *name)
{
    size_t len = strlen(name);
    if (len == 1)
        return (unsigned char)name[0];
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
        if (strcasecmp(name, key_names[i].name) == 0)
            return key_names[i].key;
    /* C-x: the control character, as the terminal sends it */
    if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
        ((name[2] >= '@' && name[2] <= '_') || (name[2] >= 'a' && name[2] <= 'z')))
        return name[2] & 0x1f;
    if ((name[0] == 'F' || name[0] == 'f') && len <= 3) {
        char *end;
        long n = strtol(name + 1, &end, 10);
        if (*end == '\0' && n >= 1 && n <= 12)
            return KEY_F((int)n);
    }
    return -1;
}

static bool add_key(step_t *st, int key)
{
    int *k = realloc(st->keys, (st->nkeys + 1) * sizeof *k);
    if (!k)
        return false;
    st->keys = k;
    st->keys[st->nkeys++] = key;
    return true;
}

/* Fills `st` from the arguments of one command; false with err set. */
static bool parse_args(step_t *st, arg_kind_t arg, const char *rest, const char *usage,
                       char *err, size_t err_len)
{
    switch (arg) {
    case ARG_NONE:
        if (*rest) {
            snprintf(err, err_len, "\"%s\" takes nothing after it", usage);
            return false;
        }
        return true;
    case ARG_KEY_NAMES: {
        char *copy = strdup(rest);
        if (!copy) {
            snprintf(err, err_len, "out of memory");
            return false;
        }
        char *save = NULL;
        for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
            int key = key_from_name(w);
            if (key < 0) {
                snprintf(err, err_len, "unknown key \"%.40s\" (a character, Enter, Esc, Tab, "
                                       "Space, BSpace, Up, Down, PgUp, F1, C-x, ...)", w);
                free(copy);
                return false;
            }
            if (!add_key(st, key)) {
                snprintf(err, err_len, "out of memory");
                free(copy);
                return false;
            }
        }
        free(copy);
        if (st->nkeys == 0) {
            snprintf(err, err_len, "\"%s\" needs at least one key", usage);
            return false;
        }
        return true;
    }
    case ARG_BYTES:
        for (const char *p = rest; *p; p++)
            if (!add_key(st, (unsigned char)*p)) {
                snprintf(err, err_len, "out of memory");
                return false;
            }
        if (st->nkeys == 0) {
            snprintf(err, err_len, "\"%s\" needs the text to type", usage);
            return false;
        }
        return true;
    case ARG_TEXT:
        if (!*rest) {
            snprintf(err, err_len, "\"%s\" needs its text", usage);
            return false;
        }
        st->text = strdup(rest);
        if (!st->text) {
            snprintf(err, err_len, "out of memory");
            return false;
        }
        return true;
    case ARG_SIZE: {
        char *end;
        long c = strtol(rest, &end, 10);
        long r = end != rest ? strtol(end, &end, 10) : 0;
        while (*end == ' ' || *end == '\t')
            end++;
        if (*end || c < 1 || r < 1 || c > SCREEN_MAX || r > SCREEN_MAX) {
            snprintf(err, err_len, "\"%s\" takes two whole numbers from 1 to %d", usage,
                     SCREEN_MAX);
            return false;
        }
        st->cols = (int)c;
        st->rows = (int)r;
        return true;
    }
    case ARG_SECONDS: {
        char *end;
        errno = 0;
        double s = strtod(rest, &end);
        if (end == rest || *end || errno || !(s > 0) || s > 3600) {
            snprintf(err, err_len, "\"%s\" takes a number of seconds above 0, at most 3600",
                     usage);
            return false;
        }
        st->seconds = s;
        return true;
    }
    }
    return false;
}

/* One line into a step; false with err set. Blank lines and comments
 * make no step. */
static bool parse_line(script_t *s, char *line, int lineno, char *err, size_t err_len)
{
    line[strcspn(line, "\r\n")] = '\0';
    while (*line == ' ' || *line == '\t')
        line++;
    if (!*line || *line == '#')
        return true;
    size_t nlen = strcspn(line, " \t");
    char *rest = line + nlen;
    while (*rest == ' ' || *rest == '\t')
        rest++;
    /* trailing blanks are invisible in the file: never part of a text */
    size_t rlen = strlen(rest);
    while (rlen && (rest[rlen - 1] == ' ' || rest[rlen - 1] == '\t'))
        rest[--rlen] = '\0';
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strlen(commands[i].name) != nlen || strncmp(line, commands[i].name, nlen) != 0)
            continue;
        if (s->n == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 32;
            step_t *st = realloc(s->steps, cap * sizeof *st);
            if (!st) {
                snprintf(err, err_len, "out of memory");
                return false;
            }
            s->steps = st;
            s->cap = cap;
        }
        step_t *st = &s->steps[s->n];
        memset(st, 0, sizeof *st);
        st->kind = commands[i].kind;
        st->line = lineno;
        s->n++; /* counted before the arguments, so a failure frees them */
        return parse_args(st, commands[i].arg, rest, commands[i].usage, err, err_len);
    }
    char names[256] = "";
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        size_t used = strlen(names);
        snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "", commands[i].name);
    }
    snprintf(err, err_len, "unknown command \"%.*s\" (the commands: %s)",
             (int)(nlen > 40 ? 40 : nlen), line, names);
    return false;
}

static void script_free(script_t *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->steps[i].keys);
        free(s->steps[i].text);
    }
    free(s->steps);
    free(s->path);
    free(s->last_screen);
    free(s);
}

script_t *script_open(const char *path, char *err, size_t err_len)
{
    script_t *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        snprintf(err, err_len, "out of memory");
        script_free(s);
        return NULL;
    }
    s->cols = DEFAULT_COLS;
    s->rows = DEFAULT_ROWS;
    s->timeout_s = DEFAULT_TIMEOUT_S;
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, err_len, "script %s: %s", path, strerror(errno));
        script_free(s);
        return NULL;
    }
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0;
    char why[384] = "";
    bool ok = true;
    while (ok && getline(&line, &cap, f) >= 0) {
        lineno++;
        ok = parse_line(s, line, lineno, why, sizeof why);
    }
    if (ok && ferror(f)) {
        snprintf(why, sizeof why, "%s", strerror(errno));
        ok = false;
    }
    free(line);
    fclose(f);
    if (!ok) {
        snprintf(err, err_len, "script %s:%d: %s", path, lineno, why);
        script_free(s);
        return NULL;
    }
    /* the first resize before any key sets the starting size: a test of a
     * small screen should not begin on a big one */
    if (s->n && s->steps[0].kind == STEP_RESIZE) {
        s->cols = s->steps[0].cols;
        s->rows = s->steps[0].rows;
        s->at = 1;
    }
    return s;
}

/* --- the screen ------------------------------------------------------------ */

bool script_screen_start(script_t *s, char *err, size_t err_len)
{
    /* Input: a pipe nobody writes to, also put on standard input, because
     * the loop waits on standard input for keys: an idle pipe makes that
     * wait a real one (a file or /dev/null would be "ready" at once, and
     * the loop would spin). The write end stays open so it never ends. */
    int fds[2];
    if (pipe(fds) != 0 || dup2(fds[0], STDIN_FILENO) < 0) {
        snprintf(err, err_len, "script: no input pipe: %s", strerror(errno));
        return false;
    }
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    close(fds[0]);
    s->in = fdopen(dup(STDIN_FILENO), "r");
    s->out = fopen("/dev/null", "w");
    if (!s->in || !s->out) {
        snprintf(err, err_len, "script: cannot open the screen's streams: %s", strerror(errno));
        return false;
    }
    /* a fixed terminal type: the dump is text only, and a run must not
     * depend on the caller's TERM */
    s->screen = newterm("xterm-256color", s->out, s->in);
    if (!s->screen)
        s->screen = newterm("xterm", s->out, s->in);
    if (!s->screen) {
        snprintf(err, err_len, "script: ncurses has no xterm terminal description");
        return false;
    }
    set_term(s->screen);
    resize_term(s->rows, s->cols);
    return true;
}

/* The screen as text, one line per row, trailing blanks dropped. */
static char *screen_text(void)
{
    int rows, cols;
    getmaxyx(curscr, rows, cols);
    size_t cap = (size_t)rows * ((size_t)cols * MB_LEN_MAX + 1) + 1;
    char *out = malloc(cap);
    wchar_t *w = malloc(((size_t)cols + 1) * sizeof *w);
    if (!out || !w) {
        free(out);
        free(w);
        return NULL;
    }
    size_t used = 0;
    for (int y = 0; y < rows; y++) {
        int n = mvwinnwstr(curscr, y, 0, w, cols);
        if (n < 0)
            n = 0;
        w[n] = L'\0';
        size_t keep = used;
        mbstate_t st;
        memset(&st, 0, sizeof st);
        for (int i = 0; i < n && w[i]; i++) {
            size_t m = wcrtomb(out + used, w[i], &st);
            if (m == (size_t)-1) {
                out[used] = '?';
                m = 1;
                memset(&st, 0, sizeof st);
            }
            used += m;
            if (w[i] != L' ')
                keep = used;
        }
        used = keep;
        out[used++] = '\n';
    }
    out[used] = '\0';
    free(w);
    return out;
}

static bool screen_has(const char *text)
{
    char *scr = screen_text();
    bool has = scr && strstr(scr, text);
    free(scr);
    return has;
}

/* --- running --------------------------------------------------------------- */

/* Nothing of the console's own network work is in flight, and every
 * profile (and the open campaign) has had its first answer or failure. */
static bool app_idle(const app_t *a)
{
    for (size_t i = 0; i < a->nsrc; i++) {
        const source_t *src = &a->src[i];
        if (!src->client)
            continue;
        if (src->list || src->poll.in_flight || src->live_op)
            return false;
        if (src->poll.last_ok == 0 && src->poll.failures == 0)
            return false;
    }
    const open_campaign_t *oc = &a->oc;
    if (oc->open) {
        if (oc->summary_op || oc->page_op || oc->page_loading >= 0 || oc->poll.in_flight)
            return false;
        if (oc->poll.last_ok == 0 && oc->poll.failures == 0)
            return false;
    }
    return true;
}

static void fail(script_t *s, app_t *a, const step_t *st, const char *why)
{
    snprintf(s->err, sizeof s->err, "script %s:%d: %s", s->path, st->line, why);
    free(s->last_screen);
    s->last_screen = screen_text();
    s->status = 1;
    a->quit = true;
}

static bool write_screen(FILE *f)
{
    char *scr = screen_text();
    bool ok = scr && fputs(scr, f) >= 0;
    free(scr);
    return ok;
}

/* A wait: true once `met`; past the time limit the script fails. */
static bool wait_until(script_t *s, app_t *a, const step_t *st, bool met, const char *what)
{
    if (met) {
        s->waiting = false;
        return true;
    }
    double now = now_s();
    if (!s->waiting) {
        s->waiting = true;
        s->wait_start = now;
    } else if (now - s->wait_start > s->timeout_s) {
        char why[400];
        snprintf(why, sizeof why, "%s after %g s", what, s->timeout_s);
        fail(s, a, st, why);
    }
    return false;
}

int script_next_key(script_t *s, app_t *a)
{
    while (s->at < s->n && !a->quit) {
        step_t *st = &s->steps[s->at];
        if (st->kind == STEP_KEYS) {
            if (s->key_at < st->nkeys)
                return st->keys[s->key_at++];
            s->key_at = 0;
            s->at++;
            continue;
        }
        if (st->kind == STEP_RESIZE) {
            resize_term(st->rows, st->cols);
            s->at++;
            return KEY_RESIZE;
        }
        if (st->kind == STEP_TIMEOUT) {
            s->timeout_s = st->seconds;
            s->at++;
            continue;
        }
        /* the rest read the screen: draw what the last key (or answer)
         * changed first, once. A modal that ticks on every turn (an import
         * reading) leaves the screen dirty for good; after one draw since
         * this step was reached its screen is current, and deferring again
         * starved the step: a wait never ran, nor timed out. */
        if (s->reached_at != s->at + 1) {
            s->reached_at = s->at + 1;
            s->drawn_since = false;
        }
        if (a->dirty && !s->drawn_since)
            return ERR;
        char what[300];
        switch (st->kind) {
        case STEP_WAIT_IDLE:
            if (!wait_until(s, a, st, app_idle(a), "still busy (a request in flight)"))
                return ERR;
            break;
        case STEP_WAIT_FOR:
            snprintf(what, sizeof what, "\"%.200s\" not on the screen", st->text);
            if (!wait_until(s, a, st, screen_has(st->text), what))
                return ERR;
            break;
        case STEP_WAIT_GONE:
            snprintf(what, sizeof what, "\"%.200s\" still on the screen", st->text);
            if (!wait_until(s, a, st, !screen_has(st->text), what))
                return ERR;
            break;
        case STEP_DUMP:
            if (!write_screen(stdout) || fflush(stdout) != 0) {
                fail(s, a, st, "cannot write the screen to standard output");
                return ERR;
            }
            break;
        case STEP_SAVE: {
            FILE *f = fopen(st->text, "w");
            bool ok = f && write_screen(f);
            if (f && fclose(f) != 0)
                ok = false;
            if (!ok) {
                snprintf(what, sizeof what, "cannot write the screen to %.200s: %s", st->text,
                         strerror(errno));
                fail(s, a, st, what);
                return ERR;
            }
            break;
        }
        default:
            break;
        }
        s->at++;
    }
    if (s->at >= s->n)
        a->quit = true; /* the end of the script is the end of the run */
    return ERR;
}

void script_drawn(script_t *s)
{
    s->drawn_since = true;
}

long script_timeout_ms(const script_t *s, long timeout_ms)
{
    long cap = s->waiting ? WAIT_POLL_MS : 0;
    return timeout_ms < 0 || timeout_ms > cap ? cap : timeout_ms;
}

int script_close(script_t *s)
{
    if (!s)
        return 0;
    int status = s->status;
    if (s->err[0]) {
        fprintf(stderr, "dialtop: %s\n", s->err);
        if (s->last_screen)
            fprintf(stderr, "---- screen ----\n%s----------------\n", s->last_screen);
    }
    if (s->screen)
        delscreen(s->screen);
    if (s->out)
        fclose(s->out);
    if (s->in)
        fclose(s->in);
    script_free(s);
    return status;
}
