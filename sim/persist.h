/* The state's JSON form: one campaign or one contact as a JSON object
 * (the rows of the --state database, state_db.c, hold these), and the
 * reader of the whole store as one JSON document, the format --state
 * files had before the database (version 1). A file in that format is
 * still read, once, to migrate it; the sim no longer writes one (the
 * migration tests make one with tests/support/simstate_v1.c). */
#ifndef DIALTOP_SIM_PERSIST_H
#define DIALTOP_SIM_PERSIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "store.h"

/* The version-1 document's "format" and "version" members. */
#define PERSIST_JSON_FORMAT "dialtop-sim-state"
#define PERSIST_JSON_VERSION 1

cJSON *persist_contact_json(const store_contact_t *k);
/* The campaign's own fields and cohorts; its contacts too when asked. */
cJSON *persist_campaign_json(const store_campaign_t *c, bool with_contacts);

/* Reading rows back, with every field checked: a failure writes "state
 * file PATH is corrupt (what); refusing to start..." to err once and sets
 * failed. contacts_apart: campaign objects carry no "contacts" (database
 * rows); else they must (JSON documents). */
typedef struct {
    char *err;
    size_t errlen;
    const char *path;
    bool failed;
    bool contacts_apart;
} persist_loader_t;

/* Appends the campaign described by o to s (in o's provider); NULL when
 * refused. */
store_campaign_t *persist_load_campaign(persist_loader_t *L, store_t *s, const cJSON *o);
/* Appends the contact described by o to c. */
bool persist_load_contact(persist_loader_t *L, store_campaign_t *c, const cJSON *o);

/* Loads path into the empty store s. Returns 1 when loaded, 0 when the
 * file does not exist (a fresh start), -1 with err when it exists but is
 * unreadable or corrupt: the caller must refuse to start and must not
 * write to it. */
int persist_load(const char *path, store_t *s, int64_t *sim_now, char *err, size_t errlen);

/* fsyncs the directory that holds path, so a rename into it is durable
 * (the migration's and the new database's). */
void persist_fsync_dir(const char *path);

#endif
