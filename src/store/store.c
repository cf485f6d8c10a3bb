/* Opening a store and writing documents into it: idempotence, copies and
 * near-copies, and the clustering of reports into events. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../code/sr_code.h"
#include "store_int.h"

/* The ingest statements, in ST_* order.  `?` are bound values. */
static const char *const stmt_sql[ST_COUNT_] = {
    [ST_HAS_ID] = "SELECT id FROM sr_documents WHERE doc_id = ?",
    [ST_HAS_CONTENT] = "SELECT id, dup_of, similarity FROM sr_documents WHERE content = ? "
                       "ORDER BY id LIMIT 1",
    [ST_BAND_FIND] =
        "SELECT d.id, d.shingles, d.minhash FROM sr_documents d WHERE d.id IN "
        "(SELECT doc FROM sr_bands WHERE band IN (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)) ORDER BY d.id",
    [ST_DOC_INSERT] =
        "INSERT INTO sr_documents (doc_id, content, shingles, minhash, dup_of, similarity, date, "
        "title, body, source, url, label, nsentences, nmentions, added) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (doc_id) DO NOTHING RETURNING id",
    [ST_BAND_INSERT] = "INSERT INTO sr_bands (band, doc) VALUES "
                       "(?,?),(?,?),(?,?),(?,?),(?,?),(?,?),(?,?),(?,?),"
                       "(?,?),(?,?),(?,?),(?,?),(?,?),(?,?),(?,?),(?,?) ON CONFLICT DO NOTHING",
    [ST_EVENT_FIND] = "SELECT id, lat, lon, first_doc FROM sr_events "
                      "WHERE ckey = ? AND day BETWEEN ? AND ? ORDER BY id",
    [ST_EVENT_INSERT] =
        "INSERT INTO sr_events (ckey, day, date, date_precision, source_code, source_name, "
        "target_code, target_name, code, base_code, root_code, quadclass, goldstein, plover, "
        "plover_mode, acled, mode, negated, dead, injured, place, cc, country, admin1, adm1_code, "
        "lat, lon, geonameid, feature, geo_level, is_root, num_mentions, num_sources, "
        "num_articles, first_doc, added) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
        "?,?,?,?,?,?,?,1,1,1,?,?) RETURNING id",
    /* Casualties: the largest figure any report gives. */
    [ST_EVENT_BUMP] =
        "UPDATE sr_events SET num_mentions = num_mentions + 1, "
        "num_articles = num_articles + ?, num_sources = num_sources + ?, "
        "dead = CASE WHEN coalesce(dead, -1) < ? THEN ? ELSE dead END, "
        "injured = CASE WHEN coalesce(injured, -1) < ? THEN ? ELSE injured END WHERE id = ?",
    [ST_SOURCE_SEEN] = "SELECT 1 FROM sr_mentions m JOIN sr_documents d ON d.id = m.doc "
                       "WHERE m.event = ? AND d.source = ? LIMIT 1",
    [ST_MENTION_INSERT] =
        "INSERT INTO sr_mentions (event, doc, sentence, sent_start, sent_end, verb_start, "
        "verb_end, source_code, source_text, source_start, source_end, target_code, "
        "target_text, target_start, target_end, code, mode, negated, date, date_precision, "
        "attribution, attribution_code, dead, injured, place, lat, lon, is_root, is_primary) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [ST_PLACE_INSERT] =
        "INSERT INTO sr_places (doc, span_start, span_end, text, name, cc, country, admin1, "
        "adm1_code, lat, lon, geonameid, feature, geo_level, conf) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [ST_COUNT_INSERT] =
        "INSERT INTO sr_counts (doc, type, number, qualifier, people, span_start, span_end, "
        "trigger_word, cumulative, part_of, place, cc, country, admin1, adm1_code, lat, lon, "
        "geonameid, geo_level) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
};

void sr_store_opts_init(sr_store_opts *o)
{
    o->near_dup = 1;
    o->jaccard = 0.7;
    o->containment = 0.9;
    o->cluster_km = 25;
    o->cluster_days = 1;
}

