/* The SQLite half of db_int.h; db.c dispatches to it. */
#include <pthread.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_back.h"

struct lite_stmt {
    sqlite3_stmt *st;
    int done, stepped;
};

/* When a write failed: what limits writing there, since SQLite's "disk I/O
 * error" does not say (and the errno it keeps may be a later call's): the
 * free space of the store's file system, and a file size limit. */
static void lite_write_limits(sqlite3 *h, char *out, size_t cap)
{
    out[0] = 0;
    const char *path = sqlite3_db_filename(h, "main");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path && *path ? path : ".");
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = 0;
    else
        snprintf(dir, sizeof dir, ".");
    struct statvfs fs;
    size_t o = 0;
    if (!statvfs(dir, &fs))
        o += (size_t)snprintf(out + o, cap - o, "; %llu bytes free on its file system",
                              (unsigned long long)fs.f_bavail * fs.f_frsize);
    struct rlimit r;
    if (o < cap && !getrlimit(RLIMIT_FSIZE, &r) && r.rlim_cur != RLIM_INFINITY)
        snprintf(out + o, cap - o, "; files may not grow past %llu bytes (ulimit -f)",
                 (unsigned long long)r.rlim_cur);
}

/* SQLite's message, and what lies under it: the system's error for a
 * failed open, read or write, the limits on writing, a hint for a store
 * that cannot be written. */
static void lite_cause(sqlite3 *h, const char *msg, char *out, size_t cap)
{
    int rc = h ? sqlite3_extended_errcode(h) : SQLITE_NOMEM, sys = h ? sqlite3_system_errno(h) : 0;
    int prim = rc & 0xff;
    char limits[200] = "";
    if (prim == SQLITE_FULL || rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC ||
        rc == SQLITE_IOERR_TRUNCATE || rc == SQLITE_IOERR_SHMSIZE)
        lite_write_limits(h, limits, sizeof limits);
    if ((prim == SQLITE_IOERR || prim == SQLITE_CANTOPEN) && sys)
        snprintf(out, cap, "%s (%s%s)", msg, strerror(sys), limits);
    else if (limits[0])
        snprintf(out, cap, "%s (%s)", msg, limits + 2);
    else if (prim == SQLITE_READONLY)
        snprintf(out, cap, "%s (the file, or the folder its journal goes in, cannot be written)",
                 msg);
    else
        snprintf(out, cap, "%s", msg);
}

static int lite_fail(sqlite3 *h, sr_error *err, const char *what)
{
    char cause[400];
    lite_cause(h, h ? sqlite3_errmsg(h) : "cannot allocate a connection", cause, sizeof cause);
    return sr_error_set(err, SR_EIO, NULL, 0, 0, "sqlite: %s: %s", what, cause);
}

static void lite_config(void)
{
    /* Allocation statistics take a global mutex on every malloc; the
     * store has no use for them. */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int lite_open(const char *path, void **out, sr_error *err)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, lite_config);
    sqlite3 *h = NULL;
    int rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                          SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        int e = lite_fail(h, err, path);
        sqlite3_close(h);
        return e;
    }
    /* Another process (a reader, or a second ingest) may hold the lock for
     * a moment: wait for it rather than fail. */
    sqlite3_busy_timeout(h, 30000);
    *out = h;
    return SR_OK;
}

void lite_close(void *h)
{
    sqlite3_close_v2(h);
}

int lite_exec(void *h, const char *sql, sr_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) {
        char what[80], cause[400];
        db_sql_what(sql, what, sizeof what);
        lite_cause(h, msg ? msg : sqlite3_errmsg(h), cause, sizeof cause);
        int e = sr_error_set(err, SR_EIO, NULL, 0, 0, "sqlite: %s: %s", what, cause);
        sqlite3_free(msg);
        return e;
    }
    return SR_OK;
}

int lite_prepare(void *h, const char *sql, void **out, sr_error *err)
{
    struct lite_stmt *s = calloc(1, sizeof *s);
    if (!s)
        return sr_error_set(err, SR_ENOMEM, NULL, 0, 0, "out of memory");
    if (sqlite3_prepare_v3(h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL) != SQLITE_OK) {
        free(s);
        char what[80];
        db_sql_what(sql, what, sizeof what);
        return lite_fail(h, err, what);
    }
    *out = s;
    return SR_OK;
}

void lite_finalize(void *p)
{
    struct lite_stmt *s = p;
    if (s) {
        sqlite3_finalize(s->st);
        free(s);
    }
}

int lite_bind(void *p, int i, const db_value *v)
{
    struct lite_stmt *s = p;
    int rc;
    switch (v->type) {
    case DBV_INT: rc = sqlite3_bind_int64(s->st, i, v->i); break;
    case DBV_DOUBLE: rc = sqlite3_bind_double(s->st, i, v->d); break;
    /* Not copied: db_int.h asks bound bytes to live until the statement
     * is reset, and every statement is stepped right after binding. */
    case DBV_TEXT: rc = sqlite3_bind_text(s->st, i, v->p, (int)v->n, SQLITE_STATIC); break;
    case DBV_BLOB: rc = sqlite3_bind_blob(s->st, i, v->p, (int)v->n, SQLITE_STATIC); break;
    default: rc = sqlite3_bind_null(s->st, i); break;
    }
    return rc == SQLITE_OK ? SR_OK : rc == SQLITE_NOMEM ? SR_ENOMEM : SR_EINVAL;
}

int lite_step(void *h, void *p, sr_error *err)
{
    struct lite_stmt *s = p;
    if (s->done)
        return 0;
    s->stepped = 1;
    int rc = sqlite3_step(s->st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE) {
        s->done = 1;
        return 0;
    }
    char what[80];
    db_sql_what(sqlite3_sql(s->st), what, sizeof what);
    return lite_fail(h, err, what);
}

/* Every parameter is bound before each run, so old bindings need no
 * clearing. */
void lite_reset(void *p)
{
    struct lite_stmt *s = p;
    if (s->stepped)
        sqlite3_reset(s->st);
    s->done = s->stepped = 0;
}

int lite_column_null(void *p, int i)
{
    return sqlite3_column_type(((struct lite_stmt *)p)->st, i) == SQLITE_NULL;
}

int64_t lite_column_int(void *p, int i)
{
    return sqlite3_column_int64(((struct lite_stmt *)p)->st, i);
}

double lite_column_double(void *p, int i)
{
    return sqlite3_column_double(((struct lite_stmt *)p)->st, i);
}

const char *lite_column_text(void *p, int i)
{
    struct lite_stmt *s = p;
    if (sqlite3_column_type(s->st, i) == SQLITE_NULL)
        return NULL;
    return (const char *)sqlite3_column_text(s->st, i);
}

const void *lite_column_blob(void *p, int i, size_t *n)
{
    struct lite_stmt *s = p;
    const void *b = sqlite3_column_blob(s->st, i);
    *n = (size_t)sqlite3_column_bytes(s->st, i);
    return b;
}
