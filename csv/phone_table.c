/* Public numbering data: ITU-T E.164 assigned country codes (ITU
 * Operational Bulletin list, spare and withdrawn codes left out) and the
 * default regions dialtop supports for national numbers. */
#include "phone.h"

#include <stdlib.h>
#include <strings.h>

/* Sorted, for bsearch. Includes global services (800, 808, 870, 878, 881,
 * 882, 883, 888, 979) because they are valid E.164 destinations. */
static const short assigned[] = {
    1, 7, 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49,
    51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86,
    90, 91, 92, 93, 94, 95, 98,
    211, 212, 213, 216, 218,
    220, 221, 222, 223, 224, 225, 226, 227, 228, 229,
    230, 231, 232, 233, 234, 235, 236, 237, 238, 239,
    240, 241, 242, 243, 244, 245, 246, 247, 248, 249,
    250, 251, 252, 253, 254, 255, 256, 257, 258,
    260, 261, 262, 263, 264, 265, 266, 267, 268, 269,
    290, 291, 297, 298, 299,
    350, 351, 352, 353, 354, 355, 356, 357, 358, 359,
    370, 371, 372, 373, 374, 375, 376, 377, 378, 379,
    380, 381, 382, 383, 385, 386, 387, 389,
    420, 421, 423,
    500, 501, 502, 503, 504, 505, 506, 507, 508, 509,
    590, 591, 592, 593, 594, 595, 596, 597, 598, 599,
    670, 672, 673, 674, 675, 676, 677, 678, 679,
    680, 681, 682, 683, 685, 686, 687, 688, 689,
    690, 691, 692,
    800, 808,
    850, 852, 853, 855, 856,
    870, 878, 880, 881, 882, 883, 886, 888,
    960, 961, 962, 963, 964, 965, 966, 967, 968,
    970, 971, 972, 973, 974, 975, 976, 977, 979,
    992, 993, 994, 995, 996, 998,
};

static int cmp_short(const void *a, const void *b)
{
    return *(const short *)a - *(const short *)b;
}

bool phone_cc_assigned(int cc)
{
    if (cc <= 0 || cc > 999)
        return false;
    short key = (short)cc;
    return bsearch(&key, assigned, sizeof assigned / sizeof assigned[0], sizeof assigned[0],
                   cmp_short) != NULL;
}

int phone_cc_length(const char *digits, size_t n)
{
    /* E.164 country codes are prefix-free: at most one length matches. */
    int cc = 0;
    for (size_t len = 1; len <= 3 && len <= n; len++) {
        cc = cc * 10 + (digits[len - 1] - '0');
        if (phone_cc_assigned(cc))
            return (int)len;
    }
    return 0;
}

/* National significant number lengths are the usual ranges from each
 * numbering plan; they catch a missing area code or an extra digit. */
static const phone_region_t regions[] = {
    {"US", 1, "1", 10, 10},   {"CA", 1, "1", 10, 10},   {"PR", 1, "1", 10, 10},
    {"GB", 44, "0", 9, 10},   {"IE", 353, "0", 7, 9},   {"FR", 33, "0", 9, 9},
    {"DE", 49, "0", 6, 13},   {"ES", 34, "", 9, 9},     {"IT", 39, "", 6, 11},
    {"NL", 31, "0", 9, 9},    {"BE", 32, "0", 8, 9},    {"CH", 41, "0", 9, 9},
    {"AT", 43, "0", 4, 13},   {"SE", 46, "0", 7, 9},    {"NO", 47, "", 8, 8},
    {"DK", 45, "", 8, 8},     {"FI", 358, "0", 5, 12},  {"PL", 48, "", 9, 9},
    {"PT", 351, "", 9, 9},    {"GR", 30, "", 10, 10},   {"CZ", 420, "", 9, 9},
    {"RO", 40, "0", 9, 9},    {"HU", 36, "06", 8, 9},   {"UA", 380, "0", 9, 9},
    {"RU", 7, "8", 10, 10},   {"KZ", 7, "8", 10, 10},   {"TR", 90, "0", 10, 10},
    {"IN", 91, "0", 10, 10},  {"PK", 92, "0", 9, 10},   {"BD", 880, "0", 8, 10},
    {"LK", 94, "0", 9, 9},    {"NP", 977, "0", 8, 10},  {"CN", 86, "0", 9, 11},
    {"JP", 81, "0", 9, 10},   {"KR", 82, "0", 8, 10},   {"TW", 886, "0", 8, 9},
    {"HK", 852, "", 8, 8},    {"SG", 65, "", 8, 8},     {"MY", 60, "0", 8, 10},
    {"ID", 62, "0", 8, 12},   {"PH", 63, "0", 8, 10},   {"TH", 66, "0", 8, 9},
    {"VN", 84, "0", 9, 10},   {"AU", 61, "0", 9, 9},    {"NZ", 64, "0", 8, 10},
    {"AE", 971, "0", 8, 9},   {"SA", 966, "0", 8, 9},   {"IL", 972, "0", 8, 9},
    {"EG", 20, "0", 9, 10},   {"ZA", 27, "0", 9, 9},    {"NG", 234, "0", 8, 10},
    {"KE", 254, "0", 9, 9},   {"BR", 55, "0", 10, 11},  {"MX", 52, "", 10, 10},
    {"AR", 54, "0", 10, 10},  {"CL", 56, "", 9, 9},     {"CO", 57, "", 10, 10},
    {"PE", 51, "0", 8, 9},
};

#define NREGIONS (sizeof regions / sizeof regions[0])

const phone_region_t *phone_region_find(const char *iso)
{
    for (size_t i = 0; iso && i < NREGIONS; i++)
        if (strcasecmp(iso, regions[i].iso) == 0)
            return &regions[i];
    return NULL;
}

const phone_region_t *phone_region_by_cc(int cc)
{
    for (size_t i = 0; i < NREGIONS; i++)
        if (regions[i].cc == cc)
            return &regions[i];
    return NULL;
}

const char *phone_region_list(void)
{
    static char list[NREGIONS * 3 + 1];
    if (!list[0]) {
        char *p = list;
        for (size_t i = 0; i < NREGIONS; i++) {
            if (i)
                *p++ = ',';
            *p++ = regions[i].iso[0];
            *p++ = regions[i].iso[1];
        }
        *p = '\0';
    }
    return list;
}
