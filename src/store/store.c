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
    /* The exact copy (kind 0) and the near-copy candidates sharing a
     * MinHash band (kind 1), in one round trip. */
    [ST_ORIGINAL_FIND] =
        "SELECT 0, id, dup_of, similarity, 0, NULL FROM sr_documents WHERE content = ? "
        "UNION ALL SELECT 1, d.id, NULL, NULL, d.shingles, d.minhash FROM sr_documents d "
        "WHERE d.id IN (SELECT doc FROM sr_bands WHERE band IN (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)) "
        "ORDER BY 1, 2",
    [ST_DOC_INSERT] =
        "INSERT INTO sr_documents (doc_id, content, shingles, minhash, dup_of, similarity, date, "
        "title, body, source, url, label, nsentences, nmentions, added) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (doc_id) DO NOTHING RETURNING id",
    [ST_BAND_INSERT] = "INSERT INTO sr_bands (band, doc) VALUES "
                       "(?,?),(?,?),(?,?),(?,?),(?,?),(?,?),(?,?),(?,?),"
                       "(?,?),(?,?),(?,?),(?,?),(?,?),(?,?),(?,?),(?,?) ON CONFLICT DO NOTHING",
};

void sr_store_opts_init(sr_store_opts *o)
{
    o->near_dup = 1;
    o->jaccard = 0.7;
    o->containment = 0.9;
    o->cluster_km = 25;
    o->cluster_days = 1;
    o->reset = 0;
    o->read_only = 0;
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
    s->next_analyze = 64;
    if (opts)
        s->opts = *opts;
    else
        sr_store_opts_init(&s->opts);
    int pg = sr_store_url_is_postgres(url), ro = s->opts.read_only;
    const char *target = url;
    if (!pg && !strncmp(url, "sqlite:", 7))
        target = url + 7;
    int rc = ro && s->opts.reset
                 ? sr_error_set(err, SR_EINVAL, NULL, 0, 0, "a store opened to read is not reset")
             : ro ? db_open_reader(pg ? DB_PG : DB_SQLITE, target, &s->d, err)
                  : db_open(pg ? DB_PG : DB_SQLITE, target, &s->d, err);
    /* SQLite opens a file it may not write read-only without a word, and
     * the first insert would fail: after a batch was coded for nothing. */
    if (!rc && !ro && db_read_only(s->d))
        rc = sr_error_set(err, SR_EIO, NULL, 0, 0,
                          "sqlite: %s: the file cannot be written (read-only; query, export and "
                          "serve can read it)", target);
    /* WAL: readers go on while ingest writes; synchronous=FULL makes
     * every commit durable (an OS crash or power cut loses nothing
     * committed either); batches keep the fsyncs few.  A reader leaves
     * the journal mode as it is: setting it writes. */
    if (!rc && !pg && !ro)
        rc = db_exec(s->d, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL", err);
    /* Reads through a memory map need no copy into SQLite's cache. */
    if (!rc && !pg)
        rc = db_exec(s->d,
                     "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; "
                     "PRAGMA mmap_size=1073741824",
                     err);
    if (!rc && s->opts.reset)
        rc = store_schema_drop(s->d, err);
    if (!rc)
        rc = ro ? store_schema_check(s->d, err) : store_schema_create(s->d, err);
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
    store_put_finalize(s);
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

int sr_store_lost(const sr_store *s)
{
    return s && s->d && db_lost(s->d);
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
    /* PostgreSQL plans prepared statements with the statistics of the
     * tables as they were (empty, at the start of a load) and then scans
     * what has grown large; autovacuum comes too late for a load.  The
     * columns the ingest statements look up are analysed again each time
     * the store doubles. */
    if (!rc && db_kind(s->d) == DB_PG && s->puts >= s->next_analyze) {
        rc = db_exec(s->d, "ANALYZE sr_events (id, ckey, day, cc), sr_mentions (event, doc)", err);
        s->next_analyze = s->puts * 2;
    }
    return rc;
}

int sr_store_optimize(sr_store *s, sr_error *err)
{
    if (db_kind(s->d) == DB_PG)
        return db_exec(s->d, "VACUUM (ANALYZE) sr_events, sr_mentions, sr_documents", err);
    return db_exec(s->d, "PRAGMA optimize", err);
}

int sr_store_rollback(sr_store *s, sr_error *err)
{
    s->in_tx = 0;
    return db_exec(s->d, "ROLLBACK", err);
}

db_stmt *store_stmt(sr_store *s, int which, sr_error *err)
{
    if (!s->st[which] && db_prepare(s->d, stmt_sql[which], &s->st[which], err))
        return NULL;
    db_reset(s->st[which]);
    return s->st[which];
}

int sr_store_has(sr_store *s, const char *id, uint64_t content, int *found, sr_error *err)
{
    *found = 0;
    db_stmt *q = store_stmt(s, ST_HAS_ID, err);
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
    if (!(q = store_stmt(s, ST_HAS_CONTENT, err)))
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

int store_find_original(sr_store *s, const sr_store_fingerprint *fp, int64_t *orig,
                         double *sim, int *exact, sr_error *err)
{
    *orig = 0;
    *sim = 0;
    *exact = 0;
    int near = s->opts.near_dup && fp->shingles;
    db_stmt *q = store_stmt(s, near ? ST_ORIGINAL_FIND : ST_HAS_CONTENT, err);
    if (!q)
        return SR_EIO;
    db_bind_int(q, 1, (int64_t)fp->content);
    if (near) {
        int64_t band[SR_STORE_BANDS];
        store_bands(fp, band);
        for (int b = 0; b < SR_STORE_BANDS; b++)
            db_bind_int(q, b + 2, band[b]);
    }
    int rc;
    while ((rc = db_step(q, err)) == 1) {
        int k = near ? 1 : 0; /* ST_HAS_CONTENT has no kind column */
        if (!near || db_column_int(q, 0) == 0) {
            /* A copy of a copy points at the first original; only a copy
             * of an original has that original's very text. */
            *exact = db_column_null(q, k + 1);
            *orig = *exact ? db_column_int(q, k) : db_column_int(q, k + 1);
            *sim = *exact ? 1 : db_column_double(q, k + 2);
            break;
        }
        sr_store_fingerprint other;
        size_t n;
        const void *blob = db_column_blob(q, 5, &n);
        other.shingles = (uint32_t)db_column_int(q, 4);
        if (!other.shingles || store_minhash_unpack(blob, n, &other))
            continue;
        double j = sr_store_similarity(fp, &other);
        double c = store_containment(j, fp->shingles, other.shingles);
        if ((j >= s->opts.jaccard || c >= s->opts.containment) && j > *sim) {
            *sim = j;
            *orig = db_column_int(q, 1);
        }
    }
    db_reset(q);
    return rc < 0 ? rc : SR_OK;
}

