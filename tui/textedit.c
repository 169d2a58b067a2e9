/* One-line text field editing (see textedit.h). */
#include "textedit.h"

#include <curses.h>
#include <string.h>

bool textedit_is_backspace(int key)
{
    /* KEY_BACKSPACE from terminfo, DEL from most terminals, ^H from some */
    return key == KEY_BACKSPACE || key == 127 || key == 8;
}

bool textedit_key(char *buf, size_t cap, int key)
{
    size_t n = strlen(buf);
    if (textedit_is_backspace(key)) {
        if (n > 0)
            buf[n - 1] = '\0';
    } else if (key == TEXTEDIT_KEY_CLEAR) {
        buf[0] = '\0';
    } else if (key >= ' ' && key <= '~' && n + 1 < cap) {
        buf[n] = (char)key;
        buf[n + 1] = '\0';
    } else {
        return false;
    }
    return true;
}
