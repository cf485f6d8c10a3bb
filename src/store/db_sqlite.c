/* The SQLite half of db_int.h; db.c dispatches to it. */
#include <errno.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
        snprintf(out, cap, "%s (the file, its -wal or -shm file, or their folder cannot be written)",
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

/* A reader's connection, and a first read: SQLite opens the file lazily,
 * and a WAL store needs its -shm file at the first read.  query_only:
 * no statement of this connection changes the store. */
static int lite_open_query(const char *name, int flags, sqlite3 **h)
{
    int rc = sqlite3_open_v2(name, h, SQLITE_OPEN_NOMUTEX | flags, NULL);
    if (rc == SQLITE_OK)
        sqlite3_busy_timeout(*h, 30000);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(*h, "PRAGMA query_only=1; SELECT count(*) FROM sqlite_master", NULL,
                          NULL, NULL);
    return rc;
}

/* A reader of a WAL store makes the -wal and -shm files beside it when no
 * other connection has (SQLite's rules for read-only WAL databases).  It
 * cannot in a folder it may not write; and those made from a file it may
 * not write are read-only too, are left behind, and would stop the next
 * writer.  So when no -wal file is there (no connection is open) and the
 * file or its folder cannot be written, the store is read as immutable:
 * no locks, nothing made.  Not when a -wal file is there: its committed
 * pages would be missed.  A file it may write is opened read-write (but
 * query_only), so that closing the last connection removes the -wal and
 * -shm files as a writer's does. */
static int lite_open_reader(const char *path, sqlite3 **h)
{
    struct stat sb;
    *h = NULL;
    if (stat(path, &sb))
        return SQLITE_CANTOPEN;
    sr_buf b = SR_BUF_INIT;
    if (sr_buf_printf(&b, "%s-wal", path)) {
        sr_buf_free(&b);
        return SQLITE_NOMEM;
    }
    int wal = !stat(b.data, &sb), writable = !access(path, W_OK), rc = SQLITE_CANTOPEN;
    if (wal || writable) {
        rc = lite_open_query(path, writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY, h);
        if (wal || ((rc & 0xff) != SQLITE_CANTOPEN && (rc & 0xff) != SQLITE_READONLY)) {
            sr_buf_free(&b);
            return rc;
        }
    }
    /* file: URI, with the bytes a URI gives a meaning to escaped. */
    sr_buf_clear(&b);
    int bad = sr_buf_puts(&b, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p && !bad; p++)
        bad = strchr("%?#", *p) || *p < 0x21 || *p >= 0x7f ? sr_buf_printf(&b, "%%%02X", *p)
                                                             : sr_buf_putc(&b, (char)*p);
    if (bad || sr_buf_puts(&b, "?immutable=1")) {
        sr_buf_free(&b);
        return *h ? rc : SQLITE_NOMEM;
    }
    sqlite3 *imm = NULL;
    int irc = lite_open_query(b.data, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, &imm);
    sr_buf_free(&b);
    if (irc != SQLITE_OK && *h) {
        sqlite3_close(imm);
        return rc;
    }
    sqlite3_close(*h);
    *h = imm;
    return irc;
}

int lite_open(const char *path, int reader, void **out, sr_error *err)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, lite_config);
    sqlite3 *h = NULL;
    int rc = reader ? lite_open_reader(path, &h)
                    : sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                                    SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        int e = h ? lite_fail(h, err, path)
                  : errno == ENOENT
                      ? sr_error_set(err, SR_EIO, NULL, 0, 0,
                                     "sqlite: %s: no such file (sitrep ingest makes a store)", path)
                      : sr_error_set(err, SR_EIO, NULL, 0, 0, "sqlite: %s: %s", path,
                                     strerror(errno));
        sqlite3_close(h);
        return e;
    }
    /* Another process (a reader, or a second ingest) may hold the lock for
     * a moment: wait for it rather than fail. */
    sqlite3_busy_timeout(h, 30000);
    *out = h;
    return SR_OK;
}

int lite_read_only(void *h)
{
    return sqlite3_db_readonly(h, "main") == 1;
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
