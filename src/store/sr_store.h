/*
 * sr_store.h - the event store: what sitrep codes, kept as a dataset and
 * served back.
 *
 * One interface, two databases: an embedded SQLite file (WAL, prepared
 * statements, batched transactions) or a PostgreSQL server through libpq,
 * with the same schema, the same SQL and the same behaviour.  A store is
 * named by a URL: "postgresql://..." / "postgres://..." (any libpq URI),
 * else a file path for SQLite ("sqlite:" prefix optional).
 *
 * What is stored (schema in src/store/schema.c, described in the README):
 * documents; events, each a real-world event with NumMentions, NumSources
 * and NumArticles counts as GDELT keeps them; mentions, one per coded event
 * in a document, each linked to its event; the places and the counts of
 * each document.
 *
 * Duplicates, in three layers:
 *  - a document whose id is already stored is skipped (idempotent, and how
 *    an interrupted ingest resumes);
 *  - a document whose text is the same as a stored one (same content hash)
 *    or nearly the same (MinHash over word shingles: estimated Jaccard
 *    similarity >= 0.7, or >= 0.9 of the smaller one's shingles contained
 *    in the other) is stored as a copy linked to the original and adds no
 *    evidence: no mentions, places or counts;
 *  - a coded event that matches a stored event (same CAMEO root, mode and
 *    negation, the same source and target actors on their first six code
 *    letters, event dates of the same precision at most a day apart,
 *    places at most 25 km apart or both unknown) becomes a further mention
 *    of it; reports without a day (undated, or dated by week, month or
 *    year only) join only reports of the same document.
 *
 * Threads: a sr_store is one connection; use it from one thread at a time.
 * Errors follow sr_util.h: SR_OK, or SR_EIO for a database problem and
 * SR_EINVAL for a bad argument, with err saying what happened.
 */
#ifndef SR_STORE_H
#define SR_STORE_H

#include <stdint.h>
#include <stdio.h>

#include "../util/sr_util.h"

typedef struct sr_store sr_store;

enum { SR_STORE_SQLITE = 1, SR_STORE_POSTGRES = 2 };

typedef struct sr_store_opts {
    int near_dup;          /* 1 (default): link near-duplicate texts; 0: only
                            * exact copies are linked */
    double jaccard;        /* near-duplicate when estimated Jaccard >= this (0.7) */
    double containment;    /* ... or containment of the smaller >= this (0.9) */
    double cluster_km;     /* places this close are the same place (25) */
    int cluster_days;      /* event dates this many days apart match (1) */
    int reset;             /* empty the store when opening it, whatever its
                            * schema version (0) */
    int read_only;         /* 1: open an existing store to read it, never
                            * writing (0) */
} sr_store_opts;

/* The defaults above. */
void sr_store_opts_init(sr_store_opts *o);

/* Opens the store at url, creating the schema when it is new; opts may be
 * NULL (defaults).  A store written by another schema version is refused,
 * and so is a SQLite file that cannot be written, at once (not at the
 * first insert).  With opts->read_only the store must exist and have this
 * schema version; nothing is created or written, so a store on a
 * read-only mount, or whose file or folder cannot be written, is read
 * (a SQLite store in a folder that cannot be written, with no -wal file
 * beside it, is read as immutable: it must not change meanwhile). */
int sr_store_open(const char *url, const sr_store_opts *opts, sr_store **out, sr_error *err);
void sr_store_close(sr_store *s);
int sr_store_kind(const sr_store *s);
/* 1 when the store's connection to its PostgreSQL server is lost (the
 * server restarted, say): what failed may succeed on a store opened
 * again.  0 for SQLite and for a store whose failure was its own. */
int sr_store_lost(const sr_store *s);
/* 1 when url names a PostgreSQL server. */
int sr_store_url_is_postgres(const char *url);

/* Drops every table of the store and creates them again, empty. */
int sr_store_reset(sr_store *s, sr_error *err);

/* ---- what is stored ------------------------------------------------------ */