int sr_store_url_is_postgres(const char *url)
{
    return url && (!strncmp(url, "postgresql://", 13) || !strncmp(url, "postgres://", 11));
}

int sr_store_open(const char *url, const sr_store_opts *opts, sr_store **out, sr_error *err)
{
    if (!url || !*url)
        return sr_error_set(err, SR_EINVAL, NULL, 0, 0, "no store named");
    sr_store *s = calloc(1, sizeof *s);
    if (!s)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    if (opts)
        s->opts = *opts;
    else
        sr_store_opts_init(&s->opts);
    int pg = sr_store_url_is_postgres(url);
    const char *target = url;
    if (!pg && !strncmp(url, "sqlite:", 7))
        target = url + 7;
    int rc = db_open(pg ? DB_PG : DB_SQLITE, target, &s->d, err);
    if (!rc && !pg)
        /* WAL: readers go on while ingest writes; synchronous=FULL makes
         * every commit durable (an OS crash or power cut loses nothing
         * committed either); batches keep the fsyncs few. */
        rc = db_exec(s->d,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                     "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY",
                     err);
    if (!rc)
        rc = store_schema_create(s->d, err);
    if (rc) {
        sr_store_close(s);
        return rc;
    }
    *out = s;
    return SR_OK;
}

static void finalize_all(sr_store *s)
{
    for (int i = 0; i < ST_COUNT_; i++) {
        db_finalize(s->st[i]);
        s->st[i] = NULL;
    }
}

void sr_store_close(sr_store *s)
{
    if (!s)
        return;
    if (s->in_tx)
        sr_store_rollback(s, NULL);
    finalize_all(s);
    db_close(s->d);
    free(s);
}

int sr_store_kind(const sr_store *s)
{
    return db_kind(s->d) == DB_PG ? SR_STORE_POSTGRES : SR_STORE_SQLITE;
}

int sr_store_reset(sr_store *s, sr_error *err)
{
    finalize_all(s);
    int rc = store_schema_drop(s->d, err);
    return rc ? rc : store_schema_create(s->d, err);
}

int sr_store_begin(sr_store *s, sr_error *err)
{
    int rc = db_exec(s->d, "BEGIN", err);
    s->in_tx = !rc;
    return rc;
}

int sr_store_commit(sr_store *s, sr_error *err)
{
    int rc = db_exec(s->d, "COMMIT", err);
    s->in_tx = 0;
    return rc;
}

int sr_store_rollback(sr_store *s, sr_error *err)
{
    s->in_tx = 0;
    return db_exec(s->d, "ROLLBACK", err);
}

static db_stmt *stmt(sr_store *s, int which, sr_error *err)
{
    if (!s->st[which] && db_prepare(s->d, stmt_sql[which], &s->st[which], err))
        return NULL;
    db_reset(s->st[which]);
    return s->st[which];
}

int sr_store_has(sr_store *s, const char *id, uint64_t content, int *found, sr_error *err)
{
    *found = 0;
    db_stmt *q = stmt(s, ST_HAS_ID, err);
    if (!q)
        return SR_EIO;
    db_bind_text(q, 1, id);
    int rc = db_step(q, err);
    db_reset(q);
    if (rc < 0)
        return rc;
    if (rc == 1) {
        *found = 1;
        return SR_OK;
    }
    if (!(q = stmt(s, ST_HAS_CONTENT, err)))
        return SR_EIO;
    db_bind_int(q, 1, (int64_t)content);
    rc = db_step(q, err);
    db_reset(q);
    if (rc < 0)
        return rc;
    *found = rc == 1 ? 2 : 0;
    return SR_OK;
}

/* ---- copies ------------------------------------------------------------ */

/* The stored document whose text fp repeats, exactly or nearly: *orig its
 * id (0: none), *sim the similarity. */
