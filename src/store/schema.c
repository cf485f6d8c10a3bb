/* The store's schema, written once for both databases.  The few words
 * that differ between SQLite and PostgreSQL are written as %NAME% and
 * filled in per backend: row ids, binary columns, byte-wise collation of
 * codes (so prefix ranges follow byte order on any server locale), and
 * SQLite's WITHOUT ROWID for the band index table. */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS sr_meta (\n"
    "  key TEXT PRIMARY KEY,\n"
    "  value TEXT NOT NULL);\n"
    /* One row per input document, copies included.  content is a hash of
     * the text; shingles and minhash its near-duplicate fingerprint;
     * dup_of the original a copy repeats (body is NULL for exact copies). */
    "CREATE TABLE IF NOT EXISTS sr_documents (\n"
    "  id %ID%,\n"
    "  doc_id TEXT %C% NOT NULL UNIQUE,\n"
    "  content BIGINT NOT NULL,\n"
    "  shingles INTEGER NOT NULL,\n"
    "  minhash %BLOB%,\n"
    "  dup_of BIGINT,\n"
    "  similarity DOUBLE PRECISION,\n"
    "  date TEXT,\n"
    "  title TEXT,\n"
    "  body TEXT,\n"
    "  source TEXT NOT NULL,\n"
    "  url TEXT,\n"
    "  label TEXT,\n"
    "  nsentences INTEGER NOT NULL,\n"
    "  nmentions INTEGER NOT NULL,\n"
    "  added BIGINT NOT NULL);\n"
    "CREATE INDEX IF NOT EXISTS sr_documents_content ON sr_documents(content);\n"
    "CREATE INDEX IF NOT EXISTS sr_documents_dup ON sr_documents(dup_of);\n"
    /* MinHash LSH: one row per band of an original document. */
    "CREATE TABLE IF NOT EXISTS sr_bands (\n"
    "  band BIGINT NOT NULL,\n"
    "  doc BIGINT NOT NULL,\n"
    "  PRIMARY KEY (band, doc))%WITHOUT_ROWID%;\n"
    /* Real-world events.  ckey hashes what must be equal for two reports
     * to be the same event (root, mode, negation, actors); day is the
     * event date as YYYYMMDD (0: unknown); '' stands for an unknown
     * actor, country or admin1 so that equality needs no NULL rules. */
    "CREATE TABLE IF NOT EXISTS sr_events (\n"
    "  id %ID%,\n"
    "  ckey BIGINT NOT NULL,\n"
    "  day INTEGER NOT NULL,\n"
    "  date TEXT,\n"
    "  date_precision TEXT,\n"
    "  source_code TEXT %C% NOT NULL,\n"
    "  source_name TEXT,\n"
    "  target_code TEXT %C% NOT NULL,\n"
    "  target_name TEXT,\n"
    "  code TEXT %C% NOT NULL,\n"
    "  base_code TEXT %C% NOT NULL,\n"
    "  root_code TEXT %C% NOT NULL,\n"
    "  quadclass INTEGER NOT NULL,\n"
    "  goldstein DOUBLE PRECISION,\n"
    "  plover TEXT %C%,\n"
    "  plover_mode TEXT,\n"
    "  acled TEXT %C%,\n"
    "  mode TEXT NOT NULL,\n"
    "  negated INTEGER NOT NULL,\n"
    "  dead INTEGER,\n"
    "  injured INTEGER,\n"
    "  place TEXT,\n"
    "  cc TEXT %C% NOT NULL,\n"
    "  country TEXT,\n"
    "  admin1 TEXT %C% NOT NULL,\n"
    "  adm1_code TEXT,\n"
    "  feature TEXT,\n"
    "  lat DOUBLE PRECISION,\n"
    "  lon DOUBLE PRECISION,\n"
    "  geonameid BIGINT,\n"
    "  geo_level INTEGER NOT NULL,\n"
    "  is_root INTEGER NOT NULL,\n"
    "  num_mentions INTEGER NOT NULL,\n"
    "  num_sources INTEGER NOT NULL,\n"
    "  num_articles INTEGER NOT NULL,\n"
    "  first_doc BIGINT NOT NULL,\n"
    "  added BIGINT NOT NULL,\n"
    /* What the event adds to totals of the dead and injured: its dead,
     * unless an earlier event of the same report states the same count
     * ("pounded the district, killing 47": the shelling, the air strike
     * and the killing are three events and 47 dead).  Last, where
     * schema 2's upgrade adds them. */
    "  dead_net INTEGER,\n"
    "  injured_net INTEGER);\n"
    "CREATE INDEX IF NOT EXISTS sr_events_ckey ON sr_events(ckey, day);\n"
    /* A country's events by day with what aggregates count: a month of
     * one country is read from the index alone. */
    "CREATE INDEX IF NOT EXISTS sr_events_cc_day ON sr_events(cc, day, admin1, num_mentions, "
    "num_articles, dead_net, injured_net);\n"
    "CREATE INDEX IF NOT EXISTS sr_events_day ON sr_events(day);\n"
    "CREATE INDEX IF NOT EXISTS sr_events_root_day ON sr_events(root_code, day);\n"
    "CREATE INDEX IF NOT EXISTS sr_events_source ON sr_events(source_code);\n"
    "CREATE INDEX IF NOT EXISTS sr_events_target ON sr_events(target_code);\n"
    /* Each coded event of a document, linked to the event it reports. */
    "CREATE TABLE IF NOT EXISTS sr_mentions (\n"
    "  id %ID%,\n"
    "  event BIGINT NOT NULL,\n"
    "  doc BIGINT NOT NULL,\n"
    "  sentence INTEGER NOT NULL,\n"
    "  sent_start INTEGER NOT NULL,\n"
    "  sent_end INTEGER NOT NULL,\n"
    "  verb_start INTEGER NOT NULL,\n"
    "  verb_end INTEGER NOT NULL,\n"
    "  source_code TEXT,\n"
    "  source_text TEXT,\n"
    "  source_start INTEGER,\n"
    "  source_end INTEGER,\n"
    "  target_code TEXT,\n"
    "  target_text TEXT,\n"
    "  target_start INTEGER,\n"
    "  target_end INTEGER,\n"
    "  code TEXT NOT NULL,\n"
    "  mode TEXT NOT NULL,\n"
    "  negated INTEGER NOT NULL,\n"
    "  date TEXT,\n"
    "  date_precision TEXT,\n"
    "  attribution TEXT,\n"
    "  attribution_code TEXT,\n"
    "  dead INTEGER,\n"
    "  injured INTEGER,\n"
    "  place TEXT,\n"
    "  lat DOUBLE PRECISION,\n"
    "  lon DOUBLE PRECISION,\n"
    "  is_root INTEGER NOT NULL,\n"
    "  is_primary INTEGER NOT NULL);\n"
    "CREATE INDEX IF NOT EXISTS sr_mentions_event ON sr_mentions(event, doc);\n"
    "CREATE INDEX IF NOT EXISTS sr_mentions_doc ON sr_mentions(doc);\n"
    /* Every place name of a document. */
    "CREATE TABLE IF NOT EXISTS sr_places (\n"
    "  id %ID%,\n"
    "  doc BIGINT NOT NULL,\n"
    "  span_start INTEGER NOT NULL,\n"
    "  span_end INTEGER NOT NULL,\n"
    "  text TEXT,\n"
    "  name TEXT NOT NULL,\n"
    "  cc TEXT NOT NULL,\n"
    "  country TEXT,\n"
    "  admin1 TEXT NOT NULL,\n"
    "  adm1_code TEXT,\n"
    "  lat DOUBLE PRECISION,\n"
    "  lon DOUBLE PRECISION,\n"
    "  geonameid BIGINT,\n"
    "  feature TEXT,\n"
    "  geo_level INTEGER NOT NULL,\n"
    "  conf DOUBLE PRECISION);\n"
    "CREATE INDEX IF NOT EXISTS sr_places_doc ON sr_places(doc);\n"
    /* Every count of a document (GDELT's GKG counts), with the place of
     * its sentence. */
    "CREATE TABLE IF NOT EXISTS sr_counts (\n"
    "  id %ID%,\n"
    "  doc BIGINT NOT NULL,\n"
    "  type TEXT NOT NULL,\n"
    "  number BIGINT NOT NULL,\n"
    "  qualifier TEXT,\n"
    "  people TEXT,\n"
    "  span_start INTEGER NOT NULL,\n"
    "  span_end INTEGER NOT NULL,\n"
    "  trigger_word TEXT,\n"
    "  cumulative INTEGER NOT NULL,\n"
    "  part_of INTEGER,\n"
    "  place TEXT,\n"
    "  cc TEXT NOT NULL,\n"
    "  country TEXT,\n"
    "  admin1 TEXT NOT NULL,\n"
    "  adm1_code TEXT,\n"
    "  lat DOUBLE PRECISION,\n"
    "  lon DOUBLE PRECISION,\n"
    "  geonameid BIGINT,\n"
    "  geo_level INTEGER NOT NULL);\n"
    "CREATE INDEX IF NOT EXISTS sr_counts_doc ON sr_counts(doc);\n";

static const char *const tables[] = {"sr_counts", "sr_places", "sr_mentions", "sr_events",
                                     "sr_bands", "sr_documents", "sr_meta"};

/* The schema text with the %NAME% words of one backend. */
static char *schema_for(int kind)
{
    static const char *const words[][3] = {
        {"%ID%", "INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
        {"%BLOB%", "BLOB", "BYTEA"},
        {"%C%", "", "COLLATE \"C\""},
        {"%WITHOUT_ROWID%", " WITHOUT ROWID", ""},
    };
    sr_buf b = SR_BUF_INIT;
    const char *p = schema_sql;
    while (*p) {
        int hit = 0;
        if (*p == '%') {
            for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
                size_t n = strlen(words[w][0]);
                if (!strncmp(p, words[w][0], n)) {
                    if (sr_buf_puts(&b, words[w][kind == DB_PG ? 2 : 1])) {
                        sr_buf_free(&b);
                        return NULL;
                    }
                    p += n;
                    hit = 1;
                    break;
                }
            }
        }
        if (!hit && sr_buf_putc(&b, *p++)) {
            sr_buf_free(&b);
            return NULL;
        }
    }
    return b.data;
}

static int stored_version(db *d, int64_t *v, sr_error *err)
{
    *v = 0;
    return db_query_int(d, "SELECT CAST(value AS INTEGER) FROM sr_meta WHERE key = 'schema'", v,
                        err);
}

/* SR_EINVAL unless the store's schema is this sitrep's (`verb`: what this
 * sitrep does with it, for the message). */
static int schema_version(db *d, const char *verb, sr_error *err)
{
    int64_t v = 0;
    int rc = stored_version(d, &v, err);
    if (!rc && v != SR_STORE_SCHEMA_VERSION)
        rc = sr_error_set(err, SR_EINVAL, NULL, 0, 0,
                          "the store has schema version %lld; this sitrep %s version %d%s",
                          (long long)v, verb, SR_STORE_SCHEMA_VERSION,
                          v == 2 && !strcmp(verb, "reads")
                              ? " (sitrep ingest or sitrep serve on it upgrades it in place)"
                              : "");
    return rc;
}

/* Schema 2 to 3: the events' totals columns.  A schema 2 event counts
 * all its dead, as it did there (which report shared a count is not
 * stored). */
static const char upgrade_2_3[] =
    "ALTER TABLE sr_events ADD COLUMN dead_net INTEGER;\n"
    "ALTER TABLE sr_events ADD COLUMN injured_net INTEGER;\n"
    "UPDATE sr_events SET dead_net = dead, injured_net = injured;\n"
    "DROP INDEX sr_events_cc_day;\n"
    "CREATE INDEX sr_events_cc_day ON sr_events(cc, day, admin1, num_mentions, num_articles, "
    "dead_net, injured_net);\n"
    "UPDATE sr_meta SET value = '3' WHERE key = 'schema';\n";

/* A query giving 1 when the store has its sr_meta table, else 0. */
static const char *meta_exists(db *d)
{
    return db_kind(d) == DB_PG
               ? "SELECT CASE WHEN to_regclass('sr_meta') IS NULL THEN 0 ELSE 1 END"
               : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sr_meta'";
}

int store_schema_check(db *d, sr_error *err)
{
    int64_t have = 0;
    int rc = db_query_int(d, meta_exists(d), &have, err);
    if (!rc && !have)
        rc = sr_error_set(err, SR_EINVAL, NULL, 0, 0,
                          "not a sitrep store (no sr_meta table; sitrep ingest makes one)");
    return rc ? rc : schema_version(d, "reads", err);
}

int store_schema_create(db *d, sr_error *err)
{
    char *sql = schema_for(db_kind(d));
    if (!sql)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    /* SQLite: the write lock at once, so that a store that cannot be
     * written (its -shm file left read-only, say) fails here, not after a
     * batch was coded. */
    int rc = db_exec(d, db_kind(d) == DB_PG ? "BEGIN" : "BEGIN IMMEDIATE", err);
    /* Shards that start together on one server must not create the tables
     * twice at once: the second waits for the first. */
    if (!rc && db_kind(d) == DB_PG)
        rc = db_exec(d, "SELECT pg_advisory_xact_lock(7346298110)", err);
    /* An older schema is upgraded before the schema's statements run:
     * PostgreSQL reads an index's columns even where the index exists. */
    int64_t meta = 0, v = 0;
    if (!rc)
        rc = db_query_int(d, meta_exists(d), &meta, err);
    if (!rc && meta && !(rc = stored_version(d, &v, err)) && v == 2)
        rc = db_exec(d, upgrade_2_3, err);
    if (!rc)
        rc = db_exec(d, sql, err);
    int64_t have = 0;
    if (!rc)
        rc = db_query_int(d, "SELECT count(*) FROM sr_meta WHERE key = 'schema'", &have, err);
    if (!rc && !have) {
        char ins[128];
        snprintf(ins, sizeof ins, "INSERT INTO sr_meta(key, value) VALUES ('schema', '%d')",
                 SR_STORE_SCHEMA_VERSION);
        rc = db_exec(d, ins, err);
    }
    if (!rc)
        rc = schema_version(d, "writes", err);
    free(sql);
    if (rc) {
        db_exec(d, "ROLLBACK", NULL);
        return rc;
    }
    return db_exec(d, "COMMIT", err);
}

int store_schema_drop(db *d, sr_error *err)
{
    /* One transaction: a kill in the middle leaves the store whole, never
     * some tables emptied and others not. */
    int rc = db_exec(d, "BEGIN", err);
    for (size_t i = 0; !rc && i < sizeof tables / sizeof tables[0]; i++) {
        char sql[80];
        snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS %s", tables[i]);
        rc = db_exec(d, sql, err);
    }
    if (rc) {
        db_exec(d, "ROLLBACK", NULL);
        return rc;
    }
    return db_exec(d, "COMMIT", err);
}
