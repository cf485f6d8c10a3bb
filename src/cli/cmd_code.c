/* F_SETPIPE_SZ is Linux's (pipe_gather) */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "../input/sr_input.h"
#include "../pipeline/sr_pipeline.h"
#include "cli.h"

static const char code_usage[] =
    "usage: sitrep code [--dict FILE]... [--format json|tsv] [-j N] [FILE...]\n"
    "\n"
    "Reads documents from each FILE (or standard input, named -) and writes\n"
    "one JSON object per document, in input order, to standard output.\n"
    "Input formats are detected from the content: JSON Lines, TABARI text\n"
    "records, or plain text (one document, first line the title).\n"
    "\n"
    "  --dict FILE        use a TABARI or PETRARCH dictionary file instead of the\n"
    "                     built-in set (repeatable; kind taken from the name)\n"
    "  --dict-cache DIR   keep compiled dictionaries in DIR (default:\n"
    "                     $SITREP_DICT_CACHE, else $XDG_CACHE_HOME/sitrep, else\n"
    "                     ~/.cache/sitrep); a cache file is rebuilt when a\n"
    "                     dictionary file changes\n"
    "  --no-dict-cache    compile the dictionaries every time (also\n"
    "                     SITREP_NO_DICT_CACHE=1)\n"
    "  --format json|tsv  json (default): one object per document;\n"
    "                     tsv: one line per event: date, source, target, code, id\n"
    "  --gazetteer FILE   place names from FILE (default: $SITREP_GAZETTEER, else\n"
    "                     gazetteer.bin beside sitrep, built by make gazetteer)\n"
    "  -j N               code with N threads (1-64); output order is unchanged\n"
    "  --explain          describe each parse (words, types, actors, clauses)\n"
    "                     and the events it gave, on standard error\n"
    "  --stats            print a summary (documents, sentences, speed, start-up,\n"
    "                     CPU time, peak memory, time by stage) on standard\n"
    "                     error at the end\n"
    "  -h, --help         this text\n"
    "\n"
    "Exit status: 0 all documents coded, 1 some were rejected or repaired\n"
    "(each is reported on standard error with file, line and byte), 2 usage.\n";

/* Documents' output is gathered and written a few hundred KB at a time:
 * a document's JSON is some 17 KB, and through stdio's 4 KB buffer each
 * took two write calls (9,300 for FA-KES x20, 1.5% of the run's time on
 * this virtual machine, where a system call costs microseconds; 0.5% in
 * 64 KB writes, 0.3% in 256 KB ones).  Into a pipe at most a quarter of
 * its room at a time (pipe_gather), so that sitrep goes on coding while
 * its reader reads.  With one
 * coding thread the JSON is written straight into the gathering buffer
 * (no copy); with more, each slot's is appended to it, or goes out with
 * it in one writev. */
enum { OUT_GATHER = 256 << 10, OUT_GATHER_PIPE = 64 << 10, OUT_PIPE_WANT = 1 << 20 };

/* Into a pipe the gathered writes are a quarter of the pipe's room, which
 * is asked to grow to 1 MB first (Linux's default most may ask for): at
 * the default 64 KB, sitrep and its reader took turns on every write, and
 * a reader such as Python's subprocess took 10 to 15% longer to get
 * FA-KES x20's 82 MB.  Where the pipe cannot grow, a pipe's worth. */
static size_t pipe_gather(int fd)
{
#ifdef F_SETPIPE_SZ
    int sz = fcntl(fd, F_GETPIPE_SZ);
    if (sz >= 0 && sz < OUT_PIPE_WANT) {
        int grown = fcntl(fd, F_SETPIPE_SZ, OUT_PIPE_WANT);
        if (grown > sz)
            sz = grown;
    }
    if (sz >= 4 * OUT_GATHER)
        return OUT_GATHER;
#else
    (void)fd;
#endif
    return OUT_GATHER_PIPE;
}

typedef struct code_ctx {
    const sr_pipeline *pl;
    int tsv;
    int write_failed;
    int direct;               /* one thread: code_coded renders into `gather` */
    sr_buf gather;            /* finished documents' output, not yet written */
    size_t gather_max;        /* written out when it holds this much */
} code_ctx;