typedef struct sr_store_actor {
    const char *code;          /* CAMEO actor code; NULL: no actor */
    const char *text;          /* as written; may be NULL */
    size_t start, end;         /* bytes of the document text */
} sr_store_actor;

typedef struct sr_store_place {
    const char *name;          /* the gazetteer's name; NULL: no place */
    const char *text;          /* as written (may be NULL) */
    size_t start, end;         /* bytes of the document text, when text is set */
    const char *cc;            /* ISO 3166-1 alpha-2, or NULL */
    const char *country;       /* country name, or NULL */
    const char *admin1;        /* first-level division name, or NULL */
    const char *admin1_code;   /* its gazetteer code ("SY.13"), or NULL */
    double lat, lon;
    int has_coords;
    uint32_t geonameid;        /* 0: none (the project's own supplement) */
    const char *feature;       /* GeoNames class.code ("P.PPLX"), or NULL */
    int level;                 /* 0 region, 1 country, 2 admin1, 3 admin2,
                                * 4 town, 5 locality (sr_geo.h levels) */
    double conf;
} sr_store_place;

typedef struct sr_store_event {
    sr_store_actor source, target;
    const char *code;          /* CAMEO event code as coded */
    size_t sentence;           /* index of its sentence */
    size_t sent_start, sent_end; /* bytes of that sentence */
    size_t verb_start, verb_end;
    const char *mode;          /* asserted, denied, threatened, planned, ... (NULL: asserted) */
    int negated;
    const char *date;          /* event date "YYYY-MM-DD" ("YYYY-MM", "YYYY" when
                                * coarser), NULL when none */
    const char *date_precision; /* day, week, month, year, publication */
    const char *attribution;   /* who reports it, or NULL */
    const char *attribution_code;
    long dead, injured;        /* -1: not stated */
    /* 1 + the byte start of the count dead (injured) came from, 0 when not
     * known: events of one document with the same key state one count,
     * which the store's totals count once (sr_event_record.dead_key) */
    size_t dead_key, injured_key;
    /* the toll dead (injured) is one target's part of, when larger, else
     * 0: the totals share the whole toll by its key, as they would had
     * the events each stated it (sr_event_record.dead_toll) */
    long dead_toll, injured_toll;
    sr_store_place location;   /* name NULL: none */
    int primary;               /* the document's main event */
} sr_store_event;

typedef struct sr_store_count {
    const char *type;          /* KILL, WOUND, ARREST, KIDNAP, DISPLACE, PROTEST, AFFECT */
    long number;
    const char *qualifier;     /* exact, at_least, ... or NULL */
    const char *people;        /* "civilians", or NULL */
    size_t start, end;
    const char *trigger;       /* or NULL */
    int cumulative;
    long part_of;              /* index of the count it is part of, -1 */
    sr_store_place location;   /* the place of its sentence; name NULL: none */
} sr_store_count;

typedef struct sr_store_doc {
    const char *id;            /* required */
    const char *date;          /* publication date "YYYY-MM-DD", or NULL */
    const char *title;
    const char *text;          /* required */
    size_t text_len;
    const char *source;        /* outlet (NumSources counts distinct ones), or NULL */
    const char *url;
    const char *label;         /* the document's ACLED-style label, or NULL */
    size_t nsentences;
    const sr_store_event *events;
    size_t nevents;
    const sr_store_place *places;
    size_t nplaces;
    const sr_store_count *counts;
    size_t ncounts;
} sr_store_doc;

/* The store's view of a coded document (sr_pipeline.h's record): strings
 * point into the record or are copied into a, so d is valid while both
 * are.  Demonyms and organisation names are left out of the places; each
 * count takes the most specific place of its sentence.  Returns SR_OK or
 * SR_ENOMEM. */
struct sr_doc_record;
int sr_store_doc_from_record(const struct sr_doc_record *r, sr_arena *a, sr_store_doc *d);

