/* Test helper: the version-1 JSON state document (the --state format
 * before the database, persist.h) of a store, so migration tests can
 * make a file exactly as an older dialtop-sim left it. dialtop-sim itself
 * only reads this format, once, to migrate it. */
#ifndef DIALTOP_SIMSTATE_V1_H
#define DIALTOP_SIMSTATE_V1_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "store.h"

/* The whole store s at sim time sim_now, contacts included; the caller
 * deletes it. */
cJSON *simstate_v1_json(const store_t *s, int64_t sim_now);

#endif
