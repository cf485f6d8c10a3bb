/* The store's endpoints: /events, /aggregates, /places, /documents/ID.
 * Everything is read through sr_store.h (prepared statements, values
 * bound); this file only turns query parameters into a sr_store_filter
 * and rows into JSON. */
#include <math.h>
#include <stdlib.h>

#include "../code/sr_code.h"
#include "../store/sr_store.h"
#include "server_int.h"

/* One store connection per worker: a sr_store is used by one thread at a
 * time, so a request takes a free one and gives it back. */
struct srv_stores {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t n, nfree;
    sr_store **all, **free;
    /* The store's version (sr_store_version) when last asked, and when. */
    int64_t version;
    unsigned long long asked_ms;
    int known;
};

int srv_stores_open(sr_server *s, sr_error *err)
{
    if (!s->o.db)
        return SR_OK;
    srv_stores *p = sr_calloc(1, sizeof *p);
    size_t n = s->o.threads + 1;
    if (!p || !(p->all = sr_calloc(n, sizeof *p->all)) || !(p->free = sr_calloc(n, sizeof *p->free))) {
        if (p)
            free(p->all);
        free(p);
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    s->stores = p;
    /* The server only reads: a store on a read-only mount, or archived
     * with its write permissions taken away, is served too. */
    sr_store_opts so;
    sr_store_opts_init(&so);
    so.read_only = 1;
    for (; p->n < n; p->n++) {
        int rc = sr_store_open(s->o.db, &so, &p->all[p->n], err);
        if (rc) {
            srv_stores_close(s);
            return rc;
        }
        p->free[p->nfree++] = p->all[p->n];
    }
    return SR_OK;
}

void srv_stores_close(sr_server *s)
{
    srv_stores *p = s->stores;
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        sr_store_close(p->all[i]);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    free(p->all);
    free(p->free);
    free(p);
    s->stores = NULL;
}

static sr_store *take(srv_stores *p)
{
    pthread_mutex_lock(&p->mu);
    while (p->nfree == 0)
        pthread_cond_wait(&p->cv, &p->mu);
    sr_store *st = p->free[--p->nfree];
    pthread_mutex_unlock(&p->mu);
    return st;
}

static void give(srv_stores *p, sr_store *st)
{
    pthread_mutex_lock(&p->mu);
    p->free[p->nfree++] = st;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

static unsigned long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000u + (unsigned long long)ts.tv_nsec / 1000000u;
}

/* The generation kept replies are filed under: the store's version, asked
 * at most every cache_check_ms, so an ingest shows within that time while
 * a burst of requests costs one small query.  Returns 0 when the store
 * cannot say (nothing is then cached). */
static int generation(sr_server *s, sr_store *st, unsigned long long *gen)
{
    srv_stores *p = s->stores;
    unsigned long long now = now_ms();
    pthread_mutex_lock(&p->mu);
    int fresh = p->known && now - p->asked_ms < s->o.cache_check_ms;
    int64_t v = p->version;
    pthread_mutex_unlock(&p->mu);
    if (!fresh) {
        sr_error err;
        if (sr_store_version(st, &v, &err)) {
            pthread_mutex_lock(&p->mu);
            p->known = 0;
            pthread_mutex_unlock(&p->mu);
            return 0;
        }
        pthread_mutex_lock(&p->mu);
        p->version = v;
        p->asked_ms = now;
        p->known = 1;
        pthread_mutex_unlock(&p->mu);
    }
    *gen = (unsigned long long)v;
    return 1;
}

int srv_store_health(sr_server *s, sr_buf *b)
{
    if (!s->stores)
        return sr_buf_puts(b, "\"store\": null");
    sr_store *st = take(s->stores);
    sr_store_stats x;
    sr_error err;
    sr_error_clear(&err);
    int rc = sr_store_stats_get(st, &x, &err);
    int kind = sr_store_kind(st);
    give(s->stores, st);
    if (rc) {
        int r = sr_buf_puts(b, "\"store\": {\"ok\": false, \"error\": ");
        return r ? r : (r = sr_json_str(b, err.msg, strlen(err.msg))) ? r : sr_buf_putc(b, '}');
    }
    return sr_buf_printf(b,
                         "\"store\": {\"ok\": true, \"kind\": \"%s\", \"documents\": %lld, "
                         "\"copies\": %lld, \"events\": %lld, \"mentions\": %lld, "
                         "\"places\": %lld, \"counts\": %lld}",
                         kind == SR_STORE_POSTGRES ? "postgresql" : "sqlite",
                         (long long)x.documents, (long long)x.copies, (long long)x.events,
                         (long long)x.mentions, (long long)x.places, (long long)x.counts);
}

/* ---- filters ---------------------------------------------------------- */

/* YYYY-MM-DD, YYYY-MM or YYYY with a real month and day, as sitrep query
 * takes them ("to=2012-07" runs to the end of July). */
static int is_date(const char *s)
{
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = n > 4 ? atoi(s + 5) : 1, d = n > 7 ? atoi(s + 8) : 1;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    return !(m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400)));
}

