/* sitrep ingest, query and export as a user runs them, on both databases:
 * exit codes, idempotent re-runs, shards that add up to the whole, and
 * the crash test -- ingest killed with SIGKILL at random points, the
 * store checked after every kill (consistent, nothing committed lost),
 * then finished by a re-run and compared with an uninterrupted ingest.
 *
 * SITREP_CRASH_KILLS (default 20) and SITREP_CRASH_COPIES (default 4:
 * copies of the sample articles in the corpus) scale it; bench/crash.sh
 * runs it bigger. */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "store_test_helpers.h"

/* An empty store for the command to fill: opened, emptied and closed again
 * (the command under test opens it itself). */
static int st_empty(void)
{
    sr_store *s = st_open();
    int ok = s != NULL;
    sr_store_close(s);
    return ok;
}

static char sitrep[512];
static char corpus[512];
static size_t corpus_docs;
static char ids[4096][48];

/* The sample articles, `copies` times over: each copy a new document (an
 * id and a first line of its own, dates moved by a day a copy) so that
 * all of them are coded (ingest runs with --no-near-copies), their events
 * cluster with the copies a day before and after, and every fifth copy
 * is an exact copy, linked. */
static int make_corpus(int copies)
{
    snprintf(corpus, sizeof corpus, "%s/corpus.jsonl", st_dir);
    FILE *out = fopen(corpus, "w");
    if (!out)
        return -1;
    corpus_docs = 0;
    const char *files[] = {"data/samples/articles.jsonl", "data/samples/syria-week.jsonl"};
    for (int c = 0; c < copies; c++)
        for (int f = 0; f < 2; f++) {
            FILE *in = fopen(files[f], "r");
            if (!in) {
                fclose(out);
                return -1;
            }
            char line[65536];
            while (fgets(line, sizeof line, in)) {
                json_t *o = json_loads(line, 0, NULL);
                if (!o)
                    continue;
                char id[48], text[16384], date[16];
                snprintf(id, sizeof id, "c%02d-%s", c, json_string_value(json_object_get(o, "id")));
                /* Every fifth copy repeats the copy before under a new id:
                 * an exact copy, linked rather than coded. */
                int exact = c % 5 == 4, lead = exact ? c - 1 : c;
                snprintf(text, sizeof text, "Dispatch %d.\n%s", lead,
                         json_string_value(json_object_get(o, "text")));
                const char *d = json_string_value(json_object_get(o, "date"));
                int y, m, dd;
                if (d && sscanf(d, "%d-%d-%d", &y, &m, &dd) == 3) {
                    struct tm tm = {0};
                    tm.tm_year = y - 1900;
                    tm.tm_mon = m - 1;
                    tm.tm_mday = dd + lead;
                    tm.tm_hour = 12;
                    timegm(&tm);
                    strftime(date, sizeof date, "%Y-%m-%d", &tm);
                    json_object_set_new(o, "date", json_string(date));
                }
                json_object_set_new(o, "id", json_string(id));
                json_object_set_new(o, "text", json_string(text));
                char *s = json_dumps(o, JSON_COMPACT);
                fprintf(out, "%s\n", s);
                free(s);
                json_decref(o);
                if (corpus_docs < sizeof ids / sizeof ids[0])
                    snprintf(ids[corpus_docs], sizeof ids[0], "%s", id);
                corpus_docs++;
            }
            fclose(in);
        }
    return fclose(out);
}

typedef struct run_out {
    int status;           /* exit status, or 128 + signal */
    char err[65536];      /* standard error */
    char out[262144];     /* standard output */
} run_out;

static long last_committed(const char *err);

/* Reads what the pipe holds into buf (keeping the first cap - 1 bytes and
 * dropping the rest), so a child with much to say never blocks on it. */
static void drain(int fd, char *buf, size_t cap, size_t *n)
{
    char scratch[4096];
    ssize_t r;
    for (;;) {
        size_t room = cap - 1 - *n;
        r = read(fd, room ? buf + *n : scratch, room ? room : sizeof scratch);
        if (r <= 0)
            break;
        if (room)
            *n += (size_t)r;
    }
    buf[*n] = 0;
}

/* Runs sitrep with args.  With kill_ms >= 0 it is killed with SIGKILL
 * kill_ms after it said "committed N" with N >= after (or after its start
 * when after is 0). */