static int find_original(sr_store *s, const sr_store_fingerprint *fp, int64_t *orig,
                         double *sim, int *exact, sr_error *err)
{
    *orig = 0;
    *sim = 0;
    *exact = 0;
    db_stmt *q = stmt(s, ST_HAS_CONTENT, err);
    if (!q)
        return SR_EIO;
    db_bind_int(q, 1, (int64_t)fp->content);
    int rc = db_step(q, err);
    if (rc == 1) {
        /* A copy of a copy points at the first original; only a copy of an
         * original has that original's very text. */
        *exact = db_column_null(q, 1);
        *orig = *exact ? db_column_int(q, 0) : db_column_int(q, 1);
        *sim = *exact ? 1 : db_column_double(q, 2);
    }
    db_reset(q);
    if (rc != 0 || !s->opts.near_dup || !fp->shingles)
        return rc < 0 ? rc : SR_OK;
    int64_t band[SR_STORE_BANDS];
    store_bands(fp, band);
    if (!(q = stmt(s, ST_BAND_FIND, err)))
        return SR_EIO;
    for (int b = 0; b < SR_STORE_BANDS; b++)
        db_bind_int(q, b + 1, band[b]);
    while ((rc = db_step(q, err)) == 1) {
        sr_store_fingerprint other;
        size_t n;
        const void *blob = db_column_blob(q, 2, &n);
        other.shingles = (uint32_t)db_column_int(q, 1);
        if (!other.shingles || store_minhash_unpack(blob, n, &other))
            continue;
        double j = sr_store_similarity(fp, &other);
        double c = store_containment(j, fp->shingles, other.shingles);
        if ((j >= s->opts.jaccard || c >= s->opts.containment) && j > *sim) {
            *sim = j;
            *orig = db_column_int(q, 0);
        }
    }
    db_reset(q);
    return rc < 0 ? rc : SR_OK;
}

/* ---- events -------------------------------------------------------------- */

static const char *nz(const char *s)
{
    return s ? s : "";
}

/* What must be equal for two reports to be one event: CAMEO root, mode,
 * negation, the actors' first six code letters (country and first role:
 * SYRMIL and SYRMILSPY agree, SYRMIL and SYRGOV do not), and the date's
 * precision (an event "in July" is dated 1 July and must not meet one of
 * 2 July). */
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

static int bind_text_or_null(db_stmt *q, int i, const char *s)
{
    return s && *s ? db_bind_text(q, i, s) : db_bind_null(q, i);
}

static void bind_count(db_stmt *q, int i, long v)
{
    if (v >= 0)
        db_bind_int(q, i, v);
    else
        db_bind_null(q, i);
}

static void bind_coord(db_stmt *q, int i, const sr_store_place *p, int lon)
{
    if (p->name && p->has_coords)
        db_bind_double(q, i, lon ? p->lon : p->lat);
    else
        db_bind_null(q, i);
}

static int64_t now_stamp(void)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    return (int64_t)(tm.tm_year + 1900) * 10000000000LL + (int64_t)(tm.tm_mon + 1) * 100000000LL +
           (int64_t)tm.tm_mday * 1000000LL + tm.tm_hour * 10000LL + tm.tm_min * 100LL + tm.tm_sec;
}

/* The event a report matches, or 0. */
static int match_event(sr_store *s, const sr_store_event *e, int64_t ckey, int day, int64_t doc,
                       int64_t *match, sr_error *err)
{
    *match = 0;
    db_stmt *q = stmt(s, ST_EVENT_FIND, err);
    if (!q)
        return SR_EIO;
    int w = s->opts.cluster_days;
    db_bind_int(q, 1, ckey);
    db_bind_int(q, 2, day ? store_day_add(day, -w) : 0);
    db_bind_int(q, 3, day ? store_day_add(day, w) : 0);
    int rc;
    const sr_store_place *p = &e->location;
    int here = p->name && p->has_coords;
    while ((rc = db_step(q, err)) == 1) {
        int there = !db_column_null(q, 1);
        /* An undated report matches only within its own document. */
        if (!day && db_column_int(q, 3) != doc)
            continue;
        if (here != there)
            continue;
        if (here && store_km(p->lat, p->lon, db_column_double(q, 1), db_column_double(q, 2)) >
                        s->opts.cluster_km)
            continue;
        *match = db_column_int(q, 0);
        break;
    }
    db_reset(q);
    return rc < 0 ? rc : SR_OK;
}

/* Binds a place's name, cc, country, admin1, adm1_code, lat, lon,
 * geonameid, [feature,] level from k; returns the next parameter. */
