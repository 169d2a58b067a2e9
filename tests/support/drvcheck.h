/* Checks on request bodies the drivers build, shared by the driver unit
 * tests (cmocka assertions inside). */
#ifndef DIALTOP_DRVCHECK_H
#define DIALTOP_DRVCHECK_H

/* `body` holds `key` followed by exactly `array`, then the next member or
 * the end of the object, and parses as JSON. */
void drvcheck_expect_array(const char *body, const char *key, const char *array);

/* The named top-level keys of a request body (NULL-terminated list), in
 * the order given, as compact JSON: settings compared exactly, whatever
 * order the body holds them in. A key absent from the body is absent here
 * too. Free the result. */
char *drvcheck_body_subset(const char *body, const char *const *keys);

#endif
