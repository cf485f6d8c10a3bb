/* Storing one coded document: its row, its MinHash bands, each event
 * matched against the stored events (a further mention) or added, and its
 * mentions, places and counts, inserted many rows to a statement. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../code/sr_code.h"
#include "db_back.h"
#include "store_int.h"

/* ---- values of one row -------------------------------------------------- */

#define MAX_COLS 40

typedef struct row {
    db_value v[MAX_COLS];
    int n;
} row;

static void v_int(row *r, int64_t x)
{
    r->v[r->n++] = (db_value){DBV_INT, x, 0, NULL, 0};
}

static void v_double(row *r, double x)
{
    r->v[r->n++] = (db_value){DBV_DOUBLE, 0, x, NULL, 0};
}

static void v_null(row *r)
{
    r->v[r->n++] = (db_value){DBV_NULL, 0, 0, NULL, 0};
}

static void v_textn(row *r, const char *s, size_t n)
{
    r->v[r->n++] = (db_value){s ? DBV_TEXT : DBV_NULL, 0, 0, s, s ? n : 0};
}

/* NULL and "" are SQL NULL. */
static void v_text(row *r, const char *s)
{
    if (s && *s)
        v_textn(r, s, strlen(s));
    else
        v_null(r);
}

/* '' for NULL: columns that must not hold NULL. */
static void v_text0(row *r, const char *s)
{
    v_textn(r, s ? s : "", s ? strlen(s) : 0);
}

static void v_count(row *r, long x)
{
    if (x >= 0)
        v_int(r, x);
    else
        v_null(r);
}

/* A place's name, cc, country, admin1, adm1_code, lat, lon, geonameid,
 * [feature,] level, in that order. */
static void v_place(row *r, const sr_store_place *p, int with_feature)
{
    int has = p->name != NULL;
    v_text(r, p->name);
    v_text0(r, has ? p->cc : "");
    v_text(r, has ? p->country : NULL);
    v_text0(r, has ? p->admin1 : "");
    v_text(r, has ? p->admin1_code : NULL);
    if (has && p->has_coords) {
        v_double(r, p->lat);
        v_double(r, p->lon);
    } else {
        v_null(r);
        v_null(r);
    }
    if (has && p->geonameid)
        v_int(r, p->geonameid);
    else
        v_null(r);
    if (with_feature)
        v_text(r, has ? p->feature : NULL);
    v_int(r, has ? p->level : -1);
}

static void bind_row(db_stmt *q, const row *r, int first)
{
    for (int i = 0; i < r->n; i++) {
        const db_value *v = &r->v[i];
        switch (v->type) {
        case DBV_INT: db_bind_int(q, first + i, v->i); break;
        case DBV_DOUBLE: db_bind_double(q, first + i, v->d); break;
        case DBV_TEXT: db_bind_textn(q, first + i, v->p, v->n); break;
        case DBV_BLOB: db_bind_blob(q, first + i, v->p, v->n); break;
        default: db_bind_null(q, first + i); break;
        }
    }
}

/* ---- many rows to a statement ---------------------------------------------- */

/* A statement of n units: head, the unit n times (joined by sep), tail.
 * A NULL unit is "(?,...,?)" with nparams marks. */