static int bind_place_cols(db_stmt *q, int k, const sr_store_place *p, int with_feature)
{
    bind_text_or_null(q, k++, p->name);
    db_bind_text(q, k++, p->name ? nz(p->cc) : "");
    bind_text_or_null(q, k++, p->name ? p->country : NULL);
    db_bind_text(q, k++, p->name ? nz(p->admin1) : "");
    bind_text_or_null(q, k++, p->name ? p->admin1_code : NULL);
    bind_coord(q, k++, p, 0);
    bind_coord(q, k++, p, 1);
    if (p->name && p->geonameid)
        db_bind_int(q, k++, p->geonameid);
    else
        db_bind_null(q, k++);
    if (with_feature)
        bind_text_or_null(q, k++, p->feature);
    db_bind_int(q, k++, p->name ? p->level : -1);
    return k;
}

static int insert_event(sr_store *s, const sr_store_doc *d, const sr_store_event *e, int64_t ckey,
                        int day, int is_root, int64_t doc, int64_t added, int64_t *id,
                        sr_error *err)
{
    db_stmt *q = stmt(s, ST_EVENT_INSERT, err);
    if (!q)
        return SR_EIO;
    const char *code = nz(e->code);
    const sr_cameo_info *ci = sr_cameo_lookup(code);
    size_t cl = strlen(code);
    const sr_store_place *p = &e->location;
    int k = 1;
    db_bind_int(q, k++, ckey);
    db_bind_int(q, k++, day);
    bind_text_or_null(q, k++, e->date ? e->date : d->date);
    bind_text_or_null(q, k++, e->date ? e->date_precision : d->date ? "publication" : NULL);
    db_bind_text(q, k++, nz(e->source.code));
    bind_text_or_null(q, k++, e->source.text);
    db_bind_text(q, k++, nz(e->target.code));
    bind_text_or_null(q, k++, e->target.text);
    db_bind_text(q, k++, code);
    /* GDELT: the base code is the level-two code of a level-three one. */
    db_bind_textn(q, k++, code, cl > 3 ? 3 : cl);
    db_bind_textn(q, k++, code, cl > 2 ? 2 : cl);
    db_bind_int(q, k++, ci ? ci->quadclass : 0);
    if (ci)
        db_bind_double(q, k++, ci->goldstein);
    else
        db_bind_null(q, k++);
    bind_text_or_null(q, k++, ci ? ci->plover : NULL);
    bind_text_or_null(q, k++, ci ? ci->plover_mode : NULL);
    bind_text_or_null(q, k++, ci ? ci->acled : NULL);
    db_bind_text(q, k++, e->mode ? e->mode : "asserted");
    db_bind_int(q, k++, e->negated != 0);
    bind_count(q, k++, e->dead);
    bind_count(q, k++, e->injured);
    k = bind_place_cols(q, k, p, 1);
    db_bind_int(q, k++, is_root);
    db_bind_int(q, k++, doc);
    db_bind_int(q, k++, added);
    int rc = db_step(q, err);
    if (rc == 1)
        *id = db_column_int(q, 0);
    db_reset(q);
    return rc < 0 ? rc : rc == 1 ? SR_OK : sr_error_set(err, SR_EIO, NULL, 0, 0, "no event id");
}

/* A further report of event id: its counts go up. */
static int bump_event(sr_store *s, const sr_store_doc *d, const sr_store_event *e, int64_t id,
                      int new_article, sr_error *err)
{
    int new_source = 0;
    if (new_article) {
        db_stmt *q = stmt(s, ST_SOURCE_SEEN, err);
        if (!q)
            return SR_EIO;
        db_bind_int(q, 1, id);
        db_bind_text(q, 2, nz(d->source));
        int rc = db_step(q, err);
        db_reset(q);
        if (rc < 0)
            return rc;
        new_source = rc == 0;
    }
    db_stmt *q = stmt(s, ST_EVENT_BUMP, err);
    if (!q)
        return SR_EIO;
    db_bind_int(q, 1, new_article);
    db_bind_int(q, 2, new_source);
    db_bind_int(q, 3, e->dead >= 0 ? e->dead : -1);
    db_bind_int(q, 4, e->dead >= 0 ? e->dead : -1);
    db_bind_int(q, 5, e->injured >= 0 ? e->injured : -1);
    db_bind_int(q, 6, e->injured >= 0 ? e->injured : -1);
    db_bind_int(q, 7, id);
    int rc = db_step(q, err);
    db_reset(q);
    return rc < 0 ? rc : SR_OK;
}

