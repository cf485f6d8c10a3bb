/* db_int.h: one interface, two backends.  The store's SQL is written once;
 * this file only forwards each call to the connection's backend. */
#include <stdlib.h>
#include <string.h>

#include "db_back.h"

struct db {
    int kind;
    void *h;
};

struct db_stmt {
    db *d;
    void *s;
};

void db_sql_what(const char *sql, char *out, size_t cap)
{
    size_t o = 0;
    int words = 0, table = 0;
    for (const char *p = sql; *p && !table && words < 8 && o + 1 < cap;) {
        while (*p == ' ' || *p == '\n' || *p == '\t')
            p++;
        const char *w = p;
        while (*p && *p != ' ' && *p != '\n' && *p != '\t' && *p != '(' && *p != ',' &&
               *p != ';')
            p++;
        if (p == w)
            break;
        /* the table's name, or the end of the first of several statements */
        table = !strncmp(w, "sr_", 3) || *p == ';';
        size_t n = (size_t)(p - w);
        if (o + n + 2 > cap)
            break;
        if (o)
            out[o++] = ' ';
        memcpy(out + o, w, n);
        o += n;
        words++;
    }
    out[o] = 0;
}

static int open_as(int kind, const char *target, int reader, db **out, sr_error *err)
{
    db *d = calloc(1, sizeof *d);
    if (!d)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    d->kind = kind;
    int rc = kind == DB_PG ? pg_open(target, &d->h, err) : lite_open(target, reader, &d->h, err);
    /* A server session of a reader refuses writes itself. */
    if (!rc && kind == DB_PG && reader)
        rc = pg_exec(d->h, "SET default_transaction_read_only = on", err);
    if (rc && kind == DB_PG && d->h)
        pg_close(d->h);
    if (rc) {
        free(d);
        return rc;
    }
    *out = d;
    return SR_OK;
}

int db_open(int kind, const char *target, db **out, sr_error *err)
{
    return open_as(kind, target, 0, out, err);
}

int db_open_reader(int kind, const char *target, db **out, sr_error *err)
{
    return open_as(kind, target, 1, out, err);
}

int db_read_only(db *d)
{
    return d->kind == DB_SQLITE && lite_read_only(d->h);
}

int db_lost(const db *d)
{
    return d->kind == DB_PG && pg_lost(d->h);
}

void db_close(db *d)
{
    if (!d)
        return;
    if (d->kind == DB_PG)
        pg_close(d->h);
    else
        lite_close(d->h);
    free(d);
}

int db_kind(const db *d)
{
    return d->kind;
}

int db_exec(db *d, const char *sql, sr_error *err)
{
    return d->kind == DB_PG ? pg_exec(d->h, sql, err) : lite_exec(d->h, sql, err);
}

int db_prepare(db *d, const char *sql, db_stmt **out, sr_error *err)
{
    db_stmt *s = calloc(1, sizeof *s);
    if (!s)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    s->d = d;
    int rc = d->kind == DB_PG ? pg_prepare(d->h, sql, &s->s, err)
                              : lite_prepare(d->h, sql, &s->s, err);
    if (rc) {
        free(s);
        return rc;
    }
    *out = s;
    return SR_OK;
}

void db_finalize(db_stmt *s)
{
    if (!s)
        return;
    if (s->d->kind == DB_PG)
        pg_finalize(s->s);
    else
        lite_finalize(s->s);
    free(s);
}

static int bind(db_stmt *s, int i, const db_value *v)
{
    return s->d->kind == DB_PG ? pg_bind(s->s, i, v) : lite_bind(s->s, i, v);
}

int db_bind_int(db_stmt *s, int i, int64_t v)
{
    db_value x = {DBV_INT, v, 0, NULL, 0};
    return bind(s, i, &x);
}

int db_bind_double(db_stmt *s, int i, double v)
{
    db_value x = {DBV_DOUBLE, 0, v, NULL, 0};
    return bind(s, i, &x);
}

int db_bind_textn(db_stmt *s, int i, const char *v, size_t n)
{
    db_value x = {v ? DBV_TEXT : DBV_NULL, 0, 0, v, n};
    return bind(s, i, &x);
}

int db_bind_text(db_stmt *s, int i, const char *v)
{
    return db_bind_textn(s, i, v, v ? strlen(v) : 0);
}

int db_bind_blob(db_stmt *s, int i, const void *v, size_t n)
{
    db_value x = {DBV_BLOB, 0, 0, v, n};
    return bind(s, i, &x);
}

int db_bind_null(db_stmt *s, int i)
{
    db_value x = {DBV_NULL, 0, 0, NULL, 0};
    return bind(s, i, &x);
}

int db_step(db_stmt *s, sr_error *err)
{
    return s->d->kind == DB_PG ? pg_step(s->d->h, s->s, err) : lite_step(s->d->h, s->s, err);
}

void db_reset(db_stmt *s)
{
    if (s->d->kind == DB_PG)
        pg_reset(s->s);
    else
        lite_reset(s->s);
}

int db_column_null(db_stmt *s, int i)
{
    return s->d->kind == DB_PG ? pg_column_null(s->s, i) : lite_column_null(s->s, i);
}

int64_t db_column_int(db_stmt *s, int i)
{
    return s->d->kind == DB_PG ? pg_column_int(s->s, i) : lite_column_int(s->s, i);
}

double db_column_double(db_stmt *s, int i)
{
    return s->d->kind == DB_PG ? pg_column_double(s->s, i) : lite_column_double(s->s, i);
}

const char *db_column_text(db_stmt *s, int i)
{
    return s->d->kind == DB_PG ? pg_column_text(s->s, i) : lite_column_text(s->s, i);
}

const void *db_column_blob(db_stmt *s, int i, size_t *n)
{
    return s->d->kind == DB_PG ? pg_column_blob(s->s, i, n) : lite_column_blob(s->s, i, n);
}

int db_query_int(db *d, const char *sql, int64_t *v, sr_error *err)
{
    db_stmt *s;
    int rc = db_prepare(d, sql, &s, err);
    if (rc)
        return rc;
    *v = 0;
    rc = db_step(s, err);
    if (rc == 1 && !db_column_null(s, 0))
        *v = db_column_int(s, 0);
    db_finalize(s);
    return rc < 0 ? rc : SR_OK;
}
