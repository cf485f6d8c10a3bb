/* Reading the store: filters turned into one WHERE clause with bound
 * values, event rows in pages, aggregates by period and group, and the
 * mentions of an event.  Every value from a caller is bound, never
 * written into SQL. */
#include <stdlib.h>
#include <string.h>

#include "db_back.h"
#include "store_int.h"

/* ---- the WHERE clause ------------------------------------------------------ */

static int add_val(store_where *w, int type, int64_t i, double d, const char *t)
{
    if (w->nvals == w->cap) {
        int cap = w->cap ? w->cap * 2 : 16;
        store_val *v = realloc(w->vals, (size_t)cap * sizeof *v);
        if (!v)
            return SR_ENOMEM;
        w->vals = v;
        w->cap = cap;
    }
    store_val *v = &w->vals[w->nvals];
    memset(v, 0, sizeof *v);
    v->type = type;
    v->i = i;
    v->d = d;
    if (t && !(v->t = strdup(t)))
        return SR_ENOMEM;
    w->nvals++;
    return SR_OK;
}

/* Codes are ASCII: a prefix range stays valid text on any server. */
static int code_ok(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
            return 0;
    return 1;
}

/* col starts with prefix, as an index range: col >= p AND col < p'. */
static int add_prefix(store_where *w, const char *col, const char *prefix)
{
    char up[256];
    int rc = 0;
    if (store_prefix_upper(prefix, up, sizeof up)) {
        rc |= sr_buf_printf(&w->sql, "(%s >= ? AND %s < ?)", col, col);
        rc |= add_val(w, DBV_TEXT, 0, 0, prefix);
        rc |= add_val(w, DBV_TEXT, 0, 0, up);
    } else {
        rc |= sr_buf_printf(&w->sql, "%s >= ?", col);
        rc |= add_val(w, DBV_TEXT, 0, 0, prefix);
    }
    return rc ? SR_ENOMEM : SR_OK;
}

static int bad_filter(sr_error *err, const char *what, const char *v)
{
    return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "bad %s '%s'", what, v);
}