static void bind_actor(db_stmt *q, int k, const sr_store_actor *a)
{
    bind_text_or_null(q, k, a->code);
    bind_text_or_null(q, k + 1, a->code ? a->text : NULL);
    if (a->code && a->text) {
        db_bind_int(q, k + 2, (int64_t)a->start);
        db_bind_int(q, k + 3, (int64_t)a->end);
    } else {
        db_bind_null(q, k + 2);
        db_bind_null(q, k + 3);
    }
}

static int insert_mention(sr_store *s, const sr_store_event *e, int64_t event, int64_t doc,
                          int is_root, sr_error *err)
{
    db_stmt *q = stmt(s, ST_MENTION_INSERT, err);
    if (!q)
        return SR_EIO;
    int k = 1;
    db_bind_int(q, k++, event);
    db_bind_int(q, k++, doc);
    db_bind_int(q, k++, (int64_t)e->sentence);
    db_bind_int(q, k++, (int64_t)e->sent_start);
    db_bind_int(q, k++, (int64_t)e->sent_end);
    db_bind_int(q, k++, (int64_t)e->verb_start);
    db_bind_int(q, k++, (int64_t)e->verb_end);
    bind_actor(q, k, &e->source);
    k += 4;
    bind_actor(q, k, &e->target);
    k += 4;
    db_bind_text(q, k++, nz(e->code));
    db_bind_text(q, k++, e->mode ? e->mode : "asserted");
    db_bind_int(q, k++, e->negated != 0);
    bind_text_or_null(q, k++, e->date);
    bind_text_or_null(q, k++, e->date ? e->date_precision : NULL);
    bind_text_or_null(q, k++, e->attribution);
    bind_text_or_null(q, k++, e->attribution ? e->attribution_code : NULL);
    bind_count(q, k++, e->dead);
    bind_count(q, k++, e->injured);
    bind_text_or_null(q, k++, e->location.name);
    bind_coord(q, k++, &e->location, 0);
    bind_coord(q, k++, &e->location, 1);
    db_bind_int(q, k++, is_root);
    db_bind_int(q, k++, e->primary != 0);
    int rc = db_step(q, err);
    db_reset(q);
    return rc < 0 ? rc : SR_OK;
}

static int insert_places(sr_store *s, const sr_store_doc *d, int64_t doc, sr_error *err)
{
    for (size_t i = 0; i < d->nplaces; i++) {
        const sr_store_place *p = &d->places[i];
        if (!p->name)
            continue;
        db_stmt *q = stmt(s, ST_PLACE_INSERT, err);
        if (!q)
            return SR_EIO;
        db_bind_int(q, 1, doc);
        db_bind_int(q, 2, (int64_t)p->start);
        db_bind_int(q, 3, (int64_t)p->end);
        bind_text_or_null(q, 4, p->text);
        db_bind_double(q, bind_place_cols(q, 5, p, 1), p->conf);
        int rc = db_step(q, err);
        db_reset(q);
        if (rc < 0)
            return rc;
    }
    for (size_t i = 0; i < d->ncounts; i++) {
        const sr_store_count *c = &d->counts[i];
        db_stmt *q = stmt(s, ST_COUNT_INSERT, err);
        if (!q)
            return SR_EIO;
        db_bind_int(q, 1, doc);
        db_bind_text(q, 2, nz(c->type));
        db_bind_int(q, 3, c->number);
        bind_text_or_null(q, 4, c->qualifier);
        bind_text_or_null(q, 5, c->people);
        db_bind_int(q, 6, (int64_t)c->start);
        db_bind_int(q, 7, (int64_t)c->end);
        bind_text_or_null(q, 8, c->trigger);
        db_bind_int(q, 9, c->cumulative != 0);
        bind_count(q, 10, c->part_of);
        bind_place_cols(q, 11, &c->location, 0);
        int rc = db_step(q, err);
        db_reset(q);
        if (rc < 0)
            return rc;
    }
    return SR_OK;
}

