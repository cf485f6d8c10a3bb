/* sitrep ingest, query and export as a user runs them, on both databases:
 * exit codes, idempotent re-runs, shards that add up to the whole, and
 * the crash test -- ingest killed with SIGKILL at random points, the
 * store checked after every kill (consistent, nothing committed lost),
 * then finished by a re-run and compared with an uninterrupted ingest.
 *
 * SITREP_CRASH_KILLS (default 20) and SITREP_CRASH_COPIES (default 4:
 * copies of the sample articles in the corpus) scale it; bench/crash.sh
 * runs it bigger.
 *
 * Readers (query, export, serve) of a store that cannot be written -- its
 * file, its folder or both read-only -- read it and write nothing; ingest
 * refuses such a store when it opens it. */
#define _GNU_SOURCE
#include <sys/stat.h>

#include "store_cli_helpers.h"

static void test_cli(void)
{
    if (!st_empty())
        return;
    const char *a[16];
    run_out *o = malloc(sizeof *o);
    ingest_args(a, "--stats", NULL);
    run(a, -1, o);
    CHECK_EQ_INT(o->status, 0);
    CHECK(strstr(o->err, "0 already stored, 0 rejected") != NULL);
    CHECK(strstr(o->err, "documents/s") != NULL);
    /* Again: nothing new. */
    run(a, -1, o);
    CHECK_EQ_INT(o->status, 0);
    char want[128];
    snprintf(want, sizeof want, "%zu documents: 0 stored, 0 copies linked (0 exact, 0 near), %zu "
                                "already stored", corpus_docs, corpus_docs);
    CHECK(strstr(o->err, want) != NULL);
    if (!strstr(o->err, want))
        fprintf(stderr, "%s\n", o->err);
    const char *q[] = {"query", "--db", st_url, "--by", "month", "--group", "root",
                       "--format", "json", NULL};
    run(q, -1, o);
    CHECK_EQ_INT(o->status, 0);
    json_t *j = json_loads(o->out, JSON_DISABLE_EOF_CHECK, NULL);
    CHECK(json_is_integer(json_object_get(j, "events")));
    json_decref(j);
    const char *q2[] = {"query", "--db", st_url, "--country", "SY", "--format", "csv", NULL};
    run(q2, -1, o);
    CHECK_EQ_INT(o->status, 0);
    CHECK(!strncmp(o->out, "id,date,", 8));
    /* Places with their points, ready for a GIS. */
    const char *q3[] = {"query", "--db", st_url, "--group", "place", "--format", "csv", NULL};
    run(q3, -1, o);
    CHECK_EQ_INT(o->status, 0);
    CHECK(!strncmp(o->out, "place,admin1,country,lat,lon,events,", 36));
    const char *row = strchr(o->out, '\n');
    int commas = 0;
    for (const char *p = row ? row + 1 : ""; *p && *p != '\n'; p++)
        commas += *p == ',';
    CHECK_EQ_INT(commas, 9);
    const char *x[] = {"export", "--db", st_url, "--format", "gdelt", "--limit", "3", NULL};
    run(x, -1, o);
    CHECK_EQ_INT(o->status, 0);
    int tabs = 0, lines = 0;
    for (const char *p = o->out; *p; p++) {
        tabs += *p == '\t';
        lines += *p == '\n';
    }
    CHECK_EQ_INT(lines, 3);
    CHECK_EQ_INT(tabs, 3 * 60);
    /* Usage errors and a store that cannot be opened. */
    const char *bad1[] = {"query", "--db", st_url, "--by", "fortnight", NULL};
    run(bad1, -1, o);
    CHECK_EQ_INT(o->status, 2);
    const char *bad2[] = {"export", "--db", st_url, NULL};
    run(bad2, -1, o);
    CHECK_EQ_INT(o->status, 2);
    const char *bad3[] = {"ingest", "--db", "/nonexistent/x.db", corpus, NULL};
    run(bad3, -1, o);
    CHECK_EQ_INT(o->status, 1);
    CHECK(strstr(o->err, "/nonexistent/x.db") != NULL);
    const char *bad4[] = {"ingest", "--shard", "3/2", corpus, NULL};
    run(bad4, -1, o);
    CHECK_EQ_INT(o->status, 2);
    free(o);
}

