/* sitrep ingest: code documents on N threads and keep them, with their
 * events, places and counts, in an event store; one writer, batched
 * transactions, idempotent and resumable. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cli.h"

static const char ingest_usage[] =
    "usage: sitrep ingest [--db URL] [-j N] [--batch N] [--shard K/N] [FILE...]\n"
    "\n"
    "Codes the documents of each FILE (as sitrep code reads them) and stores\n"
    "them, their events, places and counts in an event store.  A document\n"
    "whose id is already stored is skipped, so running again over the same\n"
    "files resumes an interrupted ingest and adds nothing twice.\n"
    "\n"
    "  --db URL           the store: a SQLite file (default: $SITREP_DB, else\n"
    "                     sitrep.db), or postgresql://... for a PostgreSQL server\n"
    "  -j N               code with N threads (1-64); one writer stores in input order\n"
    "  --batch N          documents per transaction (default 500)\n"
    "  --shard K/N        take only the documents whose id falls in shard K of N\n"
    "                     (1 <= K <= N; stable: see the README for GNU parallel)\n"
    "  --no-near-copies   link only exact copies, not near-duplicate texts\n"
    "  --reset            empty the store first (also one of another schema version)\n"
    "  --reconnect S      when the connection to a PostgreSQL server is lost (a\n"
    "                     restart, a network cut), keep trying to connect again\n"
    "                     for up to S seconds, then go on where the store stands\n"
    "                     (default 60; 0: stop at once; not for standard input)\n"
    "  --progress         after every transaction, say \"committed N\" on stderr:\n"
    "                     the first N documents of the input are in the store\n"
    "  --stats            print figures (counts, speed, store size) at the end\n"
    "  --dict FILE, --dict-cache DIR, --no-dict-cache, --gazetteer FILE\n"
    "                     as for sitrep code\n"
    "  -h, --help         this text\n"
    "\n"
    "Exit status: 0 all documents stored, 1 some were rejected or repaired (each\n"
    "said on stderr) or the store failed, 2 usage.\n";

typedef struct ingest_doc {
    sr_store_doc doc;
    sr_store_fingerprint fp;
} ingest_doc;

typedef struct ingest_ctx {
    sr_store *store;
    size_t batch, pending, position, committed;
    int in_tx, progress, failed;
    int lost;                  /* the failure was a lost server connection */
    unsigned shard_k, shard_n;
    size_t n_other_shard, n_stored_before;
    /* Committed, by SR_STORE_* outcome; and in the open transaction,
     * which counts only once it is committed. */
    size_t outcome[4], events, mentions;
    size_t tx_outcome[4], tx_events, tx_mentions;
    const char *store_name;    /* for messages (no password) */
} ingest_ctx;

/* A store failure: says which store and what failed, once.  The summary
 * at the end says what was committed before it. */
static int ingest_fail(ingest_ctx *c, const char *what, const sr_error *err)
{
    fprintf(stderr, "sitrep ingest: store %s: %s%s%s\n", c->store_name, what ? what : "",
            what ? ": " : "", err->msg);
    c->failed = 1;
    c->lost = sr_store_lost(c->store);
    return 1;
}

/* A document whose text is stored already needs no coding: the store
 * links it to the original by its content hash. */
static int ingest_skip(void *vctx, cli_slot *sl)
{
    ingest_ctx *c = vctx;
    if (c->shard_n > 1 && sr_store_shard(sl->doc.id, c->shard_n) != c->shard_k - 1) {
        c->n_other_shard++;
        return 1;
    }
    if (c->failed)
        return 1;
    sr_error err;
    int found = 0;
    uint64_t content = sr_store_content_hash(sl->doc.text, sl->doc.text_len);
    if (sr_store_has(c->store, sl->doc.id, content, &found, &err))
        return ingest_fail(c, "cannot look documents up", &err);
    if (found == 1)
        return 1;
    if (!found)
        return 0;
    ingest_doc *d = sr_arena_calloc(sl->arena, 1, sizeof *d);
    if (!d)
        cli_oom();
    d->doc.id = sl->doc.id;
    d->doc.date = sl->doc.date;
    if (sl->doc.title && !(d->doc.title = sr_arena_strndup(sl->arena, sl->doc.title,
                                                           sl->doc.title_len)))
        cli_oom();
    d->doc.text = sl->doc.text;
    d->doc.text_len = sl->doc.text_len;
    d->doc.source = sl->doc.source;
    d->doc.url = sl->doc.url;
    d->fp.content = content;
    sl->data = d;
    sl->done = 1;
    return 0;
}

/* On a coding thread: the record as the store takes it, and its
 * fingerprint, so the writer only writes. */
