/* Input checks; see check.h. */
#include "check.h"

#include <ctype.h>
#include <string.h>

bool check_e164(const char *s)
{
    if (!s || s[0] != '+' || s[1] < '1' || s[1] > '9')
        return false;
    size_t n = strlen(s + 1);
    if (n < 7 || n > 15)
        return false;
    for (size_t i = 1; i <= n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

bool check_sarvam_name(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 1 || n > 50)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!isalnum(c) && c != '_' && c != '-' && c != ' ')
            return false;
    }
    return true;
}

bool check_contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return true;
    }
    return n == 0;
}
