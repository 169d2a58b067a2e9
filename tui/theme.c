/* Colour pairs and monochrome fallbacks (see theme.h). */
#include "theme.h"

static bool mono = true;
static attr_t roles[ROLE_COUNT];
static attr_t campaign_attrs[CAMPAIGN_STATE_COUNT];
static attr_t contact_attrs[CONTACT_STATE_COUNT];

enum { PAIR_GREEN = 1, PAIR_YELLOW, PAIR_RED, PAIR_CYAN, PAIR_BLUE, PAIR_MAGENTA,
       PAIR_HEADER, PAIR_SELECTED, PAIR_BAR, PAIR_DIM };

/* Pairs made for theme_over, by (foreground pair, background pair). */
#define OVER_MAX 48
static struct {
    short fg_pair, bg_pair, pair;
} over[OVER_MAX];
static int nover;
static short next_pair = PAIR_DIM + 1;

static void init_mono(void)
{
    roles[ROLE_NORMAL] = A_NORMAL;
    roles[ROLE_HEADER] = A_REVERSE;
    roles[ROLE_COLUMNS] = A_BOLD | A_UNDERLINE;
    roles[ROLE_SELECTED] = A_REVERSE;
    roles[ROLE_KEY] = A_BOLD;
    roles[ROLE_KEY_DISABLED] = A_DIM;
    roles[ROLE_STATUS_OK] = A_NORMAL;
    roles[ROLE_STATUS_BUSY] = A_BOLD;
    roles[ROLE_STATUS_WARN] = A_BOLD | A_UNDERLINE;
    roles[ROLE_STATUS_ERROR] = A_REVERSE | A_BOLD;
    roles[ROLE_CHANGED] = A_BOLD | A_UNDERLINE;
    roles[ROLE_STALE] = A_DIM;
    roles[ROLE_BAR_DONE] = A_BOLD;
    roles[ROLE_BAR_TODO] = A_DIM;
    roles[ROLE_DIM] = A_DIM;

    /* Running is loud, waiting is underlined, broken is reversed,
     * finished is quiet; the state word is printed beside it anyway. */
    campaign_attrs[CAMPAIGN_ACTIVE] = A_BOLD;
    campaign_attrs[CAMPAIGN_PAUSED] = A_UNDERLINE;
    campaign_attrs[CAMPAIGN_SCHEDULED] = A_UNDERLINE;
    campaign_attrs[CAMPAIGN_PENDING] = A_UNDERLINE;
    campaign_attrs[CAMPAIGN_FAILED] = A_REVERSE;
    campaign_attrs[CAMPAIGN_CANCELLED] = A_DIM;
    campaign_attrs[CAMPAIGN_COMPLETED] = A_DIM;
    campaign_attrs[CAMPAIGN_ENDED] = A_DIM;
    contact_attrs[CONTACT_IN_PROGRESS] = A_BOLD;
    contact_attrs[CONTACT_QUEUED] = A_UNDERLINE;
    contact_attrs[CONTACT_RETRY_SCHEDULED] = A_UNDERLINE;
    contact_attrs[CONTACT_FAILED] = A_REVERSE;
    contact_attrs[CONTACT_BUSY] = A_DIM;
    contact_attrs[CONTACT_NO_ANSWER] = A_DIM;
    contact_attrs[CONTACT_SKIPPED] = A_DIM;
    contact_attrs[CONTACT_CANCELLED] = A_DIM;
}