static void ingest_coded(void *vctx, cli_slot *sl, const sr_result *res)
{
    (void)vctx;
    ingest_doc *d = sr_arena_calloc(sl->arena, 1, sizeof *d);
    if (!d || sr_store_doc_from_record(sr_result_record(res), sl->arena, &d->doc)) {
        sl->oom = 1;
        return;
    }
    sr_store_fingerprint_text(d->doc.text, d->doc.text_len, &d->fp);
    sl->data = d;
}

static int ingest_commit(ingest_ctx *c)
{
    if (!c->in_tx) {
        c->committed = c->position; /* skipped or rejected: nothing to write */
        return 0;
    }
    sr_error err;
    c->in_tx = 0;
    if (sr_store_commit(c->store, &err))
        return ingest_fail(c, "cannot commit", &err);
    for (int k = 0; k < 4; k++) {
        c->outcome[k] += c->tx_outcome[k];
        c->tx_outcome[k] = 0;
    }
    c->events += c->tx_events;
    c->mentions += c->tx_mentions;
    c->tx_events = c->tx_mentions = 0;
    c->committed = c->position;
    c->pending = 0;
    if (c->progress) {
        fprintf(stderr, "sitrep ingest: committed %zu\n", c->position);
        fflush(stderr);
    }
    return 0;
}

static int ingest_finish(void *vctx, cli_slot *sl)
{
    ingest_ctx *c = vctx;
    const ingest_doc *d = sl->data;
    if (c->failed)
        return 1;
    c->position++;
    if (sl->skip || !d)
        return 0;
    sr_error err;
    sr_error_clear(&err);
    if (!c->in_tx) {
        if (sr_store_begin(c->store, &err))
            return ingest_fail(c, "cannot begin a transaction", &err);
        c->in_tx = 1;
    }
    sr_store_put_result r;
    if (sr_store_put(c->store, &d->doc, &d->fp, &r, &err)) {
        char what[600];
        snprintf(what, sizeof what, "cannot store document %s (%s:%ld)", sl->doc.id,
                 sl->doc.file, sl->doc.line);
        sr_store_rollback(c->store, NULL);
        c->in_tx = 0;
        return ingest_fail(c, what, &err);
    }
    c->tx_outcome[r.outcome]++;
    c->tx_events += r.new_events;
    c->tx_mentions += r.mentions;
    c->pending++;
    return 0;
}

