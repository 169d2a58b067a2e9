/* libmicrohttpd loaded on first use: see mhd_lazy.h for the contract. */
#define MHD_LAZY_IMPLEMENTATION
#include "mhd_lazy.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "lazy_lib.h"

/* The library's functions, once resolved. */
typedef struct {
#define FIELD(name, ret, params, args, fail) ret(*name) params;
#define FIELD_VOID(name, params, args) void(*name) params;
    MHD_LAZY_FUNCTIONS(FIELD)
    MHD_LAZY_VOID_FUNCTIONS(FIELD_VOID)
#undef FIELD
#undef FIELD_VOID
    struct MHD_Daemon *(*start_daemon_va)(unsigned int flags, uint16_t port,
                                          MHD_AcceptPolicyCallback apc, void *apc_cls,
                                          MHD_AccessHandlerCallback dh, void *dh_cls, va_list ap);
    const union MHD_DaemonInfo *(*get_daemon_info)(struct MHD_Daemon *d,
                                                   enum MHD_DaemonInfoType type, ...);
} mhd_fns_t;

/* Where each symbol goes: every field above, by its libmicrohttpd name. */
static const lazy_symbol_t symbols[] = {
#define SYMBOL(name, ...) {"MHD_" #name, offsetof(mhd_fns_t, name)},
    MHD_LAZY_FUNCTIONS(SYMBOL)
    MHD_LAZY_VOID_FUNCTIONS(SYMBOL)
    SYMBOL(start_daemon_va, 0)
    SYMBOL(get_daemon_info, 0)
#undef SYMBOL
};

static const lazy_lib_t libmhd = {
    .soname = MHD_LAZY_SONAME,
    .name = "libmicrohttpd",
    .package = MHD_LAZY_PACKAGE,
    .needed_by = "serving HTTP",
    .test_env = MHD_LAZY_TEST_ENV,
};

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
/* Written by load() alone, read only after pthread_once() returned:
 * pthread_once() orders the writes before every reader. */
static mhd_fns_t fn;
static bool usable;
static char why[512];

static void load(void)
{
    usable = lazy_lib_open(&libmhd, symbols, sizeof symbols / sizeof symbols[0], &fn, why,
                           sizeof why);
}

static bool ready(void)
{
    return pthread_once(&load_once, load) == 0 && usable;
}

const char *mhd_lazy_unavailable(void)
{
    if (ready())
        return NULL;
    return why[0] ? why : "libmicrohttpd could not be loaded";
}

/* --- the stand-ins ---------------------------------------------------------- */

#define STAND_IN(name, ret, params, args, fail)                                           \
    ret mhd_lazy_##name params                                                            \
    {                                                                                     \
        return ready() ? fn.name args : fail;                                             \
    }
#define STAND_IN_VOID(name, params, args)                                                 \
    void mhd_lazy_##name params                                                           \
    {                                                                                     \
        if (ready())                                                                      \
            fn.name args;                                                                 \
    }
MHD_LAZY_FUNCTIONS(STAND_IN)
MHD_LAZY_VOID_FUNCTIONS(STAND_IN_VOID)

/* The options list is passed on whole: MHD_start_daemon itself does no
 * more than hand its va_list to MHD_start_daemon_va. */
struct MHD_Daemon *mhd_lazy_start_daemon(unsigned int flags, uint16_t port,
                                         MHD_AcceptPolicyCallback apc, void *apc_cls,
                                         MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
    if (!ready())
        return NULL;
    va_list ap;
    va_start(ap, dh_cls);
    struct MHD_Daemon *d = fn.start_daemon_va(flags, port, apc, apc_cls, dh, dh_cls, ap);
    va_end(ap);
    return d;
}

const union MHD_DaemonInfo *mhd_lazy_get_daemon_info(struct MHD_Daemon *d,
                                                     enum MHD_DaemonInfoType type, ...)
{
    return ready() ? fn.get_daemon_info(d, type) : NULL;
}
