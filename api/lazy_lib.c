/* A shared library opened on first use: see lazy_lib.h for the contract. */
#include "lazy_lib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* dlsym() hands back an object pointer; POSIX requires it to hold a
 * function's address, and the copy below relies on the same size. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "function pointers as wide as void *");

enum { NOT_TRIED, USABLE, FAILED };

/* Opens the library and fills the table; false with lib->why set. */
static bool open_lib(lazy_lib_t *lib)
{
    char *why = lib->why;
    size_t why_len = sizeof lib->why;
    const char *path = lib->test_env ? getenv(lib->test_env) : NULL;
    if (!path || !*path)
        path = lib->soname;
    /* RTLD_LOCAL: its symbols stay out of the program's namespace. */
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        /* what to do first: a status line may cut the end */
        snprintf(why, why_len,
                 "%s needs %s: install the Debian package %s (apt-get install %s); "
                 "loading it failed: %s",
                 lib->needed_by, lib->name, lib->package, lib->package, e ? e : path);
        return false;
    }
    for (size_t i = 0; i < lib->n_symbols; i++) {
        void *sym = dlsym(h, lib->symbols[i].symbol);
        if (!sym) {
            snprintf(why, why_len,
                     "%s has no %s: this %s is too old; install the current Debian package %s "
                     "(apt-get install %s)",
                     path, lib->symbols[i].symbol, lib->name, lib->package, lib->package);
            dlclose(h); /* nothing in it was called */
            return false;
        }
        memcpy((char *)lib->table + lib->symbols[i].offset, &sym, sizeof sym);
    }
    return true;
}

bool lazy_lib_ready(lazy_lib_t *lib)
{
    int st = atomic_load_explicit(&lib->state, memory_order_acquire);
    if (st == NOT_TRIED) {
        pthread_mutex_lock(&lib->lock);
        st = atomic_load_explicit(&lib->state, memory_order_relaxed);
        if (st == NOT_TRIED) {
            st = open_lib(lib) ? USABLE : FAILED;
            /* release: the table and `why` are written before it is seen */
            atomic_store_explicit(&lib->state, st, memory_order_release);
        }
        pthread_mutex_unlock(&lib->lock);
    }
    return st == USABLE;
}

const char *lazy_lib_unavailable(lazy_lib_t *lib)
{
    if (lazy_lib_ready(lib))
        return NULL;
    return lib->why[0] ? lib->why : "the library could not be loaded";
}
