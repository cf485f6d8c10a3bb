/* Connection deadlines.  libmicrohttpd's timeout counts idle seconds only:
 * a client that sends one header byte every few seconds (slowloris) keeps
 * its connection for ever, and --max-conns such clients lock every other
 * client out.  So each request must arrive whole within `timeout` seconds
 * of the moment the connection began waiting for it (opened, or the
 * previous reply sent), and a reply must be taken within `timeout` seconds
 * plus one per 64 KiB; a watchdog thread shuts a late connection's socket
 * down, and libmicrohttpd then closes it as the client's doing.  The time
 * a handler computes is never counted.  While `soft_limit` connections
 * are open, one that has waited a second for its request is dropped at
 * once (a real client on loopback sends its request in milliseconds), and
 * a new connection drops the one waiting longest to make room: slow
 * clients cannot keep others out even while their deadline runs.
 *
 * The guard knows a connection by its socket only between the
 * libmicrohttpd notifications of its start and end, which come before the
 * socket is closed: the watchdog never touches a descriptor that may have
 * been reused. */
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "server_int.h"

enum { WAITING, BUSY, SENDING };

struct srv_slot {
    struct srv_slot *prev, *next;
    int fd;
    int phase;
    int dropped;
    double since;              /* when the phase began */
    double deadline;           /* WAITING, SENDING: shut down after this */
};

struct srv_guard {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
    int started, stop;
    double timeout;
    size_t soft_limit, open;
    srv_slot head;             /* sentinel of a circular list */
    unsigned long long timed_out, evicted;
    FILE *log;
};

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void drop(srv_guard *g, srv_slot *c, int evict)
{
    c->dropped = 1;
    shutdown(c->fd, SHUT_RDWR);
    if (evict)
        g->evicted++;
    else
        g->timed_out++;
    if (g->log)
        fprintf(g->log, "sitrep serve: connection dropped: %s\n",
                evict ? "the server is full and it waited a second for its request"
                : c->phase == SENDING ? "the reply was not taken in time"
                                      : "the request did not arrive in time");
}

static void *watch(void *arg)
{
    srv_guard *g = arg;
    pthread_mutex_lock(&g->mu);
    while (!g->stop) {
        double t = now_s();
        /* While the server is full, a connection that has waited a second
         * for its request is dropped: the listen queue behind it may hold
         * clients that would send theirs at once. */
        int full = g->open >= g->soft_limit;
        for (srv_slot *c = g->head.next; c != &g->head; c = c->next) {
            if (c->dropped || c->phase == BUSY)
                continue;
            if (t >= c->deadline)
                drop(g, c, 0);
            else if (full && c->phase == WAITING && t - c->since >= 1.0)
                drop(g, c, 1);
        }
        /* A quarter second late at most; the condition variable runs on
         * CLOCK_MONOTONIC (see srv_guard_new). */
        struct timespec w;
        clock_gettime(CLOCK_MONOTONIC, &w);
        w.tv_nsec += 250000000L;
        if (w.tv_nsec >= 1000000000L) {
            w.tv_sec++;
            w.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&g->cv, &g->mu, &w);
    }
    pthread_mutex_unlock(&g->mu);
    return NULL;
}

srv_guard *srv_guard_new(unsigned timeout, size_t soft_limit, FILE *log)
{
    srv_guard *g = sr_calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->timeout = timeout;
    g->soft_limit = soft_limit;
    g->log = log;
    g->head.next = g->head.prev = &g->head;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&g->mu, NULL);
    pthread_cond_init(&g->cv, &ca);
    pthread_condattr_destroy(&ca);
    if (pthread_create(&g->thread, NULL, watch, g)) {
        srv_guard_free(g);
        return NULL;
    }
    g->started = 1;
    return g;
}

void srv_guard_free(srv_guard *g)
{
    if (!g)
        return;
    if (g->started) {
        pthread_mutex_lock(&g->mu);
        g->stop = 1;
        pthread_cond_signal(&g->cv);
        pthread_mutex_unlock(&g->mu);
        pthread_join(g->thread, NULL);
    }
    /* libmicrohttpd has closed every connection by now. */
    while (g->head.next != &g->head) {
        srv_slot *c = g->head.next;
        g->head.next = c->next;
        free(c);
    }
    pthread_mutex_destroy(&g->mu);
    pthread_cond_destroy(&g->cv);
    free(g);
}

srv_slot *srv_guard_open(srv_guard *g, int fd)
{
    srv_slot *c = sr_calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->fd = fd;
    c->phase = WAITING;
    pthread_mutex_lock(&g->mu);
    double t = now_s();
    c->since = t;
    c->deadline = t + g->timeout;
    if (++g->open > g->soft_limit) {
        srv_slot *old = NULL;
        for (srv_slot *o = g->head.next; o != &g->head; o = o->next)
            if (!o->dropped && o->phase == WAITING && t - o->since >= 1.0 &&
                (!old || o->since < old->since))
                old = o;
        if (old)
            drop(g, old, 1);
    }
    c->next = &g->head;
    c->prev = g->head.prev;
    g->head.prev->next = c;
    g->head.prev = c;
    pthread_mutex_unlock(&g->mu);
    return c;
}

void srv_guard_close(srv_guard *g, srv_slot *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&g->mu);
    c->prev->next = c->next;
    c->next->prev = c->prev;
    g->open--;
    pthread_mutex_unlock(&g->mu);
    free(c);
}

static void phase_set(srv_guard *g, srv_slot *c, int phase, size_t reply_len)
{
    if (!c)
        return;
    pthread_mutex_lock(&g->mu);
    double t = now_s();
    c->phase = phase;
    c->since = t;
    c->deadline = t + g->timeout + (phase == SENDING ? (double)(reply_len >> 16) : 0);
    pthread_mutex_unlock(&g->mu);
}

void srv_guard_waiting(srv_guard *g, srv_slot *c)
{
    phase_set(g, c, WAITING, 0);
}

void srv_guard_busy(srv_guard *g, srv_slot *c)
{
    phase_set(g, c, BUSY, 0);
}

void srv_guard_sending(srv_guard *g, srv_slot *c, size_t len)
{
    phase_set(g, c, SENDING, len);
}

void srv_guard_stats(srv_guard *g, size_t *open, unsigned long long *timed_out,
                     unsigned long long *evicted)
{
    pthread_mutex_lock(&g->mu);
    *open = g->open;
    *timed_out = g->timed_out;
    *evicted = g->evicted;
    pthread_mutex_unlock(&g->mu);
}
