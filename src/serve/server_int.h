/* The server object shared by src/serve's files. */
#ifndef SERVER_INT_H
#define SERVER_INT_H

#include <stdio.h>
#include <time.h>

#include "serve_int.h"

struct MHD_Daemon;
struct sr_result;
typedef struct srv_stores srv_stores;
typedef struct srv_guard srv_guard;
typedef struct srv_slot srv_slot;

struct sr_server {
    sr_serve_opts o;
    time_t started;
    char addr[96];             /* where it listens, "HOST:PORT" */
    struct MHD_Daemon *daemon;
    srv_cache *cache;
    srv_stores *stores;        /* one store handle per worker; NULL: no store */
    srv_guard *guard;          /* connection deadlines (guard.c) */
};

/* guard.c: deadlines of connections.  A request must arrive whole within
 * timeout seconds of the connection's starting to wait for it, a reply be
 * taken within timeout seconds plus one per 64 KiB; past soft_limit open
 * connections, a new one drops the one waiting longest for its request.
 * srv_guard_new starts the watchdog thread (NULL: out of memory). */
srv_guard *srv_guard_new(unsigned timeout, size_t soft_limit, FILE *log);
void srv_guard_free(srv_guard *g);
/* A connection on socket fd opened (NULL: out of memory; then it is not
 * watched) and closed; libmicrohttpd closes fd only after srv_guard_close. */
srv_slot *srv_guard_open(srv_guard *g, int fd);
void srv_guard_close(srv_guard *g, srv_slot *c);
/* Its phases: waiting for a request (its deadline starts now), a handler
 * working on it (no deadline), a reply of len bytes queued. */
void srv_guard_waiting(srv_guard *g, srv_slot *c);
void srv_guard_busy(srv_guard *g, srv_slot *c);
void srv_guard_sending(srv_guard *g, srv_slot *c, size_t len);
void srv_guard_stats(srv_guard *g, size_t *open, unsigned long long *timed_out,
                     unsigned long long *evicted);

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
