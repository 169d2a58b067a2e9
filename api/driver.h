/* Provider drivers: pure translation between intents and HTTP.
 *
 * A driver turns an intent ("list page 2", "pause campaign 314") into a
 * request description, and a response (status, headers of interest, body)
 * into model values or a typed error. It never touches a socket, a clock
 * or a file, so every driver is tested with plain fixtures. Everything
 * else about a provider (names, statuses, rules, offers) is its
 * description (provider.h), which names its driver; adding a provider:
 * docs/adding-a-provider.md.
 *
 * Ownership: every `out` structure is filled only on success and must be
 * released with the matching *_free() function. On failure `out` is left
 * empty (safe to free) and `err` says why; a parser never hands back
 * half-filled records that look valid. */
#ifndef DIALTOP_DRIVER_H
#define DIALTOP_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "model.h"

/* --- requests ------------------------------------------------------------ */

typedef enum {
    HTTP_GET,
    HTTP_POST,
    HTTP_PUT,
    HTTP_PATCH,
    HTTP_DELETE
} http_method_t;


/* One HTTP request, fully described. Headers are complete "Name: value"
 * lines; the one carrying the API key is marked by `secret_header` so
 * nothing ever prints it. `idempotent` is true only for reads: the
 * transport retries those and never retries anything else. */
typedef struct {
    http_method_t method;
    char *url;               /* absolute, query string included */
    char **headers;          /* "Name: value" */
    size_t nheaders;
    int secret_header;       /* index into headers of the key line, -1 none */
    char *body;              /* JSON text or NULL */
    bool idempotent;
} api_request_t;

void api_request_init(api_request_t *r);
void api_request_free(api_request_t *r);

/* What a parser needs from a finished exchange. */
typedef struct {
    long status;             /* HTTP status */
    const char *body;        /* not necessarily NUL-terminated */
    size_t body_len;
    long retry_after_s;      /* Retry-After header in seconds, -1 when absent;
                                at most API_WAIT_MAX_S */
    bool retry_after_capped; /* the header asked for more than API_WAIT_MAX_S */
    time_t received_at;      /* when it arrived; turns a provider's absolute
                                reset time into seconds to wait (0 = unknown) */
} api_response_t;

/* --- errors -------------------------------------------------------------- */

typedef enum {
    API_OK,
    API_ERR_AUTH,            /* 401, 403: key missing, wrong or not allowed */
    API_ERR_NOT_FOUND,       /* 404 */
    API_ERR_REFUSED,         /* 409 or 400 refusing a transition; message names the state */
    API_ERR_VALIDATION,      /* 400, 422 on input; `field` names it when known */
    API_ERR_RATE_LIMITED,    /* 429; `retry_after_s` says how long to wait */
    API_ERR_SERVER,          /* 5xx */
    API_ERR_NETWORK,         /* DNS, connection refused or reset, timeout, TLS */
    API_ERR_PARSE,           /* body not JSON or of the wrong shape */
    API_ERR_UNSUPPORTED,     /* the provider does not offer it, or the model refuses
                                it in this state; no request was sent */
    API_ERR_KIND_COUNT
} api_error_kind_t;

#define API_ERROR_MSG_MAX 256
#define API_ERROR_FIELD_MAX 64

/* A value type: copy it freely. `message` is one operator-readable line
 * (already free of the API key; provider text is passed through as sent,
 * so the UI still sanitises it before drawing). */
typedef struct {
    api_error_kind_t kind;
    long http_status;                 /* 0 when no HTTP response (network, unsupported) */
    char message[API_ERROR_MSG_MAX];
    char field[API_ERROR_FIELD_MAX];  /* "" when not a field error */
    long retry_after_s;               /* RATE_LIMITED: seconds to wait; -1 when unknown
                                         (the caller then backs off on its own) */
    bool retry_after_capped;          /* the provider asked for more than API_WAIT_MAX_S */
    bool not_sent;                    /* NETWORK: no connection was made (DNS, refused),
                                         so the request cannot have arrived */
} api_error_t;

/* The longest wait a provider may impose (Retry-After, a reset time): a
 * reply asking for more (99999999999999999999 s) waits this long, and the
 * screen says it was capped. */
#define API_WAIT_MAX_S 3600L
/* `s` seconds within [0, API_WAIT_MAX_S]; *capped (may be NULL) says
 * whether it was cut down. */
long api_wait_clamp(long s, bool *capped);

const char *api_error_kind_name(api_error_kind_t k);   /* "rate_limited" */
/* True for the kinds that prove the provider turned the request away
 * before acting on it (auth, refused, validation, rate limited,
 * unsupported, not found): a create that failed so made nothing, and a
 * retry cannot make a second campaign. A network, server or parse error
 * proves nothing. */