int store_where_build(const sr_store_filter *f, store_where *w, sr_error *err)
{
    memset(w, 0, sizeof *w);
    int rc = sr_buf_puts(&w->sql, "");
    if (!f || rc)
        return rc ? SR_ENOMEM : SR_OK;
    const struct {
        const char *v, *name;
        int day_end;
    } days[] = {{f->from, "from date", 0}, {f->to, "to date", 1}};
    for (int i = 0; i < 2; i++) {
        if (!days[i].v)
            continue;
        int d = store_day_parse(days[i].v);
        if (!d)
            return bad_filter(err, days[i].name, days[i].v);
        /* "--to 2012-07" means to the end of July. */
        size_t n = strlen(days[i].v);
        if (days[i].day_end && n == 7)
            d = store_day_add(store_day_add(d, 31) / 100 * 100 + 1, -1);
        else if (days[i].day_end && n == 4)
            d = d / 10000 * 10000 + 1231;
        rc |= sr_buf_printf(&w->sql, " AND e.day %s ?", i ? "<=" : ">=");
        rc |= add_val(w, DBV_INT, d, 0, NULL);
    }
    /* Undated events (day 0) are outside every date range. */
    if (f->to && !f->from)
        rc |= sr_buf_puts(&w->sql, " AND e.day > 0");
    const struct {
        const char *v, *col, *name;
    } prefixes[] = {{f->source, "e.source_code", "source actor"},
                    {f->target, "e.target_code", "target actor"},
                    {f->code, "e.code", "event code"}};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        if (!prefixes[i].v)
            continue;
        if (!*prefixes[i].v || !code_ok(prefixes[i].v))
            return bad_filter(err, prefixes[i].name, prefixes[i].v);
        rc |= sr_buf_puts(&w->sql, " AND ");
        rc |= add_prefix(w, prefixes[i].col, prefixes[i].v);
    }
    if (f->actor) {
        if (!*f->actor || !code_ok(f->actor))
            return bad_filter(err, "actor", f->actor);
        rc |= sr_buf_puts(&w->sql, " AND (");
        rc |= add_prefix(w, "e.source_code", f->actor);
        rc |= sr_buf_puts(&w->sql, " OR ");
        rc |= add_prefix(w, "e.target_code", f->actor);
        rc |= sr_buf_puts(&w->sql, ")");
    }
    const struct {
        const char *v, *col;
    } exact[] = {{f->root, "e.root_code"}, {f->plover, "e.plover"}, {f->acled, "e.acled"},
                 {f->country, "e.cc"},     {f->admin1, "e.admin1"}};
    for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++) {
        if (!exact[i].v)
            continue;
        rc |= sr_buf_printf(&w->sql, " AND %s = ?", exact[i].col);
        rc |= add_val(w, DBV_TEXT, 0, 0, exact[i].v);
    }
    if (f->has_bbox) {
        if (!(f->min_lat <= f->max_lat) || f->min_lat < -90 || f->max_lat > 90 ||
            f->min_lon < -180 || f->max_lon > 180 || f->max_lon < -180 || f->min_lon > 180)
            return sr_error_set(err, SR_EINVAL, NULL, 0, 0,
                                "bad bounding box: west,south,east,north in degrees");
        rc |= sr_buf_puts(&w->sql, " AND e.lat BETWEEN ? AND ?");
        rc |= add_val(w, DBV_DOUBLE, 0, f->min_lat, NULL);
        rc |= add_val(w, DBV_DOUBLE, 0, f->max_lat, NULL);
        /* A box across the 180th meridian has west > east. */
        rc |= sr_buf_puts(&w->sql, f->min_lon <= f->max_lon ? " AND e.lon BETWEEN ? AND ?"
                                                            : " AND (e.lon >= ? OR e.lon <= ?)");
        rc |= add_val(w, DBV_DOUBLE, 0, f->min_lon, NULL);
        rc |= add_val(w, DBV_DOUBLE, 0, f->max_lon, NULL);
    }
    if (f->text && *f->text) {
        /* A LIKE pattern with the wildcards of the text itself escaped. */
        sr_buf p = SR_BUF_INIT;
        rc |= sr_buf_putc(&p, '%');
        for (const char *t = f->text; *t; t++) {
            char c = *t >= 'A' && *t <= 'Z' ? (char)(*t + 32) : *t;
            if (c == '%' || c == '_' || c == '\\')
                rc |= sr_buf_putc(&p, '\\');
            rc |= sr_buf_putc(&p, c);
        }
        rc |= sr_buf_putc(&p, '%');
        rc |= sr_buf_puts(&w->sql,
                          " AND EXISTS (SELECT 1 FROM sr_mentions tm JOIN sr_documents td ON "
                          "td.id = tm.doc WHERE tm.event = e.id AND (lower(td.body) LIKE ? "
                          "ESCAPE '\\' OR lower(td.title) LIKE ? ESCAPE '\\'))");
        if (!rc) {
            rc |= add_val(w, DBV_TEXT, 0, 0, p.data);
            rc |= add_val(w, DBV_TEXT, 0, 0, p.data);
        }
        sr_buf_free(&p);
    }
    if (f->after_id > 0) {
        rc |= sr_buf_puts(&w->sql, " AND e.id > ?");
        rc |= add_val(w, DBV_INT, f->after_id, 0, NULL);
    }
    if (rc) {
        store_where_free(w);
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    return SR_OK;
}

int store_where_bind(const store_where *w, db_stmt *s, int k)
{
    for (int i = 0; i < w->nvals; i++, k++) {
        const store_val *v = &w->vals[i];
        if (v->type == DBV_INT)
            db_bind_int(s, k, v->i);
        else if (v->type == DBV_DOUBLE)
            db_bind_double(s, k, v->d);
        else
            db_bind_text(s, k, v->t);
    }
    return k;
}

void store_where_free(store_where *w)
{
    for (int i = 0; i < w->nvals; i++)
        free(w->vals[i].t);
    free(w->vals);
    sr_buf_free(&w->sql);
    memset(w, 0, sizeof *w);
}

/* ---- events ------------------------------------------------------------------ */

static const char event_cols[] =
    "e.id, e.day, e.date, e.date_precision, e.source_code, e.source_name, e.target_code, "
    "e.target_name, e.code, e.base_code, e.root_code, e.quadclass, e.goldstein, e.plover, "
    "e.plover_mode, e.acled, e.mode, e.negated, e.dead, e.injured, e.place, e.cc, e.country, "
    "e.admin1, e.adm1_code, e.feature, e.lat, e.lon, e.geonameid, e.geo_level, e.is_root, e.num_mentions, "
    "e.num_sources, e.num_articles, e.added, d.doc_id, d.url, d.source, d.date, e.dead_net, "
    "e.injured_net";

