/* lazy_lib: a shared library opened on first use (owns the dlopen() of a
 * soname, the resolving of a table of its functions, and the one sentence
 * that tells the operator what to install when either fails).
 *
 * Why: libcurl and libmicrohttpd bring 20 and 10 libraries of their own
 * (TLS, idn, gmp...); linked, the dynamic loader maps and relocates all
 * of them before main() in every command, the many that never open a
 * connection nor serve one too. curl_lazy and mhd_lazy load
 * theirs through this module when a first call needs it.
 *
 * The load runs once, under the library's lock; afterwards a reader
 * sees its outcome with one atomic load (acquire: the table's writes come
 * before it). The library stays mapped (never dlclose()d once usable): its
 * exit handlers and global state outlive every caller. */
#ifndef DIALTOP_LAZY_LIB_H
#define DIALTOP_LAZY_LIB_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

/* One function: its symbol, and where its address goes in the caller's
 * table (offsetof the table's member). */
typedef struct {
    const char *symbol;
    size_t offset;
} lazy_symbol_t;

/* A library: what is loaded and what the operator is told when it cannot
 * be (set by the caller, as a static made with LAZY_LIB()), then the
 * state of the one load (this module's). */
typedef struct {
    const char *soname;    /* "libcurl.so.4" */
    const char *name;      /* "libcurl": how the sentence calls it */
    const char *package;   /* Debian package that installs the soname */
    const char *needed_by; /* "network access": what needs it, the sentence's subject */
    const char *test_env;  /* a path loaded instead (tests make the load fail) */
    const lazy_symbol_t *symbols;
    size_t n_symbols;
    void *table; /* where the symbols' addresses are written */
    /* the load's state */
    pthread_mutex_t lock;
    atomic_int state; /* not tried, usable, failed (lazy_lib.c) */
    char why[512];
} lazy_lib_t;

/* A lazy_lib_t's initialiser: SYMBOLS an array of lazy_symbol_t, TABLE
 * the address of the function table they point into. */
#define LAZY_LIB(soname_, name_, package_, needed_by_, test_env_, symbols_, table_)          \
    {                                                                                    \
        .soname = (soname_), .name = (name_), .package = (package_),                    \
        .needed_by = (needed_by_), .test_env = (test_env_), .symbols = (symbols_),      \
        .n_symbols = sizeof(symbols_) / sizeof(symbols_)[0], .table = (table_),         \
        .lock = PTHREAD_MUTEX_INITIALIZER,                                              \
    }

/* For a module's table of functions written as X-macros (name, return
 * type, parameters, arguments, value when not loaded; or name, parameters,
 * arguments for those that return nothing): the table's members, and the
 * stand-ins that call through the table `fn` once ready() says the
 * library is loaded. The module's own X passes its prefix. */
#define LAZY_LIB_FIELD(name, ret, params, args, fail) ret(*name) params;
#define LAZY_LIB_FIELD_VOID(name, params, args) void(*name) params;
#define LAZY_LIB_STAND_IN(prefix, name, ret, params, args, fail)                          \
    ret prefix##name params                                                              \
    {                                                                                    \
        return ready() ? fn.name args : fail;                                            \
    }
#define LAZY_LIB_STAND_IN_VOID(prefix, name, params, args)                                \
    void prefix##name params                                                             \
    {                                                                                    \
        if (ready())                                                                     \
            fn.name args;                                                                \
    }

/* Loads the library and resolves its table if not yet done (once per
 * process, whichever thread asks first; the others wait for the answer).
 * True when every symbol is in the table: the table's writes are then
 * visible to the caller. */
bool lazy_lib_ready(lazy_lib_t *lib);

/* NULL when the library is usable (loading it if needed); otherwise one
 * sentence: "X needs Y: install the Debian package Z (apt-get install Z);
 * loading it failed: <the loader's reason>", or which symbol is missing. */
const char *lazy_lib_unavailable(lazy_lib_t *lib);

#endif
