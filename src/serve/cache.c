/* The reply cache: a direct-mapped table of whole replies keyed by URI.
 * A colliding key simply replaces the older entry; an entry made under an
 * older store generation is never served. */
#include <stdlib.h>

#include "serve_int.h"

typedef struct entry {
    char *key;
    unsigned long long gen;
    int status;
    char *body;
    size_t len;
} entry;

struct srv_cache {
    pthread_mutex_t mu;
    size_t n;
    entry *e;
};

srv_cache *srv_cache_new(size_t entries)
{
    srv_cache *c = sr_calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->n = entries ? entries : 1;
    if (!(c->e = sr_calloc(c->n, sizeof *c->e)) || pthread_mutex_init(&c->mu, NULL)) {
        free(c->e);
        free(c);
        return NULL;
    }
    return c;
}

void srv_cache_free(srv_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->e[i].key);
        free(c->e[i].body);
    }
    free(c->e);
    pthread_mutex_destroy(&c->mu);
    free(c);
}

static size_t slot(const srv_cache *c, const char *key)
{
    uint64_t h = 1469598103934665603ull;  /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 1099511628211ull;
    return (size_t)(h % c->n);
}

int srv_cache_get(srv_cache *c, const char *key, unsigned long long gen, sr_serve_reply *out)
{
    if (!c)
        return 0;
    int hit = 0;
    pthread_mutex_lock(&c->mu);
    entry *e = &c->e[slot(c, key)];
    if (e->key && e->gen == gen && !strcmp(e->key, key)) {
        sr_buf_clear(&out->buf);
        if (sr_buf_put(&out->buf, e->body, e->len) == SR_OK) {
            srv_reply_json(out, e->status);
            hit = 1;
        }
    }
    pthread_mutex_unlock(&c->mu);
    return hit;
}

void srv_cache_put(srv_cache *c, const char *key, unsigned long long gen, const sr_serve_reply *r)
{
    if (!c)
        return;
    size_t kl = strlen(key);
    char *k = sr_malloc(kl + 1), *b = sr_malloc(r->len + 1);
    if (!k || !b) {
        free(k);
        free(b);
        return;
    }
    memcpy(k, key, kl + 1);
    if (r->len)
        memcpy(b, r->data, r->len);
    pthread_mutex_lock(&c->mu);
    entry *e = &c->e[slot(c, key)];
    free(e->key);
    free(e->body);
    *e = (entry){k, gen, r->status, b, r->len};
    pthread_mutex_unlock(&c->mu);
}