/* ---- fingerprints (pure; any thread) --------------------------------------- */

#define SR_STORE_MINHASH 64    /* MinHash values per document */
#define SR_STORE_BANDS 16      /* LSH bands of 4 values */

typedef struct sr_store_fingerprint {
    uint64_t content;          /* hash of the text, whitespace runs folded */
    uint32_t shingles;         /* 4-word shingles, repeats counted (0: too short
                                * to compare) */
    uint32_t minhash[SR_STORE_MINHASH];
} sr_store_fingerprint;

/* Fingerprints text[0..len): words are runs of letters and digits (ASCII
 * case folded; other UTF-8 bytes count as letters), shingles are four
 * consecutive words.  A text of fewer than 8 shingles gets shingles = 0 and
 * is compared by content hash only. */
void sr_store_fingerprint_text(const char *text, size_t len, sr_store_fingerprint *fp);
/* The content hash alone (sr_store_fingerprint.content), cheaper. */
uint64_t sr_store_content_hash(const char *text, size_t len);
/* The estimated Jaccard similarity of two fingerprints' shingle sets. */
double sr_store_similarity(const sr_store_fingerprint *a, const sr_store_fingerprint *b);

/* ---- ingest ---------------------------------------------------------------- */

/* Transactions: a batch of documents is stored between begin and commit;
 * nothing is visible to others, or survives a crash, before commit. */
int sr_store_begin(sr_store *s, sr_error *err);
int sr_store_commit(sr_store *s, sr_error *err);
int sr_store_rollback(sr_store *s, sr_error *err);

/* After a large load, outside a transaction: fresh statistics for the
 * planner (SQLite: PRAGMA optimize; PostgreSQL: VACUUM ANALYZE of events,
 * mentions and documents, which also lets index-only scans skip the
 * tables). */
int sr_store_optimize(sr_store *s, sr_error *err);

enum {
    SR_STORE_NEW = 0,          /* stored, with its events */
    SR_STORE_SEEN = 1,         /* its id was already stored: nothing done */
    SR_STORE_COPY = 2,         /* the same text as a stored document: linked */
    SR_STORE_NEAR_COPY = 3     /* nearly the same text: linked */
};

typedef struct sr_store_put_result {
    int outcome;               /* SR_STORE_NEW ... */
    int64_t doc;               /* its row id (0 when SEEN) */
    int64_t original;          /* COPY / NEAR_COPY: the document it copies */
    double similarity;
    size_t new_events;         /* events created */
    size_t mentions;           /* mentions stored (new events included) */
} sr_store_put_result;

/* Stores one coded document.  fp may be NULL (computed here).  Returns
 * SR_OK with res filled, or an error (the transaction should then be
 * rolled back). */
int sr_store_put(sr_store *s, const sr_store_doc *d, const sr_store_fingerprint *fp,
                 sr_store_put_result *res, sr_error *err);

/* The shard (0 .. n-1) of a document id for `--shard K/N`: a 64-bit FNV-1a
 * hash of the id's bytes modulo n.  Stable across versions and machines. */
unsigned sr_store_shard(const char *id, unsigned n);

/* *found = 1 when a document with this id is stored (ingest skips it), 2
 * when one with this content hash is (ingest links it without coding it),
 * else 0. */
int sr_store_has(sr_store *s, const char *id, uint64_t content, int *found, sr_error *err);

/* ---- reading --------------------------------------------------------------- */