static const char *adup(sr_arena *a, db_stmt *q, int i)
{
    const char *t = db_column_text(q, i);
    return t ? sr_arena_strndup(a, t, strlen(t)) : NULL;
}

static long col_count(db_stmt *q, int i)
{
    return db_column_null(q, i) ? -1 : (long)db_column_int(q, i);
}

/* The strings are copied into a, so the row outlives the statement. */
static void read_event(db_stmt *q, sr_arena *a, sr_store_event_row *r)
{
    int k = 0;
    memset(r, 0, sizeof *r);
    r->id = db_column_int(q, k++);
    r->day = (int)db_column_int(q, k++);
    r->date = adup(a, q, k++);
    r->date_precision = adup(a, q, k++);
    r->source_code = adup(a, q, k++);
    r->source_name = adup(a, q, k++);
    r->target_code = adup(a, q, k++);
    r->target_name = adup(a, q, k++);
    r->code = adup(a, q, k++);
    r->base_code = adup(a, q, k++);
    r->root_code = adup(a, q, k++);
    r->quadclass = (int)db_column_int(q, k++);
    r->goldstein = db_column_double(q, k++);
    r->plover = adup(a, q, k++);
    r->plover_mode = adup(a, q, k++);
    r->acled = adup(a, q, k++);
    r->mode = adup(a, q, k++);
    r->negated = (int)db_column_int(q, k++);
    r->dead = col_count(q, k++);
    r->injured = col_count(q, k++);
    r->place = adup(a, q, k++);
    r->cc = adup(a, q, k++);
    r->country = adup(a, q, k++);
    r->admin1 = adup(a, q, k++);
    r->adm1_code = adup(a, q, k++);
    r->feature = adup(a, q, k++);
    r->has_coords = !db_column_null(q, k);
    r->lat = db_column_double(q, k++);
    r->lon = db_column_double(q, k++);
    r->geonameid = (uint32_t)db_column_int(q, k++);
    r->geo_level = (int)db_column_int(q, k++);
    r->is_root = (int)db_column_int(q, k++);
    r->num_mentions = (long)db_column_int(q, k++);
    r->num_sources = (long)db_column_int(q, k++);
    r->num_articles = (long)db_column_int(q, k++);
    r->added = db_column_int(q, k++);
    r->doc_id = adup(a, q, k++);
    r->url = adup(a, q, k++);
    r->doc_source = adup(a, q, k++);
    r->doc_date = adup(a, q, k++);
    r->dead_net = col_count(q, k++);
    r->injured_net = col_count(q, k++);
}

/* The bytes [s, e) of body as a string in a; NULL when out of range. */
static const char *slice(sr_arena *a, const char *body, int64_t s, int64_t e)
{
    if (!body || s < 0 || e < s || (size_t)e > strlen(body))
        return NULL;
    return sr_arena_strndup(a, body + s, (size_t)(e - s));
}

static int first_sentence(sr_store *s, db_stmt **q, sr_arena *a, sr_store_event_row *r,
                          sr_error *err)
{
    if (!*q && db_prepare(s->d,
                          "SELECT m.sent_start, m.sent_end, d.body, m.verb_start, m.verb_end "
                          "FROM sr_mentions m JOIN "
                          "sr_documents d ON d.id = m.doc WHERE m.event = ? ORDER BY m.id LIMIT 1",
                          q, err))
        return SR_EIO;
    db_reset(*q);
    db_bind_int(*q, 1, r->id);
    int rc = db_step(*q, err);
    if (rc == 1) {
        const char *body = db_column_text(*q, 2);
        r->text = slice(a, body, db_column_int(*q, 0), db_column_int(*q, 1));
        r->verb = slice(a, body, db_column_int(*q, 3), db_column_int(*q, 4));
    }
    db_reset(*q);
    return rc < 0 ? rc : SR_OK;
}

#define PAGE 1000

