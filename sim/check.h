/* Input checks shared by the dialects. */
#ifndef DIALTOP_SIM_CHECK_H
#define DIALTOP_SIM_CHECK_H

#include <stdbool.h>

/* "+" then 7 to 15 digits, the first not 0. */
bool check_e164(const char *s);
/* Sarvam's ^[\w\- ]{1,50}$ (ASCII word characters). */
bool check_sarvam_name(const char *s);

/* Case-insensitive (ASCII) substring test; an empty needle matches. */
bool check_contains_ci(const char *hay, const char *needle);

#endif
