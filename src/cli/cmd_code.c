#include <errno.h>
#include <pthread.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
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
    "                     CPU time, peak memory) on standard error at the end\n"
    "  -h, --help         this text\n"
    "\n"
    "Exit status: 0 all documents coded, 1 some were rejected or repaired\n"
    "(each is reported on standard error with file, line and byte), 2 usage.\n";

/* One document on its way from the reader to the output. */
typedef struct slot {
    sr_arena *arena;
    sr_doc doc;
    const sr_stream_state *st;
    sr_buf out;            /* rendered output */
    sr_buf msgs;           /* messages, written in input order */
    sr_result_stats stats;
    int ready, done, bad, rejected, oom;
    int finished;          /* a worker is through with it (under ring.mu) */
} slot;

static void slot_reset(slot *sl)
{
    sr_arena_reset(sl->arena);
    sr_buf_clear(&sl->out);
    sr_buf_clear(&sl->msgs);
    memset(&sl->doc, 0, sizeof sl->doc);
    memset(&sl->stats, 0, sizeof sl->stats);
    sl->st = NULL;
    sl->ready = sl->done = sl->bad = sl->rejected = sl->oom = sl->finished = 0;
}

static void msg_error(slot *sl, const sr_error *e)
{
    const char *m = e->msg[0] ? e->msg : sr_errmsg(e->code);
    int rc;
    if (e->file && e->line > 0)
        rc = sr_buf_printf(&sl->msgs, "sitrep: %s:%ld:%ld: %s\n", e->file, e->line, e->byte, m);
    else if (e->file)
        rc = sr_buf_printf(&sl->msgs, "sitrep: %s: %s\n", e->file, m);
    else
        rc = sr_buf_printf(&sl->msgs, "sitrep: %s\n", m);
    if (rc)
        cli_oom();
}

static void render_slot(slot *sl, const sr_result *res, int tsv)
{
    sr_result_stats_get(res, &sl->stats);
    if ((tsv ? sr_result_tsv(res, &sl->out) : sr_result_json(res, &sl->out)) ||
        (!tsv && sr_buf_putc(&sl->out, '\n')))
        sl->oom = 1;
}

static void code_slot(const sr_pipeline *pl, int tsv, slot *sl)
{
    sr_result *res;
    sr_error err;
    sr_error_clear(&err);
    if (sr_pipeline_code(pl, sl->st, sl->arena, &sl->doc, &res, &err)) {
        sl->oom = 1;
        return;
    }
    render_slot(sl, res, tsv);
}

/* The documents in flight: the main thread reads into free slots in input
 * order and writes finished ones in the same order, while the workers
 * code slots as they are filled.  Reading and writing overlap with
 * coding, and the output does not depend on -j. */
typedef struct ring {
    const sr_pipeline *pl;
    int tsv;
    slot *slots;
    size_t n;
    pthread_mutex_t mu;
    pthread_cond_t work;   /* a slot was filled, or the input ended */
    pthread_cond_t done;   /* a slot was finished */
    size_t filled, taken;  /* slots handed out so far, by sequence number */
    int end;
} ring;