int sr_store_events(sr_store *s, const sr_store_filter *f, sr_store_event_cb cb, void *ctx,
                    sr_error *err)
{
    store_where w;
    int rc = store_where_build(f, &w, err);
    if (rc) {
        store_where_free(&w); /* a bad filter leaves what was built so far */
        return rc;
    }
    sr_buf sql = SR_BUF_INIT;
    sr_arena *a = sr_arena_new();
    sr_store_event_row *rows = malloc(PAGE * sizeof *rows);
    db_stmt *q = NULL, *tq = NULL;
    if (!a || !rows ||
        sr_buf_printf(&sql,
                      "SELECT %s FROM sr_events e JOIN sr_documents d ON d.id = e.first_doc "
                      "WHERE e.id > ?%s ORDER BY e.id LIMIT ? OFFSET ?",
                      event_cols, w.sql.data)) {
        rc = sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
        goto out;
    }
    if ((rc = db_prepare(s->d, sql.data, &q, err)))
        goto out;
    /* Pages by id: every page's statement finishes before the rows are
     * handed out, so a callback (or the sentence lookup) may use the
     * connection; PostgreSQL allows one running statement per connection. */
    size_t left = f && f->limit ? f->limit : SIZE_MAX, skip = f ? f->offset : 0;
    int64_t last = 0;
    while (left > 0 && !rc) {
        size_t want = left < PAGE ? left : PAGE, n = 0;
        sr_arena_reset(a);
        db_reset(q);
        db_bind_int(q, 1, last);
        int k = store_where_bind(&w, q, 2);
        db_bind_int(q, k, (int64_t)want);
        db_bind_int(q, k + 1, (int64_t)skip);
        skip = 0;
        int st;
        while ((st = db_step(q, err)) == 1)
            read_event(q, a, &rows[n++]);
        db_reset(q);
        if (st < 0) {
            rc = st;
            break;
        }
        for (size_t i = 0; i < n && !rc; i++) {
            if (f && f->with_text)
                rc = first_sentence(s, &tq, a, &rows[i], err);
            if (!rc)
                rc = cb(ctx, &rows[i]);
        }
        if (n < want)
            break;
        last = rows[n - 1].id;
        left -= n;
    }
out:
    db_finalize(q);
    db_finalize(tq);
    free(rows);
    sr_arena_free(a);
    sr_buf_free(&sql);
    store_where_free(&w);
    return rc;
}

/* ---- mentions -------------------------------------------------------------------- */

int sr_store_mentions(sr_store *s, int64_t event, sr_store_mention_cb cb, void *ctx,
                      sr_error *err)
{
    db_stmt *q;
    int rc = db_prepare(s->d,
                        "SELECT m.event, m.doc, d.doc_id, d.url, d.source, d.date, d.title, m.code, "
                        "m.source_code, m.target_code, m.mode, m.date, m.attribution, m.negated, "
                        "m.is_root, m.sentence, m.dead, m.injured, m.sent_start, m.sent_end, "
                        "d.body, (SELECT count(*) FROM sr_documents c WHERE c.dup_of = d.id) "
                        "FROM sr_mentions m JOIN sr_documents d ON d.id = m.doc "
                        "WHERE m.event = ? ORDER BY m.doc, m.id",
                        &q, err);
    if (rc)
        return rc;
    sr_arena *a = sr_arena_new();
    sr_vec rows = {0};
    if (!a) {
        db_finalize(q);
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    db_bind_int(q, 1, event);
    int st;
    while ((st = db_step(q, err)) == 1) {
        sr_store_mention_row *r = sr_vec_push(&rows, a, sizeof *r);
        if (!r) {
            st = sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        int k = 0;
        r->event = db_column_int(q, k++);
        r->doc = db_column_int(q, k++);
        r->doc_id = adup(a, q, k++);
        r->url = adup(a, q, k++);
        r->source = adup(a, q, k++);
        r->doc_date = adup(a, q, k++);
        r->title = adup(a, q, k++);
        r->code = adup(a, q, k++);
        r->source_code = adup(a, q, k++);
        r->target_code = adup(a, q, k++);
        r->mode = adup(a, q, k++);
        r->date = adup(a, q, k++);
        r->attribution = adup(a, q, k++);
        r->negated = (int)db_column_int(q, k++);
        r->is_root = (int)db_column_int(q, k++);
        r->sentence = (long)db_column_int(q, k++);
        r->dead = col_count(q, k++);
        r->injured = col_count(q, k++);
        int64_t ss = db_column_int(q, k++), se = db_column_int(q, k++);
        r->text = slice(a, db_column_text(q, k++), ss, se);
        r->copies = db_column_int(q, k++);
    }
    db_finalize(q);
    rc = st < 0 ? st : SR_OK;
    sr_store_mention_row *rv = rows.items;
    for (size_t i = 0; i < rows.len && !rc; i++)
        rc = cb(ctx, &rv[i]);
    sr_arena_free(a);
    return rc;
}
