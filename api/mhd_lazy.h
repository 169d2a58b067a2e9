/* libmicrohttpd loaded on first use: owns the one dlopen() of
 * libmicrohttpd.so.12 and the table of the libmicrohttpd functions the
 * program calls (through lazy_lib, as curl_lazy does for libcurl).
 *
 * Why: libmicrohttpd brings 10 shared libraries of its own (gnutls,
 * p11-kit, nettle, gmp...): linked, the dynamic loader maps them before
 * main() in every command, though only `dialtop hooks` and dialtop-sim
 * serve HTTP. The programs are linked without -lmicrohttpd; the first
 * call of any function below loads the library.
 *
 * Callers keep libmicrohttpd's own names: a module includes this header
 * instead of <microhttpd.h>, and the macros at the end send each call to
 * the stand-in here (MHD_stop_daemon -> mhd_lazy_stop_daemon, ...). A
 * module that calls libmicrohttpd around this header fails to link. The
 * test helpers that are libmicrohttpd servers of their own
 * (tests/support) link -lmicrohttpd themselves.
 *
 * Thread safety: the load runs once (api/lazy_lib.h), whichever
 * thread gets there first. libmicrohttpd needs no global init call (its
 * constructor runs at dlopen). Never dlclose()d: daemons' threads and
 * gnutls's global state must outlive every caller.
 *
 * When the library cannot be loaded, each stand-in returns
 * libmicrohttpd's own failure value (NULL, MHD_NO, 0) and
 * mhd_lazy_unavailable() says why, naming the Debian package. */
#ifndef DIALTOP_MHD_LAZY_H
#define DIALTOP_MHD_LAZY_H

#include <microhttpd.h>

/* The soname loaded and the Debian package that installs it
 * (`dpkg -S libmicrohttpd.so.12`). */
#define MHD_LAZY_SONAME "libmicrohttpd.so.12"
#define MHD_LAZY_PACKAGE "libmicrohttpd12"
/* Read by the tests only: a path loaded instead of MHD_LAZY_SONAME, to
 * make the load fail for real (a file that does not exist). */
#define MHD_LAZY_TEST_ENV "DIALTOP_TEST_LIBMHD"

/* Loads libmicrohttpd if not yet done. NULL when it is usable; otherwise
 * one sentence for the operator (what failed, what to install). */
const char *mhd_lazy_unavailable(void);

/* The functions, as data: name, return type, parameters, the arguments
 * passed on, and the value returned when the library could not be
 * loaded. Written out in mhd_lazy.c: the variadic MHD_start_daemon
 * (forwarded through MHD_start_daemon_va) and MHD_get_daemon_info. */
#define MHD_LAZY_FUNCTIONS(X)                                                              \
    X(create_response_from_buffer, struct MHD_Response *,                                  \
      (size_t size, void *buffer, enum MHD_ResponseMemoryMode mode), (size, buffer, mode), \
      NULL)                                                                                \
    X(queue_response, enum MHD_Result,                                                     \
      (struct MHD_Connection * c, unsigned int status, struct MHD_Response *r),            \
      (c, status, r), MHD_NO)                                                              \
    X(lookup_connection_value, const char *,                                               \
      (struct MHD_Connection * c, enum MHD_ValueKind kind, const char *key),               \
      (c, kind, key), NULL)                                                                \
    X(add_response_header, enum MHD_Result,                                                \
      (struct MHD_Response * r, const char *header, const char *content),                  \
      (r, header, content), MHD_NO)                                                        \
    X(get_connection_values, int,                                                          \
      (struct MHD_Connection * c, enum MHD_ValueKind kind, MHD_KeyValueIterator it,        \
       void *it_cls),                                                                      \
      (c, kind, it, it_cls), 0)                                                            \
    X(is_feature_supported, enum MHD_Result, (enum MHD_FEATURE feature), (feature), MHD_NO)

/* The ones that return nothing: name, parameters, arguments. */
#define MHD_LAZY_VOID_FUNCTIONS(X)                                                         \
    X(stop_daemon, (struct MHD_Daemon * d), (d))                                           \
    X(destroy_response, (struct MHD_Response * r), (r))

#define MHD_LAZY_DECLARE(name, ret, params, args, fail) ret mhd_lazy_##name params;
#define MHD_LAZY_DECLARE_VOID(name, params, args) void mhd_lazy_##name params;
MHD_LAZY_FUNCTIONS(MHD_LAZY_DECLARE)
MHD_LAZY_VOID_FUNCTIONS(MHD_LAZY_DECLARE_VOID)
#undef MHD_LAZY_DECLARE
#undef MHD_LAZY_DECLARE_VOID
struct MHD_Daemon *mhd_lazy_start_daemon(unsigned int flags, uint16_t port,
                                         MHD_AcceptPolicyCallback apc, void *apc_cls,
                                         MHD_AccessHandlerCallback dh, void *dh_cls, ...);
/* No info type takes more arguments (microhttpd.h: "..." is unused). */
const union MHD_DaemonInfo *mhd_lazy_get_daemon_info(struct MHD_Daemon *d,
                                                     enum MHD_DaemonInfoType type, ...);

/* libmicrohttpd's names sent to the stand-ins (mhd_lazy.c itself calls
 * the real ones through its table). */
#ifndef MHD_LAZY_IMPLEMENTATION
#define MHD_start_daemon mhd_lazy_start_daemon
#define MHD_stop_daemon mhd_lazy_stop_daemon
#define MHD_create_response_from_buffer mhd_lazy_create_response_from_buffer
#define MHD_queue_response mhd_lazy_queue_response
#define MHD_destroy_response mhd_lazy_destroy_response
#define MHD_lookup_connection_value mhd_lazy_lookup_connection_value
#define MHD_add_response_header mhd_lazy_add_response_header
#define MHD_get_connection_values mhd_lazy_get_connection_values
#define MHD_is_feature_supported mhd_lazy_is_feature_supported
#define MHD_get_daemon_info mhd_lazy_get_daemon_info
#endif

#endif
