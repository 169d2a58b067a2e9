/* Fixed-width scanning for the date and time readers (jsonget's provider
 * dates, schedule's wall-clock times): both walk a cursor through text of
 * a known shape. Inline because they sit on the per-record parse path. */
#ifndef DIALTOP_TEXTSCAN_H
#define DIALTOP_TEXTSCAN_H

#include <ctype.h>
#include <stdbool.h>

/* Exactly `n` digits at *p into *out; advances *p only on success. */
static inline bool textscan_digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return false;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return true;
}

/* The character `c` at *p; advances past it only when it is there. */
static inline bool textscan_char(const char **p, char c)
{
    if (**p != c)
        return false;
    (*p)++;
    return true;
}

#endif
