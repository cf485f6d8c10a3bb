#include <errno.h>
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

typedef struct code_ctx {
    int tsv;
    int write_failed;
} code_ctx;

static void code_coded(void *ctx, cli_slot *sl, const sr_result *res)
{
    const code_ctx *c = ctx;
    if ((c->tsv ? sr_result_tsv(res, &sl->out) : sr_result_json(res, &sl->out)) ||
        (!c->tsv && sr_buf_putc(&sl->out, '\n')))
        sl->oom = 1;
}

static int code_finish(void *ctx, cli_slot *sl)
{
    code_ctx *c = ctx;
    if (sl->out.len && fwrite(sl->out.data, 1, sl->out.len, stdout) != sl->out.len) {
        fprintf(stderr, "sitrep: cannot write output: %s\n", strerror(errno));
        c->write_failed = 1;
        return 1;
    }
    return 0;
}

int cmd_code(int argc, char **argv)
{
    cli_coding cc = {calloc((size_t)argc + 1, sizeof(const char *)), 0, NULL, 1, 0};
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
    int prc = cli_coding_pipeline(&cc, &pl);
    struct timespec t_loaded, c_loaded;
    clock_gettime(CLOCK_MONOTONIC, &t_loaded);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c_loaded);
    if (prc) {
        status = EXIT_BADINPUT;
        goto done;
    }
    code_ctx ctx = {tsv, 0};
    /* --explain describes each parse as it happens: one thread only. */
    cli_run run = {pl, cc.explain ? 1 : cc.jobs, 0, NULL, code_coded, code_finish, NULL, &ctx};
    cli_run_totals tot;
    cli_run_files(&run, files, nf, &tot);
    status = tot.status;
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
    }
    sr_pipeline_free(pl);
done:
    free(cc.dicts);
    free(files);
    return status;
}