bool api_error_changed_nothing(const api_error_t *e);
void api_error_clear(api_error_t *e);                  /* kind API_OK, empty text */
/* Sets kind, status and a printf-style message; returns false so a caller
 * can `return api_error_set(...)`. */
bool api_error_set(api_error_t *e, api_error_kind_t kind, long http_status,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* True for kinds where trying again later may help (network, 5xx, 429). */
bool api_error_is_transient(const api_error_t *e);

/* --- pagination ---------------------------------------------------------- */

typedef enum {
    PAGE_BY_NUMBER,          /* OmniDim campaign list: pageno=1.. */
    PAGE_BY_OFFSET,          /* Truedy, Sarvam: offset=0.. */
    PAGE_BY_CURSOR           /* OmniDim lines: opaque next_cursor */
} api_page_style_t;

#define API_CURSOR_MAX 512

/* Where a page starts. Only the member matching the endpoint's style is
 * used; api_page_first() sets all of them for the first page. A parser
 * fills the cursor for the next page and sets `end` when there is none. */
typedef struct {
    long page;                    /* 1-based */
    long offset;                  /* 0-based */
    char cursor[API_CURSOR_MAX];  /* "" for the first page */
    int limit;                    /* rows per page; 0 = the driver's default */
    bool end;                     /* no further page */
} api_page_t;

void api_page_first(api_page_t *p, int limit);

typedef struct {
    model_campaign_t *items;
    size_t n;
    long total;                   /* across all pages, -1 when unknown */
    api_page_t next;              /* next.end when this was the last page */
    /* Records left out as unusable (no id, not an object): the rest of the
     * page is kept, and `skip_note` says why the first one was skipped. */
    size_t skipped;
    char skip_note[API_ERROR_MSG_MAX];
} api_campaign_page_t;

typedef struct {
    model_contact_t *items;
    size_t n;
    long total;                   /* -1 when unknown */
    api_page_t next;
    size_t skipped;               /* as in api_campaign_page_t */
    char skip_note[API_ERROR_MSG_MAX];
} api_contact_page_t;

void api_campaign_page_free(api_campaign_page_t *p);
void api_contact_page_free(api_contact_page_t *p);

/* --- actions and creation ------------------------------------------------ */

/* Reschedule target. `when` is local wall-clock time in `timezone`,
 * "YYYY-MM-DD HH:MM:SS"; drivers convert to their own spelling. */
typedef struct {
    const char *when;
    const char *timezone;         /* IANA name; NULL = keep the campaign's */
    /* Sarvam (model_reschedule_kind RESCHEDULE_SETS_WINDOW): the complete
     * working window, already merged with the campaign's details; `when`
     * is then NULL (its start cannot move) and `timezone` required. */
    bool window;
    const char *window_start;     /* "HH:MM" */
    const char *window_end;
    unsigned window_days;         /* bit 0 = Monday .. bit 6 = Sunday, not 0 */
    const char *end_at;           /* ISO 8601 UTC instant ("...Z"); NULL = keep */
} api_reschedule_t;

/* Arguments of the actions that take some (OmniDim's manual_retry and
 * concurrency). Reasons are the provider's spelling ("no-answer", "busy"). */
#define API_RETRY_REASONS_MAX 8
typedef struct {
    const char *reasons[API_RETRY_REASONS_MAX];
    size_t nreasons;
    int max_retries;              /* < 0: the provider's default */
    int concurrency;              /* ACTION_CONCURRENCY: the new limit, >= 1 */
} api_action_args_t;

/* What a provider confirmed after an action. `state` is CAMPAIGN_UNKNOWN
 * when the reply named no status (the caller then refetches). */
typedef struct {
    campaign_state_t state;
    char raw_state[64];
    char message[API_ERROR_MSG_MAX]; /* provider's message, "" when none */
} api_action_result_t;

/* Reads contact `i` (0 <= i < ncontacts) of a create's list into `out`,
 * which the reader initialises and the driver frees with
 * model_contact_free() once the contact is serialised. False when it
 * cannot (out of memory); `out` then holds nothing to free. */
typedef bool (*api_contact_reader_t)(const void *src, size_t i, model_contact_t *out);

/* A campaign to create from an imported contact list. Each contact needs
 * `phone` (E.164); its vars become context variables (first_name,
 * last_name and email are lifted into Truedy's own fields).
 *
 * The contacts come from a reader, not an array. WHY: the import already
 * holds every contact in its compact store; an array of model_contact_t
 * beside it would be a second full copy of a 1,000,000-row list (several
 * times the file size). The drivers ask for one contact at a time while
 * writing it into the body (Sarvam: only the 1,000 of the chunk being
 * sent), so a contact exists as a model_contact_t only while it is
 * written. The source must outlive the create operation, and a contact
 * without a phone is refused (API_ERR_VALIDATION naming the provider's
 * phone field) when the driver reaches it, not up front, since checking
 * first would read the whole list twice. */
typedef struct {
    const char *name;
    api_contact_reader_t contact_at;
    const void *contacts_src;     /* handed to contact_at */
    size_t ncontacts;
    const char *scheduled_at;     /* "YYYY-MM-DD HH:MM:SS" local; NULL = start now */
    const char *timezone;         /* IANA; NULL = "UTC" */
    int concurrency;              /* <= 0: provider default */
    int retry_limit;              /* < 0: provider default */
    retry_schedule_t retry_schedule;
    int retry_after_hours;        /* RETRY_SCHEDULED_TIME: OmniDim retry_schedule_days/hours */
    const char *window_start;     /* "HH:MM" working window in `timezone`; NULL = none */
    const char *window_end;       /* (Truedy start_time/end_time, Sarvam allowed_*_time) */
    unsigned working_days;        /* bit 0 = Monday .. bit 6 = Sunday; 0 = every day */
    int max_calls_per_day;        /* Truedy; <= 0 = no cap */
    const char *phone_number_id;  /* OmniDim caller number (required there) */
    const char *agent_id;         /* Truedy agent_id, Sarvam app_id */
    bool draft;                   /* OmniDim save_as_draft: nothing dials until started */
} api_create_spec_t;

typedef struct {
    char id[128];                 /* new campaign id */
    campaign_state_t state;
    char raw_state[64];
    size_t contacts_accepted;     /* as reported (Sarvam: summed over cohorts); the client
                                     layer sets the number sent when the provider's
                                     reply carries no count (OmniDim) */
    size_t contacts_rejected;
} api_created_t;

/* Sarvam uploads contacts in chunks after the campaign exists. */
#define DRIVER_CHUNK_MAX 1000

/* Every provider refuses a request body over 16 MiB (API.md); the client
 * refuses to send one, so a list is cut into chunks that fit. */
#define DRIVER_BODY_MAX (16u * 1024u * 1024u)

#define CHUNK_REJECTS_KEPT 64

typedef struct {
    size_t accepted;
    size_t rejected;
    char status[32];              /* cohort status: processing/completed/failed */
    bool accepted_known;          /* false: the reply gave no count (then sent - rejected) */
    /* Positions within the chunk of the first rows the provider rejected
     * (OmniDim add_contacts), so the operator hears their CSV lines. */
    size_t rejected_at[CHUNK_REJECTS_KEPT];
    size_t nrejected_at;
} api_chunk_result_t;

/* --- the driver table ---------------------------------------------------- */

/* Where and how to reach one account. Strings are borrowed. */
typedef struct {
    const char *base_url;         /* without trailing slash, e.g. http://127.0.0.1:8765 */
    const char *api_key;
    const char *org_id;           /* Sarvam */
    const char *workspace_id;     /* Sarvam */
    /* Sarvam's contacts and counts come from a `dialtop hooks` receiver:
     * its base URL and token (NULL when the profile names none). */
    const char *hooks_url;
    const char *hooks_token;
    /* What a new Sarvam campaign's app_config.webhook_config.url is set to
     * ({hooks_public_url}/sarvam/{token}); NULL leaves it unset. */
    const char *hooks_webhook_url;
} driver_ctx_t;

/* Every build_* returns false with `err` set (and no request) when the
 * intent cannot be expressed; every parse_* returns false with a typed
 * error for non-2xx statuses, non-JSON bodies and wrong shapes.
 *
 * build_action consults model_action_allowed() first: an action the model
 * refuses in `state` (or the provider does not offer, e.g. Truedy cancel)
 * yields API_ERR_UNSUPPORTED with the model's reason and builds nothing. */
typedef struct driver {
    provider_t provider;
    api_page_style_t campaign_page_style;
    api_page_style_t contact_page_style;

    bool (*build_list_campaigns)(const driver_ctx_t *ctx, const api_page_t *page,
                                 const char *status_filter, api_request_t *out,
                                 api_error_t *err);
    bool (*parse_list_campaigns)(const api_response_t *resp, const api_page_t *page,
                                 api_campaign_page_t *out, api_error_t *err);

    bool (*build_get_campaign)(const driver_ctx_t *ctx, const char *id,
                               api_request_t *out, api_error_t *err);
    bool (*parse_get_campaign)(const api_response_t *resp, model_campaign_t *out,
                               api_error_t *err);

    bool (*build_list_contacts)(const driver_ctx_t *ctx, const char *campaign_id,
                                const api_page_t *page, const char *status_filter,
                                api_request_t *out, api_error_t *err);
    bool (*parse_list_contacts)(const api_response_t *resp, const api_page_t *page,
                                api_contact_page_t *out, api_error_t *err);

    /* `resched` is required for ACTION_RESCHEDULE, ignored otherwise. */
    bool (*build_action)(const driver_ctx_t *ctx, const char *campaign_id,
                         campaign_state_t state, action_t action,
                         const api_reschedule_t *resched, api_request_t *out,
                         api_error_t *err);
    bool (*parse_action)(const api_response_t *resp, action_t action,
                         api_action_result_t *out, api_error_t *err);

    bool (*build_create)(const driver_ctx_t *ctx, const api_create_spec_t *spec,
                         api_request_t *out, api_error_t *err);
    bool (*parse_create)(const api_response_t *resp, api_created_t *out,
                         api_error_t *err);

    /* Contacts sent after creation, in chunks of DRIVER_CHUNK_MAX (Sarvam).
     * create_chunk_count is 0 for providers that take contacts in the
     * create call; build/parse_create_chunk are then NULL. */
    size_t (*create_chunk_count)(const api_create_spec_t *spec);
    bool (*build_create_chunk)(const driver_ctx_t *ctx, const api_create_spec_t *spec,
                               const char *campaign_id, size_t chunk,
                               api_request_t *out, api_error_t *err);
    bool (*parse_create_chunk)(const api_response_t *resp, api_chunk_result_t *out,
                               api_error_t *err);

    /* A campaign's small live summary (state, counts, figures; no contact
     * list), for polling a running or open campaign. NULL when the
     * provider has none: the client then reads the campaign itself. */
    bool (*build_live_status)(const driver_ctx_t *ctx, const char *id, api_request_t *out,
                              api_error_t *err);
    bool (*parse_live_status)(const api_response_t *resp, model_campaign_t *out,
                              api_error_t *err);

    /* The provider's own spelling of a contact state for the contacts
     * list's status filter, or NULL when it cannot filter by that state
     * (the caller then filters the rows itself). NULL: no filter at all. */
    const char *(*contact_filter_value)(contact_state_t s);
    /* ACTION_RETRY and ACTION_CONCURRENCY, which carry arguments; NULL for
     * providers that offer neither. Replies go through parse_action. */
    bool (*build_action_args)(const driver_ctx_t *ctx, const char *campaign_id,
                              campaign_state_t state, action_t action,
                              const api_action_args_t *args, api_request_t *out,
                              api_error_t *err);
    /* Figures a campaign's own record lacks, read after it, one request
     * per part (Sarvam: the cohorts' contact total, then the receiver's
     * counts by state). figure_parts is NULL or answers 0 when there are
     * none; parse_figures merges part `part` into `c`. A part may come in
     * pages (Sarvam's cohorts list): build_figures is given the page's
     * `offset` (0 first), and parse_figures sets *next_offset > offset
     * when another page follows (0 when none). */
    size_t (*figure_parts)(const driver_ctx_t *ctx);
    bool (*build_figures)(const driver_ctx_t *ctx, const char *campaign_id, size_t part,
                          long offset, api_request_t *out, api_error_t *err);
    bool (*parse_figures)(const api_response_t *resp, size_t part, long offset,
                          model_campaign_t *c, long *next_offset, api_error_t *err);
    /* The same figures for a whole campaign list in one read (Sarvam: the
     * receiver's summaries of every campaign), merged into rows whose
     * total_contacts is already known or -1. NULL, or build false with
     * API_ERR_UNSUPPORTED, when there is no such read. */
    bool (*build_list_figures)(const driver_ctx_t *ctx, api_request_t *out, api_error_t *err);
    bool (*parse_list_figures)(const api_response_t *resp, model_campaign_t *rows, size_t n,
                               api_error_t *err);
    /* Big lists (OmniDim, Truedy): the campaign is created with the first
     * chunk, then contacts [first, last) of `spec` are added to it, at
     * most add_chunk_max a call (0: the provider has no such call). */
    size_t add_chunk_max;
    int requests_per_min;         /* the provider's documented rate limit, 0 = none known */
    bool (*build_add_contacts)(const driver_ctx_t *ctx, const api_create_spec_t *spec,
                               const char *campaign_id, size_t first, size_t last,
                               api_request_t *out, api_error_t *err);
    bool (*parse_add_contacts)(const api_response_t *resp, api_chunk_result_t *out,
                               api_error_t *err);
    /* Starts a draft made with spec->draft (OmniDim); NULL: no drafts. */
    bool (*build_start)(const driver_ctx_t *ctx, const char *campaign_id, api_request_t *out,
                        api_error_t *err);
    bool (*parse_start)(const api_response_t *resp, api_action_result_t *out,
                        api_error_t *err);
} driver_t;

/* The driver of provider p (its description's), NULL for no provider. */
const driver_t *driver_for(provider_t p);

extern const driver_t driver_omnidim;
extern const driver_t driver_truedy;
extern const driver_t driver_sarvam;

#endif
