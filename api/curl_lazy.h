/* libcurl loaded on first use: owns the one dlopen() of libcurl.so.4, the
 * table of the libcurl functions the program calls, and the one
 * curl_global_init().
 *
 * Why: libcurl brings 20 shared libraries of its own (TLS, ssh, ldap,
 * kerberos, idn, brotli...): linked, they cost `dialtop --version` 3.4 MB
 * of its 15.4 MB peak RSS and a third of its CPU time, and every command
 * that never opens a connection (`dialtop import --dry-run`) the same.
 * The programs are linked without -lcurl; the first call of any function
 * below loads the library.
 *
 * Callers keep libcurl's own names: a module includes this header instead
 * of <curl/curl.h>, and the macros at the end send each call to the
 * stand-in here (curl_easy_init -> curl_lazy_easy_init, ...). The code
 * still reads as libcurl's documentation, and a module that includes
 * <curl/curl.h> directly fails to link (no -lcurl), so nothing reaches
 * libcurl around the loader. The tests and benchmarks that are plain
 * libcurl clients link -lcurl themselves; the loader then finds the
 * library already mapped.
 *
 * Thread safety: the load (dlopen, dlsym) runs once (api/lazy_lib.h),
 * before any stand-in calls into libcurl, whichever thread gets there
 * first; the others wait for it to finish. curl_global_init() runs once
 * too, under a second pthread_once(), before the first easy or multi
 * handle is made: no transfer can be running then in any thread (what
 * works without a handle, the URL parser, curl_getdate and the slist
 * functions, uses no global state), so it is never called twice nor
 * beside another libcurl call that depends on it (the sim's webhook
 * thread and the console's loop are safe; Debian's libcurl is built
 * thread-safe besides: `curl -V` lists "threadsafe"). The URL parser alone (a
 * config's base_url checked) so loads the library without initialising
 * TLS, which would cost another 2 MB.
 * curl_global_cleanup() is never called: other threads may still be
 * using libcurl at exit, and the library stays mapped (no dlclose) so
 * its global state stays reachable, not a leak.
 *
 * When the library cannot be loaded, each stand-in returns libcurl's own
 * failure value (NULL, CURLE_FAILED_INIT, CURLM_BAD_HANDLE,
 * CURLUE_BAD_HANDLE, -1) and curl_lazy_unavailable() says why, naming the
 * library and the Debian package to install. */
#ifndef DIALTOP_CURL_LAZY_H
#define DIALTOP_CURL_LAZY_H

#include <curl/curl.h>

/* The soname loaded and the Debian package that installs it. */
#define CURL_LAZY_SONAME "libcurl.so.4"
#define CURL_LAZY_PACKAGE "libcurl4"
/* Read by the tests only: a path loaded instead of CURL_LAZY_SONAME, to
 * make the load fail for real (a file that does not exist). */
#define CURL_LAZY_TEST_ENV "DIALTOP_TEST_LIBCURL"

/* Loads libcurl if not yet done. NULL when it is usable; otherwise one
 * sentence for the operator (what failed, what to install). */
const char *curl_lazy_unavailable(void);

/* The libcurl functions the program uses, as data: name, return type,
 * parameters, the arguments passed on, and the value returned when the
 * library could not be loaded. Written out in curl_lazy.c: the variadic
 * curl_easy_setopt and curl_easy_getinfo, and curl_easy_init and
 * curl_multi_init (every other call takes a handle one of them made). */
