/* libcurl loaded on first use: see curl_lazy.h for the contract. */
#define CURL_LAZY_IMPLEMENTATION
#include "curl_lazy.h"

#include "lazy_lib.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

/* The library's functions, once resolved. */
typedef struct {
    CURL_LAZY_FUNCTIONS(LAZY_LIB_FIELD)
    CURL_LAZY_VOID_FUNCTIONS(LAZY_LIB_FIELD_VOID)
    CURL *(*easy_init)(void);
    CURLM *(*multi_init)(void);
    CURLcode (*easy_setopt)(CURL *e, CURLoption opt, ...);
    CURLcode (*easy_getinfo)(CURL *e, CURLINFO info, ...);
    CURLcode (*global_init)(long flags);
} curl_fns_t;

/* Where each symbol goes: every field above, by its libcurl name. */
static const lazy_symbol_t symbols[] = {
#define SYMBOL(name, ...) {"curl_" #name, offsetof(curl_fns_t, name)},
    CURL_LAZY_FUNCTIONS(SYMBOL)
    CURL_LAZY_VOID_FUNCTIONS(SYMBOL)
    SYMBOL(easy_init, 0)
    SYMBOL(multi_init, 0)
    SYMBOL(easy_setopt, 0)
    SYMBOL(easy_getinfo, 0)
    SYMBOL(global_init, 0)
#undef SYMBOL
};

/* Written once, by lazy_lib_ready(); read after it returned true. */
static curl_fns_t fn;

static lazy_lib_t libcurl = LAZY_LIB(CURL_LAZY_SONAME, "libcurl", CURL_LAZY_PACKAGE, "network access",
                                 CURL_LAZY_TEST_ENV, symbols, &fn);

static bool ready(void)
{
    return lazy_lib_ready(&libcurl);
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
/* Set by global_init(), read by curl_lazy_unavailable() outside
 * pthread_once(): atomic. */
static atomic_bool init_failed;

/* The one curl_global_init() of the process, before its first handle:
 * under pthread_once, so no other handle exists yet in any thread. */
static void global_init(void)
{
    if (fn.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        atomic_store(&init_failed, true);
}

static bool ready_for_handles(void)
{
    return ready() && pthread_once(&init_once, global_init) == 0 && !atomic_load(&init_failed);
}

const char *curl_lazy_unavailable(void)
{
    const char *why = lazy_lib_unavailable(&libcurl);
    if (why)
        return why;
    /* known only once a handle was asked for */
    return atomic_load(&init_failed) ? "libcurl failed to initialise (curl_global_init)" : NULL;
}

/* --- the stand-ins ---------------------------------------------------------- */

#define STAND_IN(...) LAZY_LIB_STAND_IN(curl_lazy_, __VA_ARGS__)
#define STAND_IN_VOID(...) LAZY_LIB_STAND_IN_VOID(curl_lazy_, __VA_ARGS__)
CURL_LAZY_FUNCTIONS(STAND_IN)
CURL_LAZY_VOID_FUNCTIONS(STAND_IN_VOID)

CURL *curl_lazy_easy_init(void)
{
    return ready_for_handles() ? fn.easy_init() : NULL;
}

CURLM *curl_lazy_multi_init(void)
{
    return ready_for_handles() ? fn.multi_init() : NULL;
}

/* The third argument is read as the type libcurl reads for the option's
 * range (curl.h: CURLOPTTYPE_*), and passed on as that type. Function
 * pointers travel as void (*)(void): every callback type has the same
 * representation, and libcurl reads its own type back. */
CURLcode curl_lazy_easy_setopt(CURL *e, CURLoption opt, ...)
{
    if (!ready())
        return CURLE_FAILED_INIT;
    va_list ap;
    va_start(ap, opt);
    CURLcode rc;
    switch ((int)opt / 10000 * 10000) {
    case CURLOPTTYPE_LONG: /* and CURLOPTTYPE_VALUES */
        rc = fn.easy_setopt(e, opt, va_arg(ap, long));
        break;
    case CURLOPTTYPE_OBJECTPOINT: /* and STRINGPOINT, SLISTPOINT, CBPOINT */
        rc = fn.easy_setopt(e, opt, va_arg(ap, void *));
        break;
    case CURLOPTTYPE_FUNCTIONPOINT:
        rc = fn.easy_setopt(e, opt, va_arg(ap, void (*)(void)));
        break;
    case CURLOPTTYPE_OFF_T:
        rc = fn.easy_setopt(e, opt, va_arg(ap, curl_off_t));
        break;
    case CURLOPTTYPE_BLOB:
        rc = fn.easy_setopt(e, opt, va_arg(ap, struct curl_blob *));
        break;
    default:
        rc = CURLE_UNKNOWN_OPTION; /* what libcurl says of an option it does not know */
        break;
    }
    va_end(ap);
    return rc;
}

/* Every CURLINFO takes a pointer to where the answer goes, of the type
 * its range names (curl.h: CURLINFO_TYPEMASK). */
CURLcode curl_lazy_easy_getinfo(CURL *e, CURLINFO info, ...)
{
    if (!ready())
        return CURLE_FAILED_INIT;
    va_list ap;
    va_start(ap, info);
    CURLcode rc;
    switch ((int)info & CURLINFO_TYPEMASK) {
    case CURLINFO_STRING:
        rc = fn.easy_getinfo(e, info, va_arg(ap, char **));
        break;
    case CURLINFO_LONG:
        rc = fn.easy_getinfo(e, info, va_arg(ap, long *));
        break;
    case CURLINFO_DOUBLE:
        rc = fn.easy_getinfo(e, info, va_arg(ap, double *));
        break;
    case CURLINFO_SLIST: /* and CURLINFO_PTR: a pointer to one of several pointer types */
        rc = fn.easy_getinfo(e, info, va_arg(ap, void *));
        break;
    case CURLINFO_SOCKET:
        rc = fn.easy_getinfo(e, info, va_arg(ap, curl_socket_t *));
        break;
    case CURLINFO_OFF_T:
        rc = fn.easy_getinfo(e, info, va_arg(ap, curl_off_t *));
        break;
    default:
        rc = CURLE_UNKNOWN_OPTION;
        break;
    }
    va_end(ap);
    return rc;
}