static const struct {
    const char *head, *unit, *sep, *tail;
    int nparams;
} multi[MS_COUNT_] = {
    [MS_EVENTS] = {"INSERT INTO sr_events (ckey, day, date, date_precision, source_code, "
                   "source_name, target_code, target_name, code, base_code, root_code, quadclass, "
                   "goldstein, plover, plover_mode, acled, mode, negated, dead, injured, place, "
                   "cc, country, admin1, adm1_code, lat, lon, geonameid, feature, geo_level, "
                   "is_root, num_mentions, num_sources, num_articles, first_doc, added, dead_net, "
                   "injured_net) VALUES ",
                   NULL, ",", " RETURNING id, ckey, day, lat, lon", 38},
    [MS_MENTIONS] = {"INSERT INTO sr_mentions (event, doc, sentence, sent_start, sent_end, "
                     "verb_start, verb_end, source_code, source_text, source_start, source_end, "
                     "target_code, target_text, target_start, target_end, code, mode, negated, "
                     "date, date_precision, attribution, attribution_code, dead, injured, place, "
                     "lat, lon, is_root, is_primary) VALUES ",
                     NULL, ",", "", 29},
    [MS_PLACES] = {"INSERT INTO sr_places (doc, span_start, span_end, text, name, cc, country, "
                   "admin1, adm1_code, lat, lon, geonameid, feature, geo_level, conf) VALUES ",
                   NULL, ",", "", 15},
    [MS_COUNTS] = {"INSERT INTO sr_counts (doc, type, number, qualifier, people, span_start, "
                   "span_end, trigger_word, cumulative, part_of, place, cc, country, admin1, "
                   "adm1_code, lat, lon, geonameid, geo_level) VALUES ",
                   NULL, ",", "", 19},
    /* The stored events with one of the document's cluster keys inside
     * its date window, oldest first. */
    [MS_FIND] = {"SELECT id, ckey, day, lat, lon FROM sr_events WHERE ",
                 "(ckey = ? AND day BETWEEN ? AND ?)", " OR ", " ORDER BY id", 3},
    /* Stored events in a date window counting a given toll, dead or
     * injured (toll_told). */
    [MS_TOLL] = {"SELECT root_code, day, lat, lon, dead_net, injured_net FROM sr_events WHERE ",
                 "(day BETWEEN ? AND ? AND (dead_net = ? OR injured_net = ?))", " OR ", "", 4},
    /* Further reports of stored events, one row per event: mentions
     * added, the document's outlet (a new source when no earlier report
     * of the event came from it), and casualties (the largest figure any
     * report gives).  VALUES columns are column1, column2, ... in both
     * databases. */
    [MS_BUMP] = {"UPDATE sr_events SET num_mentions = sr_events.num_mentions + v.column2, "
                 "num_articles = sr_events.num_articles + 1, "
                 "num_sources = sr_events.num_sources + CASE WHEN EXISTS (SELECT 1 FROM "
                 "sr_mentions m JOIN sr_documents d ON d.id = m.doc WHERE m.event = sr_events.id "
                 "AND d.source = v.column3) THEN 0 ELSE 1 END, "
                 "dead = CASE WHEN coalesce(sr_events.dead, -1) < v.column4 THEN v.column4 "
                 "ELSE sr_events.dead END, "
                 "injured = CASE WHEN coalesce(sr_events.injured, -1) < v.column5 THEN v.column5 "
                 "ELSE sr_events.injured END, "
                 "dead_net = CASE WHEN coalesce(sr_events.dead_net, -1) < v.column6 "
                 "THEN v.column6 ELSE sr_events.dead_net END, "
                 "injured_net = CASE WHEN coalesce(sr_events.injured_net, -1) < v.column7 "
                 "THEN v.column7 ELSE sr_events.injured_net END FROM (VALUES ",
                 "(CAST(? AS BIGINT), CAST(? AS INTEGER), CAST(? AS TEXT), CAST(? AS INTEGER), "
                 "CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS INTEGER))",
                 ",", ") AS v WHERE sr_events.id = v.column1", 7},
};

/* Statement kind of n units, prepared once. */
static db_stmt *multi_stmt(sr_store *s, int kind, int n, sr_error *err)
{
    if (!s->rows[kind][n]) {
        sr_buf sql = SR_BUF_INIT;
        int rc = sr_buf_puts(&sql, multi[kind].head);
        for (int r = 0; r < n; r++) {
            if (r)
                rc |= sr_buf_puts(&sql, multi[kind].sep);
            if (multi[kind].unit) {
                rc |= sr_buf_puts(&sql, multi[kind].unit);
                continue;
            }
            rc |= sr_buf_putc(&sql, '(');
            for (int c = 0; c < multi[kind].nparams; c++)
                rc |= sr_buf_puts(&sql, c ? ",?" : "?");
            rc |= sr_buf_putc(&sql, ')');
        }
        rc |= sr_buf_puts(&sql, multi[kind].tail);
        if (rc)
            sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
        else
            db_prepare(s->d, sql.data, &s->rows[kind][n], err);
        sr_buf_free(&sql);
        if (!s->rows[kind][n])
            return NULL;
    }
    db_reset(s->rows[kind][n]);
    return s->rows[kind][n];
}

typedef struct rowbuf {
    int kind;
    row rows[ROWS_AT_ONCE];
    int n;
} rowbuf;

/* Binds b's rows to its statement and runs it.  With q, the statement is
 * handed back for its results (the caller resets it); else it is run and
 * reset here. */
static int rows_run(sr_store *s, rowbuf *b, db_stmt **q, sr_error *err)
{
    db_stmt *st = multi_stmt(s, b->kind, b->n, err);
    if (!st)
        return SR_EIO;
    for (int r = 0; r < b->n; r++)
        bind_row(st, &b->rows[r], 1 + r * multi[b->kind].nparams);
    b->n = 0;
    if (q) {
        *q = st;
        return SR_OK;
    }
    int rc = db_step(st, err);
    db_reset(st);
    return rc < 0 ? rc : SR_OK;
}

