/*
 * sr_serve.h - `sitrep serve`: an HTTP server (libmicrohttpd) with JSON
 * endpoints over an event store and the web page that reads them.
 *
 *   GET  /                    the page (HTML, JS, CSS and country shapes are
 *   GET  /static/NAME         compiled into the binary; nothing is fetched
 *                             from elsewhere)
 *   GET  /health              server and store status
 *   GET  /events              events matching filters, one page at a time
 *   GET  /aggregates          event and death counts by day/week/month/place/
 *                             actor/type under the same filters (cached)
 *   GET  /places              places with their event counts
 *   GET  /documents/ID        one stored document: text, coded spans, events
 *   POST /code                codes the text in the body, stores nothing
 *
 * Every reply to a bad request is a 4xx with a JSON body
 * {"error": "message", "status": N}.
 *
 * The request handler is a pure function of the request
 * (sr_serve_handle), so tests and the fuzz target call it without a socket.
 */
#ifndef SR_SERVE_H
#define SR_SERVE_H

#include "../util/sr_util.h"

struct sr_pipeline;

typedef struct sr_serve_opts {
    const char *listen;        /* "HOST:PORT"; numeric address or localhost;
                                * NULL: 127.0.0.1:8080; port 0 picks one */
    int allow_remote;          /* listen may be an address other machines
                                * reach (the server has no authentication):
                                * without it only 127.0.0.0/8 and ::1 are */
    const char *db;            /* store URL (see sr_store.h); NULL: no store,
                                * the data endpoints answer 503 */
    const struct sr_pipeline *pipeline; /* for POST /code; NULL: 503 */
    size_t max_body;           /* bytes of a request body; 0: 1 MiB */
    unsigned timeout;          /* idle seconds before a connection is closed;
                                * 0: 10 */
    unsigned max_conns;        /* open connections at once; 0: 256 */
    unsigned threads;          /* worker threads; 0: 2 */
    unsigned cache_entries;    /* aggregate replies kept; 0: 512 */
    unsigned cache_check_ms;   /* a kept reply is used only while the store
                                * is unchanged, which is asked of it at most
                                * this often; 0: 250 */
    FILE *log;                 /* one line per request when set */
} sr_serve_opts;

typedef struct sr_server sr_server;

/* Opens the store (when opts->db is set) and prepares the handler; does not
 * listen yet.  Returns SR_OK, or an error with err saying what failed. */
int sr_serve_new(const sr_serve_opts *opts, sr_server **out, sr_error *err);
/* Checks a --listen value: SR_OK, or SR_EINVAL with err saying why (not
 * HOST:PORT, a host that is not numeric, or not a loopback address while
 * allow_remote is 0).  sr_serve_start checks the same. */
int sr_serve_check_listen(const char *listen, int allow_remote, sr_error *err);
/* Binds and starts the worker threads.  Returns SR_OK or SR_EINVAL/SR_EIO
 * with err naming the address. */
int sr_serve_start(sr_server *s, sr_error *err);
/* The address being listened on, e.g. "127.0.0.1:8080" (after start). */
const char *sr_serve_address(const sr_server *s);
/* Stops listening (when started) and frees everything. */
void sr_serve_free(sr_server *s);

/* ---- the handler, without a socket ------------------------------------ */

typedef struct sr_serve_request {
    const char *method;        /* "GET", "HEAD", "POST", ... */
    const char *uri;           /* as sent: path and query, still %-encoded */
    const char *content_type;  /* may be NULL */
    const char *accept_encoding; /* may be NULL */
    const char *if_none_match; /* may be NULL */
    const char *body;          /* may be NULL when body_len is 0 */
    size_t body_len;
} sr_serve_request;

typedef struct sr_serve_reply {
    int status;
    const char *type;          /* Content-Type */
    const char *encoding;      /* Content-Encoding or NULL */
    const char *allow;         /* Allow (405) or NULL */
    const char *etag;          /* ETag or NULL */
    const char *cache;         /* Cache-Control */
    /* The body is either owned (buf) or static data compiled in. */
    sr_buf buf;
    const unsigned char *data;
    size_t len;
} sr_serve_reply;

/* Answers one request.  Never fails: a problem becomes a 4xx or 5xx reply.
 * Free the reply with sr_serve_reply_free. */
void sr_serve_handle(sr_server *s, const sr_serve_request *rq, sr_serve_reply *out);
void sr_serve_reply_free(sr_serve_reply *r);

#endif
