/* Cursor movement shared by every list: one place decides what j, ^D,
 * PgDn or G do to a position, whatever the list holds. */
#ifndef DIALTOP_NAV_H
#define DIALTOP_NAV_H

#include <stdbool.h>

#include "keymap.h"

/* Applies a movement command to *pos within [0, count) for a window of
 * `height` rows. False when `cmd` is not a movement. */
bool nav_move(keymap_cmd_t cmd, long *pos, long count, int height);

/* Keeps *pos visible: adjusts *top for a window of `height` rows. */
void nav_scroll_into_view(long pos, long *top, long count, int height);

#endif
