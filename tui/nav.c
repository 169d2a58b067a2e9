/* List cursor movement (see nav.h). */
#include "nav.h"

bool nav_move(keymap_cmd_t cmd, long *pos, long count, int height)
{
    long p = *pos;
    long page = height > 1 ? height - 1 : 1;
    switch (cmd) {
    case CMD_UP: p--; break;
    case CMD_DOWN: p++; break;
    case CMD_HALF_UP: p -= page / 2 ? page / 2 : 1; break;
    case CMD_HALF_DOWN: p += page / 2 ? page / 2 : 1; break;
    case CMD_PAGE_UP: p -= page; break;
    case CMD_PAGE_DOWN: p += page; break;
    case CMD_TOP: p = 0; break;
    case CMD_BOTTOM: p = count - 1; break;
    default: return false;
    }
    if (p >= count)
        p = count - 1;
    if (p < 0)
        p = 0;
    *pos = p;
    return true;
}

void nav_scroll_into_view(long pos, long *top, long count, int height)
{
    if (height <= 0)
        return;
    if (pos < *top)
        *top = pos;
    else if (pos >= *top + height)
        *top = pos - height + 1;
    if (count >= height && *top > count - height)
        *top = count - height;
    if (count < height || *top < 0)
        *top = 0;
}
