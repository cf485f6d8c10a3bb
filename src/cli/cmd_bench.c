/* sitrep bench: in-process throughput of each stage on one core.
 *
 * The documents are read into memory first, so the figures leave out disk
 * and input parsing; dictionary and gazetteer loading are timed on their
 * own.  Each stage is a separate pipeline over the same documents:
 *   text   sentences, tokens, boilerplate (the text stage alone)
 *   facts  text + numbers, counts, dates, attribution, modality
 *   geo    text + places (needs --gazetteer)
 *   coder  text + shallow parse + event coding (TABARI's and PETRARCH's job)
 *   full   everything `sitrep code` does: facts, places, coding, the label,
 *          the record and the JSON rendering (not written anywhere)
 *   nogeo  full without the places: what geoparsing adds to coding is
 *          full minus nogeo (event locations and the places' JSON too)
 * A stage's own cost is its figure minus the text stage's.  The timed
 * loop is the function bench_loop, so that `valgrind --tool=callgrind
 * --toggle-collect=bench_loop` counts the instructions of coding alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "../input/sr_input.h"
#include "../pipeline/sr_pipeline.h"
#include "../util/sr_util.h"
#include "cli.h"

static const char bench_usage[] =
    "usage: sitrep bench [OPTIONS] FILE...\n"
    "\n"
    "Times the stages of `sitrep code` on the documents of FILE..., in memory,\n"
    "on one core, and prints documents/s, sentences/s, MB/s and peak RSS.\n"
    "\n"
    "options:\n"
    "  --dict FILE        dictionary file (repeatable; default: the built-in set)\n"
    "  --gazetteer FILE   compiled gazetteer for the full stage (default: none)\n"
    "  --stage NAME       text, facts, geo, coder, full, nogeo or all (default: all;\n"
    "                     geo needs --gazetteer)\n"
    "  --repeat N         code the documents N times (default: 1)\n"
    "  --min-seconds S    repeat each stage until it has run S seconds (default: 1)\n";

static double now(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct corpus {
    sr_doc *docs;
    size_t n, cap, bytes;
    sr_arena *arena;
} corpus;

static int read_corpus(corpus *c, char **files, size_t nf)
{
    for (size_t f = 0; f < nf; f++) {
        sr_reader *rd;
        sr_error err;
        sr_error_clear(&err);
        if (sr_input_open(files[f], SR_FMT_AUTO, &rd, &err)) {
            fputs("sitrep bench: ", stderr);
            sr_error_print(&err, stderr);
            return -1;
        }
        for (;;) {
            if (c->n == c->cap) {
                c->cap = c->cap ? c->cap * 2 : 256;
                sr_doc *nd = realloc(c->docs, c->cap * sizeof *nd);
                if (!nd)
                    cli_oom();
                c->docs = nd;
            }
            int rc = sr_input_next(rd, c->arena, &c->docs[c->n], &err);
            if (rc == 0)
                break;
            if (rc < 0) {
                fputs("sitrep bench: ", stderr);
                sr_error_print(&err, stderr);
                if (rc == SR_ENOMEM || rc == SR_EIO) {
                    sr_input_close(rd);
                    return -1;
                }
                continue;
            }
            c->bytes += c->docs[c->n].text_len;
            c->n++;
        }
        sr_input_close(rd);
    }
    return 0;
}

typedef struct stage {
    const char *name;
    unsigned skip;
    int render;
} stage;

typedef struct tally {
    size_t docs, sentences, bytes, events;
} tally;

/* Codes every document `repeat` times, rendering when asked.  Not inlined:
 * callgrind's --toggle-collect=bench_loop counts exactly this. */
__attribute__((noinline)) void bench_loop(const sr_pipeline *pl, const corpus *c, long repeat,
                                          int render, sr_arena *a, sr_buf *out, tally *t);
__attribute__((noinline)) void bench_loop(const sr_pipeline *pl, const corpus *c, long repeat,
                                          int render, sr_arena *a, sr_buf *out, tally *t)
{
    sr_error err;
    for (long r = 0; r < repeat; r++)
        for (size_t i = 0; i < c->n; i++) {
            sr_arena_reset(a);
            sr_result *res;
            if (sr_pipeline_code(pl, NULL, a, &c->docs[i], &res, &err))
                continue;
            sr_result_stats st;
            sr_result_stats_get(res, &st);
            t->sentences += st.sentences;
            t->events += st.events;
            if (render) {
                sr_buf_clear(out);
                if (sr_result_json(res, out))
                    cli_oom();
            }
            t->docs++;
            t->bytes += c->docs[i].text_len;
        }
}

