/* libpq, opened on first use (see sr_lazy_lib in src/util/sr_util.h):
 * only a postgresql:// store needs it.  Every PQ function db_pg.c calls
 * has its forwarder here. */
#include <libpq-fe.h>

#include "db_back.h"

#define PG_FUNCS(F, V, S)                                                                   \
    F(PGconn *, PQconnectdb, (const char *c), (c), NULL)                                   \
    F(ConnStatusType, PQstatus, (const PGconn *c), (c), CONNECTION_BAD)                    \
    F(char *, PQerrorMessage, (const PGconn *c), (c), NULL)                                \
    F(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *c, PQnoticeProcessor p, void *a),  \
      (c, p, a), NULL)                                                                     \
    F(char *, PQresultErrorMessage, (const PGresult *r), (r), NULL)                        \
    F(PGresult *, PQexec, (PGconn *c, const char *q), (c, q), NULL)                        \
    F(ExecStatusType, PQresultStatus, (const PGresult *r), (r), PGRES_FATAL_ERROR)         \
    F(PGresult *, PQprepare,                                                               \
      (PGconn *c, const char *n, const char *q, int np, const Oid *t), (c, n, q, np, t),   \
      NULL)                                                                                \
    F(PGresult *, PQgetResult, (PGconn *c), (c), NULL)                                     \
    F(int, PQsendQueryPrepared,                                                            \
      (PGconn *c, const char *n, int np, const char *const *v, const int *l, const int *f, \
       int rf),                                                                            \
      (c, n, np, v, l, f, rf), 0)                                                          \
    F(int, PQsetSingleRowMode, (PGconn *c), (c), 0)                                        \
    F(int, PQgetisnull, (const PGresult *r, int t, int f), (r, t, f), 1)                   \
    F(char *, PQgetvalue, (const PGresult *r, int t, int f), (r, t, f), NULL)              \
    F(unsigned char *, PQunescapeBytea, (const unsigned char *s, size_t *n), (s, n), NULL) \
    V(PQfinish, (PGconn *c), (c))                                                          \
    V(PQclear, (PGresult *r), (r))                                                         \
    V(PQfreemem, (void *p), (p))

SR_LAZY_DEFINE(PG_FUNCS, "a postgresql:// store", "libpq.so.5", "libpq.so")

int pg_load(sr_error *err) { return sr_lazy_load(&lazy_lib, err); }
