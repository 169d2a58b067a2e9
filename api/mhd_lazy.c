/* libmicrohttpd loaded on first use: see mhd_lazy.h for the contract. */
#define MHD_LAZY_IMPLEMENTATION
#include "mhd_lazy.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "lazy_lib.h"

/* The library's functions, once resolved. */
typedef struct {
    MHD_LAZY_FUNCTIONS(LAZY_LIB_FIELD)
    MHD_LAZY_VOID_FUNCTIONS(LAZY_LIB_FIELD_VOID)
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

/* Written once, by lazy_lib_ready(); read after it returned true. */
static mhd_fns_t fn;

static lazy_lib_t libmhd = LAZY_LIB(MHD_LAZY_SONAME, "libmicrohttpd", MHD_LAZY_PACKAGE, "serving HTTP",
                                MHD_LAZY_TEST_ENV, symbols, &fn);

static bool ready(void)
{
    return lazy_lib_ready(&libmhd);
}

const char *mhd_lazy_unavailable(void)
{
    return lazy_lib_unavailable(&libmhd);
}

/* --- the stand-ins ---------------------------------------------------------- */

#define STAND_IN(...) LAZY_LIB_STAND_IN(mhd_lazy_, __VA_ARGS__)
#define STAND_IN_VOID(...) LAZY_LIB_STAND_IN_VOID(mhd_lazy_, __VA_ARGS__)
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
