/* lazy_lib: a shared library opened on first use (owns the dlopen() of a
 * soname, the resolving of a table of its functions, and the one sentence
 * that tells the operator what to install when either fails).
 *
 * Why: libcurl and libmicrohttpd each bring a dozen or more libraries of
 * their own (TLS, idn, gmp...); linked, the dynamic loader maps and
 * relocates all of them before main() in every command, the many that
 * never open a connection nor serve one too. curl_lazy and mhd_lazy load
 * theirs through this module when a first call needs it.
 *
 * Once-only is the caller's: each runs lazy_lib_open() under its own
 * pthread_once(), which also orders the table's writes before every
 * reader. The library stays mapped (never dlclose()d once usable): its
 * exit handlers and global state outlive every caller. */
#ifndef DIALTOP_LAZY_LIB_H
#define DIALTOP_LAZY_LIB_H

#include <stdbool.h>
#include <stddef.h>

/* What is loaded, and what the operator is told when it cannot be. */
typedef struct {
    const char *soname;   /* "libcurl.so.4" */
    const char *name;     /* "libcurl": how the sentence calls it */
    const char *package;  /* Debian package that installs the soname */
    const char *needed_by;/* "network access": what needs it, the sentence's subject */
    const char *test_env; /* a path loaded instead (tests make the load fail) */
} lazy_lib_t;

/* One function: its symbol, and where its address goes in the caller's
 * table (offsetof the table's member). */
typedef struct {
    const char *symbol;
    size_t offset;
} lazy_symbol_t;

/* Opens lib and writes each symbol's address into `table`. False when the
 * library cannot be loaded or lacks a symbol, with one sentence in `why`:
 * "X needs Y: install the Debian package Z (apt-get install Z); loading it
 * failed: <the loader's reason>". */
bool lazy_lib_open(const lazy_lib_t *lib, const lazy_symbol_t *symbols, size_t n, void *table,
                   char *why, size_t why_len);

#endif
