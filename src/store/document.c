/* One stored document read back with what was coded in it: its text, its
 * mentions with their spans, its places and its counts (sitrep serve's
 * article view shows why an event was coded from these). */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

static const char *text_of(sr_arena *a, db_stmt *q, int i)
{
    const char *t = db_column_text(q, i);
    return t ? sr_arena_strndup(a, t, strlen(t)) : NULL;
}

static size_t span_of(db_stmt *q, int i)
{
    return db_column_null(q, i) ? 0 : (size_t)db_column_int(q, i);
}

static long number_of(db_stmt *q, int i)
{
    return db_column_null(q, i) ? -1 : (long)db_column_int(q, i);
}

/* Runs q (bound to one document row id) and hands each row to fill with a
 * new zeroed item of vec.  Returns SR_OK or an error. */
typedef int (*fill_fn)(db_stmt *q, sr_arena *a, void *item);
static int read_rows(db_stmt *q, sr_arena *a, sr_vec *vec, size_t size, fill_fn fill,
                     sr_error *err)
{
    int st;
    while ((st = db_step(q, err)) == 1) {
        void *item = sr_vec_push(vec, a, size);
        if (!item || fill(q, a, item))
            return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    return st < 0 ? st : SR_OK;
}

typedef struct mention {
    sr_store_event ev;
    int64_t event;
} mention;

static int fill_mention(db_stmt *q, sr_arena *a, void *item)
{
    mention *m = item;
    sr_store_event *e = &m->ev;
    int k = 0;
    m->event = db_column_int(q, k++);
    e->sentence = (size_t)db_column_int(q, k++);
    e->sent_start = span_of(q, k++);
    e->sent_end = span_of(q, k++);
    e->verb_start = span_of(q, k++);
    e->verb_end = span_of(q, k++);
    sr_store_actor *actors[] = {&e->source, &e->target};
    for (int i = 0; i < 2; i++) {
        actors[i]->code = text_of(a, q, k++);
        actors[i]->text = text_of(a, q, k++);
        actors[i]->start = span_of(q, k++);
        actors[i]->end = span_of(q, k++);
    }
    e->code = text_of(a, q, k++);
    e->mode = text_of(a, q, k++);
    e->negated = (int)db_column_int(q, k++);
    e->date = text_of(a, q, k++);
    e->date_precision = text_of(a, q, k++);
    e->attribution = text_of(a, q, k++);
    e->attribution_code = text_of(a, q, k++);
    e->dead = number_of(q, k++);
    e->injured = number_of(q, k++);
    e->location.name = text_of(a, q, k++);
    e->location.has_coords = !db_column_null(q, k);
    e->location.lat = db_column_double(q, k++);
    e->location.lon = db_column_double(q, k++);
    e->location.cc = text_of(a, q, k++);
    e->location.country = text_of(a, q, k++);
    e->location.admin1 = text_of(a, q, k++);
    e->primary = (int)db_column_int(q, k++);
    return (e->code && e->mode) ? SR_OK : SR_ENOMEM;
}

static int fill_place(db_stmt *q, sr_arena *a, void *item)
{
    sr_store_place *p = item;
    int k = 0;
    p->start = span_of(q, k++);
    p->end = span_of(q, k++);
    p->text = text_of(a, q, k++);
    p->name = text_of(a, q, k++);
    p->cc = text_of(a, q, k++);
    p->country = text_of(a, q, k++);
    p->admin1 = text_of(a, q, k++);
    p->has_coords = !db_column_null(q, k);
    p->lat = db_column_double(q, k++);
    p->lon = db_column_double(q, k++);
    p->geonameid = (uint32_t)db_column_int(q, k++);
    p->feature = text_of(a, q, k++);
    p->level = (int)db_column_int(q, k++);
    p->conf = db_column_double(q, k++);
    return p->name ? SR_OK : SR_ENOMEM;
}

static int fill_count(db_stmt *q, sr_arena *a, void *item)
{
    sr_store_count *c = item;
    int k = 0;
    c->type = text_of(a, q, k++);
    c->number = (long)db_column_int(q, k++);
    c->qualifier = text_of(a, q, k++);
    c->people = text_of(a, q, k++);
    c->start = span_of(q, k++);
    c->end = span_of(q, k++);
    c->trigger = text_of(a, q, k++);
    c->cumulative = (int)db_column_int(q, k++);
    c->part_of = number_of(q, k++);
    return c->type ? SR_OK : SR_ENOMEM;
}

static const char *const doc_sql =
    "SELECT d.id, d.doc_id, d.date, d.title, d.source, d.url, d.label, d.nsentences, "
    "o.doc_id, COALESCE(d.body, o.body), CASE WHEN d.body IS NULL THEN o.id ELSE d.id END "
    "FROM sr_documents d LEFT JOIN sr_documents o ON o.id = d.dup_of WHERE d.doc_id = ?";
static const char *const mention_sql =
    "SELECT m.event, m.sentence, m.sent_start, m.sent_end, m.verb_start, m.verb_end, "
    "m.source_code, m.source_text, m.source_start, m.source_end, m.target_code, "
    "m.target_text, m.target_start, m.target_end, m.code, m.mode, m.negated, m.date, "
    "m.date_precision, m.attribution, m.attribution_code, m.dead, m.injured, m.place, m.lat, "
    "m.lon, e.cc, e.country, e.admin1, m.is_primary "
    "FROM sr_mentions m JOIN sr_events e ON e.id = m.event WHERE m.doc = ? ORDER BY m.id";
static const char *const place_sql =
    "SELECT span_start, span_end, text, name, cc, country, admin1, lat, lon, geonameid, "
    "feature, geo_level, conf FROM sr_places WHERE doc = ? ORDER BY id";
static const char *const count_sql =
    "SELECT type, number, qualifier, people, span_start, span_end, trigger_word, cumulative, "
    "part_of FROM sr_counts WHERE doc = ? ORDER BY id";

int sr_store_document(sr_store *s, const char *doc_id, sr_arena *a, sr_store_doc_view *out,
                      int *found, sr_error *err)
{
    memset(out, 0, sizeof *out);
    *found = 0;
    db_stmt *q;
    int rc = db_prepare(s->d, doc_sql, &q, err);
    if (rc)
        return rc;
    db_bind_text(q, 1, doc_id);
    int64_t spans_of = 0;
    sr_store_doc *d = &out->doc;
    int st = db_step(q, err);
    if (st == 1) {
        int k = 1;
        d->id = text_of(a, q, k++);
        d->date = text_of(a, q, k++);
        d->title = text_of(a, q, k++);
        d->source = text_of(a, q, k++);
        d->url = text_of(a, q, k++);
        d->label = text_of(a, q, k++);
        d->nsentences = (size_t)db_column_int(q, k++);
        out->copy_of = text_of(a, q, k++);
        d->text = text_of(a, q, k++);
        spans_of = db_column_int(q, k++);
        if (!d->id || !d->text)
            st = sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
        d->text_len = d->text ? strlen(d->text) : 0;
    }
    db_finalize(q);
    if (st != 1)
        return st < 0 ? st : SR_OK;
    *found = 1;
    /* An exact copy shows its original's spans (spans_of is the original:
     * the same bytes); a near copy has its own text and nothing coded. */
    const struct {
        const char *sql;
        size_t size;
        fill_fn fill;
    } parts[] = {{mention_sql, sizeof(mention), fill_mention},
                 {place_sql, sizeof(sr_store_place), fill_place},
                 {count_sql, sizeof(sr_store_count), fill_count}};
    sr_vec vecs[3];
    memset(vecs, 0, sizeof vecs);
    for (int i = 0; i < 3 && rc == SR_OK && spans_of; i++) {
        if ((rc = db_prepare(s->d, parts[i].sql, &q, err)))
            break;
        db_bind_int(q, 1, spans_of);
        rc = read_rows(q, a, &vecs[i], parts[i].size, parts[i].fill, err);
        db_finalize(q);
    }
    if (rc)
        return rc;
    size_t n = vecs[0].len;
    sr_store_event *evs = n ? sr_arena_calloc(a, n, sizeof *evs) : NULL;
    int64_t *ids = n ? sr_arena_calloc(a, n, sizeof *ids) : NULL;
    if (n && (!evs || !ids))
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < n; i++) {
        evs[i] = ((mention *)vecs[0].items)[i].ev;
        ids[i] = ((mention *)vecs[0].items)[i].event;
    }
    d->events = evs;
    d->nevents = n;
    out->event_ids = ids;
    d->places = vecs[1].items;
    d->nplaces = vecs[1].len;
    d->counts = vecs[2].items;
    d->ncounts = vecs[2].len;
    return SR_OK;
}