static int ingest_batch_end(void *vctx)
{
    ingest_ctx *c = vctx;
    if (c->failed)
        return 1;
    return c->pending >= c->batch ? ingest_commit(c) : 0;
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* After a lost connection: the store opened again within `seconds`,
 * trying at growing intervals (a restarting server refuses connections
 * for a second or two).  0, or 1 with the last reason said. */
static int reconnect(ingest_ctx *c, const char *url, const sr_store_opts *so, double seconds)
{
    sr_store_close(c->store);
    c->store = NULL;
    double until = now_s() + seconds, wait = 0.25;
    sr_error err;
    sr_error_clear(&err);
    for (;;) {
        if (!sr_store_open(url, so, &c->store, &err))
            return 0;
        sr_store_close(c->store);
        c->store = NULL;
        double left = until - now_s();
        if (left <= 0)
            break;
        double w = wait < left ? wait : left;
        struct timespec ts = {(time_t)w, (long)((w - (double)(time_t)w) * 1e9)};
        nanosleep(&ts, NULL);
        wait = wait * 2 > 5 ? 5 : wait * 2;
    }
    fprintf(stderr, "sitrep ingest: store %s: cannot connect again within %.0f s: %s\n",
            c->store_name, seconds, err.msg);
    return 1;
}

/* Ready to read the input again from its start: what earlier runs
 * committed stays counted, and the documents they stored are skipped as
 * stored (ingest_skip); what the lost transaction held is coded again. */
static void restart_counts(ingest_ctx *c)
{
    c->failed = c->lost = 0;
    c->in_tx = 0;
    c->position = c->committed = c->pending = 0;
    c->n_other_shard = 0;
    memset(c->tx_outcome, 0, sizeof c->tx_outcome);
    c->tx_events = c->tx_mentions = 0;
}

static int parse_shard(const char *v, unsigned *k, unsigned *n)
{
    char *end;
    unsigned long a = strtoul(v, &end, 10);
    if (end == v || *end != '/')
        return -1;
    const char *p = end + 1;
    unsigned long b = strtoul(p, &end, 10);
    if (end == p || *end || b < 1 || b > 1000000 || a < 1 || a > b)
        return -1;
    *k = (unsigned)a;
    *n = (unsigned)b;
    return 0;
}

int cmd_ingest(int argc, char **argv)
{
    cli_coding cc = {calloc((size_t)argc + 1, sizeof(const char *)), 0, NULL, 1, 0, 0};
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!cc.dicts || !files)
        cli_oom();
    size_t nf = 0;
    const char *db = NULL;
    int stats = 0, status = EXIT_OK;
    double reconnect_s = 60;
    ingest_ctx c;
    memset(&c, 0, sizeof c);
    c.batch = 500;
    sr_store_opts so;
    sr_store_opts_init(&so);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int took = cli_coding_arg(&cc, "ingest", argc, argv, &i);
        if (took < 0) {
            status = EXIT_USAGE;
            goto done;
        }
        if (took)
            continue;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(ingest_usage, stdout);
            goto done;
        } else if (!strcmp(a, "--db") || !strcmp(a, "--batch") || !strcmp(a, "--shard") ||
                   !strcmp(a, "--reconnect")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "sitrep ingest: %s needs a value\n", a);
                status = EXIT_USAGE;
                goto done;
            }
            const char *v = argv[++i];
            char *end;
            if (!strcmp(a, "--db")) {
                db = v;
            } else if (!strcmp(a, "--batch")) {
                unsigned long n = strtoul(v, &end, 10);
                if (*end || !*v || n < 1 || n > 1000000) {
                    fprintf(stderr, "sitrep ingest: --batch takes 1 to 1000000, not '%s'\n", v);
                    status = EXIT_USAGE;
                    goto done;
                }
                c.batch = n;
            } else if (!strcmp(a, "--reconnect")) {
                double r = strtod(v, &end);
                if (*end || !*v || !(r >= 0 && r <= 86400)) {
                    fprintf(stderr, "sitrep ingest: --reconnect takes 0 to 86400 seconds, not "
                                    "'%s'\n", v);
                    status = EXIT_USAGE;
                    goto done;
                }
                reconnect_s = r;
            } else if (parse_shard(v, &c.shard_k, &c.shard_n)) {
                fprintf(stderr, "sitrep ingest: --shard takes K/N with 1 <= K <= N, not '%s'\n",
                        v);
                status = EXIT_USAGE;
                goto done;
            }
        } else if (!strcmp(a, "--no-near-copies")) {
            so.near_dup = 0;
        } else if (!strcmp(a, "--reset")) {
            so.reset = 1;
        } else if (!strcmp(a, "--progress")) {
            c.progress = 1;
        } else if (!strcmp(a, "--stats")) {
            stats = 1;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "sitrep ingest: unknown option '%s'\n\n%s", a, ingest_usage);
            status = EXIT_USAGE;
            goto done;
        } else {
            files[nf++] = a;
        }
    }
    if (nf == 0) {
        fputs(ingest_usage, stderr);
        status = EXIT_USAGE;
        goto done;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    sr_error err;
    sr_error_clear(&err);
    const char *url = cli_db_url(db);
    char shown[1024];
    c.store_name = cli_db_shown(url, shown, sizeof shown);
    if (sr_store_open(url, &so, &c.store, &err)) {
        fprintf(stderr, "sitrep ingest: store %s: cannot open: %s\n", c.store_name, err.msg);
        sr_store_close(c.store);
        status = EXIT_BADINPUT;
        goto done;
    }
    sr_pipeline *pl;
    if (cli_coding_pipeline(&cc, &pl)) {
        sr_store_close(c.store);
        status = EXIT_BADINPUT;
        goto done;
    }
    /* Transactions end at batch ends: batches no larger than --batch. */
    size_t per_batch = (size_t)cc.jobs * 64;
    cli_run run = {pl,          cc.jobs,       per_batch < c.batch ? per_batch : c.batch,
                   ingest_skip, ingest_coded, ingest_finish,
                   ingest_batch_end, NULL, &c, stats, 0};
    cli_run_totals tot;
    /* Standard input cannot be read again: a lost connection ends the run. */
    int rereadable = 1;
    for (size_t i = 0; i < nf; i++)
        if (!strcmp(files[i], "-"))
            rereadable = 0;
    /* Documents committed before a reconnection: read again, they are
     * found stored, and are not "already stored" for this run's summary. */
    size_t earlier = 0, committed_max = 0;
    int reconnections = 0, stalled = 0;
    for (;;) {
        size_t before = committed_max;
        cli_run_files(&run, files, nf, &tot);
        if (!c.failed)
            ingest_commit(&c);
        if (c.committed > committed_max)
            committed_max = c.committed;
        if (!c.failed || !c.lost || reconnect_s <= 0 || !rereadable)
            break;
        /* A connection that breaks again and again at the same document
         * (a statement that brings the server down) is not waited out. */
        stalled = reconnections && committed_max == before ? stalled + 1 : 0;
        if (stalled >= 3) {
            fprintf(stderr, "sitrep ingest: store %s: the connection was lost 3 times more with "
                            "nothing committed in between; stopping\n", c.store_name);
            break;
        }
        fprintf(stderr, "sitrep ingest: store %s: the connection is lost; connecting again (up "
                        "to %.0f s) to go on from the first %zu documents\n",
                c.store_name, reconnect_s, committed_max);
        /* (the store was made, or emptied, the first time) */
        so.reset = 0;
        if (reconnect(&c, url, &so, reconnect_s)) {
            c.lost = 0;
            break;
        }
        reconnections++;
        fprintf(stderr, "sitrep ingest: store %s: connected again (%d time%s)\n", c.store_name,
                reconnections, reconnections > 1 ? "s" : "");
        earlier = c.outcome[0] + c.outcome[1] + c.outcome[2] + c.outcome[3];
        restart_counts(&c);
    }
    /* A large load leaves the planner's statistics behind. */
    if (!c.failed && c.store && c.outcome[SR_STORE_NEW] >= 1000 && sr_store_optimize(c.store, &err))
        fprintf(stderr, "sitrep ingest: store %s: %s (the store is complete; queries may be "
                        "slower)\n", c.store_name, err.msg);
    status = tot.status;
    if (c.failed)
        status = EXIT_BADINPUT;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double dt = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (c.failed) {
        /* Documents after the failure were not looked at, and what the
         * open transaction held was rolled back: only what was committed
         * is reported as stored. */
        size_t lost = c.tx_outcome[0] + c.tx_outcome[1] + c.tx_outcome[2] + c.tx_outcome[3];
        fprintf(stderr,
                "sitrep ingest: stopped by the store error: the first %zu documents of the input "
                "are in the store (this run stored %zu and linked %zu copies: %zu new events, "
                "%zu mentions); the transaction in progress (%zu documents) was rolled back; "
                "run the same command again to resume\n",
                committed_max, c.outcome[SR_STORE_NEW],
                c.outcome[SR_STORE_COPY] + c.outcome[SR_STORE_NEAR_COPY], c.events, c.mentions,
                lost);
    } else {
        size_t read = tot.docs + tot.skipped - c.n_other_shard;
        fprintf(stderr,
                "sitrep ingest: %zu documents: %zu stored, %zu copies linked (%zu exact, %zu "
                "near), %zu already stored, %zu rejected; %zu new events, %zu mentions\n",
                read, c.outcome[SR_STORE_NEW],
                c.outcome[SR_STORE_COPY] + c.outcome[SR_STORE_NEAR_COPY],
                c.outcome[SR_STORE_COPY], c.outcome[SR_STORE_NEAR_COPY],
                c.outcome[SR_STORE_SEEN] + (tot.skipped - c.n_other_shard) - earlier, tot.rejected,
                c.events, c.mentions);
    }
    if (stats) {
        sr_store_stats st;
        if (dt <= 0)
            dt = 1e-9;
        fprintf(stderr, "sitrep ingest: %.3f s, %.0f documents/s, %.0f sentences/s (%d threads)\n",
                dt, (double)tot.docs / dt, (double)tot.stats.sentences / dt, cc.jobs);
        /* CPU time does not depend on what else the machine runs: the
         * writer's share bounds what more coding threads can give. */
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
                     (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
        double w = tot.finish_cpu;
        fprintf(stderr,
                "sitrep ingest: cpu %.3f s in all threads (%.2f ms a document), %.3f s of it "
                "storing in the writer (%.0f%%): at most %.2fx with 2 idle cores, %.2fx with 4\n",
                cpu, tot.docs ? cpu * 1e3 / (double)tot.docs : 0, w, cpu > 0 ? 100 * w / cpu : 0,
                w > 0 ? cpu / (w > cpu / 2 ? w : cpu / 2) : 2, w > 0 ? cpu / (w > cpu / 4 ? w : cpu / 4) : 4);
        if (c.store && !sr_store_stats_get(c.store, &st, &err))
            fprintf(stderr,
                    "sitrep ingest: store %s: %lld documents, %lld copies, %lld events, %lld "
                    "mentions, %lld places, %lld counts, %lld bytes\n",
                    url, (long long)st.documents, (long long)st.copies, (long long)st.events,
                    (long long)st.mentions, (long long)st.places, (long long)st.counts,
                    (long long)st.bytes);
    }
    sr_pipeline_free(pl);
    sr_store_close(c.store);
done:
    free(cc.dicts);
    free(files);
    return status;
}