static int is_code(const char *s, size_t maxlen, int digits)
{
    size_t n = strlen(s);
    if (n == 0 || n > maxlen)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int ok = digits ? (c >= '0' && c <= '9')
                        : ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-');
        if (!ok)
            return 0;
    }
    return 1;
}

static int parse_bbox(const char *v, sr_store_filter *f)
{
    double x[4];
    const char *p = v;
    for (int i = 0; i < 4; i++) {
        char *end;
        x[i] = strtod(p, &end);
        if (end == p || !isfinite(x[i]) || (i < 3 ? *end != ',' : *end != 0))
            return -1;
        p = end + 1;
    }
    if (x[0] < -180 || x[2] > 180 || x[1] < -90 || x[3] > 90 || x[0] > x[2] || x[1] > x[3])
        return -1;
    f->has_bbox = 1;
    f->min_lon = x[0];
    f->min_lat = x[1];
    f->max_lon = x[2];
    f->max_lat = x[3];
    return 0;
}

/* The filters of `sitrep query`, from the query string.  Returns 0, or
 * -1 after a 400 reply naming the parameter. */
static int parse_filter(srv_req *r, sr_store_filter *f, int paged, sr_serve_reply *out)
{
    memset(f, 0, sizeof *f);
    static const struct {
        const char *name;
        size_t off;
        int kind;              /* 0 date, 1 actor code, 2 digits, 3 type name,
                                * 4 country, 5 free text */
        size_t max;
    } keys[] = {
        {"from", offsetof(sr_store_filter, from), 0, 10},
        {"to", offsetof(sr_store_filter, to), 0, 10},
        {"actor", offsetof(sr_store_filter, actor), 1, 32},
        {"source", offsetof(sr_store_filter, source), 1, 32},
        {"target", offsetof(sr_store_filter, target), 1, 32},
        {"code", offsetof(sr_store_filter, code), 2, 4},
        {"root", offsetof(sr_store_filter, root), 2, 2},
        {"plover", offsetof(sr_store_filter, plover), 3, 32},
        {"acled", offsetof(sr_store_filter, acled), 3, 40},
        {"country", offsetof(sr_store_filter, country), 4, 2},
        {"admin1", offsetof(sr_store_filter, admin1), 5, 200},
        {"text", offsetof(sr_store_filter, text), 5, 200},
    };
    static const char *const what[] = {
        "a date YYYY-MM-DD, YYYY-MM or YYYY", "an actor code prefix (capitals and digits, e.g. SYRMIL)",
        "CAMEO digits (e.g. 19 or 190)", "a type name in capitals (e.g. FIGHT)",
        "an ISO 3166-1 alpha-2 code in capitals (e.g. SY)", "text"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        const char *v = srv_get(r, keys[i].name);
        if (!v || !*v)
            continue;
        int ok = keys[i].kind == 0   ? is_date(v)
                 : keys[i].kind == 1 ? is_code(v, keys[i].max, 0)
                 : keys[i].kind == 2 ? is_code(v, keys[i].max, 1)
                 : keys[i].kind == 3 ? is_code(v, keys[i].max, 0)
                 : keys[i].kind == 4 ? strlen(v) == 2 && is_code(v, 2, 0)
                                     : strlen(v) <= keys[i].max;
        if (!ok) {
            srv_reply_error(out, 400, "%s: expected %s, got '%.80s'", keys[i].name,
                            what[keys[i].kind], v);
            return -1;
        }
        *(const char **)((char *)f + keys[i].off) = v;
    }
    /* Compared on what both give: from=2012-07-15 and to=2012-07 agree. */
    if (f->from && f->to &&
        strncmp(f->from, f->to, strlen(f->from) < strlen(f->to) ? strlen(f->from) : strlen(f->to)) > 0) {
        srv_reply_error(out, 400, "from (%s) is after to (%s)", f->from, f->to);
        return -1;
    }
    const char *v = srv_get(r, "bbox");
    if (v && *v && parse_bbox(v, f)) {
        srv_reply_error(out, 400,
                        "bbox: expected west,south,east,north in degrees (e.g. 35,32,42,37), "
                        "got '%.80s'",
                        v);
        return -1;
    }
    long n;
    if (paged) {
        f->limit = SRV_DEFAULT_PAGE;
        if ((v = srv_get(r, "limit")) && srv_parse_long(v, 1, SRV_MAX_PAGE, &n)) {
            srv_reply_error(out, 400, "limit: expected a number from 1 to %d, got '%.40s'",
                            SRV_MAX_PAGE, v);
            return -1;
        }
        if (v)
            f->limit = (size_t)n;
        if ((v = srv_get(r, "offset")) && srv_parse_long(v, 0, 100000000, &n)) {
            srv_reply_error(out, 400, "offset: expected a number from 0, got '%.40s'", v);
            return -1;
        }
        if (v)
            f->offset = (size_t)n;
        if ((v = srv_get(r, "sentence")) && strcmp(v, "0") && strcmp(v, "1")) {
            srv_reply_error(out, 400, "sentence: expected 0 or 1, got '%.40s'", v);
            return -1;
        }
        f->with_text = v && !strcmp(v, "1");
        if ((v = srv_get(r, "after")) && srv_parse_long(v, 0, 0x7fffffffffffffffL, &n)) {
            srv_reply_error(out, 400, "after: expected an event id, got '%.40s'", v);
            return -1;
        }
        if (v)
            f->after_id = n;
    }
    return 0;
}

