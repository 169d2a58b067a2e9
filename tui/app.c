/* The console's main loop: one thread owns ncurses. Each turn waits for a
 * key, a finished transfer or the next timer (sync_wait), handles what
 * came, and redraws once: wnoutrefresh per window, one doupdate. Start-up
 * (configuration, keymap, profiles, screen) and shut-down are here too;
 * what a key does is ui_dispatch.c's, the state the app_* calls change is
 * app_state.c's, and the signals are signals.c's. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"
#include "dlg_hint.h"
#include "signals.h"
#include "ui.h"
#include "ui_dispatch.h"

#define MIN_ROWS 24
#define MIN_COLS 80

/* --- screen ---------------------------------------------------------------- */

static void layout(app_t *a)
{
    WINDOW **ws[] = {&a->w_header, &a->w_body, &a->w_footer, &a->w_status};
    for (size_t i = 0; i < 4; i++)
        if (*ws[i]) {
            delwin(*ws[i]);
            *ws[i] = NULL;
        }
    getmaxyx(stdscr, a->rows, a->cols);
    a->too_small = a->rows < MIN_ROWS || a->cols < MIN_COLS;
    if (a->too_small)
        return;
    a->w_header = newwin(UI_HEADER_ROWS, a->cols, 0, 0);
    a->w_body = newwin(a->rows - UI_CHROME_ROWS, a->cols, UI_HEADER_ROWS, 0);
    a->w_footer = newwin(1, a->cols, a->rows - 2, 0);
    a->w_status = newwin(1, a->cols, a->rows - 1, 0);
    a->dirty = true;
}

static void draw_too_small(app_t *a)
{
    werase(stdscr);
    char msg[128];
    snprintf(msg, sizeof msg, "terminal too small: %dx%d, dialtop needs %dx%d", a->cols,
             a->rows, MIN_COLS, MIN_ROWS);
    mvwaddnstr(stdscr, a->rows / 2, 0, msg, a->cols);
    mvwaddnstr(stdscr, a->rows / 2 + 1, 0, dlg_hint_format(msg, sizeof msg, HINT_TOO_SMALL),
               a->cols);
    wnoutrefresh(stdscr);
}

static void draw_all(app_t *a)
{
    if (a->too_small) {
        draw_too_small(a);
        doupdate();
        return;
    }
    werase(a->w_body);
    const view_ops_t *v = app_view(a);
    v->draw(a, a->w_body, a->rows - UI_CHROME_ROWS, a->cols);
    werase(a->w_header);
    ui_draw_header(a, a->w_header, a->cols);
    werase(a->w_footer);
    ui_draw_footer(a, a->w_footer, a->cols);
    werase(a->w_status);
    ui_draw_status(a, a->w_status, a->cols);
    wnoutrefresh(a->w_header);
    wnoutrefresh(a->w_body);
    wnoutrefresh(a->w_footer);
    wnoutrefresh(a->w_status);
    if (a->modal && a->modal->draw)
        a->modal->draw(a, a->modal_ud);
    doupdate();
}

/* A resize lays the windows out again; every other key is ui_dispatch's. */
static void handle_key(app_t *a, int key)
{
    if (key == KEY_RESIZE) {
        a->dirty = true;
        layout(a);
        return;
    }
    ui_dispatch_key(a, key);
}

/* --- setup ----------------------------------------------------------------- */

static bool open_sources(app_t *a, char *err, size_t err_len)
{
    size_t want = a->opt.all_profiles ? a->cfg.nprofiles : 1;
    a->src = calloc(want ? want : 1, sizeof *a->src);
    if (!a->src)
        return false;
    for (size_t i = 0; i < want; i++) {
        const config_profile_t *p = a->opt.all_profiles
                                        ? &a->cfg.profiles[i]
                                        : config_find_profile(&a->cfg, a->opt.profile);
        if (!p) {
            snprintf(err, err_len, "no profile named \"%s\" in %s", a->opt.profile,
                     a->cfg.path ? a->cfg.path : "the configuration");
            return false;
        }
        source_t *s = &a->src[a->nsrc++];
        s->profile = p;
        if (p->api_key_env)
            snprintf(s->key_source, sizeof s->key_source, "%s", p->api_key_env);
        else if (p->api_key_file)
            snprintf(s->key_source, sizeof s->key_source, "%s", p->api_key_file);
        else if (p->api_key)
            snprintf(s->key_source, sizeof s->key_source, "the key dialtop --demo made");
        else if (p->builtin)
            snprintf(s->key_source, sizeof s->key_source, "DIALTOP_SIM_API_KEY");
        s->client = sync_client_new(a, p, s->error, sizeof s->error);
        if (!s->client && !a->opt.all_profiles) {
            snprintf(err, err_len, "profile %s: %s", p->name, s->error);
            return false;
        }
    }
    return a->nsrc > 0;
}