static int rows_flush(sr_store *s, rowbuf *b, sr_error *err)
{
    return b->n ? rows_run(s, b, NULL, err) : SR_OK;
}

/* The next row of b, flushing it first when full; the values it will
 * hold must live until the flush (the end of sr_store_put). */
static row *rows_next(sr_store *s, rowbuf *b, int *rc, sr_error *err)
{
    if (b->n == ROWS_AT_ONCE && (*rc = rows_flush(s, b, err)))
        return NULL;
    row *r = &b->rows[b->n++];
    r->n = 0;
    return r;
}

void store_put_finalize(sr_store *s)
{
    for (int t = 0; t < MS_COUNT_; t++)
        for (int n = 0; n <= ROWS_AT_ONCE; n++) {
            db_finalize(s->rows[t][n]);
            s->rows[t][n] = NULL;
        }
}

/* ---- events ------------------------------------------------------------------ */

static const char *nz(const char *s)
{
    return s ? s : "";
}

/* What must be equal for two reports to be one event: CAMEO root, mode,
 * negation, the actors' first six code letters (country and first role:
 * SYRMIL and SYRMILSPY agree, SYRMIL and SYRGOV do not), and the date's
 * precision (an event "in July" is dated 1 July and must not meet one of
 * 2 July).  Reports dated by week, month or year only are too vague to
 * join reports of other documents (put_events). */
static int64_t cluster_key(const sr_store_event *e)
{
    char buf[96];
    const char *code = nz(e->code), *prec = e->date ? nz(e->date_precision) : "";
    char pc = !strcmp(prec, "week") || !strcmp(prec, "month") || !strcmp(prec, "year") ? prec[0]
                                                                                          : 'd';
    snprintf(buf, sizeof buf, "%.2s|%.16s|%d|%.6s|%.6s|%c", code, e->mode ? e->mode : "asserted",
             e->negated != 0, nz(e->source.code), nz(e->target.code), pc);
    return (int64_t)store_hash_bytes(0, buf, strlen(buf));
}

static int64_t now_stamp(void)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    return (int64_t)(tm.tm_year + 1900) * 10000000000LL + (int64_t)(tm.tm_mon + 1) * 100000000LL +
           (int64_t)tm.tm_mday * 1000000LL + tm.tm_hour * 10000LL + tm.tm_min * 100LL + tm.tm_sec;
}

static void v_actor(row *r, const sr_store_actor *a)
{
    v_text(r, a->code);
    v_text(r, a->code ? a->text : NULL);
    if (a->code && a->text) {
        v_int(r, (int64_t)a->start);
        v_int(r, (int64_t)a->end);
    } else {
        v_null(r);
        v_null(r);
    }
}

static void mention_row(row *r, const sr_store_event *e, int64_t event, int64_t doc, int is_root)
{
    v_int(r, event);
    v_int(r, doc);
    v_int(r, (int64_t)e->sentence);
    v_int(r, (int64_t)e->sent_start);
    v_int(r, (int64_t)e->sent_end);
    v_int(r, (int64_t)e->verb_start);
    v_int(r, (int64_t)e->verb_end);
    v_actor(r, &e->source);
    v_actor(r, &e->target);
    v_text0(r, e->code);
    v_text0(r, e->mode ? e->mode : "asserted");
    v_int(r, e->negated != 0);
    v_text(r, e->date);
    v_text(r, e->date ? e->date_precision : NULL);
    v_text(r, e->attribution);
    v_text(r, e->attribution ? e->attribution_code : NULL);
    v_count(r, e->dead);
    v_count(r, e->injured);
    v_text(r, e->location.name);
    if (e->location.name && e->location.has_coords) {
        v_double(r, e->location.lat);
        v_double(r, e->location.lon);
    } else {
        v_null(r);
        v_null(r);
    }
    v_int(r, is_root);
    v_int(r, e->primary != 0);
}

/* Places and counts of an original document. */
static int put_places(sr_store *s, const sr_store_doc *d, int64_t doc, sr_error *err)
{
    rowbuf pb = {.kind = MS_PLACES}, cb = {.kind = MS_COUNTS};
    int rc = 0;
    for (size_t i = 0; i < d->nplaces && !rc; i++) {
        const sr_store_place *p = &d->places[i];
        row *r;
        if (!p->name || !(r = rows_next(s, &pb, &rc, err)))
            continue;
        v_int(r, doc);
        v_int(r, (int64_t)p->start);
        v_int(r, (int64_t)p->end);
        v_text(r, p->text);
        v_place(r, p, 1);
        v_double(r, p->conf);
    }
    for (size_t i = 0; i < d->ncounts && !rc; i++) {
        const sr_store_count *c = &d->counts[i];
        row *r = rows_next(s, &cb, &rc, err);
        if (!r)
            break;
        v_int(r, doc);
        v_text0(r, c->type);
        v_int(r, c->number);
        v_text(r, c->qualifier);
        v_text(r, c->people);
        v_int(r, (int64_t)c->start);
        v_int(r, (int64_t)c->end);
        v_text(r, c->trigger);
        v_int(r, c->cumulative != 0);
        v_count(r, c->part_of);
        v_place(r, &c->location, 0);
    }
    if (!rc)
        rc = rows_flush(s, &pb, err);
    if (!rc)
        rc = rows_flush(s, &cb, err);
    return rc;
}

