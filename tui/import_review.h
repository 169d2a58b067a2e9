/* The import's review screen: everything the create will do, read before
 * anything is sent (profile, name, contacts, start in three spellings,
 * working window, every setting or the provider's default, an estimate),
 * and the questions to ask first (a name the profile already has, a file
 * already imported, a window at night for most contacts).
 *
 * Also where the contacts are: a census by country calling code, which
 * gives the campaign's default zone and the window check. */
#ifndef DIALTOP_IMPORT_REVIEW_H
#define DIALTOP_IMPORT_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "dlg_box.h"
#include "import.h"
#include "model.h"
#include "upload.h"

#define REVIEW_COUNTRIES 32

typedef struct {
    long n[REVIEW_COUNTRIES];     /* accepted contacts by country (review's own table) */
    long unknown;                 /* in no country of the table */
    long total;
} import_census_t;

void import_review_census(const import_result_t *r, import_census_t *c);
/* One more contact (E.164) counted, for lists that are not an import. */
void import_review_census_add(import_census_t *c, const char *phone);

/* The zone the campaign should default to: the country holding more than
 * half the contacts, else the profile's region (ISO code, may be NULL);
 * copied to `zone`, with one line on why in `why` (e.g. "87% of the
 * contacts are in US (America/New_York; US spans several zones)"). False
 * when neither says (the operator's zone stays). */
bool import_review_default_zone(const import_census_t *c, const char *region, char *zone,
                                size_t zone_len, char *why, size_t why_len);

typedef struct {
    const char *profile;          /* profile name */
    provider_t provider;
    const char *from;             /* the list's source: a file, "campaign 314" */
    long accepted, rejected;      /* contacts going in, and left out */
    const import_census_t *census;
    const upload_settings_t *s;   /* already checked (import_form_settings) */
    time_t now;
    const char *name_taken_id;    /* a listed campaign of the profile with this name, or NULL */
    const char *imported_as;      /* this file went to this profile before (campaign id), or NULL */
} import_review_t;

/* The review's lines (warnings included, without the key line). */
void import_review_lines(const import_review_t *v, int width, dlg_lines_t *l);

/* True when the review must ask before creating (name taken, file
 * imported before). */
bool import_review_must_ask(const import_review_t *v);

#endif
