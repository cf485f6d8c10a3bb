/* The PostgreSQL half of db_int.h, through libpq.  Statements are prepared
 * on the server under a name of their own; results stream one row at a
 * time (single-row mode), so an export of millions of rows is never held
 * in memory at once. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_back.h"

typedef struct pg_conn {
    PGconn *c;
    unsigned next_name;
} pg_conn;

struct pg_stmt {
    pg_conn *pc;
    char name[24];
    char what[80];       /* for messages: db_sql_what */
    int nparams;
    char **vals;         /* owned copies; NULL for SQL NULL */
    int *lens, *fmts;
    PGresult *row;       /* the current row (single-row mode) */
    int running, done;
    unsigned char *blob; /* decoded bytea of the last blob column read */
};

static void one_line(sr_error *err);

static void ignore_notice(void *arg, const char *msg)
{
    (void)arg;
    (void)msg;
}

int pg_open(const char *conninfo, void **out, sr_error *err)
{
    int lrc = pg_load(err);
    if (lrc)
        return lrc;
    pg_conn *pc = calloc(1, sizeof *pc);
    if (!pc)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    pc->c = PQconnectdb(conninfo);
    if (!pc->c || PQstatus(pc->c) != CONNECTION_OK) {
        int e = sr_error_set(err, SR_EIO, NULL, 0, 0, "postgresql: cannot connect: %s",
                             pc->c ? PQerrorMessage(pc->c) : "out of memory");
        one_line(err);
        PQfinish(pc->c);
        free(pc);
        return e;
    }
    /* CREATE ... IF NOT EXISTS and friends talk on NOTICE; the store
     * reports its own problems. */
    PQsetNoticeProcessor(pc->c, ignore_notice, NULL);
    /* A prepared statement's generic plan ignores the values: for "these
     * 16 cluster keys" or "these event ids" it scans whole tables.  Plan
     * each run for its values instead. */
    *out = pc;
    return SR_OK;
}

int pg_lost(const void *h)
{
    const pg_conn *pc = h;
    return !pc || !pc->c || PQstatus(pc->c) == CONNECTION_BAD;
}

void pg_close(void *h)
{
    pg_conn *pc = h;
    if (pc) {
        PQfinish(pc->c);
        free(pc);
    }
}

/* libpq's messages run over several lines ("server closed the connection
 * unexpectedly\n\tThis probably means..."): one line, for a log. */
static void one_line(sr_error *err)
{
    if (!err)
        return;
    char *o = err->msg;
    for (const char *p = err->msg; *p; p++) {
        if (*p == '\n' || *p == '\t') {
            if (o > err->msg && o[-1] != ' ')
                *o++ = ' ';
            continue;
        }
        *o++ = *p;
    }
    while (o > err->msg && o[-1] == ' ')
        o--;
    *o = 0;
}

static int pg_fail(pg_conn *pc, const PGresult *r, sr_error *err, const char *what)
{
    const char *m = r ? PQresultErrorMessage(r) : "";
    if (!m || !*m)
        m = PQerrorMessage(pc->c);
    int lost = PQstatus(pc->c) == CONNECTION_BAD;
    int e = sr_error_set(err, SR_EIO, NULL, 0, 0, "postgresql: %s: %s%s", what, m,
                         lost ? " (the connection to the server is lost)" : "");
    one_line(err);
    return e;
}

int pg_exec(void *h, const char *sql, sr_error *err)
{
    pg_conn *pc = h;
    PGresult *r = PQexec(pc->c, sql);
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    int rc = SR_OK;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        char what[80];
        db_sql_what(sql, what, sizeof what);
        rc = pg_fail(pc, r, err, what);
    }
    PQclear(r);
    return rc;
}

/* `?` placeholders become $1, $2, ...; string literals are left alone. */
static char *number_params(const char *sql, int *nparams)
{
    size_t n = strlen(sql), cap = n * 4 + 1;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    size_t o = 0;
    int k = 0, quoted = 0;
    for (size_t i = 0; i < n; i++) {
        if (sql[i] == '\'')
            quoted = !quoted;
        if (sql[i] == '?' && !quoted) {
            o += (size_t)snprintf(out + o, cap - o, "$%d", ++k);
            continue;
        }
        out[o++] = sql[i];
    }
    out[o] = 0;
    *nparams = k;
    return out;
}