/* gather, then p[0, n), to standard output in one system call (a few
 * when the kernel takes less), after what stdio holds; gather is emptied. */
static int gather_out(code_ctx *c, const char *p, size_t n)
{
    struct iovec v[2] = {{c->gather.data, c->gather.len}, {(void *)(uintptr_t)p, n}};
    int k = 0;
    if (fflush(stdout))
        goto fail;
    while (k < 2 && !v[k].iov_len)
        k++;
    while (k < 2) {
        ssize_t w = writev(STDOUT_FILENO, v + k, 2 - k);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (!w)
                errno = EIO;
            goto fail;
        }
        size_t left = (size_t)w;
        while (k < 2 && left >= v[k].iov_len)
            left -= v[k++].iov_len;
        if (k < 2) {
            v[k].iov_base = (char *)v[k].iov_base + left;
            v[k].iov_len -= left;
        }
    }
    sr_buf_clear(&c->gather);
    return SR_OK;
fail:
    sr_buf_clear(&c->gather);
    fprintf(stderr, "sitrep: cannot write output: %s\n", strerror(errno));
    c->write_failed = 1;
    return SR_EIO;
}

/* The run's context while cmd_code runs: on an exit mid-run (cli_oom)
 * the documents already finished still go out, as they did when stdio
 * held them -- from the thread that writes them only (a coding thread's
 * exit would race it). */
static code_ctx *gathering;
static pthread_t gathering_thread;

static void gather_at_exit(void)
{
    if (gathering && pthread_equal(pthread_self(), gathering_thread) &&
        gathering->gather.len && !gathering->write_failed)
        gather_out(gathering, NULL, 0);
}

static int write_out(code_ctx *c, const char *p, size_t n)
{
    if (c->gather.len && gather_out(c, NULL, 0))
        return SR_EIO;
    if (n && fwrite(p, 1, n, stdout) != n) {
        fprintf(stderr, "sitrep: cannot write output: %s\n", strerror(errno));
        c->write_failed = 1;
        return SR_EIO;
    }
    return SR_OK;
}

/* ---- a long document, written as its sections come ------------------------
 *
 * The sentences come first in a record: they go out at once.  The other
 * lists wait until the last sentence is out, each in a buffer that moves
 * to a temporary file when it grows past SPILL_BYTES, so memory holds a
 * section and a few buffers whatever the document's length.  The buffers
 * are small enough to stay in the caches: at 4 MB they grew to 8 MB each,
 * 24 MB of fresh pages for 10 MB of text (a third of the time a long
 * document took over the same text as articles). */

enum { OUT_BYTES = 1 << 20, SPILL_BYTES = 256 << 10, NSPILL = SR_LIST_END - 1 };

typedef struct spill {
    sr_buf b;
    FILE *f;                  /* tmpfile(), once b grew past SPILL_BYTES */
} spill;

typedef struct streamed {
    code_ctx *c;
    sr_buf out;               /* on its way to standard output */
    spill later[NSPILL];      /* the lists after the sentences */
    size_t first[SR_LIST_END]; /* items of each list so far */
    int rc;
} streamed;

static int spill_keep(streamed *x, spill *sp)
{
    if (sp->b.len < SPILL_BYTES)
        return SR_OK;
    /* No temporary file: keep it in memory, as a whole record would. */
    if (!sp->f && !(sp->f = tmpfile()))
        return SR_OK;
    if (fwrite(sp->b.data, 1, sp->b.len, sp->f) != sp->b.len) {
        fprintf(stderr, "sitrep: cannot write a temporary file: %s\n", strerror(errno));
        x->c->write_failed = 1;
        return SR_EIO;
    }
    sr_buf_clear(&sp->b);
    return SR_OK;
}

/* Writes out x->out when it is full (or always with `all`). */
static int out_keep(streamed *x, int all)
{
    if (!all && x->out.len < OUT_BYTES)
        return SR_OK;
    int rc = write_out(x->c, x->out.data, x->out.len);
    sr_buf_clear(&x->out);
    return rc;
}

