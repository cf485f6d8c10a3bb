/* libmicrohttpd glue: the daemon, its limits, request bodies and replies.
 * What a request means is decided in route.c (sr_serve_handle). */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "server_int.h"

/* The request line and all headers must fit in this much memory per
 * connection; libmicrohttpd answers 414 or 431 past it. */
#define SRV_CONN_MEMORY (32 * 1024)

typedef struct conn {
    char *uri;                 /* as sent, before libmicrohttpd decodes it */
    sr_buf body;
    int started, too_big;
    srv_slot *slot;            /* its connection's deadlines */
} conn;

static srv_slot *slot_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    sr_server *s = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        *socket_context = ci ? srv_guard_open(s->guard, ci->connect_fd) : NULL;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        srv_guard_close(s->guard, *socket_context);
        *socket_context = NULL;
    }
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    conn *k = sr_calloc(1, sizeof *k);
    if (k && !(k->uri = strdup(uri))) {
        free(k);
        k = NULL;
    }
    if (k)
        k->slot = slot_of(c);
    return k;
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls,
                    enum MHD_RequestTerminationCode why)
{
    sr_server *s = cls;
    conn *k = *con_cls;
    if (!k)
        return;
    /* The connection waits for its next request from now. */
    srv_guard_waiting(s->guard, k->slot);
    free(k->uri);
    sr_buf_free(&k->body);
    free(k);
    *con_cls = NULL;
}

static enum MHD_Result send_reply(struct MHD_Connection *c, const sr_serve_reply *r)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        r->len, (void *)r->data, r->buf.data && r->data == (const unsigned char *)r->buf.data
                                     ? MHD_RESPMEM_MUST_COPY
                                     : MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return MHD_NO;
    if (r->type)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->type);
    if (r->encoding)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_ENCODING, r->encoding);
    if (r->allow)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, r->allow);
    if (r->etag)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, r->etag);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, r->cache ? r->cache : "no-store");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    /* The page loads nothing from anywhere else and runs no inline code. */
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                            "base-uri 'none'; frame-ancestors 'none'");
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

static enum MHD_Result reply_now(sr_server *s, srv_slot *slot, struct MHD_Connection *c,
                                 int status, const char *msg)
{
    sr_serve_reply r;
    memset(&r, 0, sizeof r);
    srv_reply_error(&r, status, "%s", msg);
    srv_guard_sending(s->guard, slot, r.len);
    enum MHD_Result ok = send_reply(c, &r);
    sr_serve_reply_free(&r);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
    sr_server *s = cls;
    conn *k = *con_cls;
    if (!k)
        return reply_now(s, slot_of(c), c, 503, "out of memory");
    if (!k->started) {
        k->started = 1;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_CONTENT_LENGTH);
        /* Refused before the body is read: libmicrohttpd then closes the
         * connection instead of reading what was announced. */
        if (cl && strtoull(cl, NULL, 10) > s->o.max_body) {
            char msg[128];
            snprintf(msg, sizeof msg, "the body is larger than %zu bytes", s->o.max_body);
            return reply_now(s, k->slot, c, 413, msg);
        }
        return MHD_YES;
    }
    if (*upload_size) {
        if (!k->too_big && k->body.len + *upload_size <= s->o.max_body) {
            if (sr_buf_put(&k->body, upload, *upload_size))
                k->too_big = 2;
        } else {
            k->too_big = k->too_big ? k->too_big : 1;
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (k->too_big) {
        char msg[128];
        snprintf(msg, sizeof msg, "the body is larger than %zu bytes", s->o.max_body);
        return reply_now(s, k->slot, c, k->too_big == 2 ? 503 : 413, k->too_big == 2 ? "out of memory" : msg);
    }
    sr_serve_request rq = {
        method, k->uri,
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING),
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH),
        k->body.data, k->body.len};
    sr_serve_reply r;
    /* A handler's time is not the client's: no deadline while it works. */
    srv_guard_busy(s->guard, k->slot);
    sr_serve_handle(s, &rq, &r);
    if (s->o.log)
        fprintf(s->o.log, "%s %s %d %zu\n", method, k->uri, r.status, r.len);
    srv_guard_sending(s->guard, k->slot, r.len);
    enum MHD_Result ok = send_reply(c, &r);
    sr_serve_reply_free(&r);
    return ok;
}

static void on_log(void *cls, const char *fmt, va_list ap)
{
    sr_server *s = cls;
    if (!s->o.log)
        return;
    fputs("sitrep serve: ", s->o.log);
    vfprintf(s->o.log, fmt, ap);
}

/* "HOST:PORT" with a numeric IPv4 or [IPv6] address, or localhost; no name
 * is looked up. */
