/* The two backends behind db_int.h (db.c dispatches).  Internal. */
#ifndef SR_DB_BACK_H
#define SR_DB_BACK_H

#include "db_int.h"

enum { DBV_NULL = 0, DBV_INT, DBV_DOUBLE, DBV_TEXT, DBV_BLOB };

typedef struct db_value {
    int type;
    int64_t i;
    double d;
    const void *p;
    size_t n;
} db_value;

/* What a statement does, for messages: its first words up to the table it
 * works on ("INSERT INTO sr_events", "SELECT id FROM sr_documents"), not
 * the whole text (a 16-row insert is kilobytes of placeholders). */
void db_sql_what(const char *sql, char *out, size_t cap);

/* reader: read-only, the file must exist (see db_open_reader). */
int lite_open(const char *path, int reader, void **out, sr_error *err);
int lite_read_only(void *h);
void lite_close(void *h);
int lite_exec(void *h, const char *sql, sr_error *err);
int lite_prepare(void *h, const char *sql, void **out, sr_error *err);
void lite_finalize(void *s);
int lite_bind(void *s, int i, const db_value *v);
int lite_step(void *h, void *s, sr_error *err);
void lite_reset(void *s);
int lite_column_null(void *s, int i);
int64_t lite_column_int(void *s, int i);
double lite_column_double(void *s, int i);
const char *lite_column_text(void *s, int i);
const void *lite_column_blob(void *s, int i, size_t *n);

/* libpq is loaded on first use (pg_lazy.c): SR_OK, or SR_EIO saying why not. */
int pg_load(sr_error *err);
int pg_open(const char *conninfo, void **out, sr_error *err);
void pg_close(void *h);
int pg_lost(const void *h);
int pg_exec(void *h, const char *sql, sr_error *err);
int pg_prepare(void *h, const char *sql, void **out, sr_error *err);
void pg_finalize(void *s);
int pg_bind(void *s, int i, const db_value *v);
int pg_step(void *h, void *s, sr_error *err);
void pg_reset(void *s);
int pg_column_null(void *s, int i);
int64_t pg_column_int(void *s, int i);
double pg_column_double(void *s, int i);
const char *pg_column_text(void *s, int i);
const void *pg_column_blob(void *s, int i, size_t *n);

#endif
