/* Internals of src/serve: request parsing, replies, the reply cache and the
 * compiled-in assets.  Not part of the public interface (sr_serve.h). */
#ifndef SERVE_INT_H
#define SERVE_INT_H

#include <pthread.h>

#include "sr_serve.h"

/* Bounds of what a request may carry, beyond libmicrohttpd's own (the
 * request line and headers must fit in its per-connection memory). */
enum {
    SRV_MAX_PARAMS = 32,       /* query parameters */
    SRV_MAX_VALUE = 1024,      /* bytes of one decoded parameter value */
    SRV_MAX_PAGE = 1000,       /* events in one page */
    SRV_DEFAULT_PAGE = 100
};

typedef struct srv_param {
    const char *name, *value;  /* decoded, NUL-terminated, valid UTF-8 */
    size_t len;                /* of value */
    int used;
} srv_param;

typedef struct srv_req {
    const sr_serve_request *rq;
    sr_arena *a;
    const char *path;          /* decoded */
    srv_param params[SRV_MAX_PARAMS];
    size_t nparams;
} srv_req;

/* Splits uri into path and query parameters, %-decoding both ('+' is a
 * space in the query).  Returns 0, or an HTTP status (400, 414) with a
 * message in msg. */
int srv_parse_uri(sr_arena *a, const char *uri, srv_req *out, char *msg, size_t cap);
/* The value of parameter name, or NULL; marks it as used. */
const char *srv_get(srv_req *r, const char *name);
/* The first parameter no handler asked for, or NULL. */
const char *srv_unused_param(const srv_req *r);
/* Parses a whole decimal number in [lo, hi]; returns 0 or -1. */
int srv_parse_long(const char *s, long lo, long hi, long *out);

/* Replies. */
void srv_reply_error(sr_serve_reply *out, int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* A JSON reply whose body is already in out->buf. */
void srv_reply_json(sr_serve_reply *out, int status);

/* ---- compiled-in assets (build/gen/web_assets.c) ---------------------- */

typedef struct srv_asset {
    const char *name;          /* "index.html", "app.js", ... */
    const char *type;
    const unsigned char *data, *gz; /* gz: gzip of data, or NULL */
    size_t len, gzlen;
    const char *etag;
} srv_asset;

extern const srv_asset srv_assets[];
extern const size_t srv_nassets;
const srv_asset *srv_asset_find(const char *name);

/* ---- the reply cache -------------------------------------------------- */

/* Keeps whole replies to GET requests whose answer depends only on the URI
 * and on the store's contents.  An entry is used only under the generation
 * it was made in; the data endpoints pass the store's version (data.c),
 * so a reply lives as long as the data it was made from. */
typedef struct srv_cache srv_cache;
srv_cache *srv_cache_new(size_t entries);
void srv_cache_free(srv_cache *c);
/* Copies a hit into out (status, JSON type, body); returns 1, else 0. */
int srv_cache_get(srv_cache *c, const char *key, unsigned long long gen, sr_serve_reply *out);
void srv_cache_put(srv_cache *c, const char *key, unsigned long long gen,
                   const sr_serve_reply *r);

#endif
