/* Helpers shared by the store test suites (test_store.c, test_store_export.c):
 * every test runs once per backend -- a temporary SQLite file, and the
 * PostgreSQL server named by $SITREP_TEST_PG, which tests/run.sh starts
 * (tests/pg.sh) -- so both databases pass the same suite.  Included once
 * per test binary. */
#ifndef SR_STORE_TEST_HELPERS_H
#define SR_STORE_TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../harness.h"
#include "store/db_int.h"
#include "store/sr_store.h"

static char st_dir[256];
static char st_url[512];
static const char *st_backend = "";

static int st_sql(const char *sql);

/* A fresh, empty store on the current backend; NULL (and a failure) when
 * it cannot be opened. */
static sr_store *st_open(void)
{
    sr_store *s = NULL;
    sr_error e;
    sr_error_clear(&e);
    /* Whatever an earlier test left, even another schema version. */
    st_sql("DROP TABLE IF EXISTS sr_meta");
    if (sr_store_open(st_url, NULL, &s, &e) || sr_store_reset(s, &e)) {
        fprintf(stderr, "FAIL %s [%s]: cannot open %s: %s\n", h_test, st_backend, st_url, e.msg);
        h_fail++;
        sr_store_close(s);
        return NULL;
    }
    return s;
}

/* Raw SQL on the store through a second connection (to damage it). */
static int st_sql(const char *sql)
{
    db *d;
    sr_error e;
    int pg = sr_store_url_is_postgres(st_url);
    if (db_open(pg ? DB_PG : DB_SQLITE, st_url, &d, &e))
        return -1;
    int rc = db_exec(d, sql, &e);
    if (rc)
        fprintf(stderr, "st_sql: %s\n", e.msg);
    db_close(d);
    return rc;
}

static inline sr_store_place st_place(const char *name, const char *admin1, const char *cc, double lat,
                               double lon, int level)
{
    sr_store_place p;
    memset(&p, 0, sizeof p);
    p.name = name;
    p.admin1 = admin1;
    p.cc = cc;
    p.country = cc && !strcmp(cc, "SY") ? "Syria" : cc && !strcmp(cc, "IQ") ? "Iraq" : NULL;
    p.lat = lat;
    p.lon = lon;
    p.has_coords = 1;
    p.level = level;
    p.conf = 0.9;
    return p;
}

static inline sr_store_event st_event(const char *src, const char *tgt, const char *code,
                               const char *date, sr_store_place loc)
{
    sr_store_event e;
    memset(&e, 0, sizeof e);
    e.source.code = src;
    e.source.text = src ? "Syrian government forces" : NULL;
    e.source.start = 0;
    e.source.end = 24;
    e.target.code = tgt;
    e.target.text = tgt ? "civilians" : NULL;
    e.code = code;
    e.sentence = 0;
    e.sent_start = 0;
    e.sent_end = 20;
    e.verb_start = 25;
    e.verb_end = 32;
    e.mode = "asserted";
    e.date = date;
    e.date_precision = date ? "day" : NULL;
    e.dead = -1;
    e.injured = -1;
    e.location = loc;
    return e;
}

static inline sr_store_doc st_doc(const char *id, const char *text, const char *source, const char *date,
                           const sr_store_event *ev, size_t nev)
{
    sr_store_doc d;
    memset(&d, 0, sizeof d);
    d.id = id;
    d.text = text;
    d.text_len = strlen(text);
    d.source = source;
    d.date = date;
    d.url = NULL;
    d.nsentences = 3;
    d.events = ev;
    d.nevents = nev;
    return d;
}

static inline int st_put(sr_store *s, const sr_store_doc *d, sr_store_put_result *r)
{
    sr_error e;
    sr_error_clear(&e);
    int rc = sr_store_put(s, d, NULL, r, &e);
    if (rc)
        fprintf(stderr, "put %s [%s]: %s\n", d->id, st_backend, e.msg);
    return rc;
}

/* Runs the test function once per backend. */
#define RUN_BOTH(fn)                                                                       \
    do {                                                                                   \
        snprintf(st_url, sizeof st_url, "%s/store.db", st_dir);                            \
        st_backend = "sqlite";                                                             \
        RUN(fn);                                                                           \
        if (getenv("SITREP_TEST_PG") && *getenv("SITREP_TEST_PG")) {                       \
            snprintf(st_url, sizeof st_url, "%s", getenv("SITREP_TEST_PG"));               \
            st_backend = "postgresql";                                                     \
            RUN(fn);                                                                       \
        }                                                                                  \
    } while (0)

/* Sets up the temporary folder; says which backends run.  Returns 0. */
static int st_setup(const char *name)
{
    snprintf(st_dir, sizeof st_dir, "%s/sitrep-store-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR")
                                                                               : "/tmp");
    if (!mkdtemp(st_dir)) {
        perror("mkdtemp");
        return -1;
    }
    const char *pg = getenv("SITREP_TEST_PG");
    if (!pg || !*pg) {
        const char *why = getenv("SITREP_TEST_PG_SKIP");
        printf("%s: PostgreSQL skipped (%s); SQLite only\n", name,
               why && *why ? why : "SITREP_TEST_PG is not set: run through tests/run.sh");
    }
    return 0;
}

static void st_teardown(void)
{
    char path[512];
    const char *suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/store.db%s", st_dir, suffix[i]);
        unlink(path);
    }
    rmdir(st_dir);
}

#endif