typedef struct sr_store_filter {
    const char *from, *to;     /* event dates, "YYYY-MM-DD", inclusive; NULL: open */
    const char *actor;         /* source or target actor code starts with this */
    const char *source;        /* source actor code starts with this */
    const char *target;        /* target actor code starts with this */
    const char *code;          /* CAMEO event code starts with this ("19", "190") */
    const char *root;          /* CAMEO root code, exactly ("19") */
    const char *plover;        /* PLOVER type, exactly ("ASSAULT") */
    const char *acled;         /* ACLED-style type, exactly ("SHELLING") */
    const char *country;       /* ISO 3166-1 alpha-2 of the event's place */
    const char *admin1;        /* first-level division name, exactly */
    int has_bbox;
    double min_lon, min_lat, max_lon, max_lat;
    const char *text;          /* a mentioning document's title or text contains
                                * this (ASCII case folded) */
    int with_text;             /* events: fill row->text (one more lookup each) */
    int64_t after_id;          /* events: only ids above this (keyset paging) */
    size_t limit;              /* rows at most; 0: no limit */
    size_t offset;             /* rows skipped first */
} sr_store_filter;

typedef struct sr_store_event_row {
    int64_t id;
    int day;                   /* event date as YYYYMMDD; 0 when unknown */
    const char *date, *date_precision;
    const char *source_code, *source_name, *target_code, *target_name;
    const char *code, *base_code, *root_code;
    int quadclass;
    double goldstein;
    const char *plover, *plover_mode, *acled, *mode;
    int negated;
    long dead, injured;        /* -1: not stated */
    /* what it adds to totals of the dead and injured (a figure that
     * several events state counts once); -1: nothing */
    long dead_net, injured_net;
    const char *place, *cc, *country, *admin1, *feature;
    int has_coords;
    double lat, lon;
    uint32_t geonameid;
    int geo_level;             /* -1: no place */
    int is_root;
    long num_mentions, num_sources, num_articles;
    int64_t added;             /* YYYYMMDDHHMMSS, UTC */
    const char *doc_id, *url, *doc_source, *doc_date; /* first document */
    const char *text;          /* with_text: the first mention's sentence, or NULL */
    const char *verb;          /* with_text: its verb phrase, or NULL */
    const char *adm1_code;     /* the gazetteer's admin1 code ("SY.13"), or NULL */
} sr_store_event_row;

/* Calls cb for every event matching f, in id order (f->limit, f->offset,
 * f->after_id page).  Strings live until cb returns.  A non-zero return
 * from cb stops the scan and is returned. */
typedef int (*sr_store_event_cb)(void *ctx, const sr_store_event_row *row);
int sr_store_events(sr_store *s, const sr_store_filter *f, sr_store_event_cb cb, void *ctx,
                    sr_error *err);

enum { SR_STORE_PERIOD_NONE = 0, SR_STORE_DAY, SR_STORE_WEEK, SR_STORE_MONTH, SR_STORE_YEAR };
enum {
    SR_STORE_GROUP_NONE = 0,
    SR_STORE_GROUP_COUNTRY,    /* key: cc */
    SR_STORE_GROUP_ADMIN1,     /* key: admin1; cc beside it */
    SR_STORE_GROUP_PLACE,      /* key: place name; admin1 and cc beside it */
    SR_STORE_GROUP_ACTOR,      /* key: source actor code, and target actor
                                * code: each event counts for both */
    SR_STORE_GROUP_SOURCE,     /* key: source actor code */
    SR_STORE_GROUP_TARGET,
    SR_STORE_GROUP_ROOT,       /* key: CAMEO root code */
    SR_STORE_GROUP_CODE,
    SR_STORE_GROUP_PLOVER,
    SR_STORE_GROUP_ACLED
};

typedef struct sr_store_agg_row {
    const char *period;        /* "2012-07-16", "2012-W29", "2012-07", "2012"; NULL
                                * without a period; "" for events with no date */
    const char *key;           /* NULL without a group; "" when unknown */
    const char *admin1, *cc;   /* beside the key, for place groupings */
    long events, mentions, articles, dead, injured;
    /* Place groupings: the mean coordinates of the group's events that
     * have them (located 0: none has; lat and lon 0). */
    int located;
    double lat, lon;
} sr_store_agg_row;

typedef int (*sr_store_agg_cb)(void *ctx, const sr_store_agg_row *row);
/* Counts the events matching f by period and group, in period then key
 * order (f->limit and f->offset page the rows). */