static void run_kill(const char *const *args, long after, long kill_ms, run_out *o)
{
    int ep[2], op[2];
    memset(o, 0, sizeof *o);
    o->status = -1;
    if (pipe(ep) || pipe(op))
        return;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(ep[1], 2);
        dup2(op[1], 1);
        close(ep[0]);
        close(op[0]);
        char *argv[64];
        int n = 0;
        argv[n++] = sitrep;
        for (; args[n - 1] && n < 63; n++)
            argv[n] = (char *)args[n - 1];
        argv[n] = NULL;
        execv(sitrep, argv);
        _exit(127);
    }
    close(ep[1]);
    close(op[1]);
    fcntl(ep[0], F_SETFL, O_NONBLOCK);
    fcntl(op[0], F_SETFL, O_NONBLOCK);
    size_t ne = 0, no = 0;
    struct timespec t0, now;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int status = 0, done = 0, killed = 0;
    long deadline = kill_ms >= 0 && after <= 0 ? kill_ms : -1;
    while (!done) {
        drain(ep[0], o->err, sizeof o->err, &ne);
        drain(op[0], o->out, sizeof o->out, &no);
        if (waitpid(pid, &status, WNOHANG) == pid) {
            done = 1;
            break;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        long ms = (now.tv_sec - t0.tv_sec) * 1000 + (now.tv_nsec - t0.tv_nsec) / 1000000;
        if (kill_ms >= 0 && deadline < 0 && after > 0) {
            o->err[ne] = 0;
            if (last_committed(o->err) >= after)
                deadline = ms + kill_ms;
        }
        if (deadline >= 0 && ms >= deadline && !killed) {
            kill(pid, SIGKILL);
            killed = 1;
        }
        struct timespec nap = {0, 1000000};
        nanosleep(&nap, NULL);
    }
    drain(ep[0], o->err, sizeof o->err, &ne);
    drain(op[0], o->out, sizeof o->out, &no);
    close(ep[0]);
    close(op[0]);
    o->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void run(const char *const *args, long kill_ms, run_out *o)
{
    run_kill(args, 0, kill_ms, o);
}


static void ingest_args(const char **a, const char *extra1, const char *extra2)
{
    int n = 0;
    a[n++] = "ingest";
    a[n++] = "--db";
    a[n++] = st_url;
    a[n++] = "--batch";
    a[n++] = "5";
    a[n++] = "--progress";
    a[n++] = "--no-near-copies";
    if (extra1)
        a[n++] = extra1;
    if (extra2)
        a[n++] = extra2;
    a[n++] = corpus;
    a[n] = NULL;
}

/* Every event as one line, ids and times left out, sorted: what two
 * stores with the same content share whatever their row ids. */
typedef struct canon {
    char **lines;
    size_t n, cap;
} canon;

static int canon_row(void *ctx, const sr_store_event_row *r)
{
    canon *c = ctx;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->lines = realloc(c->lines, c->cap * sizeof *c->lines);
    }
    char buf[512];
    snprintf(buf, sizeof buf, "%d|%s|%s|%s|%s|%s|%ld|%ld|%ld|%ld|%s", r->day, r->source_code,
             r->target_code, r->code, r->place ? r->place : "", r->mode, r->num_mentions,
             r->num_articles, r->num_sources, r->dead, r->doc_id);
    c->lines[c->n++] = strdup(buf);
    return 0;
}

static int cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The store's content as one string (stats and sorted events). */
static char *store_digest(void)
{
    sr_store *s;
    sr_error e;
    if (sr_store_open(st_url, NULL, &s, &e))
        return NULL;
    sr_store_stats st;
    canon c = {0};
    sr_store_stats_get(s, &st, &e);
    sr_store_events(s, NULL, canon_row, &c, &e);
    sr_store_close(s);
    qsort(c.lines, c.n, sizeof *c.lines, cmp_line);
    sr_buf b = SR_BUF_INIT;
    sr_buf_printf(&b, "docs %lld copies %lld events %lld mentions %lld places %lld counts %lld\n",
                  (long long)st.documents, (long long)st.copies, (long long)st.events,
                  (long long)st.mentions, (long long)st.places, (long long)st.counts);
    for (size_t i = 0; i < c.n; i++) {
        sr_buf_printf(&b, "%s\n", c.lines[i]);
        free(c.lines[i]);
    }
    free(c.lines);
    return b.data;
}

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

static long last_committed(const char *err)
{
    long n = 0;
    for (const char *p = err; (p = strstr(p, "committed ")); p++)
        n = strtol(p + 10, NULL, 10);
    return n;
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

int main(int argc, char **argv)
{
    (void)argc;
    /* build/tests/test_store_cli -> build/sitrep */
    snprintf(sitrep, sizeof sitrep, "%s", argv[0]);
    char *slash = strrchr(sitrep, '/');
    if (slash && slash - sitrep >= 6 && !strncmp(slash - 6, "/tests", 6))
        strcpy(slash - 6, "/sitrep");
    if (access(sitrep, X_OK)) {
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
    char path[600];
    snprintf(path, sizeof path, "%s", corpus);
    unlink(path);
    st_teardown();
    return harness_done("test_store_cli");
}
