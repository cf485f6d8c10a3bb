/* `sitrep serve` (src/serve): the request handler as a pure function
 * (routing, parameters, errors, the page's assets, POST /code), then a real
 * server on a loopback port for what libmicrohttpd enforces (body and
 * header limits, methods, loopback only, path traversal) and for what the
 * connection watchdog (guard.c) adds: slowloris-style clients that dribble
 * header bytes neither keep a normal client out nor hold a connection past
 * its deadline. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "../harness.h"
#include "pipeline/sr_pipeline.h"
#include "serve/sr_serve.h"
#include "util/sr_util.h"

static sr_server *srv;

static int call(const char *method, const char *uri, const char *ct, const char *body,
                sr_serve_reply *r)
{
    sr_serve_request rq = {method, uri, ct, NULL, NULL, body, body ? strlen(body) : 0};
    sr_serve_handle(srv, &rq, r);
    return r->status;
}

/* The reply's body as a string (freed with the reply). */
static const char *text(sr_serve_reply *r)
{
    if (r->data == (const unsigned char *)r->buf.data)
        return r->buf.data ? r->buf.data : "";
    sr_buf_clear(&r->buf);
    sr_buf_put(&r->buf, r->data, r->len);
    r->data = (const unsigned char *)r->buf.data;
    return r->buf.data;
}

static void expect(const char *method, const char *uri, const char *ct, const char *body,
                   int status, const char *needle)
{
    sr_serve_reply r;
    int st = call(method, uri, ct, body, &r);
    CHECK_EQ_INT(st, status);
    const char *t = text(&r);
    if (needle && !strstr(t, needle)) {
        CHECK(!"body holds the expected text");
        fprintf(stderr, "  %s %s: wanted '%s' in: %.300s\n", method, uri, needle, t);
    }
    sr_serve_reply_free(&r);
}

static void test_routing(void)
{
    expect("GET", "/nowhere", NULL, NULL, 404, "\"error\": \"no such endpoint: /nowhere");
    expect("GET", "/health", NULL, NULL, 200, "\"status\": \"ok\"");
    expect("DELETE", "/health", NULL, NULL, 405, "takes GET or HEAD");
    expect("GET", "/code", NULL, NULL, 405, "takes POST");
    expect("GET", "/static/../../etc/passwd", NULL, NULL, 404, "no such file");
    expect("GET", "/static/%2e%2e/sitrep", NULL, NULL, 404, "no such file");
    expect("GET", "/static/index.html", NULL, NULL, 404, "no such file");
    expect("GET", "nothing", NULL, NULL, 400, "must start with '/'");
    expect("GET", "/health%00", NULL, NULL, 400, "NUL byte");
    expect("GET", "/health%zz", NULL, NULL, 400, "broken %-escape");
    expect("GET", "/events?actor=%ff", NULL, NULL, 400, "invalid UTF-8");
    expect("GET", "/events?from=1&from=2", NULL, NULL, 400, "given twice");
    sr_serve_reply r;
    call("DELETE", "/health", NULL, NULL, &r);
    CHECK_EQ_STR(r.allow, "GET, HEAD");
    CHECK_EQ_STR(r.type, "application/json");
    sr_serve_reply_free(&r);
}

static void test_assets(void)
{
    sr_serve_reply r;
    CHECK_EQ_INT(call("GET", "/", NULL, NULL, &r), 200);
    CHECK(strstr(text(&r), "<title>sitrep</title>") != NULL);
    CHECK_EQ_STR(r.type, "text/html; charset=utf-8");
    /* Nothing is loaded from another host. */
    CHECK(strstr(text(&r), "http://") == NULL && strstr(text(&r), "https://") == NULL);
    const char *etag = r.etag;
    CHECK(etag != NULL);
    sr_serve_reply_free(&r);
    sr_serve_request rq = {"GET", "/", NULL, NULL, etag, NULL, 0};
    sr_serve_handle(srv, &rq, &r);
    CHECK_EQ_INT(r.status, 304);
    sr_serve_reply_free(&r);
    sr_serve_request gz = {"GET", "/static/app.js", NULL, "br, gzip;q=0.5", NULL, NULL, 0};
    sr_serve_handle(srv, &gz, &r);
    CHECK_EQ_INT(r.status, 200);
    CHECK_EQ_STR(r.encoding, "gzip");
    CHECK(r.len > 2 && r.data[0] == 0x1f && r.data[1] == 0x8b);
    sr_serve_reply_free(&r);
    sr_serve_request nogz = {"GET", "/static/app.js", NULL, "gzip;q=0", NULL, NULL, 0};
    sr_serve_handle(srv, &nogz, &r);
    CHECK(r.encoding == NULL);
    CHECK(strstr(text(&r), "'use strict'") != NULL);
    sr_serve_reply_free(&r);
    CHECK_EQ_INT(call("GET", "/static/iso3166.json", NULL, NULL, &r), 200);
    CHECK(strstr(text(&r), "\"SY\":[\"760\"") != NULL);
    sr_serve_reply_free(&r);
}