int pg_prepare(void *h, const char *sql, void **out, sr_error *err)
{
    pg_conn *pc = h;
    struct pg_stmt *s = calloc(1, sizeof *s);
    int np = 0;
    char *q = s ? number_params(sql, &np) : NULL;
    if (!q) {
        free(s);
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    }
    s->pc = pc;
    s->nparams = np;
    db_sql_what(sql, s->what, sizeof s->what);
    snprintf(s->name, sizeof s->name, "sr%u", pc->next_name++);
    if (np) {
        s->vals = calloc((size_t)np, sizeof *s->vals);
        s->lens = calloc((size_t)np, sizeof *s->lens);
        s->fmts = calloc((size_t)np, sizeof *s->fmts);
        if (!s->vals || !s->lens || !s->fmts) {
            free(q);
            pg_finalize(s);
            return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
        }
    }
    PGresult *r = PQprepare(pc->c, s->name, q, np, NULL);
    int rc = SR_OK;
    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK)
        rc = pg_fail(pc, r, err, s->what);
    PQclear(r);
    free(q);
    if (rc) {
        pg_finalize(s);
        return rc;
    }
    *out = s;
    return SR_OK;
}

static void drain(struct pg_stmt *s)
{
    PQclear(s->row);
    s->row = NULL;
    if (s->running) {
        PGresult *r;
        while ((r = PQgetResult(s->pc->c)))
            PQclear(r);
        s->running = 0;
    }
}

void pg_finalize(void *p)
{
    struct pg_stmt *s = p;
    if (!s)
        return;
    drain(s);
    if (s->pc && s->name[0]) {
        char sql[64];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
        PQclear(PQexec(s->pc->c, sql));
    }
    for (int i = 0; i < s->nparams && s->vals; i++)
        free(s->vals[i]);
    free(s->vals);
    free(s->lens);
    free(s->fmts);
    PQfreemem(s->blob);
    free(s);
}

int pg_bind(void *p, int i, const db_value *v)
{
    struct pg_stmt *s = p;
    if (i < 1 || i > s->nparams)
        return SR_EINVAL;
    char num[40], *val = NULL;
    size_t n = 0;
    int fmt = 0;
    switch (v->type) {
    case DBV_INT:
        n = (size_t)snprintf(num, sizeof num, "%lld", (long long)v->i);
        val = num;
        break;
    case DBV_DOUBLE:
        n = (size_t)snprintf(num, sizeof num, "%.17g", v->d);
        val = num;
        break;
    case DBV_TEXT:
    case DBV_BLOB:
        val = (char *)v->p;
        n = v->n;
        fmt = v->type == DBV_BLOB;
        break;
    default:
        break;
    }
    free(s->vals[i - 1]);
    s->vals[i - 1] = NULL;
    if (val || v->type == DBV_BLOB) {
        char *c = malloc(n + 1);
        if (!c)
            return SR_ENOMEM;
        if (n)
            memcpy(c, val, n);
        c[n] = 0;
        s->vals[i - 1] = c;
    }
    s->lens[i - 1] = (int)n;
    s->fmts[i - 1] = fmt;
    return SR_OK;
}

int pg_step(void *h, void *p, sr_error *err)
{
    pg_conn *pc = h;
    struct pg_stmt *s = p;
    if (s->done)
        return 0;
    PQclear(s->row);
    s->row = NULL;
    if (!s->running) {
        if (!PQsendQueryPrepared(pc->c, s->name, s->nparams, (const char *const *)s->vals,
                                 s->lens, s->fmts, 0))
            return pg_fail(pc, NULL, err, s->what);
        PQsetSingleRowMode(pc->c);
        s->running = 1;
    }
    PGresult *r = PQgetResult(pc->c);
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_COMMAND_OK;
    if (st == PGRES_SINGLE_TUPLE) {
        s->row = r;
        return 1;
    }
    int rc = 0;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
        rc = pg_fail(pc, r, err, s->what);
    PQclear(r);
    drain(s);
    s->done = 1;
    return rc;
}

void pg_reset(void *p)
{
    struct pg_stmt *s = p;
    drain(s);
    s->done = 0;
}

int pg_column_null(void *p, int i)
{
    struct pg_stmt *s = p;
    return !s->row || PQgetisnull(s->row, 0, i);
}

int64_t pg_column_int(void *p, int i)
{
    struct pg_stmt *s = p;
    return pg_column_null(s, i) ? 0 : strtoll(PQgetvalue(s->row, 0, i), NULL, 10);
}

double pg_column_double(void *p, int i)
{
    struct pg_stmt *s = p;
    return pg_column_null(s, i) ? 0 : strtod(PQgetvalue(s->row, 0, i), NULL);
}

const char *pg_column_text(void *p, int i)
{
    struct pg_stmt *s = p;
    return pg_column_null(s, i) ? NULL : PQgetvalue(s->row, 0, i);
}

const void *pg_column_blob(void *p, int i, size_t *n)
{
    struct pg_stmt *s = p;
    *n = 0;
    if (pg_column_null(s, i))
        return NULL;
    PQfreemem(s->blob);
    s->blob = PQunescapeBytea((const unsigned char *)PQgetvalue(s->row, 0, i), n);
    return s->blob;
}