/* The temporary file straight to standard output, in the kernel: read
 * back through a buffer, a long document's lists (some 70 MB of JSON for
 * 10 MB of text) were copied twice more.  0 when sendfile cannot (an old
 * kernel, an output it does not take): the caller copies them itself. */
static int spill_send(code_ctx *c, FILE *f)
{
    if ((c->gather.len && gather_out(c, NULL, 0)) || fflush(f) || fflush(stdout))
        return 0;
    int in = fileno(f), out = fileno(stdout);
    off_t at = 0, end = lseek(in, 0, SEEK_END);
    if (in < 0 || out < 0 || end < 0)
        return 0;
    while (at < end) {
        ssize_t n = sendfile(out, in, &at, (size_t)(end - at));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return at == 0 ? 0 : -1;
    }
    return 1;
}

static int spill_out(streamed *x, spill *sp)
{
    if (sp->f) {
        char buf[1 << 16];
        size_t n;
        int sent = spill_send(x->c, sp->f);
        if (sent < 0) {
            fprintf(stderr, "sitrep: cannot write output: %s\n", strerror(errno));
            x->c->write_failed = 1;
            return SR_EIO;
        }
        if (sent)
            return write_out(x->c, sp->b.data, sp->b.len);
        rewind(sp->f);
        while ((n = fread(buf, 1, sizeof buf, sp->f)) > 0)
            if (write_out(x->c, buf, n))
                return SR_EIO;
        if (ferror(sp->f)) {
            fprintf(stderr, "sitrep: cannot read a temporary file back\n");
            x->c->write_failed = 1;
            return SR_EIO;
        }
    }
    return write_out(x->c, sp->b.data, sp->b.len);
}

static int on_section(void *ctx, const sr_doc_record *d)
{
    streamed *x = ctx;
    int rc;
    if (x->c->tsv) {
        rc = sr_record_tsv(d, &x->out);
        return rc ? rc : out_keep(x, 0);
    }
    if ((rc = sr_record_json_items(d, SR_LIST_SENTENCES, x->first[0], &x->out)))
        return rc;
    x->first[SR_LIST_SENTENCES] += d->nsentences;
    size_t n[SR_LIST_END] = {0, d->nboilerplate, d->nevents, d->nplaces, d->ncounts};
    for (int list = SR_LIST_BOILERPLATE; list < SR_LIST_END; list++) {
        spill *sp = &x->later[list - 1];
        if ((rc = sr_record_json_items(d, list, x->first[list], &sp->b)) ||
            (rc = spill_keep(x, sp)))
            return rc;
        x->first[list] += n[list];
    }
    return out_keep(x, 0);
}

static int code_stream(void *ctx, cli_slot *sl)
{
    code_ctx *c = ctx;
    streamed x;
    memset(&x, 0, sizeof x);
    x.c = c;
    sr_doc_record total;
    memset(&total, 0, sizeof total);
    total.id = sl->doc.id;
    total.date = sl->doc.date;
    total.title = sl->doc.title;
    total.title_len = sl->doc.title ? sl->doc.title_len : 0;
    sr_error err;
    sr_error_clear(&err);
    int rc = c->tsv ? SR_OK : sr_record_json_head(&total, &x.out);
    if (!rc)
        rc = sr_pipeline_code_sections(c->pl, sl->st, &sl->doc, on_section, &x, &total, &err);
    for (int list = SR_LIST_BOILERPLATE; !rc && !c->tsv && list <= SR_LIST_END; list++) {
        if (!(rc = sr_record_json_open(&total, list, &x.out)) && !(rc = out_keep(&x, 1)) &&
            list < SR_LIST_END)
            rc = spill_out(&x, &x.later[list - 1]);
    }
    if (!rc && !c->tsv)
        rc = sr_buf_putc(&x.out, '\n');
    if (!rc)
        rc = out_keep(&x, 1);
    sr_buf_free(&x.out);
    for (int k = 0; k < NSPILL; k++) {
        sr_buf_free(&x.later[k].b);
        if (x.later[k].f)
            fclose(x.later[k].f);
    }
    if (rc == SR_ENOMEM)
        cli_oom();
    sl->stats.sentences = total.nsentences;
    sl->stats.tokens = total.ntokens;
    sl->stats.boilerplate = total.nboilerplate;
    sl->stats.events = total.nevents;
    return rc != SR_OK;
}