/* Shards 1/3, 2/3 and 3/3 (and -j 2) store what one ingest stores. */
static void test_shards(void)
{
    if (!st_empty())
        return;
    const char *a[16];
    run_out *o = malloc(sizeof *o);
    ingest_args(a, NULL, NULL);
    run(a, -1, o);
    CHECK_EQ_INT(o->status, 0);
    char *whole = store_digest();
    if (!st_empty()) {
        free(o);
        free(whole);
        return;
    }
    const char *shard[] = {"1/3", "2/3", "3/3"};
    for (int k = 0; k < 3; k++) {
        ingest_args(a, "--shard", shard[k]);
        run(a, -1, o);
        CHECK_EQ_INT(o->status, 0);
    }
    char *sharded = store_digest();
    /* The shards store the same documents, copies, mentions, places and
     * counts; which report comes first decides how reports a day apart
     * chain into events, so the events may differ. */
    long w[6] = {0}, sh[6] = {0};
    if (whole && sharded) {
        sscanf(whole, "docs %ld copies %ld events %*d mentions %ld places %ld counts %ld", &w[0],
               &w[1], &w[2], &w[3], &w[4]);
        sscanf(sharded, "docs %ld copies %ld events %*d mentions %ld places %ld counts %ld",
               &sh[0], &sh[1], &sh[2], &sh[3], &sh[4]);
    }
    CHECK(w[0] > 0 && w[2] > 0);
    for (int k = 0; k < 5; k++)
        CHECK_EQ_INT(sh[k], w[k]);
    free(sharded);
    if (!st_empty()) {
        free(o);
        free(whole);
        return;
    }
    ingest_args(a, "-j", "2");
    run(a, -1, o);
    CHECK_EQ_INT(o->status, 0);
    char *j2 = store_digest();
    CHECK(whole && j2 && !strcmp(whole, j2));
    free(j2);
    free(whole);
    free(o);
}

/* Kill, check, resume; a run that gets to the end is compared with the
 * uninterrupted one and the store emptied for another round, until
 * `kills` runs died mid-way. */
static void test_crash(void)
{
    const char *a[16];
    run_out *o = malloc(sizeof *o);
    struct timespec t0, t1;
    /* The reference: one uninterrupted ingest, timed; then again over the
     * full store, which is start-up and skipping only. */
    if (!st_empty()) {
        free(o);
        return;
    }
    ingest_args(a, "-j", "2");
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run(a, -1, o);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    CHECK_EQ_INT(o->status, 0);
    long full_ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run(a, -1, o);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long start_ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    char *ref = store_digest();
    if (!st_empty()) {
        free(o);
        free(ref);
        return;
    }
    int kills = getenv("SITREP_CRASH_KILLS") ? atoi(getenv("SITREP_CRASH_KILLS")) : 20;
    unsigned seed = getenv("SITREP_CRASH_SEED") ? (unsigned)atoi(getenv("SITREP_CRASH_SEED")) : 7;
    srand(seed);
    int killed = 0, consistent = 0, kept = 0, rounds = 0, same = 0, runs = 0;
    long before = 0, max_committed = 0;
    while (killed < kills && runs < 4 * kills) {
        runs++;
        /* A random point: a moment after a random commit (inside the next
         * transaction, or between two), or during start-up. */
        long left = (long)corpus_docs - before;
        long target = before + rand() % (left + 1), extra = rand() % 20;
        if (target <= before)
            run_kill(a, 0, rand() % (start_ms + 1), o);
        else
            run_kill(a, target, extra, o);
        sr_store *s;
        sr_error e;
        if (o->status != 128 + SIGKILL) {
            /* It got to the end: the same store as without kills. */
            CHECK_EQ_INT(o->status, 0);
            char *d = store_digest();
            same += d && ref && !strcmp(d, ref);
            free(d);
            rounds++;
            before = 0;
            if (!st_empty())
                break;
            continue;
        }
        killed++;
        long committed = last_committed(o->err);
        if (committed > max_committed)
            max_committed = committed;
        if (sr_store_open(st_url, NULL, &s, &e)) {
            CHECK(0);
            continue;
        }
        int64_t problems = -1;
        CHECK_EQ_INT(sr_store_check(s, &problems, &e), SR_OK);
        if (problems)
            fprintf(stderr, "crash %d [%s]: %s\n", killed, st_backend, e.msg);
        consistent += problems == 0;
        /* Nothing committed is lost: what this run said it committed, and
         * what earlier runs did, are there. */
        long upto = committed > before ? committed : before;
        int all = 1;
        for (long i = 0; i < upto && i < (long)corpus_docs; i++) {
            int found = 0;
            sr_store_has(s, ids[i], 0, &found, &e);
            if (found != 1) {
                fprintf(stderr, "crash %d [%s]: %s committed, not in the store\n", killed,
                        st_backend, ids[i]);
                all = 0;
                break;
            }
        }
        kept += all;
        before = upto;
        sr_store_close(s);
    }
    CHECK_EQ_INT(killed, kills);
    CHECK_EQ_INT(consistent, killed);
    CHECK_EQ_INT(kept, killed);
    CHECK_EQ_INT(same, rounds);
    /* Finish the last round. */
    run(a, -1, o);
    CHECK_EQ_INT(o->status, 0);
    char *after = store_digest();
    int final_same = ref && after && !strcmp(ref, after);
    CHECK(final_same);
    printf("test_store_cli [%s]: %d kills mid-ingest (seed %u, %zu documents, %ld ms a full "
           "run, up to %ld committed before a kill): consistent after %d/%d, committed kept "
           "%d/%d; %d re-runs to the end, identical to an uninterrupted ingest: %d/%d\n",
           st_backend, killed, seed, corpus_docs, full_ms, max_committed, consistent, killed,
           kept, killed, rounds + 1, same + final_same, rounds + 1);
    free(ref);
    free(after);
    free(o);
}

