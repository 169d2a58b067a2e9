/* A shared library opened on first use: see lazy_lib.h for the contract. */
#include "lazy_lib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* dlsym() hands back an object pointer; POSIX requires it to hold a
 * function's address, and the copy below relies on the same size. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "function pointers as wide as void *");

bool lazy_lib_open(const lazy_lib_t *lib, const lazy_symbol_t *symbols, size_t n, void *table,
                   char *why, size_t why_len)
{
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
    for (size_t i = 0; i < n; i++) {
        void *sym = dlsym(h, symbols[i].symbol);
        if (!sym) {
            snprintf(why, why_len,
                     "%s has no %s: this %s is too old; install the current Debian package %s "
                     "(apt-get install %s)",
                     path, symbols[i].symbol, lib->name, lib->package, lib->package);
            dlclose(h); /* nothing in it was called */
            return false;
        }
        memcpy((char *)table + symbols[i].offset, &sym, sizeof sym);
    }
    return true;
}
