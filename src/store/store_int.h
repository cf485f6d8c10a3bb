/* Internal to src/store: the store object, its prepared statements and the
 * helpers the store's files share. */
#ifndef SR_STORE_INT_H
#define SR_STORE_INT_H

#include <stdint.h>

#include "db_int.h"
#include "sr_store.h"

#define SR_STORE_SCHEMA_VERSION 3

/* The statements ingest runs for every document, prepared on first use. */
enum {
    ST_HAS_ID,
    ST_HAS_CONTENT,
    ST_ORIGINAL_FIND,
    ST_DOC_INSERT,
    ST_BAND_INSERT,
    ST_COUNT_ /* number of statements */
};

/* Statements over many rows at once (one round trip to a server for up
 * to ROWS_AT_ONCE): inserts of events, mentions, places and counts, the
 * stored events a document's reports may match, and the updates of the
 * events they do match (put.c). */
enum { MS_EVENTS, MS_MENTIONS, MS_PLACES, MS_COUNTS, MS_FIND, MS_BUMP, MS_TOLL, MS_COUNT_ };
#define ROWS_AT_ONCE 16

struct sr_store {
    db *d;
    sr_store_opts opts;
    int in_tx;
    int64_t puts, next_analyze; /* documents stored; when to refresh statistics */
    db_stmt *st[ST_COUNT_];
    db_stmt *rows[MS_COUNT_][ROWS_AT_ONCE + 1]; /* [statement][rows in it] */
};

/* The statement `which`, prepared on first use and reset (store.c). */
db_stmt *store_stmt(sr_store *s, int which, sr_error *err);
/* The stored document whose text fp repeats, exactly or nearly (store.c):
 * *orig its id (0: none), *sim the similarity, *exact for the same text. */
int store_find_original(sr_store *s, const sr_store_fingerprint *fp, int64_t *orig, double *sim,
                        int *exact, sr_error *err);
/* Drops the prepared statements of put.c. */
void store_put_finalize(sr_store *s);

int store_schema_create(db *d, sr_error *err);
/* A reader's check: the store's tables are there, of this schema version. */
int store_schema_check(db *d, sr_error *err);
int store_schema_drop(db *d, sr_error *err);

/* Fingerprint helpers (fingerprint.c). */
uint64_t store_hash_bytes(uint64_t seed, const void *p, size_t n);
double store_containment(double jaccard, uint32_t na, uint32_t nb);
void store_bands(const sr_store_fingerprint *fp, int64_t band[SR_STORE_BANDS]);
void store_minhash_pack(const sr_store_fingerprint *fp, unsigned char out[SR_STORE_MINHASH * 4]);
int store_minhash_unpack(const void *blob, size_t n, sr_store_fingerprint *fp);

/* Dates (store_util.c): "YYYY[-MM[-DD]]" as YYYYMMDD (missing parts are
 * 01; 0 when bad), a day moved by n days, the ISO week of a day. */
int store_day_parse(const char *s);
int store_day_add(int yyyymmdd, int days);
/* The ISO week of a day, "2012-W29", into out (12 bytes). */
void store_iso_week(int yyyymmdd, char out[12]);

/* Great-circle distance in km. */
double store_km(double lat1, double lon1, double lat2, double lon2);

/* Prefix range for an index scan: [prefix, *upper) with upper the prefix
 * whose last byte is incremented (into buf); returns 0 when prefix has no
 * upper bound (all bytes 0xff), so only >= applies. */
int store_prefix_upper(const char *prefix, char *buf, size_t cap);

/* The filter's WHERE clause over sr_events aliased e, and the values to
 * bind in order; shared by queries and exports.  Values are never part of
 * the SQL text. */
typedef struct store_val {
    int type; /* DBV_* of db_back.h: 1 int, 2 double, 3 text */
    int64_t i;
    double d;
    char *t;  /* owned */
} store_val;

typedef struct store_where {
    sr_buf sql;               /* "" or " AND ..." terms, to follow "WHERE 1=1" */
    store_val *vals;
    int nvals, cap;
} store_where;

int store_where_build(const sr_store_filter *f, store_where *w, sr_error *err);
/* Binds the values from parameter number first; returns the next number. */
int store_where_bind(const store_where *w, db_stmt *s, int first);
void store_where_free(store_where *w);

/* Exports (export.c, export_gkg.c). */
int store_export_counts(sr_store *s, const sr_store_filter *f, unsigned flags, FILE *out,
                        sr_error *err);
/* A field of a tab-separated line: tabs and line breaks become spaces. */
int store_tsv_str(sr_buf *b, const char *s);
/* Writes what is left of b, flushes out and turns the outcome of an export
 * (rc: 0, an SR_E* code, or a callback's write failure > 0) into a code. */
int store_export_end(sr_buf *b, FILE *out, int failed, int rc, sr_error *err);

#endif
