/* The store's invariants, checked with plain SQL (the crash test runs it
 * after every kill), and its figures. */
#include <string.h>

#include "store_int.h"

static const struct {
    const char *what, *sql;
} checks[] = {
    {"mentions of a missing event",
     "SELECT count(*) FROM sr_mentions m WHERE NOT EXISTS "
     "(SELECT 1 FROM sr_events e WHERE e.id = m.event)"},
    {"mentions in a missing document",
     "SELECT count(*) FROM sr_mentions m WHERE NOT EXISTS "
     "(SELECT 1 FROM sr_documents d WHERE d.id = m.doc)"},
    {"events without a mention, or whose first document is missing",
     "SELECT count(*) FROM sr_events e WHERE e.num_mentions < 1 OR NOT EXISTS "
     "(SELECT 1 FROM sr_documents d WHERE d.id = e.first_doc AND d.dup_of IS NULL)"},
    {"events whose NumMentions, NumArticles or NumSources disagree with their mentions",
     "SELECT count(*) FROM sr_events e WHERE "
     "e.num_mentions <> (SELECT count(*) FROM sr_mentions m WHERE m.event = e.id) OR "
     "e.num_articles <> (SELECT count(DISTINCT m.doc) FROM sr_mentions m WHERE m.event = e.id) OR "
     "e.num_sources <> (SELECT count(DISTINCT d.source) FROM sr_mentions m JOIN sr_documents d "
     "ON d.id = m.doc WHERE m.event = e.id)"},
    {"copies whose original is missing or itself a copy, or that have mentions",
     "SELECT count(*) FROM sr_documents c WHERE c.dup_of IS NOT NULL AND (NOT EXISTS "
     "(SELECT 1 FROM sr_documents o WHERE o.id = c.dup_of AND o.dup_of IS NULL) OR EXISTS "
     "(SELECT 1 FROM sr_mentions m WHERE m.doc = c.id))"},
    {"documents whose event count disagrees with their mentions",
     "SELECT count(*) FROM sr_documents d WHERE d.nmentions <> "
     "(SELECT count(*) FROM sr_mentions m WHERE m.doc = d.id)"},
    {"places or counts of a missing document or of a copy",
     "SELECT (SELECT count(*) FROM sr_places p WHERE NOT EXISTS (SELECT 1 FROM sr_documents d "
     "WHERE d.id = p.doc AND d.dup_of IS NULL)) + (SELECT count(*) FROM sr_counts c WHERE NOT "
     "EXISTS (SELECT 1 FROM sr_documents d WHERE d.id = c.doc AND d.dup_of IS NULL))"},
    {"band rows of a missing document or of a copy",
     "SELECT count(*) FROM sr_bands b WHERE NOT EXISTS (SELECT 1 FROM sr_documents d "
     "WHERE d.id = b.doc AND d.dup_of IS NULL)"},
};

int sr_store_check(sr_store *s, int64_t *problems, sr_error *err)
{
    *problems = 0;
    sr_error_clear(err);
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        int64_t n;
        sr_error e;
        int rc = db_query_int(s->d, checks[i].sql, &n, &e);
        if (rc) {
            if (err)
                *err = e;
            return rc;
        }
        if (n && !*problems)
            sr_error_set(err, SR_OK, NULL, 0, 0, "%lld %s", (long long)n, checks[i].what);
        *problems += n;
    }
    return SR_OK;
}

int sr_store_version(sr_store *s, int64_t *v, sr_error *err)
{
    /* SQLite has one writer at a time and the store only grows between
     * resets, so the newest document's id says whether anything was added
     * and the schema cookie whether the tables were dropped and made again.
     * PostgreSQL's writers may commit out of id order: its snapshot changes
     * whenever any writing transaction ends, which never misses one. */
    return db_query_int(s->d,
                        db_kind(s->d) == DB_PG
                            ? "SELECT hashtextextended(pg_current_snapshot()::text, 0)"
                            : "SELECT (SELECT COALESCE(max(id), 0) FROM sr_documents) * 1000003 + "
                              "(SELECT schema_version FROM pragma_schema_version())",
                        v, err);
}

int sr_store_stats_get(sr_store *s, sr_store_stats *st, sr_error *err)
{
    memset(st, 0, sizeof *st);
    const struct {
        int64_t *v;
        const char *sql;
    } q[] = {
        {&st->documents, "SELECT count(*) FROM sr_documents WHERE dup_of IS NULL"},
        {&st->copies, "SELECT count(*) FROM sr_documents WHERE dup_of IS NOT NULL"},
        {&st->events, "SELECT count(*) FROM sr_events"},
        {&st->mentions, "SELECT count(*) FROM sr_mentions"},
        {&st->places, "SELECT count(*) FROM sr_places"},
        {&st->counts, "SELECT count(*) FROM sr_counts"},
        /* Bytes in use: SQLite's pages less its free list; PostgreSQL's
         * tables with their indexes and TOAST. */
        {&st->bytes, db_kind(s->d) == DB_PG
                         ? "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c WHERE "
                           "c.relkind = 'r' AND c.relname IN ('sr_meta', 'sr_documents', "
                           "'sr_bands', 'sr_events', 'sr_mentions', 'sr_places', 'sr_counts') "
                           "AND pg_table_is_visible(c.oid)"
                         : "SELECT (p.page_count - f.freelist_count) * s.page_size FROM "
                           "pragma_page_count() p, pragma_freelist_count() f, pragma_page_size() s"},
    };
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        int rc = db_query_int(s->d, q[i].sql, q[i].v, err);
        if (rc)
            return rc;
    }
    return SR_OK;
}
