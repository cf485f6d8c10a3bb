#include <errno.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../input/sr_input.h"
#include "../pipeline/sr_pipeline.h"
#include "cli.h"

static const char code_usage[] =
    "usage: sitrep code [--dict FILE]... [--format json|tsv] [FILE...]\n"
    "\n"
    "Reads documents from each FILE (or standard input, named -) and writes\n"
    "one JSON object per document, in input order, to standard output.\n"
    "Input formats are detected from the content: JSON Lines, TABARI text\n"
    "records, or plain text (one document, first line the title).\n"
    "\n"
    "  --dict FILE        use a TABARI or PETRARCH dictionary file instead of the\n"
    "                     built-in set (repeatable; kind taken from the name)\n"
    "  --format json|tsv  json (default): one object per document;\n"
    "                     tsv: one line per event: date, source, target, code, id\n"
    "  --explain          describe each parse (words, types, actors, clauses)\n"
    "                     and the events it gave, on standard error\n"
    "  --stats            print a summary (documents, sentences, speed) on\n"
    "                     standard error at the end\n"
    "  -h, --help         this text\n"
    "\n"
    "Exit status: 0 all documents coded, 1 some were rejected or repaired\n"
    "(each is reported on standard error with file, line and byte), 2 usage.\n";

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
    int tsv = 0, stats = 0, explain = 0, status = EXIT_OK;
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
    sr_pipeline_opts po = {dicts, nd, explain ? stderr : NULL};
    sr_pipeline *pl;
    if (sr_pipeline_new(&po, stderr, &pl, &err)) {
        fputs("sitrep: ", stderr);
        sr_error_print(&err, stderr);
        status = EXIT_BADINPUT;
        goto done;
    }
    sr_arena *arena = sr_arena_new();
    sr_buf out = SR_BUF_INIT;
    sr_stream_state *state = NULL;
    if (!arena)
        cli_oom();
    for (size_t f = 0; f < nf; f++) {
        sr_reader *rd;
        sr_stream_state_free(state);
        if (!(state = sr_stream_state_new(pl)))
            cli_oom();
        if (sr_input_open(files[f], SR_FMT_AUTO, &rd, &err)) {
            fputs("sitrep: ", stderr);
            sr_error_print(&err, stderr);
            status = EXIT_BADINPUT;
            continue;
        }
        for (;;) {
            sr_doc doc;
            sr_arena_reset(arena);
            sr_error_clear(&err);
            int rc = sr_input_next(rd, arena, &doc, &err);
            if (rc == 0)
                break;
            if (rc < 0) {
                fputs("sitrep: ", stderr);
                sr_error_print(&err, stderr);
                status = EXIT_BADINPUT;
                nrejected++;
                if (rc == SR_ENOMEM)
                    cli_oom();
                if (rc == SR_EIO)
                    break;
                continue;
            }
            if (doc.warning) {
                fprintf(stderr, "sitrep: %s:%ld:%ld: document %s: %s\n", doc.file, doc.line,
                        doc.warning_byte, doc.id, doc.warning);
                status = EXIT_BADINPUT;
            }
            sr_result *res;
            rc = sr_pipeline_run(pl, state, arena, &doc, &res, &err);
            if (rc == SR_EPARSE) {
                fputs("sitrep: ", stderr);
                sr_error_print(&err, stderr);
                status = EXIT_BADINPUT;
            } else if (rc) {
                cli_oom();
            }
            sr_result_stats st;
            sr_result_stats_get(res, &st);
            ndocs++;
            nbytes += doc.text_len;
            total.sentences += st.sentences;
            total.tokens += st.tokens;
            total.boilerplate += st.boilerplate;
            total.events += st.events;
            sr_buf_clear(&out);
            if ((tsv ? sr_result_tsv(res, &out) : sr_result_json(res, &out)) ||
                (!tsv && sr_buf_putc(&out, '\n')))
                cli_oom();
            if (write_all(&out)) {
                fprintf(stderr, "sitrep: cannot write output: %s\n", strerror(errno));
                status = EXIT_BADINPUT;
                sr_input_close(rd);
                goto out_done;
            }
        }
        sr_input_close(rd);
    }
out_done:
    if (fflush(stdout)) {
        fprintf(stderr, "sitrep: cannot write output: %s\n", strerror(errno));
        status = EXIT_BADINPUT;
    }
    if (stats) {
        struct timespec t1;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double dt = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        if (dt <= 0)
            dt = 1e-9;
        fprintf(stderr,
                "sitrep: %zu documents coded, %zu rejected; %zu sentences, %zu tokens, "
                "%zu boilerplate spans dropped, %zu events\n"
                "sitrep: %.3f s, %.0f documents/s, %.0f sentences/s, %.2f MB/s of text\n",
                ndocs, nrejected, total.sentences, total.tokens, total.boilerplate, total.events,
                dt, (double)ndocs / dt, (double)total.sentences / dt, (double)nbytes / 1e6 / dt);
    }
    sr_buf_free(&out);
    sr_arena_free(arena);
    sr_stream_state_free(state);
    sr_pipeline_free(pl);
done:
    free(dicts);
    free(files);
    return status;
}
