/* The server object shared by src/serve's files. */
#ifndef SERVER_INT_H
#define SERVER_INT_H

#include <time.h>

#include "serve_int.h"

struct MHD_Daemon;
struct sr_result;
typedef struct srv_stores srv_stores;

struct sr_server {
    sr_serve_opts o;
    time_t started;
    char addr[96];             /* where it listens, "HOST:PORT" */
    struct MHD_Daemon *daemon;
    srv_cache *cache;
    srv_stores *stores;        /* one store handle per worker; NULL: no store */
};

/* data.c: the store's endpoints.  srv_data_route answers r when its path
 * is one of them and returns 1, else returns 0. */
/* libmicrohttpd is loaded on first use (mhd_lazy.c): SR_OK, or SR_EIO
 * saying why not. */
int srv_mhd_load(sr_error *err);
int srv_stores_open(sr_server *s, sr_error *err);
void srv_stores_close(sr_server *s);
int srv_data_route(sr_server *s, srv_req *r, sr_serve_reply *out);
/* Appends "\"store\": {...}" to b (the /health object's member). */
int srv_store_health(sr_server *s, sr_buf *b);

struct sr_store;
/* docs.c: GET /documents/ID. */
void srv_document(struct sr_store *st, const char *id, sr_serve_reply *out);

/* Appends a document's result as JSON with its "text" added. */
int srv_result_with_text(sr_buf *b, const struct sr_result *res, const char *text, size_t len);

#endif