/* ---- rows into JSON ----------------------------------------------------- */

typedef struct emit {
    sr_buf *b;
    size_t n;
    int rc;
    int sentences;             /* events: write each one's sentence and verb */
} emit;

static int key_str(sr_buf *b, const char *key, const char *v)
{
    int rc = sr_buf_printf(b, "\"%s\": ", key);
    if (rc)
        return rc;
    return v ? sr_json_str(b, v, strlen(v)) : sr_buf_puts(b, "null");
}

static int key_long(sr_buf *b, const char *key, long v)
{
    return v < 0 ? sr_buf_printf(b, "\"%s\": null", key) : sr_buf_printf(b, "\"%s\": %ld", key, v);
}

static int actor_json(sr_buf *b, const char *key, const char *code, const char *name)
{
    if (!code || !*code)
        return sr_buf_printf(b, "\"%s\": null", key);
    int rc = sr_buf_printf(b, "\"%s\": {", key);
    rc = rc ? rc : key_str(b, "code", code);
    rc = rc ? rc : sr_buf_puts(b, ", ");
    rc = rc ? rc : key_str(b, "text", name);
    return rc ? rc : sr_buf_putc(b, '}');
}

static int event_row(void *ctx, const sr_store_event_row *e)
{
    emit *m = ctx;
    sr_buf *b = m->b;
    const sr_cameo_info *ci = e->code ? sr_cameo_lookup(e->code) : NULL;
    int rc = sr_buf_printf(b, "%s\n  {\"id\": %lld, ", m->n++ ? "," : "", (long long)e->id);
    rc = rc ? rc : key_str(b, "date", e->date);
    rc = rc ? rc : sr_buf_puts(b, ", ");
    rc = rc ? rc : key_str(b, "precision", e->date_precision);
    rc = rc ? rc : sr_buf_puts(b, ", ");
    rc = rc ? rc : key_str(b, "code", e->code);
    rc = rc ? rc : sr_buf_puts(b, ", ");
    rc = rc ? rc : key_str(b, "name", ci ? ci->name : NULL);
    rc = rc ? rc : sr_buf_puts(b, ", ");
    rc = rc ? rc : key_str(b, "root", e->root_code);
    rc = rc ? rc : sr_buf_printf(b, ", \"quadclass\": %d, \"goldstein\": %.1f, ", e->quadclass,
                                 e->goldstein);
    rc = rc ? rc : key_str(b, "plover", e->plover);
    rc = rc ? rc : sr_buf_puts(b, ", ");
    rc = rc ? rc : key_str(b, "acled", e->acled);
    rc = rc ? rc : sr_buf_puts(b, ", ");
    rc = rc ? rc : key_str(b, "mode", e->mode);
    rc = rc ? rc : sr_buf_printf(b, ", \"negated\": %s, ", e->negated ? "true" : "false");
    rc = rc ? rc : actor_json(b, "source", e->source_code, e->source_name);
    rc = rc ? rc : sr_buf_puts(b, ", ");
    rc = rc ? rc : actor_json(b, "target", e->target_code, e->target_name);
    rc = rc ? rc : sr_buf_puts(b, ", ");
    if (!rc && e->place && *e->place) {
        rc = sr_buf_puts(b, "\"place\": {");
        rc = rc ? rc : key_str(b, "name", e->place);
        rc = rc ? rc : sr_buf_puts(b, ", ");
        rc = rc ? rc : key_str(b, "country", e->cc && *e->cc ? e->cc : NULL);
        rc = rc ? rc : sr_buf_puts(b, ", ");
        rc = rc ? rc : key_str(b, "admin1", e->admin1 && *e->admin1 ? e->admin1 : NULL);
        if (!rc && e->has_coords)
            rc = sr_buf_printf(b, ", \"lat\": %.5f, \"lon\": %.5f", e->lat, e->lon);
        rc = rc ? rc : sr_buf_puts(b, "}, ");
    } else if (!rc) {
        rc = sr_buf_puts(b, "\"place\": null, ");
    }
    rc = rc ? rc : key_long(b, "dead", e->dead);
    rc = rc ? rc : sr_buf_puts(b, ", ");
    rc = rc ? rc : key_long(b, "injured", e->injured);
    rc = rc ? rc : sr_buf_puts(b, ", ");
    rc = rc ? rc : key_long(b, "dead_net", e->dead_net);
    rc = rc ? rc : sr_buf_puts(b, ", ");
    rc = rc ? rc : key_long(b, "injured_net", e->injured_net);
    rc = rc ? rc : sr_buf_printf(b, ", \"mentions\": %ld, \"sources\": %ld, \"articles\": %ld, ",
                                 e->num_mentions, e->num_sources, e->num_articles);
    rc = rc ? rc : key_str(b, "doc", e->doc_id);
    rc = rc ? rc : sr_buf_puts(b, ", ");
    rc = rc ? rc : key_str(b, "url", e->url);
    if (m->sentences) {
        rc = rc ? rc : sr_buf_puts(b, ", ");
        rc = rc ? rc : key_str(b, "sentence", e->text);
        rc = rc ? rc : sr_buf_puts(b, ", ");
        rc = rc ? rc : key_str(b, "verb", e->verb);
    }
    rc = rc ? rc : sr_buf_putc(b, '}');
    return m->rc = rc;
}