static bool screen_start(app_t *a, char *err, size_t err_len)
{
    if (a->script) {
        if (!script_screen_start(a->script, err, err_len))
            return false;
    } else {
        signals_save_tty();
        initscr();
    }
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
    /* getch() refreshes stdscr when it is touched; refreshing it once here
     * keeps it from ever painting over the views */
    refresh();
    signals_install();
    bool color = !a->opt.no_color && !(getenv("NO_COLOR") && *getenv("NO_COLOR"));
    theme_init(color, a->opt.theme);
    layout(a);
    return true;
}

/* Where keys come from: the terminal, or a --script file (script.c). */
static int next_key(app_t *a)
{
    return a->script ? script_next_key(a->script, a) : getch();
}

static void app_free(app_t *a)
{
    /* a modal still open at a quit signal holds what its close frees */
    if (a->modal && a->modal->close)
        a->modal->close(a, a->modal_ud);
    a->modal = NULL;
    if (a->opt.on_close)
        a->opt.on_close(a, a->opt.on_action_ud);
    sync_stop(a);
    rowset_free(&a->marks);
    rowset_free(&a->notes);
    free(a->src);
    table_free(&a->camps);
    camprows_free(&a->store);
    detail_clear(&a->detail);
    msglog_free(&a->log);
    config_free(&a->cfg);
}

int app_run(const app_options_t *opt)
{
    static app_t app; /* static: one console per process, kept off the stack */
    app_t *a = &app;
    memset(a, 0, sizeof *a);
    a->opt = *opt;
    setlocale(LC_ALL, "");
    char err[512] = "";
    if (opt->config) {
        a->cfg = *opt->config;
        memset(opt->config, 0, sizeof *opt->config);
        a->opt.config = NULL;
    } else if (!config_load(&a->cfg, opt->config_path, err, sizeof err)) {
        fprintf(stderr, "dialtop: %s\n", err);
        return 1;
    }
    /* a colliding remap would leave an operator pressing the wrong action
     * under pressure: refuse to start instead of guessing */
    if (!keymap_init(&a->keys, &a->cfg, err, sizeof err)) {
        fprintf(stderr, "dialtop: %s%s%s\n", a->cfg.path ? a->cfg.path : "", a->cfg.path ? ": " : "", err);
        config_free(&a->cfg);
        return 1;
    }
    if (!open_sources(a, err, sizeof err)) {
        fprintf(stderr, "dialtop: %s\n", err[0] ? err : "out of memory");
        app_free(a);
        return 1;
    }
    /* a script is read whole before anything starts: a bad line runs nothing */
    if (opt->script_path && !(a->script = script_open(opt->script_path, err, sizeof err))) {
        fprintf(stderr, "dialtop: %s\n", err);
        app_free(a);
        return 2;
    }
    camprows_init(&a->store);
    totals_init(&a->totals);
    view_campaigns_init_table(a);
    a->stack[0] = VIEW_CAMPAIGNS;
    a->depth = 1;
    if (!screen_start(a, err, sizeof err)) {
        fprintf(stderr, "dialtop: %s\n", err);
        script_t *script = a->script;
        app_free(a);
        script_close(script);
        return 1;
    }
    sync_start(a);
    a->dirty = true;
    long last_second = -1;
    while (!a->quit && !signals_quit_requested()) {
        a->now = poller_now();
        sync_tick(a, a->now);
        if (a->dirty) {
            a->dirty = false;
            draw_all(a);
            if (a->script)
                script_drawn(a->script);
        }
        long timeout = sync_timeout_ms(a, poller_now());
        if (a->modal && a->modal->tick && a->modal->tick(a, a->modal_ud)) {
            a->dirty = true;
            if (timeout > MODAL_TICK_MS)
                timeout = MODAL_TICK_MS;
        } else if (a->dirty) {
            /* the tick's last piece of work finished (a read done): draw it
             * now, not after a whole idle wait of up to a second */
            timeout = 0;
        }
        if (a->script)
            timeout = script_timeout_ms(a->script, timeout);
        sync_wait(a, timeout);
        /* A signal (SIGWINCH included) also ends the wait early; reading
         * keys without waiting catches KEY_RESIZE either way. */
        int key;
        while ((key = next_key(a)) != ERR && !a->quit)
            handle_key(a, key);
        long second = (long)poller_now();
        if (second != last_second) {
            last_second = second;
            a->dirty = true; /* "updated Ns ago" moves on */
        }
    }
    endwin();
    script_t *script = a->script;
    app_free(a);
    return script_close(script);
}
