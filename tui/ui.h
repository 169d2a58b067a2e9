/* Console internals shared by the loop, the network side and the views:
 * the state of one running console and the view table. Not for use
 * outside tui/ (see app.h for the public surface). */
#ifndef DIALTOP_UI_H
#define DIALTOP_UI_H

#include <curses.h>

#include "app.h"
#include "config.h"
#include "contacts.h"
#include "alerts.h"
#include "keymap.h"
#include "msglog.h"
#include "figures.h"
#include "http.h"
#include "list_all.h"
#include "poller.h"
#include "camprows.h"
#include "rowset.h"
#include "table.h"
#include "totals.h"

typedef enum {
    VIEW_CAMPAIGNS,
    VIEW_CONTACTS,
    VIEW_DETAIL,
    VIEW_HELP,
    VIEW_COUNT
} view_id_t;

/* One screen: a table of functions, as htop's Panel and tig's view_ops. */
typedef struct {
    view_id_t id;
    unsigned bit;                 /* VIEW_BIT_* for the keymap */
    const char *title;
    void (*draw)(app_t *a, WINDOW *w, int rows, int cols);
    /* True when the view handled it; others fall to the app. */
    bool (*command)(app_t *a, keymap_cmd_t cmd);
    void (*click)(app_t *a, int row);   /* body row clicked */
    void (*wheel)(app_t *a, int delta);    /* mouse wheel, rows */
} view_ops_t;

extern const view_ops_t view_campaigns;
extern const view_ops_t view_contacts;
extern const view_ops_t view_detail;
extern const view_ops_t view_help;

/* What the network side knows of one profile, kept up to date by sync.c:
 * the status lines read it and never ask the transport themselves. */
typedef struct {
    bool insecure;                /* TLS verification off (profile `insecure`) */
    size_t list_rows;             /* the list walk in flight: rows so far */
    size_t list_pages;            /* ... and pages */
    bool list_cut;                /* the last list stopped at the row cap */
} source_net_t;

/* One configured profile and its polling. */
typedef struct {
    app_t *app;                   /* back pointers for the callbacks */
    int index;
    const config_profile_t *profile;
    client_t *client;             /* NULL when it could not start (see error) */
    poller_t poll;
    source_net_t net;
    list_all_t *list;             /* the list walk in flight, NULL none */
    size_t list_cap;              /* campaigns kept per list (sync.c's cap; tests lower it) */
    size_t list_requests;         /* pages the last walk asked for */
    model_campaign_t *acc;        /* the walk's rows while their figures are read */
    size_t nacc;
    figures_t *figs;              /* extra figures for the list (Sarvam), NULL until needed */
    char figs_error[API_ERROR_MSG_MAX]; /* last figures failure said, "" none */
    char key_source[160];         /* where the key comes from, for 401 advice */
    camprows_rules_t rules;       /* what needs attention, from the profile */
    double down_since;            /* unreachable since (monotonic), 0 = answering */
    bool down_alerted;
    char error[256];
    /* background per-campaign figures (OmniDim's live-status): one
     * request at a time, paced under the provider's limit */
    unsigned long live_op;
    char live_key[256];           /* row the request in flight is for */
    double live_asked_at;         /* when it was asked (camprows_apply_live) */
    double live_next;             /* earliest start of the next one */
    long live_requests;           /* sent, for the benchmarks and the help */
} source_t;

#define RATE_SAMPLES 60

/* The campaign whose contacts are open. */
typedef struct {
    bool open;
    int source;
    char key[256];                /* store key of the campaign */
    char *id;
    contacts_t cache;
    poller_t poll;                  /* summary and visible pages */
    unsigned long summary_op;
    figures_t *figs;              /* the summary's extra figures (Sarvam), NULL until needed */
    model_campaign_t *pending;    /* the summary while its figures are read */
    unsigned long page_op;
    long page_loading;            /* page index in flight, -1 none */
    double page_retry_at;         /* back-off after a failed page */
    int page_failures;
    /* Set when the provider cannot list contacts at all (Sarvam without a
     * webhook receiver): shown instead of the rows, and no page is asked
     * for again while the campaign stays open. */
    char contacts_unavailable[256];
    /* virtual list over the cache (no filter, no sort) */
    long sel, top;
    int rows_visible;
    /* filtered or sorted: an index over the loaded rows only */
    table_t table;
    const void **loaded;
    size_t nloaded, loaded_cap;
    unsigned long gen_seen;
    /* A filter or sort covers the whole campaign: the pages not yet
     * loaded are fetched in the background (Esc stops it) and kept. */
    bool all_stopped;             /* Esc (or the row cap) stopped it */
    /* A filter naming one contact state the provider filters by itself:
     * the cache holds that state's contacts only, asked of the provider */
    contact_state_t server_state; /* CONTACT_UNKNOWN: no server-side filter */
    /* A jump far ahead on cursor pages (G): the pages between are only
     * passed through (their cursors kept, no rows built) */
    bool walking;
    long walk_page, walk_to;      /* page passed last, page wanted */
    bool walk_stopped;            /* Esc: no further walking until a move */
    double walk_drawn_at;         /* progress redrawn at most once a second */
    long state_counts[CONTACT_STATE_COUNT]; /* over the loaded rows, by generation */
    unsigned long state_counts_gen;
    bool state_counts_valid;
    /* calls per minute, one sample per summary poll */
    double rate[RATE_SAMPLES];
    size_t nrate;
    long last_done;
    double last_done_t;
} open_campaign_t;