static void code_coded(void *ctx, cli_slot *sl, const sr_result *res)
{
    code_ctx *c = ctx;
    sr_buf *o = c->direct ? &c->gather : &sl->out;
    size_t was = o->len;
    if ((c->tsv ? sr_result_tsv(res, o) : sr_result_json(res, o)) ||
        (!c->tsv && sr_buf_putc(o, '\n'))) {
        /* (the finished documents before it stay whole) */
        o->len = was;
        if (o->data)
            o->data[was] = 0;
        sl->oom = 1;
    }
}

static int code_finish(void *ctx, cli_slot *sl)
{
    code_ctx *c = ctx;
    size_t n = sl->out.len;
    if (c->gather.len + n < c->gather_max) {
        if (n && sr_buf_put(&c->gather, sl->out.data, n))
            cli_oom();
        return 0;
    }
    return gather_out(c, sl->out.data, n) != SR_OK;
}

/* Where the time went, stage by stage, and what the places add to the
 * rest of the coding (issue: places should add at most 30%). */
static void print_stages(const cli_run_totals *t)
{
    double sum = 0, s[SR_NSTAGES];
    for (int k = 0; k < SR_NSTAGES; k++)
        sum += s[k] = (double)t->stages.ns[k] / 1e9;
    double rd = (double)t->read_ns / 1e9, out = (double)t->out_ns / 1e9;
    fprintf(stderr, "sitrep: time by stage, s (summed over threads): reading %.3f", rd);
    for (int k = 0; k < SR_NSTAGES; k++)
        fprintf(stderr, ", %s %.3f", sr_pipeline_stage_name(k), s[k]);
    fprintf(stderr, ", output %.3f\n", out);
    double rest = rd + out + sum - s[SR_STAGE_PLACES];
    if (s[SR_STAGE_PLACES] > 0 && rest > 0)
        fprintf(stderr, "sitrep: places take %.1f%% of that time, adding %.1f%% to the rest\n",
                100 * s[SR_STAGE_PLACES] / (rest + s[SR_STAGE_PLACES]),
                100 * s[SR_STAGE_PLACES] / rest);
}