static int agg_row(void *ctx, const sr_store_agg_row *g)
{
    emit *m = ctx;
    sr_buf *b = m->b;
    int rc = sr_buf_puts(b, m->n++ ? ",\n  {" : "\n  {");
    if (!rc && g->period) {
        rc = key_str(b, "period", g->period);
        rc = rc ? rc : sr_buf_puts(b, ", ");
    }
    if (!rc && g->key) {
        rc = key_str(b, "key", g->key);
        rc = rc ? rc : sr_buf_puts(b, ", ");
    }
    if (!rc && g->admin1) {
        rc = key_str(b, "admin1", g->admin1);
        rc = rc ? rc : sr_buf_puts(b, ", ");
    }
    if (!rc && g->cc) {
        rc = key_str(b, "country", g->cc);
        rc = rc ? rc : sr_buf_puts(b, ", ");
    }
    /* a place (admin1 beside its key): its point for the map */
    if (!rc && g->admin1)
        rc = g->located ? sr_buf_printf(b, "\"lat\": %.5f, \"lon\": %.5f, ", g->lat, g->lon)
                        : sr_buf_puts(b, "\"lat\": null, \"lon\": null, ");
    rc = rc ? rc : sr_buf_printf(b, "\"events\": %ld, \"mentions\": %ld, \"articles\": %ld, ",
                                 g->events, g->mentions, g->articles);
    rc = rc ? rc : key_long(b, "dead", g->dead);
    rc = rc ? rc : sr_buf_puts(b, ", ");
    rc = rc ? rc : key_long(b, "injured", g->injured);
    rc = rc ? rc : sr_buf_putc(b, '}');
    return m->rc = rc;
}

static int count_row(void *ctx, const sr_store_agg_row *g)
{
    *(long *)ctx = g->events;
    return 0;
}

/* ---- endpoints ----------------------------------------------------------- */

static int db_failed(sr_serve_reply *out, int rc, const emit *m, const sr_error *err)
{
    if (rc == SR_OK && m->rc == SR_OK)
        return 0;
    if (rc == SR_ENOMEM || m->rc)
        srv_reply_error(out, 500, "out of memory");
    else if (rc == SR_EINVAL)
        srv_reply_error(out, 400, "%s", err->msg);
    else
        srv_reply_error(out, 500, "the store failed: %s", err->msg);
    return 1;
}