typedef struct {
    char **lines;                 /* sanitised */
    size_t n;
    size_t top;
} detail_t;

#define VIEW_STACK_MAX 6
/* Lines around a view's body: the header (where the data comes from, then
 * the totals line), the footer and the status line. */
#define UI_HEADER_ROWS 2
#define UI_CHROME_ROWS (UI_HEADER_ROWS + 2)

struct app {
    app_options_t opt;
    config_t cfg;
    keymap_t keys;
    source_t *src;
    size_t nsrc;
    http_transport_t *transport;  /* the one every profile's client shares (sync.c) */
    camprows_t store;
    totals_t totals;              /* the header's totals, on data change */
    table_t camps;
    open_campaign_t oc;
    detail_t detail;
    size_t help_top;
    view_id_t stack[VIEW_STACK_MAX];
    int depth;
    WINDOW *w_header, *w_body, *w_footer, *w_status;
    int rows, cols;
    bool too_small;
    bool quit;
    bool dirty;                   /* something to redraw */
    char flash[256];
    double flash_until;           /* an error's stays until the next key */
    poller_severity_t flash_sev;
    msglog_t log;                 /* every flash, with its time (M) */
    alerts_t alerts;              /* raised, until acknowledged (A) */
    rowset_t marks;               /* space-marked rows */
    rowset_t notes;               /* rows with an action in flight */
    const app_modal_t *modal;
    void *modal_ud;
    double now;
    struct script *script;        /* --script FILE: keys and dumps (script.c), else NULL */
};

const view_ops_t *app_view(const app_t *a);
void app_push_view(app_t *a, view_id_t v);
void app_pop_view(app_t *a);
void app_dirty(app_t *a);
/* app_msgs.c: M opens the message log (newest first) in the detail view */
void app_show_log(app_t *a);
/* Raises an alert about `row` (NULL: about the profile `source`). */
void app_raise_alert(app_t *a, alert_kind_t kind, int source, const camp_row_t *row);
/* The campaign an action or the detail view applies to, NULL when none. */
const camp_row_t *app_current_campaign(const app_t *a);

/* sync.c: the network side of the loop */
/* The client of profile `p` on the console's one transport, or NULL with
 * `err`. */
client_t *sync_client_new(app_t *a, const config_profile_t *p, char *err, size_t err_len);
void sync_start(app_t *a);
void sync_tick(app_t *a, double now);
long sync_timeout_ms(const app_t *a, double now);
/* Waits up to timeout for a key or a transfer; true when a key may be
 * waiting. */
bool sync_wait(app_t *a, long timeout_ms);
void sync_open_campaign(app_t *a, const camp_row_t *row);
void sync_close_campaign(app_t *a);
void sync_refresh_now(app_t *a);
/* Raises the alerts a row newly meets (sync.c). */
void sync_check_alarms(app_t *a, camp_row_t *r);
/* sync_live.c: background live figures of one profile; the wait until
 * the next is due (at most a second) */
void sync_live_tick(app_t *a, source_t *s, double now);
long sync_live_timeout_ms(const app_t *a, double now);
void sync_stop(app_t *a);

/* view_campaigns.c: sets up the campaign table's columns */
void view_campaigns_init_table(app_t *a);

/* view_contacts.c: the filter/sort index over loaded contacts */
void contacts_view_reindex(app_t *a);
/* A filter or sort is set on the contacts, so every page is wanted. */
bool contacts_view_wants_all(const app_t *a);

/* view_detail.c */
void detail_show_json(app_t *a, const char *title, const char *raw_json,
                      const char *const *extra, size_t nextra);
void detail_clear(detail_t *d);
/* The detail view over plain lines (the message log). */
void detail_show_lines(app_t *a, const char *title, const char *const *lines, size_t n);

/* ui_status.c: header, footer and status lines */
void ui_draw_header(app_t *a, WINDOW *w, int cols);
void ui_draw_footer(app_t *a, WINDOW *w, int cols);
void ui_draw_status(app_t *a, WINDOW *w, int cols);

/* filter prompt (ui_prompt.c) */
void ui_prompt_filter(app_t *a, table_t *t);

#endif
