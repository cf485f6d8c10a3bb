/*
 * db_int.h - the one SQL interface the store is written against, with two
 * backends: SQLite (db_sqlite.c) and PostgreSQL through libpq (db_pg.c).
 *
 * Statements are written once, with `?` placeholders; the PostgreSQL
 * backend numbers them ($1, $2, ...) when it prepares them.  Values are
 * only ever bound, never pasted into SQL text.  A statement is prepared
 * once per connection and reused: bind, step until it says done, reset.
 *
 * Errors: every call returns SR_OK or SR_EIO (database error, message in
 * err) / SR_ENOMEM.
 */
#ifndef SR_DB_INT_H
#define SR_DB_INT_H

#include <stdint.h>

#include "../util/sr_util.h"

enum { DB_SQLITE = 1, DB_PG = 2 };

typedef struct db db;
typedef struct db_stmt db_stmt;

/* Opens a connection: a file path (created when missing) for SQLite, a
 * libpq connection string or URI for PostgreSQL. */
int db_open(int kind, const char *target, db **out, sr_error *err);
/* The same for reading only: nothing is created (a missing SQLite file is
 * an error) and nothing written. */
int db_open_reader(int kind, const char *target, db **out, sr_error *err);
/* 1 when the connection cannot write: a SQLite file opened read-only
 * because it, or its file system, cannot be written. */
int db_read_only(db *d);
/* 1 when the connection to a PostgreSQL server is gone (server restarted
 * or unreachable): the statement that found it failed, and so will every
 * later one until the store is opened again.  Never for SQLite. */
int db_lost(const db *d);
void db_close(db *d);
int db_kind(const db *d);

/* Runs one or more statements without parameters or results (schema,
 * BEGIN, COMMIT). */
int db_exec(db *d, const char *sql, sr_error *err);

int db_prepare(db *d, const char *sql, db_stmt **out, sr_error *err);
void db_finalize(db_stmt *s);

/* Parameters are numbered from 1.  Bound text and blobs must stay valid
 * until the statement is reset (SQLite reads them in place). */
int db_bind_int(db_stmt *s, int i, int64_t v);
int db_bind_double(db_stmt *s, int i, double v);
int db_bind_text(db_stmt *s, int i, const char *v);   /* NULL binds NULL */
int db_bind_textn(db_stmt *s, int i, const char *v, size_t n);
int db_bind_blob(db_stmt *s, int i, const void *v, size_t n);
int db_bind_null(db_stmt *s, int i);

/* Runs the statement (first call) or moves to the next row.  Returns 1
 * with a row, 0 when done, or a negative SR_E* code with err set. */
int db_step(db_stmt *s, sr_error *err);
/* Ready for new bindings; drops what is left of the results. */
void db_reset(db_stmt *s);

/* Columns are numbered from 0.  Text stays valid until the next step or
 * reset; NULL for SQL NULL. */
int db_column_null(db_stmt *s, int i);
int64_t db_column_int(db_stmt *s, int i);
double db_column_double(db_stmt *s, int i);
const char *db_column_text(db_stmt *s, int i);
/* The bytes of a blob column; *n its length. */
const void *db_column_blob(db_stmt *s, int i, size_t *n);

/* Runs a statement expected to return at most one integer; *v gets it (0
 * when there is no row or it is NULL). */
int db_query_int(db *d, const char *sql, int64_t *v, sr_error *err);

#endif