static void events(sr_store *st, const sr_store_filter *f, sr_serve_reply *out)
{
    sr_error err;
    sr_error_clear(&err);
    sr_store_filter all = *f;
    all.limit = all.offset = 0;
    all.after_id = 0;
    long total = 0;
    emit m = {&out->buf, 0, 0, f->with_text};
    int rc = sr_store_aggregate(st, &all, SR_STORE_PERIOD_NONE, SR_STORE_GROUP_NONE, count_row,
                                &total, &err);
    if (db_failed(out, rc, &m, &err))
        return;
    rc = sr_buf_printf(&out->buf, "{\"total\": %ld, \"offset\": %zu, \"limit\": %zu, \"events\": [",
                       total, f->offset, f->limit);
    if (rc == SR_OK)
        rc = sr_store_events(st, f, event_row, &m, &err);
    if (db_failed(out, rc, &m, &err))
        return;
    if (sr_buf_puts(&out->buf, "\n]}\n"))
        srv_reply_error(out, 500, "out of memory");
    else
        srv_reply_json(out, 200);
}

/* by=PERIOD, by=GROUP or by=PERIOD,GROUP.  Returns 0, or -1 after a 400. */
static int parse_by(const char *by, int *period, int *group, sr_serve_reply *out)
{
    if (!by || !*by) {
        srv_reply_error(out, 400, "by: expected a period (day, week, month, year), a grouping "
                                  "(country, admin1, place, actor, source, target, root, code, "
                                  "plover, acled) or both, comma-separated");
        return -1;
    }
    while (*by) {
        size_t n = strcspn(by, ",");
        char name[32];
        if (n == 0 || n >= sizeof name) {
            srv_reply_error(out, 400, "by: bad name in '%.80s'", by);
            return -1;
        }
        memcpy(name, by, n);
        name[n] = 0;
        int p = sr_store_period_parse(name), g = sr_store_group_parse(name);
        if (p > 0 && *period == SR_STORE_PERIOD_NONE) {
            *period = p;
        } else if (g > 0 && *group == SR_STORE_GROUP_NONE) {
            *group = g;
        } else {
            srv_reply_error(out, 400,
                            p > 0 || g > 0 ? "by: '%s' repeats a period or grouping"
                                           : "by: unknown period or grouping '%s'",
                            name);
            return -1;
        }
        by += n + (by[n] == ',');
    }
    return 0;
}

static void aggregates(sr_store *st, const sr_store_filter *f, int period, int group, int places,
                       sr_serve_reply *out)
{
    sr_error err;
    sr_error_clear(&err);
    emit m = {&out->buf, 0, 0, 0};
    int rc = sr_buf_puts(&out->buf, places ? "{\"places\": [" : "{\"groups\": [");
    if (rc == SR_OK)
        rc = sr_store_aggregate(st, f, period, group, agg_row, &m, &err);
    if (db_failed(out, rc, &m, &err))
        return;
    if (sr_buf_puts(&out->buf, "\n]}\n"))
        srv_reply_error(out, 500, "out of memory");
    else
        srv_reply_json(out, 200);
}

int srv_data_route(sr_server *s, srv_req *r, sr_serve_reply *out)
{
    const char *p = r->path;
    int which = !strcmp(p, "/events")            ? 1
                : !strcmp(p, "/aggregates")      ? 2
                : !strcmp(p, "/places")          ? 3
                : !strncmp(p, "/documents/", 11) ? 4
                                                 : 0;
    if (!which)
        return 0;
    /* The request is checked in full before the store is asked. */
    sr_store_filter f;
    int period = SR_STORE_PERIOD_NONE, group = which == 3 ? SR_STORE_GROUP_PLACE : 0;
    if (which != 4 && parse_filter(r, &f, which == 1, out))
        return 1;
    if (which == 2 && parse_by(srv_get(r, "by"), &period, &group, out))
        return 1;
    const char *extra = srv_unused_param(r);
    if (extra) {
        srv_reply_error(out, 400, "unknown parameter '%.64s' for %s", extra,
                        which == 4 ? "/documents/ID" : p);
        return 1;
    }
    if (!s->stores) {
        srv_reply_error(out, 503, "this server was started without a store (--db)");
        return 1;
    }
    /* Whole replies are kept while the store is unchanged: the page asks
     * for the same aggregates again and again while a user brushes and
     * filters. */
    sr_store *st = take(s->stores);
    unsigned long long gen = 0;
    int cacheable = generation(s, st, &gen);
    if (cacheable && srv_cache_get(s->cache, r->rq->uri, gen, out)) {
        give(s->stores, st);
        return 1;
    }
    if (which == 1)
        events(st, &f, out);
    else if (which == 4)
        srv_document(st, p + 11, out);
    else
        aggregates(st, &f, period, group, which == 3, out);
    give(s->stores, st);
    if (cacheable && out->status == 200)
        srv_cache_put(s->cache, r->rq->uri, gen, out);
    return 1;
}