static int insert_doc(sr_store *s, const sr_store_doc *d, const sr_store_fingerprint *fp,
                      int64_t orig, double sim, int exact, int64_t added, int64_t *id,
                      sr_error *err)
{
    db_stmt *q = stmt(s, ST_DOC_INSERT, err);
    if (!q)
        return SR_EIO;
    unsigned char mh[SR_STORE_MINHASH * 4];
    store_minhash_pack(fp, mh);
    int k = 1;
    db_bind_text(q, k++, d->id);
    db_bind_int(q, k++, (int64_t)fp->content);
    db_bind_int(q, k++, fp->shingles);
    if (fp->shingles && !orig)
        db_bind_blob(q, k++, mh, sizeof mh);
    else
        db_bind_null(q, k++);
    if (orig) {
        db_bind_int(q, k++, orig);
        db_bind_double(q, k++, sim);
    } else {
        db_bind_null(q, k++);
        db_bind_null(q, k++);
    }
    bind_text_or_null(q, k++, d->date);
    bind_text_or_null(q, k++, d->title);
    /* An exact copy's text is its original's: stored once. */
    if (exact)
        db_bind_null(q, k++);
    else
        db_bind_textn(q, k++, d->text, d->text_len);
    db_bind_text(q, k++, nz(d->source));
    bind_text_or_null(q, k++, d->url);
    bind_text_or_null(q, k++, orig ? NULL : d->label);
    db_bind_int(q, k++, (int64_t)d->nsentences);
    db_bind_int(q, k++, orig ? 0 : (int64_t)d->nevents);
    db_bind_int(q, k++, added);
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
    db_stmt *q = stmt(s, ST_HAS_ID, err);
    if (!q)
        return SR_EIO;
    db_bind_text(q, 1, d->id);
    int rc = db_step(q, err);
    db_reset(q);
    if (rc < 0)
        return rc;
    if (rc == 1) {
        res->outcome = SR_STORE_SEEN;
        return SR_OK;
    }
    int64_t orig;
    double sim;
    int exact;
    if ((rc = find_original(s, fpin, &orig, &sim, &exact, err)))
        return rc;
    int64_t added = now_stamp(), doc;
    if ((rc = insert_doc(s, d, fpin, orig, sim, exact, added, &doc, err)))
        return rc;
    if (!doc) {
        /* Another writer (a shard) stored this id in the meantime. */
        res->outcome = SR_STORE_SEEN;
        return SR_OK;
    }
    res->doc = doc;
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
        if (!(q = stmt(s, ST_BAND_INSERT, err)))
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
    /* The events this document already reported: a second mention of one
     * adds to NumMentions only. */
    int64_t *seen = d->nevents ? calloc(d->nevents, sizeof *seen) : NULL;
    if (d->nevents && !seen)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    size_t nseen = 0;
    int doc_day = store_day_parse(d->date);
    for (size_t i = 0; i < d->nevents && !rc; i++) {
        const sr_store_event *e = &d->events[i];
        int day = e->date ? store_day_parse(e->date) : doc_day;
        int64_t ckey = cluster_key(e), ev = 0;
        int is_root = e->sentence < 2 || e->primary;
        if ((rc = match_event(s, e, ckey, day, doc, &ev, err)))
            break;
        if (ev) {
            int again = 0;
            for (size_t k = 0; k < nseen; k++)
                again |= seen[k] == ev;
            rc = bump_event(s, d, e, ev, !again, err);
        } else {
            rc = insert_event(s, d, e, ckey, day, is_root, doc, added, &ev, err);
            res->new_events += !rc;
        }
        if (!rc)
            rc = insert_mention(s, e, ev, doc, is_root, err);
        if (!rc) {
            res->mentions++;
            seen[nseen++] = ev;
        }
    }
    free(seen);
    if (!rc)
        rc = insert_places(s, d, doc, err);
    return rc;
}