static void init_colour(theme_kind_t kind)
{
    start_color();
    use_default_colors();
    bool light = kind == THEME_LIGHT;
    /* On a light background yellow and cyan wash out: darker choices. */
    init_pair(PAIR_GREEN, COLOR_GREEN, -1);
    init_pair(PAIR_YELLOW, light ? COLOR_MAGENTA : COLOR_YELLOW, -1);
    init_pair(PAIR_RED, COLOR_RED, -1);
    init_pair(PAIR_CYAN, light ? COLOR_BLUE : COLOR_CYAN, -1);
    init_pair(PAIR_BLUE, COLOR_BLUE, -1);
    init_pair(PAIR_MAGENTA, COLOR_MAGENTA, -1);
    init_pair(PAIR_HEADER, light ? COLOR_WHITE : COLOR_BLACK, light ? COLOR_BLUE : COLOR_CYAN);
    init_pair(PAIR_SELECTED, light ? COLOR_BLACK : COLOR_WHITE, light ? COLOR_CYAN : COLOR_BLUE);
    init_pair(PAIR_BAR, COLOR_GREEN, -1);
    init_pair(PAIR_DIM, light ? COLOR_BLACK : COLOR_WHITE, -1);

    roles[ROLE_NORMAL] = A_NORMAL;
    roles[ROLE_HEADER] = COLOR_PAIR(PAIR_HEADER);
    roles[ROLE_COLUMNS] = A_BOLD;
    roles[ROLE_SELECTED] = COLOR_PAIR(PAIR_SELECTED) | A_BOLD;
    roles[ROLE_KEY] = A_BOLD | COLOR_PAIR(PAIR_CYAN);
    roles[ROLE_KEY_DISABLED] = A_DIM;
    roles[ROLE_STATUS_OK] = COLOR_PAIR(PAIR_GREEN);
    roles[ROLE_STATUS_BUSY] = COLOR_PAIR(PAIR_CYAN);
    roles[ROLE_STATUS_WARN] = COLOR_PAIR(PAIR_YELLOW) | A_BOLD;
    roles[ROLE_STATUS_ERROR] = COLOR_PAIR(PAIR_RED) | A_BOLD;
    roles[ROLE_CHANGED] = A_BOLD | A_UNDERLINE;
    roles[ROLE_STALE] = COLOR_PAIR(PAIR_YELLOW) | A_DIM;
    roles[ROLE_BAR_DONE] = COLOR_PAIR(PAIR_BAR);
    roles[ROLE_BAR_TODO] = A_DIM;
    roles[ROLE_DIM] = A_DIM;

    campaign_attrs[CAMPAIGN_ACTIVE] = COLOR_PAIR(PAIR_GREEN) | A_BOLD;
    campaign_attrs[CAMPAIGN_PAUSED] = COLOR_PAIR(PAIR_YELLOW);
    campaign_attrs[CAMPAIGN_SCHEDULED] = COLOR_PAIR(PAIR_CYAN);
    campaign_attrs[CAMPAIGN_PENDING] = COLOR_PAIR(PAIR_CYAN);
    campaign_attrs[CAMPAIGN_DRAFT] = A_DIM;
    campaign_attrs[CAMPAIGN_FAILED] = COLOR_PAIR(PAIR_RED) | A_BOLD;
    campaign_attrs[CAMPAIGN_CANCELLED] = COLOR_PAIR(PAIR_MAGENTA);
    campaign_attrs[CAMPAIGN_COMPLETED] = COLOR_PAIR(PAIR_BLUE);
    campaign_attrs[CAMPAIGN_ENDED] = COLOR_PAIR(PAIR_BLUE);
    contact_attrs[CONTACT_IN_PROGRESS] = COLOR_PAIR(PAIR_GREEN) | A_BOLD;
    contact_attrs[CONTACT_COMPLETED] = COLOR_PAIR(PAIR_BLUE);
    contact_attrs[CONTACT_QUEUED] = COLOR_PAIR(PAIR_CYAN);
    contact_attrs[CONTACT_RETRY_SCHEDULED] = COLOR_PAIR(PAIR_YELLOW);
    contact_attrs[CONTACT_FAILED] = COLOR_PAIR(PAIR_RED) | A_BOLD;
    contact_attrs[CONTACT_BUSY] = COLOR_PAIR(PAIR_YELLOW);
    contact_attrs[CONTACT_NO_ANSWER] = COLOR_PAIR(PAIR_YELLOW);
    contact_attrs[CONTACT_VOICEMAIL] = COLOR_PAIR(PAIR_MAGENTA);
    contact_attrs[CONTACT_SKIPPED] = A_DIM;
    contact_attrs[CONTACT_CANCELLED] = COLOR_PAIR(PAIR_MAGENTA);
}

void theme_init(bool color, theme_kind_t kind)
{
    for (int i = 0; i < ROLE_COUNT; i++)
        roles[i] = A_NORMAL;
    for (int i = 0; i < CAMPAIGN_STATE_COUNT; i++)
        campaign_attrs[i] = A_NORMAL;
    for (int i = 0; i < CONTACT_STATE_COUNT; i++)
        contact_attrs[i] = A_NORMAL;
    mono = !color || !has_colors();
    nover = 0;
    next_pair = PAIR_DIM + 1;
    if (mono)
        init_mono();
    else
        init_colour(kind);
}

attr_t theme_attr(theme_role_t r)
{
    return (unsigned)r < ROLE_COUNT ? roles[r] : A_NORMAL;
}

attr_t theme_over(attr_t base, attr_t fg)
{
    short fp = (short)PAIR_NUMBER(fg & A_COLOR), bp = (short)PAIR_NUMBER(base & A_COLOR);
    attr_t flags = (base | fg) & ~A_COLOR;
    if (mono) {
        /* reverse on reverse cancels out: keep the row's reverse */
        if ((base & A_REVERSE) && (fg & A_REVERSE))
            flags = (flags & ~A_REVERSE) | A_REVERSE | A_BOLD;
        return flags;
    }
    if (!fp)
        return flags | (base & A_COLOR);
    if (!bp)
        return flags | (fg & A_COLOR);
    for (int i = 0; i < nover; i++)
        if (over[i].fg_pair == fp && over[i].bg_pair == bp)
            return flags | COLOR_PAIR(over[i].pair);
    short ff, fb, bf, bb;
    if (pair_content(fp, &ff, &fb) == ERR || pair_content(bp, &bf, &bb) == ERR ||
        nover >= OVER_MAX || next_pair >= COLOR_PAIRS)
        return flags | (base & A_COLOR); /* the row's own colours: readable */
    short f = ff == bb || ff < 0 ? bf : ff;
    short pair = next_pair++;
    if (init_pair(pair, f, bb) == ERR)
        return flags | (base & A_COLOR);
    over[nover].fg_pair = fp;
    over[nover].bg_pair = bp;
    over[nover].pair = pair;
    nover++;
    return flags | COLOR_PAIR(pair);
}

attr_t theme_campaign_state(campaign_state_t s)
{
    return (unsigned)s < CAMPAIGN_STATE_COUNT ? campaign_attrs[s] : A_NORMAL;
}

attr_t theme_contact_state(contact_state_t s)
{
    return (unsigned)s < CONTACT_STATE_COUNT ? contact_attrs[s] : A_NORMAL;
}

char theme_contact_glyph(contact_state_t s)
{
    switch (s) {
    case CONTACT_COMPLETED: return '#';
    case CONTACT_IN_PROGRESS: return '>';
    case CONTACT_QUEUED:
    case CONTACT_RETRY_SCHEDULED: return '+';
    case CONTACT_PENDING: return '.';
    case CONTACT_FAILED: return 'x';
    case CONTACT_NO_ANSWER:
    case CONTACT_BUSY:
    case CONTACT_VOICEMAIL: return '~';
    default: return '-';
    }
}