static void *worker(void *arg)
{
    ring *q = arg;
    pthread_mutex_lock(&q->mu);
    for (;;) {
        while (q->taken == q->filled && !q->end)
            pthread_cond_wait(&q->work, &q->mu);
        if (q->taken == q->filled)
            break;
        slot *sl = &q->slots[q->taken++ % q->n];
        pthread_mutex_unlock(&q->mu);
        if (sl->ready && !sl->done)
            code_slot(q->pl, q->tsv, sl);
        pthread_mutex_lock(&q->mu);
        sl->finished = 1;
        pthread_cond_signal(&q->done);
    }
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

/* The gazetteer: $SITREP_GAZETTEER ("off": none), else gazetteer.bin
 * beside the executable (where `make gazetteer` puts it), else none. */
static const char *default_gazetteer(char *buf, size_t cap)
{
    const char *env = getenv("SITREP_GAZETTEER");
    if (env && !strcmp(env, "off"))
        return NULL;
    if (env && *env)
        return env;
    if (cap < 32 || cli_exe_dir(buf, cap - 16))
        return NULL;
    strcat(buf, "gazetteer.bin");
    return access(buf, R_OK) == 0 ? buf : NULL;
}

static int write_all(const sr_buf *b)
{
    if (b->len && fwrite(b->data, 1, b->len, stdout) != b->len)
        return -1;
    return 0;
}

int cmd_code(int argc, char **argv)
{
    const char **dicts = calloc((size_t)argc + 1, sizeof *dicts);
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!dicts || !files)
        cli_oom();
    size_t nd = 0, nf = 0;
    int tsv = 0, stats = 0, explain = 0, status = EXIT_OK, jobs = 1;
    const char *gazetteer = NULL;
    size_t ndocs = 0, nrejected = 0, nbytes = 0;
    sr_result_stats total = {0, 0, 0, 0};
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(code_usage, stdout);
            free(dicts);
            free(files);
            return EXIT_OK;
        } else if (!strcmp(a, "--no-dict-cache")) {
            /* The pipeline reads the cache settings from the environment,
             * as every other caller of the library does. */
            if (setenv("SITREP_NO_DICT_CACHE", "1", 1))
                cli_oom();
        } else if (!strcmp(a, "--dict-cache") || !strncmp(a, "--dict-cache=", 13)) {
            const char *v = a[12] == '=' ? a + 13 : i + 1 < argc ? argv[++i] : NULL;
            if (!v || !*v) {
                fprintf(stderr, "sitrep code: --dict-cache needs a folder\n");
                status = EXIT_USAGE;
                goto done;
            }
            if (setenv("SITREP_DICT_CACHE", v, 1))
                cli_oom();
        } else if (!strcmp(a, "--dict") || !strcmp(a, "--format")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "sitrep code: %s needs a value\n", a);
                status = EXIT_USAGE;
                goto done;
            }
            const char *v = argv[++i];
            if (!strcmp(a, "--dict")) {
                dicts[nd++] = v;
            } else if (!strcmp(v, "json") || !strcmp(v, "tsv")) {
                tsv = !strcmp(v, "tsv");
            } else {
                fprintf(stderr, "sitrep code: unknown format '%s' (json or tsv)\n", v);
                status = EXIT_USAGE;
                goto done;
            }
        } else if (!strcmp(a, "-j") || !strncmp(a, "-j", 2) || !strncmp(a, "--jobs=", 7)) {
            const char *v = !strncmp(a, "--jobs=", 7) ? a + 7 : a[2] ? a + 2 : NULL;
            if (!v) {
                if (i + 1 >= argc) {
                    fprintf(stderr, "sitrep code: -j needs a number\n");
                    status = EXIT_USAGE;
                    goto done;
                }
                v = argv[++i];
            }
            char *end;
            long j = strtol(v, &end, 10);
            if (*end || j < 1 || j > 64) {
                fprintf(stderr, "sitrep code: -j takes a number from 1 to 64, not '%s'\n", v);
                status = EXIT_USAGE;
                goto done;
            }
            jobs = (int)j;
        } else if (!strcmp(a, "--gazetteer")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "sitrep code: --gazetteer needs a file\n");
                status = EXIT_USAGE;
                goto done;
            }
            gazetteer = argv[++i];
        } else if (!strcmp(a, "--stats")) {
            stats = 1;
        } else if (!strcmp(a, "--explain")) {
            explain = 1;
        } else if (!strncmp(a, "--dict=", 7)) {
            dicts[nd++] = a + 7;
        } else if (!strncmp(a, "--format=", 9)) {
            if (strcmp(a + 9, "json") && strcmp(a + 9, "tsv")) {
                fprintf(stderr, "sitrep code: unknown format '%s' (json or tsv)\n", a + 9);
                status = EXIT_USAGE;
                goto done;
            }
            tsv = !strcmp(a + 9, "tsv");
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

    sr_error err;
    sr_error_clear(&err);
    char gazbuf[4096];
    const char *gaz = gazetteer ? gazetteer : default_gazetteer(gazbuf, sizeof gazbuf);
    size_t nbuiltin = 0;
    char **builtin = nd ? NULL : cli_builtin_dicts(&nbuiltin);
    sr_pipeline_opts po = {nd ? dicts : (const char *const *)builtin, nd ? nd : nbuiltin,
                           explain ? stderr : NULL, gaz, 0};
    sr_pipeline *pl;
    int prc = sr_pipeline_new(&po, stderr, &pl, &err);
    cli_free_list(builtin, nbuiltin);
    struct timespec t_loaded, c_loaded;
    clock_gettime(CLOCK_MONOTONIC, &t_loaded);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c_loaded);
    if (prc) {
        fputs("sitrep: ", stderr);
        sr_error_print(&err, stderr);
        status = EXIT_BADINPUT;
        goto done;
    }
    /* With -j N, N workers code while this thread reads and writes; a
     * few slots per worker keep them busy without holding many documents. */
    int threaded = jobs > 1 && !explain;
    ring q = {pl, tsv, NULL, threaded ? (size_t)jobs * 4 + 4 : 1, PTHREAD_MUTEX_INITIALIZER,
              PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0};
    slot *slots = q.slots = calloc(q.n, sizeof *slots);
    if (!slots)
        cli_oom();
    for (size_t k = 0; k < q.n; k++)
        if (!(slots[k].arena = sr_arena_new()))
            cli_oom();
    pthread_t tid[64];
    int started = 0;
    for (int t = 0; threaded && t < jobs && t < 64; t++)
        if (pthread_create(&tid[started], NULL, worker, &q) == 0)
            started++;
    sr_stream_state *state = NULL;
    sr_reader *rd = NULL;
    size_t f = 0, written = 0;
    int eof = 0;
    for (;;) {
        /* Fill free slots in input order. */
        while (!eof && q.filled - written < q.n) {
            slot *sl = &slots[q.filled % q.n];
            if (!rd) {
                if (f >= nf) {
                    eof = 1;
                    break;
                }
                sr_stream_state_free(state);
                if (!(state = sr_stream_state_new(pl)))
                    cli_oom();
                if (sr_input_open(files[f++], SR_FMT_AUTO, &rd, &err)) {
                    slot_reset(sl);
                    msg_error(sl, &err);
                    sl->bad = 1;
                    rd = NULL;
                    goto publish;
                }
            }
            slot_reset(sl);
            sr_error_clear(&err);
            int rc = sr_input_next(rd, sl->arena, &sl->doc, &err);
            if (rc == 0) {
                sr_input_close(rd);
                rd = NULL;
                continue;
            }
            if (rc < 0) {
                msg_error(sl, &err);
                sl->bad = 1;
                sl->rejected = 1;
                if (rc == SR_ENOMEM)
                    cli_oom();
                if (rc == SR_EIO) {
                    sr_input_close(rd);
                    rd = NULL;
                }
                goto publish;
            }
            if (sl->doc.warning) {
                if (sr_buf_printf(&sl->msgs, "sitrep: %s:%ld:%ld: document %s: %s\n", sl->doc.file,
                                  sl->doc.line, sl->doc.warning_byte, sl->doc.id, sl->doc.warning))
                    cli_oom();
                sl->bad = 1;
            }
            if (sr_stream_state_apply(state, &sl->doc, &err)) {
                msg_error(sl, &err);
                sl->bad = 1;
            }
            if (!(sl->st = sr_stream_state_snapshot(state, sl->arena)))
                cli_oom();
            sl->ready = 1;
            if (sr_stream_state_forwarding(state)) {
                /* FORWARD links each record to the one before: code it
                 * here, in order, with the stream's memory. */
                sr_result *res;
                sr_error e2;
                sr_error_clear(&e2);
                if (sr_pipeline_code_stream(pl, state, sl->arena, &sl->doc, &res, &e2))
                    cli_oom();
                render_slot(sl, res, tsv);
                sl->done = 1;
            } else if (!started) {
                code_slot(pl, tsv, sl);
                sl->done = 1;
            }
        publish:
            if (!started) {
                sl->finished = 1;
                q.filled++;
                break; /* one at a time: write it before reading on */
            }
            pthread_mutex_lock(&q.mu);
            q.filled++;
            pthread_cond_signal(&q.work);
            pthread_mutex_unlock(&q.mu);
        }
        if (eof && started) {
            pthread_mutex_lock(&q.mu);
            q.end = 1;
            pthread_cond_broadcast(&q.work);
            pthread_mutex_unlock(&q.mu);
        }
        if (written == q.filled) {
            if (eof)
                break;
            continue;
        }
        /* Write the oldest slot once it is finished. */
        slot *sl = &slots[written % q.n];
        if (started) {
            pthread_mutex_lock(&q.mu);
            while (!sl->finished)
                pthread_cond_wait(&q.done, &q.mu);
            pthread_mutex_unlock(&q.mu);
        }
        written++;
        if (sl->oom)
            cli_oom();
        if (sl->msgs.len)
            fwrite(sl->msgs.data, 1, sl->msgs.len, stderr);
        if (sl->bad)
            status = EXIT_BADINPUT;
        nrejected += (size_t)sl->rejected;
        if (!sl->ready)
            continue;
        ndocs++;
        nbytes += sl->doc.text_len;
        total.sentences += sl->stats.sentences;
        total.tokens += sl->stats.tokens;
        total.boilerplate += sl->stats.boilerplate;
        total.events += sl->stats.events;
        if (write_all(&sl->out)) {
            fprintf(stderr, "sitrep: cannot write output: %s\n", strerror(errno));
            status = EXIT_BADINPUT;
            break;
        }
    }
    if (started) {
        /* After a write error the workers still finish what they hold. */
        pthread_mutex_lock(&q.mu);
        q.end = 1;
        pthread_cond_broadcast(&q.work);
        pthread_mutex_unlock(&q.mu);
        for (int t = 0; t < started; t++)
            pthread_join(tid[t], NULL);
    }
    if (rd)
        sr_input_close(rd);
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
                ndocs, nrejected, total.sentences, total.tokens, total.boilerplate, total.events,
                dt, (double)ndocs / dt, (double)total.sentences / dt, (double)nbytes / 1e6 / dt,
                load, cpu, cpu_load, (double)ru.ru_maxrss / 1024.0);
    }
    for (size_t k = 0; k < q.n; k++) {
        sr_arena_free(slots[k].arena);
        sr_buf_free(&slots[k].out);
        sr_buf_free(&slots[k].msgs);
    }
    free(slots);
    sr_stream_state_free(state);
    sr_pipeline_free(pl);
done:
    free(dicts);
    free(files);
    return status;
}