static void test_code(void)
{
    expect("POST", "/code", "application/json",
           "{\"id\": \"t1\", \"date\": \"2012-07-16\",\n \"text\": \"Rebels shelled Aleppo.\"}",
           200, "\"text\":\"Rebels shelled Aleppo.\"");
    expect("POST", "/code", "text/plain; charset=utf-8", "Rebels shelled Aleppo.", 200,
           "\"sentences\":[");
    expect("POST", "/code", "application/json", "{\"text\": ", 400, "the body is not JSON");
    expect("POST", "/code", "application/json", "[1]", 400, "an object with a \\\"text\\\"");
    expect("POST", "/code", "application/json", "{\"text\": \"x\", \"date\": \"2012-13-45\"}", 400,
           "date");
    expect("POST", "/code", "application/xml", "<a/>", 415, "application/json or text/plain");
    expect("POST", "/code", "text/plain", "", 400, "the body is empty");
    expect("POST", "/code?x=1", "text/plain", "a", 400, "no query parameters");
}

static void test_no_store(void)
{
    /* Filters are checked before the store is: a bad one is a 400 even
     * here, a good one finds no store. */
    expect("GET", "/events?from=2012-02-30", NULL, NULL, 400, "from: expected a date");
    expect("GET", "/events?limit=0", NULL, NULL, 400, "limit: expected a number from 1");
    expect("GET", "/events?bbox=1,2,3", NULL, NULL, 400, "bbox: expected west,south,east,north");
    expect("GET", "/events?from=2013-01-01&to=2012-01-01", NULL, NULL, 400, "is after");
    expect("GET", "/events?colour=red", NULL, NULL, 400, "unknown parameter 'colour'");
    expect("GET", "/aggregates?by=fortnight", NULL, NULL, 400, "unknown period or grouping");
    expect("GET", "/aggregates", NULL, NULL, 400, "by: expected");
    expect("GET", "/events?from=2012-13", NULL, NULL, 400, "from: expected a date");
    expect("GET", "/events?from=2012-08&to=2012-07-31", NULL, NULL, 400, "is after");
    expect("GET", "/events?actor=SYR", NULL, NULL, 503, "without a store");
    expect("GET", "/events?from=2012-07-15&to=2012-07", NULL, NULL, 503, "without a store");
    expect("GET", "/events?from=2012&to=2013-02-28&text=Douma", NULL, NULL, 503, "without a store");
}

/* ---- over a socket ------------------------------------------------------ */

static int port_of(const char *addr)
{
    const char *c = strrchr(addr, ':');
    return c ? atoi(c + 1) : 0;
}

/* Sends raw bytes, returns what came back (up to cap - 1 bytes). */
static size_t raw(int port, const char *req, size_t reqlen, char *out, size_t cap)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval tv = {5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    size_t got = 0;
    if (connect(fd, (struct sockaddr *)&a, sizeof a) == 0) {
        for (size_t sent = 0; sent < reqlen;) {
            ssize_t n = send(fd, req + sent, reqlen - sent, MSG_NOSIGNAL);
            if (n <= 0)
                break;
            sent += (size_t)n;
        }
        shutdown(fd, SHUT_WR);
        ssize_t n;
        while (got + 1 < cap && (n = recv(fd, out + got, cap - 1 - got, 0)) > 0)
            got += (size_t)n;
    }
    out[got] = 0;
    close(fd);
    return got;
}

/* A server on a free loopback port with o's settings (listen set here),
 * or NULL after a failed check. */
static sr_server *start_server(sr_serve_opts *o)
{
    o->listen = "127.0.0.1:0";
    sr_server *s;
    sr_error err;
    CHECK_EQ_INT(sr_serve_new(o, &s, &err), SR_OK);
    if (sr_serve_start(s, &err)) {
        CHECK(!"the server starts");
        fprintf(stderr, "  %s\n", err.msg);
        sr_serve_free(s);
        return NULL;
    }
    return s;
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int connect_to(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval tv = {5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a)) {
        close(fd);
        fd = -1;
    }
    return fd;
}

/* Whether the server has closed fd: a read that finds the end of the
 * stream or an error, without waiting. */