int cmd_code(int argc, char **argv)
{
    cli_coding cc = {calloc((size_t)argc + 1, sizeof(const char *)), 0, NULL, 1, 0, 0};
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!cc.dicts || !files)
        cli_oom();
    size_t nf = 0;
    int tsv = 0, stats = 0, status = EXIT_OK;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int took = cli_coding_arg(&cc, "code", argc, argv, &i);
        if (took < 0) {
            status = EXIT_USAGE;
            goto done;
        }
        if (took)
            continue;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(code_usage, stdout);
            goto done;
        } else if (!strcmp(a, "--format") || !strncmp(a, "--format=", 9)) {
            const char *v = a[8] == '=' ? a + 9 : i + 1 < argc ? argv[++i] : NULL;
            if (!v) {
                fprintf(stderr, "sitrep code: --format needs a value\n");
                status = EXIT_USAGE;
                goto done;
            }
            if (strcmp(v, "json") && strcmp(v, "tsv")) {
                fprintf(stderr, "sitrep code: unknown format '%s' (json or tsv)\n", v);
                status = EXIT_USAGE;
                goto done;
            }
            tsv = !strcmp(v, "tsv");
        } else if (!strcmp(a, "--stats")) {
            stats = 1;
        } else if (!strcmp(a, "--explain")) {
            cc.explain = 1;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "sitrep code: unknown option '%s'\n\n%s", a, code_usage);
            status = EXIT_USAGE;
            goto done;
        } else {
            files[nf++] = a;
        }
    }
    if (nf == 0) {
        if (isatty(STDIN_FILENO)) {
            fputs(code_usage, stderr);
            status = EXIT_USAGE;
            goto done;
        }
        files[nf++] = "-";
    }

    sr_pipeline *pl;
    cc.time_stages = stats;
    int prc = cli_coding_pipeline(&cc, &pl);
    struct timespec t_loaded, c_loaded;
    clock_gettime(CLOCK_MONOTONIC, &t_loaded);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c_loaded);
    if (prc) {
        status = EXIT_BADINPUT;
        goto done;
    }
    /* --explain describes each parse as it happens: one thread only. */
    int jobs = cc.explain ? 1 : cc.jobs;
    struct stat so;
    int pipe_out = fstat(STDOUT_FILENO, &so) || S_ISFIFO(so.st_mode) || S_ISSOCK(so.st_mode);
    /* On a terminal each document shows as it is coded, as stdio's line
     * buffering did; so does each document read from a pipe, a socket or
     * a terminal, where documents may come one at a time and a reader of
     * the output waits for each ("tail -f feed.jsonl | sitrep code"). */
    int live_in = 0;
    struct stat si;
    for (size_t k = 0; k < nf && !live_in; k++)
        live_in = !strcmp(files[k], "-") &&
                  (fstat(STDIN_FILENO, &si) || !(S_ISREG(si.st_mode) || S_ISBLK(si.st_mode)));
    size_t gather_max = isatty(STDOUT_FILENO) || live_in ? 1
                        : !pipe_out                       ? OUT_GATHER
                        : S_ISFIFO(so.st_mode)            ? pipe_gather(STDOUT_FILENO)
                                                          : OUT_GATHER_PIPE;
    code_ctx ctx = {pl, tsv, 0, jobs <= 1, {0}, gather_max};
    gathering = &ctx;
    gathering_thread = pthread_self();
    atexit(gather_at_exit);
    cli_run run = {pl,          jobs,                     0,           NULL, code_coded,
                   code_finish, NULL,                     code_stream, &ctx, 0,
                   stats};
    cli_run_totals tot;
    cli_run_files(&run, files, nf, &tot);
    status = tot.status;
    if (!ctx.write_failed && ctx.gather.len)
        gather_out(&ctx, NULL, 0);
    gathering = NULL;
    sr_buf_free(&ctx.gather);
    if (ctx.write_failed)
        status = EXIT_BADINPUT;
    if (fflush(stdout)) {
        fprintf(stderr, "sitrep: cannot write output: %s\n", strerror(errno));
        status = EXIT_BADINPUT;
    }
    if (stats) {
        struct timespec t1, c1;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
        double dt = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        double load = (double)(t_loaded.tv_sec - t0.tv_sec) +
                      (double)(t_loaded.tv_nsec - t0.tv_nsec) / 1e9;
        double cpu = (double)c1.tv_sec + (double)c1.tv_nsec / 1e9;
        double cpu_load = (double)c_loaded.tv_sec + (double)c_loaded.tv_nsec / 1e9;
        if (dt <= 0)
            dt = 1e-9;
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr,
                "sitrep: %zu documents coded, %zu rejected; %zu sentences, %zu tokens, "
                "%zu boilerplate spans dropped, %zu events\n"
                "sitrep: %.3f s, %.0f documents/s, %.0f sentences/s, %.2f MB/s of text\n"
                "sitrep: start-up %.3f s (dictionaries, gazetteer); cpu %.3f s, of which "
                "start-up %.3f s; peak RSS %.1f MB\n",
                tot.docs, tot.rejected, tot.stats.sentences, tot.stats.tokens,
                tot.stats.boilerplate, tot.stats.events, dt, (double)tot.docs / dt,
                (double)tot.stats.sentences / dt, (double)tot.bytes / 1e6 / dt, load, cpu,
                cpu_load, (double)ru.ru_maxrss / 1024.0);
        print_stages(&tot);
    }
    sr_pipeline_free(pl);
done:
    free(cc.dicts);
    free(files);
    return status;
}