/* ---- a document's events -------------------------------------------------- */

/* How each event of a document is stored. */
typedef struct plan {
    int64_t ckey;
    int day;            /* YYYYMMDD; 0 when undated */
    int coarse;         /* dated by week, month or year only */
    int is_root;
    long target;        /* the earlier event of this document it repeats, or -1 */
    int64_t id;         /* the event it reports: stored, or new once inserted */
    int stored;         /* id is an event stored before this document */
    long mentions;      /* a new event: its reports in this document */
    long dead, injured; /* a new event: the largest figures of those */
    long net_dead, net_injured; /* this report's share of the totals (net_shares) */
    long dead_net, injured_net; /* a new event: the largest shares of its reports */
} plan;

typedef struct cand {
    int64_t id, ckey;
    int day, has;
    double lat, lon;
} cand;

static int within(const sr_store *s, const sr_store_place *p, int has, double lat, double lon)
{
    int here = p->name && p->has_coords;
    if (here != has)
        return 0;
    return !here || store_km(p->lat, p->lon, lat, lon) <= s->opts.cluster_km;
}

static long max_long(long a, long b)
{
    return a > b ? a : b;
}

/* The stored events the document's reports may match, oldest first.
 * Reports with no day (undated, or dated by week, month or year only)
 * match only events of their own document: none stored. */
static int find_candidates(sr_store *s, const plan *pl, size_t n, cand **out, size_t *nout,
                           sr_error *err)
{
    cand *c = NULL;
    size_t nc = 0, cap = 0;
    int rc = 0, w = s->opts.cluster_days;
    rowbuf *fb = calloc(1, sizeof *fb);
    if (!fb)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    fb->kind = MS_FIND;
    for (size_t i = 0; i <= n && !rc; i++) {
        if (i < n && pl[i].day && !pl[i].coarse) {
            int dup = 0;
            for (size_t k = 0; k < i && !dup; k++)
                dup = pl[k].ckey == pl[i].ckey && pl[k].day == pl[i].day;
            if (!dup) {
                row *r = &fb->rows[fb->n++];
                r->n = 0;
                v_int(r, pl[i].ckey);
                v_int(r, store_day_add(pl[i].day, -w));
                v_int(r, store_day_add(pl[i].day, w));
            }
        }
        if (!fb->n || (fb->n < ROWS_AT_ONCE && i < n))
            continue;
        db_stmt *q;
        if ((rc = rows_run(s, fb, &q, err)))
            break;
        while ((rc = db_step(q, err)) == 1) {
            if (nc == cap) {
                cap = cap ? cap * 2 : 32;
                cand *g = realloc(c, cap * sizeof *c);
                if (!g) {
                    rc = sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
                    break;
                }
                c = g;
            }
            cand *x = &c[nc++];
            x->id = db_column_int(q, 0);
            x->ckey = db_column_int(q, 1);
            x->day = (int)db_column_int(q, 2);
            x->has = !db_column_null(q, 3);
            x->lat = db_column_double(q, 3);
            x->lon = db_column_double(q, 4);
        }
        db_reset(q);
        rc = rc < 0 ? rc : 0;
    }
    free(fb);
    /* Several queries: one order, oldest first. */
    for (size_t i = 1; i < nc; i++)
        for (size_t k = i; k > 0 && c[k].id < c[k - 1].id; k--) {
            cand t = c[k];
            c[k] = c[k - 1];
            c[k - 1] = t;
        }
    *out = c;
    *nout = nc;
    return rc;
}