static int run_stage(const stage *sg, const corpus *c, const char *const *dicts, size_t nd,
                     const char *gaz, long repeat, double min_s)
{
    sr_pipeline_opts po = {dicts, nd, NULL, sg->skip & SR_SKIP_GEO ? NULL : gaz, sg->skip, 0};
    sr_pipeline *pl;
    sr_error err;
    sr_error_clear(&err);
    double t0 = now(CLOCK_MONOTONIC);
    if (sr_pipeline_new(&po, NULL, &pl, &err)) {
        fputs("sitrep bench: ", stderr);
        sr_error_print(&err, stderr);
        return -1;
    }
    double load = now(CLOCK_MONOTONIC) - t0;
    sr_arena *a = sr_arena_new();
    sr_buf out = SR_BUF_INIT;
    if (!a)
        cli_oom();
    tally t = {0, 0, 0, 0};
    double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID), wall = 0;
    int rounds = 0;
    do {
        bench_loop(pl, c, repeat, sg->render, a, &out, &t);
        rounds++;
        wall = now(CLOCK_MONOTONIC) - w0;
    } while (wall < min_s && rounds < 1000);
    double cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    if (wall <= 0)
        wall = 1e-9;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("  %-6s %8.3f %8.3f %10.0f %12.0f %8.2f %9.1f %9.0f ms\n", sg->name, wall, cpu,
           t.docs / wall, t.sentences / wall, t.bytes / 1e6 / wall, ru.ru_maxrss / 1024.0,
           load * 1e3);
    sr_buf_free(&out);
    sr_arena_free(a);
    sr_pipeline_free(pl);
    return 0;
}

int cmd_bench(int argc, char **argv)
{
    const char **dicts = calloc((size_t)argc + 1, sizeof *dicts);
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!dicts || !files)
        cli_oom();
    size_t nd = 0, nf = 0;
    const char *gaz = NULL, *which = "all";
    long repeat = 1;
    double min_s = 1.0;
    int status = EXIT_OK;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(bench_usage, stdout);
            goto done;
        } else if (!strcmp(a, "--dict") && more) {
            dicts[nd++] = argv[++i];
        } else if (!strcmp(a, "--gazetteer") && more) {
            gaz = argv[++i];
        } else if (!strcmp(a, "--stage") && more) {
            which = argv[++i];
        } else if (!strcmp(a, "--repeat") && more) {
            char *end;
            repeat = strtol(argv[++i], &end, 10);
            if (*end || repeat < 1) {
                fprintf(stderr, "sitrep bench: --repeat takes a positive number\n");
                status = EXIT_USAGE;
                goto done;
            }
        } else if (!strcmp(a, "--min-seconds") && more) {
            char *end;
            min_s = strtod(argv[++i], &end);
            if (*end || min_s < 0) {
                fprintf(stderr, "sitrep bench: --min-seconds takes a number of seconds\n");
                status = EXIT_USAGE;
                goto done;
            }
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "sitrep bench: unknown option or missing value '%s'\n\n%s", a,
                    bench_usage);
            status = EXIT_USAGE;
            goto done;
        } else {
            files[nf++] = (char *)a;
        }
    }
    static const stage stages[] = {
        {"text", SR_SKIP_FACTS | SR_SKIP_GEO | SR_SKIP_CODE, 0},
        {"facts", SR_SKIP_GEO | SR_SKIP_CODE, 0},
        {"geo", SR_SKIP_FACTS | SR_SKIP_CODE, 0},
        {"coder", SR_SKIP_FACTS | SR_SKIP_GEO | SR_SKIP_LABEL, 0},
        {"full", 0, 1},
        {"nogeo", SR_SKIP_GEO, 1},
    };
    enum { NSTAGES = sizeof stages / sizeof stages[0] };
    int any = 0;
    for (size_t k = 0; k < NSTAGES; k++)
        any |= !strcmp(which, "all") || !strcmp(which, stages[k].name);
    if (!nf || !any) {
        fputs(bench_usage, stderr);
        status = EXIT_USAGE;
        goto done;
    }
    if (!gaz && !strcmp(which, "geo")) {
        fprintf(stderr, "sitrep bench: --stage geo needs --gazetteer\n");
        status = EXIT_USAGE;
        goto done;
    }
    size_t nbuiltin = 0;
    char **builtin = NULL;
    char dictdir[4096];
    if (!nd && cli_builtin_dicts(&builtin, &nbuiltin, dictdir, sizeof dictdir)) {
        cli_no_builtin_dicts(dictdir);
        status = EXIT_USAGE;
        goto done;
    }
    const char *const *use = nd ? dicts : (const char *const *)builtin;
    size_t nuse = nd ? nd : nbuiltin;
    corpus c = {NULL, 0, 0, 0, sr_arena_new()};
    if (!c.arena)
        cli_oom();
    if (read_corpus(&c, files, nf)) {
        status = EXIT_BADINPUT;
    } else {
        printf("sitrep bench: %zu documents, %.2f MB of text, x%ld, one core\n", c.n,
               c.bytes / 1e6, repeat);
        printf("  %-6s %8s %8s %10s %12s %8s %9s %12s\n", "stage", "wall s", "cpu s", "docs/s",
               "sentences/s", "MB/s", "RSS MB", "load");
        for (size_t k = 0; k < NSTAGES; k++) {
            if (strcmp(which, "all") && strcmp(which, stages[k].name))
                continue;
            /* Places need a gazetteer: without one, "all" leaves them out. */
            if (!gaz && !strcmp(stages[k].name, "geo"))
                continue;
            if (run_stage(&stages[k], &c, use, nuse, gaz, repeat, min_s)) {
                status = EXIT_BADINPUT;
                break;
            }
        }
    }
    free(c.docs);
    sr_arena_free(c.arena);
    cli_free_list(builtin, nbuiltin);
done:
    free(dicts);
    free(files);
    return status;
}