int sr_store_aggregate(sr_store *s, const sr_store_filter *f, int period, int group,
                       sr_store_agg_cb cb, void *ctx, sr_error *err);

/* A row as one JSON object (no newline) appended to out: the event with
 * its place, counts and first document; the aggregate with its period,
 * key and totals.  Returns SR_OK or SR_ENOMEM. */
int sr_store_event_json(const sr_store_event_row *r, sr_buf *out);
int sr_store_agg_json(const sr_store_agg_row *r, sr_buf *out);

/* Parsers for command lines and URLs: "day" -> SR_STORE_DAY, "admin1" ->
 * SR_STORE_GROUP_ADMIN1; -1 for an unknown name. */
int sr_store_period_parse(const char *name);
int sr_store_group_parse(const char *name);

typedef struct sr_store_mention_row {
    int64_t event, doc;
    const char *doc_id, *url, *source, *doc_date, *title;
    const char *code, *source_code, *target_code, *mode, *date, *attribution;
    int negated, is_root;
    long sentence, dead, injured;
    const char *text;          /* the sentence */
    int64_t copies;            /* linked copies of this document */
} sr_store_mention_row;

typedef int (*sr_store_mention_cb)(void *ctx, const sr_store_mention_row *row);
/* Every mention of one event, in document order. */
int sr_store_mentions(sr_store *s, int64_t event, sr_store_mention_cb cb, void *ctx,
                      sr_error *err);

/* ---- one document, as stored ----------------------------------------------- */

/* A stored document with what was coded in it, for showing why an event
 * was coded (sitrep serve's article view): doc's strings and arrays live
 * in the arena a; event_ids[i] is the stored event doc.events[i] is a
 * mention of.  An exact copy shows its original's text and spans; a near
 * copy has its own text and no events; copy_of is then the original's
 * doc_id, else NULL.  *found = 0 (and SR_OK) when no document has this id. */
typedef struct sr_store_doc_view {
    sr_store_doc doc;
    const int64_t *event_ids;
    const char *copy_of;
} sr_store_doc_view;

int sr_store_document(sr_store *s, const char *doc_id, sr_arena *a, sr_store_doc_view *out,
                      int *found, sr_error *err);

/* ---- export ------------------------------------------------------------------ */

enum {
    SR_STORE_EXPORT_GDELT = 1, /* GDELT 2.0 event table, 61 tab-separated columns */
    SR_STORE_EXPORT_COUNTS,    /* GDELT GKG-style counts, one document a line */
    SR_STORE_EXPORT_PLOVER,    /* PLOVER/POLECAT JSON, one event a line */
    SR_STORE_EXPORT_CSV        /* CSV with a header, for R and pandas */
};
enum { SR_STORE_EXPORT_HEADER = 1 }; /* GDELT and counts: a header line first */

int sr_store_export_parse(const char *name);
/* Writes the events (or, for counts, the documents) matching f to out. */
int sr_store_export(sr_store *s, int format, const sr_store_filter *f, unsigned flags, FILE *out,
                    sr_error *err);

/* ---- checks and figures ------------------------------------------------------- */

typedef struct sr_store_stats {
    int64_t documents, copies, events, mentions, places, counts;
    int64_t bytes;             /* the database's size on disk */
} sr_store_stats;

int sr_store_stats_get(sr_store *s, sr_store_stats *st, sr_error *err);

/* A number that changes whenever a write to the store commits (and, for
 * PostgreSQL, when any write elsewhere on its server does): a reader that
 * keeps answers can ask it cheaply whether they still hold. */
int sr_store_version(sr_store *s, int64_t *v, sr_error *err);

/* Checks the invariants: every mention's event and document exist; each
 * event's counts equal what its mentions say and it has a mention; a
 * copy points at a stored original and has no mentions; each document's
 * event count equals its mentions.  *problems gets the number of
 * violations; the first is described in err (SR_OK is still returned). */
int sr_store_check(sr_store *s, int64_t *problems, sr_error *err);

#endif