static void event_row(row *r, const sr_store_doc *d, const sr_store_event *e, const plan *p,
                      int64_t doc, int64_t added)
{
    const char *code = nz(e->code);
    const sr_cameo_info *ci = sr_cameo_lookup(code);
    size_t cl = strlen(code);
    v_int(r, p->ckey);
    v_int(r, p->day);
    v_text(r, e->date ? e->date : d->date);
    v_text(r, e->date ? e->date_precision : d->date ? "publication" : NULL);
    v_text0(r, e->source.code);
    v_text(r, e->source.text);
    v_text0(r, e->target.code);
    v_text(r, e->target.text);
    v_text0(r, code);
    /* GDELT: the base code is the level-two code of a level-three one. */
    v_textn(r, code, cl > 3 ? 3 : cl);
    v_textn(r, code, cl > 2 ? 2 : cl);
    v_int(r, ci ? ci->quadclass : 0);
    if (ci)
        v_double(r, ci->goldstein);
    else
        v_null(r);
    v_text(r, ci ? ci->plover : NULL);
    v_text(r, ci ? ci->plover_mode : NULL);
    v_text(r, ci ? ci->acled : NULL);
    v_text0(r, e->mode ? e->mode : "asserted");
    v_int(r, e->negated != 0);
    v_count(r, p->dead);
    v_count(r, p->injured);
    v_place(r, &e->location, 1);
    v_int(r, p->is_root);
    v_int(r, p->mentions);
    v_int(r, 1);
    v_int(r, 1);
    v_int(r, doc);
    v_int(r, added);
    v_count(r, p->dead_net);
    v_count(r, p->injured_net);
}

/* Inserts the document's new events and sets their ids. */
static int insert_events(sr_store *s, const sr_store_doc *d, plan *pl, int64_t doc, int64_t added,
                         sr_error *err)
{
    rowbuf *eb = calloc(1, sizeof *eb);
    size_t which[ROWS_AT_ONCE];
    if (!eb)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    eb->kind = MS_EVENTS;
    int rc = 0;
    for (size_t i = 0; i <= d->nevents && !rc; i++) {
        if (i < d->nevents && pl[i].target < 0 && !pl[i].stored) {
            which[eb->n] = i;
            row *r = &eb->rows[eb->n++];
            r->n = 0;
            event_row(r, d, &d->events[i], &pl[i], doc, added);
        }
        if (!eb->n || (eb->n < ROWS_AT_ONCE && i < d->nevents))
            continue;
        /* RETURNING promises no order: the rows are told apart by cluster
         * key, day and place, which no two new events of one document
         * share (they would be one event). */
        int nrows = eb->n, got = 0;
        db_stmt *q;
        if ((rc = rows_run(s, eb, &q, err)))
            break;
        while ((rc = db_step(q, err)) == 1) {
            int64_t id = db_column_int(q, 0), ckey = db_column_int(q, 1);
            int day = (int)db_column_int(q, 2), has = !db_column_null(q, 3);
            double lat = db_column_double(q, 3), lon = db_column_double(q, 4);
            for (int k = 0; k < nrows; k++) {
                plan *p = &pl[which[k]];
                const sr_store_place *loc = &d->events[which[k]].location;
                int phas = loc->name && loc->has_coords;
                if (!p->id && p->ckey == ckey && p->day == day && phas == has &&
                    (!has || (loc->lat == lat && loc->lon == lon))) {
                    p->id = id;
                    got++;
                    break;
                }
            }
        }
        db_reset(q);
        if (rc >= 0 && got != nrows)
            rc = sr_error_set(err, SR_EIO, NULL, 0, 0, "%d new events came back as %d rows",
                              nrows, got);
        rc = rc < 0 ? rc : 0;
    }
    free(eb);
    return rc;
}

/* Further reports of stored events: one update per event, with all of
 * this document's reports of it. */
static int bump_events(sr_store *s, const sr_store_doc *d, const plan *pl, sr_error *err)
{
    rowbuf *bb = calloc(1, sizeof *bb);
    if (!bb)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    bb->kind = MS_BUMP;
    int rc = 0;
    for (size_t i = 0; i < d->nevents && !rc; i++) {
        if (!pl[i].stored)
            continue;
        int first = 1;
        for (size_t k = 0; k < i && first; k++)
            first = !(pl[k].stored && pl[k].id == pl[i].id);
        if (!first)
            continue;
        long m = 0, dead = -1, injured = -1, dnet = -1, inet = -1;
        for (size_t k = i; k < d->nevents; k++)
            if (pl[k].stored && pl[k].id == pl[i].id) {
                m++;
                dead = max_long(dead, d->events[k].dead);
                injured = max_long(injured, d->events[k].injured);
                dnet = max_long(dnet, pl[k].net_dead);
                inet = max_long(inet, pl[k].net_injured);
            }
        row *r = rows_next(s, bb, &rc, err);
        if (!r)
            break;
        v_int(r, pl[i].id);
        v_int(r, m);
        v_text0(r, d->source);
        v_int(r, dead);
        v_int(r, injured);
        v_int(r, dnet);
        v_int(r, inet);
    }
    if (!rc)
        rc = rows_flush(s, bb, err);
    free(bb);
    return rc;
}