/* What a reader command does with the store made unwritable (or, with
 * missing, with a store that does not exist): its exit status, output
 * and errors. */
static void run_reader(const char *const *args, run_out *o)
{
    run_opts ro = {0, -1, NULL, NULL, read_only_child, NULL};
    run_ex(args, &ro, o);
}

static int file_there(const char *suffix)
{
    char p[600];
    snprintf(p, sizeof p, "%s%s", st_url, suffix);
    return access(p, F_OK) == 0;
}

static void test_read_only_readers(void)
{
    if (ro_route < 0 && (ro_route = pick_route()) < 0) {
        printf("test_store_cli: read-only readers skipped: running as root, and neither user "
               "nobody nor a mount namespace can be used\n");
        return;
    }
    run_out *o = malloc(sizeof *o);
    const char *a[16];
    ingest_args(a, "--no-dict-cache", NULL);
    if (!st_empty())
        goto out;
    run(a, -1, o);
    CHECK_EQ_INT(o->status, 0);
    const char *q[] = {"query", "--db", st_url, "--by", "month", "--format", "json", NULL};
    const char *x[] = {"export", "--db", st_url, "--format", "csv", NULL};
    const char *sv[] = {"serve", "--db", st_url, "--no-coder", "--listen", "127.0.0.1:0", NULL};
    run(q, -1, o);
    char *want_q = strdup(o->out);
    run(x, -1, o);
    char *want_x = strdup(o->out);
    CHECK(strlen(want_q) > 10 && strlen(want_x) > 1000);
    struct {
        const char *what;
        mode_t file, dir;
    } v[] = {{"file and folder read-only", 0444, 0555},
             {"file read-only", 0444, 0777},
             {"folder read-only", 0666, 0555}};
    /* The bind mount makes all of the folder read-only: one case. */
    int nv = ro_route == RO_MOUNT ? 1 : 3, ok = 0;
    for (int k = 0; k < nv; k++) {
        chmod(st_url, v[k].file);
        chmod(st_dir, v[k].dir);
        int good = 1;
        run_reader(q, o);
        good &= o->status == 0 && !strcmp(o->out, want_q);
        run_reader(x, o);
        good &= o->status == 0 && !strcmp(o->out, want_x);
        if (!good)
            fprintf(stderr, "FAIL %s: %s: query/export: exit %d: %s\n", h_test, v[k].what,
                    o->status, o->err);
        /* serve opens its connections, says it listens, and is killed. */
        run_opts so = {0, 1500, NULL, NULL, read_only_child, NULL};
        run_ex(sv, &so, o);
        if (!strstr(o->err, "listening on")) {
            fprintf(stderr, "FAIL %s: %s: serve: %s\n", h_test, v[k].what, o->err);
            good = 0;
        }
        /* ingest says so when it opens the store, before coding a batch. */
        run_reader(a, o);
        if (o->status != 1 || !strstr(o->err, "cannot open") || strstr(o->err, "committed") ||
            strstr(o->err, "stopped by")) {
            fprintf(stderr, "FAIL %s: %s: ingest: exit %d: %s\n", h_test, v[k].what, o->status,
                    o->err);
            good = 0;
        }
        chmod(st_dir, ro_route == RO_CHMOD ? 0700 : 0755);
        chmod(st_url, 0644);
        /* Nothing made beside the store (a -shm left read-only would stop
         * the next writer). */
        if (file_there("-wal") || file_there("-shm")) {
            fprintf(stderr, "FAIL %s: %s: a reader left -wal/-shm files\n", h_test, v[k].what);
            good = 0;
        }
        ok += good;
    }
    CHECK_EQ_INT(ok, nv);
    printf("test_store_cli: read-only store (%s): query, export, serve read it and ingest "
           "refuses it at once in %d/%d cases\n",
           ro_route == RO_CHMOD ? "chmod" : ro_route == RO_NOBODY ? "chmod, run as nobody"
                                                                  : "read-only bind mount",
           ok, nv);
    /* A store that is not there: each reader names it and makes none. */
    char missing[600];
    snprintf(missing, sizeof missing, "%s/no-store.db", st_dir);
    const char *const *readers[] = {q, x, sv};
    for (int r = 0; r < 3; r++) {
        const char *m[8];
        int n = 0;
        for (; readers[r][n]; n++)
            m[n] = readers[r][n] == st_url ? missing : readers[r][n];
        m[n] = NULL;
        run(m, 5000, o); /* serve would listen on a store it made */
        CHECK_EQ_INT(o->status, 1);
        CHECK(strstr(o->err, missing) != NULL && strstr(o->err, "no such file") != NULL);
        CHECK(access(missing, F_OK) != 0);
    }
    /* Another schema version, and a SQLite file that is no store. */
    st_sql("UPDATE sr_meta SET value = '7' WHERE key = 'schema'");
    run(q, -1, o);
    CHECK_EQ_INT(o->status, 1);
    CHECK(strstr(o->err, "schema version 7") != NULL);
    st_sql("DROP TABLE sr_meta");
    run(x, -1, o);
    CHECK_EQ_INT(o->status, 1);
    CHECK(strstr(o->err, "not a sitrep store") != NULL);
    free(want_q);
    free(want_x);
out:
    free(o);
}

int main(int argc, char **argv)
{
    (void)argc;
    if (find_sitrep(argv[0])) {
        printf("test_store_cli: skipped: no sitrep binary at %s\n", sitrep);
        return 0;
    }
    if (st_setup("test_store_cli"))
        return 1;
    int copies = getenv("SITREP_CRASH_COPIES") ? atoi(getenv("SITREP_CRASH_COPIES")) : 4;
    if (make_corpus(copies)) {
        printf("test_store_cli: cannot make the corpus from data/samples\n");
        return 1;
    }
    /* The sitrep binary finds its dictionaries beside itself; the
     * gazetteer is used when it is there. */
    RUN_BOTH(test_cli);
    RUN_BOTH(test_shards);
    RUN_BOTH(test_crash);
    snprintf(st_url, sizeof st_url, "%s/store.db", st_dir);
    st_backend = "sqlite";
    RUN(test_read_only_readers);
    char path[600];
    snprintf(path, sizeof path, "%s", corpus);
    unlink(path);
    st_teardown();
    return harness_done("test_store_cli");
}
