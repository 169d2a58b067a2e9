/* Colours and attributes by role, chosen once at start.
 *
 * Three looks: dark (default), light (--theme light: no yellow or white
 * text on a light background) and monochrome (NO_COLOR / --no-color),
 * where states stay distinguishable by bold, underline, reverse and dim,
 * and every state is also written as a word, never shown by colour alone. */
#ifndef DIALTOP_THEME_H
#define DIALTOP_THEME_H

#include <stdbool.h>
#include <curses.h>

#include "model.h"

typedef enum {
    THEME_DARK,
    THEME_LIGHT
} theme_kind_t;

typedef enum {
    ROLE_NORMAL,
    ROLE_HEADER,        /* top line */
    ROLE_COLUMNS,       /* column titles */
    ROLE_SELECTED,      /* cursor row */
    ROLE_KEY,           /* a key in the footer */
    ROLE_KEY_DISABLED,  /* an action not allowed on the selected row */
    ROLE_STATUS_OK,
    ROLE_STATUS_BUSY,
    ROLE_STATUS_WARN,
    ROLE_STATUS_ERROR,
    ROLE_CHANGED,       /* a row whose state just changed */
    ROLE_STALE,
    ROLE_BAR_DONE,
    ROLE_BAR_TODO,
    ROLE_DIM,
    ROLE_COUNT
} theme_role_t;

/* After initscr(). `color` false (or a terminal without colours) gives
 * the monochrome look. */
void theme_init(bool color, theme_kind_t kind);

attr_t theme_attr(theme_role_t r);
/* `fg` drawn over `base` (a row's background, e.g. ROLE_SELECTED): the
 * foreground colour and attributes of `fg` on the background of `base`.
 * ORing two COLOR_PAIRs gives an undefined pair (black on black); this
 * makes a pair for the combination, and when the foreground would equal
 * the background it keeps the base's foreground, so no text disappears. */
attr_t theme_over(attr_t base, attr_t fg);
attr_t theme_campaign_state(campaign_state_t s);
attr_t theme_contact_state(contact_state_t s);

/* Fill character for a contact state in the stacked bar: distinct per
 * group, so the bar reads without colour. */
char theme_contact_glyph(contact_state_t s);

#endif