/* Which report of a document counts a casualty figure in the totals.
 * Events that state the same count (the same key: "pounded the district,
 * killing 47" is a shelling, an air strike and a killing, each with 47
 * dead) share it: the first of them in the text takes it, and the others
 * add nothing, unless they report that same event.  A figure of ten or
 * more stated again in the document (the headline, the lead and a recap
 * further down: "Islamic State killed 270 in gas field battle", "killed
 * 270 soldiers, guards and staff") is that count again.  A report with no
 * key (a caller that did not say) keeps its own figure. */
enum { SAME_FIGURE = 10 };

typedef struct share {
    size_t key, at;
    int by_value;
} share;

static int share_cmp(const void *a, const void *b)
{
    const share *x = a, *y = b;
    if (x->by_value != y->by_value)
        return x->by_value - y->by_value;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

/* The event a report is of: a stored one's id, or the first report of a
 * new one (as a negative number, apart from ids). */
static int64_t report_of(const plan *pl, size_t i)
{
    if (pl[i].stored)
        return pl[i].id;
    return -1 - (int64_t)(pl[i].target >= 0 ? (size_t)pl[i].target : i);
}

static int net_shares(const sr_store_doc *d, plan *pl, sr_error *err)
{
    size_t n = d->nevents;
    for (int kind = 0; kind < 2; kind++) {
        size_t m = 0;
        share *sh = NULL;
        for (size_t i = 0; i < n; i++) {
            const sr_store_event *e = &d->events[i];
            long v = kind ? e->injured : e->dead;
            size_t key = kind ? e->injured_key : e->dead_key;
            /* (one target's part of a toll: the whole toll, shared) */
            long toll = kind ? e->injured_toll : e->dead_toll;
            if (v >= 0 && toll > v)
                v = toll;
            *(kind ? &pl[i].net_injured : &pl[i].net_dead) = v;
            if (v >= 0 && key) {
                if (!sh && !(sh = malloc(n * sizeof *sh)))
                    return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
                sh[m++] = v >= SAME_FIGURE ? (share){(size_t)v, i, 1} : (share){key, i, 0};
            }
        }
        if (m > 1)
            qsort(sh, m, sizeof *sh, share_cmp);
        for (size_t j = 0, first = 0; j < m; j++) {
            if (j && (sh[j].key != sh[j - 1].key || sh[j].by_value != sh[j - 1].by_value))
                first = j;
            if (report_of(pl, sh[j].at) != report_of(pl, sh[first].at))
                *(kind ? &pl[sh[j].at].net_injured : &pl[sh[j].at].net_dead) = -1;
        }
        free(sh);
    }
    return SR_OK;
}

/* A new event's toll of SAME_FIGURE or more that a stored event of its
 * kind, day and place already counts is that toll told again by another
 * outlet, who named the sides otherwise or not at all ("a chemical weapons
 * attack by the government that killed more than 1,400 people" after "an
 * August 21 gas attack the United States says killed more than 1,400"):
 * the event is kept, its share of the totals is not counted twice. */
/* Code c and root r are one kind of act for a toll: the same root, or
 * both force (18, 19, 20: an air strike and the gas attack it answered,
 * told with one toll, are read as one act by one outlet or another). */
static int same_root(const char *c, const char *r)
{
    int vc = c[0] == '1' ? c[1] == '8' || c[1] == '9' : c[0] == '2' && c[1] == '0';
    int vr = r[0] == '1' ? r[1] == '8' || r[1] == '9' : r[0] == '2' && r[1] == '0';
    return (vc && vr) || !strncmp(c, r, 2);
}

static int toll_told(sr_store *s, const sr_store_doc *d, plan *pl, sr_error *err)
{
    size_t n = d->nevents;
    int w = s->opts.cluster_days, rc = 0;
    rowbuf *tb = NULL;
    for (size_t i = 0; i <= n && !rc; i++) {
        if (i < n) {
            plan *p = &pl[i];
            if (p->stored || p->target >= 0 || !p->day || p->coarse ||
                (p->dead_net < SAME_FIGURE && p->injured_net < SAME_FIGURE) ||
                !d->events[i].code)
                continue;
            if (!tb) {
                if (!(tb = calloc(1, sizeof *tb)))
                    return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
                tb->kind = MS_TOLL;
            }
            row *r = &tb->rows[tb->n++];
            r->n = 0;
            v_int(r, store_day_add(p->day, -w));
            v_int(r, store_day_add(p->day, w));
            v_int(r, p->dead_net >= SAME_FIGURE ? p->dead_net : -1);
            v_int(r, p->injured_net >= SAME_FIGURE ? p->injured_net : -1);
        }
        if (!tb || !tb->n || (tb->n < ROWS_AT_ONCE && i < n))
            continue;
        db_stmt *q;
        if ((rc = rows_run(s, tb, &q, err)))
            break;
        while ((rc = db_step(q, err)) == 1) {
            const char *root = db_column_text(q, 0);
            int day = (int)db_column_int(q, 1), has = !db_column_null(q, 2);
            double lat = db_column_double(q, 2), lon = db_column_double(q, 3);
            long dn = db_column_null(q, 4) ? -1 : (long)db_column_int(q, 4);
            long in = db_column_null(q, 5) ? -1 : (long)db_column_int(q, 5);
            for (size_t k = 0; k < n; k++) {
                plan *p = &pl[k];
                const sr_store_event *e = &d->events[k];
                if (p->stored || p->target >= 0 || !p->day || p->coarse || !e->code || !root ||
                    !same_root(e->code, root) || day < store_day_add(p->day, -w) ||
                    day > store_day_add(p->day, w) || !within(s, &e->location, has, lat, lon))
                    continue;
                if (p->dead_net >= SAME_FIGURE && p->dead_net == dn)
                    p->dead_net = -1;
                if (p->injured_net >= SAME_FIGURE && p->injured_net == in)
                    p->injured_net = -1;
            }
        }
        db_reset(q);
        rc = rc < 0 ? rc : 0;
    }
    free(tb);
    return rc;
}

/* The events of an original document: each a further report of a stored
 * event (the oldest that matches), else of an earlier event of the same
 * document, else a new event; then its mentions. */
static int put_events(sr_store *s, const sr_store_doc *d, int64_t doc, int64_t added,
                      sr_store_put_result *res, sr_error *err)
{
    size_t n = d->nevents;
    if (!n)
        return SR_OK;
    plan *pl = calloc(n, sizeof *pl);
    if (!pl)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    int doc_day = store_day_parse(d->date), w = s->opts.cluster_days;
    for (size_t i = 0; i < n; i++) {
        const sr_store_event *e = &d->events[i];
        pl[i].ckey = cluster_key(e);
        pl[i].day = e->date ? store_day_parse(e->date) : doc_day;
        const char *prec = e->date ? nz(e->date_precision) : "";
        pl[i].coarse = !strcmp(prec, "week") || !strcmp(prec, "month") || !strcmp(prec, "year");
        /* GDELT's IsRootEvent: the lead (the first two sentences: a
         * headline repeated in the text, and the first sentence) or the
         * document's main event. */
        pl[i].is_root = e->sentence < 2 || e->primary;
        pl[i].target = -1;
        pl[i].dead_net = pl[i].injured_net = -1;
    }
    cand *c = NULL;
    size_t nc = 0;
    int rc = find_candidates(s, pl, n, &c, &nc, err);
    for (size_t i = 0; i < n && !rc; i++) {
        const sr_store_event *e = &d->events[i];
        plan *p = &pl[i];
        int lo = p->day ? store_day_add(p->day, -w) : 0, hi = p->day ? store_day_add(p->day, w) : 0;
        for (size_t k = 0; k < nc && !p->stored && p->day && !p->coarse; k++)
            if (c[k].ckey == p->ckey && c[k].day >= lo && c[k].day <= hi &&
                within(s, &e->location, c[k].has, c[k].lat, c[k].lon)) {
                p->id = c[k].id;
                p->stored = 1;
            }
        for (size_t k = 0; k < i && !p->stored && p->target < 0; k++) {
            const plan *q = &pl[k];
            const sr_store_place *loc = &d->events[k].location;
            if (q->target < 0 && !q->stored && q->ckey == p->ckey && q->day >= lo &&
                q->day <= hi && within(s, &e->location, loc->name && loc->has_coords, loc->lat,
                                       loc->lon))
                p->target = (long)k;
        }
        if (p->target >= 0) {
            plan *t = &pl[p->target];
            t->mentions++;
            t->dead = max_long(t->dead, e->dead);
            t->injured = max_long(t->injured, e->injured);
        } else if (!p->stored) {
            p->mentions = 1;
            p->dead = e->dead;
            p->injured = e->injured;
            res->new_events++;
        }
    }
    free(c);
    if (!rc)
        rc = net_shares(d, pl, err);
    for (size_t i = 0; i < n && !rc; i++) {
        plan *p = &pl[i];
        if (p->target >= 0) {
            plan *t = &pl[p->target];
            t->dead_net = max_long(t->dead_net, p->net_dead);
            t->injured_net = max_long(t->injured_net, p->net_injured);
        } else if (!p->stored) {
            p->dead_net = max_long(p->dead_net, p->net_dead);
            p->injured_net = max_long(p->injured_net, p->net_injured);
        }
    }
    if (!rc)
        rc = toll_told(s, d, pl, err);
    if (!rc)
        rc = bump_events(s, d, pl, err);
    if (!rc)
        rc = insert_events(s, d, pl, doc, added, err);
    rowbuf *mb = rc ? NULL : calloc(1, sizeof *mb);
    if (!rc && !mb)
        rc = sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    if (mb)
        mb->kind = MS_MENTIONS;
    for (size_t i = 0; i < n && !rc; i++) {
        int64_t ev = pl[i].target >= 0 ? pl[pl[i].target].id : pl[i].id;
        row *r = rows_next(s, mb, &rc, err);
        if (!r)
            break;
        mention_row(r, &d->events[i], ev, doc, pl[i].is_root);
        res->mentions++;
    }
    if (!rc)
        rc = rows_flush(s, mb, err);
    free(mb);
    free(pl);
    return rc;
}

static int insert_doc(sr_store *s, const sr_store_doc *d, const sr_store_fingerprint *fp,
                      int64_t orig, double sim, int exact, int64_t added, int64_t *id,
                      sr_error *err)
{
    db_stmt *q = store_stmt(s, ST_DOC_INSERT, err);
    if (!q)
        return SR_EIO;
    unsigned char mh[SR_STORE_MINHASH * 4];
    store_minhash_pack(fp, mh);
    row r = {.n = 0};
    v_textn(&r, d->id, strlen(d->id));
    v_int(&r, (int64_t)fp->content);
    v_int(&r, fp->shingles);
    if (fp->shingles && !orig)
        r.v[r.n++] = (db_value){DBV_BLOB, 0, 0, mh, sizeof mh};
    else
        v_null(&r);
    if (orig) {
        v_int(&r, orig);
        v_double(&r, sim);
    } else {
        v_null(&r);
        v_null(&r);
    }
    v_text(&r, d->date);
    v_text(&r, d->title);
    /* An exact copy's text is its original's: stored once. */
    if (exact)
        v_null(&r);
    else
        v_textn(&r, d->text, d->text_len);
    v_text0(&r, d->source);
    v_text(&r, d->url);
    v_text(&r, orig ? NULL : d->label);
    v_int(&r, (int64_t)d->nsentences);
    v_int(&r, orig ? 0 : (int64_t)d->nevents);
    v_int(&r, added);
    bind_row(q, &r, 1);
    int rc = db_step(q, err);
    *id = rc == 1 ? db_column_int(q, 0) : 0;
    db_reset(q);
    return rc < 0 ? rc : SR_OK;
}

int sr_store_put(sr_store *s, const sr_store_doc *d, const sr_store_fingerprint *fpin,
                 sr_store_put_result *res, sr_error *err)
{
    memset(res, 0, sizeof *res);
    if (!d->id || !d->text)
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "a document needs an id and a text");
    sr_store_fingerprint fpl;
    if (!fpin) {
        sr_store_fingerprint_text(d->text, d->text_len, &fpl);
        fpin = &fpl;
    }
    /* A stored id is found by the insert itself (ON CONFLICT DO NOTHING
     * returns no row), which also holds when another writer stores it in
     * the meantime. */
    int64_t orig, doc;
    double sim;
    int exact, rc;
    if ((rc = store_find_original(s, fpin, &orig, &sim, &exact, err)))
        return rc;
    int64_t added = now_stamp();
    if ((rc = insert_doc(s, d, fpin, orig, sim, exact, added, &doc, err)))
        return rc;
    if (!doc) {
        res->outcome = SR_STORE_SEEN;
        return SR_OK;
    }
    res->doc = doc;
    s->puts++;
    if (orig) {
        res->outcome = exact ? SR_STORE_COPY : SR_STORE_NEAR_COPY;
        res->original = orig;
        res->similarity = sim;
        return SR_OK;
    }
    res->outcome = SR_STORE_NEW;
    if (fpin->shingles) {
        int64_t band[SR_STORE_BANDS];
        store_bands(fpin, band);
        db_stmt *q = store_stmt(s, ST_BAND_INSERT, err);
        if (!q)
            return SR_EIO;
        for (int b = 0; b < SR_STORE_BANDS; b++) {
            db_bind_int(q, 2 * b + 1, band[b]);
            db_bind_int(q, 2 * b + 2, doc);
        }
        rc = db_step(q, err);
        db_reset(q);
        if (rc < 0)
            return rc;
    }
    if ((rc = put_events(s, d, doc, added, res, err)))
        return rc;
    return put_places(s, d, doc, err);
}