static int parse_listen(const char *spec, struct sockaddr_storage *ss, socklen_t *len,
                        int *v6, sr_error *err)
{
    const char *colon = strrchr(spec, ':');
    if (!colon || !colon[1])
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0,
                            "--listen '%s': expected HOST:PORT, e.g. 127.0.0.1:8080", spec);
    char host[64];
    size_t hl = (size_t)(colon - spec);
    if (hl >= 2 && spec[0] == '[' && spec[hl - 1] == ']') {
        spec++;
        hl -= 2;
    }
    if (hl == 0 || hl >= sizeof host)
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "--listen '%s': bad host", spec);
    memcpy(host, spec, hl);
    host[hl] = 0;
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535)
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "--listen: bad port '%s'", colon + 1);
    if (!strcmp(host, "localhost"))
        strcpy(host, "127.0.0.1");
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t)port);
        *len = sizeof *in4;
        *v6 = 0;
    } else if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)port);
        *len = sizeof *in6;
        *v6 = 1;
    } else {
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0,
                            "--listen '%s': the host must be a numeric address or localhost",
                            host);
    }
    return SR_OK;
}

/* 127.0.0.0/8, ::1 and ::ffff:127.0.0.0/104: nothing else on the network
 * reaches them. */
static int is_loopback(const struct sockaddr_storage *ss)
{
    if (ss->ss_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)ss)->sin_addr.s_addr) >> 24) == 127;
    const struct in6_addr *a = &((const struct sockaddr_in6 *)ss)->sin6_addr;
    return IN6_IS_ADDR_LOOPBACK(a) || (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
}

static int listen_addr(const char *spec, int allow_remote, struct sockaddr_storage *ss,
                       socklen_t *len, int *v6, sr_error *err)
{
    int rc = parse_listen(spec, ss, len, v6, err);
    if (!rc && !allow_remote && !is_loopback(ss))
        rc = sr_error_set(err, SR_EINVAL, NULL, 0, 0,
                          "--listen '%s' is not a loopback address: the server has no "
                          "authentication, so it listens only where this machine alone "
                          "reaches it (--allow-remote overrides this)",
                          spec);
    return rc;
}

int sr_serve_check_listen(const char *listen, int allow_remote, sr_error *err)
{
    struct sockaddr_storage ss;
    socklen_t len;
    int v6;
    return listen_addr(listen ? listen : "127.0.0.1:8080", allow_remote, &ss, &len, &v6, err);
}

int sr_serve_new(const sr_serve_opts *opts, sr_server **out, sr_error *err)
{
    *out = NULL;
    sr_server *s = sr_calloc(1, sizeof *s);
    if (!s)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    s->o = *opts;
    if (!s->o.listen)
        s->o.listen = "127.0.0.1:8080";
    if (!s->o.max_body)
        s->o.max_body = 1u << 20;
    if (!s->o.timeout)
        s->o.timeout = 10;
    if (!s->o.max_conns)
        s->o.max_conns = 256;
    if (!s->o.threads)
        s->o.threads = 2;
    if (!s->o.cache_entries)
        s->o.cache_entries = 512;
    if (!s->o.cache_check_ms)
        s->o.cache_check_ms = 250;
    s->started = time(NULL);
    if (!(s->cache = srv_cache_new(s->o.cache_entries))) {
        free(s);
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    int rc = srv_stores_open(s, err);
    if (rc) {
        srv_cache_free(s->cache);
        free(s);
        return rc;
    }
    *out = s;
    return SR_OK;
}

int sr_serve_start(sr_server *s, sr_error *err)
{
    struct sockaddr_storage ss;
    socklen_t slen = 0;
    int v6 = 0;
    int rc = listen_addr(s->o.listen, s->o.allow_remote, &ss, &slen, &v6, err);
    if (!rc)
        rc = srv_mhd_load(err);
    if (rc)
        return rc;
    /* Past max_conns a new connection drops the slowest waiting one
     * (guard.c); libmicrohttpd's own limit, a little higher, leaves room
     * for the newcomer. */
    if (!s->guard && !(s->guard = srv_guard_new(s->o.timeout, s->o.max_conns, s->o.log)))
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    unsigned hard = s->o.max_conns + s->o.max_conns / 4 + 2 * s->o.threads + 4;
    unsigned flags = MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
                     (v6 ? MHD_USE_IPv6 : 0);
    s->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, s,
        MHD_OPTION_EXTERNAL_LOGGER, on_log, s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
        MHD_OPTION_NOTIFY_COMPLETED, on_done, s,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)s->o.threads,
        MHD_OPTION_CONNECTION_LIMIT, hard,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)s->o.timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SRV_CONN_MEMORY,
        MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
        MHD_OPTION_END);
    if (!s->daemon)
        return sr_error_set(err, SR_EIO, NULL, 0, 0,
                            "cannot listen on %s (in use, or not an address of this machine)",
                            s->o.listen);
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = di ? di->port : 0;
    char host[INET6_ADDRSTRLEN];
    if (v6)
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host, sizeof host);
    else
        inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host, sizeof host);
    snprintf(s->addr, sizeof s->addr, v6 ? "[%s]:%u" : "%s:%u", host, port);
    return SR_OK;
}

const char *sr_serve_address(const sr_server *s)
{
    return s->addr;
}

void sr_serve_free(sr_server *s)
{
    if (!s)
        return;
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    srv_guard_free(s->guard);
    srv_stores_close(s);
    srv_cache_free(s->cache);
    free(s);
}