#define CURL_LAZY_FUNCTIONS(X)                                                             \
    X(easy_perform, CURLcode, (CURL * e), (e), CURLE_FAILED_INIT)                          \
    X(easy_strerror, const char *, (CURLcode c), (c), "libcurl could not be loaded")        \
    X(multi_cleanup, CURLMcode, (CURLM * m), (m), CURLM_BAD_HANDLE)                        \
    X(multi_add_handle, CURLMcode, (CURLM * m, CURL * e), (m, e), CURLM_BAD_HANDLE)        \
    X(multi_remove_handle, CURLMcode, (CURLM * m, CURL * e), (m, e), CURLM_BAD_HANDLE)     \
    X(multi_perform, CURLMcode, (CURLM * m, int *running), (m, running), CURLM_BAD_HANDLE) \
    X(multi_poll, CURLMcode,                                                               \
      (CURLM * m, struct curl_waitfd * fds, unsigned int nfds, int timeout_ms, int *ret),  \
      (m, fds, nfds, timeout_ms, ret), CURLM_BAD_HANDLE)                                   \
    X(multi_info_read, CURLMsg *, (CURLM * m, int *left), (m, left), NULL)                 \
    X(slist_append, struct curl_slist *, (struct curl_slist * l, const char *s), (l, s),   \
      NULL)                                                                                \
    X(url, CURLU *, (void), (), NULL)                                                      \
    X(url_set, CURLUcode, (CURLU * u, CURLUPart what, const char *part, unsigned int fl),  \
      (u, what, part, fl), CURLUE_BAD_HANDLE)                                              \
    X(url_get, CURLUcode, (CURLU * u, CURLUPart what, char **part, unsigned int fl),        \
      (u, what, part, fl), CURLUE_BAD_HANDLE)                                              \
    X(getdate, time_t, (const char *s, const time_t *unused), (s, unused), (time_t)-1)

/* The ones that return nothing: name, parameters, arguments. */
#define CURL_LAZY_VOID_FUNCTIONS(X)                                                        \
    X(easy_cleanup, (CURL * e), (e))                                                       \
    X(slist_free_all, (struct curl_slist * l), (l))                                        \
    X(url_cleanup, (CURLU * u), (u))                                                       \
    X(free, (void *p), (p))

#define CURL_LAZY_DECLARE(name, ret, params, args, fail) ret curl_lazy_##name params;
#define CURL_LAZY_DECLARE_VOID(name, params, args) void curl_lazy_##name params;
CURL_LAZY_FUNCTIONS(CURL_LAZY_DECLARE)
CURL_LAZY_VOID_FUNCTIONS(CURL_LAZY_DECLARE_VOID)
#undef CURL_LAZY_DECLARE
#undef CURL_LAZY_DECLARE_VOID
/* The two that make handles also run curl_global_init() first. */
CURL *curl_lazy_easy_init(void);
CURLM *curl_lazy_multi_init(void);
CURLcode curl_lazy_easy_setopt(CURL *e, CURLoption opt, ...);
CURLcode curl_lazy_easy_getinfo(CURL *e, CURLINFO info, ...);

/* libcurl's names sent to the stand-ins (curl_lazy.c itself calls the
 * real ones through its table). <curl/curl.h> makes curl_easy_setopt and
 * curl_easy_getinfo macros of its own (argument checks): replaced. */
#ifndef CURL_LAZY_IMPLEMENTATION
#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_easy_init curl_lazy_easy_init
#define curl_easy_setopt curl_lazy_easy_setopt
#define curl_easy_getinfo curl_lazy_easy_getinfo
#define curl_easy_perform curl_lazy_easy_perform
#define curl_easy_cleanup curl_lazy_easy_cleanup
#define curl_easy_strerror curl_lazy_easy_strerror
#define curl_multi_init curl_lazy_multi_init
#define curl_multi_cleanup curl_lazy_multi_cleanup
#define curl_multi_add_handle curl_lazy_multi_add_handle
#define curl_multi_remove_handle curl_lazy_multi_remove_handle
#define curl_multi_perform curl_lazy_multi_perform
#define curl_multi_poll curl_lazy_multi_poll
#define curl_multi_info_read curl_lazy_multi_info_read
#define curl_slist_append curl_lazy_slist_append
#define curl_slist_free_all curl_lazy_slist_free_all
#define curl_url curl_lazy_url
#define curl_url_set curl_lazy_url_set
#define curl_url_get curl_lazy_url_get
#define curl_url_cleanup curl_lazy_url_cleanup
#define curl_free curl_lazy_free
#define curl_getdate curl_lazy_getdate
/* done by the loader, once: a caller's own call would be a second */
#define curl_global_init(flags) curl_global_init_is_done_by_curl_lazy
#define curl_global_cleanup() curl_global_cleanup_is_never_called
#endif

#endif