static int closed_by_server(int fd)
{
    char c;
    ssize_t n = recv(fd, &c, 1, MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

/* Slowloris: n connections that each send the start of a request, then one
 * header byte every 100 ms, never ending it; one the server closes is
 * opened again at once, as an attacker would. */
typedef struct loris {
    int port, n;
    volatile int stop;
    int reopened;
    pthread_t th;
} loris;

static int loris_open(int port)
{
    int fd = connect_to(port);
    static const char start[] = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    if (fd >= 0 && send(fd, start, sizeof start - 1, MSG_NOSIGNAL) < 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

static void *loris_run(void *arg)
{
    loris *l = arg;
    int *fds = calloc((size_t)l->n, sizeof *fds);
    for (int i = 0; i < l->n; i++)
        fds[i] = loris_open(l->port);
    while (!l->stop) {
        for (int i = 0; i < l->n && !l->stop; i++) {
            if (fds[i] >= 0 && !closed_by_server(fds[i]) &&
                send(fds[i], "a", 1, MSG_NOSIGNAL | MSG_DONTWAIT) == 1)
                continue;
            if (fds[i] >= 0)
                close(fds[i]);
            fds[i] = loris_open(l->port);
            l->reopened++;
        }
        struct timespec w = {0, 100 * 1000 * 1000};
        nanosleep(&w, NULL);
    }
    for (int i = 0; i < l->n; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    free(fds);
    return NULL;
}

static void test_slow_clients(void)
{
    sr_serve_opts o;
    memset(&o, 0, sizeof o);
    o.timeout = 2;
    o.max_conns = 8;
    sr_server *s = start_server(&o);
    if (!s)
        return;
    int port = port_of(sr_serve_address(s));
    /* One slow client alone: libmicrohttpd's idle timeout never fires, as a
     * byte comes every 100 ms; the request's deadline (2 s) must. */
    int fd = loris_open(port);
    double t0 = now_s(), closed_at = 0;
    while (fd >= 0 && now_s() - t0 < 8) {
        if (send(fd, "a", 1, MSG_NOSIGNAL | MSG_DONTWAIT) != 1 || closed_by_server(fd)) {
            closed_at = now_s() - t0;
            break;
        }
        struct timespec w = {0, 100 * 1000 * 1000};
        nanosleep(&w, NULL);
    }
    if (fd >= 0)
        close(fd);
    CHECK(closed_at > 1.5 && closed_at < 4.0);
    if (!(closed_at > 1.5 && closed_at < 4.0))
        fprintf(stderr, "  a slow request was closed after %.1f s (0: not in 8 s)\n", closed_at);
    /* Three times --max-conns slow clients, reconnecting when dropped: a
     * normal client still gets its answers, each in bounded time. */
    loris l = {port, 24, 0, 0, 0};
    pthread_create(&l.th, NULL, loris_run, &l);
    struct timespec settle = {1, 500 * 1000 * 1000};
    nanosleep(&settle, NULL);
    char out[8192];
    const char *get = "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    int answered = 0;
    double worst = 0;
    for (int i = 0; i < 10; i++) {
        double t = now_s();
        raw(port, get, strlen(get), out, sizeof out);
        double took = now_s() - t;
        if (!strncmp(out, "HTTP/1.1 200", 12))
            answered++;
        if (took > worst)
            worst = took;
        struct timespec w = {0, 200 * 1000 * 1000};
        nanosleep(&w, NULL);
    }
    l.stop = 1;
    pthread_join(l.th, NULL);
    CHECK_EQ_INT(answered, 10);
    CHECK(worst < 3.0);
    if (answered != 10 || worst >= 3.0)
        fprintf(stderr, "  under slowloris: %d of 10 answered, the slowest in %.2f s\n",
                answered, worst);
    /* The slow clients were dropped, and /health says so. */
    CHECK(l.reopened > 0);
    raw(port, get, strlen(get), out, sizeof out);
    CHECK(strstr(out, "\"connections\": {\"open\": ") != NULL);
    const char *ev = strstr(out, "\"evicted\": ");
    CHECK(ev && atoi(ev + 12) > 0);
    sr_serve_free(s);
}

/* What a request's path or headers hold can't reach a file: assets are
 * compiled in, and every spelling of a way out of /static is a 404 (or
 * libmicrohttpd's 400) carrying no file's contents. */
static void test_traversal(void)
{
    sr_serve_opts o;
    memset(&o, 0, sizeof o);
    sr_server *s = start_server(&o);
    if (!s)
        return;
    int port = port_of(sr_serve_address(s));
    static const char *const paths[] = {
        "/static/../README.md",
        "/static/../../../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/static/..%2f..%2f..%2fetc%2fpasswd",
        "/static/..%5c..%5cetc%5cpasswd",
        "/static/%252e%252e%252fetc%252fpasswd",
        "/static/..%c0%af..%c0%afetc%c0%afpasswd",
        "/static/....//....//etc/passwd",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/static/app.js/../../../etc/passwd",
        "/static/./app.js%00.png",
        "/static/app.js%00",
        "/static/",
        "/static",
        "/../../etc/passwd",
        "//etc/passwd",
        "/etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/proc/self/environ",
        "/static/..",
        "/static/.",
    };
    char req[512], out[65536];
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                 paths[i]);
        raw(port, req, strlen(req), out, sizeof out);
        int ok = (!strncmp(out, "HTTP/1.1 404", 12) || !strncmp(out, "HTTP/1.1 400", 12)) &&
                 !strstr(out, "root:") && !strstr(out, "PATH=") && !strstr(out, "# sitrep");
        CHECK(ok);
        if (!ok)
            fprintf(stderr, "  GET %s -> %.60s\n", paths[i], out);
    }
    /* An absolute file path as the request target. */
    const char *abs = "GET /etc/passwd HTTP/1.0\r\n\r\n";
    raw(port, abs, strlen(abs), out, sizeof out);
    CHECK(strstr(out, "root:") == NULL && strncmp(out, "HTTP/1.1 200", 12) != 0);
    /* A NUL byte in the request line itself. */
    /* A raw NUL byte in the request line ends the target there (in
     * libmicrohttpd): what is after it is never looked at. */
    static const char nul[] =
        "GET /static/app.js\0/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    raw(port, nul, sizeof nul - 1, out, sizeof out);
    CHECK(strstr(out, "root:") == NULL &&
          (strncmp(out, "HTTP/1.1 200", 12) != 0 || strstr(out, "'use strict'") != NULL));
    /* The real asset is still there: the checks above see a live server. */
    const char *app = "GET /static/app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    raw(port, app, strlen(app), out, sizeof out);
    CHECK(strncmp(out, "HTTP/1.1 200", 12) == 0);
    sr_serve_free(s);
}

/* Only loopback addresses, unless allow_remote says otherwise. */
static void test_loopback(void)
{
    sr_error err;
    static const char *const refused[] = {"0.0.0.0:0", "[::]:0", "192.0.2.1:0",
                                          "10.0.0.1:8080", "[2001:db8::1]:0",
                                          "[::ffff:10.0.0.1]:0"};
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        CHECK_EQ_INT(sr_serve_check_listen(refused[i], 0, &err), SR_EINVAL);
        CHECK(strstr(err.msg, "is not a loopback address") != NULL);
        CHECK_EQ_INT(sr_serve_check_listen(refused[i], 1, &err), SR_OK);
    }
    static const char *const taken[] = {"127.0.0.1:0", "127.1.2.3:80", "localhost:0",
                                        "[::1]:0", "[::ffff:127.0.0.1]:0"};
    for (size_t i = 0; i < sizeof taken / sizeof *taken; i++)
        CHECK_EQ_INT(sr_serve_check_listen(taken[i], 0, &err), SR_OK);
    CHECK_EQ_INT(sr_serve_check_listen(NULL, 0, &err), SR_OK);
    /* sr_serve_start checks it too, before it binds. */
    sr_serve_opts o;
    memset(&o, 0, sizeof o);
    o.listen = "0.0.0.0:0";
    sr_server *s;
    CHECK_EQ_INT(sr_serve_new(&o, &s, &err), SR_OK);
    CHECK_EQ_INT(sr_serve_start(s, &err), SR_EINVAL);
    CHECK(strstr(err.msg, "--allow-remote") != NULL);
    sr_serve_free(s);
    o.allow_remote = 1;
    CHECK_EQ_INT(sr_serve_new(&o, &s, &err), SR_OK);
    CHECK_EQ_INT(sr_serve_start(s, &err), SR_OK);
    sr_serve_free(s);
}

static void test_socket(void)
{
    sr_serve_opts o;
    memset(&o, 0, sizeof o);
    o.max_body = 1000;
    o.timeout = 2;
    sr_server *s = start_server(&o);
    if (!s)
        return;
    sr_error err;
    int port = port_of(sr_serve_address(s));
    CHECK(port > 0);
    char out[8192];
    const char *get = "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    raw(port, get, strlen(get), out, sizeof out);
    CHECK(strncmp(out, "HTTP/1.1 200", 12) == 0);
    CHECK(strstr(out, "Content-Security-Policy: default-src 'self'") != NULL);
    /* A body over the limit is refused from its Content-Length. */
    const char *big = "POST /code HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                      "Content-Length: 5000\r\nConnection: close\r\n\r\n";
    raw(port, big, strlen(big), out, sizeof out);
    CHECK(strncmp(out, "HTTP/1.1 413", 12) == 0);
    CHECK(strstr(out, "larger than 1000 bytes") != NULL);
    /* Headers beyond the per-connection memory are refused too. */
    size_t hl = 64 * 1024;
    char *huge = malloc(hl + 200);
    int k = snprintf(huge, 200, "GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: ");
    memset(huge + k, 'a', hl);
    memcpy(huge + k + hl, "\r\n\r\n", 5);
    raw(port, huge, strlen(huge), out, sizeof out);
    CHECK(strncmp(out, "HTTP/1.1 431", 12) == 0 || strncmp(out, "HTTP/1.1 413", 12) == 0);
    /* Many small headers past the same memory. */
    size_t n = 0;
    n += (size_t)snprintf(huge + n, 200, "GET /health HTTP/1.1\r\nHost: x\r\n");
    while (n < hl)
        n += (size_t)snprintf(huge + n, 64, "X-%zu: b\r\n", n);
    memcpy(huge + n, "\r\n", 3);
    raw(port, huge, strlen(huge), out, sizeof out);
    CHECK(strncmp(out, "HTTP/1.1 431", 12) == 0 || strncmp(out, "HTTP/1.1 413", 12) == 0);
    /* A request line past it: 414. */
    n = (size_t)snprintf(huge, 200, "GET /events?text=");
    memset(huge + n, 'a', hl - n);
    snprintf(huge + hl, 200, " HTTP/1.1\r\nHost: x\r\n\r\n");
    raw(port, huge, strlen(huge), out, sizeof out);
    CHECK(strncmp(out, "HTTP/1.1 414", 12) == 0);
    free(huge);
    /* A body with no length given (chunked) is counted as it comes: past
     * --max-body it is a 413 with a JSON error too. */
    char chunked[4096];
    n = (size_t)snprintf(chunked, 200, "POST /code HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                                       "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
    for (int i = 0; i < 3; i++) {
        n += (size_t)snprintf(chunked + n, 16, "190\r\n");
        memset(chunked + n, 'x', 400);
        n += 400;
        n += (size_t)snprintf(chunked + n, 8, "\r\n");
    }
    n += (size_t)snprintf(chunked + n, 16, "0\r\n\r\n");
    raw(port, chunked, n, out, sizeof out);
    CHECK(strncmp(out, "HTTP/1.1 413", 12) == 0);
    CHECK(strstr(out, "\"status\": 413") != NULL);
    /* None of it harmed the server. */
    raw(port, get, strlen(get), out, sizeof out);
    CHECK(strncmp(out, "HTTP/1.1 200", 12) == 0);
    /* The port is taken: a second server there fails with a message. */
    sr_serve_opts o2 = o;
    char addr[64];
    snprintf(addr, sizeof addr, "127.0.0.1:%d", port);
    o2.listen = addr;
    sr_server *s2;
    CHECK_EQ_INT(sr_serve_new(&o2, &s2, &err), SR_OK);
    CHECK_EQ_INT(sr_serve_start(s2, &err), SR_EIO);
    CHECK(strstr(err.msg, "cannot listen") != NULL);
    sr_serve_free(s2);
    sr_serve_free(s);
    o.listen = "example.org:80";
    CHECK_EQ_INT(sr_serve_new(&o, &s, &err), SR_OK);
    CHECK_EQ_INT(sr_serve_start(s, &err), SR_EINVAL);
    CHECK(strstr(err.msg, "numeric address") != NULL);
    sr_serve_free(s);
}

int main(void)
{
    sr_pipeline_opts po;
    memset(&po, 0, sizeof po);
    sr_pipeline *pl;
    sr_error err;
    if (sr_pipeline_new(&po, NULL, &pl, &err)) {
        sr_error_print(&err, stderr);
        return 1;
    }
    sr_serve_opts o;
    memset(&o, 0, sizeof o);
    o.pipeline = pl;
    if (sr_serve_new(&o, &srv, &err)) {
        sr_error_print(&err, stderr);
        return 1;
    }
    RUN(test_routing);
    RUN(test_assets);
    RUN(test_code);
    RUN(test_no_store);
    RUN(test_socket);
    RUN(test_loopback);
    RUN(test_traversal);
    RUN(test_slow_clients);
    sr_serve_free(srv);
    sr_pipeline_free(pl);
    return harness_done("serve");
}
