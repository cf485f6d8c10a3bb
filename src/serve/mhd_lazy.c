/* libmicrohttpd, opened on first use (see sr_lazy_lib in
 * src/util/sr_util.h): only `sitrep serve` needs it, and it pulls in
 * GnuTLS and a dozen more libraries.  Every MHD function http.c calls has
 * its forwarder here. */
#include <microhttpd.h>
#include <stdarg.h>

#include "server_int.h"

#define MHD_FUNCS(F, V, S)                                                                    \
    F(enum MHD_Result, MHD_add_response_header,                                               \
      (struct MHD_Response * r, const char *h, const char *c), (r, h, c), MHD_NO)             \
    F(const char *, MHD_lookup_connection_value,                                              \
      (struct MHD_Connection * c, enum MHD_ValueKind k, const char *key), (c, k, key), NULL)  \
    F(enum MHD_Result, MHD_queue_response,                                                    \
      (struct MHD_Connection * c, unsigned int st, struct MHD_Response *r), (c, st, r),       \
      MHD_NO)                                                                                 \
    F(struct MHD_Response *, MHD_create_response_from_buffer,                                 \
      (size_t n, void *b, enum MHD_ResponseMemoryMode m), (n, b, m), NULL)                    \
    V(MHD_stop_daemon, (struct MHD_Daemon * d), (d))                                          \
    V(MHD_destroy_response, (struct MHD_Response * r), (r))                                   \
    S(MHD_start_daemon_va)                                                                    \
    S(MHD_get_daemon_info)                                                                    \
    S(MHD_get_connection_info)

SR_LAZY_DEFINE(MHD_FUNCS, "sitrep serve", "libmicrohttpd.so.12", "libmicrohttpd.so")

int srv_mhd_load(sr_error *err) { return sr_lazy_load(&lazy_lib, err); }

struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port,
                                    MHD_AcceptPolicyCallback apc, void *apc_cls,
                                    MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
    if (!sr_lazy_ready(&lazy_lib))
        return NULL;
    va_list ap;
    va_start(ap, dh_cls);
    struct MHD_Daemon *d = SR_LAZY_FN(struct MHD_Daemon * (*)(unsigned int, uint16_t,
                                                               MHD_AcceptPolicyCallback, void *,
                                                               MHD_AccessHandlerCallback, void *,
                                                               va_list),
                                      MHD_start_daemon_va)(flags, port, apc, apc_cls, dh, dh_cls,
                                                           ap);
    va_end(ap);
    return d;
}

/* No information type of this libmicrohttpd that sitrep asks for takes an
 * argument after the type, so the calls pass none on. */
const union MHD_DaemonInfo *MHD_get_daemon_info(struct MHD_Daemon *daemon,
                                                enum MHD_DaemonInfoType info_type, ...)
{
    if (!sr_lazy_ready(&lazy_lib))
        return NULL;
    return SR_LAZY_FN(const union MHD_DaemonInfo *(*)(struct MHD_Daemon *,
                                                      enum MHD_DaemonInfoType, ...),
                      MHD_get_daemon_info)(daemon, info_type);
}

const union MHD_ConnectionInfo *MHD_get_connection_info(struct MHD_Connection *connection,
                                                        enum MHD_ConnectionInfoType info_type,
                                                        ...)
{
    if (!sr_lazy_ready(&lazy_lib))
        return NULL;
    return SR_LAZY_FN(const union MHD_ConnectionInfo *(*)(struct MHD_Connection *,
                                                          enum MHD_ConnectionInfoType, ...),
                      MHD_get_connection_info)(connection, info_type);
}
